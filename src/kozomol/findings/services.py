"""Every change to findings, evidence, statistics, recommendations and follow-up. Each writes the audit log."""

from __future__ import annotations

import csv
import datetime as dt
import decimal
import io
from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.audit.models import AuditEntry
from kozomol.audit.services import (
    audit_create,
    audit_delete,
    audit_record,
    audit_update,
    snapshot,
    stored_snapshot,
)
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
from kozomol.places.models import Location

STATEMENT_REQUIRED_ERROR = gettext_noop("Write the statement in Russian at least.")
TEXT_REQUIRED_ERROR = gettext_noop("Write the recommendation in Russian at least.")
BAD_TRANSITION_ERROR = gettext_noop("A finding in state “%(state)s” cannot move to “%(target)s”.")
APPROVE_PERMISSION_ERROR = gettext_noop("Only a coordinator may approve a finding.")
SOURCE_MISSING_ERROR = gettext_noop(
    "This kind of evidence is not available yet: its source (%(model)s) is not installed."
)
SOURCE_OBJECT_MISSING_ERROR = gettext_noop("No %(model)s with id %(pk)s in this campaign.")
QUOTE_TEXT_ERROR = gettext_noop("A quote needs its text.")
CASE_SUMMARY_ERROR = gettext_noop(
    "Write an anonymised summary of the case story: nothing is copied from the case."
)
SERIES_MISSING_ERROR = gettext_noop("No official statistics in series “%(series)s” in this campaign.")
FOREIGN_FINDING_ERROR = gettext_noop("Finding %(pk)s belongs to another campaign.")
NO_PREVIOUS_ERROR = gettext_noop("This campaign has no previous cycle to inherit recommendations from.")
CSV_HEADER_ERROR = gettext_noop("The CSV file lacks the column(s): %(columns)s.")
CSV_ROW_ERROR = gettext_noop("Row %(row)s, column “%(column)s”: %(message)s")
CSV_EMPTY_ERROR = gettext_noop("The CSV file has no rows.")

# Where the other apps' evidence lives: kind -> (app_label, model_name). Looked up
# lazily so a finding works before and after the app lands.
EVIDENCE_SOURCES: dict[str, tuple[str, str]] = {
    Evidence.Kind.PASSAGE: ("coding", "CodedPassage"),
    Evidence.Kind.INDICATOR: ("analytics", "Indicator"),
    Evidence.Kind.CHART: ("analytics", "Chart"),
    Evidence.Kind.CASE: ("cases", "Case"),
}

# draft -> reviewed -> approved; back to draft from either (an edit of an approved
# finding sends it back for review).
TRANSITIONS: dict[str, set[str]] = {
    Finding.State.DRAFT: {Finding.State.REVIEWED, Finding.State.APPROVED},
    Finding.State.REVIEWED: {Finding.State.APPROVED, Finding.State.DRAFT},
    Finding.State.APPROVED: {Finding.State.DRAFT, Finding.State.REVIEWED},
}


def source_model(kind: str) -> Any | None:
    """The model holding evidence of ``kind``, or None while its app has no such model."""
    spec = EVIDENCE_SOURCES.get(kind)
    if spec is None:
        return None
    try:
        return apps.get_model(*spec)
    except LookupError:
        return None


def available_evidence_kinds() -> list[str]:
    kinds = [Evidence.Kind.QUOTE, Evidence.Kind.OFFICIAL]
    kinds += [kind for kind in EVIDENCE_SOURCES if source_model(kind) is not None]
    if _appeals_statistics_function() is not None:
        kinds.append(Evidence.Kind.APPEALS)
    return kinds


def _appeals_statistics_function() -> Any | None:
    try:
        from kozomol.cases import selectors  # type: ignore[attr-defined]
    except ImportError:
        return None
    for name in ("appeal_statistics", "appeals_statistics", "statistics", "case_statistics"):
        fn = getattr(selectors, name, None)
        if callable(fn):
            return fn
    return None


