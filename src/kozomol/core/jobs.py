"""Creating jobs and reporting their progress, from a task or from the command line."""

from __future__ import annotations

import sys
from typing import Any

from django.db import transaction
from django.utils import timezone

from kozomol.core.models import Job


def job_create(
    *,
    kind: str,
    title: str = "",
    campaign: Any = None,
    user: Any = None,
    params: dict[str, Any] | None = None,
    total: int | None = None,
) -> Job:
    return Job.objects.create(
        kind=kind,
        title=title[:250],
        campaign=campaign,
        created_by=user if getattr(user, "is_authenticated", False) else None,
        params=params or {},
        total=total,
    )


class Progress:
    """Reports progress of one job to the database (throttled) and optionally to a terminal bar.

    ``with Progress(job, total=n, bar=True) as progress: progress.advance(k)``.
    Progress is written outside the job's own transaction (its own short
    UPDATE), so a page polling it sees it move while the work is uncommitted.
    """

    def __init__(
        self,
        job: Job | None,
        *,
        total: int | None = None,
        bar: bool = False,
        every_seconds: float = 0.5,
        description: str = "",
    ) -> None:
        self.job = job
        self.total = total
        self.done = 0
        self.every = every_seconds
        self._last = 0.0
        self._bar = None
        if bar:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                desc=description or (job.title if job else ""),
                unit="rows",
                file=sys.stderr,
                dynamic_ncols=True,
            )

    def __enter__(self) -> Progress:
        if self.job is not None:
            Job.objects.filter(pk=self.job.pk).update(
                status=Job.Status.RUNNING, total=self.total, updated_at=timezone.now()
            )
        return self

    def set_total(self, total: int) -> None:
        self.total = total
        if self._bar is not None:
            self._bar.total = total
            self._bar.refresh()
        self._write(force=True)

    def advance(self, n: int = 1, message: str = "") -> None:
        self.done += n
        if self._bar is not None:
            self._bar.update(n)
        self._write(message=message)

    def _write(self, *, force: bool = False, message: str = "") -> None:
        if self.job is None:
            return
        import time

        now = time.monotonic()
        if not force and now - self._last < self.every:
            return
        self._last = now
        fields: dict[str, Any] = {"done": self.done, "total": self.total, "updated_at": timezone.now()}
        if message:
            fields["message"] = message[:500]
        # A separate autocommit write when not inside a transaction; inside one
        # (SQLite holds the write lock) it simply joins it.
        Job.objects.filter(pk=self.job.pk).update(**fields)

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self._bar is not None:
            self._bar.close()
        if self.job is None:
            return
        if exc is None:
            return  # job_finish records the result
        job_fail(self.job, f"{type(exc).__name__}: {exc}")


def job_finish(job: Job, *, result: dict[str, Any] | None = None, message: str = "") -> None:
    Job.objects.filter(pk=job.pk).update(
        status=Job.Status.DONE,
        result=result or {},
        message=message[:500],
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def job_fail(job: Job, error: str) -> None:
    # Outside any failed transaction: the failure itself must be recorded.
    with transaction.atomic():
        Job.objects.filter(pk=job.pk).update(
            status=Job.Status.FAILED,
            error=error[:5000],
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
