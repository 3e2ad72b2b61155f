"""XLSForm → XForm + schema, by pyxform alone (no converter of our own).

:func:`convert_xlsform` runs pyxform on the uploaded bytes and builds the
:class:`~kozomol.questionnaires.schema.FormSchema` from pyxform's own survey
objects, so paths, groups, repeats and loops are exactly pyxform's.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import io
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.lib import zipcheck
from kozomol.lib.zipcheck import ZipLimits
from kozomol.questionnaires.schema import Choice, FormSchema, Group, Question
from kozomol.submissions.io.messages import ZIP_REFUSED

XLSFORM_EXTENSIONS = (".xlsx", ".xls", ".csv", ".md")
MAX_XLSFORM_BYTES = 20 * 1024 * 1024

ERR_EXTENSION = gettext_noop("An XLSForm must be an .xlsx, .xls, .csv or .md file.")
ERR_TOO_BIG = gettext_noop("The XLSForm is larger than 20 MB.")
ERR_EMPTY = gettext_noop("The file is empty.")
ERR_NO_QUESTIONS = gettext_noop("The XLSForm has no questions.")
ERR_NOT_XLSX = gettext_noop(
    "The .xlsx file is damaged or is not an Excel workbook (%(reason)s). "
    "Save it again from Excel or LibreOffice and upload it again."
)
ERR_UNSAFE_ENTRY = gettext_noop(
    "The .xlsx file holds an entry with an unsafe name (%(entry)s): "
    "it was not saved by a spreadsheet program, so it is refused."
)
ERR_UNPACKED_TOO_BIG = gettext_noop(
    "The .xlsx file unpacks to %(size)s MB; an XLSForm may unpack to at most %(limit)s MB."
)
ERR_NOT_UTF8 = gettext_noop(
    "The file is not UTF-8 text (byte %(position)s cannot be read). "
    "Save it as “CSV UTF-8” (Excel) or with the UTF-8 character set (LibreOffice) and upload it again."
)
# An XLSForm is a few sheets of text: even a form with tens of thousands of choices unpacks to a few
# MB (the importers' limits are sized for data files of gigabytes).
MAX_XLSFORM_UNPACKED_BYTES = 100 * 1024 * 1024
XLSFORM_ZIP_LIMITS = ZipLimits(
    entries=2_000, entry_bytes=MAX_XLSFORM_UNPACKED_BYTES, total_bytes=MAX_XLSFORM_UNPACKED_BYTES
)

# pyxform keeps the spelling of the spreadsheet ("select all that apply",
# "int", "photo"); the schema names each type once.
_TYPE_ALIASES = {
    "string": "text",
    "int": "integer",
    "photo": "image",
    "add select one prompt using": "select_one",
    "add select multiple prompt using": "select_multiple",
    "select one": "select_one",
    "select all that apply": "select_multiple",
    "select multiple": "select_multiple",
    "select one external": "select_one_external",
    "select_one_external": "select_one_external",
    "trigger": "acknowledge",
    "phone number": "text",
    "hidden": "calculate",
    "datetime": "dateTime",
    "gps": "geopoint",
    "location": "geopoint",
}
_SELECT_TAGS = {"select1": "select_one", "select": "select_multiple", "odk:rank": "rank"}
_UPLOAD_MEDIA = {"image": "image", "audio": "audio", "video": "video"}


class XLSFormError(Exception):
    """pyxform (or reading the file) refused the XLSForm; ``str()`` is its message."""


@dataclass
class Conversion:
    form_id: str
    title: str
    version: str
    version_generated: bool
    xform: str
    md5: str
    schema: FormSchema
    warnings: list[str] = field(default_factory=list)
    itemsets_csv: str = ""


def xform_md5(xform: str) -> str:
    """The hash ODK Collect compares in the form list: ``md5:<hex>`` of the XForm bytes."""
    return "md5:" + hashlib.md5(xform.encode("utf-8"), usedforsecurity=False).hexdigest()


def _texts(value: Any, default_language: str) -> dict[str, str]:
    if value is None or value == "":
        return {}
    if isinstance(value, dict):
        return {str(k): str(v) for k, v in value.items() if v is not None and str(v) != ""}
    return {default_language: str(value)}


def _normal_type(element: Any) -> str:
    raw = str(getattr(element, "type", "") or "")
    control = getattr(element, "control", None) or {}
    tag = control.get("tag") if isinstance(control, dict) else None
    if tag in _SELECT_TAGS:
        base = _SELECT_TAGS[tag]
        if raw.endswith("from file") or "from_file" in raw:
            return base + "_from_file"
        return base
    if tag == "upload":
        media = str(control.get("mediatype", ""))
        return _UPLOAD_MEDIA.get(media.split("/")[0], "file")
    if raw in _TYPE_ALIASES:
        return _TYPE_ALIASES[raw]
    return raw.replace(" ", "_")


def _relative(xpath: str, root: str) -> str:
    prefix = f"/{root}/"
    return xpath[len(prefix) :] if xpath.startswith(prefix) else xpath.lstrip("/")


_YES = ("true()", "true", "yes", "1")
_NO = ("false()", "false", "no", "0", "")


def _required(value: Any) -> bool | str:
    """XLSForm's required column: yes, no, or an expression (required only when it holds)."""
    text = str(value if value is not None else "").strip()
    if text.lower() in _YES:
        return True
    if text.lower() in _NO:
        return False
    return text


