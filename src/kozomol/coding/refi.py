"""REFI-QDA exchange: codebooks (``.qdc``) and projects (``.qdpx``).

Export writes XML valid against the REFI-QDA 1.0 schemas (``Codebook.xsd``,
``Project.xsd``; the tests validate it). What REFI-QDA has no field for —
a code's identifier and its Kyrgyz and English labels, a document's country,
target group and kind — travels in the ``Description`` elements as one line
``kozomol:{json}`` after the human-readable text, so that a project exported
by Kozomol and imported again is the same project; other tools show it as text
and keep it.

Import is tolerant of what other tools write (Taguette's ``.qdc`` has an empty
``<Sets/>``, which the schema does not allow) but strict about the archive:
entry names, sizes and counts are checked before anything is read, and XML is
parsed without entities or network access.
"""

from __future__ import annotations

import io
import json
import re
import uuid
import zipfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from lxml import etree

from kozomol import __version__ as KOZOMOL_VERSION
from kozomol.accounts.models import User
from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_record
from kozomol.campaigns.models import Campaign, TargetGroup
from kozomol.coding.models import Code, CodedPassage, Document, Memo
from kozomol.coding.text import normalise_text
from kozomol.lib import zipcheck
from kozomol.lib.zipcheck import ZipLimits
from kozomol.places.models import Location

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
KOZOMOL_NS = uuid.UUID("6f1c7f0e-4a52-5d4e-9a53-6b6f7a6f6d6f")
MARK = "kozomol:"
PLACEHOLDER_DOMAIN = "qdpx.invalid"

MAX_ARCHIVE_BYTES = 200 * 1024 * 1024  # uncompressed, all entries
MAX_ENTRY_BYTES = 50 * 1024 * 1024
MAX_ENTRIES = 20_000
QDPX_ZIP_LIMITS = ZipLimits(entries=MAX_ENTRIES, entry_bytes=MAX_ENTRY_BYTES, total_bytes=MAX_ARCHIVE_BYTES)

NOT_A_ZIP_ERROR = gettext_noop("The file is not a .qdpx (zip) archive.")
UNSAFE_ENTRY_ERROR = gettext_noop("The archive holds an unsafe entry name: %(name)s.")
TOO_MANY_ENTRIES_ERROR = gettext_noop("The archive holds more than %(limit)s files.")
TOO_LARGE_ERROR = gettext_noop("The archive unpacks to more than %(limit)s MB.")
ENTRY_TOO_LARGE_ERROR = gettext_noop("%(name)s is too large or too compressed to be safe.")
NO_PROJECT_ERROR = gettext_noop("The archive has no project.qde.")
BAD_XML_ERROR = gettext_noop("%(name)s is not well-formed XML: %(error)s")
WRONG_ROOT_ERROR = gettext_noop("%(name)s is not a REFI-QDA %(kind)s.")
MISSING_SOURCE_ERROR = gettext_noop("The text of source %(name)s (%(path)s) is missing from the archive.")
BAD_SELECTION_ERROR = gettext_noop(
    "Selection %(guid)s of source %(name)s lies outside its text (%(start)s–%(end)s of %(length)s)."
)
UNKNOWN_CODE_ERROR = gettext_noop("Coding %(guid)s refers to a code that is not in the codebook.")
NO_CODES_ERROR = gettext_noop("The codebook holds no codes.")


def _q(tag: str, ns: str = PROJECT_NS) -> str:
    return f"{{{ns}}}{tag}"


def _dt(value: datetime | None) -> str | None:
    if value is None:
        return None
    # Microseconds kept: export → import → export must order things the same way.
    value = value.astimezone(timezone.UTC)
    return value.strftime("%Y-%m-%dT%H:%M:%S.%fZ" if value.microsecond else "%Y-%m-%dT%H:%M:%SZ")


def _parse_dt(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=timezone.UTC)
    return parsed


def _guid(value: str | None) -> uuid.UUID | None:
    if not value:
        return None
    try:
        return uuid.UUID(value.strip("{}"))
    except ValueError:
        return None


def _with_mark(text: str, data: dict[str, Any]) -> str:
    payload = MARK + json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"{text}\n\n{payload}" if text else payload


def _split_mark(description: str | None) -> tuple[str, dict[str, Any]]:
    if not description:
        return "", {}
    lines = description.rstrip().split("\n")
    if lines and lines[-1].startswith(MARK):
        try:
            data = json.loads(lines[-1][len(MARK) :])
        except ValueError:
            return description.strip(), {}
        return "\n".join(lines[:-1]).strip(), data if isinstance(data, dict) else {}
    return description.strip(), {}


