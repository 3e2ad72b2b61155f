"""Turning the tables of an export into submissions, checking every cell on the way.

Pure Python: no model is touched here, so the same pass serves the preview
(nothing written) and the import (records handed on in batches). Repeat tables
are read first into a temporary SQLite file keyed by their parent, so joining
them to the main table costs disk, not memory, whatever their order.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
import sqlite3
import tempfile
import uuid
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass, field
from itertools import islice, zip_longest
from json.encoder import encode_basestring as encode_json_string
from typing import Any

from django.utils.translation import gettext

from kozomol.questionnaires.schema import NON_ANSWER_TYPES, FormSchema, Question
from kozomol.submissions.io import messages as m
from kozomol.submissions.io.columnar import (
    EMPTY_ANSWER,
    ColumnConverter,
    FlagColumn,
    all_text,
    converter_column,
)
from kozomol.submissions.io.columns import (
    BadValue,
    Target,
    aware,
    conv_flag,
    converter_for,
    header_candidates,
    is_known_bookkeeping,
    match_header,
    normalise_instance_id,
    parse_datetime,
)
from kozomol.submissions.io.readers import Source, SourceError, Table

_SPACE = re.compile(r"\s")
MAX_PROBLEMS_KEPT = 10_000  # every problem is counted; this many are kept to show
IMPORT_NAMESPACE = uuid.UUID("6f1c2b0e-5d5e-4c1a-9f5e-6b6f6d6f6c6f")


@dataclass
class Problem:
    table: str
    row: int | None  # row number in the file or sheet (the header is row 1)
    column: str  # header of the column, "" for the whole row or table
    message: str  # message id (English), translated by text()
    params: dict[str, Any] = field(default_factory=dict)
    warning: bool = False

    def text(self) -> str:
        msg = gettext(self.message)
        return msg % self.params if self.params else msg

    def where(self) -> str:
        parts = [self.table]
        if self.row is not None:
            parts.append(gettext("row %(row)s") % {"row": self.row})
        if self.column:
            parts.append(gettext("column %(column)s") % {"column": self.column})
        return ", ".join(p for p in parts if p)

    def line(self) -> str:
        return f"{self.where()}: {self.text()}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "params": {k: str(v) for k, v in self.params.items()},
            "warning": self.warning,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Problem:
        return cls(**data)


@dataclass
class ColumnPlan:
    index: int
    header: str
    target: Target | None
    note: str = ""  # why it is ignored


@dataclass
class TablePlan:
    name: str
    role: str  # "main", "repeat", "ignored"
    repeat: str | None = None
    columns: list[ColumnPlan] = field(default_factory=list)
    link: str = ""  # "index" (Kobo _parent_index) or "key" (Central PARENT_KEY)

    def column(self, meta: str) -> int | None:
        for c in self.columns:
            if c.target is not None and c.target.kind == "meta" and c.target.meta == meta:
                return c.index
        return None

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "role": self.role,
            "repeat": self.repeat,
            "columns": [
                {
                    "header": c.header,
                    "kind": c.target.kind if c.target else "",
                    "path": c.target.path if c.target else "",
                    "option": c.target.option if c.target else "",
                    "meta": c.target.meta if c.target else "",
                    "note": c.note,
                }
                for c in self.columns
            ],
        }


@dataclass(slots=True)
class Record:
    row: int
    instance_id: str
    data: dict[str, Any]
    deprecated_id: str = ""
    submitted_at: dt.datetime | None = None
    version: str = ""
    status: str = ""
    submitted_by: str = ""
    data_json: str | None = None  # json.dumps(data, ensure_ascii=False) when the reader built it


@dataclass
class Report:
    tables: list[TablePlan] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    error_count: int = 0
    warning_count: int = 0
    rows: int = 0  # submissions read from the main table
    repeat_rows: int = 0
    generated_ids: bool = False

    def add(self, problem: Problem) -> None:
        if problem.warning:
            self.warning_count += 1
        else:
            self.error_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if not p.warning]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.warning]

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "tables": [t.as_dict() for t in self.tables],
            "problems": [p.as_dict() for p in self.problems],
            "error_count": self.error_count,
            "warning_count": self.warning_count,
            "rows": self.rows,
            "repeat_rows": self.repeat_rows,
            "generated_ids": self.generated_ids,
        }


# --- planning: which table is what --------------------------------------------


def _repeat_paths(schema: FormSchema) -> list[str]:
    return [g.path for g in schema.groups if g.repeat]


def _parent_repeat(path: str, repeats: list[str]) -> str | None:
    best = None
    for r in repeats:
        if path.startswith(r + "/") and (best is None or len(r) > len(best)):
            best = r
    return best


def plan_table(table: Table, schema: FormSchema, repeat: str | None, report: Report | None) -> TablePlan:
    exact, lower = header_candidates(schema, repeat)
    plan = TablePlan(name=table.name, role="main" if repeat is None else "repeat", repeat=repeat)
    seen: dict[Target, str] = {}
    for index, header in enumerate(table.header):
        if not header:
            continue
        target = match_header(header, exact, lower)
        note = ""
        if target is None:
            note = "bookkeeping" if is_known_bookkeeping(header) else "unknown"
        elif target in seen and report is not None:
            report.add(Problem(table.name, 1, header, m.HEADER_DUPLICATE, {"column": header}))
            target = None
            note = "duplicate"
        if target is not None:
            seen[target] = header
        plan.columns.append(ColumnPlan(index, header, target, note))
    if report is not None:
        for c in plan.columns:
            if c.note == "unknown":
                report.add(Problem(table.name, None, c.header, m.COLUMN_IGNORED, warning=True))
    if plan.column("parent_index") is not None:
        plan.link = "index"
    elif plan.column("parent_key") is not None:
        plan.link = "key"
    return plan


def _score(table: Table, schema: FormSchema, repeat: str | None) -> int:
    exact, lower = header_candidates(schema, repeat)
    return sum(
        1 for h in table.header if h and (t := match_header(h, exact, lower)) is not None and t.kind != "meta"
    )


def _is_child_table(table: Table) -> bool:
    lowered = {h.lower() for h in table.header}
    return "_parent_index" in lowered or "parent_key" in lowered


def plan_tables(
    tables: list[Table], schema: FormSchema, report: Report
) -> tuple[Table, TablePlan, list[tuple[Table, TablePlan]]]:
    """The main table's plan and the repeat tables' plans; raises SourceError if no main table."""
    if not tables:
        raise SourceError(m.FILE_EMPTY)
    repeats = _repeat_paths(schema)
    main_candidates = [t for t in tables if not _is_child_table(t)]
    scored = sorted(
        ((_score(t, schema, None), i, t) for i, t in enumerate(main_candidates)), key=lambda x: (-x[0], x[1])
    )
    if not scored or scored[0][0] == 0:
        raise SourceError(m.NO_MAIN_TABLE)
    main = scored[0][2]
    if len(scored) > 1 and scored[1][0] == scored[0][0]:
        tied = [t.name for score, _i, t in scored if score == scored[0][0]]
        raise SourceError(m.SEVERAL_MAIN_TABLES, names=", ".join(tied))
    main_plan = plan_table(main, schema, None, report)
    report.tables.append(main_plan)
    children: list[tuple[Table, TablePlan]] = []
    for table in tables:
        if table is main:
            continue
        best: tuple[int, str] | None = None
        for r in repeats:
            name = r.rsplit("/", 1)[-1]
            bonus = (
                1000
                if table.name[:31] == name[:31]
                or table.name.lower().removesuffix(".csv").endswith("-" + name.lower())
                else 0
            )
            score = _score(table, schema, r) + (bonus if _score(table, schema, r) else 0)
            if score and (best is None or score > best[0]):
                best = (score, r)
        if best is None or not _is_child_table(table):
            report.add(
                Problem(table.name, None, "", m.TABLE_NOT_MATCHED, {"table": table.name}, warning=True)
            )
            report.tables.append(TablePlan(name=table.name, role="ignored"))
            continue
        plan = plan_table(table, schema, best[1], report)
        report.tables.append(plan)
        children.append((table, plan))
    return main, main_plan, children


# --- reading rows ---------------------------------------------------------------


class _RowReader:
    """Converts the cells of one table's rows into answers (path → value)."""

    def __init__(self, plan: TablePlan, schema: FormSchema, report: Report, column_letters: bool) -> None:
        self.plan = plan
        self.report = report
        self.table = plan.name
        self.answers: list[tuple[int, str, str, Callable[[Any], str]]] = []
        self.questions: list[Question] = []  # of self.answers, in the same order
        self.converters: dict[str, ColumnConverter] = {}  # question path → its column converter
        self.options: dict[str, list[tuple[int, str, str]]] = {}
        combined = set()
        for c in plan.columns:
            if c.target is None:
                continue
            if c.target.kind == "question":
                q = schema.question(c.target.path)
                if q is None or q.type in NON_ANSWER_TYPES:
                    continue
                self.answers.append((c.index, self._label(c), q.path, converter_for(schema, q)))
                self.questions.append(q)
                combined.add(q.path)
        for c in plan.columns:
            if c.target is not None and c.target.kind == "option" and c.target.path not in combined:
                self.options.setdefault(c.target.path, []).append((c.index, self._label(c), c.target.option))
        self.meta = {
            c.target.meta: c.index for c in plan.columns if c.target is not None and c.target.kind == "meta"
        }
        self.width = max((c.index for c in plan.columns), default=-1) + 1
        self._letters = column_letters

    def _label(self, c: ColumnPlan) -> str:
        return c.header

    def error(self, row: int, column: str, message: str, params: dict[str, Any]) -> None:
        self.report.add(Problem(self.table, row, column, message, params))

    def answers_of(self, row: int, cells: list[Any]) -> dict[str, Any]:
        data: dict[str, Any] = {}
        n = len(cells)
        for index, header, path, conv in self.answers:
            if index >= n:
                continue
            value = cells[index]
            if value is None or value == "":
                continue
            try:
                data[path] = conv(value)
            except BadValue as bad:
                self.error(row, header, bad.message, bad.params)
        for path, columns in self.options.items():
            picked = []
            for index, header, option in columns:
                if index >= n or cells[index] is None:
                    continue
                try:
                    if conv_flag(cells[index]):
                        picked.append(option)
                except BadValue as bad:
                    self.error(row, header, bad.message, bad.params)
            if picked:
                data[path] = " ".join(picked)
        return data

    def meta_of(self, cells: list[Any], key: str) -> str:
        index = self.meta.get(key)
        if index is None or index >= len(cells) or cells[index] is None:
            return ""
        value = cells[index]
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return str(value).strip()


