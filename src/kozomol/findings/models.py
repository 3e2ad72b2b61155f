"""Findings with their evidence, official statistics, recommendations and their follow-up.

Evidence from other apps (coded passages, indicators, cases) is referenced
generically by (app label, model, primary key) with a snapshot of its text, so
a finding keeps its evidence readable whichever apps are installed and the
report stays the same when the source is edited later.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kozomol.lib.translated import pick

# The codebook's top-level themes (codebook.md). Stable identifiers; the
# labels are content. Kept here so findings do not depend on the coding app.
THEMES: list[tuple[str, dict[str, str]]] = [
    (
        "STATUS",
        {
            "ru": "Урегулирование статуса пребывания",
            "ky": "Болуу статусун жөнгө салуу",
            "en": "Legal status and legalisation",
        },
    ),
    ("LABOUR", {"ru": "Трудовые права", "ky": "Эмгек укуктары", "en": "Labour rights"}),
    (
        "HEALTH",
        {
            "ru": "Доступ к услугам здравоохранения",
            "ky": "Саламаттыкты сактоо кызматтарына жетүү",
            "en": "Access to health care",
        },
    ),
    ("EDUCATION", {"ru": "Доступ к образованию", "ky": "Билим алууга жетүү", "en": "Access to education"}),
    ("PENSION", {"ru": "Пенсионное обеспечение", "ky": "Пенсиялык камсыздоо", "en": "Pensions"}),
    ("HOUSING", {"ru": "Жилищные условия", "ky": "Турак-жай шарттары", "en": "Housing"}),
    (
        "JUSTICE",
        {
            "ru": "Преступность, судопроизводство и правовая помощь",
            "ky": "Кылмыштуулук, сот өндүрүшү жана укуктук жардам",
            "en": "Crime, justice and legal aid",
        },
    ),
    (
        "INTEGRATION",
        {
            "ru": "Отношения с местным населением и интеграция",
            "ky": "Жергиликтүү калк менен мамиле жана интеграция",
            "en": "Relations with the local population",
        },
    ),
    (
        "CONSULAR",
        {
            "ru": "Работа консульских учреждений",
            "ky": "Консулдук мекемелердин иши",
            "en": "Consular services",
        },
    ),
    ("GENDER", {"ru": "Гендерный аспект", "ky": "Гендердик аспект", "en": "Gender"}),
]
THEME_IDS = [code for code, _labels in THEMES]
CONSULAR_THEME = "CONSULAR"


class Theme(models.Model):
    identifier = models.CharField(_("identifier"), max_length=40, unique=True)
    label_ru = models.CharField(_("label (Russian)"), max_length=200)
    label_ky = models.CharField(_("label (Kyrgyz)"), max_length=200, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["position", "identifier"]

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick(self, "label")


class Addressee(models.Model):
    """Whom a recommendation is addressed to: a managed list, seeded with the report's addressees."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=300)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=300, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("offered for new recommendations"), default=True)

    class Meta:
        verbose_name = _("addressee")
        verbose_name_plural = _("addressees")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self, "name")


