"""The figures the report needs, read from whichever sources exist.

Submissions, documents, coded passages, indicators and questionnaires belong
to other apps; each is looked up lazily and skipped while its app has no such
model, so the report works before and after they land. Every count is one
GROUP BY query.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Count, Model

from kozomol.campaigns.models import Campaign, TargetGroup
from kozomol.lib.translated import pick
from kozomol.places.models import Location

REJECTED_STATUS = "rejected"


def model_or_none(app_label: str, model_name: str) -> type[Model] | None:
    try:
        return apps.get_model(app_label, model_name)
    except LookupError:
        return None


def has_field(model: type[Model], name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


@dataclass
class InterviewCounts:
    """Interviews (submissions) and documents (transcripts, case stories) of a campaign."""

    by_group: list[tuple[TargetGroup, int, int]] = field(
        default_factory=list
    )  # group, submissions, documents
    by_country: list[tuple[str, int]] = field(default_factory=list)  # country name, submissions
    by_city: list[tuple[str, int]] = field(default_factory=list)
    total_submissions: int = 0
    total_documents: int = 0
    unassigned_submissions: int = 0
    submissions_available: bool = False
    documents_available: bool = False


def _campaign_filter(model: type[Model], campaign: Campaign) -> dict[str, Any] | None:
    if has_field(model, "campaign"):
        return {"campaign": campaign}
    if has_field(model, "form"):
        return {"form__campaign": campaign}
    return None


def interview_counts(campaign: Campaign, lang: str) -> InterviewCounts:
    counts = InterviewCounts()
    groups = list(campaign.target_groups.order_by("position", "code"))
    by_group_sub: dict[int | None, int] = {}
    by_group_doc: dict[int | None, int] = {}
    submission = model_or_none("submissions", "Submission")
    if submission is not None:
        where = _campaign_filter(submission, campaign)
        if where is not None:
            counts.submissions_available = True
            qs = submission._default_manager.filter(**where)
            if has_field(submission, "status"):
                # Rejected interviews are not counted (the reviewer found them unusable).
                qs = qs.exclude(status=REJECTED_STATUS)
            fields = [
                f
                for f in ("target_group_id", "country_code", "city_id")
                if has_field(submission, f.removesuffix("_id"))
            ]
            # One pass over the campaign's rows: every breakdown is summed from this.
            rows = list(qs.order_by().values_list(*fields).annotate(n=Count("pk"))) if fields else []
            counts.total_submissions = sum(r[-1] for r in rows) if fields else qs.count()
            by_country: dict[str, int] = {}
            by_city: dict[int | None, int] = {}
            for row in rows:
                values = dict(zip(fields, row[:-1], strict=True))
                n = row[-1]
                if "target_group_id" in values:
                    by_group_sub[values["target_group_id"]] = (
                        by_group_sub.get(values["target_group_id"], 0) + n
                    )
                if "country_code" in values:
                    by_country[values["country_code"] or ""] = (
                        by_country.get(values["country_code"] or "", 0) + n
                    )
                if "city_id" in values:
                    by_city[values["city_id"]] = by_city.get(values["city_id"], 0) + n
            if "country_code" in fields:
                names = {loc.code: pick(loc, "name", lang) for loc in Location.objects.filter(kind="country")}
                counts.by_country = sorted(
                    ((names.get(code, code or "—"), n) for code, n in by_country.items()),
                    key=lambda r: (-r[1], r[0]),
                )
            if "city_id" in fields:
                names_by_id = {
                    loc.pk: pick(loc, "name", lang)
                    for loc in Location.objects.filter(pk__in=[pk for pk in by_city if pk])
                }
                counts.by_city = sorted(
                    ((names_by_id.get(pk, "—"), n) for pk, n in by_city.items()), key=lambda r: (-r[1], r[0])
                )
    document = model_or_none("coding", "Document")
    if document is not None:
        where = _campaign_filter(document, campaign)
        if where is not None:
            counts.documents_available = True
            qs = document._default_manager.filter(**where)
            if has_field(document, "target_group"):
                by_group_doc = dict(qs.order_by().values_list("target_group_id").annotate(n=Count("pk")))
                counts.total_documents = sum(by_group_doc.values())
            else:
                counts.total_documents = qs.count()
    counts.by_group = [(g, by_group_sub.get(g.pk, 0), by_group_doc.get(g.pk, 0)) for g in groups]
    known = {g.pk for g in groups}
    counts.unassigned_submissions = sum(n for pk, n in by_group_sub.items() if pk not in known)
    return counts


def passages_by_theme(campaign: Campaign) -> OrderedDict[str, int] | None:
    """Coded passages per top-level theme identifier, or None without the coding app."""
    passage = model_or_none("coding", "CodedPassage")
    if passage is None or not has_field(passage, "code"):
        return None
    code_model = passage._meta.get_field("code").related_model
    if code_model is None or not has_field(code_model, "identifier"):  # type: ignore[arg-type]
        return None
    qs = passage._default_manager.all()
    if has_field(passage, "document") and has_field(
        passage._meta.get_field("document").related_model, "campaign"
    ):  # type: ignore[arg-type]
        qs = qs.filter(document__campaign=campaign)
    elif has_field(passage, "campaign"):
        qs = qs.filter(campaign=campaign)
    else:
        return None
    result: OrderedDict[str, int] = OrderedDict()
    rows = qs.order_by().values_list("code__identifier").annotate(n=Count("pk"))
    for identifier, n in rows:
        theme = str(identifier or "").split(".", 1)[0].upper()
        result[theme] = result.get(theme, 0) + n
    return result


def indicator_rows(campaign: Campaign, lang: str) -> list[tuple[str, str]]:
    """(name, value) of the analytics indicators of the campaign, when that app has them."""
    indicator = model_or_none("analytics", "Indicator")
    if indicator is None:
        return []
    where = _campaign_filter(indicator, campaign)
    if where is None:
        return []
    rows = []
    for obj in indicator._default_manager.filter(**where).order_by("pk")[:200]:
        name = next(
            (pick(obj, base, lang) for base in ("title", "name", "label") if hasattr(obj, f"{base}_ru")),
            str(obj),
        )
        value = ""
        for attr in ("value", "current_value", "result", "formula", "definition"):
            v = getattr(obj, attr, None)
            if v not in (None, "") and not isinstance(v, (dict, list)):
                value = str(v)
                break
        rows.append((name, value))
    return rows


def frozen_charts(campaign: Campaign) -> list[tuple[str, str]]:
    """(title, summary) of the analytics charts saved for the campaign (their figures are already suppressed)."""
    chart = model_or_none("analytics", "Chart")
    if chart is None or not has_field(chart, "campaign"):
        return []
    rows = []
    for obj in chart._default_manager.filter(campaign=campaign).order_by("pk")[:100]:
        summary = getattr(obj, "summary", "")
        rows.append((str(getattr(obj, "title", "") or obj), str(summary or "")))
    return rows


def questionnaires(campaign: Campaign, lang: str) -> list[tuple[str, str]]:
    """(title, target group) of the campaign's questionnaires, when that app has them."""
    form = model_or_none("questionnaires", "Form")
    if form is None:
        return []
    where = _campaign_filter(form, campaign)
    if where is None:
        return []
    rows = []
    related = ["target_group"] if has_field(form, "target_group") else []
    for obj in form._default_manager.filter(**where).select_related(*related).order_by("pk"):
        title = (
            pick(obj, "title", lang) if hasattr(obj, "title_ru") else str(getattr(obj, "title", "") or obj)
        )
        group = getattr(obj, "target_group", None)
        rows.append((title, pick(group, "name", lang) if group is not None else ""))
    return rows
