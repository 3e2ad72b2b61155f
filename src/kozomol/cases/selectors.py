"""Reading cases. Cases belong to the organisation that handles them, not to a campaign."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils import timezone

from kozomol.accounts.access import NOT_FOUND, can_in_organisation, organisation_ids_for_user
from kozomol.accounts.models import Organisation
from kozomol.accounts.roles import Perm
from kozomol.cases.models import Case, CaseViolation, Referral
from kozomol.cases.paging import DEADLINE_ORDER, QUEUE_ORDER

# Counts below this are hidden in anything shown to the public.
SMALL_COUNT = 5


def handling_organisation_ids(user: Any) -> list[int]:
    """Organisations in which the user may handle cases."""
    return [
        org_id
        for org_id in organisation_ids_for_user(user)
        if can_in_organisation(user, Perm.HANDLE_CASES, org_id)
    ]


def recording_organisations(user: Any) -> list[Organisation]:
    """Organisations for which the user may record an appeal that arrived off-line."""
    from kozomol.cases.services import can_record_cases

    ids = [org_id for org_id in organisation_ids_for_user(user) if can_record_cases(user, org_id)]
    return list(Organisation.objects.filter(pk__in=ids).order_by("name_ru")) if ids else []


def cases_for_user(user: Any) -> QuerySet[Case]:
    org_ids = handling_organisation_ids(user)
    if not org_ids:
        return Case.objects.none()
    return Case.objects.filter(organisation_id__in=org_ids)


def get_case_for_user(user: Any, pk: int) -> Case:
    """The case if the user handles cases in its organisation.

    A member of that organisation without the permission gets 403; anyone
    else 404, so the case's existence stays hidden from other organisations.
    """
    case = Case.objects.select_related("organisation", "caseworker", "country", "city").filter(pk=pk).first()
    if case is None or case.organisation_id not in organisation_ids_for_user(user):
        raise Http404(NOT_FOUND)
    if not can_in_organisation(user, Perm.HANDLE_CASES, case.organisation_id):
        raise PermissionDenied
    return case


QUEUE_VIEWS = ("queue", "mine", "overdue", "closed", "all")
# The columns a queue row shows: no personal data is even read.
QUEUE_COLUMNS = (
    "id",
    "reference",
    "received_at",
    "status",
    "urgent",
    "wants_woman",
    "deadline",
    "violation_codes",
    "organisation_id",
    "caseworker__email",
    "caseworker__full_name",
    "city__name_ru",
    "city__name_ky",
    "city__name_en",
    "country__name_ru",
    "country__name_ky",
    "country__name_en",
)


def queue_order(view: str) -> tuple[str, ...]:
    """The sort order of a queue view (what its keyset cursors encode)."""
    return DEADLINE_ORDER if view == "overdue" else QUEUE_ORDER


def case_queue(user: Any, *, view: str = "queue", today: dt.date | None = None) -> QuerySet[Case]:
    """The intake queue and its variants; urgent cases first, then the oldest.

    Only plain columns are read (no personal data), with the caseworker and
    city joined, so one page costs the same few queries whatever its size.
    """
    today = today or timezone.localdate()
    qs = cases_for_user(user).select_related("caseworker", "city", "country").only(*QUEUE_COLUMNS)
    if view == "queue":
        qs = qs.exclude(status=Case.Status.CLOSED)
    elif view == "mine":
        qs = qs.filter(caseworker=user).exclude(status=Case.Status.CLOSED)
    elif view == "overdue":
        # Longest overdue first, read in the order of the (organisation, deadline) index.
        return qs.exclude(status=Case.Status.CLOSED).filter(deadline__lt=today).order_by(*DEADLINE_ORDER)
    elif view == "closed":
        qs = qs.filter(status=Case.Status.CLOSED)
    return qs.order_by(*QUEUE_ORDER)


def incoming_referrals(user: Any) -> QuerySet[Referral]:
    org_ids = handling_organisation_ids(user)
    return (
        Referral.objects.filter(to_organisation_id__in=org_ids, status=Referral.Status.PENDING)
        .select_related("case", "case__city", "case__country", "from_organisation", "to_organisation")
        .order_by("-case__urgent", "created_at")
    )


def get_incoming_referral_for_user(user: Any, pk: int) -> Referral:
    referral = incoming_referrals(user).filter(pk=pk).first()
    if referral is None:
        raise Http404(NOT_FOUND)
    return referral


def possible_duplicates(case: Case, user: Any) -> tuple[list[Case], int]:
    """Cases with the same phone or passport blind index: those the user may open, and a count elsewhere."""
    indexes = {"phone_bidx": case.phone_bidx, "passport_bidx": case.passport_bidx}
    matches = Case.objects.none()
    for name, value in indexes.items():
        if value:
            matches = matches | Case.objects.filter(**{name: value})
    matches = matches.exclude(pk=case.pk).distinct()
    if not (case.phone_bidx or case.passport_bidx):
        return [], 0
    org_ids = handling_organisation_ids(user)
    visible = list(
        matches.filter(organisation_id__in=org_ids).only("id", "reference", "status", "received_at")
    )
    elsewhere = matches.exclude(organisation_id__in=org_ids).count()
    return visible, elsewhere


# --- statistics -------------------------------------------------------------------


def appeal_statistics(
    *,
    public: bool = True,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    organisation_ids: list[int] | None = None,
) -> dict[str, Any]:
    """Appeals counted by violation type × country × city × month × gender, outcomes, wages recovered.

    For the analytics and findings apps and the public statistics page.
    Rows carry codes and ids, never personal data. With ``public=True``
    every count below :data:`SMALL_COUNT` is replaced by ``None`` (with
    ``suppressed=True``) and amounts recovered by fewer than that many cases
    are hidden too, so no single migrant can be picked out.
    """
    cases = Case.objects.all()
    if date_from:
        cases = cases.filter(received_at__date__gte=date_from)
    if date_to:
        cases = cases.filter(received_at__date__lte=date_to)
    if organisation_ids is not None:
        cases = cases.filter(organisation_id__in=organisation_ids)

    grouped = (
        CaseViolation.objects.filter(case__in=cases.values("pk"))
        .annotate(month=TruncMonth("case__received_at"))
        .values("code", "case__country__code", "case__city__code", "month", "case__gender")
        .annotate(n=Count("case_id", distinct=True))
        .order_by("code", "case__country__code", "case__city__code", "month", "case__gender")
    )
    rows = []
    for g in grouped:
        month = g["month"]
        rows.append(
            {
                "violation": g["code"],
                "country": g["case__country__code"] or "",
                "city": g["case__city__code"] or "",
                "month": month.strftime("%Y-%m") if month else "",
                "gender": g["case__gender"],
                "count": g["n"],
            }
        )
    outcomes = [
        {"outcome": o["outcome"], "count": o["n"]}
        for o in cases.filter(status=Case.Status.CLOSED)
        .values("outcome")
        .annotate(n=Count("id"))
        .order_by("outcome")
    ]
    wages = [
        {"currency": w["recovered_currency"], "cases": w["n"], "amount": w["total"] or Decimal(0)}
        for w in cases.filter(outcome=Case.Outcome.WAGES_RECOVERED)
        .values("recovered_currency")
        .annotate(n=Count("id"), total=Sum("amount_recovered"))
        .order_by("recovered_currency")
    ]
    total = cases.count()
    if public:
        for row in rows + outcomes:
            row["suppressed"] = row["count"] < SMALL_COUNT
            if row["suppressed"]:
                row["count"] = None
        for w in wages:
            w["suppressed"] = w["cases"] < SMALL_COUNT
            if w["suppressed"]:
                w["cases"] = None
                w["amount"] = None
        if total < SMALL_COUNT:
            total = None
    return {
        "rows": rows,
        "outcomes": outcomes,
        "wages_recovered": wages,
        "total": total,
        "suppression_threshold": SMALL_COUNT if public else 0,
    }


def statistics_by_violation(stats: dict[str, Any]) -> list[dict[str, Any]]:
    """Totals per violation type, from the unsuppressed rows only (what may be shown)."""
    totals: dict[str, int] = defaultdict(int)
    for row in stats["rows"]:
        if row["count"] is not None:
            totals[row["violation"]] += row["count"]
    return [{"violation": code, "count": n} for code, n in sorted(totals.items(), key=lambda kv: -kv[1])]
