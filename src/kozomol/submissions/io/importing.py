"""Importing earlier data (KoboToolbox, ODK Central, plain CSV) into a form.

Two passes over the file: the preview checks everything and writes nothing;
the import checks again while it writes, in one transaction, and rolls back if
any row is wrong. Both are idempotent by instanceID: a submission already
stored is skipped, so importing the same file twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from kozomol.accounts.models import Membership
from kozomol.audit.services import audit_record
from kozomol.questionnaires.models import Form
from kozomol.questionnaires.schema import FormSchema
from kozomol.submissions.io import messages as m
from kozomol.submissions.io import reader_process
from kozomol.submissions.io.parse import Problem, Report, read_records
from kozomol.submissions.io.readers import Source, SourceError
from kozomol.submissions.io.rows import (
    PreparedBatch,
    RowPlan,
    iso_datetime,
    prepare_batch,
    sqlite_datetime,
)
from kozomol.submissions.models import Submission
from kozomol.submissions.profile import (
    CITY_NAMES,
    COUNTRY_NAMES,
    GENDER_NAMES,
    TARGET_GROUP_NAMES,
    Profile,
    extract_profile,
)

BATCH_SIZE = 2000

# Review states of KoboToolbox (_validation_status) and ODK Central (ReviewState).
STATUS_MAP = {
    "validation_status_approved": Submission.Status.APPROVED,
    "validation_status_not_approved": Submission.Status.REJECTED,
    "validation_status_on_hold": Submission.Status.HAS_ISSUES,
    "approved": Submission.Status.APPROVED,
    "rejected": Submission.Status.REJECTED,
    "hasissues": Submission.Status.HAS_ISSUES,
    "has_issues": Submission.Status.HAS_ISSUES,
    "received": Submission.Status.RECEIVED,
}


class ImportFailed(Exception):  # noqa: N818 - reads as a sentence: raise ImportFailed(report)
    """The file has errors; nothing was written. ``report`` lists every one."""

    def __init__(self, report: Report) -> None:
        super().__init__(m.IMPORT_HAS_ERRORS % {"count": report.error_count})
        self.report = report


@dataclass
class ImportResult:
    report: Report
    created: int = 0
    skipped: int = 0  # already stored (same instanceID)
    by_version: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "created": self.created,
            "skipped": self.skipped,
            "by_version": self.by_version,
            "report": self.report.as_dict(),
        }


def union_schema(form: Form) -> FormSchema:
    """The newest version's schema with the questions, choices and groups only older versions had."""
    versions = list(form.versions.order_by("-created_at", "-pk"))
    if not versions:
        raise ValueError(f"form {form.form_id} has no version")
    merged = versions[0].parsed.model_copy(deep=True)
    paths = {q.path for q in merged.questions}
    groups = {g.path for g in merged.groups}
    for version in versions[1:]:
        older = version.parsed
        for q in older.questions:
            if q.path not in paths:
                merged.questions.append(q)
                paths.add(q.path)
        for g in older.groups:
            if g.path not in groups:
                merged.groups.append(g)
                groups.add(g.path)
        for list_name, choices in older.choices.items():
            known = merged.choices.setdefault(list_name, [])
            names = {c.name for c in known}
            known.extend(c for c in choices if c.name not in names)
        for lang in older.languages:
            if lang not in merged.languages:
                merged.languages.append(lang)
    return merged


def _source_problem(exc: SourceError) -> Problem:
    return Problem(
        "", exc.params.get("row"), "", exc.message, {k: v for k, v in exc.params.items() if k != "row"}
    )


def _read(
    source: Source,
    schema: FormSchema,
    report: Report,
    plan: RowPlan,
    *,
    on_batch: Callable[[PreparedBatch], None],
    on_rows: Callable[[int], None] | None,
) -> None:
    """:func:`read_records`, each batch prepared for writing; in a second process for a large file."""
    if source.size_bytes >= reader_process.IN_PROCESS_MIN_BYTES:
        reader_process.read_in_child(
            source, schema, report, plan, on_batch=on_batch, batch_size=BATCH_SIZE, on_rows=on_rows
        )
    else:
        read_records(
            source,
            schema,
            report,
            on_batch=lambda batch: on_batch(prepare_batch(batch, plan)),
            batch_size=BATCH_SIZE,
            on_rows=on_rows,
        )


