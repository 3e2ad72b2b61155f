"""Group commit of new OpenRosa submissions.

SQLite has one writer at a time, and sixteen phones sending their backlog at
once queue for that lock: with one transaction per submission the tail latency
is the queue. Here each server process has one writer thread. A request thread
parses and prepares its submission outside any transaction, hands it to the
writer and waits; the writer takes every submission that is waiting, writes
them in ONE transaction (one INSERT per submission by a prepared statement, the
audit entries chained in order, the chain head updated once) and commits. Only
then are the waiting requests released, so a phone gets its 201 only when its
row is durable.

Only the common case goes through here: a new instanceID with no attachments
and no ``deprecatedID``. Anything else the batch meets — an instanceID already
stored or already taken in the same batch, a replaced one, a form closed since
the cache was filled, a constraint that fails — comes back as *not written*
and takes the ordinary path of :func:`kozomol.submissions.services.submission_receive`,
which answers "already received", 409 or 403 as before. Nothing is written
twice, nothing is lost: a batch that fails rolls back whole and every request
in it gets the error (a lost database answers 503, and ODK Collect sends again).

Where there is no file SQLite database (PostgreSQL, the tests' in-memory
database) or the caller is already inside a transaction, the same batch code
runs inline in the request's thread, one submission per transaction.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.db import DatabaseError, IntegrityError, connection, models, transaction
from django.db.models import signals
from django.utils import timezone

from kozomol.audit.models import GENESIS_HASH, AuditEntry, AuditHead
from kozomol.questionnaires.models import Form
from kozomol.submissions.models import Submission

MAX_BATCH = 64
WAIT_SECONDS = 120.0  # a request gives up (503) if its batch has not committed by then


class WriterTimeout(DatabaseError):
    """The writer did not finish in time; the client sends again (dedupe by instanceID)."""


@dataclass
class NewSubmission:
    """One prepared submission: an unsaved row and what its audit entry records."""

    submission: Submission
    actor: Any  # the monitor, or None
    ip: str | None
    changes: dict[str, Any]
    written: bool = False
    error: BaseException | None = None
    done: threading.Event = field(default_factory=threading.Event)


# --- one INSERT per row by a prepared statement ------------------------------------------


_INSERT_SQL: dict[type[models.Model], tuple[str, list[models.Field[Any, Any]]]] = {}


def _insert_statement(model: type[models.Model]) -> tuple[str, list[models.Field[Any, Any]]]:
    """``INSERT INTO … VALUES (%s, …)`` for every concrete column but the automatic key."""
    cached = _INSERT_SQL.get(model)
    if cached is None:
        fields = [f for f in model._meta.local_concrete_fields if not f.primary_key]
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        # Names from the model, quoted by the backend; every value is a parameter.
        sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES ({marks})"  # noqa: S608
        if connection.features.can_return_columns_from_insert:
            sql += f" RETURNING {quote(model._meta.pk.column)}"  # type: ignore[union-attr]
        cached = _INSERT_SQL[model] = (sql, fields)
    return cached


def insert_row(obj: models.Model) -> int:
    """Insert ``obj`` with the values the ORM would write (its fields' own conversions), set its pk.

    No query compilation: the statement text is built once per model, so the
    database driver reuses its prepared statement. ``pre_save`` and
    ``post_save`` (created) are sent as ``Model.save`` sends them, so a
    receiver of new rows (the analytics cube's, today) sees these too.
    """
    model = type(obj)
    alias = connection.alias
    signals.pre_save.send(sender=model, instance=obj, raw=False, using=alias, update_fields=None)
    sql, fields = _insert_statement(model)
    values = [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, values)
        pk = cursor.fetchone()[0] if connection.features.can_return_columns_from_insert else cursor.lastrowid
    obj.pk = pk
    obj._state.adding = False
    obj._state.db = alias
    signals.post_save.send(
        sender=model, instance=obj, created=True, update_fields=None, raw=False, using=alias
    )
    return int(pk)


# --- the batch -------------------------------------------------------------------------


def _audit_entry(item: NewSubmission) -> AuditEntry:
    """The entry :func:`kozomol.audit.services.audit_record` writes for a received submission."""
    submission = item.submission
    user = item.actor if getattr(item.actor, "is_authenticated", False) else None
    return AuditEntry(
        created_at=timezone.now(),
        actor=user,
        actor_label=(getattr(user, "email", "") if user else str(item.actor or ""))[:254],
        action=AuditEntry.Action.CREATE,
        object_type=Submission._meta.label_lower,
        object_id=str(submission.pk),
        object_repr=str(submission)[:250],
        organisation_id_ref=None,  # a submission belongs to a campaign; no organisation field
        campaign_id_ref=submission.campaign_id,
        changes=item.changes,  # form, version, source: nothing in them to mask
        message="",
        ip_address=item.ip,
    )


def _insert_one(item: NewSubmission) -> bool:
    """Insert the row; False when a constraint refuses it (the ordinary path then answers)."""
    try:
        if connection.vendor == "sqlite":
            # SQLite undoes only the failing statement; the batch's transaction goes on.
            insert_row(item.submission)
        else:
            # PostgreSQL aborts the whole transaction on an error unless a savepoint fences it.
            with transaction.atomic():
                insert_row(item.submission)
    except IntegrityError:
        item.submission.pk = None
        return False
    return True


# Per-batch statements in plain SQL (no query compilation); table and column names come from the
# models, quoted by the backend, and every value is a parameter.
_TAKEN = "SELECT {submission.instance_id}, {submission.deprecated_id} FROM {submission} WHERE {submission.instance_id} IN ({marks}) OR {submission.deprecated_id} IN ({marks})"
_OPEN_FORMS = "SELECT {form.id} FROM {form} WHERE {form.id} IN ({marks}) AND {form.is_open} = %s"
_HEAD_READ = "SELECT {head.last_hash}, {head.last_entry_id} FROM {head} WHERE {head.id} = 1{lock}"
_HEAD_UPDATE = "UPDATE {head} SET {head.last_hash} = %s, {head.last_entry_id} = %s WHERE {head.id} = 1"


class _Names:
    def __init__(self, model: type[models.Model]) -> None:
        self.model = model

    def __str__(self) -> str:
        return connection.ops.quote_name(self.model._meta.db_table)

    def __getattr__(self, name: str) -> str:
        return connection.ops.quote_name(self.model._meta.get_field(name).column)


def _sql(template: str, **extra: str) -> str:
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return template.format(
        submission=_Names(Submission), form=_Names(Form), head=_Names(AuditHead), lock=lock, **extra
    )


def _chain_head(cursor: Any) -> tuple[str, int | None]:
    """The newest hash and entry id, locked until commit (SQLite: the write lock already is)."""
    cursor.execute(_sql(_HEAD_READ))
    row = cursor.fetchone()
    if row is None:
        AuditHead.objects.get_or_create(id=1, defaults={"last_hash": GENESIS_HASH})
        cursor.execute(_sql(_HEAD_READ))
        row = cursor.fetchone()
    return row[0], row[1]


def write_batch(items: list[NewSubmission]) -> None:
    """Write the new submissions of ``items`` and their audit entries in one transaction.

    Sets ``written`` on each item that was stored. Raises (and writes nothing)
    when the database fails.
    """
    for item in items:  # a retry after a rolled-back batch starts from unsaved rows
        item.submission.pk = None
        item.submission._state.adding = True
        item.written = False
    with transaction.atomic(), connection.cursor() as cursor:
        ids = [item.submission.instance_id for item in items]
        marks = ", ".join(["%s"] * len(ids))
        # Rows this batch must not touch: the instanceID exists, or an edit replaced it.
        cursor.execute(_sql(_TAKEN, marks=marks), [*ids, *ids])
        taken = {value for row in cursor.fetchall() for value in row}
        form_ids = sorted({item.submission.form_id for item in items})
        cursor.execute(_sql(_OPEN_FORMS, marks=", ".join(["%s"] * len(form_ids))), [*form_ids, True])
        open_forms = {row[0] for row in cursor.fetchall()}
        stored: list[NewSubmission] = []
        for item in items:
            submission = item.submission
            if submission.instance_id in taken or submission.form_id not in open_forms:
                continue
            taken.add(submission.instance_id)
            if _insert_one(item):
                stored.append(item)
        if stored:
            # The chain: one head read (locked), one entry per row, one head update.
            previous, last_id = _chain_head(cursor)
            for item in stored:
                entry = _audit_entry(item)
                entry.prev_hash = previous
                entry.entry_hash = entry.compute_hash()
                last_id = insert_row(entry)
                previous = entry.entry_hash
            cursor.execute(_sql(_HEAD_UPDATE), [previous, last_id])
    for item in stored:
        item.written = True


# --- taking turns at the write lock ----------------------------------------------------------


_PROCESS_WRITER = threading.Lock()
_lock_file: tuple[int, IO[bytes]] | None = None  # (pid, file) of the cross-process lock


def _sqlite_file() -> Path | None:
    if connection.vendor != "sqlite" or connection.is_in_memory_db():
        return None
    return Path(str(connection.settings_dict["NAME"]))


def _cross_process_lock() -> IO[bytes] | None:
    global _lock_file
    database = _sqlite_file()
    if database is None:
        return None
    if _lock_file is None or _lock_file[0] != os.getpid():
        _lock_file = (os.getpid(), open(database.with_name(database.name + ".writer-lock"), "ab"))  # noqa: SIM115
    return _lock_file[1]


@contextlib.contextmanager
def writer_turn() -> Iterator[None]:
    """On SQLite, writers of submissions queue here before BEGIN IMMEDIATE.

    A writer that finds the database locked sleeps in SQLite's busy handler in
    growing steps (1, 2, 5, 10 … ms), which shows as long tail latencies. A
    lock in the process, then a ``flock`` on a file beside the database shared
    by the server's processes, hands the turn over the moment the holder
    commits. (Other writers still use the busy handler; PostgreSQL needs none
    of this.)
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with _PROCESS_WRITER:
        lock = _cross_process_lock()
        if lock is None:
            yield
            return
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)  # releases the GIL while it waits
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


# --- the writer thread ---------------------------------------------------------------------


class GroupWriter:
    """One per process: request threads queue prepared submissions, one thread commits them."""

    def __init__(self) -> None:
        self._pending: list[NewSubmission] = []
        self._wake = threading.Condition()
        self._thread: threading.Thread | None = None
        self._pid = 0

    def grouped(self) -> bool:
        """Whether this request's submission goes to the writer thread (file SQLite, no open transaction)."""
        return _sqlite_file() is not None and not connection.in_atomic_block

    def write(self, item: NewSubmission) -> bool:
        """Store ``item`` (True) or say it needs the ordinary path (False); raises the database's error."""
        if not self.grouped():
            with writer_turn():
                write_batch([item])
            return item.written
        with self._wake:
            if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                # A forked server worker starts its own thread (threads do not survive fork).
                self._pid = os.getpid()
                self._pending = []
                self._thread = threading.Thread(
                    target=self._run, name="kozomol-submission-writer", daemon=True
                )
                self._thread.start()
            self._pending.append(item)
            self._wake.notify()
        if not item.done.wait(WAIT_SECONDS):
            raise WriterTimeout("the submission writer did not answer in time")
        if item.error is not None:
            raise item.error
        return item.written

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._pending:
                    self._wake.wait()
                batch = self._pending[:MAX_BATCH]
                del self._pending[:MAX_BATCH]
            try:
                self._write(batch)
            finally:
                for item in batch:
                    item.done.set()

    def _write(self, batch: list[NewSubmission]) -> None:
        try:
            with writer_turn():
                write_batch(batch)
        except BaseException as exc:  # noqa: BLE001  (every waiting request must hear of it)
            if isinstance(exc, DatabaseError) and not isinstance(exc, IntegrityError):
                # A lost or locked database: the whole batch answers 503 and is sent again.
                connection.close()
                for item in batch:
                    item.error = exc
                return
            if len(batch) == 1:
                batch[0].error = exc
                return
            # Something about one submission: do not let it fail the others.
            for item in batch:
                self._write([item])


group_writer = GroupWriter()
