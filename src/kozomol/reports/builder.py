"""The monitoring report as data: sections of blocks in the structure of the 2013 report.

The renderers (HTML, DOCX, PDF) only lay these blocks out, so the three
outputs say the same thing. Nothing here reads the clock: dates come from the
campaign, orderings are total, so the same data gives the same text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.accounts.models import Organisation
from kozomol.campaigns.models import Campaign
from kozomol.findings import selectors as findings_selectors
from kozomol.findings.models import (
    CONSULAR_THEME,
    Evidence,
    Finding,
    FollowUp,
    OfficialStatistic,
    Recommendation,
)
from kozomol.lib import charts
from kozomol.lib.translated import CONTENT_LANGUAGES, FALLBACK_LANGUAGE
from kozomol.reports import selectors

# Section keys in the order of the report; tests read the titles through these.
SECTION_TITLES: list[tuple[str, str]] = [
    ("introduction", gettext_noop("Introduction")),
    ("goals", gettext_noop("Goals of the monitoring")),
    ("tasks", gettext_noop("Tasks of the monitoring")),
    ("method", gettext_noop("Method")),
    ("findings", gettext_noop("General findings")),
    ("consular", gettext_noop("The work of the consular institutions")),
    ("recommendations", gettext_noop("Recommendations")),
    ("follow_up", gettext_noop("Follow-up of the previous recommendations")),
    ("annexes", gettext_noop("Annexes")),
]
CONTENTS_TITLE = gettext_noop("Contents")


# --- blocks -----------------------------------------------------------------------------------


@dataclass
class Heading:
    text: str
    level: int = 2  # 1 is a section


@dataclass
class Paragraph:
    text: str
    style: str = ""  # "", "lead", "muted"


@dataclass
class Bullets:
    items: list[str]
    numbered: bool = False


@dataclass
class Quote:
    text: str
    source: str = ""


@dataclass
class Table:
    number: int
    caption: str
    header: list[str]
    rows: list[list[str]]


@dataclass
class Figure:
    number: int
    caption: str
    svg: str
    _png: bytes | None = field(default=None, repr=False)

    @property
    def png(self) -> bytes:
        if self._png is None:
            self._png = charts.svg_to_png(self.svg, scale=2.0)
        return self._png


@dataclass
class RecommendationItem:
    text: str
    standards: str = ""
    status: str = ""
    theme: str = ""


Block = Heading | Paragraph | Bullets | Quote | Table | Figure | RecommendationItem


@dataclass
class Section:
    key: str
    number: int
    title: str
    blocks: list[Block] = field(default_factory=list)

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.title}"


@dataclass
class Report:
    campaign_slug: str
    lang: str
    title: str
    organisation: str
    place_year: str
    period: str
    sections: list[Section]
    contents_title: str
    untranslated: list[tuple[str, str]] = field(default_factory=list)

    @property
    def contents(self) -> list[str]:
        return [s.heading for s in self.sections]

    def figures(self) -> list[Figure]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Figure)]

    def tables(self) -> list[Table]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, Table)]


class _Numbers:
    def __init__(self) -> None:
        self.table = 0
        self.figure = 0

    def next_table(self) -> int:
        self.table += 1
        return self.table

    def next_figure(self) -> int:
        self.figure += 1
        return self.figure


class _Content:
    """Picks translated content with the Russian fallback, noting what fell back."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.missing: list[tuple[str, str]] = []

    def __call__(self, obj: Any, name: str, kind: str = "") -> str:
        value = str(getattr(obj, f"{name}_{self.lang}", "") or "")
        if value:
            return value
        fallback = str(getattr(obj, f"{name}_{FALLBACK_LANGUAGE}", "") or "")
        if fallback and self.lang != FALLBACK_LANGUAGE and kind:
            self.missing.append((kind, fallback))
        return fallback


def _int(n: int) -> str:
    return f"{n:,}".replace(",", "\u00a0")


# --- the report ---------------------------------------------------------------------------------


def build_report(campaign: Campaign, lang: str = "ru") -> Report:
    if lang not in CONTENT_LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; use one of {', '.join(CONTENT_LANGUAGES)}")
    with translation.override(lang):
        return _build(campaign, lang)