def _existing_ids(ids: list[str]) -> set[str]:
    """Which of ``ids`` are stored already (any form: instance IDs are unique across the table)."""
    if not ids:
        return set()
    # Plain SQL: the ORM prepares each of the batch's 2,000 parameters one by one.
    table = connection.ops.quote_name(Submission._meta.db_table)
    sql = f"SELECT instance_id FROM {table} WHERE instance_id IN ({', '.join(['%s'] * len(ids))})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        return {row[0] for row in cursor.fetchall()}


def import_preview(
    *, form: Form, source: Source, on_rows: Callable[[int], None] | None = None
) -> ImportResult:
    """Check the whole file and count what an import would add; writes nothing."""
    report = Report()
    result = ImportResult(report=report)

    def count(batch: PreparedBatch) -> None:
        existing = _existing_ids(batch.instance_ids)
        result.skipped += len(existing)
        result.created += len(batch) - len(existing)

    schema = union_schema(form)
    try:
        _read(source, schema, report, row_plan(schema), on_batch=count, on_rows=on_rows)
    except SourceError as exc:
        report.add(_source_problem(exc))
    return result


def row_plan(schema: FormSchema) -> RowPlan:
    # Only the answers the profile reads (by their last path segment).
    wanted = set(COUNTRY_NAMES) | set(CITY_NAMES) | set(GENDER_NAMES) | set(TARGET_GROUP_NAMES)
    return RowPlan(
        sqlite=connection.vendor == "sqlite",
        time_paths=tuple(q.path for kind in ("end", "start") for q in schema.questions if q.type == kind),
        profile_paths=tuple(
            q.path for q in schema.questions if q.repeat is None and q.name.lower() in wanted
        ),
    )


# The columns an import fills row by row; every other column of the table gets one value per import.
_ROW_COLUMNS = (
    "form_version_id",
    "instance_id",
    "deprecated_id",
    "data",
    "status",
    "submitted_by_id",
    "target_group_id",
    "country_code",
    "city_id",
    "gender",
    "submitted_at",
    "received_at",
)
_PROFILE_MEMO_LIMIT = 100_000


class _Writer:
    """Turns checked records into Submission rows, a batch at a time."""

    def __init__(self, *, form: Form, actor: Any, plan: RowPlan) -> None:
        self.form = form
        self.campaign = form.campaign
        self.versions = {v.version: v for v in form.versions.all()}
        self.current = form.current_version
        self.users = dict(
            Membership.objects.filter(organisation__participations__campaign=self.campaign).values_list(
                "user__email", "user_id"
            )
        )
        self.now = timezone.now()
        self.sqlite = plan.sqlite
        # The profile depends only on those few answers, which repeat across rows (a handful of
        # countries and cities): computed once per distinct combination, not once per row.
        self.profiles: dict[tuple[tuple[str, Any], ...], Profile] = {}
        fields = {f.attname: f for f in Submission._meta.concrete_fields if not f.primary_key}
        missing = set(_ROW_COLUMNS) - set(fields)
        if missing:
            raise RuntimeError(f"Submission has no column {', '.join(sorted(missing))}")
        constants: dict[str, Any] = {
            "campaign_id": self.campaign.pk,
            "form_id": self.form.pk,
            "xml": "",
            "source": Submission.Source.IMPORT.value,
            "updated_at": self.now,
        }
        # A column added to Submission later gets its model default here rather than a broken insert.
        for name, f in fields.items():
            if name not in _ROW_COLUMNS and name not in constants:
                constants[name] = f.get_default()
        self.constants = tuple(
            self._prepare_constant(fields[name], value) for name, value in constants.items()
        )
        self.now_db = sqlite_datetime(self.now) if self.sqlite else iso_datetime(self.now)
        quote = connection.ops.quote_name
        columns = [fields[name].column for name in (*_ROW_COLUMNS, *constants)]
        # A submission stored already (same instanceID, by any earlier import or upload) is
        # skipped by the database itself: the unique index answers that while inserting, so a
        # separate lookup per batch would ask it twice.
        self.sql = "INSERT INTO {} ({}) VALUES ({}) ON CONFLICT ({}) DO NOTHING".format(  # noqa: S608 - names from the model, values bound
            quote(Submission._meta.db_table),
            ", ".join(quote(c) for c in columns),
            ", ".join(["%s"] * len(columns)),
            quote(fields["instance_id"].column),
        )
        self.created = 0
        self.skipped = 0
        self.by_version: dict[str, int] = {}

    def _prepare_constant(self, field: models.Field, value: Any) -> Any:
        if self.sqlite and isinstance(field, models.DateTimeField):
            return sqlite_datetime(value)
        return field.get_db_prep_save(value, connection)

    def _profile(self, found: tuple[tuple[str, Any], ...]) -> Profile:
        try:
            return self.profiles[found]
        except KeyError:
            pass
        except TypeError:  # an answer that cannot be a dict key: no memo for it
            return extract_profile(
                dict(found), campaign=self.campaign, default_target_group_id=self.form.target_group_id
            )
        profile = extract_profile(
            dict(found), campaign=self.campaign, default_target_group_id=self.form.target_group_id
        )
        if len(self.profiles) < _PROFILE_MEMO_LIMIT:
            self.profiles[found] = profile
        return profile

    def write(self, batch: PreparedBatch) -> None:
        by_version: dict[int, list[tuple[Any, ...]]] = {}
        versions = {name: v.pk for name, v in self.versions.items()}
        assert self.current is not None
        current = self.current.pk
        constants = self.constants
        users = self.users
        now = self.now_db
        received_status = Submission.Status.RECEIVED.value
        profile = self._profile
        rows: list[tuple[Any, ...]] = []
        last_version = None
        for (
            instance_id,
            deprecated_id,
            version_name,
            status,
            submitted_by,
            data,
            interviewed,
            submitted,
            key,
        ) in zip(
            batch.instance_ids,
            batch.deprecated_ids,
            batch.versions,
            batch.statuses,
            batch.submitted_by,
            batch.data,
            batch.interviewed,
            batch.submitted,
            batch.profile_keys,
            strict=True,
        ):
            version = versions.get(version_name, current)
            if version != last_version:
                rows = by_version.setdefault(version, [])
                last_version = version
            found = profile(key)
            rows.append(
                (
                    version,
                    instance_id,
                    deprecated_id,
                    data,
                    STATUS_MAP.get(status.lower(), received_status),
                    users.get(submitted_by) if submitted_by else None,
                    found.target_group_id,
                    found.country_code,
                    found.city_id,
                    found.gender,
                    interviewed,
                    submitted or now,
                    *constants,
                )
            )
        names = {v.pk: v.version for v in self.versions.values()}
        names[current] = self.current.version
        # One executemany per version in the batch (nearly always one): what bulk_create does,
        # without building a model per row; its row count tells how many were new.
        with connection.cursor() as cursor:
            for version, version_rows in by_version.items():
                cursor.executemany(self.sql, version_rows)
                created = cursor.rowcount
                self.created += created
                self.skipped += len(version_rows) - created
                if created:
                    self.by_version[names[version]] = self.by_version.get(names[version], 0) + created


