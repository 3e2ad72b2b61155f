"""Imports and exports as background jobs: where their files live and what each job does.

Uploaded files wait in ``MEDIA_ROOT/io/uploads/<token>/`` between the preview
and the import; export files are written to ``MEDIA_ROOT/io/exports/<job>/``
under a temporary name and renamed when complete. Neither folder is served:
the download view checks access first.
"""

from __future__ import annotations

import secrets
import shutil
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.translation import gettext

from kozomol.core.jobs import Progress, job_create, job_fail, job_finish
from kozomol.core.models import Job
from kozomol.questionnaires.models import Form
from kozomol.submissions.io import messages as m
from kozomol.submissions.io.exporting import ExportOptions, audit_export, submissions_for_export, write_export
from kozomol.submissions.io.importing import ImportFailed, import_preview, import_submissions
from kozomol.submissions.io.readers import Source

KIND_PREVIEW = "submissions.import_preview"
KIND_IMPORT = "submissions.import"
KIND_EXPORT = "submissions.export"


def io_root() -> Path:
    return Path(settings.MEDIA_ROOT) / "io"


def store_upload(files: list[UploadedFile]) -> dict[str, Any]:
    """Save uploaded files (streamed to disk by chunks); returns the job parameters naming them."""
    token = secrets.token_hex(16)
    folder = io_root() / "uploads" / token
    folder.mkdir(parents=True, exist_ok=True)
    names = []
    for n, upload in enumerate(files):
        target = folder / f"{n:02d}.bin"
        with target.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        names.append((upload.name or f"file{n}")[-200:])
    return {"upload": token, "names": names}


def upload_source(params: dict[str, Any]) -> Source | None:
    folder = io_root() / "uploads" / str(params.get("upload", "")).replace("/", "")
    names = list(params.get("names", []))
    paths = [folder / f"{n:02d}.bin" for n in range(len(names))]
    if not names or not all(p.exists() for p in paths):
        return None
    return Source(paths, names)


def discard_upload(params: dict[str, Any]) -> None:
    token = str(params.get("upload", "")).replace("/", "")
    if token:
        shutil.rmtree(io_root() / "uploads" / token, ignore_errors=True)


def _rows_progress(progress: Progress) -> Any:
    def on_rows(n: int) -> None:
        if n < 0:
            progress.set_total(-n)
        else:
            progress.advance(n)

    return on_rows


def run_preview(job_id: str) -> None:
    job = Job.objects.select_related("campaign").get(pk=job_id)
    form = Form.objects.get(pk=job.params["form"], campaign=job.campaign)
    source = upload_source(job.params)
    if source is None:
        job_fail(job, gettext(m.IMPORT_FILE_GONE))
        return
    with Progress(job) as progress:
        result = import_preview(form=form, source=source, on_rows=_rows_progress(progress))
    job_finish(job, result=result.as_dict())


def run_import(job_id: str) -> None:
    job = Job.objects.select_related("campaign", "created_by").get(pk=job_id)
    form = Form.objects.get(pk=job.params["form"], campaign=job.campaign)
    source = upload_source(job.params)
    if source is None:
        job_fail(job, gettext(m.IMPORT_FILE_GONE))
        return
    try:
        with Progress(job, total=job.params.get("rows")) as progress:
            result = import_submissions(
                form=form, source=source, actor=job.created_by, on_rows=_rows_progress(progress)
            )
    except ImportFailed as failed:
        job_fail(job, "\n".join(p.line() for p in failed.report.errors[:200]))
        return
    discard_upload(job.params)
    # No "url" in the result: the job page would offer it as a download.
    job_finish(
        job,
        result=result.as_dict(),
        message=gettext(m.IMPORT_DONE) % {"created": result.created, "skipped": result.skipped},
    )


def export_path(job: Job) -> Path | None:
    name = job.result.get("file") if job.result else None
    if not name:
        return None
    path = io_root() / "exports" / str(job.pk) / Path(name).name
    return path if path.exists() else None


def run_export(job_id: str) -> None:
    job = Job.objects.select_related("campaign", "created_by").get(pk=job_id)
    form = Form.objects.get(pk=job.params["form"], campaign=job.campaign)
    options = ExportOptions(**job.params["options"])
    folder = io_root() / "exports" / str(job.pk)
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "export.partial"
    count = submissions_for_export(form).count()
    with Progress(job, total=count) as progress:
        exported = write_export(form, options, partial, progress=progress)
    final = folder / exported.name
    partial.replace(final)
    audit_export(actor=job.created_by, form=form, options=options, count=count, background=True)
    url = reverse("submissions:export_download", kwargs={"slug": job.campaign.slug, "job_id": job.pk})
    job_finish(
        job, result={"file": final.name, "content_type": exported.content_type, "count": count, "url": url}
    )


def start_job(*, kind: str, title: str, campaign: Any, user: Any, params: dict[str, Any]) -> Job:
    from kozomol.submissions.io import tasks

    job = job_create(kind=kind, title=title, campaign=campaign, user=user, params=params)
    runner = {
        KIND_PREVIEW: tasks.import_preview_task,
        KIND_IMPORT: tasks.import_task,
        KIND_EXPORT: tasks.export_task,
    }[kind]
    runner.enqueue(str(job.pk))
    job.refresh_from_db()
    return job