def _build(campaign: Campaign, lang: str) -> Report:
    content = _Content(lang)
    numbers = _Numbers()
    lead = (
        Organisation.objects.filter(participations__campaign=campaign, participations__is_lead=True)
        .select_related("city")
        .order_by("pk")
        .first()
    )
    findings = list(findings_selectors.findings_for_campaign(campaign, approved_only=True))
    series = findings_selectors.official_series(campaign)
    sections: list[Section] = []

    def section(key: str) -> Section:
        title = _(dict(SECTION_TITLES)[key])
        sec = Section(key=key, number=len(sections) + 1, title=title)
        sections.append(sec)
        return sec

    # Introduction with context figures.
    intro = section("introduction")
    intro.blocks.append(
        Paragraph(
            _(
                "This report presents the results of the monitoring “%(title)s” carried out from %(start)s to %(end)s."
            )
            % {
                "title": campaign.title,
                "start": campaign.period_start.strftime("%d.%m.%Y"),
                "end": campaign.period_end.strftime("%d.%m.%Y"),
            },
            style="lead",
        )
    )
    context = [s for stats in series.values() for s in stats if s.is_context]
    if context:
        intro.blocks.append(Paragraph(_("Context figures from official sources:")))
        intro.blocks.append(Bullets([_stat_sentence(s, content) for s in context]))
        intro.blocks.append(_stats_table(numbers, _("Context figures"), context, content))

    goals = section("goals")
    goals.blocks.extend(Paragraph(p.strip()) for p in campaign.goals.splitlines() if p.strip())

    tasks = section("tasks")
    tasks.blocks.append(Bullets(campaign.task_list, numbered=True))

    # Method: target groups and interview counts computed from the data.
    method = section("method")
    method.blocks.extend(Paragraph(p.strip()) for p in campaign.method.splitlines() if p.strip())
    counts = selectors.interview_counts(campaign, lang)
    method.blocks.append(Heading(_("Target groups")))
    method.blocks.append(Bullets([content(g, "name") for g, _s, _d in counts.by_group]))
    method.blocks.append(Heading(_("Interviews")))
    method.blocks.append(
        Paragraph(
            _(
                "In total %(submissions)s interviews and %(documents)s documents (transcripts and case stories) were collected."
            )
            % {"submissions": _int(counts.total_submissions), "documents": _int(counts.total_documents)}
        )
    )
    method.blocks.append(
        Table(
            number=numbers.next_table(),
            caption=_("Interviews by target group"),
            header=[_("Target group"), _("Interviews"), _("Documents")],
            rows=[[content(g, "name"), _int(s), _int(d)] for g, s, d in counts.by_group]
            + [[_("Total"), _int(counts.total_submissions), _int(counts.total_documents)]],
        )
    )
    method.blocks.append(
        Figure(
            number=numbers.next_figure(),
            caption=_("Interviews by target group"),
            svg=charts.bar_chart(
                [content(g, "name") for g, _s, _d in counts.by_group],
                [float(s) for _g, s, _d in counts.by_group],
                unit="",
                width=640,
            ),
        )
    )
    if counts.by_country:
        method.blocks.append(
            Table(
                number=numbers.next_table(),
                caption=_("Interviews by country"),
                header=[_("Country"), _("Interviews")],
                rows=[[name, _int(n)] for name, n in counts.by_country],
            )
        )
    if counts.by_city:
        method.blocks.append(
            Table(
                number=numbers.next_table(),
                caption=_("Interviews by city"),
                header=[_("City"), _("Interviews")],
                rows=[[name, _int(n)] for name, n in counts.by_city],
            )
        )

    # General findings by theme, then the consular institutions.
    general = section("findings")
    passages = selectors.passages_by_theme(campaign)
    themes = findings_selectors.themes()
    if passages:
        labelled = [(content(t, "label"), passages.get(t.identifier, 0)) for t in themes]
        general.blocks.append(Paragraph(_("Coded passages of interviews and case stories by theme:")))
        general.blocks.append(
            Figure(
                number=numbers.next_figure(),
                caption=_("Coded passages by theme"),
                svg=charts.bar_chart(
                    [name for name, _n in labelled], [float(n) for _name, n in labelled], unit=""
                ),
            )
        )
    for theme in themes:
        if theme.identifier == CONSULAR_THEME:
            continue
        theme_findings = [f for f in findings if f.theme_id == theme.pk]
        if not theme_findings:
            continue
        general.blocks.append(Heading(content(theme, "label")))
        _findings_blocks(general.blocks, theme_findings, series, numbers, content)

    consular = section("consular")
    consular_findings = [f for f in findings if f.theme.identifier == CONSULAR_THEME]
    if consular_findings:
        _findings_blocks(consular.blocks, consular_findings, series, numbers, content)
    else:
        consular.blocks.append(Paragraph(_("No approved findings on this theme yet."), style="muted"))
    missions = list(
        Organisation.objects.filter(
            participations__campaign=campaign, kind=Organisation.Kind.CONSULAR
        ).order_by("name_ru", "pk")
    )
    if missions:
        consular.blocks.append(Paragraph(_("Consular institutions covered by the monitoring:")))
        consular.blocks.append(Bullets([content(o, "name") for o in missions]))

    # Recommendations grouped by addressee.
    recs = section("recommendations")
    groups = findings_selectors.recommendations_by_addressee(campaign)
    if not groups:
        recs.blocks.append(Paragraph(_("No recommendations yet."), style="muted"))
    for addressee, items in groups:
        recs.blocks.append(Heading(content(addressee, "name")))
        for rec in items:
            follow_up = findings_selectors.status_of(rec)
            recs.blocks.append(
                RecommendationItem(
                    text=content(rec, "text", "recommendation"),
                    standards="; ".join(s.reference for s in rec.standards.all()),
                    status=follow_up.get_status_display() if follow_up else "",
                    theme=content(rec.theme, "label") if rec.theme else "",
                )
            )

    # What changed since the previous cycle.
    if campaign.previous_id:
        follow = section("follow_up")
        changes = findings_selectors.follow_up_changes(campaign)
        closed = findings_selectors.closed_in_previous(campaign)
        changed = [c for c in changes if c.changed]
        follow.blocks.append(
            Paragraph(
                _(
                    "%(carried)s recommendations of the previous cycle (%(previous)s) were still open and were carried "
                    "over; the status of %(changed)s of them changed in this cycle. %(closed)s were closed in the previous cycle."
                )
                % {
                    "carried": len(changes),
                    "previous": campaign.previous.title if campaign.previous else "",
                    "changed": len(changed),
                    "closed": len(closed),
                }
            )
        )
        if changes:
            follow.blocks.append(
                Table(
                    number=numbers.next_table(),
                    caption=_("Implementation of the previous recommendations"),
                    header=[
                        _("Recommendation"),
                        _("Addressee"),
                        _("Previous cycle"),
                        _("This cycle"),
                        _("Changed"),
                        _("Evidence"),
                    ],
                    rows=[
                        [
                            content(c.recommendation, "text", "recommendation"),
                            content(c.recommendation.addressee, "name"),
                            c.before_label,
                            c.after_label,
                            _("yes") if c.changed else _("no"),
                            c.evidence,
                        ]
                        for c in changes
                    ],
                )
            )
        if closed:
            follow.blocks.append(
                Table(
                    number=numbers.next_table(),
                    caption=_("Recommendations closed in the previous cycle"),
                    header=[_("Recommendation"), _("Status")],
                    rows=[[content(r, "text", "recommendation"), f.get_status_display()] for r, f in closed],
                )
            )

    # Annexes.
    annexes = section("annexes")
    annexes.blocks.append(Heading(_("Annex 1. Indicator tables")))
    all_stats = [s for stats in series.values() for s in stats]
    if all_stats:
        annexes.blocks.append(_stats_table(numbers, _("Official statistics"), all_stats, content))
    indicators = selectors.indicator_rows(campaign, lang)
    if indicators:
        annexes.blocks.append(
            Table(
                number=numbers.next_table(),
                caption=_("Indicators"),
                header=[_("Indicator"), _("Value")],
                rows=[list(r) for r in indicators],
            )
        )
    saved_charts = selectors.frozen_charts(campaign)
    if saved_charts:
        annexes.blocks.append(
            Table(
                number=numbers.next_table(),
                caption=_("Saved charts"),
                header=[_("Chart"), _("Figures")],
                rows=[list(r) for r in saved_charts],
            )
        )
    if not all_stats and not indicators and not saved_charts:
        annexes.blocks.append(Paragraph(_("No indicators yet."), style="muted"))
    annexes.blocks.append(Heading(_("Annex 2. Organisations interviewed")))
    orgs = list(
        Organisation.objects.filter(participations__campaign=campaign)
        .select_related("country", "city")
        .order_by("kind", "name_ru", "pk")
    )
    annexes.blocks.append(
        Table(
            number=numbers.next_table(),
            caption=_("Organisations taking part in the monitoring"),
            header=[_("Organisation"), _("Kind"), _("Where")],
            rows=[
                [
                    content(o, "name"),
                    str(o.get_kind_display()),
                    content(o.city, "name") if o.city else content(o.country, "name"),
                ]
                for o in orgs
            ],
        )
    )
    annexes.blocks.append(Heading(_("Annex 3. Questionnaires")))
    forms = selectors.questionnaires(campaign, lang)
    if forms:
        annexes.blocks.append(Bullets([f"{title} — {group}" if group else title for title, group in forms]))
    else:
        annexes.blocks.append(Paragraph(_("A separate questionnaire was prepared for each target group:")))
        annexes.blocks.append(Bullets([content(g, "name") for g, _s, _d in counts.by_group]))

    year = campaign.period_end.year
    place = content(lead.city, "name") if lead and lead.city else ""
    return Report(
        campaign_slug=campaign.slug,
        lang=lang,
        title=campaign.title,
        organisation=content(lead, "name") if lead else "",
        place_year=f"{place}, {year}" if place else str(year),
        period=f"{campaign.period_start.strftime('%d.%m.%Y')} – {campaign.period_end.strftime('%d.%m.%Y')}",
        sections=sections,
        contents_title=_(CONTENTS_TITLE),
        untranslated=_dedupe(content.missing),
    )


