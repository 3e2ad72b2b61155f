"""The import's column-at-a-time path gives exactly what the per-cell path gives.

``_Batch.read`` checks whole columns at once and falls back to the per-cell
converters for anything not in canonical form; ``_RowReader.answers_of`` is
the per-cell path itself. Hypothesis feeds both the same rows, canonical and
odd (spaces, labels, commas, DD.MM.YYYY, quotes and line breaks, typed XLSX
cells, short and long rows, wrong values) and they must agree on every answer,
every problem and its order, and the answers' JSON.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kozomol.submissions.io.columnar import converter_column
from kozomol.submissions.io.columns import normalise_instance_id
from kozomol.submissions.io.importing import union_schema
from kozomol.submissions.io.parse import (
    Report,
    _Batch,
    _instance_ids,
    _meta_column,
    _RowReader,
    plan_table,
)
from kozomol.submissions.io.readers import Table
from kozomol.submissions.io.samples import make_sample_form

HEADER = [
    "start",
    "end",
    "profile/country",
    "profile/city",
    "profile/age",
    "profile/gender",
    "problems",
    "income",
    "arrived",
    "story",
    "meta/instanceID",
    "_submission_time",
]
SPLIT_HEADER = ["profile/age", "problems/wages", "problems/documents", "problems/health", "meta/instanceID"]

UUID = "0a3f6a5e-1111-4c1a-9f5e-00000000000"
odd_text = st.text(
    alphabet=st.sampled_from(["a", "ж", " ", '"', "\\", "\n", "\t", "\x01", "é", ";"]), max_size=6
)
CELLS = {
    "start": st.sampled_from(
        [
            "2024-03-01T10:00:00.000+06:00",
            "2024-03-01 10:00:00",
            "01.03.2024 10:00",
            " 2024-03-01T10:00Z ",
            "вчера",
        ]
    ),
    "end": st.sampled_from(["2024-03-01T10:40:00+06:00", "2024-03-01", "2024-13-01T10:00:00", ""]),
    "profile/country": st.sampled_from(["RU", "KZ", "Россия", " kazakhstan ", "россия", "XX", "ru", ""]),
    "profile/city": odd_text,
    "profile/age": st.one_of(
        st.integers(-(10**6), 10**6).map(str),
        st.sampled_from(["007", " 41 ", "1 000", "4.0", "abc", "1_000", "-0", "+5", "", "٣"]),
    ),
    "profile/gender": st.sampled_from(["female", "male", "Женский", " Male ", "эркек", ""]),
    "problems": st.sampled_from(
        ["wages", "wages health", "Здоровье", "  ", "wages flying", "documents documents", "Health", ""]
    ),
    "income": st.one_of(
        st.floats(allow_nan=False, allow_infinity=False, width=32).map(str),
        st.sampled_from(
            ["10", "12.5", "12,5", "1 000,5", "1e3", "nan", "inf", "ten", "-0", "9" * 400, ".5", ""]
        ),
    ),
    "arrived": st.sampled_from(
        ["2023-01-05", "05.01.2023", "2023-02-30", "2023-01-05T10:00", "31.02.2023", "5.1.2023", ""]
    ),
    "story": odd_text,
    "meta/instanceID": st.sampled_from(
        [f"uuid:{UUID}1", f"{UUID}2".upper(), f"uuid:{UUID}3".upper(), "", "a b", "x"]
    ),
    "_submission_time": st.sampled_from(["2024-03-02T10:00:00", " 2024-03-02 10:00 ", "bad", ""]),
    "problems/wages": st.sampled_from(["1", "0", "", "True", "да", "2", " 1 "]),
    "problems/documents": st.sampled_from(["1", "0", "", "нет"]),
    "problems/health": st.sampled_from(["1", "0", ""]),
}
# What openpyxl hands over for typed cells: numbers, dates, booleans, empty cells.
TYPED = st.sampled_from([None, 34, 45.5, 3.0, True, 0, dt.datetime(2024, 3, 1, 10, 0), dt.date(2023, 1, 5)])


def rows_of(header: list[str], typed: bool) -> st.SearchStrategy[list[list[object]]]:
    def cell(name: str) -> st.SearchStrategy[object]:
        return st.one_of(CELLS[name], TYPED) if typed else CELLS[name]

    row = st.tuples(*[cell(h) for h in header]).map(list)
    # Rows shorter than the header (trailing cells missing) and longer (an extra cell).
    shaped = st.tuples(row, st.integers(-3, 1)).map(
        lambda rc: rc[0][: len(rc[0]) + rc[1]] + ["x"] * max(rc[1], 0)
    )
    return st.lists(st.one_of(row, shaped), min_size=1, max_size=25)


@pytest.fixture
def schema(world):
    return union_schema(make_sample_form(world.campaign, world.users["coordinator"]))


def both_paths(schema, header, rows, *, csv=False):
    """(answers, problems) of the per-cell path; (answers, texts, problems, meta) of the batch path.

    ``csv``: the batch path told that every cell is a str, as it is told for a CSV file.
    """
    table = Table(name="t.csv", header=header, rows=iter(()))
    plan = plan_table(table, schema, None, None)
    numbers = list(range(2, len(rows) + 2))

    per_cell = Report()
    reader = _RowReader(plan, schema, per_cell, False)
    expected = [reader.answers_of(n, cells) for n, cells in zip(numbers, rows, strict=True)]

    batched = _RowReader(plan, schema, Report(), False)
    batched.converters = {q.path: converter_column(schema, q) for q in batched.questions}
    batch = _Batch(batched, cells_are_text=csv)
    answers, texts, problems, meta = [], [], [], {}
    half = len(rows) // 2  # two batches: what a converter remembers from the first serves the second
    for start, end in ((0, half), (half, len(rows))):
        if start == end:
            continue
        a, t, p, m = batch.read(numbers[start:end], rows[start:end])
        answers += a
        texts += t
        problems += [problem for j in range(end - start) for problem in p.get(j, [])]
        for key, values in m.items():
            meta.setdefault(key, []).extend(values)
    return reader, expected, per_cell.problems, answers, texts, problems, meta


def key(problem):
    return (problem.row, problem.column, problem.message, problem.params)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows_of(HEADER, typed=False))
def test_batch_path_gives_the_per_cell_answers_problems_and_json_for_csv_rows(schema, rows):
    reader, expected, expected_problems, answers, texts, problems, meta = both_paths(
        schema, HEADER, rows, csv=True
    )

    assert answers == expected
    assert [key(p) for p in problems] == [key(p) for p in expected_problems]
    for data, text in zip(answers, texts, strict=True):
        if text is not None:
            assert text == json.dumps(data, ensure_ascii=False)
    for name, values in meta.items():
        assert values == [reader.meta_of(cells, name) for cells in rows]
    ids = meta.get("instance_id", [])
    normalised, canonical = _instance_ids(ids)
    assert list(normalised) == [normalise_instance_id(v) for v in ids]
    if canonical:  # taken as valid without the per-row check: they must be
        assert all(v == "" or (len(v) == 41 and " " not in v) for v in normalised)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows_of(HEADER, typed=True))
def test_batch_path_gives_the_per_cell_answers_and_problems_for_typed_xlsx_cells(schema, rows):
    reader, expected, expected_problems, answers, texts, problems, meta = both_paths(schema, HEADER, rows)

    assert answers == expected
    assert [key(p) for p in problems] == [key(p) for p in expected_problems]
    for name, values in meta.items():
        assert values == [reader.meta_of(cells, name) for cells in rows]


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=rows_of(SPLIT_HEADER, typed=False))
def test_batch_path_reads_split_select_multiple_columns_as_the_per_cell_path(schema, rows):
    _reader, expected, expected_problems, answers, texts, problems, _meta = both_paths(
        schema, SPLIT_HEADER, rows, csv=True
    )

    assert answers == expected
    assert [key(p) for p in problems] == [key(p) for p in expected_problems]
    assert texts == [None] * len(rows)  # split columns add answers: the writer encodes those rows


COMPLETE = {
    **{
        h: st.just(v)
        for h, v in zip(HEADER, ["2024-03-01T10:00:00+06:00", "2024-03-01T10:40:00+06:00"], strict=False)
    },
    "profile/country": st.sampled_from(["RU", "Россия"]),
    "profile/city": odd_text.filter(str.strip),
    "profile/age": st.integers(0, 99).map(str),
    "profile/gender": st.sampled_from(["female", " Male "]),
    "problems": st.sampled_from(["wages health", "documents"]),
    "income": st.sampled_from(["12.5", "12,5"]),
    "arrived": st.sampled_from(["2023-01-05", "05.01.2023"]),
    "story": odd_text.filter(str.strip),
    "meta/instanceID": st.just(""),
    "_submission_time": st.just(""),
}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(*[COMPLETE[h] for h in HEADER]).map(list), min_size=1, max_size=20))
def test_json_built_from_columns_is_what_json_dumps_gives_even_for_quotes_and_line_breaks(schema, rows):
    _reader, expected, _problems, answers, texts, _p, _meta = both_paths(schema, HEADER, rows, csv=True)

    assert answers == expected
    assert texts == [json.dumps(data, ensure_ascii=False) for data in answers]


def test_meta_columns_of_typed_cells_read_as_the_per_cell_path():
    cells = [None, 3.0, 2.5, " a ", 7, dt.datetime(2024, 1, 2, 3, 4)]
    assert _meta_column(cells) == ["", "3", "2.5", "a", "7", "2024-01-02 03:04:00"]