def _clean_translations(fields: dict[str, Any], base: str, error: str) -> None:
    for lang in ("ru", "ky", "en"):
        key = f"{base}_{lang}"
        if key in fields and fields[key] is not None:
            fields[key] = str(fields[key]).strip()
    if not fields.get(f"{base}_ru"):
        raise ValidationError({f"{base}_ru": _(error)})


# --- findings ----------------------------------------------------------------


@transaction.atomic
def finding_create(
    *,
    actor: Any,
    campaign: Campaign,
    theme: Theme,
    statement_ru: str,
    statement_ky: str = "",
    statement_en: str = "",
    country: Location | None = None,
    standards: Iterable[Standard] = (),
    position: int | None = None,
) -> Finding:
    fields: dict[str, Any] = {
        "statement_ru": statement_ru,
        "statement_ky": statement_ky,
        "statement_en": statement_en,
    }
    _clean_translations(fields, "statement", STATEMENT_REQUIRED_ERROR)
    if position is None:
        position = Finding.objects.filter(campaign=campaign).count() + 1
    finding = Finding(
        campaign=campaign,
        theme=theme,
        country=country,
        position=position,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    finding.full_clean()
    finding.save()
    finding.standards.set(standards)
    audit_create(actor, finding)
    return finding


@transaction.atomic
def finding_update(
    *, actor: Any, finding: Finding, standards: Iterable[Standard] | None = None, **fields: Any
) -> Finding:
    allowed = {"theme", "country", "statement_ru", "statement_ky", "statement_en", "position"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"finding_update: unknown fields {sorted(unknown)}")
    before = stored_snapshot(finding)
    merged = {"statement_ru": finding.statement_ru, **fields}
    _clean_translations(merged, "statement", STATEMENT_REQUIRED_ERROR)
    for name, value in merged.items():
        setattr(finding, name, value)
    changed_text = any(
        before.get(k) != getattr(finding, k) for k in ("statement_ru", "statement_ky", "statement_en")
    )
    if changed_text and finding.state == Finding.State.APPROVED:
        # An approved text that changes needs approval again.
        finding.state = Finding.State.REVIEWED
        finding.approved_by = None
    finding.updated_at = timezone.now()
    finding.full_clean()
    finding.save()
    if standards is not None:
        finding.standards.set(standards)
    audit_update(actor, finding, before)
    return finding


@transaction.atomic
def finding_transition(*, actor: Any, finding: Finding, target: str, may_approve: bool) -> Finding:
    """Move a finding to ``target``. ``may_approve`` is the caller's Perm.APPROVE_FINDINGS."""
    if target not in TRANSITIONS.get(finding.state, set()):
        raise ValidationError(
            _(BAD_TRANSITION_ERROR)
            % {
                "state": Finding.State(finding.state).label,
                "target": Finding.State(target).label,
            }
        )
    if target == Finding.State.APPROVED and not may_approve:
        raise ValidationError(_(APPROVE_PERMISSION_ERROR))
    before = snapshot(finding, ["state", "approved_by_id"])
    finding.state = target
    finding.approved_by = actor if target == Finding.State.APPROVED and getattr(actor, "pk", None) else None
    finding.updated_at = timezone.now()
    finding.save(update_fields=["state", "approved_by", "updated_at"])
    audit_update(actor, finding, before)
    return finding


@transaction.atomic
def finding_delete(*, actor: Any, finding: Finding) -> None:
    audit_delete(actor, finding)
    finding.delete()


# --- evidence -----------------------------------------------------------------


def _describe_source(kind: str, obj: Any) -> tuple[str, str, str]:
    """(text, source, value) snapshotted from another app's object, by duck typing."""
    text = ""
    for attr in ("summary", "text", "story", "narrative", "description", "statement"):
        value = getattr(obj, attr, None)
        if isinstance(value, str) and value.strip():
            text = value.strip()
            break
    if not text:
        text = str(obj)
    source = ""
    if kind == Evidence.Kind.PASSAGE:
        document = getattr(obj, "document", None)
        code = getattr(obj, "code", None)
        parts = [
            str(getattr(document, "title", "") or document or ""),
            str(getattr(code, "identifier", "") or ""),
        ]
        source = " · ".join(p for p in parts if p)
    else:
        for attr in ("name", "title", "label", "label_ru", "name_ru", "number", "reference"):
            value = getattr(obj, attr, None)
            if value:
                source = str(value)
                break
    value_text = ""
    for attr in ("value", "current_value", "result"):
        value = getattr(obj, attr, None)
        if isinstance(value, (int, float, decimal.Decimal, str)) and str(value):
            value_text = str(value)
            break
    return text[:5000], source[:300], value_text[:100]


def _object_campaign_id(obj: Any) -> int | None:
    for path in ("campaign_id", "document.campaign_id", "form.campaign_id"):
        node = obj
        for part in path.split("."):
            node = getattr(node, part, None)
            if node is None:
                break
        if node is not None:
            return int(node)
    return None


@transaction.atomic
def evidence_add(
    *,
    actor: Any,
    finding: Finding,
    kind: str,
    object_pk: str | int | None = None,
    text: str = "",
    source: str = "",
    value: str = "",
    official_series: str = "",
) -> Evidence:
    kind = Evidence.Kind(kind)
    evidence = Evidence(
        finding=finding,
        kind=kind,
        text=(text or "").strip(),
        source=(source or "").strip()[:300],
        value=(value or "").strip()[:100],
        position=finding.evidence.count() + 1,
    )
    if kind == Evidence.Kind.QUOTE:
        if not evidence.text:
            raise ValidationError({"text": _(QUOTE_TEXT_ERROR)})
    elif kind == Evidence.Kind.OFFICIAL:
        stats = list(OfficialStatistic.objects.filter(campaign=finding.campaign, series=official_series))
        if not stats:
            raise ValidationError({"official_series": _(SERIES_MISSING_ERROR) % {"series": official_series}})
        evidence.official_series = official_series
        evidence.text = evidence.text or stats[0].label_ru
        evidence.source = evidence.source or stats[0].source
        evidence.value = "; ".join(f"{s.period}: {s.value_display}" for s in stats)[:100]
    elif kind == Evidence.Kind.APPEALS:
        fn = _appeals_statistics_function()
        if fn is None:
            raise ValidationError({"kind": _(SOURCE_MISSING_ERROR) % {"model": "cases.selectors"}})
        evidence.app_label, evidence.model_name = "cases", "statistics"
        if not evidence.text:
            evidence.text = _summarise_appeals(fn, finding.campaign)
    elif kind == Evidence.Kind.CASE:
        _case_evidence(evidence, actor, object_pk)
    else:
        model = source_model(kind)
        spec = EVIDENCE_SOURCES[kind]
        if model is None:
            raise ValidationError({"kind": _(SOURCE_MISSING_ERROR) % {"model": ".".join(spec)}})
        obj = model._default_manager.filter(pk=object_pk).first() if object_pk not in (None, "") else None
        if obj is None or _object_campaign_id(obj) not in (None, finding.campaign_id):
            raise ValidationError(
                {"object_pk": _(SOURCE_OBJECT_MISSING_ERROR) % {"model": ".".join(spec), "pk": object_pk}}
            )
        evidence.app_label, evidence.model_name, evidence.object_pk = (
            model._meta.app_label,
            model.__name__,
            str(obj.pk),
        )
        snap_text, snap_source, snap_value = _describe_source(kind, obj)
        evidence.text = evidence.text or snap_text
        evidence.source = evidence.source or snap_source
        evidence.value = evidence.value or snap_value
    evidence.full_clean()
    evidence.save()
    audit_create(actor, evidence, campaign_id=finding.campaign_id)
    return evidence


def _case_evidence(evidence: Evidence, actor: Any, object_pk: Any) -> None:
    """A case story: the case must be visible to the actor; its text is the analyst's anonymised summary.

    Nothing is copied from the case itself, which holds personal data.
    """
    model = source_model(Evidence.Kind.CASE)
    if model is None:
        raise ValidationError({"kind": _(SOURCE_MISSING_ERROR) % {"model": "cases.Case"}})
    if not evidence.text:
        raise ValidationError({"text": _(CASE_SUMMARY_ERROR)})
    from django.core.exceptions import PermissionDenied
    from django.http import Http404

    try:
        from kozomol.cases.selectors import get_case_for_user  # type: ignore[attr-defined]

        case = get_case_for_user(actor, int(object_pk))
    except (ImportError, Http404, PermissionDenied, TypeError, ValueError) as exc:
        raise ValidationError(
            {"object_pk": _(SOURCE_OBJECT_MISSING_ERROR) % {"model": "cases.Case", "pk": object_pk}}
        ) from exc
    evidence.app_label, evidence.model_name, evidence.object_pk = "cases", "Case", str(case.pk)
    evidence.source = evidence.source or _("Case story")


def _summarise_appeals(fn: Any, campaign: Campaign) -> str:
    """Appeals received during the campaign's period, by violation (public figures: small counts suppressed)."""
    import inspect

    params = inspect.signature(fn).parameters
    kwargs: dict[str, Any] = {}
    if "public" in params:
        kwargs["public"] = True
    if "date_from" in params and "date_to" in params:
        kwargs.update(date_from=campaign.period_start, date_to=campaign.period_end)
    elif "campaign" in params:
        kwargs["campaign"] = campaign
    stats = fn(**kwargs)
    if not isinstance(stats, dict):
        return str(stats)[:5000]
    from kozomol.cases import selectors as case_selectors

    by_violation = getattr(case_selectors, "statistics_by_violation", None)
    parts = []
    if stats.get("total") is not None:
        parts.append(_("appeals in the period: %(n)s") % {"n": stats["total"]})
    else:
        parts.append(
            _("appeals in the period: fewer than %(n)s") % {"n": stats.get("suppression_threshold", "")}
        )
    if callable(by_violation):
        parts += [f"{row['violation']}: {row['count']}" for row in by_violation(stats)]
    return "; ".join(parts)[:5000]


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: Evidence) -> None:
    audit_delete(actor, evidence, campaign_id=evidence.finding.campaign_id)
    evidence.delete()


