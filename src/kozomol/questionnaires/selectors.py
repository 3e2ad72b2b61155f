"""Reads of questionnaires, scoped by what the user may see."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.http import Http404

from kozomol.accounts.access import NOT_FOUND
from kozomol.campaigns.models import Campaign
from kozomol.questionnaires.models import Form


def forms_for_campaign(campaign: Campaign) -> QuerySet[Form]:
    return (
        Form.objects.filter(campaign=campaign)
        .select_related("target_group")
        .annotate(version_count=Count("versions", distinct=True))
        .order_by("target_group__position", "title")
    )


def get_form(campaign: Campaign, form_pk: int) -> Form:
    form = Form.objects.filter(campaign=campaign, pk=form_pk).select_related("target_group").first()
    if form is None:
        raise Http404(NOT_FOUND)
    return form


def available_templates() -> list[Any]:
    """The report's ready templates, or none while that package is missing."""
    try:
        from kozomol.questionnaires.report_templates import list_templates
    except ImportError:
        return []
    try:
        return [t for t in list_templates() if t.path.exists()]
    except Exception:  # a half-built template package must not break the page
        return []


def template_title(template: Any, language: str) -> str:
    for attr in (f"title_{language[:2]}", "title", "title_ru", "title_en"):
        value = getattr(template, attr, "")
        if value:
            return str(value)
    return str(template.code)