# --- users -----------------------------------------------------------------------


def user_guid(user: User) -> uuid.UUID:
    local, _sep, domain = user.email.partition("@")
    if domain == PLACEHOLDER_DOMAIN and _guid(local):
        return _guid(local)  # type: ignore[return-value]
    return uuid.uuid5(KOZOMOL_NS, "user:" + user.email.lower())


def _user_for(guid: uuid.UUID, name: str, ident: str, cache: dict[uuid.UUID, User]) -> User:
    """The Kozomol user behind a REFI-QDA user: by email, else an inactive stand-in named like them."""
    if guid in cache:
        return cache[guid]
    user = None
    if ident and "@" in ident:
        user = User.objects.filter(email__iexact=ident).first()
    if user is None:
        email = f"{guid}@{PLACEHOLDER_DOMAIN}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email=email, password=None, full_name=(name or "")[:200], is_active=False
            )
    cache[guid] = user
    return user


# --- codebook ----------------------------------------------------------------------


def _code_payload(code: Code) -> dict[str, Any]:
    return {
        "identifier": code.identifier,
        "label_ky": code.label_ky,
        "label_en": code.label_en,
        "definition_ky": code.definition_ky,
        "definition_en": code.definition_en,
        "inclusion": code.inclusion,
        "exclusion": code.exclusion,
        "examples": code.examples,
        "position": code.position,
    }


def _code_element(
    code: Code,
    children: dict[int | None, list[Code]],
    ns: str,
    notes: dict[int, list[uuid.UUID]] | None = None,
) -> etree._Element:
    element = etree.Element(
        _q("Code", ns), guid=str(code.guid), name=code.label_ru, isCodable="true", color=code.colour.upper()
    )
    description = etree.SubElement(element, _q("Description", ns))
    description.text = _with_mark(code.definition_ru, _code_payload(code))
    if notes is not None:
        for note_guid in notes.get(code.pk, []):
            etree.SubElement(element, _q("NoteRef", ns), targetGUID=str(note_guid))
    for child in children.get(code.pk, []):
        element.append(_code_element(child, children, ns, notes))
    return element


def _codes_by_parent(campaign: Campaign) -> dict[int | None, list[Code]]:
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in Code.objects.filter(campaign=campaign).order_by("position", "identifier"):
        children[code.parent_id].append(code)
    return children


_QDC_CACHE: dict[tuple[int, int], bytes] = {}
_CODE_COLUMNS = (
    "id",
    "parent",
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
    "guid",
)


def codebook_to_qdc(campaign: Campaign) -> bytes:
    """The codebook as ``.qdc``; the XML is kept per campaign until any code changes."""
    # Every column the XML shows, read raw: this runs on every export, and the ORM's per-value
    # converters cost more than the query (the XML itself is built from models, once).
    quote = connection.ops.quote_name
    columns = ", ".join(quote(Code._meta.get_field(name).column) for name in _CODE_COLUMNS)
    sql = f"SELECT {columns} FROM {quote(Code._meta.db_table)} WHERE {quote('campaign_id')} = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [campaign.pk])
        rows = cursor.fetchall()
    key = (campaign.pk, hash(tuple(rows)))
    cached = _QDC_CACHE.get(key)
    if cached is None:
        cached = _build_qdc(campaign)
        if len(_QDC_CACHE) > 64:
            _QDC_CACHE.clear()
        _QDC_CACHE[key] = cached
    return cached


def _build_qdc(campaign: Campaign) -> bytes:
    root = etree.Element(
        _q("CodeBook", CODEBOOK_NS), nsmap={None: CODEBOOK_NS}, origin=f"Kozomol {KOZOMOL_VERSION}"
    )
    codes = etree.SubElement(root, _q("Codes", CODEBOOK_NS))
    children = _codes_by_parent(campaign)
    for code in children.get(None, []):
        codes.append(_code_element(code, children, CODEBOOK_NS))
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)


_TRANSLIT = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөү",
        [
            "A",
            "B",
            "V",
            "G",
            "D",
            "E",
            "E",
            "ZH",
            "Z",
            "I",
            "I",
            "K",
            "L",
            "M",
            "N",
            "O",
            "P",
            "R",
            "S",
            "T",
            "U",
            "F",
            "KH",
            "TS",
            "CH",
            "SH",
            "SHCH",
            "",
            "Y",
            "",
            "E",
            "IU",
            "IA",
            "NG",
            "O",
            "U",
        ],
        strict=True,
    )
)


