"""Every change to submissions: receiving, web entry, drafts, review."""

from __future__ import annotations

import mimetypes
import os
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.audit.context import current_ip
from kozomol.audit.services import audit_record
from kozomol.campaigns.models import Campaign
from kozomol.questionnaires.models import Form, FormVersion
from kozomol.submissions.models import (
    Attachment,
    Draft,
    DraftFile,
    ReviewComment,
    Submission,
    SubmissionEdit,
)
from kozomol.submissions.profile import extract_profile
from kozomol.submissions.writer import NewSubmission, group_writer, writer_turn
from kozomol.submissions.xmldata import ParsedSubmission, build_xml, parse_submission

ERR_FORM_UNKNOWN = gettext_noop("This campaign has no form with the ID %(form_id)s.")
ERR_FORM_CLOSED = gettext_noop("The form %(form_id)s no longer accepts submissions.")
ERR_FORM_NO_VERSION = gettext_noop("The form %(form_id)s has no version yet.")
ERR_CONFLICT = gettext_noop(
    "A submission with the instanceID %(instance_id)s already exists with different answers. "
    "An edited copy must carry meta/deprecatedID."
)
ERR_REPLACED = gettext_noop("The submission %(instance_id)s has been replaced by an edited copy.")
ERR_OTHER_CAMPAIGN = gettext_noop("The instanceID %(instance_id)s belongs to another campaign.")
ERR_STATUS = gettext_noop("Unknown review state: %(status)s.")
ERR_COMMENT_EMPTY = gettext_noop("Write a comment.")
ERR_DRAFT_STALE = gettext_noop("A newer save of this draft exists.")

TIME_QUESTION_NAMES = ("end", "start")