def _spill_repeats(
    children: list[tuple[Table, TablePlan]], schema: FormSchema, report: Report, db: sqlite3.Connection
) -> None:
    db.execute(
        "CREATE TABLE rep (repeat TEXT, parent TEXT, ref_index TEXT, ref_key TEXT, tbl TEXT, row INT, data TEXT)"
    )
    repeats = _repeat_paths(schema)
    for table, plan in children:
        reader = _RowReader(plan, schema, report, table.kind == "xlsx")
        parent_repeat = _parent_repeat(plan.repeat or "", repeats)
        batch = []
        for row, cells in table.rows:
            report.repeat_rows += 1
            data = reader.answers_of(row, cells)
            parent = reader.meta_of(cells, "parent_index" if plan.link == "index" else "parent_key")
            if not parent:
                report.add(Problem(table.name, row, "", m.PARENT_EMPTY))
                continue
            if plan.link == "index":
                parent = _norm_index(parent)
            batch.append(
                (
                    plan.repeat,
                    parent,
                    _norm_index(reader.meta_of(cells, "index")),
                    reader.meta_of(cells, "key"),
                    table.name,
                    row,
                    json.dumps(data, ensure_ascii=False),
                )
            )
            if len(batch) >= 5000:
                _flush_spill(db, batch)
        _flush_spill(db, batch)
        db.execute(
            "INSERT INTO link (repeat, parent_repeat) VALUES (?, ?)", (plan.repeat, parent_repeat or "")
        )
    db.execute("CREATE INDEX rep_parent ON rep (repeat, parent)")


