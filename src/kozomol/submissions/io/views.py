"""Pages of imports and exports: thin — access, validation, then a job or a stream."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from kozomol.accounts.access import campaign_perms, get_campaign_for_user
from kozomol.accounts.roles import Perm
from kozomol.campaigns.models import Campaign
from kozomol.core.models import Job
from kozomol.submissions.io import jobs
from kozomol.submissions.io.exporting import ExportOptions, audit_export, iter_export, submissions_for_export
from kozomol.submissions.io.forms import ExportForm, ImportUploadForm
from kozomol.submissions.io.parse import Problem

# Above this many submissions XLSX and .sav are prepared by a background job.
SYNC_FILE_EXPORT_LIMIT = 5000


def get_campaign_for_import(user: Any, slug: str) -> Campaign:
    """Coordinators (review) or people who both collect and manage forms may import."""
    campaign = get_campaign_for_user(user, slug)
    perms = campaign_perms(user, campaign)
    if Perm.REVIEW_SUBMISSIONS in perms or {Perm.COLLECT, Perm.MANAGE_FORMS} <= perms:
        return campaign
    raise PermissionDenied


def _own_job(request: HttpRequest, campaign: Campaign, job_id: Any, kind: str) -> Job:
    return get_object_or_404(Job, pk=job_id, campaign=campaign, created_by=request.user, kind=kind)


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_import(request.user, slug)
    form = ImportUploadForm(request.POST or None, request.FILES or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        target = form.cleaned_data["form"]
        params = {"form": target.pk, **jobs.store_upload(form.cleaned_data["files"])}
        job = jobs.start_job(
            kind=jobs.KIND_PREVIEW,
            title=_("Checking %(files)s") % {"files": ", ".join(params["names"])},
            campaign=campaign,
            user=request.user,
            params=params,
        )
        return redirect("submissions:import_preview", slug=campaign.slug, job_id=job.pk)
    return render(request, "submissions_io/import_upload.html", {"campaign": campaign, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def import_preview(request: HttpRequest, slug: str, job_id: Any) -> HttpResponse:
    campaign = get_campaign_for_import(request.user, slug)
    job = _own_job(request, campaign, job_id, jobs.KIND_PREVIEW)
    result = job.result if job.status == Job.Status.DONE else {}
    report = result.get("report", {})
    can_import = bool(report) and not report.get("error_count") and result.get("created", 0) > 0
    if request.method == "POST":
        if not can_import or jobs.upload_source(job.params) is None:
            raise PermissionDenied
        run = jobs.start_job(
            kind=jobs.KIND_IMPORT,
            title=_("Importing %(files)s") % {"files": ", ".join(job.params["names"])},
            campaign=campaign,
            user=request.user,
            params={**job.params, "rows": report.get("rows")},
        )
        return redirect("core:job_detail", job_id=run.pk)
    problems = [Problem.from_dict(p) for p in report.get("problems", [])]
    return render(
        request,
        "submissions_io/import_preview.html",
        {
            "campaign": campaign,
            "job": job,
            "result": result,
            "report": report,
            "can_import": can_import,
            "errors": [p for p in problems if not p.warning],
            "warnings": [p for p in problems if p.warning],
            "tables": report.get("tables", []),
            "more_errors": max(0, report.get("error_count", 0) - sum(1 for p in problems if not p.warning)),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def export_start(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.EXPORT_DATA)
    form = ExportForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        target = data["form"]
        options = ExportOptions(data["format"], data["language"], data["labels"], data["hxl"])
        count = submissions_for_export(target).count()
        streamable = options.format in ("csv", "json")
        if data["background"] or (not streamable and count > SYNC_FILE_EXPORT_LIMIT):
            job = jobs.start_job(
                kind=jobs.KIND_EXPORT,
                title=_("Export of %(form)s") % {"form": target.form_id},
                campaign=campaign,
                user=request.user,
                params={"form": target.pk, "options": options.__dict__},
            )
            return redirect("core:job_detail", job_id=job.pk)
        audit_export(actor=request.user, form=target, options=options, count=count, background=False)
        if streamable:
            name, chunks = iter_export(target, options)
            response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
                chunks, content_type=name.content_type
            )
        else:
            return _file_export(target, options)
        response["Content-Disposition"] = f'attachment; filename="{name.name}"'
        return response
    return render(request, "submissions_io/export_start.html", {"campaign": campaign, "form": form})


def _file_export(target: Any, options: ExportOptions) -> FileResponse:
    import tempfile
    from pathlib import Path

    from kozomol.submissions.io.exporting import write_export

    handle = tempfile.NamedTemporaryFile(prefix="kozomol-export-", suffix=".tmp")  # noqa: SIM115 - FileResponse closes it
    name = write_export(target, options, Path(handle.name))
    handle.seek(0)
    return FileResponse(handle, as_attachment=True, filename=name.name, content_type=name.content_type)


@login_required
def export_download(request: HttpRequest, slug: str, job_id: Any) -> FileResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.EXPORT_DATA)
    job = _own_job(request, campaign, job_id, jobs.KIND_EXPORT)
    path = jobs.export_path(job) if job.status == Job.Status.DONE else None
    if path is None:
        raise Http404(_("The export file is no longer available; export again."))
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=path.name,
        content_type=job.result.get("content_type") or "application/octet-stream",
    )
