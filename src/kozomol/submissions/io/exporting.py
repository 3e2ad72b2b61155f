"""Exports of a form's submissions: CSV, XLSX, SPSS .sav and JSON.

Columns are the union of every version's questions (newest order first), so
one export spans versions. Rows are read with ``.iterator(chunk_size=...)`` and
written as they come: CSV and JSON stream straight into the response, XLSX and
.sav are written to a file (by a background job when large). Repeats become
extra sheets (XLSX) or extra files in a ZIP (CSV, .sav), joined to their
parent by ``_index`` / ``_parent_index`` as KoboToolbox lays them out, so an
export can be imported again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import NoneType
from typing import Any

from django.db import connection
from django.db.models import QuerySet

from kozomol.audit.services import audit_record
from kozomol.questionnaires.models import Form
from kozomol.questionnaires.schema import NON_ANSWER_TYPES, FormSchema, Question, pick_label
from kozomol.submissions.io.importing import union_schema
from kozomol.submissions.models import Submission

FORMATS = ("csv", "xlsx", "sav", "json")
CHUNK_SIZE = 2000
XLSX_MAX_ROWS = 1_048_576
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "zip": "application/zip",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "sav": "application/x-spss-sav",
    "json": "application/json",
}
YES_NO = {"ru": ("Нет", "Да"), "ky": ("Жок", "Ооба"), "en": ("No", "Yes")}


@dataclass(frozen=True)
class ExportOptions:
    format: str = "csv"
    language: str = "ru"
    labels: bool = False  # labels instead of codes, in ``language``
    hxl: bool = False  # a row of HXL hashtags under the header


@dataclass
class Column:
    key: str  # code header: the question path, "path/option" or a metadata name
    label: str  # header in labels mode
    kind: str  # "answer", "option", "meta"
    question: Question | None = None
    option: str = ""
    hxl: str = ""


@dataclass
class Sheet:
    name: str
    repeat: str | None
    columns: list[Column] = field(default_factory=list)


META_MAIN = [
    ("meta/instanceID", "#meta+id"),
    ("_submission_time", "#date+submitted"),
    ("_validation_status", "#status"),
    ("__version__", "#meta+version"),
    ("_submitted_by", "#meta+monitor"),
    ("_index", "#meta+index"),
]
META_REPEAT = [
    ("_index", "#meta+index"),
    ("_parent_table_name", ""),
    ("_parent_index", "#meta+parent"),
    ("_submission__uuid", "#meta+id"),
]
# iter_rows and _repeat_rows hand the meta values over in these orders.
assert [k for k, _tag in META_MAIN] == [
    "meta/instanceID",
    "_submission_time",
    "_validation_status",
    "__version__",
    "_submitted_by",
    "_index",
]
assert [k for k, _tag in META_REPEAT] == [
    "_index",
    "_parent_table_name",
    "_parent_index",
    "_submission__uuid",
]
STATUS_OUT = {
    Submission.Status.APPROVED: "validation_status_approved",
    Submission.Status.REJECTED: "validation_status_not_approved",
    Submission.Status.HAS_ISSUES: "validation_status_on_hold",
    Submission.Status.RECEIVED: "",
}


def _hxl_attribute(name: str) -> str:
    return re.sub(r"[^a-z0-9_]", "", name.lower().replace("-", "_"))


def hxl_tag(question: Question) -> str:
    """A HXL hashtag for a question: from its name and type (Kozomol's schema has no hxl column)."""
    attr = _hxl_attribute(question.name)
    attr_part = f"+{attr}" if attr else ""
    name = question.name.lower()
    if "country" in name:
        return "#country+code" if question.is_select else "#country+name"
    if "city" in name:
        return "#loc+name"
    if "region" in name or "oblast" in name:
        return "#adm1+name"
    if question.type in ("date", "dateTime", "datetime", "start", "end", "today", "time"):
        return f"#date{attr_part}"
    if question.type in ("geopoint", "geotrace", "geoshape", "start-geopoint"):
        return f"#geo+coord{attr_part}"
    if question.type in ("integer", "decimal", "range"):
        return f"#indicator+num{attr_part}"
    if question.is_select or question.type == "calculate":
        return f"#indicator{attr_part}"
    return f"#description{attr_part}"


class Layout:
    """Sheets and columns of an export of one form (all versions)."""

    def __init__(self, schema: FormSchema, options: ExportOptions) -> None:
        self.schema = schema
        self.options = options
        self.lang = options.language
        repeats = [g.path for g in schema.groups if g.repeat]
        self.main = Sheet(name=schema.form_id[:31] or "data", repeat=None)
        self.repeats: list[Sheet] = []
        used = {self.main.name}
        for r in repeats:
            name = r.rsplit("/", 1)[-1][:31]
            while name in used:
                name = name[:28] + f"_{len(used)}"
            used.add(name)
            self.repeats.append(Sheet(name=name, repeat=r))
        self.choice_labels: dict[str, dict[str, str]] = {}
        for q in schema.questions:
            if q.type in NON_ANSWER_TYPES:
                continue
            sheet = self.sheet_for(q.repeat)
            if sheet is None:
                continue
            sheet.columns.append(Column(q.path, self.label(q.labels) or q.path, "answer", q, hxl=hxl_tag(q)))
            if q.is_select:
                choices = schema.choices.get(q.list_name or "", [])
                self.choice_labels[q.path] = {c.name: self.label(c.labels) or c.name for c in choices}
            if q.type == "select_multiple":
                for c in schema.choices.get(q.list_name or "", []):
                    sheet.columns.append(
                        Column(
                            f"{q.path}/{c.name}",
                            f"{self.label(q.labels) or q.path}/{self.label(c.labels) or c.name}",
                            "option",
                            q,
                            option=c.name,
                            hxl=f"#indicator+{_hxl_attribute(q.name)}+{_hxl_attribute(c.name)}",
                        )
                    )
        for key, tag in META_MAIN:
            self.main.columns.append(Column(key, key, "meta", hxl=tag))
        for sheet in self.repeats:
            for key, tag in META_REPEAT:
                sheet.columns.append(Column(key, key, "meta", hxl=tag))

    def sheet_for(self, repeat: str | None) -> Sheet | None:
        if repeat is None:
            return self.main
        return next((s for s in self.repeats if s.repeat == repeat), None)

    def label(self, labels: dict[str, str]) -> str:
        # The chosen language first, whether declared as "ky" or "Kyrgyz (ky)"; then the form's default.
        for key, value in labels.items():
            if value and (key == self.lang or key.endswith(f"({self.lang})")):
                return value
        return pick_label(labels, self.lang, self.schema.default_language)

    @property
    def sheets(self) -> list[Sheet]:
        return [self.main, *self.repeats]

    def header(self, sheet: Sheet) -> list[str]:
        return [c.label if self.options.labels else c.key for c in sheet.columns]

    def hxl_row(self, sheet: Sheet) -> list[str]:
        return [c.hxl for c in sheet.columns]

    def row_maker(self, sheet: Sheet) -> Callable[[dict[str, Any], list[Any]], list[Any]]:
        """``make(answers, meta_values)``: the cells of one row, as :meth:`cells` gives them.

        Compiled once per sheet so a row costs a few C-level calls rather than a Python
        step per column: every answer column is one ``answers.get(path, "")`` mapped over
        the sheet's paths; each select_multiple's split columns are set from one split of
        its answer. Labels go through :meth:`cells` (rarer, and per-value lookups anyway).
        """
        if self.options.labels:
            meta_keys = [c.key for c in sheet.columns if c.kind == "meta"]

            def by_cells(answers: dict[str, Any], meta_values: list[Any]) -> list[Any]:
                return self.cells(sheet, answers, dict(zip(meta_keys, meta_values, strict=True)))

            return by_cells
        paths: list[str] = []
        splits: list[tuple[int, str, list[str]]] = []  # (first column, question path, options)
        for i, c in enumerate(sheet.columns):
            if c.kind == "meta":
                continue  # meta columns come last (Layout puts them there)
            assert c.question is not None
            paths.append(c.question.path)
            if c.kind == "option":
                if splits and splits[-1][1] == c.question.path and splits[-1][0] + len(splits[-1][2]) == i:
                    splits[-1][2].append(c.option)
                else:
                    splits.append((i, c.question.path, [c.option]))
        assert all(c.kind == "meta" for c in sheet.columns[len(paths) :])
        blanks = [""] * len(paths)

        def make(answers: dict[str, Any], meta_values: list[Any]) -> list[Any]:
            out = list(map(answers.get, paths, blanks))
            types = set(map(type, out))
            if list in types or NoneType in types:  # a null, or a repeat's items, where an answer should be
                out = ["" if v is None or isinstance(v, list) else v for v in out]
            for first, path, options in splits:
                value = answers.get(path)
                if value is None or value == "":
                    out[first : first + len(options)] = [""] * len(options)
                else:
                    chosen = str(value).split()
                    out[first : first + len(options)] = [1 if o in chosen else 0 for o in options]
            out += meta_values
            return out

        return make

    def cells(self, sheet: Sheet, answers: dict[str, Any], meta: dict[str, Any]) -> list[Any]:
        labels = self.options.labels
        out: list[Any] = []
        for c in sheet.columns:
            if c.kind == "meta":
                out.append(meta.get(c.key, ""))
                continue
            assert c.question is not None
            value = answers.get(c.question.path)
            if c.kind == "option":
                if value is None or value == "":
                    out.append("")
                else:
                    out.append(1 if c.option in str(value).split() else 0)
                continue
            if value is None or isinstance(value, list):
                out.append("")
                continue
            if labels and c.question.is_select:
                names = self.choice_labels.get(c.question.path, {})
                if c.question.type == "select_multiple":
                    value = ", ".join(names.get(v, v) for v in str(value).split())
                else:
                    value = names.get(value, value)
            out.append(value)
        return out


@dataclass
class Row:
    sheet: Sheet
    cells: list[Any]


def submissions_for_export(form: Form) -> QuerySet[Submission]:
    return Submission.objects.filter(form=form).order_by("received_at", "pk")


_VALUES = ("instance_id", "data", "received_at", "status", "form_version__version", "submitted_by__email")


def _submission_time(value: Any) -> str:
    """``_submission_time`` as Kobo writes it: UTC, to the second."""
    if not value:
        return ""
    if isinstance(value, str):  # SQLite's text, when no converter parsed it: naive UTC
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is not None:  # PostgreSQL: aware
        value = value.astimezone(dt.UTC).replace(tzinfo=None)
    # Naive values are UTC: what Django stores on SQLite with USE_TZ.
    return value.isoformat(timespec="seconds")


def fetch_rows(queryset: QuerySet[Submission], *, chunk_size: int = CHUNK_SIZE) -> Iterator[tuple[Any, ...]]:
    """(instance ID, answers, submission time, state, version, monitor) of each submission, streamed.

    The queryset's own SQL run on a chunked cursor (server-side on PostgreSQL, so a
    million rows never sit in memory) with the two conversions done here: the ORM's
    per-row converters were a third of an export's time.
    """
    sql, params = queryset.values_list(*_VALUES).query.sql_with_params()
    loads = json.loads
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            for instance_id, data, received_at, status, version, email in rows:
                answers = loads(data) if isinstance(data, (str, bytes)) else data
                yield instance_id, answers or {}, _submission_time(received_at), status, version, email


def iter_rows(
    layout: Layout,
    queryset: QuerySet[Submission],
    *,
    chunk_size: int = CHUNK_SIZE,
    sheets: set[str] | None = None,
    progress: Any = None,
) -> Iterator[Row]:
    """Rows of every sheet, submission by submission (a submission's repeat rows follow it)."""
    counters = {s.name: 0 for s in layout.sheets}
    want = sheets
    wanted_repeats = [s for s in layout.repeats if want is None or s.name in want]
    main_wanted = want is None or layout.main.name in want
    makers = {s.name: layout.row_maker(s) for s in layout.sheets}
    main = layout.main
    make_main = makers[main.name]
    status_out = {k.value: v for k, v in STATUS_OUT.items()}
    for n, (instance_id, data, received_at, status, version, email) in enumerate(
        fetch_rows(queryset, chunk_size=chunk_size), 1
    ):
        counters[main.name] = n
        if main_wanted:
            # In META_MAIN's order: instanceID, submission time, state, version, monitor, index.
            meta = [instance_id, received_at, status_out.get(status, status), version, email or "", n]
            yield Row(main, make_main(data, meta))
        if wanted_repeats:
            yield from _repeat_rows(layout, wanted_repeats, data, main.name, n, instance_id, counters, makers)
        if progress is not None and n % 1000 == 0:
            progress.advance(1000)


def _repeat_rows(
    layout: Layout,
    sheets: list[Sheet],
    data: dict[str, Any],
    parent_name: str,
    parent_index: int,
    instance_id: str,
    counters: dict[str, int],
    makers: dict[str, Callable[[dict[str, Any], list[Any]], list[Any]]],
) -> Iterator[Row]:
    for sheet in layout.repeats:
        assert sheet.repeat is not None
        items = data.get(sheet.repeat)
        if not isinstance(items, list):
            continue
        # Only the repeats directly inside this parent: a nested repeat's items live in its parent's items.
        for item in items:
            if not isinstance(item, dict):
                continue
            counters[sheet.name] += 1
            index = counters[sheet.name]
            if sheet in sheets:
                # In META_REPEAT's order: index, parent table, parent index, submission's instanceID.
                yield Row(sheet, makers[sheet.name](item, [index, parent_name, parent_index, instance_id]))
            nested = {k: v for k, v in item.items() if isinstance(v, list)}
            if nested:
                yield from _repeat_rows(
                    layout, sheets, nested, sheet.name, index, instance_id, counters, makers
                )


# --- writers -------------------------------------------------------------------


class _Sink:
    """A write-only file object whose bytes are collected and handed out by ``take()``."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []
        self.position = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.position += len(data)
        return len(data)

    def tell(self) -> int:
        return self.position

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def iter_csv(layout: Layout, sheet: Sheet, rows: Iterable[Row], *, bom: bool = True) -> Iterator[bytes]:
    """One sheet as UTF-8 CSV (with a BOM, so Excel shows Cyrillic), in chunks of about 64 KB."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    if bom:
        buffer.write("\ufeff")
    writer.writerow(layout.header(sheet))
    if layout.options.hxl:
        writer.writerow(layout.hxl_row(sheet))
    for row in rows:
        if row.sheet is not sheet:
            continue
        writer.writerow(row.cells)
        if buffer.tell() > 65536:
            yield buffer.getvalue().encode("utf-8")
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode("utf-8")


def iter_zip(members: Iterable[tuple[str, Iterable[bytes]]]) -> Iterator[bytes]:
    """A ZIP written as it goes (no seeking), so it can stream into a response."""
    sink = _Sink()
    with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:  # type: ignore[arg-type]
        for name, chunks in members:
            with archive.open(name, mode="w", force_zip64=True) as member:
                for chunk in chunks:
                    member.write(chunk)
                    if sink.position and len(sink.parts) > 16:
                        yield sink.take()
            yield sink.take()
    yield sink.take()


def iter_json(
    layout: Layout, queryset: QuerySet[Submission], *, chunk_size: int = CHUNK_SIZE, progress: Any = None
) -> Iterator[bytes]:
    """A JSON array of submissions; answers keyed by path, repeats as lists (labels if asked)."""
    yield b"["
    first = True
    buffer: list[str] = []
    values = (
        "instance_id",
        "data",
        "received_at",
        "submitted_at",
        "status",
        "form_version__version",
        "country_code",
        "gender",
    )
    for n, (instance_id, data, received_at, submitted_at, status, version, country, gender) in enumerate(
        queryset.values_list(*values).iterator(chunk_size=chunk_size), 1
    ):
        record = {
            "instance_id": instance_id,
            "form_version": version,
            "status": status,
            "received_at": received_at.isoformat() if received_at else None,
            "submitted_at": submitted_at.isoformat() if submitted_at else None,
            "country_code": country,
            "gender": gender,
            "data": _labelled(layout, data) if layout.options.labels else data,
        }
        buffer.append(("" if first else ",") + "\n" + json.dumps(record, ensure_ascii=False))
        first = False
        if len(buffer) >= 500:
            yield "".join(buffer).encode("utf-8")
            buffer.clear()
        if progress is not None and n % 1000 == 0:
            progress.advance(1000)
    buffer.append("\n]\n")
    yield "".join(buffer).encode("utf-8")


def _labelled(layout: Layout, data: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, list):
            out[key] = [_labelled(layout, v) if isinstance(v, dict) else v for v in value]
            continue
        names = layout.choice_labels.get(key)
        if names and isinstance(value, str):
            question = layout.schema.question(key)
            if question is not None and question.type == "select_multiple":
                out[key] = ", ".join(names.get(v, v) for v in value.split())
            else:
                out[key] = names.get(value, value)
        else:
            out[key] = value
    return out


def _xlsx_value(column: Column, value: Any) -> Any:
    """Numbers as numbers, so spreadsheets can sum them."""
    if column.question is None or value == "" or value is None:
        return value
    if column.question.type == "integer":
        try:
            return int(value)
        except (TypeError, ValueError):
            return value
    if column.question.type in ("decimal", "range"):
        try:
            return float(value)
        except (TypeError, ValueError):
            return value
    return value


def write_xlsx(layout: Layout, queryset: QuerySet[Submission], path: Path, *, progress: Any = None) -> None:
    """One sheet per table (openpyxl write-only: rows go to disk as they come)."""
    import openpyxl

    workbook = openpyxl.Workbook(write_only=True)
    sheets: dict[str, Any] = {}
    counts: dict[str, int] = {}
    overflow: dict[str, int] = {}

    def open_sheet(sheet: Sheet, title: str) -> Any:
        ws = workbook.create_sheet(title=title)
        ws.append(layout.header(sheet))
        counts[title] = 1
        if layout.options.hxl:
            ws.append(layout.hxl_row(sheet))
            counts[title] += 1
        return ws

    for sheet in layout.sheets:
        sheets[sheet.name] = open_sheet(sheet, sheet.name)
    for row in iter_rows(layout, queryset, progress=progress):
        title = row.sheet.name
        if counts.get(_current(title, overflow), 0) >= XLSX_MAX_ROWS:
            overflow[title] = overflow.get(title, 1) + 1
            new_title = _current(title, overflow)
            sheets[title] = open_sheet(row.sheet, new_title)
        ws = sheets[title]
        ws.append([_xlsx_value(c, v) for c, v in zip(row.sheet.columns, row.cells, strict=True)])
        counts[_current(title, overflow)] += 1
    workbook.save(path)


def _current(title: str, overflow: dict[str, int]) -> str:
    n = overflow.get(title)
    return title if not n else f"{title[:26]} ({n})"


# --- SPSS ------------------------------------------------------------------


def _spss_names(columns: list[Column]) -> list[str]:
    """Valid, unique SPSS variable names (letters first, at most 64 bytes, no slashes)."""
    used: set[str] = set()
    names = []
    for c in columns:
        base = re.sub(r"[^A-Za-z0-9_.@#$]", "_", c.key.replace("/", "_")).strip("_.") or "v"
        if not base[0].isalpha():
            base = "v_" + base
        base = base[:60]
        name = base
        n = 1
        while name.lower() in used:
            n += 1
            name = f"{base[:56]}_{n}"
        used.add(name.lower())
        names.append(name)
    return names


# pyreadstat writes a .sav from a whole DataFrame (it cannot append), so a large export is
# written as several .sav files of at most this many cells each (rows × variables; some
# 150 bytes a cell while a part is built and written: about 150 MB), in one ZIP. Each part is complete —
# variables, labels, value labels — and keeps the export's _index numbering, so SPSS joins
# them with ADD FILES and the repeat files still point at their parents.
SAV_CELLS_PER_FILE = 1_000_000
SAV_MIN_ROWS_PER_FILE = 1_000


class _SavSheet:
    """How one sheet's cells become SPSS variables: names, numeric codes, labels."""

    def __init__(self, layout: Layout, sheet: Sheet) -> None:
        self.sheet = sheet
        self.names = _spss_names(sheet.columns)
        lang = layout.lang if layout.lang in YES_NO else "en"
        self.value_labels: dict[str, dict[int | float, str]] = {}
        self.codes: list[dict[str, int] | None] = []
        self.numeric: list[bool] = []
        for name, c in zip(self.names, sheet.columns, strict=True):
            q = c.question
            code_map = None
            if c.kind == "option":
                self.value_labels[name] = {0: YES_NO[lang][0], 1: YES_NO[lang][1]}
                self.numeric.append(True)
            elif q is not None and q.type == "select_one" and layout.schema.choices.get(q.list_name or ""):
                choices = layout.schema.choices[q.list_name or ""]
                if all(re.fullmatch(r"-?\d+", ch.name) for ch in choices):
                    code_map = {ch.name: int(ch.name) for ch in choices}
                else:
                    code_map = {ch.name: i for i, ch in enumerate(choices, 1)}
                self.value_labels[name] = {
                    code_map[ch.name]: layout.label(ch.labels) or ch.name for ch in choices
                }
                self.numeric.append(True)
            elif (q is not None and q.type in ("integer", "decimal", "range")) or c.key in (
                "_index",
                "_parent_index",
            ):
                self.numeric.append(True)
            else:
                self.numeric.append(False)
            self.codes.append(code_map)
        self.meta = {
            "column_labels": [c.label if c.kind != "meta" else c.key for c in sheet.columns],
            "variable_value_labels": self.value_labels,
        }
        self.rows_per_file = max(SAV_MIN_ROWS_PER_FILE, SAV_CELLS_PER_FILE // max(len(self.names), 1))

    def frames(self, rows: Iterable[Row]) -> Iterator[Any]:
        """DataFrames of this sheet's ``rows``, at most ``rows_per_file`` rows each; one empty for none.

        Cells are converted as the rows stream by (codes: the layout here never uses labels),
        so only one part's converted values are ever held, never the rows themselves.
        """
        data: dict[str, list[Any]] = {n: [] for n in self.names}
        columns = list(data.values())
        count = 0
        sent = False
        for row in rows:
            if row.sheet is not self.sheet:
                continue
            for column, value, code_map, is_number in zip(
                columns, row.cells, self.codes, self.numeric, strict=True
            ):
                if code_map is not None:
                    value = code_map.get(value) if value != "" else None
                elif is_number:
                    try:
                        value = float(value) if value not in ("", None) else None
                    except (TypeError, ValueError):
                        value = None
                else:
                    value = "" if value is None else str(value)
                column.append(value)
            count += 1
            if count >= self.rows_per_file:
                yield self._frame(data)
                for column in columns:
                    column.clear()
                count = 0
                sent = True
        if count or not sent:
            yield self._frame(data)

    def _frame(self, data: dict[str, list[Any]]) -> Any:
        import pandas as pd

        return pd.DataFrame(
            {
                n: pd.Series(v, dtype="float64" if is_n else "object")
                for (n, v), is_n in zip(data.items(), self.numeric, strict=True)
            }
        )


def write_sav(
    layout: Layout, queryset: QuerySet[Submission], directory: Path, *, progress: Any = None
) -> list[Path]:
    """One .sav per table (several for a large table, see SAV_CELLS_PER_FILE), with labels."""
    import pyreadstat

    code_layout = Layout(layout.schema, ExportOptions("sav", layout.lang, labels=False, hxl=False))
    paths = []
    for sheet in code_layout.sheets:
        spec = _SavSheet(code_layout, sheet)
        rows = iter_rows(
            code_layout, queryset, sheets={sheet.name}, progress=progress if sheet.repeat is None else None
        )
        written = []
        for n, frame in enumerate(spec.frames(rows), 1):
            path = directory / f"{sheet.name}-part{n:03d}.sav"
            pyreadstat.write_sav(frame, str(path), file_label=layout.schema.title[:60], **spec.meta)
            del frame  # before the next part is built
            written.append(path)
        if len(written) == 1:
            written[0] = written[0].rename(directory / f"{sheet.name}.sav")
        paths += written
    return paths


# --- the whole export ----------------------------------------------------------


@dataclass
class ExportFile:
    name: str
    content_type: str


def export_name(form: Form, options: ExportOptions, layout: Layout) -> ExportFile:
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M")
    base = f"{form.form_id}-{stamp}"
    multi = bool(layout.repeats)
    if options.format == "csv":
        return ExportFile(f"{base}.zip" if multi else f"{base}.csv", CONTENT_TYPES["zip" if multi else "csv"])
    if options.format == "sav":
        return ExportFile(f"{base}.zip" if multi else f"{base}.sav", CONTENT_TYPES["zip" if multi else "sav"])
    return ExportFile(f"{base}.{options.format}", CONTENT_TYPES[options.format])


def iter_export(
    form: Form, options: ExportOptions, *, progress: Any = None
) -> tuple[ExportFile, Iterator[bytes]]:
    """The export as a stream of bytes (CSV, CSV in a ZIP, JSON). XLSX and .sav: use :func:`write_export`."""
    layout = Layout(union_schema(form), options)
    queryset = submissions_for_export(form)
    name = export_name(form, options, layout)
    if options.format == "json":
        return name, iter_json(layout, queryset, progress=progress)
    if options.format != "csv":
        raise ValueError(options.format)
    if not layout.repeats:
        return name, iter_csv(layout, layout.main, iter_rows(layout, queryset, progress=progress))
    members = [
        (
            f"{sheet.name}.csv",
            iter_csv(
                layout,
                sheet,
                iter_rows(
                    layout, queryset, sheets={sheet.name}, progress=progress if sheet.repeat is None else None
                ),
            ),
        )
        for sheet in layout.sheets
    ]
    return name, iter_zip(members)


def write_export(form: Form, options: ExportOptions, path: Path, *, progress: Any = None) -> ExportFile:
    """Write the export to ``path`` (any format)."""
    import tempfile

    layout = Layout(union_schema(form), options)
    queryset = submissions_for_export(form)
    name = export_name(form, options, layout)
    if options.format == "xlsx":
        write_xlsx(layout, queryset, path, progress=progress)
    elif options.format == "sav":
        with tempfile.TemporaryDirectory(prefix="kozomol-sav-") as tmp:
            files = write_sav(layout, queryset, Path(tmp), progress=progress)
            if len(files) == 1:
                shutil.copyfile(files[0], path)
            else:
                name = ExportFile(str(Path(name.name).with_suffix(".zip")), CONTENT_TYPES["zip"])
                with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                    for f in files:
                        archive.write(f, f.name)
    else:
        _name, chunks = iter_export(form, options, progress=progress)
        with path.open("wb") as out:
            for chunk in chunks:
                out.write(chunk)
    return name


def audit_export(*, actor: Any, form: Form, options: ExportOptions, count: int, background: bool) -> None:
    audit_record(
        actor=actor,
        action="export",
        object_type="questionnaires.form",
        object_id=form.pk,
        object_repr=form.form_id,
        campaign_id=form.campaign_id,
        message=f"{options.format} export of {count} submissions" + (" (background)" if background else ""),
        changes={
            "format": [None, options.format],
            "language": [None, options.language],
            "labels": [None, options.labels],
            "hxl": [None, options.hxl],
            "count": [None, count],
        },
    )