# --- official statistics ---------------------------------------------------------


@transaction.atomic
def official_statistic_create(*, actor: Any, campaign: Campaign, **fields: Any) -> OfficialStatistic:
    stat = OfficialStatistic(campaign=campaign, **fields)
    stat.full_clean()
    stat.save()
    audit_create(actor, stat)
    return stat


@transaction.atomic
def official_statistic_delete(*, actor: Any, statistic: OfficialStatistic) -> None:
    audit_delete(actor, statistic)
    statistic.delete()


CSV_COLUMNS = ["series", "label_ru", "value", "period", "source"]
CSV_OPTIONAL = ["label_ky", "label_en", "unit", "country", "theme", "source_url", "source_date", "is_context"]


@transaction.atomic
def official_statistics_import_csv(
    *, actor: Any, campaign: Campaign, data: bytes | str
) -> list[OfficialStatistic]:
    """All rows or none. Columns: series, label_ru, value, period, source (+ optional ones)."""
    text = data.decode("utf-8-sig") if isinstance(data, bytes) else data
    try:
        dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip() for h in (reader.fieldnames or [])]
    missing = [c for c in CSV_COLUMNS if c not in header]
    if missing:
        raise ValidationError(_(CSV_HEADER_ERROR) % {"columns": ", ".join(missing)})
    themes = {t.identifier: t for t in Theme.objects.all()}
    created: list[OfficialStatistic] = []
    errors: list[str] = []
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip(): (v or "").strip() for k, v in raw.items()}

        def fail(column: str, message: str, number: int = number) -> None:
            errors.append(_(CSV_ROW_ERROR) % {"row": number, "column": column, "message": message})

        try:
            value = decimal.Decimal(row["value"].replace(" ", "").replace(",", "."))
        except decimal.InvalidOperation:
            fail("value", _("not a number"))
            continue
        country = None
        if row.get("country"):
            country = Location.objects.filter(code=row["country"].upper(), kind=Location.Kind.COUNTRY).first()
            if country is None:
                fail("country", _("unknown country code"))
                continue
        theme = None
        if row.get("theme"):
            theme = themes.get(row["theme"].upper())
            if theme is None:
                fail("theme", _("unknown theme"))
                continue
        source_date = None
        if row.get("source_date"):
            try:
                source_date = dt.date.fromisoformat(row["source_date"])
            except ValueError:
                fail("source_date", _("use the form YYYY-MM-DD"))
                continue
        stat = OfficialStatistic(
            campaign=campaign,
            series=row["series"],
            label_ru=row["label_ru"],
            label_ky=row.get("label_ky", ""),
            label_en=row.get("label_en", ""),
            value=value,
            unit=row.get("unit", ""),
            period=row["period"],
            country=country,
            theme=theme,
            source=row["source"],
            source_url=row.get("source_url", ""),
            source_date=source_date,
            is_context=row.get("is_context", "").lower() in {"1", "yes", "true", "да"},
        )
        try:
            stat.full_clean()
        except ValidationError as exc:
            for field, messages in exc.message_dict.items():
                fail(field, " ".join(messages))
            continue
        created.append(stat)
    if errors:
        raise ValidationError(errors)
    if not created:
        raise ValidationError(_(CSV_EMPTY_ERROR))
    for stat in created:
        stat.save()
    audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        object_type="findings.officialstatistic",
        campaign_id=campaign.pk,
        message=f"imported {len(created)} official statistics from CSV",
    )
    return created


