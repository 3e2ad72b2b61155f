"""Checked records turned into the plain values the import's writer inserts.

This part of writing needs no database: the answers as JSON text, the times
in the form the database column takes, the few answers the respondent profile
is read from. It runs where the records are read, in a second process for a
large file (:mod:`reader_process`), so the process that holds the transaction
does little more than insert.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

from kozomol.submissions.io.columns import parse_datetime
from kozomol.submissions.io.parse import Record

# Answers as JSON text. Not ASCII-escaped as Django's own encoder does: the same JSON to every
# reader (json.loads, SQLite's and PostgreSQL's JSON functions), but Cyrillic takes 2 bytes a
# letter instead of 6, which halves what an import of interviews writes.
answers_json = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode


def sqlite_datetime(value: dt.datetime | None) -> str | None:
    """What Django's SQLite backend stores for an aware date-time: naive UTC, str() of the datetime."""
    return None if value is None else str(value.astimezone(dt.UTC).replace(tzinfo=None))


def iso_datetime(value: dt.datetime | None) -> str | None:
    """An aware date-time as ISO text with its offset, which PostgreSQL reads into timestamptz."""
    return None if value is None else value.isoformat()


@dataclass(frozen=True)
class RowPlan:
    """What preparing rows needs to know about the form and the database: plain values only."""

    sqlite: bool
    time_paths: tuple[str, ...]  # end, then start: the interview's time is the first one given
    profile_paths: tuple[str, ...]  # the answers the respondent profile is read from


@dataclass
class PreparedBatch:
    """One batch of records, a list per column."""

    instance_ids: list[str] = field(default_factory=list)
    deprecated_ids: list[str] = field(default_factory=list)
    versions: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    submitted_by: list[str] = field(default_factory=list)
    data: list[str] = field(default_factory=list)  # the answers as JSON text
    interviewed: list[str | None] = field(default_factory=list)  # as the database column takes it
    submitted: list[str | None] = field(default_factory=list)  # when the server received it, if known
    profile_keys: list[tuple[tuple[str, Any], ...]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.instance_ids)


def interview_time(record: Record, time_paths: tuple[str, ...]) -> dt.datetime | None:
    """When the interview ended (else began): the upload may come days later."""
    for path in time_paths:
        value = record.data.get(path)
        if value:
            try:
                return parse_datetime(value)
            except ValueError:
                continue
    return record.submitted_at


def prepare_batch(batch: list[Record], plan: RowPlan) -> PreparedBatch:
    # A list per column, each made by one comprehension: half the cost of appending to nine lists
    # row by row, on the side of an import that is its slower half.
    as_text = sqlite_datetime if plan.sqlite else iso_datetime
    time_paths = plan.time_paths
    paths = plan.profile_paths
    return PreparedBatch(
        instance_ids=[r.instance_id for r in batch],
        deprecated_ids=[r.deprecated_id[:100] for r in batch],
        versions=[r.version for r in batch],
        statuses=[r.status for r in batch],
        submitted_by=[r.submitted_by for r in batch],
        data=[r.data_json if r.data_json is not None else answers_json(r.data) for r in batch],
        interviewed=[as_text(interview_time(r, time_paths)) for r in batch],
        submitted=[as_text(r.submitted_at) for r in batch],
        profile_keys=(
            [tuple((p, r.data[p]) for p in paths if p in r.data) for r in batch]
            if paths
            else [()] * len(batch)
        ),
    )
