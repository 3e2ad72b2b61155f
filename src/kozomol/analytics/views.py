"""Dashboards: the campaign's indicators as charts with their tables, downloads and "send to a finding"."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kozomol.accounts.access import NOT_FOUND, campaigns_for_user, can, get_campaign_for_user
from kozomol.accounts.roles import Perm
from kozomol.analytics import cube, services
from kozomol.analytics import render as out
from kozomol.analytics.builtin import BUILTIN_INDICATORS
from kozomol.analytics.schema import SOURCE_DIMENSIONS, IndicatorSpec
from kozomol.analytics.selectors import (
    FILTER_DIMENSIONS,
    IndicatorDef,
    Labeller,
    filter_options,
    indicator_result,
    indicators_for_campaign,
)
from kozomol.lib.charts import svg_to_png
from kozomol.lib.translated import current_content_language

BREAKDOWN_CHOICES = (
    "",
    "country",
    "city",
    "target_group",
    "gender",
    "age_band",
    "legal_status",
    "sector",
    "month",
    "campaign",
)


def _filters(request: HttpRequest) -> dict[str, list[str]]:
    return {
        dim: [v for v in request.GET.getlist(dim) if v][:20]
        for dim in FILTER_DIMENSIONS
        if any(request.GET.getlist(dim))
    }


def _by(request: HttpRequest) -> str:
    by = request.GET.get("by", "")
    return by if by in BREAKDOWN_CHOICES else ""


def _breakdowns(indicator: IndicatorDef, by: str) -> list[str] | None:
    """The user's breakdown replaces the indicator's first one (a second, e.g. the answer, is kept)."""
    if not by or by not in SOURCE_DIMENSIONS[indicator.spec.source]:
        return None
    rest = [b for b in indicator.spec.breakdowns[1:] if b != by]
    return [by, *rest]


def _consular_indicators() -> list[IndicatorDef]:
    return list(_consular_defs(current_content_language()))


@lru_cache(maxsize=8)
def _consular_defs(lang: str) -> tuple[IndicatorDef, ...]:
    return tuple(
        IndicatorDef(
            key=k,
            title={"ru": ru, "ky": ky or ru, "en": en or ru}[lang],
            spec=IndicatorSpec.model_validate(spec),
        )
        for k, ru, ky, en, spec in BUILTIN_INDICATORS
        if spec.get("consular")
    )


def _allowed(request: HttpRequest) -> set[int]:
    """Campaigns the reader may see: previous cycles are compared only within them."""
    cached = getattr(request, "_analytics_allowed", None)
    if cached is None:
        cached = set(campaigns_for_user(request.user).values_list("pk", flat=True))
        request._analytics_allowed = cached  # type: ignore[attr-defined]
    return cached


def _findings(campaign: Any) -> list[Any]:
    if not services.findings_available():
        return []
    from django.apps import apps

    return list(
        apps.get_model("findings", "Finding").objects.filter(campaign=campaign).order_by("position", "pk")
    )


def _results(
    request: HttpRequest,
    campaign: Any,
    indicators: list[IndicatorDef],
    filters: dict[str, list[str]],
    *,
    suppress: bool,
    by: str = "",
) -> list[dict[str, Any]]:
    labeller = Labeller([campaign.pk])
    # Bring the cube up to date once for the page, not once per chart.
    cube.cube_sync(campaign.pk, sorted({i.spec.source for i in indicators} & set(cube.SOURCES)))
    items = []
    for ind in indicators:
        result = indicator_result(
            campaign,
            ind,
            filters=filters,
            suppress=suppress,
            breakdowns=_breakdowns(ind, by),
            labeller=labeller,
            allowed_campaigns=_allowed(request),
            sync="campaign" in (_breakdowns(ind, by) or ind.spec.breakdowns),
        )
        items.append({"result": result, "svg": out.to_svg(result), "table": out.table(result)})
    return items


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.VIEW_CAMPAIGN)
    analyst = can(request.user, Perm.ANALYSE, campaign)
    filters, by = _filters(request), _by(request)
    indicators = [i for i in indicators_for_campaign(campaign) if not i.spec.consular]
    items = _results(request, campaign, indicators, filters, suppress=not analyst, by=by)
    return render(
        request,
        "analytics/dashboard.html",
        {
            "campaign": campaign,
            "items": items,
            "options": filter_options(campaign),
            "filters": filters,
            "by": by,
            "breakdown_choices": BREAKDOWN_CHOICES[1:],
            "analyst": analyst,
            "query": request.GET.urlencode(),
            "findings": _findings(campaign) if can(request.user, Perm.DRAFT_FINDINGS, campaign) else [],
            "findings_available": services.findings_available(),
            "consular": False,
        },
    )


@login_required
def consular(request: HttpRequest, slug: str) -> HttpResponse:
    """Consular monitoring: one embassy or consulate (by its city) or all of them side by side."""
    campaign = get_campaign_for_user(request.user, slug, Perm.VIEW_CAMPAIGN)
    analyst = can(request.user, Perm.ANALYSE, campaign)
    from kozomol.accounts.models import Organisation

    institutions = list(
        Organisation.objects.filter(participations__campaign=campaign, kind=Organisation.Kind.CONSULAR)
        .exclude(city=None)
        .select_related("city")
        .order_by("name_ru")
    )
    chosen = next((o for o in institutions if str(o.pk) == request.GET.get("institution")), None)
    filters = _filters(request)
    if chosen is not None:
        filters["city"] = [str(chosen.city_id)]
    items = _results(request, campaign, _consular_indicators(), filters, suppress=not analyst)
    return render(
        request,
        "analytics/dashboard.html",
        {
            "campaign": campaign,
            "items": items,
            "options": filter_options(campaign),
            "filters": filters,
            "analyst": analyst,
            "query": request.GET.urlencode(),
            "institutions": institutions,
            "chosen": chosen,
            "findings": _findings(campaign) if can(request.user, Perm.DRAFT_FINDINGS, campaign) else [],
            "findings_available": services.findings_available(),
            "consular": True,
        },
    )


def _one(request: HttpRequest, campaign: Any, key: str) -> tuple[Any, dict[str, list[str]]]:
    indicator = next(
        (i for i in [*indicators_for_campaign(campaign), *_consular_indicators()] if i.key == key), None
    )
    if indicator is None:
        raise Http404(NOT_FOUND)
    filters = _filters(request)
    suppress = not can(request.user, Perm.ANALYSE, campaign)
    return indicator_result(
        campaign,
        indicator,
        filters=filters,
        suppress=suppress,
        breakdowns=_breakdowns(indicator, _by(request)),
        allowed_campaigns=_allowed(request),
    ), filters


@login_required
def chart_download(request: HttpRequest, slug: str, key: str, fmt: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.VIEW_CAMPAIGN)
    result, _filters_used = _one(request, campaign, key)
    name = f"{campaign.slug}-{key}"
    if fmt == "csv":
        response = HttpResponse(out.to_csv(result), content_type="text/csv; charset=utf-8")
    elif fmt == "svg":
        response = HttpResponse(out.to_svg(result), content_type="image/svg+xml; charset=utf-8")
    elif fmt == "png":
        response = HttpResponse(svg_to_png(out.to_svg(result)), content_type="image/png")
    else:
        raise Http404(NOT_FOUND)
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response


@login_required
@require_POST
def chart_send(request: HttpRequest, slug: str, key: str) -> HttpResponse:
    campaign = get_campaign_for_user(request.user, slug, Perm.VIEW_CAMPAIGN)
    if not can(request.user, Perm.DRAFT_FINDINGS, campaign):
        raise PermissionDenied
    # The chart as anyone outside the analysts' team would see it: a finding may be published.
    result, filters = _one(request, campaign, key)
    for row in result.rows:
        if 0 < row.respondents < 5 and not row.suppressed:
            row.value = row.low = row.high = row.count = None
            row.suppressed = True
    back = reverse("analytics:dashboard", kwargs={"slug": slug}) + (
        f"?{request.GET.urlencode()}" if request.GET else ""
    )
    try:
        finding_id = int(request.POST.get("finding", ""))
    except ValueError:
        messages.error(request, _("Choose a finding."))
        return redirect(back)
    try:
        services.chart_send_to_finding(
            actor=request.user, campaign=campaign, result=result, filters=filters, finding_id=finding_id
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(back)
    messages.success(request, _("The chart was added to the finding as evidence."))
    return redirect(back + f"#chart-{key}")


@login_required
def indicators(request: HttpRequest, slug: str) -> HttpResponse:
    """The campaign's indicator definitions; analysts add or change them (validated JSON)."""
    import json

    from kozomol.analytics.forms import IndicatorForm
    from kozomol.analytics.models import Indicator

    campaign = get_campaign_for_user(request.user, slug, Perm.VIEW_CAMPAIGN)
    may_edit = can(request.user, Perm.ANALYSE, campaign)
    form = IndicatorForm()
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        if request.POST.get("builtin"):
            for position, (key, ru, ky, en, spec) in enumerate(BUILTIN_INDICATORS):
                services.indicator_save(
                    actor=request.user,
                    campaign=campaign,
                    key=key,
                    title_ru=ru,
                    title_ky=ky,
                    title_en=en,
                    spec=spec,
                    position=position,
                )
            messages.success(request, _("The built-in indicators were added."))
            return redirect("analytics:indicators", slug=slug)
        form = IndicatorForm(request.POST)
        if form.is_valid():
            try:
                services.indicator_save(actor=request.user, campaign=campaign, **form.cleaned_data)
            except ValidationError as exc:
                form.add_error("spec", exc.messages)
            else:
                messages.success(request, _("The indicator was saved."))
                return redirect("analytics:indicators", slug=slug)
    own = [
        {"indicator": i, "json": json.dumps(i.spec, ensure_ascii=False, indent=1)}
        for i in Indicator.objects.filter(campaign=campaign).order_by("position", "key")
    ]
    return render(
        request,
        "analytics/indicators.html",
        {
            "campaign": campaign,
            "own": own,
            "form": form if may_edit else None,
            "may_edit": may_edit,
        },
    )
