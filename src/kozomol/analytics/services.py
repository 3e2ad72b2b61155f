"""Writes of the analytics app: indicators, and charts sent to findings as evidence."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from pydantic import ValidationError as SpecError

from kozomol.analytics import render
from kozomol.analytics.models import Chart, Indicator
from kozomol.analytics.schema import IndicatorSpec
from kozomol.analytics.selectors import IndicatorResult
from kozomol.audit.services import audit_create, audit_update, stored_snapshot

ERROR_BAD_SPEC = gettext_noop("The indicator definition is not valid: %(errors)s")
ERROR_FINDINGS_MISSING = gettext_noop("Findings are not available in this installation yet.")
ERROR_FINDING_NOT_IN_CAMPAIGN = gettext_noop("That finding does not belong to this campaign.")


def validate_spec(spec: dict[str, Any]) -> IndicatorSpec:
    try:
        return IndicatorSpec.model_validate(spec)
    except SpecError as exc:
        errors = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'spec'}: {e['msg']}" for e in exc.errors()
        )
        raise ValidationError({"spec": _(ERROR_BAD_SPEC) % {"errors": errors}}) from exc


@transaction.atomic
def indicator_save(
    *,
    actor: Any,
    campaign: Any,
    key: str,
    title_ru: str,
    spec: dict[str, Any],
    title_ky: str = "",
    title_en: str = "",
    position: int = 0,
) -> Indicator:
    """Create or update the indicator ``key`` of a campaign; refolds the cube when it needs a new question."""
    parsed = validate_spec(spec)
    indicator = Indicator.objects.filter(campaign=campaign, key=key).first()
    fields = {
        "title_ru": title_ru,
        "title_ky": title_ky,
        "title_en": title_en,
        "spec": parsed.model_dump(exclude_defaults=True),
        "position": position,
    }
    if indicator is None:
        indicator = Indicator(campaign=campaign, key=key, **fields)
        indicator.full_clean()
        indicator.save()
        audit_create(actor, indicator, campaign_id=campaign.pk)
    else:
        before = stored_snapshot(indicator)
        for name, value in fields.items():
            setattr(indicator, name, value)
        indicator.full_clean()
        indicator.save()
        audit_update(actor, indicator, before, campaign_id=campaign.pk)
    # A question the cube has not folded yet makes the next read rebuild it (cube_sync compares
    # the questions the indicators name with those folded in); no other change needs a recount.
    return indicator


@transaction.atomic
def chart_freeze(
    *, actor: Any, campaign: Any, result: IndicatorResult, filters: dict[str, list[str]]
) -> Chart:
    """Keep a chart as shown, small cells suppressed, so it can be cited and published."""
    chart = Chart.objects.create(
        campaign=campaign,
        indicator_key=result.indicator.key,
        title=result.indicator.title[:300],
        filters=filters,
        table=render.table(result),
        svg=render.to_svg(result),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit_create(actor, chart, campaign_id=campaign.pk)
    return chart


def findings_available() -> bool:
    try:
        apps.get_model("findings", "Finding")
        from kozomol.findings import services  # noqa: F401
    except (LookupError, ImportError):
        return False
    return hasattr(services, "evidence_add")


@transaction.atomic
def chart_send_to_finding(
    *,
    actor: Any,
    campaign: Any,
    result: IndicatorResult,
    filters: dict[str, list[str]],
    finding_id: int,
) -> Any:
    """Freeze the chart and add it to a finding of the same campaign as evidence (kind "chart")."""
    if not findings_available():
        raise ValidationError(_(ERROR_FINDINGS_MISSING))
    from kozomol.findings import services as findings_services

    finding_model = apps.get_model("findings", "Finding")
    finding = finding_model.objects.filter(pk=finding_id, campaign=campaign).first()
    if finding is None:
        raise ValidationError(_(ERROR_FINDING_NOT_IN_CAMPAIGN))
    chart = chart_freeze(actor=actor, campaign=campaign, result=result, filters=filters)
    return findings_services.evidence_add(
        actor=actor,
        finding=finding,
        kind="chart",
        object_pk=chart.pk,
        text=chart.summary[:5000],
        source=chart.title,
    )
