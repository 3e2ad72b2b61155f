"""Background imports and exports (django.tasks); the work is in :mod:`kozomol.submissions.io.jobs`."""

from __future__ import annotations

from django.tasks import task


@task
def import_preview_task(job_id: str) -> None:
    from kozomol.submissions.io.jobs import run_preview

    run_preview(job_id)


@task
def import_task(job_id: str) -> None:
    from kozomol.submissions.io.jobs import run_import

    run_import(job_id)


@task
def export_task(job_id: str) -> None:
    from kozomol.submissions.io.jobs import run_export

    run_export(job_id)
