"""Checking and converting the cells of a batch of rows a column at a time.

An import checks every cell of the file: a million rows of fifty columns are
fifty million cells, and one Python call per cell was most of the import's
time. Here each column of a batch is checked at once with operations that run
in C when its cells are in the form exports write them: a regular expression
over the column's cells joined by line breaks (whole numbers, decimals, ISO
dates), ``datetime.fromisoformat`` mapped over the column, a dict lookup
mapped over it (choices, and any value already converted in this file).

Whatever the fast check does not accept goes through the per-cell converters
of :mod:`kozomol.submissions.io.columns`, which give every value and every
error; the fast checks only accept cells whose converted value is the cell
itself (or the dict's, filled by those same converters), so the fast path
changes the speed, never the result. ``test_columnar`` holds both paths to
the same values and errors.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Callable, Sequence
from typing import Any

from kozomol.questionnaires.schema import FormSchema, Question
from kozomol.submissions.io.columns import (
    MAX_VALUE_CHARS,
    BadValue,
    choice_lookup,
    conv_flag,
    conv_text,
    converter_for,
)

# A cell without an answer. Converters never turn a non-empty cell into "" except a
# select_multiple of blanks, which is stored as "" (an answer): that one is EMPTY_ANSWER.
ABSENT = ""


class _EmptyAnswer:
    __slots__ = ()

    def __repr__(self) -> str:
        return "EMPTY_ANSWER"


EMPTY_ANSWER: Any = _EmptyAnswer()

# Enough distinct values remembered per column for choices, dates and small numbers;
# a column of a million distinct values stops growing its memo here.
MEMO_LIMIT = 20_000

_INTEGER = r"(?:-?[1-9][0-9]{0,30}|0)"  # the text str(int(text)) gives back unchanged
_DECIMAL = r"(?:-?[0-9]{1,300}(?:\.[0-9]{1,300})?)"  # float() accepts it; conv_decimal returns it as is
_DATE = r"(?:[0-9]{4}-[0-9]{2}-[0-9]{2})"  # date.fromisoformat(text).isoformat() == text when valid


def _column_of(unit: str) -> re.Pattern[str]:
    """A column (cells joined by line breaks) where every cell is empty or ``unit``."""
    return re.compile(f"{unit}?(?:\n{unit}?)*")


_INTEGER_COLUMN = _column_of(_INTEGER)
_DECIMAL_COLUMN = _column_of(_DECIMAL)
_DATE_COLUMN = _column_of(_DATE)

OnError = Callable[[int, BadValue], None]  # (position in the batch, the problem)


def all_text(cells: Sequence[Any]) -> bool:
    """Every cell a str (always so in CSV; XLSX cells come typed)."""
    return set(map(type, cells)) <= {str}


def _joined_matches(pattern: re.Pattern[str], cells: Sequence[str]) -> bool:
    joined = "\n".join(cells)
    # A line break inside a cell would split it into two "cells" that each pass: refuse those columns.
    return joined.count("\n") == len(cells) - 1 and pattern.fullmatch(joined) is not None


def _all_parse(parse: Callable[[str], Any], cells: Sequence[str]) -> bool:
    try:
        deque(map(parse, filter(None, cells)), maxlen=0)
    except ValueError:
        return False
    return True


class ColumnConverter:
    """Converts one column of a batch: ABSENT for empty or wrong cells, errors through ``on_error``."""

    def __init__(
        self,
        conv: Callable[[Any], Any],
        fast: Callable[[Sequence[str]], bool] | None = None,
        memo: dict[str, Any] | None = None,
    ) -> None:
        self.conv = conv
        self.fast = fast  # accepts a column of str whose values are the cells themselves
        self.memo = memo  # str cell → converted value, for columns of few distinct values
        self.empty_answers = 0  # how many EMPTY_ANSWER it gave (almost always none)

    def convert(
        self, cells: Sequence[Any], on_error: OnError, *, cells_are_text: bool = False
    ) -> Sequence[Any]:
        text = cells_are_text or all_text(cells)
        if text and self.fast is not None and self.fast(cells):
            return cells
        if text and self.memo is not None:
            out = list(map(self.memo.get, cells))
            if None not in out:
                return out
            return self._fill(cells, out, on_error)
        return self._each(cells, on_error)

    def _fill(self, cells: Sequence[str], out: list[Any], on_error: OnError) -> list[Any]:
        memo = self.memo
        assert memo is not None
        conv = self.conv
        for i, value in enumerate(out):
            if value is not None:
                continue
            cell = cells[i]
            try:
                value = conv(cell)
            except BadValue as bad:
                on_error(i, bad)
                out[i] = ABSENT
                continue
            if value == "":  # not remembered: a memo hit would not count it
                out[i] = EMPTY_ANSWER
                self.empty_answers += 1
                continue
            if len(memo) < MEMO_LIMIT:
                memo[cell] = value
            out[i] = value
        return out

    def _each(self, cells: Sequence[Any], on_error: OnError) -> list[Any]:
        """The per-cell path: what an import did for every cell before this module."""
        conv = self.conv
        out: list[Any] = []
        append = out.append
        for i, cell in enumerate(cells):
            if cell is None or cell == "":
                append(ABSENT)
                continue
            try:
                value = conv(cell)
            except BadValue as bad:
                on_error(i, bad)
                append(ABSENT)
                continue
            if value == "":
                value = EMPTY_ANSWER
                self.empty_answers += 1
            append(value)
        return out


def _text_fast(cells: Sequence[str]) -> bool:
    return max(map(len, cells), default=0) <= MAX_VALUE_CHARS


def converter_column(schema: FormSchema, question: Question) -> ColumnConverter:
    """The column converter of ``question``: the same values and errors as ``converter_for``."""
    conv = converter_for(schema, question)
    kind = question.type
    if kind in ("select_one", "select_multiple"):
        lookup = choice_lookup(schema, question)
        if lookup is not None:
            memo: dict[str, Any] = {"": ABSENT, **lookup}
            # A label that is also a name with other spacing must still go through conv (it strips).
            return ColumnConverter(conv, memo=memo)
        return ColumnConverter(conv, fast=_text_fast)
    if kind == "integer":
        return ColumnConverter(conv, fast=lambda c: _joined_matches(_INTEGER_COLUMN, c), memo={"": ABSENT})
    if kind in ("decimal", "range"):
        return ColumnConverter(conv, fast=lambda c: _joined_matches(_DECIMAL_COLUMN, c))
    if kind in ("date", "today"):
        return ColumnConverter(
            conv,
            fast=lambda c: _joined_matches(_DATE_COLUMN, c) and _all_parse(dt.date.fromisoformat, c),
            memo={"": ABSENT},
        )
    if kind in ("dateTime", "datetime", "start", "end"):
        # fromisoformat refuses surrounding blanks, so an accepted cell is what conv_datetime returns.
        return ColumnConverter(conv, fast=lambda c: _all_parse(dt.datetime.fromisoformat, c))
    if conv is conv_text:
        return ColumnConverter(conv, fast=_text_fast)
    return ColumnConverter(conv)


class FlagColumn:
    """A split select_multiple column (``q/option``): True, False, or None where the cell is None."""

    def __init__(self) -> None:
        self.memo: dict[Any, bool] = {"1": True, "0": False, "": False}

    def convert(self, cells: Sequence[Any], on_error: OnError) -> list[bool | None]:
        if all_text(cells):
            out: list[bool | None] = list(map(self.memo.get, cells))
            if None not in out:
                return out
        else:
            out = [None] * len(cells)
        text = all_text(cells)
        for i, cell in enumerate(cells):
            if out[i] is not None or cell is None:
                continue
            try:
                flag = conv_flag(cell)
            except BadValue as bad:
                on_error(i, bad)
                out[i] = False
                continue
            out[i] = flag
            if text and len(self.memo) < MEMO_LIMIT:
                self.memo[cell] = flag
        return out