def schema_from_survey(survey: Any, pyxform_json: dict[str, Any], *, version: str) -> FormSchema:
    """Build the schema from pyxform's Survey object and its JSON (``xls2json``) dict."""
    from pyxform.section import RepeatingSection, Section

    root = survey.name
    default_language = str(pyxform_json.get("default_language") or "default")
    languages: set[str] = set()
    questions: list[Question] = []
    groups: list[Group] = []

    def note_languages(texts: dict[str, str]) -> dict[str, str]:
        languages.update(texts)
        return texts

    def walk(element: Any, group: str | None, repeat: str | None) -> None:
        for child in element.children:
            path = _relative(child.get_xpath(), root)
            if isinstance(child, Section):
                # pyxform's own metadata (instanceID, instanceName) is not a question.
                if child.name == "meta" and group is None and (child.control or {}).get("bodyless"):
                    continue
                is_repeat = isinstance(child, RepeatingSection)
                bind = child.bind or {}
                groups.append(
                    Group(
                        path=path,
                        labels=note_languages(_texts(child.label, default_language)),
                        repeat=is_repeat,
                        relevant=str(bind.get("relevant", "") or ""),
                        # pyxform turns a constant repeat_count into a calculate it names.
                        count=str((child.control or {}).get("jr:count", "") or "") if is_repeat else "",
                    )
                )
                walk(child, path, path if is_repeat else repeat)
                continue
            bind = child.bind or {}
            required = _required(bind.get("required"))
            qtype = _normal_type(child)
            list_name = getattr(child, "list_name", None) or None
            if list_name is None and qtype.startswith(("select", "rank")):
                itemset = getattr(child, "itemset", None)
                list_name = str(itemset) if isinstance(itemset, str) and itemset else None
            questions.append(
                Question(
                    name=child.name,
                    path=path,
                    type=qtype,
                    list_name=list_name,
                    labels=note_languages(_texts(child.label, default_language)),
                    hints=note_languages(_texts(getattr(child, "hint", None), default_language)),
                    required=required is True,
                    required_if=required if isinstance(required, str) else "",
                    required_message=_texts(bind.get("jr:requiredMsg"), default_language),
                    relevant=str(bind.get("relevant", "") or ""),
                    constraint=str(bind.get("constraint", "") or ""),
                    constraint_message=_texts(bind.get("jr:constraintMsg"), default_language),
                    repeat=repeat,
                    group=group,
                )
            )

    walk(survey, None, None)

    choices: dict[str, list[Choice]] = {}
    for list_name, options in (pyxform_json.get("choices") or {}).items():
        items = []
        for option in options or []:
            if not isinstance(option, dict) or option.get("name") in (None, ""):
                continue
            items.append(
                Choice(
                    name=str(option["name"]),
                    labels=note_languages(_texts(option.get("label"), default_language)),
                )
            )
        choices[str(list_name)] = items

    ordered = sorted(languages, key=lambda lang: (lang != default_language, lang))
    return FormSchema(
        form_id=str(survey.id_string),
        title=str(survey.title or survey.id_string),
        version=version,
        default_language=default_language,
        languages=ordered,
        questions=questions,
        choices=choices,
        groups=groups,
    )


