"""The public directory of where migrants can get help."""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kozomol.lib.translated import pick


class Service(models.Model):
    """One service of one organisation at one place (an organisation may run several)."""

    class Kind(models.TextChoices):
        LEGAL_AID = "legal_aid", _("Legal aid")
        SHELTER = "shelter", _("Shelter or crisis centre")
        MEDICAL = "medical", _("Medical care")
        CONSULAR = "consular", _("Consular services")
        TRADE_UNION = "trade_union", _("Trade union")
        DIASPORA = "diaspora", _("Diaspora association")
        INTERPRETING = "interpreting", _("Interpreting")

    LANGUAGES = [
        ("ky", _("Kyrgyz")),
        ("ru", _("Russian")),
        ("kk", _("Kazakh")),
        ("uz", _("Uzbek")),
        ("tg", _("Tajik")),
        ("en", _("English")),
    ]

    # The provider: an organisation known to Kozomol, or just a name (a shelter with no account).
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="services",
        verbose_name=_("organisation"),
    )
    provider_ru = models.CharField(_("provider (Russian)"), max_length=250, blank=True)
    provider_ky = models.CharField(_("provider (Kyrgyz)"), max_length=250, blank=True)
    provider_en = models.CharField(_("provider (English)"), max_length=250, blank=True)
    kind = models.CharField(_("service"), max_length=20, choices=Kind.choices)
    description_ru = models.TextField(_("what they do (Russian)"), blank=True)
    description_ky = models.TextField(_("what they do (Kyrgyz)"), blank=True)
    description_en = models.TextField(_("what they do (English)"), blank=True)
    country = models.ForeignKey(
        "places.Location",
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "country"},
        verbose_name=_("country"),
    )
    city = models.ForeignKey(
        "places.Location",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        limit_choices_to={"kind": "city"},
        verbose_name=_("city"),
    )
    address = models.CharField(_("address"), max_length=300, blank=True)
    languages = models.JSONField(_("languages spoken"), default=list)
    hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=60, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    women_staff = models.BooleanField(_("women staff available"), default=False)
    free_of_charge = models.BooleanField(_("free of charge"), default=True)
    last_verified = models.DateField(_("last verified"), default=timezone.localdate)
    is_published = models.BooleanField(_("shown in the public directory"), default=True)
    maintained_by = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.CASCADE,
        related_name="maintained_services",
        verbose_name=_("maintained by"),
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("help service")
        verbose_name_plural = _("help services")
        ordering = ["country__code", "city__name_ru", "kind", "id"]
        indexes = [
            # The public search: published services of one country and city, by kind.
            models.Index(fields=["is_published", "country", "city", "kind"], name="service_search"),
        ]

    def __str__(self) -> str:
        return f"{self.provider} — {self.get_kind_display()}"

    @property
    def provider(self) -> str:
        own = pick(self, "provider")
        if own:
            return own
        return self.organisation.name if self.organisation_id else ""

    @property
    def description(self) -> str:
        return pick(self, "description")

    @property
    def language_labels(self) -> list[str]:
        labels = dict(self.LANGUAGES)
        return [str(labels.get(code, code)) for code in self.languages]