def _flush_spill(db: sqlite3.Connection, batch: list[tuple[Any, ...]]) -> None:
    if batch:
        db.executemany(
            "INSERT INTO rep (repeat, parent, ref_index, ref_key, tbl, row, data) VALUES (?,?,?,?,?,?,?)",
            batch,
        )
        batch.clear()


def _norm_index(value: str) -> str:
    if not value:
        return ""
    try:
        return str(int(float(value)))
    except ValueError:
        return value


class _Repeats:
    """Children of a row, read back from the spill file."""

    def __init__(self, db: sqlite3.Connection, schema: FormSchema, links: dict[str, str]) -> None:
        self.db = db
        repeats = _repeat_paths(schema)
        present = set(links)
        self.top = [r for r in repeats if r in present and _parent_repeat(r, repeats) is None]
        self.nested: dict[str, list[str]] = {}
        for r in repeats:
            parent = _parent_repeat(r, repeats)
            if parent and r in present:
                self.nested.setdefault(parent, []).append(r)
        self.links = links

    def attach(self, data: dict[str, Any], repeats: list[str], ref_index: str, ref_key: str) -> None:
        for repeat in repeats:
            link_kind = self.links.get(repeat, "index")
            ref = ref_index if link_kind == "index" else ref_key
            if not ref:
                continue
            items = []
            for r_index, r_key, raw in self.db.execute(
                "SELECT ref_index, ref_key, data FROM rep WHERE repeat = ? AND parent = ? ORDER BY rowid",
                (repeat, ref),
            ):
                item = json.loads(raw)
                children = self.nested.get(repeat)
                if children:
                    self.attach(item, children, r_index, r_key)
                items.append(item)
            if items:
                data[repeat] = items