def generated_version(now: dt.datetime | None = None) -> str:
    """A version for forms that declare none: sortable, like ODK Central's."""
    moment = timezone.localtime(now or timezone.now())
    return moment.strftime("%Y%m%d%H%M%S")


def _check_xlsx(content: bytes) -> None:
    """Refuse a hostile or broken .xlsx before openpyxl (inside pyxform) unpacks anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            zipcheck.check_archive(archive, XLSFORM_ZIP_LIMITS)
    except zipfile.BadZipFile as exc:
        raise XLSFormError(_(ERR_NOT_XLSX) % {"reason": exc}) from exc
    except zipcheck.ZipRefused as exc:
        if exc.reason == zipcheck.UNSAFE_NAME:
            raise XLSFormError(_(ERR_UNSAFE_ENTRY) % exc.params) from None
        if exc.reason == zipcheck.TOO_LARGE:
            raise XLSFormError(
                _(ERR_UNPACKED_TOO_BIG)
                % {"size": exc.params["size"] // (1024 * 1024), "limit": exc.params["limit"] // (1024 * 1024)}
            ) from None
        raise XLSFormError(_(ZIP_REFUSED[exc.reason]) % exc.params) from None


def _check_text(content: bytes) -> None:
    """CSV and Markdown forms are read as UTF-8 by pyxform: say so instead of its decoding error."""
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise XLSFormError(_(ERR_NOT_UTF8) % {"position": exc.start + 1}) from exc


def convert_xlsform(content: bytes, filename: str) -> Conversion:
    """Convert one XLSForm. Raises :class:`XLSFormError` with pyxform's message when it refuses."""
    from pyxform.xls2xform import convert

    suffix = Path(filename).suffix.lower()
    if suffix not in XLSFORM_EXTENSIONS:
        raise XLSFormError(ERR_EXTENSION)
    if not content:
        raise XLSFormError(ERR_EMPTY)
    if len(content) > MAX_XLSFORM_BYTES:
        raise XLSFormError(ERR_TOO_BIG)
    if suffix == ".xlsx":
        _check_xlsx(content)
    elif suffix in (".csv", ".md"):
        _check_text(content)
        # Excel's "CSV UTF-8" starts with a byte-order mark, which pyxform would read as part of the
        # first sheet's name ("\ufeffsurvey") and refuse with a baffling message.
        content = content.removeprefix(codecs.BOM_UTF8)
    warnings: list[str] = []
    # pyxform takes the form ID from the file name when the settings sheet has
    # none, so it reads a file that carries the uploaded name.
    stem = Path(filename).stem or "form"
    with tempfile.TemporaryDirectory(prefix="kozomol-xlsform-") as tmp:
        path = Path(tmp) / f"{stem}{suffix}"
        path.write_bytes(content)
        try:
            result = convert(xlsform=str(path), warnings=warnings)
        except Exception as exc:  # pyxform raises PyXFormError, but readers raise anything
            message = str(exc).strip() or type(exc).__name__
            raise XLSFormError(message) from exc
    survey = result._survey
    data = result._pyxform or {}
    declared = str(getattr(survey, "version", "") or data.get("version") or "").strip()
    version = declared or generated_version()
    try:
        schema = schema_from_survey(survey, data, version=version)
    except Exception as exc:  # an unusual pyxform structure must not become a 500
        raise XLSFormError(f"{type(exc).__name__}: {exc}") from exc
    if not schema.questions:
        raise XLSFormError(ERR_NO_QUESTIONS)
    return Conversion(
        form_id=schema.form_id,
        title=schema.title,
        version=version,
        version_generated=not declared,
        xform=result.xform,
        md5=xform_md5(result.xform),
        schema=schema,
        warnings=[str(w) for w in warnings],
        itemsets_csv=result.itemsets or "",
    )