def _dedupe(items: list[tuple[str, str]]) -> list[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    result = []
    for item in items:
        if item not in seen:
            seen.add(item)
            result.append(item)
    return result


def _stat_sentence(stat: OfficialStatistic, content: _Content) -> str:
    where = f", {content(stat.country, 'name')}" if stat.country else ""
    return (
        f"{content(stat, 'label', 'statistic')} ({stat.period}{where}): {stat.value_display} — {stat.source}"
    )


def _stats_table(numbers: _Numbers, caption: str, stats: list[OfficialStatistic], content: _Content) -> Table:
    return Table(
        number=numbers.next_table(),
        caption=caption,
        header=[_("Figure"), _("Period"), _("Country"), _("Value"), _("Source")],
        rows=[
            [
                content(s, "label", "statistic"),
                s.period,
                content(s.country, "name") if s.country else "—",
                s.value_display,
                s.source,
            ]
            for s in stats
        ],
    )


def _findings_blocks(
    blocks: list[Block],
    findings: list[Finding],
    series: dict[str, list[OfficialStatistic]],
    numbers: _Numbers,
    content: _Content,
) -> None:
    current_country: int | None = None
    for finding in findings:
        if finding.country_id and finding.country_id != current_country:
            blocks.append(Heading(content(finding.country, "name"), level=3))
        current_country = finding.country_id
        blocks.append(Paragraph(content(finding, "statement", "finding")))
        for evidence in finding.evidence.all():
            _evidence_blocks(blocks, evidence, series, numbers, content)


def _evidence_blocks(
    blocks: list[Block],
    evidence: Evidence,
    series: dict[str, list[OfficialStatistic]],
    numbers: _Numbers,
    content: _Content,
) -> None:
    if evidence.kind == Evidence.Kind.OFFICIAL:
        stats = series.get(evidence.official_series, [])
        if not stats:
            return
        label = content(stats[0], "label", "statistic")
        blocks.append(_stats_table(numbers, label, stats, content))
        if len(stats) >= 2:
            blocks.append(
                Figure(
                    number=numbers.next_figure(),
                    caption=label,
                    svg=charts.bar_chart(
                        [
                            f"{s.period}" + (f" {content(s.country, 'name')}" if s.country else "")
                            for s in stats
                        ],
                        [float(s.value) for s in stats],
                        unit=stats[0].unit or "",
                        width=560,
                    ),
                )
            )
    elif evidence.kind in (Evidence.Kind.QUOTE, Evidence.Kind.PASSAGE, Evidence.Kind.CASE):
        blocks.append(Quote(text=evidence.text, source=evidence.source))
    elif evidence.kind == Evidence.Kind.CHART and (svg := _frozen_chart_svg(evidence)):
        blocks.append(
            Figure(number=numbers.next_figure(), caption=evidence.source or evidence.text[:200], svg=svg)
        )
    elif evidence.kind in (Evidence.Kind.INDICATOR, Evidence.Kind.CHART, Evidence.Kind.APPEALS):
        text = evidence.text + (f": {evidence.value}" if evidence.value else "")
        blocks.append(Paragraph(text + (f" ({evidence.source})" if evidence.source else ""), style="muted"))


def _frozen_chart_svg(evidence: Evidence) -> str:
    """The SVG of an analytics chart frozen for evidence (small cells already suppressed), if it still exists."""
    model = selectors.model_or_none(evidence.app_label or "analytics", evidence.model_name or "Chart")
    if model is None or not evidence.object_pk or not selectors.has_field(model, "svg"):
        return ""
    svg = model._default_manager.filter(pk=evidence.object_pk).values_list("svg", flat=True).first()
    return svg if isinstance(svg, str) and svg.lstrip().startswith("<svg") else ""


def status_labels() -> dict[str, str]:
    return {value: str(label) for value, label in FollowUp.Status.choices}


__all__ = ["SECTION_TITLES", "Report", "Section", "build_report", "Recommendation"]