def _orphans(db: sqlite3.Connection, report: Report, links: dict[str, str]) -> None:
    """Repeat rows whose parent row is nowhere."""
    for repeat, link_kind in links.items():
        ref_col = "ref_index" if link_kind == "index" else "ref_key"
        parent_of = db.execute(
            "SELECT parent_repeat FROM link WHERE repeat = ? LIMIT 1", (repeat,)
        ).fetchone()
        parent_repeat = parent_of[0] if parent_of else ""
        if parent_repeat:
            query = (
                f"SELECT c.tbl, c.row, c.parent FROM rep c WHERE c.repeat = ? AND NOT EXISTS "  # noqa: S608
                f"(SELECT 1 FROM rep p WHERE p.repeat = ? AND p.{ref_col} = c.parent) ORDER BY c.rowid"
            )
            params: tuple[Any, ...] = (repeat, parent_repeat)
        else:
            query = (
                f"SELECT c.tbl, c.row, c.parent FROM rep c WHERE c.repeat = ? AND NOT EXISTS "  # noqa: S608
                f"(SELECT 1 FROM mainref p WHERE p.{ref_col} = c.parent) ORDER BY c.rowid"
            )
            params = (repeat,)
        for tbl, row, parent in db.execute(query, params):
            report.add(Problem(tbl, row, "", m.PARENT_MISSING, {"parent": parent}))


def read_records(
    source: Source,
    schema: FormSchema,
    report: Report,
    *,
    on_batch: Callable[[list[Record]], None] | None = None,
    batch_size: int = 2000,
    on_rows: Callable[[int], None] | None = None,
) -> None:
    """Read and check every row of ``source``; hand valid records to ``on_batch`` in batches.

    Problems land in ``report``. Records are handed on even when earlier rows had
    errors (the caller decides; the import rolls back if ``report.ok`` is false
    at the end), so that one pass finds every problem.
    """
    with source.open() as tables, tempfile.TemporaryDirectory(prefix="kozomol-import-") as tmp:
        main, main_plan, children = plan_tables(tables, schema, report)
        if on_rows is not None and main.size_hint:
            on_rows(-main.size_hint)  # negative: a total, not progress
        with closing(sqlite3.connect(f"{tmp}/spill.sqlite3")) as db:
            db.execute("PRAGMA journal_mode=OFF")
            db.execute("PRAGMA synchronous=OFF")
            db.execute("CREATE TABLE link (repeat TEXT, parent_repeat TEXT)")
            db.execute("CREATE TABLE mainref (ref_index TEXT, ref_key TEXT)")
            links: dict[str, str] = {}
            if children:
                _spill_repeats(children, schema, report, db)
                for _table, plan in children:
                    links[plan.repeat or ""] = plan.link or "index"
            repeats = _Repeats(db, schema, links)
            _read_main(main, main_plan, schema, report, repeats, db, on_batch, batch_size, on_rows)
            if children:
                db.execute("CREATE INDEX mainref_i ON mainref (ref_index)")
                db.execute("CREATE INDEX mainref_k ON mainref (ref_key)")
                db.execute("CREATE INDEX rep_i ON rep (repeat, ref_index)")
                db.execute("CREATE INDEX rep_k ON rep (repeat, ref_key)")
                _orphans(db, report, links)


