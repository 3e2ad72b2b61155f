"""Which column of an export holds which question, and what each cell must look like.

KoboToolbox writes group paths with "/" (``profile/age``), ODK Central with "-"
(``profile-age``), both may leave the groups out; a select_multiple comes as one
space-separated column, as split 0/1 columns ``q/option``, or both. Headers may
also be labels when the export was made "with labels". The candidates for a
header are computed once from the schema, so matching is one dict lookup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kozomol.questionnaires.schema import NON_ANSWER_TYPES, FormSchema, Question
from kozomol.submissions.io import messages as m

# Columns that exports carry besides the answers, by what they mean to an import.
META_COLUMNS: dict[str, str] = {
    "meta/instanceid": "instance_id",
    "meta-instanceid": "instance_id",
    "instanceid": "instance_id",
    "_uuid": "uuid",
    "key": "key",  # ODK Central: the submission's (or repeat row's) key
    "parent_key": "parent_key",
    "meta/deprecatedid": "deprecated_id",
    "meta-deprecatedid": "deprecated_id",
    "deprecatedid": "deprecated_id",
    "_submission_time": "submission_time",
    "submissiondate": "submission_time",
    "__version__": "version",
    "formversion": "version",
    "_version": "version",
    "_version_": "version",
    "_validation_status": "status",
    "reviewstate": "status",
    "_status_review": "status",
    "_submitted_by": "submitted_by",
    "submittername": "submitted_by",
    "_index": "index",
    "_parent_index": "parent_index",
    "_parent_table_name": "parent_table",
}
# Known bookkeeping columns of Kobo and Central that carry nothing to import.
IGNORED_META = frozenset(
    {
        "_id",
        "_notes",
        "_tags",
        "_geolocation",
        "_attachments",
        "_status",
        "_submission__id",
        "_submission__uuid",
        "_submission__submission_time",
        "_submission__validation_status",
        "_submission__notes",
        "_submission__status",
        "_submission__submitted_by",
        "_submission___version__",
        "_submission__tags",
        "submitterid",
        "attachmentspresent",
        "attachmentsexpected",
        "deviceid",
        "edits",
        "formhub/uuid",
        "meta/rootuuid",
        "meta-rootuuid",
        "meta/instancename",
        "meta-instancename",
        "status",
        "_xform_id_string",
        "_duration",
        "_media_count",
        "_total_media",
        "_media_all_received",
        "__version__",
        "meta/audit",
        "meta-audit",
        "_id_",
        "_submission__index",
    }
) - set(META_COLUMNS)

UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
MAX_VALUE_CHARS = 100_000


class BadValue(Exception):  # noqa: N818 - a signal, cheap when not raised
    def __init__(self, message: str, **params: Any) -> None:
        super().__init__(message)
        self.message = message
        self.params = params


@dataclass(frozen=True)
class Target:
    kind: str  # "question", "option", "meta"
    path: str = ""  # question path
    option: str = ""  # choice name, for split select_multiple columns
    meta: str = ""


def _separators(path: str) -> set[str]:
    return {path, path.replace("/", "-"), path.replace("/", "."), path.replace("/", ":")}


def header_candidates(schema: FormSchema, repeat: str | None) -> tuple[dict[str, Target], dict[str, Target]]:
    """(exact, lower-cased) header → target for the questions directly in ``repeat`` (None: top level)."""
    questions = [q for q in schema.questions if q.repeat == repeat and q.type not in NON_ANSWER_TYPES]
    name_count: dict[str, int] = {}
    for q in questions:
        name_count[q.name] = name_count.get(q.name, 0) + 1
    label_count: dict[str, int] = {}
    for q in questions:
        for label in set(q.labels.values()):
            label_count[label] = label_count.get(label, 0) + 1
    exact: dict[str, Target] = {}
    weak: dict[str, Target] = {}  # names and labels: used only if no path claims the header

    def put(table: dict[str, Target], key: str, target: Target) -> None:
        if key and key not in table:
            table[key] = target

    for q in questions:
        target = Target("question", q.path)
        forms = _separators(q.path)
        if repeat and q.path.startswith(repeat + "/"):
            forms |= _separators(q.path[len(repeat) + 1 :])
        for f in forms:
            put(exact, f, target)
        if name_count[q.name] == 1:
            put(weak, q.name, target)
        labels = [lbl for lbl in set(q.labels.values()) if lbl and label_count.get(lbl) == 1]
        for label in labels:
            put(weak, label, target)
        if q.type == "select_multiple":
            choices = schema.choices.get(q.list_name or "", [])
            stems = set(forms) | ({q.name} if name_count[q.name] == 1 else set()) | set(labels)
            for choice in choices:
                opt = Target("option", q.path, option=choice.name)
                option_forms = {choice.name} | {v for v in choice.labels.values() if v}
                for stem in stems:
                    for sep in ("/", "-", ".", ":"):
                        for of in option_forms:
                            put(weak if stem in labels else exact, f"{stem}{sep}{of}", opt)
    for key, target in weak.items():
        exact.setdefault(key, target)
    lower: dict[str, Target] = {}
    for key, target in exact.items():
        lower.setdefault(key.lower(), target)
    return exact, lower


def match_header(header: str, exact: dict[str, Target], lower: dict[str, Target]) -> Target | None:
    target = exact.get(header) or lower.get(header.lower())
    if target is not None:
        return target
    meta = META_COLUMNS.get(header.lower())
    if meta:
        return Target("meta", meta=meta)
    return None


def is_known_bookkeeping(header: str) -> bool:
    low = header.lower()
    return low in IGNORED_META or low.startswith("_submission_") or low.startswith("__")


# --- cell converters -------------------------------------------------------
# Each returns the value as it would appear in the XForm instance (a string),
# or raises BadValue. Cells come as str from CSV and typed from XLSX.


def _as_text(value: Any) -> str:
    if type(value) is str:
        return value
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def conv_text(value: Any) -> str:
    text = _as_text(value)
    if len(text) > MAX_VALUE_CHARS:
        raise BadValue(m.VALUE_TOO_LONG, length=len(text), limit=MAX_VALUE_CHARS)
    return text


def conv_integer(value: Any) -> str:
    if type(value) is str:
        try:
            number = int(value)  # the common case, fast; int() allows surrounding spaces
            if "_" not in value:
                return str(number)
        except ValueError:
            pass
    elif type(value) is int:
        return str(value)
    elif isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        raise BadValue(m.VALUE_NOT_INTEGER, value=value)
    text = _as_text(value).strip().replace("\u00a0", "").replace(" ", "")
    if text.endswith(".0"):
        text = text[:-2]
    try:
        if "_" in text:
            raise ValueError(text)
        return str(int(text))
    except ValueError:
        raise BadValue(m.VALUE_NOT_INTEGER, value=value) from None


def conv_decimal(value: Any) -> str:
    if isinstance(value, bool):
        raise BadValue(m.VALUE_NOT_DECIMAL, value=value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    text = _as_text(value).strip()
    try:
        number = float(text)  # the common case: a plain decimal with a dot
    except ValueError:
        text = (
            text.replace("\u00a0", "").replace(" ", "").replace(",", ".")
        )  # 12,5 and 1 000,5 as Excel writes
        try:
            number = float(text)
        except ValueError:
            raise BadValue(m.VALUE_NOT_DECIMAL, value=value) from None
    if number != number or number in (float("inf"), float("-inf")) or "_" in text:
        raise BadValue(m.VALUE_NOT_DECIMAL, value=value)
    return text


_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$")


def conv_date(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _as_text(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        pass
    found = _DMY.match(text)
    if found:
        try:
            return dt.date(int(found[3]), int(found[2]), int(found[1])).isoformat()
        except ValueError:
            pass
    raise BadValue(m.VALUE_NOT_DATE, value=value)


def conv_time(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.time().isoformat()
    if isinstance(value, dt.time):
        return value.isoformat()
    text = _as_text(value).strip()
    try:
        dt.time.fromisoformat(text.replace("Z", "+00:00"))
        return text
    except ValueError:
        raise BadValue(m.VALUE_NOT_TIME, value=value) from None


def aware(value: dt.datetime) -> dt.datetime:
    """Exports write UTC without an offset (Kobo's _submission_time); read them so."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


def parse_datetime(text: str) -> dt.datetime:
    """A timezone-aware date and time from ISO 8601 or DD.MM.YYYY [HH:MM[:SS]]."""
    try:
        return aware(dt.datetime.fromisoformat(text))  # what exports write; refuses blanks around it
    except ValueError:
        pass
    text = text.strip()
    try:
        return aware(dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1)))
    except ValueError:
        pass
    for pattern in ("%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text + " +0000", pattern + " %z")  # noqa: DTZ007 - %z given
        except ValueError:
            continue
    raise ValueError(text)


def conv_datetime(value: Any) -> str:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time()).isoformat()
    text = _as_text(value).strip()
    try:
        parse_datetime(text)
    except ValueError:
        raise BadValue(m.VALUE_NOT_DATETIME, value=value) from None
    return text