def identifier_from_name(name: str) -> str:
    """A Kozomol identifier for a code name written by another tool ("зарплата" → "ZARPLATA")."""
    out = []
    for char in name.strip():
        lower = char.lower()
        if lower in _TRANSLIT:
            out.append(_TRANSLIT[lower])
        elif char.isascii() and (char.isalnum() or char in "._"):
            out.append(char.upper())
        else:
            out.append("_")
    identifier = re.sub(r"_+", "_", "".join(out))
    identifier = re.sub(r"\.+", ".", identifier).strip("._")
    identifier = ".".join(part.strip("_") or "X" for part in identifier.split("."))
    return identifier or "CODE"


def _parse_xml(data: bytes, name: str) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise ValidationError(_(BAD_XML_ERROR) % {"name": name, "error": exc}) from exc


@dataclass
class _CodeSpec:
    guid: uuid.UUID
    name: str
    colour: str
    description: str
    payload: dict[str, Any]
    parent: uuid.UUID | None
    order: int
    note_refs: list[uuid.UUID] = field(default_factory=list)


def _read_codes(codes_element: etree._Element, ns: str) -> list[_CodeSpec]:
    specs: list[_CodeSpec] = []

    def walk(element: etree._Element, parent: uuid.UUID | None) -> None:
        for order, code in enumerate(element.findall(_q("Code", ns))):
            guid = _guid(code.get("guid")) or uuid.uuid4()
            text, payload = _split_mark(code.findtext(_q("Description", ns)))
            colour = (code.get("color") or "").lower()
            if re.fullmatch(r"#[0-9a-f]{3}", colour):
                colour = "#" + "".join(c * 2 for c in colour[1:])
            spec = _CodeSpec(
                guid,
                (code.get("name") or "").strip(),
                colour,
                text,
                payload,
                parent,
                order,
                [g for r in code.findall(_q("NoteRef", ns)) if (g := _guid(r.get("targetGUID")))],
            )
            specs.append(spec)
            walk(code, guid)

    walk(codes_element, None)
    return specs


def _create_codes(campaign: Campaign, specs: list[_CodeSpec]) -> dict[uuid.UUID, Code]:
    """Codes for ``specs`` (parents first); one whose guid or identifier the campaign has is reused."""
    depth: dict[uuid.UUID, int] = {}
    for spec in specs:
        depth[spec.guid] = depth.get(spec.parent, -1) + 1 if spec.parent else 0
    # Parents first; names that carry a path ("labour.wages") after their prefix ("labour").
    specs = sorted(specs, key=lambda s: (depth[s.guid], 0 if s.payload else s.name.count(".")))
    existing_by_guid = {c.guid: c for c in Code.objects.filter(campaign=campaign)}
    existing_by_identifier = {c.identifier: c for c in existing_by_guid.values()}
    by_guid: dict[uuid.UUID, Code] = {}
    for spec in specs:
        identifier = spec.payload.get("identifier") or identifier_from_name(spec.name)
        parent = by_guid.get(spec.parent) if spec.parent else None
        if not spec.payload.get("identifier") and parent is not None and "." not in identifier:
            identifier = f"{parent.identifier}.{identifier}"
        if not spec.payload.get("identifier") and parent is None and "." in identifier:
            # Taguette and others write hierarchy into the name ("labour.wages"): nest under the prefix.
            prefix = identifier.rsplit(".", 1)[0]
            parent = existing_by_identifier.get(prefix)
        code = existing_by_guid.get(spec.guid) or existing_by_identifier.get(identifier)
        if code is None:
            label = spec.name or identifier
            code = Code.objects.create(
                campaign=campaign,
                parent=parent,
                identifier=identifier[:120],
                guid=spec.guid,
                label_ru=label[:200],
                label_ky=spec.payload.get("label_ky", "")[:200],
                label_en=spec.payload.get("label_en", "")[:200],
                definition_ru=spec.description,
                definition_ky=spec.payload.get("definition_ky", ""),
                definition_en=spec.payload.get("definition_en", ""),
                inclusion=spec.payload.get("inclusion", ""),
                exclusion=spec.payload.get("exclusion", ""),
                examples=spec.payload.get("examples", ""),
                colour=spec.colour if re.fullmatch(r"#[0-9a-f]{6}", spec.colour) else "#1f77b4",
                position=int(spec.payload.get("position", spec.order)),
            )
            existing_by_guid[code.guid] = code
            existing_by_identifier[code.identifier] = code
        by_guid[spec.guid] = code
    return by_guid


