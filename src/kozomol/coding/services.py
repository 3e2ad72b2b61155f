"""Every change to documents, the codebook, coded passages and memos. Each writes the audit log."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_create, audit_delete, audit_record, audit_update, snapshot
from kozomol.campaigns.models import Campaign, TargetGroup
from kozomol.coding import hooks
from kozomol.coding.default_codebook import DEFAULT_CODEBOOK
from kozomol.coding.models import Code, CodedPassage, Document, Memo
from kozomol.coding.text import normalise_text
from kozomol.places.models import Location

EMPTY_TEXT_ERROR = gettext_noop("The document has no text.")
EMPTY_TITLE_ERROR = gettext_noop("The document needs a title.")
BAD_KIND_ERROR = gettext_noop("Unknown kind of document: %(kind)s.")
DUPLICATE_EXTERNAL_ID_ERROR = gettext_noop(
    "A document with the identifier %(id)s already exists in this campaign."
)
WRONG_CAMPAIGN_ERROR = gettext_noop("%(what)s belongs to another campaign.")
BAD_COUNTRY_ERROR = gettext_noop("Unknown country code: %(code)s.")
TEXT_CHANGE_BREAKS_PASSAGES_ERROR = gettext_noop(
    "The new text no longer contains %(count)s coded passage(s); remove them first."
)
BAD_IDENTIFIER_ERROR = gettext_noop(
    "A code identifier uses capital Latin letters, digits, '_' and '.', e.g. LABOUR.WAGES_UNPAID."
)
DUPLICATE_IDENTIFIER_ERROR = gettext_noop("The code %(identifier)s already exists in this codebook.")
EMPTY_LABEL_ERROR = gettext_noop("A code needs a Russian label.")
BAD_COLOUR_ERROR = gettext_noop("A colour is written #rrggbb.")
PARENT_CYCLE_ERROR = gettext_noop("A code cannot be moved under itself or one of its sub-codes.")
MERGE_SAME_ERROR = gettext_noop("A code cannot be merged into itself.")
MERGE_DESCENDANT_ERROR = gettext_noop("A code cannot be merged into one of its own sub-codes.")
SPAN_ERROR = gettext_noop("The passage must lie within the text: 0 ≤ start < end ≤ %(length)s.")
QUOTE_MISMATCH_ERROR = gettext_noop("The selected text does not match the document at these positions.")
NO_CODES_ERROR = gettext_noop("Choose at least one code.")
EMPTY_MEMO_ERROR = gettext_noop("The memo is empty.")
MEMO_TARGET_ERROR = gettext_noop("A memo is written on exactly one document, code or passage.")
NOT_YOUR_PASSAGE_ERROR = gettext_noop("Only the coder who made a passage can change it.")

IDENTIFIER_RE = re.compile(r"^[A-Z0-9_]+(\.[A-Z0-9_]+)*$")
COLOUR_RE = re.compile(r"^#[0-9a-fA-F]{6}$")
DOCUMENT_FIELDS = (
    "title",
    "text",
    "kind",
    "external_id",
    "target_group",
    "country_code",
    "city",
    "gender",
    "profile",
    "metadata",
    "source_question",
    "original_filename",
)


# --- documents ---------------------------------------------------------------


def _clean_document_fields(campaign: Campaign, fields: dict[str, Any]) -> dict[str, Any]:
    if "text" in fields:
        fields["text"] = normalise_text(fields["text"] or "")
        if not fields["text"].strip():
            raise ValidationError({"text": _(EMPTY_TEXT_ERROR)})
    if "title" in fields:
        fields["title"] = normalise_text(fields["title"] or "").strip()[:300]
        if not fields["title"]:
            raise ValidationError({"title": _(EMPTY_TITLE_ERROR)})
    if "kind" in fields and fields["kind"] not in Document.Kind.values:
        raise ValidationError({"kind": _(BAD_KIND_ERROR) % {"kind": fields["kind"]}})
    group = fields.get("target_group")
    if group is not None and group.campaign_id != campaign.pk:
        raise ValidationError({"target_group": _(WRONG_CAMPAIGN_ERROR) % {"what": group}})
    if fields.get("country_code"):
        code = str(fields["country_code"]).upper()
        if not Location.objects.filter(kind=Location.Kind.COUNTRY, code=code).exists():
            raise ValidationError({"country_code": _(BAD_COUNTRY_ERROR) % {"code": code}})
        fields["country_code"] = code
    city = fields.get("city")
    if city is not None and not fields.get("country_code"):
        fields["country_code"] = city.country_code
    for key in ("profile", "metadata"):
        if key in fields and fields[key] is None:
            fields[key] = {}
    return fields


@transaction.atomic
def document_create(
    *,
    actor: Any,
    campaign: Campaign,
    title: str,
    text: str,
    kind: str = Document.Kind.TRANSCRIPT,
    external_id: str = "",
    target_group: TargetGroup | None = None,
    country_code: str = "",
    city: Location | None = None,
    gender: str = "",
    profile: Mapping[str, Any] | None = None,
    metadata: Mapping[str, Any] | None = None,
    submission: Any = None,
    source_question: str = "",
    original_filename: str = "",
    guid: uuid.UUID | None = None,
    created_at: Any = None,
) -> Document:
    fields = _clean_document_fields(
        campaign,
        {
            "title": title,
            "text": text,
            "kind": kind,
            "external_id": (external_id or "").strip(),
            "target_group": target_group,
            "country_code": country_code,
            "city": city,
            "gender": gender or "",
            "profile": dict(profile or {}),
            "metadata": dict(metadata or {}),
            "source_question": source_question,
            "original_filename": original_filename[:255],
        },
    )
    if (
        fields["external_id"]
        and Document.objects.filter(campaign=campaign, external_id=fields["external_id"]).exists()
    ):
        raise ValidationError({"external_id": _(DUPLICATE_EXTERNAL_ID_ERROR) % {"id": fields["external_id"]}})
    now = created_at or timezone.now()
    document = Document(
        campaign=campaign,
        submission=submission,
        created_by=actor if getattr(actor, "pk", None) else None,
        created_at=now,
        updated_at=now,
        **fields,
    )
    if guid is not None:
        document.guid = guid
    document.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=document,
        campaign_id=campaign.pk,
        # The text itself is not copied into the audit log: it may be long and sensitive.
        changes={k: [None, v] for k, v in snapshot(document).items() if k != "text"},
    )
    hooks.document_changed(document)
    return document


@transaction.atomic
def document_update(*, actor: Any, document: Document, **changes: Any) -> Document:
    unknown = set(changes) - set(DOCUMENT_FIELDS)
    if unknown:
        raise TypeError(f"document_update() got unknown fields {sorted(unknown)}")
    fields = _clean_document_fields(document.campaign, dict(changes))
    before = {k: v for k, v in snapshot(document).items() if k != "text"}
    old_text = document.text
    new_id = fields.get("external_id")
    if (
        new_id
        and new_id != document.external_id
        and Document.objects.filter(campaign=document.campaign, external_id=new_id).exists()
    ):
        raise ValidationError({"external_id": _(DUPLICATE_EXTERNAL_ID_ERROR) % {"id": new_id}})
    for key, value in fields.items():
        setattr(document, key, value)
    if "text" in fields and fields["text"] != old_text:
        _reanchor_passages(document)
    document.updated_at = timezone.now()
    document.save()
    audit_update(actor, document, before, campaign_id=document.campaign_id)
    hooks.document_changed(document)
    return document


def _reanchor_passages(document: Document) -> None:
    """Move each passage to where its quote now is (nearest to the old place), or refuse."""
    text = document.text
    lost = 0
    moved: list[CodedPassage] = []
    for passage in document.passages.all():
        if text[passage.start : passage.end] == passage.text:
            continue
        positions = [m.start() for m in re.finditer(re.escape(passage.text), text)]
        if not positions:
            lost += 1
            continue
        best = min(positions, key=lambda p: abs(p - passage.start))
        passage.start, passage.end = best, best + len(passage.text)
        moved.append(passage)
    if lost:
        raise ValidationError({"text": _(TEXT_CHANGE_BREAKS_PASSAGES_ERROR) % {"count": lost}})
    CodedPassage.objects.bulk_update(moved, ["start", "end"])


@transaction.atomic
def document_delete(*, actor: Any, document: Document) -> None:
    document_id = document.pk
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=document,
        campaign_id=document.campaign_id,
        changes={"title": [document.title, None], "passages": [document.passages.count(), None]},
    )
    document.delete()
    hooks.document_deleted(document_id)


def long_text_answers(
    data: Mapping[str, Any], *, min_length: int = 80, prefix: str = ""
) -> list[tuple[str, str]]:
    """``(path, text)`` of the free-text answers of a submission long enough to code.

    Group and repeat answers are nested dicts and lists; their paths join names
    with "/" (and "[i]" for repeats), as in the submissions' exports.
    """
    found: list[tuple[str, str]] = []
    for key, value in data.items():
        if str(key).startswith(("meta", "__", "_")):
            continue
        path = f"{prefix}/{key}" if prefix else str(key)
        if isinstance(value, dict):
            found.extend(long_text_answers(value, min_length=min_length, prefix=path))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, dict):
                    found.extend(long_text_answers(item, min_length=min_length, prefix=f"{path}[{index}]"))
        elif isinstance(value, str) and len(value.strip()) >= min_length and " " in value.strip():
            found.append((path, value.strip()))
    return found


@transaction.atomic
def documents_from_submission(
    *,
    actor: Any,
    submission: Any,
    min_length: int = 80,
    questions: Iterable[str] | None = None,
) -> list[Document]:
    """A document for every long free-text answer of ``submission``; answers already converted are kept."""
    wanted = set(questions) if questions is not None else None
    created: list[Document] = []
    label = getattr(submission, "instance_id", "") or str(submission.pk)
    for path, text in long_text_answers(submission.data or {}, min_length=min_length):
        if wanted is not None and path not in wanted:
            continue
        if Document.objects.filter(submission=submission, source_question=path).exists():
            continue
        created.append(
            document_create(
                actor=actor,
                campaign=submission.campaign,
                title=f"{label} · {path}",
                text=text,
                kind=Document.Kind.ANSWER,
                target_group=submission.target_group,
                country_code=submission.country_code or "",
                city=submission.city,
                gender=submission.gender or "",
                submission=submission,
                source_question=path,
                metadata={"form": getattr(submission, "form_id", None), "instance_id": label},
            )
        )
    return created


# --- codebook ------------------------------------------------------------------


def _check_code_fields(fields: dict[str, Any]) -> None:
    if "identifier" in fields:
        fields["identifier"] = (fields["identifier"] or "").strip().upper()
        if not IDENTIFIER_RE.match(fields["identifier"]):
            raise ValidationError({"identifier": _(BAD_IDENTIFIER_ERROR)})
    if "label_ru" in fields and not (fields["label_ru"] or "").strip():
        raise ValidationError({"label_ru": _(EMPTY_LABEL_ERROR)})
    if "colour" in fields and not COLOUR_RE.match(fields["colour"] or ""):
        raise ValidationError({"colour": _(BAD_COLOUR_ERROR)})


@transaction.atomic
def code_create(
    *,
    actor: Any,
    campaign: Campaign,
    identifier: str,
    label_ru: str,
    parent: Code | None = None,
    audit: bool = True,
    **fields: Any,
) -> Code:
    values = {"identifier": identifier, "label_ru": label_ru, **fields}
    _check_code_fields(values)
    if parent is not None and parent.campaign_id != campaign.pk:
        raise ValidationError({"parent": _(WRONG_CAMPAIGN_ERROR) % {"what": parent.identifier}})
    if Code.objects.filter(campaign=campaign, identifier=values["identifier"]).exists():
        raise ValidationError(
            {"identifier": _(DUPLICATE_IDENTIFIER_ERROR) % {"identifier": values["identifier"]}}
        )
    if "position" not in values:
        last = Code.objects.filter(campaign=campaign, parent=parent).aggregate(m=Max("position"))["m"]
        values["position"] = 0 if last is None else last + 1
    code = Code.objects.create(campaign=campaign, parent=parent, **values)
    if audit:
        audit_create(actor, code, campaign_id=campaign.pk)
    return code


@transaction.atomic
def code_update(*, actor: Any, code: Code, **changes: Any) -> Code:
    allowed = {
        "identifier",
        "label_ru",
        "label_ky",
        "label_en",
        "definition_ru",
        "definition_ky",
        "definition_en",
        "inclusion",
        "exclusion",
        "examples",
        "colour",
        "position",
    }
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"code_update() got unknown fields {sorted(unknown)}")
    _check_code_fields(changes)
    new_identifier = changes.get("identifier")
    if (
        new_identifier
        and new_identifier != code.identifier
        and Code.objects.filter(campaign_id=code.campaign_id, identifier=new_identifier).exists()
    ):
        raise ValidationError({"identifier": _(DUPLICATE_IDENTIFIER_ERROR) % {"identifier": new_identifier}})
    before = snapshot(code)
    for key, value in changes.items():
        setattr(code, key, value)
    code.save()
    audit_update(actor, code, before, campaign_id=code.campaign_id)
    return code


def descendant_ids(code: Code) -> list[int]:
    """The ids of ``code`` and every code below it."""
    parents = {}
    for pk, parent_id in Code.objects.filter(campaign_id=code.campaign_id).values_list("pk", "parent_id"):
        parents.setdefault(parent_id, []).append(pk)
    result, stack = [], [code.pk]
    while stack:
        current = stack.pop()
        result.append(current)
        stack.extend(parents.get(current, []))
    return result


@transaction.atomic
def code_move(*, actor: Any, code: Code, parent: Code | None, position: int | None = None) -> Code:
    """Put ``code`` (with its sub-codes and passages) under ``parent`` (None: top level)."""
    if parent is not None:
        if parent.campaign_id != code.campaign_id:
            raise ValidationError({"parent": _(WRONG_CAMPAIGN_ERROR) % {"what": parent.identifier}})
        if parent.pk in descendant_ids(code):
            raise ValidationError({"parent": _(PARENT_CYCLE_ERROR)})
    before = snapshot(code, ["parent_id", "position"])
    code.parent = parent
    if position is None:
        last = (
            Code.objects.filter(campaign_id=code.campaign_id, parent=parent)
            .exclude(pk=code.pk)
            .aggregate(m=Max("position"))["m"]
        )
        position = 0 if last is None else last + 1
    code.position = position
    code.save(update_fields=["parent", "position"])
    audit_update(actor, code, before, campaign_id=code.campaign_id)
    return code


@transaction.atomic
def code_merge(*, actor: Any, source: Code, target: Code) -> Code:
    """Fold ``source`` into ``target``: its passages, memos and sub-codes move over, then it goes.

    A coder who had applied both codes to the same span keeps one passage.
    """
    if source.pk == target.pk:
        raise ValidationError(_(MERGE_SAME_ERROR))
    if source.campaign_id != target.campaign_id:
        raise ValidationError(_(WRONG_CAMPAIGN_ERROR) % {"what": target.identifier})
    if target.pk in descendant_ids(source):
        raise ValidationError(_(MERGE_DESCENDANT_ERROR))
    existing = set(target.passages.values_list("document_id", "coder_id", "start", "end"))
    moved = duplicates = 0
    for passage in source.passages.all():
        key = (passage.document_id, passage.coder_id, passage.start, passage.end)
        if key in existing:
            # Keep the memo of the duplicate on the surviving passage.
            survivor = target.passages.get(document_id=key[0], coder_id=key[1], start=key[2], end=key[3])
            if passage.memo and passage.memo not in survivor.memo:
                survivor.memo = (survivor.memo + "\n" + passage.memo).strip()
                survivor.save(update_fields=["memo"])
            Memo.objects.filter(passage=passage).update(passage=survivor)
            passage.delete()
            duplicates += 1
        else:
            passage.code = target
            passage.save(update_fields=["code"])
            existing.add(key)
            moved += 1
    Memo.objects.filter(code=source).update(code=target)
    source.children.update(parent=target)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE,
        obj=target,
        campaign_id=target.campaign_id,
        message=f"merged {source.identifier} into {target.identifier}: {moved} passages moved, "
        f"{duplicates} duplicates folded",
    )
    audit_delete(actor, source, campaign_id=source.campaign_id)
    source.delete()
    return target


@transaction.atomic
def code_delete(*, actor: Any, code: Code) -> None:
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=code,
        campaign_id=code.campaign_id,
        changes={
            "identifier": [code.identifier, None],
            "passages": [CodedPassage.objects.filter(code_id__in=descendant_ids(code)).count(), None],
        },
    )
    code.delete()


@transaction.atomic
def codebook_seed(*, actor: Any, campaign: Campaign) -> int:
    """Give ``campaign`` the default codebook if it has no codes yet; returns the number created."""
    if Code.objects.filter(campaign=campaign).exists():
        return 0
    by_identifier: dict[str, Code] = {}
    for row in DEFAULT_CODEBOOK:
        code = Code.objects.create(
            campaign=campaign,
            parent=by_identifier.get(row["parent"]) if row["parent"] else None,
            identifier=row["identifier"],
            position=row["position"],
            colour=row["colour"],
            label_ru=row["label_ru"],
            label_ky=row["label_ky"],
            label_en=row["label_en"],
            definition_ru=row["definition_ru"],
            definition_ky=row["definition_ky"],
            definition_en=row["definition_en"],
            inclusion=row["inclusion"],
            exclusion=row["exclusion"],
            examples="\n".join(row["examples_ru"]),
        )
        by_identifier[code.identifier] = code
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        object_type="coding.codebook",
        object_id=campaign.pk,
        object_repr=str(campaign)[:250],
        campaign_id=campaign.pk,
        message=f"default codebook: {len(by_identifier)} codes",
    )
    return len(by_identifier)


# --- coded passages ---------------------------------------------------------------


def _check_span(document: Document, start: int, end: int, quote: str | None) -> None:
    if not (0 <= start < end <= len(document.text)):
        raise ValidationError(_(SPAN_ERROR) % {"length": len(document.text)})
    if quote is not None and normalise_text(quote) != document.text[start:end]:
        raise ValidationError(_(QUOTE_MISMATCH_ERROR))


@transaction.atomic
def passages_create(
    *,
    actor: Any,
    document: Document,
    codes: Iterable[Code],
    start: int,
    end: int,
    quote: str | None = None,
    memo: str = "",
    coder: Any = None,
    selection_guid: uuid.UUID | None = None,
) -> list[CodedPassage]:
    """Apply one or more codes to ``text[start:end]`` for ``coder`` (default: the actor).

    Codes the coder had already applied to the same span are left as they are.
    """
    codes = list(codes)
    if not codes:
        raise ValidationError(_(NO_CODES_ERROR))
    for code in codes:
        if code.campaign_id != document.campaign_id:
            raise ValidationError(_(WRONG_CAMPAIGN_ERROR) % {"what": code.identifier})
    _check_span(document, start, end, quote)
    coder = coder or actor
    already = set(
        CodedPassage.objects.filter(document=document, coder=coder, start=start, end=end).values_list(
            "code_id", flat=True
        )
    )
    selection = selection_guid or uuid.uuid4()
    created = []
    for code in codes:
        if code.pk in already:
            continue
        passage = CodedPassage.objects.create(
            document=document,
            code=code,
            coder=coder,
            start=start,
            end=end,
            text=document.text[start:end],
            memo=memo,
            selection_guid=selection,
        )
        audit_create(actor, passage, campaign_id=document.campaign_id)
        created.append(passage)
    return created


BATCH_LIMIT = 2000
BATCH_TOO_LARGE_ERROR = gettext_noop("At most %(limit)s passages per request.")
BATCH_ITEM_ERROR = gettext_noop("passage %(index)s: %(message)s")


@transaction.atomic
def passages_bulk_create(
    *, actor: Any, campaign: Campaign, items: list[dict[str, Any]]
) -> list[CodedPassage]:
    """Many passages by ``actor`` at once (imports, accepted suggestions, scripted coding): all or nothing.

    Each item: ``{"document": id, "start": int, "end": int, "codes": [id, ...], "quote"?: str, "memo"?: str}``.
    One audit entry records the batch with the ids it created.
    """
    if len(items) > BATCH_LIMIT:
        raise ValidationError(_(BATCH_TOO_LARGE_ERROR) % {"limit": BATCH_LIMIT})
    doc_ids = {item.get("document") for item in items}
    documents = Document.objects.filter(campaign=campaign).in_bulk([d for d in doc_ids if isinstance(d, int)])
    codes = Code.objects.filter(campaign=campaign).in_bulk()
    existing = set(
        CodedPassage.objects.filter(document_id__in=list(documents), coder=actor).values_list(
            "document_id", "code_id", "start", "end"
        )
    )
    errors: list[str] = []
    passages: list[CodedPassage] = []
    for index, item in enumerate(items, 1):
        document = documents.get(item.get("document"))  # type: ignore[arg-type]
        item_codes = [codes.get(c) for c in item.get("codes") or []]
        start, end = item.get("start"), item.get("end")
        try:
            if document is None or not isinstance(start, int) or not isinstance(end, int):
                raise ValidationError(_(SPAN_ERROR) % {"length": len(document.text) if document else 0})
            if not item_codes or None in item_codes:
                raise ValidationError(_(NO_CODES_ERROR))
            _check_span(document, start, end, item.get("quote"))
        except ValidationError as exc:
            errors.append(_(BATCH_ITEM_ERROR) % {"index": index, "message": " ".join(exc.messages)})
            continue
        selection = uuid.uuid4()
        for code in item_codes:
            key = (document.pk, code.pk, start, end)  # type: ignore[union-attr]
            if key in existing:
                continue
            existing.add(key)
            passages.append(
                CodedPassage(
                    document=document,
                    code=code,
                    coder=actor,
                    start=start,
                    end=end,
                    text=document.text[start:end],
                    memo=str(item.get("memo") or ""),
                    selection_guid=selection,
                )
            )
    if errors:
        raise ValidationError(errors)
    CodedPassage.objects.bulk_create(passages, batch_size=500)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        object_type="coding.codedpassage",
        object_repr=f"{len(passages)} coded passages",
        campaign_id=campaign.pk,
        changes={"passages": [None, [str(p.guid) for p in passages]]},
        message=f"batch of {len(passages)} coded passages",
    )
    return passages


@transaction.atomic
def passage_update(
    *,
    actor: Any,
    passage: CodedPassage,
    code: Code | None = None,
    start: int | None = None,
    end: int | None = None,
    memo: str | None = None,
) -> CodedPassage:
    if passage.coder_id != getattr(actor, "pk", None):
        raise ValidationError(_(NOT_YOUR_PASSAGE_ERROR))
    before = snapshot(passage)
    if code is not None:
        if code.campaign_id != passage.document.campaign_id:
            raise ValidationError(_(WRONG_CAMPAIGN_ERROR) % {"what": code.identifier})
        passage.code = code
    if start is not None or end is not None:
        new_start = passage.start if start is None else start
        new_end = passage.end if end is None else end
        _check_span(passage.document, new_start, new_end, None)
        passage.start, passage.end = new_start, new_end
        passage.text = passage.document.text[new_start:new_end]
    if memo is not None:
        passage.memo = memo
    passage.save()
    audit_update(actor, passage, before, campaign_id=passage.document.campaign_id)
    return passage


@transaction.atomic
def passage_delete(*, actor: Any, passage: CodedPassage) -> None:
    if passage.coder_id != getattr(actor, "pk", None):
        raise ValidationError(_(NOT_YOUR_PASSAGE_ERROR))
    audit_delete(actor, passage, campaign_id=passage.document.campaign_id)
    passage.delete()


# --- memos ------------------------------------------------------------------------


@transaction.atomic
def memo_create(
    *,
    actor: Any,
    text: str,
    document: Document | None = None,
    code: Code | None = None,
    passage: CodedPassage | None = None,
    guid: uuid.UUID | None = None,
    created_at: Any = None,
) -> Memo:
    if sum(x is not None for x in (document, code, passage)) != 1:
        raise ValidationError(_(MEMO_TARGET_ERROR))
    text = normalise_text(text or "").strip()
    if not text:
        raise ValidationError({"text": _(EMPTY_MEMO_ERROR)})
    if document is not None:
        campaign_id = document.campaign_id
    elif code is not None:
        campaign_id = code.campaign_id
    else:
        assert passage is not None
        campaign_id = passage.document.campaign_id
    now = created_at or timezone.now()
    memo = Memo(
        document=document,
        code=code,
        passage=passage,
        campaign_id=campaign_id,
        author=actor,
        text=text,
        created_at=now,
        updated_at=now,
    )
    if guid is not None:
        memo.guid = guid
    memo.save()
    audit_create(actor, memo, campaign_id=campaign_id)
    return memo


@transaction.atomic
def memo_update(*, actor: Any, memo: Memo, text: str) -> Memo:
    text = normalise_text(text or "").strip()
    if not text:
        raise ValidationError({"text": _(EMPTY_MEMO_ERROR)})
    before = snapshot(memo)
    memo.text = text
    memo.updated_at = timezone.now()
    memo.save()
    audit_update(actor, memo, before, campaign_id=memo.campaign_id)
    return memo


@transaction.atomic
def memo_delete(*, actor: Any, memo: Memo) -> None:
    audit_delete(actor, memo, campaign_id=memo.campaign_id)
    memo.delete()
