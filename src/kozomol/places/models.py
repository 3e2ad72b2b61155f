"""Reference data: countries, regions and cities of Kyrgyzstan, Russia and Kazakhstan."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kozomol.lib.translated import pick


class Location(models.Model):
    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        REGION = "region", _("Region")
        CITY = "city", _("City")

    # ISO 3166-1 alpha-2 for countries, ISO 3166-2 for regions, "<CC>-<slug>" for cities.
    code = models.CharField(_("code"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("part of"),
    )
    country_code = models.CharField(_("country code"), max_length=2, db_index=True)
    name_ru = models.CharField(_("name (Russian)"), max_length=120)
    name_ky = models.CharField(_("name (Kyrgyz)"), max_length=120, blank=True)
    name_en = models.CharField(_("name (English)"), max_length=120, blank=True)
    # Cities where migrants work (destinations) or come from (origins).
    is_destination = models.BooleanField(_("migrants work here"), default=False)
    is_origin = models.BooleanField(_("migrants come from here"), default=False)

    class Meta:
        ordering = ["country_code", "kind", "name_ru"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        indexes = [
            # Pickers list the cities of one country.
            models.Index(fields=["country_code", "kind"], name="location_country_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick(self, "name")

    @property
    def country(self) -> Location | None:
        node: Location | None = self
        while node is not None and node.kind != self.Kind.COUNTRY:
            node = node.parent
        return node