def conv_geopoint(value: Any) -> str:
    text = _as_text(value).strip()
    parts = text.replace(",", " ").split()
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise BadValue(m.VALUE_NOT_GEOPOINT, value=value) from None
    if not 2 <= len(numbers) <= 4 or not (-90 <= numbers[0] <= 90 and -180 <= numbers[1] <= 180):
        raise BadValue(m.VALUE_NOT_GEOPOINT, value=value)
    return " ".join(parts)


def choice_lookup(schema: FormSchema, question: Question) -> dict[str, str] | None:
    """Accepted cell text → choice name (names, and labels in every language); None: no list."""
    choices = schema.choices.get(question.list_name or "")
    if not choices:
        return None
    lookup: dict[str, str] = {}
    for choice in choices:
        for label in choice.labels.values():
            if label:
                lookup.setdefault(label.strip(), choice.name)
                lookup.setdefault(label.strip().lower(), choice.name)
    for choice in choices:  # names win over labels
        lookup[choice.name] = choice.name
    return lookup


def _choice_list(schema: FormSchema, question: Question) -> str:
    names = [c.name for c in schema.choices.get(question.list_name or "", [])]
    shown = ", ".join(names[:12])
    return shown + (", …" if len(names) > 12 else "")


def make_select_one(schema: FormSchema, question: Question) -> Callable[[Any], str]:
    lookup = choice_lookup(schema, question)
    if lookup is None:
        return conv_text
    allowed = _choice_list(schema, question)

    def conv(value: Any) -> str:
        text = _as_text(value).strip()
        found = lookup.get(text) or lookup.get(text.lower())
        if found is None:
            raise BadValue(m.VALUE_NOT_CHOICE, value=value, choices=allowed)
        return found

    return conv


