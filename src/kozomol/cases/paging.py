"""Keyset ("cursor") paging of the caseworker queue: no OFFSET, so page 500 costs what page 1 does.

A page link carries the sort key of the last (``after``) or first (``before``)
row shown. The next page is the rows strictly after that key in the queue's
order, read from the queue's index by a range seek; the previous page is the
rows before it, read in reverse order and turned round. Rows that arrive or
move while someone pages are neither skipped nor shown twice, which OFFSET
paging cannot promise.

Two orders exist: the queue's ``-urgent, received_at, id`` and the overdue
list's ``deadline, id``. Cursors are plain text (``1_1764115200000000_42``) so a
page works without JavaScript and a bad cursor just shows the first page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

QUEUE_ORDER = ("-urgent", "received_at", "id")
DEADLINE_ORDER = ("deadline", "id")


def _micros(value: dt.datetime) -> int:
    delta = value - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _from_micros(value: int) -> dt.datetime:
    return _EPOCH + dt.timedelta(microseconds=value)


@dataclass(frozen=True)
class Cursor:
    """The sort key of one row: (urgent, received_at, id) or (deadline, id)."""

    key: tuple[Any, ...]

    def encode(self) -> str:
        parts = []
        for value in self.key:
            if isinstance(value, bool):
                parts.append(str(int(value)))
            elif isinstance(value, dt.datetime):
                parts.append(str(_micros(value)))
            elif isinstance(value, dt.date):
                parts.append(str(value.toordinal()))
            else:
                parts.append(str(int(value)))
        return "_".join(parts)


def decode(text: str | None, order: tuple[str, ...]) -> Cursor | None:
    """The cursor in ``text`` for ``order``, or None when absent or malformed."""
    if not text:
        return None
    try:
        parts = [int(p) for p in text.split("_")]
    except ValueError:
        return None
    if len(parts) != len(order):
        return None
    try:
        if order == QUEUE_ORDER:
            if parts[0] not in (0, 1):
                return None
            return Cursor((bool(parts[0]), _from_micros(parts[1]), parts[2]))
        return Cursor((dt.date.fromordinal(parts[0]), parts[1]))
    except (ValueError, OverflowError):
        return None


def cursor_of(row: dict[str, Any], order: tuple[str, ...]) -> Cursor:
    return Cursor(tuple(row[name.lstrip("-")] for name in order))


def _tail_after(field: str, value: Any, pk: int, *, forward: bool) -> Q:
    """(field, id) strictly after (value, pk) in ascending order (before, when not ``forward``).

    The redundant ``>=`` term lets the database seek straight to ``value`` in the
    index instead of testing the OR on every entry from the start.
    """
    ge, gt, id_gt = ("gte", "gt", "gt") if forward else ("lte", "lt", "lt")
    return Q(**{f"{field}__{ge}": value}) & (Q(**{f"{field}__{gt}": value}) | Q(**{f"id__{id_gt}": pk}))


def _after(cursor: Cursor, order: tuple[str, ...], *, forward: bool) -> Q:
    if order == QUEUE_ORDER:
        urgent, received_at, pk = cursor.key
        tail = Q(urgent=urgent) & _tail_after("received_at", received_at, pk, forward=forward)
        # Urgent cases come first: after an urgent row come all the others; before a
        # non-urgent row come all the urgent ones.
        if forward and urgent:
            return tail | Q(urgent=False)
        if not forward and not urgent:
            return tail | Q(urgent=True)
        return tail
    deadline, pk = cursor.key
    return _tail_after("deadline", deadline, pk, forward=forward)


def _reverse(order: tuple[str, ...]) -> list[str]:
    return [name[1:] if name.startswith("-") else f"-{name}" for name in order]


@dataclass
class KeysetPage:
    rows: list[dict[str, Any]]
    next_cursor: str | None
    previous_cursor: str | None
    is_first: bool


def page(
    qs: QuerySet[Any],
    *,
    order: tuple[str, ...],
    values: tuple[str, ...],
    size: int,
    after: str | None = None,
    before: str | None = None,
) -> KeysetPage:
    """One page of ``qs`` in ``order`` after (or before) a cursor; always exactly one query."""
    after_cursor = decode(after, order)
    before_cursor = None if after_cursor else decode(before, order)
    if before_cursor is not None:
        fetched = list(
            qs.filter(_after(before_cursor, order, forward=False))
            .order_by(*_reverse(order))
            .values(*values)[: size + 1]
        )
        more_before = len(fetched) > size
        rows = fetched[:size][::-1]
        return KeysetPage(
            rows=rows,
            next_cursor=cursor_of(rows[-1], order).encode() if rows else None,
            previous_cursor=cursor_of(rows[0], order).encode() if rows and more_before else None,
            is_first=not more_before,
        )
    if after_cursor is not None:
        qs = qs.filter(_after(after_cursor, order, forward=True))
    fetched = list(qs.order_by(*order).values(*values)[: size + 1])
    rows = fetched[:size]
    return KeysetPage(
        rows=rows,
        next_cursor=cursor_of(rows[-1], order).encode() if len(fetched) > size else None,
        # Coming from a cursor there is something before; from the start there is not.
        previous_cursor=cursor_of(rows[0], order).encode() if after_cursor is not None and rows else None,
        is_first=after_cursor is None,
    )