SQLITE_IMPORT_CACHE_KIB = 128 * 1024


@contextmanager
def _large_page_cache() -> Iterator[None]:
    """On SQLite, a bigger page cache for the import's one long transaction.

    With SQLite's default 2 MB, inserting into the submission table's indexes
    spills pages to the WAL again and again; 128 MB keeps them in memory
    (still well inside the import's memory budget). Restored afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = cursor.fetchone()[0]
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {int(before)}")


@transaction.atomic
def import_submissions(
    *,
    form: Form,
    source: Source,
    actor: Any,
    on_rows: Callable[[int], None] | None = None,
    dry_run: bool = False,
) -> ImportResult:
    """Import every row of ``source`` into ``form`` or nothing: raises :class:`ImportFailed` with all errors."""
    schema = union_schema(form)
    plan = row_plan(schema)
    report = Report()
    writer = _Writer(form=form, actor=actor, plan=plan)
    failed = False

    def write(batch: PreparedBatch) -> None:
        nonlocal failed
        if report.error_count:
            failed = True  # keep reading to find every error; stop writing
        if not failed and not dry_run:
            writer.write(batch)
        elif dry_run:
            existing = _existing_ids(batch.instance_ids)
            writer.skipped += len(existing)
            writer.created += len(batch) - len(existing)

    try:
        with _large_page_cache():
            _read(source, schema, report, plan, on_batch=write, on_rows=on_rows)
    except SourceError as exc:
        report.add(_source_problem(exc))
    result = ImportResult(
        report=report, created=writer.created, skipped=writer.skipped, by_version=writer.by_version
    )
    if not report.ok:
        raise ImportFailed(report)  # leaving the atomic block by an exception rolls every batch back
    if dry_run:
        return result
    audit_record(
        actor=actor,
        action="create",
        object_type="submissions.import",
        object_id=form.pk,
        object_repr=f"{form.form_id}: {', '.join(source.names)}"[:250],
        campaign_id=form.campaign_id,
        message=f"imported {writer.created} submissions, {writer.skipped} already present",
        changes={
            "created": [None, writer.created],
            "skipped": [None, writer.skipped],
            "files": [None, source.names],
        },
    )
    return result