@transaction.atomic
def import_qdc(*, actor: Any, campaign: Campaign, data: bytes, name: str = "codebook.qdc") -> list[Code]:
    root = _parse_xml(data, name)
    ns = root.tag[1:].split("}")[0] if root.tag.startswith("{") else ""
    if etree.QName(root).localname != "CodeBook" or ns not in (CODEBOOK_NS, PROJECT_NS):
        raise ValidationError(_(WRONG_ROOT_ERROR) % {"name": name, "kind": "codebook"})
    codes_element = root.find(_q("Codes", ns))
    if codes_element is None or not len(codes_element):
        raise ValidationError(_(NO_CODES_ERROR))
    specs = _read_codes(codes_element, ns)
    by_guid = _create_codes(campaign, specs)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        object_type="coding.codebook",
        object_id=campaign.pk,
        object_repr=name[:250],
        campaign_id=campaign.pk,
        message=f"REFI-QDA codebook: {len(specs)} codes",
    )
    return list(by_guid.values())


# --- project export ------------------------------------------------------------------


def _source_payload(document: Document) -> dict[str, Any]:
    return {
        "kind": document.kind,
        "external_id": document.external_id,
        "target_group": document.target_group.code if document.target_group else "",
        "country": document.country_code,
        "city": document.city.code if document.city else "",
        "gender": document.gender,
        "metadata": document.metadata,
        "source_question": document.source_question,
        "original_filename": document.original_filename,
    }


def _variable_type(values: list[Any]) -> str:
    if values and all(isinstance(v, bool) for v in values):
        return "Boolean"
    if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Integer"
    if values and all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
        return "Float"
    return "Text"