class Standard(models.Model):
    """An article of an international instrument a finding or recommendation rests on."""

    class Instrument(models.TextChoices):
        ICRMW = "ICRMW", _("UN Convention on the Rights of All Migrant Workers (1990)")
        ILO97 = "ILO-C097", _("ILO Convention No. 97, Migration for Employment (Revised), 1949")
        ILO143 = "ILO-C143", _("ILO Convention No. 143, Migrant Workers (Supplementary Provisions), 1975")
        ECSMW = "ECSMW", _("European Convention on the Legal Status of Migrant Workers (1977)")

    instrument = models.CharField(_("instrument"), max_length=12, choices=Instrument.choices)
    article = models.CharField(
        _("article"), max_length=20, blank=True, help_text=_("Empty: the instrument as a whole.")
    )
    title_ru = models.CharField(_("subject (Russian)"), max_length=300, blank=True)
    title_ky = models.CharField(_("subject (Kyrgyz)"), max_length=300, blank=True)
    title_en = models.CharField(_("subject (English)"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("international standard")
        verbose_name_plural = _("international standards")
        ordering = ["position", "instrument", "article"]
        constraints = [
            models.UniqueConstraint(fields=["instrument", "article"], name="standard_unique_article")
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def title(self) -> str:
        return pick(self, "title")

    @property
    def reference(self) -> str:
        short = {"ICRMW": "ICRMW", "ILO-C097": "ILO C97", "ILO-C143": "ILO C143", "ECSMW": "ECSMW 1977"}
        name = short.get(self.instrument, self.instrument)
        return f"{name}, art. {self.article}" if self.article else name


class Finding(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEWED = "reviewed", _("Reviewed")
        APPROVED = "approved", _("Approved")

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="findings")
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, related_name="findings", verbose_name=_("theme")
    )
    country = models.ForeignKey(
        "places.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "country"},
        verbose_name=_("country"),
        help_text=_("Empty when the finding holds for every country."),
    )
    statement_ru = models.TextField(_("statement (Russian)"))
    statement_ky = models.TextField(_("statement (Kyrgyz)"), blank=True)
    statement_en = models.TextField(_("statement (English)"), blank=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    position = models.PositiveIntegerField(_("position"), default=0)
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="findings", verbose_name=_("standards")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["campaign_id", "theme__position", "country_id", "position", "pk"]
        indexes = [
            # The findings page and the report: one campaign's findings by theme and state.
            models.Index(fields=["campaign", "theme", "state"], name="finding_campaign_theme_state"),
        ]

    def __str__(self) -> str:
        return self.statement[:80]

    @property
    def statement(self) -> str:
        return pick(self, "statement")


class OfficialStatistic(models.Model):
    """A figure from an official source, entered or imported by hand.

    Figures of one ``series`` (e.g. ``crimes-against-migrants-ru``) are charted together.
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="official_statistics"
    )
    series = models.SlugField(_("series"), max_length=80)
    label_ru = models.CharField(_("label (Russian)"), max_length=300)
    label_ky = models.CharField(_("label (Kyrgyz)"), max_length=300, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=300, blank=True)
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=3)
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. %, thousand, roubles"))
    period = models.CharField(
        _("period"), max_length=20, help_text=_("Year or date the figure refers to, e.g. 2012")
    )
    country = models.ForeignKey(
        "places.Location",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "country"},
        verbose_name=_("country"),
    )
    theme = models.ForeignKey(
        Theme, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("theme")
    )
    source = models.CharField(_("source"), max_length=300)
    source_url = models.URLField(_("source address"), blank=True)
    source_date = models.DateField(_("date of the source"), null=True, blank=True)
    is_context = models.BooleanField(_("context figure for the introduction"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("official statistic")
        verbose_name_plural = _("official statistics")
        ordering = ["campaign_id", "series", "period", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "series", "period", "country"], name="officialstat_unique_point"
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.period}): {self.value_display}"

    @property
    def label(self) -> str:
        return pick(self, "label")

    @property
    def value_display(self) -> str:
        text = format(self.value.normalize(), "f")
        return f"{text} {self.unit}".strip()


class Evidence(models.Model):
    """One piece of evidence for a finding.

    Sources in other apps are referenced by (``app_label``, ``model_name``,
    ``object_pk``); ``text`` and ``source`` keep what it said when linked.
    """

    class Kind(models.TextChoices):
        QUOTE = "quote", _("Quote")
        PASSAGE = "passage", _("Coded passage")
        INDICATOR = "indicator", _("Indicator value")
        CHART = "chart", _("Chart")
        CASE = "case", _("Case story")
        APPEALS = "appeals", _("Appeals statistics")
        OFFICIAL = "official", _("Official statistics")

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    app_label = models.CharField(max_length=60, blank=True)
    model_name = models.CharField(max_length=60, blank=True)
    object_pk = models.CharField(max_length=64, blank=True)
    official_series = models.SlugField(_("series"), max_length=80, blank=True)
    text = models.TextField(_("text"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    value = models.CharField(_("value"), max_length=100, blank=True)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["finding_id", "position", "pk"]
        indexes = [
            # "Which findings cite this passage / case?" from the source's side.
            models.Index(fields=["app_label", "model_name", "object_pk"], name="evidence_source"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {(self.text or self.official_series)[:60]}"


class Recommendation(models.Model):
    class Priority(models.IntegerChoices):
        HIGH = 1, _("High")
        MEDIUM = 2, _("Medium")
        LOW = 3, _("Low")

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="recommendations"
    )
    addressee = models.ForeignKey(
        Addressee, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("addressee")
    )
    theme = models.ForeignKey(
        Theme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name=_("theme"),
    )
    text_ru = models.TextField(_("text (Russian)"))
    text_ky = models.TextField(_("text (Kyrgyz)"), blank=True)
    text_en = models.TextField(_("text (English)"), blank=True)
    priority = models.PositiveSmallIntegerField(
        _("priority"), choices=Priority.choices, default=Priority.MEDIUM
    )
    findings = models.ManyToManyField(
        Finding, blank=True, related_name="recommendations", verbose_name=_("findings")
    )
    standards = models.ManyToManyField(
        Standard, blank=True, related_name="recommendations", verbose_name=_("international standards")
    )
    inherited_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="carried_over",
        verbose_name=_("carried over from"),
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["campaign_id", "addressee__position", "position", "pk"]
        constraints = [
            # A campaign carries a recommendation over once.
            models.UniqueConstraint(
                fields=["campaign", "inherited_from"], name="recommendation_inherit_once"
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def text(self) -> str:
        return pick(self, "text")


class FollowUp(models.Model):
    """The implementation status of a recommendation as seen in one monitoring cycle."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        PARTIAL = "partial", _("Partially implemented")
        IMPLEMENTED = "implemented", _("Implemented")
        REJECTED = "rejected", _("Rejected")

    CLOSED = frozenset({Status.IMPLEMENTED, Status.REJECTED})

    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="follow_ups")
    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    evidence = models.TextField(_("evidence"), blank=True)
    date = models.DateField(_("date"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["recommendation_id", "date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["recommendation", "campaign"], name="followup_one_per_cycle")
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} ({self.date})"
