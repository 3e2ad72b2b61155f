"""Every change to questionnaires goes through here."""

from __future__ import annotations

import hashlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_noop

from kozomol.audit.services import audit_create, audit_record
from kozomol.campaigns.models import Campaign, TargetGroup
from kozomol.questionnaires.media import ChoiceFileError, choices_from_csv, media_names
from kozomol.questionnaires.models import Form, FormMedia, FormVersion
from kozomol.questionnaires.xlsform import XLSFormError, convert_xlsform, generated_version

ERR_VERSION_EXISTS = gettext_noop(
    "Form %(form_id)s already has version %(version)s. Change the version in the settings sheet "
    "(or remove it so that Kozomol dates the upload)."
)
ERR_TARGET_GROUP = gettext_noop("The target group does not belong to this campaign.")
ERR_FORM_ID_TOO_LONG = gettext_noop("The form ID is longer than 200 characters.")
ERR_MEDIA_NOT_NAMED = gettext_noop("The form names no file %(name)s. The files it names are: %(names)s.")
ERR_MEDIA_NONE = gettext_noop("The form names no media files.")
ERR_MEDIA_TOO_LARGE = gettext_noop("%(name)s is larger than %(limit)s MB.")
ERR_MEDIA_BAD_CSV = gettext_noop("%(name)s cannot serve as a choice list: %(reason)s.")

MAX_MEDIA_BYTES = 20 * 1024 * 1024


class FormMediaError(Exception):
    """A media file was refused; the message says why."""


class FormImportError(Exception):
    """The XLSForm was refused; ``messages`` are one line per problem."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@transaction.atomic
def form_import(
    *,
    campaign: Campaign,
    content: bytes,
    filename: str,
    actor: Any,
    target_group: TargetGroup | None = None,
) -> FormVersion:
    """Create a form (or a new version of the form with the same form ID) from an XLSForm.

    pyxform's errors refuse the upload and nothing is written; its warnings
    are kept on the version and shown after the upload.
    """
    from django.utils.translation import gettext as _

    if target_group is not None and target_group.campaign_id != campaign.pk:
        raise FormImportError([_(ERR_TARGET_GROUP)])
    try:
        conversion = convert_xlsform(content, filename)
    except XLSFormError as exc:
        raise FormImportError([_(str(exc))]) from exc
    if len(conversion.form_id) > 200:
        raise FormImportError([_(ERR_FORM_ID_TOO_LONG)])
    user = actor if getattr(actor, "is_authenticated", False) else None

    form = Form.objects.select_for_update().filter(campaign=campaign, form_id=conversion.form_id).first()
    created = form is None
    if form is None:
        form = Form.objects.create(
            campaign=campaign,
            target_group=target_group,
            form_id=conversion.form_id,
            title=conversion.title[:250],
            created_by=user,
        )
        audit_create(actor, form)
    else:
        changed = []
        if target_group is not None and form.target_group_id != target_group.pk:
            form.target_group = target_group
            changed.append("target_group")
        if conversion.title and form.title != conversion.title[:250]:
            form.title = conversion.title[:250]
            changed.append("title")
        if changed:
            form.save(update_fields=changed)

    version = conversion.version[:100]
    if FormVersion.objects.filter(form=form, version=version).exists():
        if not conversion.version_generated:
            raise FormImportError([_(ERR_VERSION_EXISTS) % {"form_id": form.form_id, "version": version}])
        version = _unique_generated_version(form, version)
    schema = conversion.schema.model_copy(update={"version": version})
    form_version = FormVersion(
        form=form,
        version=version,
        version_declared=not conversion.version_generated,
        xlsform_name=filename[-250:],
        xform_xml=conversion.xform,
        schema=schema.model_dump(mode="json"),
        md5=conversion.md5,
        warnings=conversion.warnings,
        itemsets_csv=conversion.itemsets_csv,
        created_by=user,
    )
    form_version.xlsform.save(filename[-200:], ContentFile(content), save=False)
    try:
        with transaction.atomic():
            form_version.save()
    except IntegrityError as exc:
        form_version.xlsform.delete(save=False)
        raise FormImportError(
            [_(ERR_VERSION_EXISTS) % {"form_id": form.form_id, "version": version}]
        ) from exc
    carried = [] if created else _carry_media_over(form_version)
    audit_record(
        actor=actor,
        action="create",
        obj=form_version,
        campaign_id=campaign.pk,
        message=("new form " if created else "new version ")
        + f"{form.form_id} {version}"
        + (f"; media kept: {', '.join(carried)}" if carried else ""),
        changes={
            "version": [None, version],
            "md5": [None, conversion.md5],
            "warnings": [None, len(conversion.warnings)],
        },
    )
    form._current_version = form_version  # type: ignore[attr-defined]
    return form_version


def _carry_media_over(version: FormVersion) -> list[str]:
    """Copy the previous version's media files that the new version still names (as ODK Central
    keeps a form's attachments across versions): the coordinator uploads only what changed."""
    previous = (
        FormVersion.objects.filter(form_id=version.form_id)
        .exclude(pk=version.pk)
        .order_by("-created_at", "-pk")
        .first()
    )
    if previous is None:
        return []
    names = set(media_names(version.xform_xml))
    carried = []
    for media in previous.media_files.filter(name__in=names):
        with media.file.open("rb") as handle:
            content = handle.read()
        copy = FormMedia(form_version=version, name=media.name, md5=media.md5, size=media.size)
        copy.file.save(media.name, ContentFile(content), save=False)
        copy.save()
        carried.append(media.name)
    return carried