class SubmissionRejected(Exception):
    """The server refuses a submission; ``status`` is the HTTP status to answer with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@dataclass
class ReceiveResult:
    submission: Submission
    created: bool
    attachments_added: list[str] = field(default_factory=list)
    replaced: bool = False


def _submitted_at(data: dict[str, Any]) -> Any:
    for name in TIME_QUESTION_NAMES:
        value = data.get(name)
        if isinstance(value, str) and value:
            moment = parse_datetime(value)
            if moment is not None:
                return moment if timezone.is_aware(moment) else timezone.make_aware(moment)
    return None


def _apply_profile(submission: Submission, form: Form) -> None:
    profile = extract_profile(
        submission.data, campaign=submission.campaign, default_target_group_id=form.target_group_id
    )
    submission.country_code = profile.country_code
    submission.city_id = profile.city_id
    submission.gender = profile.gender
    submission.target_group_id = profile.target_group_id


def _store_attachments(submission: Submission, files: Iterable[UploadedFile]) -> list[str]:
    """Save new attachments; files written here are removed again if this or the
    surrounding transaction fails, so a full disk or a rollback leaves no orphan file."""
    existing = set(submission.attachments.values_list("name", flat=True))
    added: list[str] = []
    written: list[str] = []
    storage = Attachment._meta.get_field("file").storage
    try:
        for upload in files:
            name = os.path.basename(upload.name or "")[:250] or f"file-{uuid.uuid4().hex[:8]}"
            if name in existing:
                continue
            content_type = upload.content_type or mimetypes.guess_type(name)[0] or "application/octet-stream"
            attachment = Attachment(
                submission=submission, name=name, content_type=content_type[:120], size=upload.size or 0
            )
            # The name the storage will write to, unless a file already holds it
            # (then the storage picks another name, and nobody else's file is touched).
            target = attachment.file.field.generate_filename(attachment, name)
            written.append("" if storage.exists(target) else target)
            attachment.file.save(name, upload, save=False)
            written[-1] = attachment.file.name
            attachment.save()
            existing.add(name)
            added.append(name)
    except BaseException:
        _remove_files(storage, written)
        raise
    return added


def _remove_files(storage: Any, names: list[str]) -> None:
    for name in names:
        try:
            if name and storage.exists(name):
                storage.delete(name)
        except OSError:
            pass


_SCHEMAS: dict[int, Any] = {}  # FormVersion.pk → FormSchema; a version's schema never changes


def _schema_of(version_pk: int) -> Any:
    schema = _SCHEMAS.get(version_pk)
    if schema is None:
        from kozomol.questionnaires.schema import FormSchema

        raw = FormVersion.objects.filter(pk=version_pk).values_list("schema", flat=True).first()
        schema = FormSchema.model_validate(raw or {})
        if len(_SCHEMAS) > 512:
            _SCHEMAS.clear()
        _SCHEMAS[version_pk] = schema
    return schema


def _lookup_version(campaign: Campaign, form_id: str, version: str) -> tuple[Form | None, FormVersion | None]:
    """The form and the version a submission names (the newest when the version is unknown)."""
    light = FormVersion.objects.select_related("form").defer(
        "xform_xml", "schema", "itemsets_csv", "warnings"
    )
    if version:
        found = light.filter(form__campaign=campaign, form__form_id=form_id, version=version).first()
        if found is not None:
            return found.form, found
    form = Form.objects.filter(campaign=campaign, form_id=form_id).first()
    if form is None:
        return None, None
    newest = light.filter(form=form).order_by("-created_at", "-pk").first()
    return form, newest


# Phones name the same form version in every submission; the lookup is kept a
# few seconds per process. A version's row never changes; whether its form is
# still open is read again in the write transaction, so closing a form takes
# effect at once. A new upload is a new version, never a cached one.
LOOKUP_CACHE_SECONDS = 5.0
_LOOKUPS: dict[tuple[int, str, str], tuple[float, Form, FormVersion]] = {}
_LOOKUPS_LOCK = threading.Lock()


def _cached_lookup(campaign: Campaign, form_id: str, version: str) -> tuple[Form | None, FormVersion | None]:
    key = (campaign.pk, form_id, version)
    now = time.monotonic()
    with _LOOKUPS_LOCK:
        hit = _LOOKUPS.get(key)
    if hit is not None and hit[0] > now:
        return hit[1], hit[2]
    form, form_version = _lookup_version(campaign, form_id, version)
    # Only an exact version is kept: "the newest" changes with the next upload.
    if form is not None and form_version is not None and version and form_version.version == version:
        with _LOOKUPS_LOCK:
            if len(_LOOKUPS) > 1024:
                _LOOKUPS.clear()
            _LOOKUPS[key] = (now + LOOKUP_CACHE_SECONDS, form, form_version)
    return form, form_version


def clear_lookup_cache() -> None:
    with _LOOKUPS_LOCK:
        _LOOKUPS.clear()


def submission_receive(
    *,
    campaign: Campaign,
    xml: bytes,
    files: list[UploadedFile],
    user: Any,
    source: str = Submission.Source.OPENROSA,
) -> ReceiveResult:
    """Store one OpenRosa submission (or the rest of its attachments).

    The same instanceID with identical XML stores nothing twice but keeps the
    attachments that are new, so a submission split over several POSTs
    assembles into one. Different XML for a known instanceID is a conflict,
    unless the document is an edit that names the old one in deprecatedID.

    Parsing and the form lookup happen before the write transaction so the
    database write lock (all of SQLite) is held only for the writes.
    """
    found: dict[str, Any] = {}

    def schema_for(form_id: str, version: str) -> Any:
        form, form_version = _cached_lookup(campaign, form_id, version)
        found["form"], found["version"] = form, form_version
        return _schema_of(form_version.pk) if form_version is not None else None

    parsed: ParsedSubmission = parse_submission(xml, schema_for)  # SubmissionXMLError → 400 in the view
    form: Form | None = found.get("form")
    if form is None:
        raise SubmissionRejected(404, _(ERR_FORM_UNKNOWN) % {"form_id": parsed.form_id})
    form_version: FormVersion | None = found.get("version")
    if form_version is None:
        raise SubmissionRejected(404, _(ERR_FORM_NO_VERSION) % {"form_id": parsed.form_id})
    text = xml.decode("utf-8", errors="replace")
    user = user if getattr(user, "is_authenticated", False) else None
    if not files and not parsed.deprecated_id:
        # The common case, a new interview without attachments, is written in a
        # batch with the others arriving at the same moment (see writer.py). If
        # the batch finds the instanceID known or the form closed, the ordinary
        # path below decides what to answer.
        new = _new_submission(campaign, form, form_version, parsed, text, user, source)
        if group_writer.write(new):
            return ReceiveResult(new.submission, created=True)
        # The ordinary path reads the form afresh (the cached one may have closed since).
        form, form_version = _lookup_version(campaign, parsed.form_id, parsed.version)
        if form is None or form_version is None:
            raise SubmissionRejected(404, _(ERR_FORM_UNKNOWN) % {"form_id": parsed.form_id})
    with writer_turn(), transaction.atomic():
        return _receive_locked(
            campaign=campaign,
            form=form,
            form_version=form_version,
            parsed=parsed,
            text=text,
            files=files,
            user=user,
            source=source,
        )


def _new_submission(
    campaign: Campaign,
    form: Form,
    form_version: FormVersion,
    parsed: ParsedSubmission,
    text: str,
    user: Any,
    source: str,
) -> NewSubmission:
    submission = Submission(
        campaign=campaign,
        form=form,
        form_version=form_version,
        instance_id=parsed.instance_id,
        deprecated_id=parsed.deprecated_id,
        xml=text,
        data=parsed.data,
        source=source,
        submitted_by=user,
        submitted_at=_submitted_at(parsed.data),
    )
    _apply_profile(submission, form)
    return NewSubmission(
        submission=submission,
        actor=user,
        ip=current_ip(),
        changes={
            "form": [None, form.form_id],
            "version": [None, form_version.version],
            "source": [None, source],
        },
    )


def _receive_locked(
    *,
    campaign: Campaign,
    form: Form,
    form_version: FormVersion,
    parsed: ParsedSubmission,
    text: str,
    files: list[UploadedFile],
    user: Any,
    source: str,
) -> ReceiveResult:
    from django.db.models import Q

    ids = [parsed.instance_id] + ([parsed.deprecated_id] if parsed.deprecated_id else [])
    known = list(
        Submission.objects.select_for_update()
        .filter(Q(instance_id__in=ids) | Q(deprecated_id=parsed.instance_id, campaign=campaign))
        .only("id", "instance_id", "deprecated_id", "campaign_id", "xml", "data", "form_id", "status")
    )
    existing = next((s for s in known if s.instance_id == parsed.instance_id), None)
    if existing is not None:
        if existing.campaign_id != campaign.pk:
            raise SubmissionRejected(409, _(ERR_OTHER_CAMPAIGN) % {"instance_id": parsed.instance_id})
        if existing.xml.strip() != text.strip():
            raise SubmissionRejected(409, _(ERR_CONFLICT) % {"instance_id": parsed.instance_id})
        added = _store_attachments(existing, files) if files else []
        if added:
            SubmissionEdit.objects.create(
                submission=existing, actor=user, kind=SubmissionEdit.Kind.ATTACHMENT, changes={"added": added}
            )
            audit_record(actor=user, action="update", obj=existing, changes={"attachments": [None, added]})
        return ReceiveResult(existing, created=False, attachments_added=added)

    if any(s.deprecated_id == parsed.instance_id and s.campaign_id == campaign.pk for s in known):
        raise SubmissionRejected(409, _(ERR_REPLACED) % {"instance_id": parsed.instance_id})
    if not form.is_open:
        raise SubmissionRejected(403, _(ERR_FORM_CLOSED) % {"form_id": parsed.form_id})

    previous = next(
        (
            s
            for s in known
            if parsed.deprecated_id and s.instance_id == parsed.deprecated_id and s.campaign_id == campaign.pk
        ),
        None,
    )
    if previous is not None:
        # An edit made on the phone: the interview keeps its row, history and
        # review; the answers and the instanceID move on.
        previous = Submission.objects.select_related("campaign").get(pk=previous.pk)
        before = previous.data
        previous.instance_id = parsed.instance_id
        previous.deprecated_id = parsed.deprecated_id
        previous.xml = text
        previous.data = parsed.data
        previous.form_version = form_version
        previous.updated_at = timezone.now()
        _apply_profile(previous, form)
        previous.save()
        added = _store_attachments(previous, files) if files else []
        SubmissionEdit.objects.create(
            submission=previous,
            actor=user,
            kind=SubmissionEdit.Kind.REPLACED,
            changes={
                "instance_id": [parsed.deprecated_id, parsed.instance_id],
                **_data_diff(before, parsed.data),
            },
        )
        audit_record(
            actor=user,
            action="update",
            obj=previous,
            changes={"instance_id": [parsed.deprecated_id, parsed.instance_id]},
        )
        return ReceiveResult(previous, created=False, attachments_added=added, replaced=True)

    new = _new_submission(campaign, form, form_version, parsed, text, user, source)
    submission = new.submission
    try:
        with transaction.atomic():
            submission.save(force_insert=True)
    except IntegrityError as exc:  # a concurrent POST of the same instanceID won the race
        raise SubmissionRejected(409, _(ERR_CONFLICT) % {"instance_id": parsed.instance_id}) from exc
    added = _store_attachments(submission, files) if files else []
    audit_record(actor=user, action="create", obj=submission, changes=new.changes)
    return ReceiveResult(submission, created=True, attachments_added=added)


def _data_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


# --- web entry and drafts ----------------------------------------------------


@transaction.atomic
def draft_start(*, form: Form, user: Any, language: str = "") -> Draft:
    version = form.current_version
    if version is None:
        raise ValidationError(_(ERR_FORM_NO_VERSION) % {"form_id": form.form_id})
    from kozomol.submissions.xformlogic import form_logic

    draft = Draft.objects.create(
        campaign=form.campaign,
        form=form,
        form_version=version,
        owner=user,
        instance_id=f"uuid:{uuid.uuid4()}",
        language=language[:40],
        data=dict(form_logic(version).defaults),  # the XLSForm's default answers
    )
    audit_record(
        actor=user, action="create", obj=draft, campaign_id=form.campaign_id, message="draft started"
    )
    return draft


@transaction.atomic
def draft_save(
    *,
    draft: Draft,
    values: dict[str, Any],
    actor: Any,
    revision: int | None = None,
    language: str | None = None,
    files: dict[str, UploadedFile] | None = None,
) -> Draft:
    """Keep what the monitor typed. An autosave older than the stored one is ignored."""
    locked = Draft.objects.select_for_update().get(pk=draft.pk)
    if revision is not None and revision < locked.revision:
        raise ValidationError(_(ERR_DRAFT_STALE))
    locked.data = values
    locked.revision = max(locked.revision + 1, (revision or 0) + 1)
    if language is not None:
        locked.language = language[:40]
    locked.updated_at = timezone.now()
    locked.save(update_fields=["data", "revision", "language", "updated_at"])
    for field_path, upload in (files or {}).items():
        old = DraftFile.objects.filter(draft=locked, field=field_path).first()
        if old is not None:
            old.file.delete(save=False)
            old.delete()
        name = os.path.basename(upload.name or "file")[:250]
        stored = DraftFile(
            draft=locked,
            field=field_path,
            name=name,
            size=upload.size or 0,
            content_type=(upload.content_type or mimetypes.guess_type(name)[0] or "")[:120],
        )
        stored.file.save(name, upload, save=False)
        stored.save()
    return locked


@transaction.atomic
def draft_delete(*, draft: Draft, actor: Any) -> None:
    for stored in draft.files.all():
        stored.file.delete(save=False)
    audit_record(
        actor=actor, action="delete", obj=draft, campaign_id=draft.campaign_id, message="draft discarded"
    )
    draft.delete()


@transaction.atomic
def draft_submit(*, draft: Draft, data: dict[str, Any], actor: Any) -> Submission:
    """Turn a finished draft into a submission (answers already validated by the web form)."""
    form_version = draft.form_version
    schema = form_version.parsed
    root_name = _root_name(form_version)
    xml = build_xml(
        schema=schema,
        root_name=root_name,
        data=data,
        instance_id=draft.instance_id,
        declared_version=form_version.version_declared,
    )
    submission = Submission(
        campaign=draft.campaign,
        form=draft.form,
        form_version=form_version,
        instance_id=draft.instance_id,
        xml=xml,
        data=data,
        source=Submission.Source.WEB,
        submitted_by=actor,
        submitted_at=timezone.now(),
    )
    _apply_profile(submission, draft.form)
    submission.save(force_insert=True)
    for stored in draft.files.all():
        Attachment.objects.create(
            submission=submission,
            name=stored.name,
            file=stored.file.name,
            content_type=stored.content_type,
            size=stored.size,
        )
    audit_record(
        actor=actor,
        action="create",
        obj=submission,
        changes={
            "form": [None, draft.form.form_id],
            "version": [None, form_version.version],
            "source": [None, "web"],
        },
    )
    # The files now belong to the submission's attachments; only the rows go.
    draft.files.all().delete()
    draft.delete()
    return submission


def _root_name(form_version: FormVersion) -> str:
    from kozomol.submissions.xmldata import _local, parse_xml

    try:
        xform = parse_xml(form_version.xform_xml.encode("utf-8"))
    except ValueError:
        return "data"
    for element in xform.iter():
        if _local(element.tag) == "instance" and not element.get("id") and len(element):
            return _local(element[0].tag)
    return "data"


# --- review ------------------------------------------------------------------


@transaction.atomic
def submission_set_status(
    *, submission: Submission, status: str, actor: Any, comment: str = ""
) -> Submission:
    if status not in Submission.Status.values:
        raise ValidationError(_(ERR_STATUS) % {"status": status})
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    before = locked.status
    if before != status:
        locked.status = status
        locked.updated_at = timezone.now()
        locked.save(update_fields=["status", "updated_at"])
        SubmissionEdit.objects.create(
            submission=locked,
            actor=actor,
            kind=SubmissionEdit.Kind.STATUS,
            changes={"status": [before, status]},
        )
        audit_record(actor=actor, action="update", obj=locked, changes={"status": [before, status]})
    if comment.strip():
        ReviewComment.objects.create(
            submission=locked, author=actor, text=comment.strip(), status_from=before, status_to=status
        )
    return locked


@transaction.atomic
def submissions_bulk_status(*, campaign: Campaign, ids: Iterable[int], status: str, actor: Any) -> int:
    if status not in Submission.Status.values:
        raise ValidationError(_(ERR_STATUS) % {"status": status})
    changed = 0
    for submission in Submission.objects.filter(campaign=campaign, pk__in=list(ids)).exclude(status=status):
        submission_set_status(submission=submission, status=status, actor=actor)
        changed += 1
    return changed


@transaction.atomic
def submission_comment_add(*, submission: Submission, text: str, actor: Any) -> ReviewComment:
    if not text.strip():
        raise ValidationError(_(ERR_COMMENT_EMPTY))
    comment = ReviewComment.objects.create(
        submission=submission,
        author=actor,
        text=text.strip(),
        status_from=submission.status,
        status_to=submission.status,
    )
    audit_record(
        actor=actor,
        action="create",
        obj=comment,
        campaign_id=submission.campaign_id,
        object_repr=f"comment on {submission.instance_id}",
    )
    return comment


@transaction.atomic
def submission_update_data(*, submission: Submission, data: dict[str, Any], actor: Any) -> Submission:
    """A reviewer corrects answers; the change is kept in the edit history."""
    locked = Submission.objects.select_for_update().get(pk=submission.pk)
    changes = _data_diff(locked.data, data)
    if not changes:
        return locked
    # The XML stays as the device sent it, so a resend of it is still recognised.
    locked.data = data
    _apply_profile(locked, locked.form)
    locked.updated_at = timezone.now()
    locked.save()
    SubmissionEdit.objects.create(
        submission=locked, actor=actor, kind=SubmissionEdit.Kind.DATA, changes=changes
    )
    audit_record(actor=actor, action="update", obj=locked, changes={"answers": [None, sorted(changes)]})
    return locked


# --- device links ----------------------------------------------------------------


@transaction.atomic
def collect_token_create(*, campaign: Campaign, user: Any, label: str, actor: Any) -> Any:
    from kozomol.submissions.models import CollectToken

    token = CollectToken.objects.create(campaign=campaign, user=user, label=label.strip()[:120])
    audit_record(actor=actor, action="create", obj=token, object_repr=f"device link {token.pk} for {user}")
    return token


@transaction.atomic
def collect_token_revoke(*, token: Any, actor: Any) -> Any:
    from kozomol.submissions.openrosa import clear_auth_caches

    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    clear_auth_caches()  # this process at once; other server processes within AUTH_CACHE_SECONDS
    audit_record(
        actor=actor,
        action="update",
        obj=token,
        changes={"revoked_at": [None, token.revoked_at.isoformat()]},
        object_repr=f"device link {token.pk}",
    )
    return token
