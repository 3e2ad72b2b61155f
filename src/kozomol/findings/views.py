from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kozomol.accounts.access import campaign_perms, get_campaign_for_user
from kozomol.accounts.roles import Perm
from kozomol.campaigns.models import Campaign
from kozomol.core.nav import campaign_sections_for
from kozomol.findings import selectors, services
from kozomol.findings.forms import (
    AddresseeForm,
    EvidenceForm,
    FindingForm,
    FollowUpForm,
    OfficialStatisticForm,
    RecommendationForm,
    StatisticsImportForm,
)
from kozomol.findings.models import Evidence, Finding, FollowUp, Recommendation


def _context(request: HttpRequest, campaign: Campaign, active: str, **extra: Any) -> dict[str, Any]:
    perms = campaign_perms(request.user, campaign)
    return {
        "campaign": campaign,
        "sections": campaign_sections_for(request.user, campaign),
        "active": active,
        "can_draft": Perm.DRAFT_FINDINGS in perms,
        "can_approve": Perm.APPROVE_FINDINGS in perms,
        **extra,
    }


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


# --- findings --------------------------------------------------------------------


@login_required
@require_GET
def finding_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    can_draft = Perm.DRAFT_FINDINGS in campaign_perms(request.user, campaign)
    findings = list(selectors.findings_for_campaign(campaign, approved_only=not can_draft))
    groups = []
    for theme in selectors.themes():
        items = [f for f in findings if f.theme_id == theme.pk]
        if items:
            groups.append((theme, items))
    return render(
        request,
        "findings/finding_list.html",
        _context(
            request,
            campaign,
            "findings",
            groups=groups,
            count=len(findings),
            previous=campaign.previous,
            inherited=Recommendation.objects.filter(campaign=campaign, inherited_from__isnull=False).count(),
        ),
    )


def _finding(campaign: Campaign, finding_id: int, user: Any) -> Finding:
    finding = get_object_or_404(
        Finding.objects.select_related("theme", "country"), pk=finding_id, campaign=campaign
    )
    if finding.state != Finding.State.APPROVED and Perm.DRAFT_FINDINGS not in campaign_perms(user, campaign):
        # Viewers read approved findings only; a draft does not exist for them.
        from django.http import Http404

        raise Http404
    return finding