@transaction.atomic
def form_media_upload(*, version: FormVersion, name: str, content: bytes, actor: Any) -> FormMedia:
    """Attach (or replace) a file the form version names; a CSV must work as a choice list."""
    from django.utils.translation import gettext as _

    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    names = media_names(version.xform_xml)
    if not names:
        raise FormMediaError(_(ERR_MEDIA_NONE))
    if name not in names:
        raise FormMediaError(_(ERR_MEDIA_NOT_NAMED) % {"name": name, "names": ", ".join(names)})
    if len(content) > MAX_MEDIA_BYTES:
        raise FormMediaError(
            _(ERR_MEDIA_TOO_LARGE) % {"name": name, "limit": MAX_MEDIA_BYTES // (1024 * 1024)}
        )
    if name.lower().endswith(".csv"):
        try:
            choices_from_csv(content)
        except ChoiceFileError as exc:
            raise FormMediaError(_(ERR_MEDIA_BAD_CSV) % {"name": name, "reason": exc}) from None
    user = actor if getattr(actor, "is_authenticated", False) else None
    old = FormMedia.objects.select_for_update().filter(form_version=version, name=name).first()
    md5 = "md5:" + hashlib.md5(content, usedforsecurity=False).hexdigest()
    if old is not None:
        old_md5 = old.md5
        storage, path = old.file.storage, old.file.name
        old.delete()
        transaction.on_commit(lambda: storage.delete(path))  # not before: a rollback keeps the old file
    media = FormMedia(form_version=version, name=name, md5=md5, size=len(content), created_by=user)
    media.file.save(name, ContentFile(content), save=False)
    media.save()
    audit_record(
        actor=actor,
        action="update" if old is not None else "create",
        obj=media,
        campaign_id=version.form.campaign_id,
        message=f"{version.form.form_id} {version.version}: {name}",
        changes={"md5": [old_md5 if old is not None else None, md5], "size": [None, len(content)]},
    )
    return media


def _unique_generated_version(form: Form, version: str) -> str:
    candidate = generated_version()
    n = 1
    while FormVersion.objects.filter(form=form, version=candidate).exists():
        candidate = f"{version}-{n}"
        n += 1
    return candidate


@transaction.atomic
def form_set_open(*, form: Form, is_open: bool, actor: Any) -> Form:
    from kozomol.audit.services import audit_update, stored_snapshot

    before = stored_snapshot(form)
    form.is_open = is_open
    form.save(update_fields=["is_open"])
    audit_update(actor, form, before)
    return form