def make_select_multiple(schema: FormSchema, question: Question) -> Callable[[Any], str]:
    lookup = choice_lookup(schema, question)
    if lookup is None:
        return conv_text
    allowed = _choice_list(schema, question)

    def conv(value: Any) -> str:
        text = _as_text(value).strip()
        whole = lookup.get(text)
        if whole is not None:
            return whole
        picked = []
        for token in text.split():
            found = lookup.get(token) or lookup.get(token.lower())
            if found is None:
                raise BadValue(m.VALUE_NOT_CHOICE, value=token, choices=allowed)
            if found not in picked:
                picked.append(found)
        return " ".join(picked)

    return conv


def conv_flag(value: Any) -> bool:
    """A split select_multiple cell: 1/0, True/False, or empty."""
    if value is True or value == 1:
        return True
    if value is False or value == 0:
        return False
    text = _as_text(value).strip().lower()
    if text in ("1", "1.0", "true", "yes", "да", "ооба"):
        return True
    if text in ("0", "0.0", "false", "no", "нет", "жок", ""):
        return False
    raise BadValue(m.VALUE_NOT_FLAG, value=value)


_BY_TYPE: dict[str, Callable[[Any], str]] = {
    "integer": conv_integer,
    "decimal": conv_decimal,
    "range": conv_decimal,
    "date": conv_date,
    "today": conv_date,
    "time": conv_time,
    "dateTime": conv_datetime,
    "datetime": conv_datetime,
    "start": conv_datetime,
    "end": conv_datetime,
    "geopoint": conv_geopoint,
    "start-geopoint": conv_geopoint,
}


def converter_for(schema: FormSchema, question: Question) -> Callable[[Any], str]:
    if question.type == "select_one":
        return make_select_one(schema, question)
    if question.type == "select_multiple":
        return make_select_multiple(schema, question)
    return _BY_TYPE.get(question.type, conv_text)


def normalise_instance_id(value: Any) -> str:
    text = _as_text(value).strip()
    if UUID_RE.match(text):
        return "uuid:" + text.lower()
    if text.lower().startswith("uuid:") and UUID_RE.match(text[5:]):
        return "uuid:" + text[5:].lower()
    return text
