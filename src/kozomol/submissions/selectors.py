"""Reads of submissions and drafts, scoped by campaign and owner."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from kozomol.accounts.access import NOT_FOUND
from kozomol.campaigns.models import Campaign
from kozomol.submissions.models import Draft, Submission

FILTERS = (
    "status",
    "target_group",
    "country",
    "city",
    "monitor",
    "form",
    "form_version",
    "date_from",
    "date_to",
)


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def submissions_filtered(campaign: Campaign, params: Any) -> QuerySet[Submission]:
    """The review list: each filter uses one of Submission's indexes (see its Meta)."""
    qs = Submission.objects.filter(campaign=campaign)
    status = params.get("status")
    if status in Submission.Status.values:
        qs = qs.filter(status=status)
    if (group := _int(params.get("target_group"))) is not None:
        qs = qs.filter(target_group_id=group)
    country = (params.get("country") or "").strip().upper()
    if len(country) == 2:
        qs = qs.filter(country_code=country)
    if (city := _int(params.get("city"))) is not None:
        qs = qs.filter(city_id=city)
    if (monitor := _int(params.get("monitor"))) is not None:
        qs = qs.filter(submitted_by_id=monitor)
    if (form := _int(params.get("form"))) is not None:
        qs = qs.filter(form_id=form)
    if (version := _int(params.get("form_version"))) is not None:
        qs = qs.filter(form_version_id=version)
    if (start := _date(params.get("date_from"))) is not None:
        qs = qs.filter(received_at__date__gte=start)
    if (end := _date(params.get("date_to"))) is not None:
        qs = qs.filter(received_at__date__lte=end)
    return qs.select_related("form", "form_version", "target_group", "city", "submitted_by").order_by(
        "-received_at", "-pk"
    )


def get_submission(campaign: Campaign, pk: int) -> Submission:
    submission = (
        Submission.objects.filter(campaign=campaign, pk=pk)
        .select_related("form", "form_version", "target_group", "city", "submitted_by")
        .first()
    )
    if submission is None:
        raise Http404(NOT_FOUND)
    return submission


def get_draft_for_user(user: Any, campaign: Campaign, pk: int) -> Draft:
    """Drafts are private to the monitor who started them (from any device)."""
    draft = (
        Draft.objects.filter(campaign=campaign, pk=pk, owner=user)
        .select_related("form", "form_version")
        .first()
    )
    if draft is None:
        raise Http404(NOT_FOUND)
    return draft


def drafts_for_user(user: Any, campaign: Campaign) -> QuerySet[Draft]:
    return Draft.objects.filter(owner=user, campaign=campaign).select_related("form").order_by("-updated_at")
