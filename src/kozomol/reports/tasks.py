"""Background generation of reports (django.tasks)."""

from __future__ import annotations

from django.tasks import task


@task
def generate_report(job_id: str) -> None:
    from kozomol.reports.services import report_job_run

    report_job_run(job_id)