# --- recommendations ------------------------------------------------------------


def _check_findings(campaign: Campaign, findings: Iterable[Finding]) -> list[Finding]:
    result = list(findings)
    for finding in result:
        if finding.campaign_id != campaign.pk:
            raise ValidationError(_(FOREIGN_FINDING_ERROR) % {"pk": finding.pk})
    return result


@transaction.atomic
def recommendation_create(
    *,
    actor: Any,
    campaign: Campaign,
    addressee: Addressee,
    text_ru: str,
    text_ky: str = "",
    text_en: str = "",
    theme: Theme | None = None,
    priority: int = Recommendation.Priority.MEDIUM,
    findings: Iterable[Finding] = (),
    standards: Iterable[Standard] = (),
    position: int | None = None,
    status: str = FollowUp.Status.NOT_STARTED,
) -> Recommendation:
    fields: dict[str, Any] = {"text_ru": text_ru, "text_ky": text_ky, "text_en": text_en}
    _clean_translations(fields, "text", TEXT_REQUIRED_ERROR)
    linked = _check_findings(campaign, findings)
    if position is None:
        position = Recommendation.objects.filter(campaign=campaign, addressee=addressee).count() + 1
    rec = Recommendation(
        campaign=campaign,
        addressee=addressee,
        theme=theme,
        priority=priority,
        position=position,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )
    rec.full_clean()
    rec.save()
    rec.findings.set(linked)
    rec.standards.set(standards)
    FollowUp.objects.create(
        recommendation=rec,
        campaign=campaign,
        status=status,
        date=cycle_date(campaign),
        updated_by=rec.created_by,
    )
    audit_create(actor, rec)
    return rec