def project_to_qde(campaign: Campaign) -> tuple[bytes, dict[str, str]]:
    """``project.qde`` and the plain texts of its sources (archive path → text)."""
    documents = list(
        Document.objects.filter(campaign=campaign)
        .select_related("target_group", "city", "created_by")
        .order_by("created_at", "guid")
    )
    passages = list(
        CodedPassage.objects.filter(document__campaign=campaign)
        .select_related("code", "coder")
        .order_by("start", "end", "selection_guid", "guid")
    )
    memos = list(
        Memo.objects.filter(campaign=campaign).select_related("author").order_by("created_at", "guid")
    )
    users: dict[uuid.UUID, User] = {}
    for document in documents:
        if document.created_by:
            users[user_guid(document.created_by)] = document.created_by
    for passage in passages:
        users[user_guid(passage.coder)] = passage.coder
    for memo in memos:
        users[user_guid(memo.author)] = memo.author

    root = etree.Element(
        _q("Project"),
        nsmap={None: PROJECT_NS},
        name=campaign.title,
        origin=f"Kozomol {KOZOMOL_VERSION}",
        creationDateTime=_dt(campaign.created_at),
    )
    if users:
        users_el = etree.SubElement(root, _q("Users"))
        for guid in sorted(users, key=str):
            user = users[guid]
            etree.SubElement(
                users_el, _q("User"), guid=str(guid), name=user.full_name or user.email, id=user.email
            )

    code_notes: dict[int, list[uuid.UUID]] = defaultdict(list)
    document_notes: dict[int, list[uuid.UUID]] = defaultdict(list)
    passage_notes: dict[int, list[uuid.UUID]] = defaultdict(list)
    notes: list[tuple[uuid.UUID, str, str, User | None, datetime]] = []  # guid, name, text, author, time
    for memo in memos:
        if memo.code_id:
            code_notes[memo.code_id].append(memo.guid)
        elif memo.document_id:
            document_notes[memo.document_id].append(memo.guid)
        elif memo.passage_id:
            passage_notes[memo.passage_id].append(memo.guid)
        notes.append((memo.guid, memo.text[:60].replace("\n", " "), memo.text, memo.author, memo.created_at))
    for passage in passages:
        if passage.memo:
            guid = uuid.uuid5(passage.guid, "memo")
            passage_notes[passage.pk].insert(0, guid)
            notes.append(
                (guid, passage.memo[:60].replace("\n", " "), passage.memo, passage.coder, passage.created_at)
            )

    children = _codes_by_parent(campaign)
    if children.get(None):
        codebook = etree.SubElement(root, _q("CodeBook"))
        codes_el = etree.SubElement(codebook, _q("Codes"))
        for code in children[None]:
            codes_el.append(_code_element(code, children, PROJECT_NS, code_notes))

    # Respondent attributes: one case per document with a profile, one variable per attribute.
    variable_values: dict[str, list[Any]] = defaultdict(list)
    for document in documents:
        for key, value in (document.profile or {}).items():
            if value is not None and not isinstance(value, (dict, list)):
                variable_values[str(key)].append(value)
    variable_guids = {name: uuid.uuid5(KOZOMOL_NS, f"variable:{name}") for name in variable_values}
    variable_types = {name: _variable_type(values) for name, values in variable_values.items()}
    if variable_values:
        variables_el = etree.SubElement(root, _q("Variables"))
        for name in sorted(variable_values):
            etree.SubElement(
                variables_el,
                _q("Variable"),
                guid=str(variable_guids[name]),
                name=name,
                typeOfVariable=variable_types[name],
            )
        cases_el = etree.SubElement(root, _q("Cases"))
        for document in documents:
            profile = {k: v for k, v in (document.profile or {}).items() if str(k) in variable_guids}
            if not profile:
                continue
            case = etree.SubElement(
                cases_el,
                _q("Case"),
                guid=str(uuid.uuid5(document.guid, "case")),
                name=document.external_id or document.title,
            )
            for key in sorted(profile, key=str):
                value_el = etree.SubElement(case, _q("VariableValue"))
                etree.SubElement(value_el, _q("VariableRef"), targetGUID=str(variable_guids[str(key)]))
                kind = variable_types[str(key)]
                tag = {"Boolean": "BooleanValue", "Integer": "IntegerValue", "Float": "FloatValue"}.get(
                    kind, "TextValue"
                )
                value = profile[key]
                text = ("true" if value else "false") if kind == "Boolean" else str(value)
                etree.SubElement(value_el, _q(tag)).text = text
            etree.SubElement(case, _q("SourceRef"), targetGUID=str(document.guid))

    texts: dict[str, str] = {}
    by_document: dict[int, list[CodedPassage]] = defaultdict(list)
    for passage in passages:
        by_document[passage.document_id].append(passage)
    if documents:
        sources_el = etree.SubElement(root, _q("Sources"))
        for document in documents:
            path = f"{document.guid}.txt"
            texts[path] = document.text
            attrs = {
                "guid": str(document.guid),
                "name": document.title,
                "plainTextPath": f"internal://{path}",
                "creationDateTime": _dt(document.created_at),
                "modifiedDateTime": _dt(document.updated_at),
            }
            if document.created_by:
                attrs["creatingUser"] = str(user_guid(document.created_by))
            source = etree.SubElement(sources_el, _q("TextSource"), **attrs)
            etree.SubElement(source, _q("Description")).text = _with_mark("", _source_payload(document))
            selections: dict[uuid.UUID, list[CodedPassage]] = {}
            for passage in by_document.get(document.pk, []):
                selections.setdefault(passage.selection_guid, []).append(passage)
            for selection_guid, group in selections.items():
                first = group[0]
                selection = etree.SubElement(
                    source,
                    _q("PlainTextSelection"),
                    guid=str(selection_guid),
                    name=first.text[:60].replace("\n", " "),
                    startPosition=str(first.start),
                    endPosition=str(first.end),
                    creatingUser=str(user_guid(first.coder)),
                    creationDateTime=_dt(first.created_at),
                )
                for passage in group:
                    coding = etree.SubElement(
                        selection,
                        _q("Coding"),
                        guid=str(passage.guid),
                        creatingUser=str(user_guid(passage.coder)),
                        creationDateTime=_dt(passage.created_at),
                    )
                    etree.SubElement(coding, _q("CodeRef"), targetGUID=str(passage.code.guid))
                    for note_guid in passage_notes.get(passage.pk, []):
                        etree.SubElement(coding, _q("NoteRef"), targetGUID=str(note_guid))
            for note_guid in document_notes.get(document.pk, []):
                etree.SubElement(source, _q("NoteRef"), targetGUID=str(note_guid))
    if notes:
        notes_el = etree.SubElement(root, _q("Notes"))
        for guid, name, text, author, created in sorted(notes, key=lambda n: (n[4], str(n[0]))):
            attrs = {"guid": str(guid), "name": name, "creationDateTime": _dt(created)}
            if author is not None:
                attrs["creatingUser"] = str(user_guid(author))
            note = etree.SubElement(notes_el, _q("Note"), **attrs)
            etree.SubElement(note, _q("PlainTextContent")).text = text
    return etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True), texts


