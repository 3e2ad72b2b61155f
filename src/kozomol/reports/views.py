from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kozomol.accounts.access import campaign_perms, get_campaign_for_user
from kozomol.accounts.roles import Perm
from kozomol.core.models import Job
from kozomol.core.nav import campaign_sections_for
from kozomol.reports import services
from kozomol.reports.builder import build_report
from kozomol.reports.forms import LANGUAGE_CHOICES, GenerateForm, TemplateUploadForm
from kozomol.reports.models import ReportTemplate
from kozomol.reports.render_html import render_body


@login_required
@require_GET
def preview(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    lang = request.GET.get("lang", "ru")
    if lang not in dict(LANGUAGE_CHOICES):
        lang = "ru"
    report = build_report(campaign, lang)
    perms = campaign_perms(request.user, campaign)
    # The body is built from escaped text and SVG made by kozomol.lib.charts.
    body = mark_safe(render_body(report, charts="svg"))  # noqa: S308
    return render(
        request,
        "reports/preview.html",
        {
            "campaign": campaign,
            "sections": campaign_sections_for(request.user, campaign),
            "report": report,
            "body": body,
            "lang": lang,
            "report_languages": LANGUAGE_CHOICES,
            "generate_form": GenerateForm(initial={"lang": lang}),
            "can_publish": Perm.PUBLISH_REPORT in perms,
            "template": ReportTemplate.objects.filter(campaign=campaign).first(),
            "template_form": TemplateUploadForm() if Perm.PUBLISH_REPORT in perms else None,
        },
    )


@login_required
@require_POST
def generate(request: HttpRequest, slug: str) -> HttpResponse:
    # Reading the report is open to everyone in the campaign; generating a file is reading it.
    campaign = get_campaign_for_user(request.user, slug)
    form = GenerateForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a format and a language."))
        return redirect("reports:preview", slug=slug)
    job = services.report_job_start(
        actor=request.user, campaign=campaign, fmt=form.cleaned_data["format"], lang=form.cleaned_data["lang"]
    )
    return redirect("core:job_detail", job_id=job.pk)


@login_required
@require_GET
def download(request: HttpRequest, job_id: Any) -> HttpResponse:
    job = get_object_or_404(Job.objects.select_related("campaign"), pk=job_id, kind=services.JOB_KIND)
    if job.campaign is None:
        raise Http404
    get_campaign_for_user(request.user, job.campaign.slug)  # 404 for outsiders
    path = services.output_path(job)
    if job.status != Job.Status.DONE or not path.exists():
        raise Http404
    fmt = job.params.get("format", "pdf")
    response = FileResponse(
        path.open("rb"),
        content_type=services.CONTENT_TYPES.get(fmt, "application/octet-stream"),
        as_attachment=True,
        filename=job.result.get("filename") or path.name,
    )
    return response


@login_required
@require_POST
def template_upload(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.PUBLISH_REPORT)
    form = TemplateUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a .docx file."))
        return redirect("reports:preview", slug=slug)
    upload = form.cleaned_data["file"]
    try:
        services.report_template_upload(
            actor=request.user, campaign=campaign, name=upload.name, data=upload.read()
        )
        messages.success(request, _("The Word template will be used for this campaign's DOCX report."))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect("reports:preview", slug=slug)


@login_required
@require_POST
def template_delete(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.PUBLISH_REPORT)
    template = ReportTemplate.objects.filter(campaign=campaign).first()
    if template is not None:
        services.report_template_delete(actor=request.user, template=template)
        messages.success(request, _("The Word template was removed; the built-in layout is used."))
    return redirect("reports:preview", slug=slug)
