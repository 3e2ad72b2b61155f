"""Producing the report in a format, as a background job or at once; the campaign's Word template."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_record
from kozomol.campaigns.models import Campaign
from kozomol.core.jobs import Progress, job_create, job_fail, job_finish
from kozomol.core.models import Job
from kozomol.reports.builder import build_report
from kozomol.reports.models import ReportTemplate

FORMATS = ("html", "docx", "pdf")
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
JOB_KIND = "reports.generate"
BAD_FORMAT_ERROR = gettext_noop("Unknown format “%(format)s”: use html, docx or pdf.")
BAD_LANGUAGE_ERROR = gettext_noop("Unknown language “%(lang)s”: use ru, ky or en.")
TEMPLATE_NOT_DOCX_ERROR = gettext_noop("The template must be a Word .docx file.")
TEMPLATE_TOO_BIG_ERROR = gettext_noop("The template is larger than 10 MB.")


def _check(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise ValidationError(_(BAD_FORMAT_ERROR) % {"format": fmt})
    if lang not in ("ru", "ky", "en"):
        raise ValidationError(_(BAD_LANGUAGE_ERROR) % {"lang": lang})


def template_bytes(campaign: Campaign) -> bytes | None:
    template = ReportTemplate.objects.filter(campaign=campaign).first()
    if template is None or not template.file:
        return None
    with template.file.open("rb") as fh:
        return fh.read()


def render(
    campaign: Campaign,
    fmt: str,
    lang: str = "ru",
    *,
    progress: Progress | None = None,
    use_template: bool = True,
) -> bytes:
    """The report of ``campaign`` in ``fmt`` (html, docx, pdf) and ``lang``."""
    _check(fmt, lang)
    report = build_report(campaign, lang)
    if progress is not None:
        progress.advance(1, message=_("Report content assembled"))
    if fmt == "html":
        from kozomol.reports.render_html import render_document

        data = render_document(report).encode("utf-8")
    elif fmt == "docx":
        from kozomol.reports.render_docx import render_docx

        data = render_docx(
            report,
            template=template_bytes(campaign) if use_template else None,
            fixed_date=campaign.period_end,
        )
    else:
        from kozomol.reports.render_html import render_pdf

        data = render_pdf(report)
    if progress is not None:
        progress.advance(1, message=_("Document written"))
    return data


def render_all(campaign: Campaign, formats: list[str], lang: str = "ru") -> dict[str, bytes]:
    """Several formats from one assembly of the report (the counts are read once)."""
    for fmt in formats:
        _check(fmt, lang)
    report = build_report(campaign, lang)
    out: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "html":
            from kozomol.reports.render_html import render_document

            out[fmt] = render_document(report).encode("utf-8")
        elif fmt == "docx":
            from kozomol.reports.render_docx import render_docx

            out[fmt] = render_docx(report, template=template_bytes(campaign), fixed_date=campaign.period_end)
        else:
            from kozomol.reports.render_html import render_pdf

            out[fmt] = render_pdf(report)
    return out


def report_filename(campaign: Campaign, fmt: str, lang: str) -> str:
    return f"{campaign.slug}-report-{lang}.{fmt}"


def output_path(job: Job) -> Path:
    return Path(settings.MEDIA_ROOT) / "reports" / "generated" / f"{job.pk}.{job.params.get('format', 'bin')}"


def report_job_start(*, actor: Any, campaign: Campaign, fmt: str, lang: str) -> Job:
    """Queue the generation of a report; the job page shows progress and the download link."""
    _check(fmt, lang)
    job = job_create(
        kind=JOB_KIND,
        title=_("Report %(format)s (%(lang)s): %(title)s")
        % {"format": fmt.upper(), "lang": lang, "title": campaign.title},
        campaign=campaign,
        user=actor,
        params={"format": fmt, "lang": lang},
        total=2,
    )
    from kozomol.reports.tasks import generate_report

    transaction.on_commit(lambda: generate_report.enqueue(str(job.pk)))
    return job


def report_job_run(job_id: str) -> None:
    job = Job.objects.select_related("campaign").get(pk=job_id)
    fmt, lang = job.params["format"], job.params["lang"]
    try:
        with Progress(job, total=2) as progress:
            data = render(job.campaign, fmt, lang, progress=progress)
            path = output_path(job)
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(path.suffix + ".part")
            tmp.write_bytes(data)
            tmp.replace(path)
        Job.objects.filter(pk=job.pk).update(done=2)  # progress writes are throttled; the end is exact
        job_finish(
            job,
            result={
                "url": reverse("reports:download", kwargs={"job_id": job.pk}),
                "filename": report_filename(job.campaign, fmt, lang),
                "bytes": len(data),
            },
            message=_("The report is ready."),
        )
    except Exception as exc:
        job_fail(job, f"{type(exc).__name__}: {exc}")
        raise


@transaction.atomic
def report_template_upload(*, actor: Any, campaign: Campaign, name: str, data: bytes) -> ReportTemplate:
    if len(data) > 10 * 1024 * 1024:
        raise ValidationError(_(TEMPLATE_TOO_BIG_ERROR))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ValidationError(_(TEMPLATE_NOT_DOCX_ERROR))
        from docx import Document

        Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationError(_(TEMPLATE_NOT_DOCX_ERROR)) from exc
    existing = ReportTemplate.objects.filter(campaign=campaign).first()
    before = existing.original_name if existing is not None else None
    template = existing or ReportTemplate(campaign=campaign)
    if existing is not None:
        existing.file.delete(save=False)
    template.file.save("template.docx", ContentFile(data), save=False)
    template.original_name = name[:250]
    template.uploaded_by = actor
    template.save()
    # The file field is recorded by name (the audit log stores plain values).
    audit_record(
        actor=actor,
        action=AuditEntry.Action.UPDATE if existing else AuditEntry.Action.CREATE,
        obj=template,
        changes={"original_name": [before, template.original_name], "file": [None, template.file.name]},
        campaign_id=campaign.pk,
    )
    return template


@transaction.atomic
def report_template_delete(*, actor: Any, template: ReportTemplate) -> None:
    audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=template,
        changes={"original_name": [template.original_name, None]},
        campaign_id=template.campaign_id,
    )
    template.file.delete(save=False)
    template.delete()
