"""Reads of findings, recommendations and follow-up, shared by the pages and the report."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, QuerySet

from kozomol.campaigns.models import Campaign
from kozomol.findings.models import (
    Addressee,
    Evidence,
    Finding,
    FollowUp,
    OfficialStatistic,
    Recommendation,
    Standard,
    Theme,
)


def findings_for_campaign(campaign: Campaign, *, approved_only: bool = False) -> QuerySet[Finding]:
    qs = (
        Finding.objects.filter(campaign=campaign)
        .select_related("theme", "country")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.order_by("position", "pk")), "standards"
        )
        .order_by("theme__position", "country__code", "position", "pk")
    )
    if approved_only:
        qs = qs.filter(state=Finding.State.APPROVED)
    return qs


def recommendations_for_campaign(campaign: Campaign) -> QuerySet[Recommendation]:
    return (
        Recommendation.objects.filter(campaign=campaign)
        .select_related("addressee", "theme", "inherited_from")
        .prefetch_related("standards", "findings", "follow_ups")
        .order_by("addressee__position", "addressee__code", "position", "pk")
    )


def status_of(rec: Recommendation, campaign_id: int | None = None) -> FollowUp | None:
    """The follow-up of ``rec`` in a cycle (its own by default), from the prefetched rows."""
    wanted = campaign_id or rec.campaign_id
    for follow_up in rec.follow_ups.all():
        if follow_up.campaign_id == wanted:
            return follow_up
    return None


def recommendations_by_addressee(campaign: Campaign) -> list[tuple[Addressee, list[Recommendation]]]:
    groups: OrderedDict[int, tuple[Addressee, list[Recommendation]]] = OrderedDict()
    for rec in recommendations_for_campaign(campaign):
        groups.setdefault(rec.addressee_id, (rec.addressee, []))[1].append(rec)
    return list(groups.values())


@dataclass
class FollowUpChange:
    recommendation: Recommendation  # this cycle's copy
    before: str  # status value in the previous cycle
    after: str
    evidence: str
    date: Any

    @property
    def changed(self) -> bool:
        return self.before != self.after

    @property
    def before_label(self) -> str:
        return str(FollowUp.Status(self.before).label)

    @property
    def after_label(self) -> str:
        return str(FollowUp.Status(self.after).label)


def follow_up_changes(campaign: Campaign) -> list[FollowUpChange]:
    """For each recommendation carried over from the previous cycle: its status then and now."""
    inherited = [r for r in recommendations_for_campaign(campaign) if r.inherited_from_id]
    if not inherited:
        return []
    previous_status = dict(
        FollowUp.objects.filter(recommendation_id__in=[r.inherited_from_id for r in inherited]).values_list(
            "recommendation_id", "status"
        )
    )
    changes = []
    for rec in inherited:
        now = status_of(rec)
        changes.append(
            FollowUpChange(
                recommendation=rec,
                before=previous_status.get(rec.inherited_from_id, FollowUp.Status.NOT_STARTED),
                after=now.status if now else FollowUp.Status.NOT_STARTED,
                evidence=now.evidence if now else "",
                date=now.date if now else None,
            )
        )
    return changes


def closed_in_previous(campaign: Campaign) -> list[tuple[Recommendation, FollowUp]]:
    """Recommendations of the previous cycle that were closed there (not carried over)."""
    if campaign.previous_id is None:
        return []
    rows = (
        FollowUp.objects.filter(campaign_id=campaign.previous_id, status__in=FollowUp.CLOSED)
        .select_related("recommendation", "recommendation__addressee")
        .order_by("recommendation__addressee__position", "recommendation__position", "recommendation_id")
    )
    return [(f.recommendation, f) for f in rows]


def official_statistics(campaign: Campaign) -> QuerySet[OfficialStatistic]:
    return (
        OfficialStatistic.objects.filter(campaign=campaign)
        .select_related("country", "theme")
        .order_by("series", "period", "pk")
    )


def official_series(campaign: Campaign) -> dict[str, list[OfficialStatistic]]:
    series: dict[str, list[OfficialStatistic]] = OrderedDict()
    for stat in official_statistics(campaign):
        series.setdefault(stat.series, []).append(stat)
    return series


@dataclass
class ArticleGroup:
    standard: Standard
    findings: list[Finding] = field(default_factory=list)
    recommendations: list[Recommendation] = field(default_factory=list)


def treaty_view(campaign: Campaign, *, approved_only: bool = False) -> list[ArticleGroup]:
    """Findings and recommendations grouped by the article of the standard they rest on."""
    groups: OrderedDict[int, ArticleGroup] = OrderedDict(
        (s.pk, ArticleGroup(standard=s))
        for s in Standard.objects.order_by("position", "instrument", "article")
    )
    for finding in findings_for_campaign(campaign, approved_only=approved_only):
        for standard in finding.standards.all():
            groups[standard.pk].findings.append(finding)
    for rec in recommendations_for_campaign(campaign):
        for standard in rec.standards.all():
            groups[standard.pk].recommendations.append(rec)
    return [g for g in groups.values() if g.findings or g.recommendations]


def themes() -> list[Theme]:
    return list(Theme.objects.order_by("position", "identifier"))


def untranslated(campaign: Campaign, lang: str) -> list[tuple[str, str]]:
    """Content of the campaign lacking a translation into ``lang`` (shown to the editor): (kind, Russian text)."""
    if lang == "ru":
        return []
    missing: list[tuple[str, str]] = []
    for finding in Finding.objects.filter(campaign=campaign).order_by("theme__position", "position", "pk"):
        if not getattr(finding, f"statement_{lang}"):
            missing.append(("finding", finding.statement_ru))
    for rec in Recommendation.objects.filter(campaign=campaign).order_by(
        "addressee__position", "position", "pk"
    ):
        if not getattr(rec, f"text_{lang}"):
            missing.append(("recommendation", rec.text_ru))
    for stat in OfficialStatistic.objects.filter(campaign=campaign).order_by("series", "period", "pk"):
        if not getattr(stat, f"label_{lang}"):
            missing.append(("statistic", stat.label_ru))
    return missing