def export_qdpx(campaign: Campaign) -> bytes:
    qde, texts = project_to_qde(campaign)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        for path in sorted(texts):
            archive.writestr(f"sources/{path}", texts[path].encode("utf-8"))
    return buffer.getvalue()


# --- project import --------------------------------------------------------------------


def _safe_entries(archive: zipfile.ZipFile) -> dict[str, zipfile.ZipInfo]:
    try:
        infos = zipcheck.check_archive(archive, QDPX_ZIP_LIMITS)
    except zipcheck.ZipRefused as exc:
        entry = {"name": exc.params.get("entry", "")}
        message = {
            zipcheck.TOO_MANY_ENTRIES: _(TOO_MANY_ENTRIES_ERROR) % {"limit": MAX_ENTRIES},
            zipcheck.UNSAFE_NAME: _(UNSAFE_ENTRY_ERROR) % entry,
            zipcheck.ENTRY_TOO_LARGE: _(ENTRY_TOO_LARGE_ERROR) % entry,
            zipcheck.TOO_COMPRESSED: _(ENTRY_TOO_LARGE_ERROR) % entry,
            zipcheck.TOO_LARGE: _(TOO_LARGE_ERROR) % {"limit": MAX_ARCHIVE_BYTES // (1024 * 1024)},
        }[exc.reason]
        raise ValidationError(message) from None
    return {str(PurePosixPath(i.filename.replace("\\", "/"))): i for i in infos if not i.is_dir()}


def _read_limited(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    # file_size comes from the archive's directory, which can lie: read no more than the limit.
    with archive.open(info) as handle:
        data = handle.read(MAX_ENTRY_BYTES + 1)
    if len(data) > MAX_ENTRY_BYTES:
        raise ValidationError(_(ENTRY_TOO_LARGE_ERROR) % {"name": info.filename})
    return data


def _offset_mapper(raw: str, normalised: str) -> Any:
    if raw == normalised:
        return lambda offset: offset
    return lambda offset: len(normalise_text(raw[:offset]))


@dataclass
class ImportSummary:
    documents: int = 0
    skipped_documents: int = 0
    codes: int = 0
    passages: int = 0
    memos: int = 0
    users: int = 0


@transaction.atomic
def import_qdpx(*, actor: Any, campaign: Campaign, data: bytes, name: str = "project.qdpx") -> ImportSummary:
    """Read a ``.qdpx`` into ``campaign``: all of it or nothing. Sources it already holds are skipped."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ValidationError(_(NOT_A_ZIP_ERROR)) from exc
    with archive:
        entries = _safe_entries(archive)
        qde_name = next((n for n in entries if n.lower() == "project.qde"), None) or next(
            (n for n in entries if n.lower().endswith(".qde")), None
        )
        if qde_name is None:
            raise ValidationError(_(NO_PROJECT_ERROR))
        root = _parse_xml(_read_limited(archive, entries[qde_name]), qde_name)
        if root.tag != _q("Project"):
            raise ValidationError(_(WRONG_ROOT_ERROR) % {"name": qde_name, "kind": "project"})
        summary = ImportSummary()

        user_cache: dict[uuid.UUID, User] = {}
        user_specs: dict[uuid.UUID, tuple[str, str]] = {}
        for element in root.iterfind(f"{_q('Users')}/{_q('User')}"):
            guid = _guid(element.get("guid"))
            if guid:
                user_specs[guid] = (element.get("name") or "", element.get("id") or "")

        fallback = actor if getattr(actor, "pk", None) else None

        def user(guid_text: str | None) -> User:
            nonlocal fallback
            guid = _guid(guid_text)
            if guid is None:
                if fallback is None:
                    fallback = _user_for(uuid.uuid5(KOZOMOL_NS, "import"), "REFI-QDA import", "", user_cache)
                return fallback
            name_, ident = user_specs.get(guid, ("", ""))
            return _user_for(guid, name_, ident, user_cache)

        codes_el = root.find(f"{_q('CodeBook')}/{_q('Codes')}")
        specs = _read_codes(codes_el, PROJECT_NS) if codes_el is not None else []
        codes_before = Code.objects.filter(campaign=campaign).count()
        code_by_guid = _create_codes(campaign, specs)
        summary.codes = Code.objects.filter(campaign=campaign).count() - codes_before

        notes: dict[uuid.UUID, etree._Element] = {}
        for note in root.iterfind(f"{_q('Notes')}/{_q('Note')}"):
            guid = _guid(note.get("guid"))
            if guid:
                notes[guid] = note

        def note_text(note: etree._Element) -> str:
            text = note.findtext(_q("PlainTextContent"))
            if text is None and note.get("plainTextPath"):
                path = note.get("plainTextPath", "").replace("internal://", "sources/")
                info = entries.get(str(PurePosixPath(path)))
                text = _read_limited(archive, info).decode("utf-8", "replace") if info else ""
            return text or note.get("name") or ""

        variables = {
            guid: element.get("name") or ""
            for element in root.iterfind(f"{_q('Variables')}/{_q('Variable')}")
            if (guid := _guid(element.get("guid")))
        }
        profiles: dict[uuid.UUID, dict[str, Any]] = defaultdict(dict)
        for case in root.iterfind(f"{_q('Cases')}/{_q('Case')}"):
            values: dict[str, Any] = {}
            for value_el in case.findall(_q("VariableValue")):
                ref = value_el.find(_q("VariableRef"))
                var_name = variables.get(_guid(ref.get("targetGUID")) if ref is not None else None)  # type: ignore[arg-type]
                if not var_name:
                    continue
                for tag, convert in (
                    ("TextValue", str),
                    ("IntegerValue", int),
                    ("FloatValue", float),
                    ("BooleanValue", lambda v: v.strip() in ("true", "1")),
                    ("DateValue", str),
                    ("DateTimeValue", str),
                ):
                    found = value_el.find(_q(tag))
                    if found is not None:
                        try:
                            values[var_name] = convert(found.text or "")
                        except ValueError:
                            values[var_name] = found.text or ""
                        break
            for ref in case.findall(_q("SourceRef")):
                if (guid := _guid(ref.get("targetGUID"))) is not None:
                    profiles[guid].update(values)

        known_documents = set(Document.objects.filter(campaign=campaign).values_list("guid", flat=True))
        groups = {g.code: g for g in TargetGroup.objects.filter(campaign=campaign)}
        cities: dict[str, Location | None] = {}
        created_documents: list[Document] = []
        for source in root.iterfind(f"{_q('Sources')}/{_q('TextSource')}"):
            guid = _guid(source.get("guid")) or uuid.uuid4()
            title = source.get("name") or str(guid)
            if guid in known_documents:
                summary.skipped_documents += 1
                continue
            raw = source.findtext(_q("PlainTextContent"))
            if raw is None:
                path = source.get("plainTextPath") or ""
                entry = (
                    "sources/" + path.removeprefix("internal://") if path.startswith("internal://") else path
                )
                info = entries.get(str(PurePosixPath(entry))) if entry else None
                if info is None:
                    raise ValidationError(_(MISSING_SOURCE_ERROR) % {"name": title, "path": path})
                raw = _read_limited(archive, info).decode("utf-8-sig", "replace")
            text = normalise_text(raw)
            to_new = _offset_mapper(raw, text)
            _desc, payload = _split_mark(source.findtext(_q("Description")))
            city_code = payload.get("city") or ""
            if city_code and city_code not in cities:
                cities[city_code] = Location.objects.filter(code=city_code).first()
            created = _parse_dt(source.get("creationDateTime")) or timezone.now()
            document = Document.objects.create(
                campaign=campaign,
                guid=guid,
                title=title[:300],
                text=text,
                kind=payload.get("kind")
                if payload.get("kind") in Document.Kind.values
                else Document.Kind.IMPORTED,
                external_id=payload.get("external_id", "")[:200],
                target_group=groups.get(payload.get("target_group", "")),
                country_code=(payload.get("country") or "")[:2],
                city=cities.get(city_code),
                gender=(payload.get("gender") or "")[:20],
                profile=profiles.get(guid, {}),
                metadata=payload.get("metadata") or {},
                source_question=payload.get("source_question", "")[:200],
                original_filename=payload.get("original_filename", "")[:255],
                created_by=user(source.get("creatingUser")) if source.get("creatingUser") else None,
                created_at=created,
                updated_at=_parse_dt(source.get("modifiedDateTime")) or created,
            )
            summary.documents += 1
            created_documents.append(document)
            for ref in source.findall(_q("NoteRef")):
                _memo_from_note(notes, ref, campaign, note_text, user, summary, document=document)
            for selection in source.findall(_q("PlainTextSelection")):
                start = to_new(int(selection.get("startPosition", "0")))
                end = to_new(int(selection.get("endPosition", "0")))
                if start > end:
                    start, end = end, start
                if not (0 <= start < end <= len(text)):
                    raise ValidationError(
                        _(BAD_SELECTION_ERROR)
                        % {
                            "guid": selection.get("guid"),
                            "name": title,
                            "start": start,
                            "end": end,
                            "length": len(text),
                        }
                    )
                selection_guid = _guid(selection.get("guid")) or uuid.uuid4()
                first_passage = None
                for coding in selection.findall(_q("Coding")):
                    code_ref = coding.find(_q("CodeRef"))
                    code = code_by_guid.get(
                        _guid(code_ref.get("targetGUID")) if code_ref is not None else None
                    )  # type: ignore[arg-type]
                    if code is None:
                        raise ValidationError(_(UNKNOWN_CODE_ERROR) % {"guid": coding.get("guid")})
                    coder = user(coding.get("creatingUser") or selection.get("creatingUser"))
                    coding_guid = _guid(coding.get("guid")) or uuid.uuid4()
                    passage, made = CodedPassage.objects.get_or_create(
                        document=document,
                        code=code,
                        coder=coder,
                        start=start,
                        end=end,
                        defaults={
                            "text": text[start:end],
                            "guid": coding_guid,
                            "selection_guid": selection_guid,
                            "created_at": _parse_dt(coding.get("creationDateTime"))
                            or _parse_dt(selection.get("creationDateTime"))
                            or timezone.now(),
                        },
                    )
                    summary.passages += int(made)
                    first_passage = first_passage or passage
                    for ref in coding.findall(_q("NoteRef")):
                        note_guid = _guid(ref.get("targetGUID"))
                        if note_guid == uuid.uuid5(coding_guid, "memo") and note_guid in notes:
                            passage.memo = note_text(notes[note_guid])
                            passage.save(update_fields=["memo"])
                            continue
                        _memo_from_note(notes, ref, campaign, note_text, user, summary, passage=passage)
                if first_passage is not None:
                    for ref in selection.findall(_q("NoteRef")):
                        _memo_from_note(notes, ref, campaign, note_text, user, summary, passage=first_passage)
        for spec in specs:
            code = code_by_guid.get(spec.guid)
            for note_guid in spec.note_refs:
                if (
                    code is not None
                    and note_guid in notes
                    and not Memo.objects.filter(campaign=campaign, guid=note_guid).exists()
                ):
                    note = notes[note_guid]
                    Memo.objects.create(
                        campaign=campaign,
                        code=code,
                        guid=note_guid,
                        text=note_text(note),
                        author=user(note.get("creatingUser")),
                        created_at=_parse_dt(note.get("creationDateTime")) or timezone.now(),
                        updated_at=_parse_dt(note.get("creationDateTime")) or timezone.now(),
                    )
                    summary.memos += 1
        summary.users = len(user_cache)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        object_type="coding.project",
        object_id=campaign.pk,
        object_repr=name[:250],
        campaign_id=campaign.pk,
        message=f"REFI-QDA project: {summary.documents} documents, {summary.passages} passages, "
        f"{summary.codes} new codes, {summary.memos} memos",
    )
    from kozomol.coding import hooks

    hooks.documents_changed(list(created_documents))
    return summary


def _memo_from_note(
    notes: dict[uuid.UUID, etree._Element],
    ref: etree._Element,
    campaign: Campaign,
    note_text: Any,
    user: Any,
    summary: ImportSummary,
    **target: Any,
) -> None:
    guid = _guid(ref.get("targetGUID"))
    if guid is None or guid not in notes or Memo.objects.filter(campaign=campaign, guid=guid).exists():
        return
    note = notes[guid]
    created = _parse_dt(note.get("creationDateTime")) or timezone.now()
    Memo.objects.create(
        campaign=campaign,
        guid=guid,
        text=note_text(note),
        author=user(note.get("creatingUser")),
        created_at=created,
        updated_at=created,
        **target,
    )
    summary.memos += 1


# --- validation ------------------------------------------------------------------------


def validate(xml: bytes, xsd_path: str) -> list[str]:
    """Schema errors of ``xml`` against the XSD at ``xsd_path`` (empty when valid)."""
    schema = etree.XMLSchema(etree.parse(xsd_path))
    document = etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    if schema.validate(document):
        return []
    return [f"line {e.line}: {e.message}" for e in schema.error_log]