@login_required
@require_GET
def finding_detail(request: HttpRequest, slug: str, finding_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    finding = _finding(campaign, finding_id, request.user)
    series = list(selectors.official_series(campaign))
    return render(
        request,
        "findings/finding_detail.html",
        _context(
            request,
            campaign,
            "findings",
            finding=finding,
            evidence=finding.evidence.all(),
            evidence_form=EvidenceForm(series=series),
            states=Finding.State,
            recommendations=finding.recommendations.select_related("addressee"),
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def finding_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.DRAFT_FINDINGS)
    form = FindingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            finding = services.finding_create(actor=request.user, campaign=campaign, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The finding was saved as a draft."))
            return redirect("findings:detail", slug=slug, finding_id=finding.pk)
    return render(request, "findings/finding_form.html", _context(request, campaign, "findings", form=form))


@login_required
@require_http_methods(["GET", "POST"])
def finding_edit(request: HttpRequest, slug: str, finding_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.DRAFT_FINDINGS)
    finding = _finding(campaign, finding_id, request.user)
    form = FindingForm(request.POST or None, instance=finding)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        standards = data.pop("standards")
        try:
            services.finding_update(actor=request.user, finding=finding, standards=standards, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("findings:detail", slug=slug, finding_id=finding.pk)
    return render(
        request,
        "findings/finding_form.html",
        _context(request, campaign, "findings", form=form, finding=finding),
    )


@login_required
@require_POST
def finding_state(request: HttpRequest, slug: str, finding_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.DRAFT_FINDINGS)
    finding = _finding(campaign, finding_id, request.user)
    target = request.POST.get("state", "")
    may_approve = Perm.APPROVE_FINDINGS in campaign_perms(request.user, campaign)
    if target == Finding.State.APPROVED and not may_approve:
        raise PermissionDenied
    if target not in Finding.State.values:
        messages.error(request, _("Choose a state."))
    else:
        try:
            services.finding_transition(
                actor=request.user, finding=finding, target=target, may_approve=may_approve
            )
            messages.success(
                request, _("The finding is now: %(state)s.") % {"state": finding.get_state_display()}
            )
        except ValidationError as exc:
            _errors(request, exc)
    return redirect("findings:detail", slug=slug, finding_id=finding.pk)


@login_required
@require_POST
def finding_delete(request: HttpRequest, slug: str, finding_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.APPROVE_FINDINGS)
    finding = _finding(campaign, finding_id, request.user)
    services.finding_delete(actor=request.user, finding=finding)
    messages.success(request, _("The finding was deleted."))
    return redirect("findings:list", slug=slug)


@login_required
@require_POST
def evidence_add(request: HttpRequest, slug: str, finding_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.DRAFT_FINDINGS)
    finding = _finding(campaign, finding_id, request.user)
    form = EvidenceForm(request.POST, series=list(selectors.official_series(campaign)))
    if form.is_valid():
        try:
            services.evidence_add(actor=request.user, finding=finding, **form.cleaned_data)
            messages.success(request, _("The evidence was added."))
        except ValidationError as exc:
            _errors(request, exc)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("findings:detail", slug=slug, finding_id=finding.pk)


@login_required
@require_POST
def evidence_remove(request: HttpRequest, slug: str, finding_id: int, evidence_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.DRAFT_FINDINGS)
    finding = _finding(campaign, finding_id, request.user)
    evidence = get_object_or_404(Evidence, pk=evidence_id, finding=finding)
    services.evidence_remove(actor=request.user, evidence=evidence)
    messages.success(request, _("The evidence was removed."))
    return redirect("findings:detail", slug=slug, finding_id=finding.pk)


# --- recommendations ---------------------------------------------------------------


@login_required
@require_GET
def recommendation_list(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    groups = [
        (addressee, [(rec, selectors.status_of(rec)) for rec in items])
        for addressee, items in selectors.recommendations_by_addressee(campaign)
    ]
    return render(
        request,
        "findings/recommendation_list.html",
        _context(
            request,
            campaign,
            "recommendations",
            groups=groups,
            statuses=FollowUp.Status.choices,
            changes=selectors.follow_up_changes(campaign),
            previous=campaign.previous,
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.DRAFT_FINDINGS)
    form = RecommendationForm(request.POST or None, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            services.recommendation_create(actor=request.user, campaign=campaign, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The recommendation was added."))
            return redirect("findings:recommendations", slug=slug)
    return render(
        request,
        "findings/recommendation_form.html",
        _context(request, campaign, "recommendations", form=form),
    )


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_edit(request: HttpRequest, slug: str, recommendation_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.DRAFT_FINDINGS)
    rec = get_object_or_404(Recommendation, pk=recommendation_id, campaign=campaign)
    form = RecommendationForm(request.POST or None, instance=rec, campaign=campaign)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.recommendation_update(
                actor=request.user,
                recommendation=rec,
                findings=data.pop("findings"),
                standards=data.pop("standards"),
                **data,
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("findings:recommendations", slug=slug)
    return render(
        request,
        "findings/recommendation_form.html",
        _context(request, campaign, "recommendations", form=form, recommendation=rec),
    )


@login_required
@require_POST
def recommendation_status(request: HttpRequest, slug: str, recommendation_id: int) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.DRAFT_FINDINGS)
    rec = get_object_or_404(Recommendation, pk=recommendation_id, campaign=campaign)
    form = FollowUpForm(request.POST)
    if form.is_valid():
        services.followup_set(actor=request.user, recommendation=rec, **form.cleaned_data)
        messages.success(request, _("The implementation status was recorded."))
    else:
        messages.error(request, _("Choose a valid status."))
    return redirect("findings:recommendations", slug=slug)


@login_required
@require_POST
def recommendations_inherit(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.APPROVE_FINDINGS)
    try:
        created = services.recommendations_inherit(actor=request.user, campaign=campaign)
        messages.success(
            request,
            _("%(count)s open recommendations were carried over from the previous cycle.")
            % {"count": len(created)},
        )
    except ValidationError as exc:
        _errors(request, exc)
    return redirect("findings:recommendations", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def addressee_create(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.APPROVE_FINDINGS)
    form = AddresseeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.addressee_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The addressee was added to the list."))
            return redirect("findings:recommendations", slug=slug)
    return render(
        request, "findings/addressee_form.html", _context(request, campaign, "recommendations", form=form)
    )


# --- official statistics ------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def statistics(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    can_draft = Perm.DRAFT_FINDINGS in campaign_perms(request.user, campaign)
    form = OfficialStatisticForm(request.POST or None) if can_draft else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.official_statistic_create(actor=request.user, campaign=campaign, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, _("The figure was added."))
                return redirect("findings:statistics", slug=slug)
    return render(
        request,
        "findings/statistics.html",
        _context(
            request,
            campaign,
            "statistics",
            form=form,
            import_form=StatisticsImportForm() if can_draft else None,
            stats=selectors.official_statistics(campaign),
        ),
    )


@login_required
@require_POST
def statistics_import(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.DRAFT_FINDINGS)
    form = StatisticsImportForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a CSV file."))
        return redirect("findings:statistics", slug=slug)
    try:
        created = services.official_statistics_import_csv(
            actor=request.user, campaign=campaign, data=form.cleaned_data["file"].read()
        )
        messages.success(request, _("%(count)s figures were imported.") % {"count": len(created)})
    except (ValidationError, UnicodeDecodeError) as exc:
        if isinstance(exc, ValidationError):
            _errors(request, exc)
        else:
            messages.error(request, _("The file is not UTF-8 text."))
    return redirect("findings:statistics", slug=slug)


# --- treaty body ---------------------------------------------------------------------


@login_required
@require_GET
def treaty(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    can_draft = Perm.DRAFT_FINDINGS in campaign_perms(request.user, campaign)
    return render(
        request,
        "findings/treaty.html",
        _context(
            request, campaign, "treaty", groups=selectors.treaty_view(campaign, approved_only=not can_draft)
        ),
    )


@login_required
@require_GET
def treaty_export(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug)
    from kozomol.findings.treaty import KINDS, treaty_docx

    if kind not in KINDS:
        from django.http import Http404

        raise Http404
    lang = request.GET.get("lang", "ru")
    if lang not in ("ru", "ky", "en"):
        lang = "ru"
    data = treaty_docx(campaign, kind=kind, lang=lang)
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response["Content-Disposition"] = f'attachment; filename="{campaign.slug}-{kind}-report-{lang}.docx"'
    return response