class _Batch:
    """The main table's rows of one batch, their answers converted a column at a time.

    Gives the same answers and the same problems, in the same order, as
    :meth:`_RowReader.answers_of` row by row (see :mod:`columnar` for why).
    """

    def __init__(self, reader: _RowReader, *, cells_are_text: bool = False) -> None:
        self.reader = reader
        # A CSV's cells are all str (an XLSX's come typed): no need to look at each one's type.
        self.cells_are_text = cells_are_text
        self.answer_columns: list[tuple[int, str, ColumnConverter]] = []
        schema_questions = reader.questions
        for (index, header, _path, _conv), question in zip(reader.answers, schema_questions, strict=True):
            self.answer_columns.append((index, header, reader.converters[question.path]))
        self.paths = tuple(path for _i, _h, path, _c in reader.answers)
        self.options = [
            (path, [(index, header, option, FlagColumn()) for index, header, option in columns])
            for path, columns in reader.options.items()
        ]
        self.json_keys = [
            ("{" if n == 0 else ", ") + encode_json_string(p) + ": " for n, p in enumerate(self.paths)
        ]

    def read(
        self, numbers: Sequence[int], rows: Sequence[list[Any]]
    ) -> tuple[list[dict[str, Any]], list[str | None], dict[int, list[Problem]], dict[str, Sequence[str]]]:
        """(answers per row, their JSON where known, problems per row position, metadata columns as text).

        The JSON of a row is ``json.dumps(answers, ensure_ascii=False)``, built here from the
        column's values encoded a column at a time when the row answers every question of the
        file (the common case); None otherwise, and the writer encodes the dict.
        """
        n = len(rows)
        table = self.reader.table
        columns = list(islice(zip_longest(*rows, fillvalue=""), self.reader.width))
        blank = ("",) * n
        problems: dict[int, list[Problem]] = {}

        def cell_error(header: str) -> Callable[[int, Any], None]:
            def on_error(i: int, bad: Any) -> None:
                problems.setdefault(i, []).append(Problem(table, numbers[i], header, bad.message, bad.params))

            return on_error

        converted = []
        text_out = True  # every converted column all str (then the JSON is built from the columns)
        known = self.cells_are_text
        empty_answers = sum(conv.empty_answers for _i, _h, conv in self.answer_columns)
        for index, header, conv in self.answer_columns:
            cells = columns[index] if index < len(columns) else blank
            out = conv.convert(cells, cell_error(header), cells_are_text=known)
            # A column given back as it was is text when its cells are; others are looked at.
            text_out = text_out and ((known and out is cells) or all_text(out))
            converted.append(out)
        paths = self.paths
        texts: list[str | None] = [None] * n
        if not converted:
            answers: list[dict[str, Any]] = [{} for _ in range(n)]
        else:
            answers = []
            append = answers.append
            for values in zip(*converted, strict=True):
                if "" in values:  # an empty (or wrong) cell: no answer
                    append({p: v for p, v in zip(paths, values, strict=True) if v != ""})
                else:
                    append(dict(zip(paths, values, strict=True)))
            if sum(conv.empty_answers for _i, _h, conv in self.answer_columns) != empty_answers:
                for data in answers:
                    for path, value in data.items():
                        if value is EMPTY_ANSWER:
                            data[path] = ""
            elif not self.options and text_out:
                self._json(converted, answers, texts)
        for path, option_columns in self.options:
            flags = [
                flag.convert(columns[index] if index < len(columns) else blank, cell_error(header))
                for index, header, _option, flag in option_columns
            ]
            names = [option for _i, _h, option, _f in option_columns]
            for data, row_flags in zip(answers, zip(*flags, strict=True), strict=True):
                if any(row_flags):
                    data[path] = " ".join(name for name, flag in zip(names, row_flags, strict=True) if flag)
        meta = {
            key: _meta_column(columns[index] if index < len(columns) else blank, known)
            for key, index in self.reader.meta.items()
        }
        return answers, texts, problems, meta

    def _json(
        self, converted: list[Sequence[str]], answers: list[dict[str, Any]], texts: list[str | None]
    ) -> None:
        """Each complete row's JSON: constant parts (keys, quotes) around the values of its cells.

        A column none of whose values JSON would escape (quotes, backslashes, control
        characters; checked once over the whole column) goes in as it is between quotes;
        any other column is encoded value by value with the json module's own encoder.
        """
        template: list[str] = []
        columns: list[Sequence[str]] = []
        closing = ""
        for key, values in zip(self.json_keys, converted, strict=True):
            joined = "\n".join(values)
            if joined.count("\n") == len(values) - 1 and not _NEEDS_ESCAPE.search(joined):
                template += [closing + key + '"', ""]
                closing = '"'
                columns.append(values)
            else:
                template += [closing + key, ""]
                closing = ""
                columns.append(list(map(encode_json_string, values)))
        template.append(closing + "}")
        width = len(self.paths)
        for j, (data, parts) in enumerate(zip(answers, zip(*columns, strict=True), strict=True)):
            if len(data) == width:  # every answer present, none added
                template[1::2] = parts
                texts[j] = "".join(template)


