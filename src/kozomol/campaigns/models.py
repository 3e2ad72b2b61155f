"""Monitoring campaigns (one cycle of monitoring) and their target groups."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kozomol.lib.translated import pick

# The report's target groups: stable codes that forms, exports and tests use.
DEFAULT_TARGET_GROUPS: list[tuple[str, dict[str, str]]] = [
    ("state_bodies", {"ru": "Государственные органы", "ky": "Мамлекеттик органдар", "en": "State bodies"}),
    (
        "ombudsman",
        {"ru": "Институты омбудсмена", "ky": "Акыйкатчы институттары", "en": "Ombudsman institutions"},
    ),
    (
        "consular",
        {"ru": "Консульские учреждения", "ky": "Консулдук мекемелер", "en": "Consular institutions"},
    ),
    (
        "ngo",
        {
            "ru": "НПО и общественные объединения",
            "ky": "БӨУ жана коомдук бирикмелер",
            "en": "NGOs and public associations",
        },
    ),
    ("medical_staff", {"ru": "Медицинские работники", "ky": "Медицина кызматкерлери", "en": "Medical staff"}),
    ("migrants", {"ru": "Трудовые мигранты", "ky": "Эмгек мигранттары", "en": "Labour migrants"}),
    (
        "case_stories",
        {
            "ru": "Истории мигрантов (кейсы)",
            "ky": "Мигранттардын окуялары (кейстер)",
            "en": "Migrants' case stories",
        },
    ),
]


class Campaign(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FIELDWORK = "fieldwork", _("Fieldwork")
        ANALYSIS = "analysis", _("Analysis")
        PUBLISHED = "published", _("Published")

    # Forward-only lifecycle; an administrator can still reopen through the admin.
    NEXT_STATUS: dict[str, str] = {
        Status.DRAFT: Status.FIELDWORK,
        Status.FIELDWORK: Status.ANALYSIS,
        Status.ANALYSIS: Status.PUBLISHED,
    }

    slug = models.SlugField(_("short name in addresses"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=250)
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    goals = models.TextField(_("goals"), blank=True)
    tasks = models.TextField(_("tasks"), blank=True, help_text=_("One task per line."))
    method = models.TextField(_("method"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    countries = models.ManyToManyField(
        "places.Location",
        related_name="+",
        blank=True,
        limit_choices_to={"kind": "country"},
        verbose_name=_("countries"),
    )
    cities = models.ManyToManyField(
        "places.Location",
        related_name="+",
        blank=True,
        limit_choices_to={"kind": "city"},
        verbose_name=_("cities"),
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation",
        through="Participation",
        related_name="campaigns",
        verbose_name=_("participating organisations"),
    )
    previous = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="next_cycles",
        verbose_name=_("previous cycle"),
    )
    # How long the personal data of appeals received in this campaign is kept after the case
    # closes (cases.retention purges it); empty: the platform default, KOZOMOL_APPEAL_RETENTION_DAYS.
    appeal_retention_days = models.PositiveIntegerField(
        _("keep appeals' personal data for (days after the case is closed)"),
        null=True,
        blank=True,
        help_text=_(
            "Names, numbers, addresses, stories and attachments of closed cases are erased after this "
            "many days; the statistics stay. Leave empty for the platform default."
        ),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-period_start", "slug"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="campaign_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def task_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.tasks.splitlines() if line.strip(" -•\t")]


class Participation(models.Model):
    """An organisation takes part in a campaign; its members then see the campaign."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="participations"
    )
    is_lead = models.BooleanField(_("leads the campaign"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation"], name="participation_unique")
        ]
        indexes = [
            # Access checks: which campaigns do my organisations take part in?
            models.Index(fields=["organisation", "campaign"], name="participation_org_campaign"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} → {self.campaign}"


class TargetGroup(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="target_groups")
    code = models.SlugField(_("code"), max_length=40)
    name_ru = models.CharField(_("name (Russian)"), max_length=200)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=200, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["campaign_id", "position", "code"]
        constraints = [models.UniqueConstraint(fields=["campaign", "code"], name="targetgroup_unique_code")]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self, "name")