@transaction.atomic
def recommendation_update(
    *,
    actor: Any,
    recommendation: Recommendation,
    findings: Iterable[Finding] | None = None,
    standards: Iterable[Standard] | None = None,
    **fields: Any,
) -> Recommendation:
    allowed = {"addressee", "theme", "text_ru", "text_ky", "text_en", "priority", "position"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"recommendation_update: unknown fields {sorted(unknown)}")
    before = stored_snapshot(recommendation)
    merged = {"text_ru": recommendation.text_ru, **fields}
    _clean_translations(merged, "text", TEXT_REQUIRED_ERROR)
    for name, value in merged.items():
        setattr(recommendation, name, value)
    recommendation.full_clean()
    recommendation.save()
    if findings is not None:
        recommendation.findings.set(_check_findings(recommendation.campaign, findings))
    if standards is not None:
        recommendation.standards.set(standards)
    audit_update(actor, recommendation, before)
    return recommendation


@transaction.atomic
def recommendation_delete(*, actor: Any, recommendation: Recommendation) -> None:
    audit_delete(actor, recommendation)
    recommendation.delete()


def cycle_date(campaign: Campaign) -> dt.date:
    """The date a cycle's statuses are recorded at by default: the end of its period (not today: reports are reproducible)."""
    return campaign.period_end