# What json's encoder escapes (besides the line breaks that join a column's cells).
_NEEDS_ESCAPE = re.compile(r'[\x00-\x09\x0b-\x1f"\\]')


def _meta_value(value: Any) -> str:
    """What :meth:`_RowReader.meta_of` gives for one cell."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _meta_column(cells: Sequence[Any], cells_are_text: bool = False) -> Sequence[str]:
    if cells_are_text or all_text(cells):
        return list(map(str.strip, cells))
    return [_meta_value(v) for v in cells]


_CANONICAL_IDS = re.compile(
    r"(?:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?"
    r"(?:\n(?:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})?)*"
)


def _instance_ids(cells: Sequence[str]) -> tuple[Sequence[str], bool]:
    """(normalise_instance_id of each cell, whether all were already ``uuid:<lower-case UUID>`` or empty).

    Such a column is returned as it is, and its IDs need no further check (short, no blanks).
    """
    joined = "\n".join(cells)
    if joined.count("\n") == len(cells) - 1 and _CANONICAL_IDS.fullmatch(joined):
        return cells, True
    return [normalise_instance_id(v) for v in cells], False


def _read_main(
    main: Table,
    plan: TablePlan,
    schema: FormSchema,
    report: Report,
    repeats: _Repeats,
    db: sqlite3.Connection,
    on_batch: Callable[[list[Record]], None] | None,
    batch_size: int,
    on_rows: Callable[[int], None] | None,
) -> None:
    reader = _RowReader(plan, schema, report, main.kind == "xlsx")
    reader.converters = {q.path: converter_column(schema, q) for q in reader.questions}
    batch_reader = _Batch(reader, cells_are_text=main.kind == "csv")
    has_id = any(k in reader.meta for k in ("instance_id", "uuid", "key"))
    report.generated_ids = not has_id
    seen: set[int] = set()  # hashes of instance IDs: a million of them in about 60 MB
    refs: list[tuple[str, str]] = []
    header_width = len(main.header)
    id_keys = [k for k in ("instance_id", "key", "uuid") if k in reader.meta]
    id_headers = {k: next(c.header for c in plan.columns if c.target and c.target.meta == k) for k in id_keys}
    rows = iter(main.rows)
    while True:
        numbers: list[int] = []
        chunk: list[list[Any]] = []
        failure: SourceError | None = None
        try:
            for number, cells in islice(rows, batch_size):
                numbers.append(number)
                chunk.append(cells)
        except SourceError as exc:
            failure = exc  # report the rows read before it first, then the file's own error
        if not chunk:
            if failure is not None:
                raise failure
            break
        answers, texts, problems, meta = batch_reader.read(numbers, chunk)
        blank = ("",) * len(chunk)
        index_col = meta.get("index", blank)
        key_col = meta.get("key", blank)
        time_col = meta.get("submission_time", blank)
        # The first ID column normalised now; the others only for rows that lack the first.
        id_cols: list[tuple[str, Sequence[str] | None, bool]] = [(k, None, False) for k in id_keys]
        if id_cols:
            first_ids, first_ok = _instance_ids(meta[id_keys[0]])
            id_cols[0] = (id_keys[0], first_ids, first_ok)
        top = repeats.top
        report.rows += len(chunk)
        deprecated_col = meta.get("deprecated_id", blank)
        version_col = meta.get("version", blank)
        status_col = meta.get("status", blank)
        by_col = meta.get("submitted_by", blank)
        batch: list[Record] = []
        for j, row in enumerate(numbers):
            cells = chunk[j]
            before = report.error_count
            if len(cells) > header_width and any(v not in (None, "") for v in cells[header_width:]):
                report.add(
                    Problem(main.name, row, "", m.ROW_TOO_LONG, {"count": len(cells), "header": header_width})
                )
            if problems:
                for problem in problems.get(j, ()):
                    report.add(problem)
            data = answers[j]
            if top:
                ref_index = _norm_index(index_col[j])
                ref_key = key_col[j]
                repeats.attach(data, top, ref_index, ref_key)
                texts[j] = None  # the answers now hold repeats too
                refs.append((ref_index, ref_key))
                if len(refs) >= 5000:
                    db.executemany("INSERT INTO mainref VALUES (?, ?)", refs)
                    refs.clear()
            submitted_at = None
            time_text = time_col[j]
            if time_text:
                raw = cells[reader.meta["submission_time"]]
                try:
                    submitted_at = aware(raw) if isinstance(raw, dt.datetime) else parse_datetime(time_text)
                except ValueError:
                    column = next(
                        c.header for c in plan.columns if c.target and c.target.meta == "submission_time"
                    )
                    report.add(Problem(main.name, row, column, m.SUBMISSION_TIME_BAD, {"value": time_text}))
            instance_id = ""
            id_column = ""
            canonical = False
            for n, (key, ids, ok) in enumerate(id_cols):
                if ids is None:
                    ids, ok = _instance_ids(meta[key])
                    id_cols[n] = (key, ids, ok)
                value = ids[j]
                if value:
                    instance_id = value
                    id_column = id_headers[key]
                    canonical = ok
                    break
            if not has_id:
                digest = hashlib.sha256(
                    json.dumps(data, sort_keys=True, ensure_ascii=False).encode()
                ).hexdigest()
                instance_id = "uuid:" + str(uuid.uuid5(IMPORT_NAMESPACE, f"{schema.form_id}:{digest}"))
            if instance_id:
                if not canonical and (len(instance_id) > 100 or _SPACE.search(instance_id)):
                    report.add(
                        Problem(main.name, row, id_column, m.INSTANCE_ID_BAD, {"value": instance_id[:80]})
                    )
                h = hash(instance_id)
                if h in seen:
                    if has_id:
                        report.add(
                            Problem(
                                main.name, row, id_column, m.INSTANCE_ID_DUPLICATE, {"value": instance_id}
                            )
                        )
                    else:
                        report.add(Problem(main.name, row, "", m.ROWS_IDENTICAL, warning=True))
                    continue
                seen.add(h)
            else:
                report.add(
                    Problem(main.name, row, id_column or "meta/instanceID", m.INSTANCE_ID_BAD, {"value": ""})
                )
            if report.error_count != before or on_batch is None:
                continue
            deprecated = deprecated_col[j]
            batch.append(
                Record(  # positional: in the field order of Record
                    row,
                    instance_id,
                    data,
                    normalise_instance_id(deprecated) if deprecated else "",
                    submitted_at,
                    version_col[j],
                    status_col[j],
                    by_col[j],
                    texts[j],
                )
            )
        if batch and on_batch is not None:
            on_batch(batch)
        if on_rows is not None:
            on_rows(len(chunk))
        if failure is not None:
            raise failure
        if len(chunk) < batch_size:
            break
    if refs:
        db.executemany("INSERT INTO mainref VALUES (?, ?)", refs)