@transaction.atomic
def followup_set(
    *,
    actor: Any,
    recommendation: Recommendation,
    status: str,
    evidence: str = "",
    date: dt.date | None = None,
) -> FollowUp:
    """Record the implementation status of ``recommendation`` in its campaign's cycle."""
    status = FollowUp.Status(status)
    campaign = recommendation.campaign
    follow_up = FollowUp.objects.filter(recommendation=recommendation, campaign=campaign).first()
    if follow_up is None:
        follow_up = FollowUp(
            recommendation=recommendation, campaign=campaign, date=date or cycle_date(campaign)
        )
        before = None
    else:
        before = stored_snapshot(follow_up)
    follow_up.status = status
    follow_up.evidence = (evidence or "").strip()
    follow_up.date = date or follow_up.date or cycle_date(campaign)
    follow_up.updated_by = actor if getattr(actor, "is_authenticated", False) else None
    follow_up.full_clean()
    follow_up.save()
    if before is None:
        audit_create(actor, follow_up, campaign_id=campaign.pk)
    else:
        audit_update(actor, follow_up, before, campaign_id=campaign.pk)
    return follow_up


def current_status(recommendation: Recommendation) -> str:
    follow_up = FollowUp.objects.filter(
        recommendation=recommendation, campaign=recommendation.campaign_id
    ).first()
    return follow_up.status if follow_up else FollowUp.Status.NOT_STARTED


@transaction.atomic
def recommendations_inherit(*, actor: Any, campaign: Campaign) -> list[Recommendation]:
    """Carry the open recommendations of ``campaign.previous`` into ``campaign`` (idempotent).

    A recommendation is open unless its last status is implemented or rejected.
    The copy starts with the status the previous cycle left it in, so the
    report of this cycle can show what changed.
    """
    previous = campaign.previous
    if previous is None:
        raise ValidationError(_(NO_PREVIOUS_ERROR))
    already = set(
        Recommendation.objects.filter(campaign=campaign, inherited_from__isnull=False).values_list(
            "inherited_from_id", flat=True
        )
    )
    statuses = dict(FollowUp.objects.filter(campaign=previous).values_list("recommendation_id", "status"))
    created: list[Recommendation] = []
    source = (
        Recommendation.objects.filter(campaign=previous)
        .select_related("addressee")
        .prefetch_related("standards")
        .order_by("addressee__position", "position", "pk")
    )
    for rec in source:
        status = statuses.get(rec.pk, FollowUp.Status.NOT_STARTED)
        if rec.pk in already or status in FollowUp.CLOSED:
            continue
        copy = Recommendation.objects.create(
            campaign=campaign,
            addressee=rec.addressee,
            theme=rec.theme,
            text_ru=rec.text_ru,
            text_ky=rec.text_ky,
            text_en=rec.text_en,
            priority=rec.priority,
            inherited_from=rec,
            position=rec.position,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        copy.standards.set(rec.standards.all())
        FollowUp.objects.create(
            recommendation=copy,
            campaign=campaign,
            status=status,
            date=cycle_date(campaign),
            evidence="",
            updated_by=copy.created_by,
        )
        created.append(copy)
    if created:
        audit_record(
            actor=actor,
            action=AuditEntry.Action.CREATE,
            object_type="findings.recommendation",
            campaign_id=campaign.pk,
            message=f"inherited {len(created)} open recommendations from {previous.slug}",
        )
    return created


@transaction.atomic
def addressee_create(
    *, actor: Any, code: str, name_ru: str, name_ky: str = "", name_en: str = "", position: int | None = None
) -> Addressee:
    if position is None:
        position = Addressee.objects.count()
    addressee = Addressee(
        code=code,
        name_ru=name_ru.strip(),
        name_ky=name_ky.strip(),
        name_en=name_en.strip(),
        position=position,
    )
    addressee.full_clean()
    addressee.save()
    audit_create(actor, addressee)
    return addressee
