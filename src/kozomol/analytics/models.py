"""Indicators, the aggregate cube that answers them fast, and frozen charts sent to findings.

The dashboards never scan submissions: every chart reads :class:`Cell`, an
incrementally maintained aggregate (one row per combination of source,
question, answer and the breakdown dimensions, with the count and the sums of
weights), kept in several grains (see ``kozomol.analytics.cube.GRAINS``). A
campaign of a million submissions folds into a few hundred cells per question
in the grain most charts read and up to a quarter of a million in the full one,
and the figures equal those of a plain ``COUNT(*)`` over the source rows
(``tests/test_cube_matches_plain_sql.py``, ``tests/test_cube_grains_match_plain_sql.py``).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kozomol.lib.translated import pick

# The breakdown dimensions a cell carries, in the order of the unique key.
# Unknown values are "" (or 0 for ids), never NULL, so the unique key catches
# every duplicate and the upsert that adds to a cell is one statement.
DIMENSIONS = (
    "form_id",
    "target_group_id",
    "country_code",
    "city_id",
    "gender",
    "age_band",
    "legal_status",
    "sector",
    "month",
)


class Indicator(models.Model):
    """One indicator of a campaign; ``spec`` is validated by :class:`kozomol.analytics.schema.IndicatorSpec`."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="indicators", verbose_name=_("campaign")
    )
    key = models.SlugField(_("key"), max_length=80)
    title_ru = models.CharField(_("title (Russian)"), max_length=250)
    title_ky = models.CharField(_("title (Kyrgyz)"), max_length=250, blank=True)
    title_en = models.CharField(_("title (English)"), max_length=250, blank=True)
    spec = models.JSONField(_("definition"), default=dict)
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["campaign_id", "position", "key"]
        constraints = [models.UniqueConstraint(fields=["campaign", "key"], name="indicator_unique_key")]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick(self, "title")


class Cell(models.Model):
    """An aggregate cell: how many rows of ``source`` answered ``key`` with ``value`` in one combination."""

    class Source(models.TextChoices):
        SUBMISSIONS = "submissions", _("Submissions")
        APPEALS = "appeals", _("Appeals")
        PASSAGES = "passages", _("Coded passages")

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=12, choices=Source.choices)
    # Several grains keep most reads small: 3 has only place, gender and target group, 0 every
    # dimension but the month, 1 the month but not legal status and sector, 2 everything
    # (see kozomol.analytics.cube.GRAINS).
    grain = models.PositiveSmallIntegerField(default=0)
    key = models.CharField(max_length=80)  # question name, "violation", "code", "__all__"
    value = models.CharField(max_length=80, blank=True)
    form_id = models.IntegerField(default=0)
    target_group_id = models.IntegerField(default=0)
    country_code = models.CharField(max_length=2, blank=True)
    city_id = models.IntegerField(default=0)
    gender = models.CharField(max_length=20, blank=True)
    age_band = models.CharField(max_length=20, blank=True)
    legal_status = models.CharField(max_length=40, blank=True)
    sector = models.CharField(max_length=40, blank=True)
    month = models.CharField(max_length=7, blank=True)  # "YYYY-MM"
    n = models.BigIntegerField(default=0)  # rows
    w = models.FloatField(default=0.0)  # sum of survey weights
    w2 = models.FloatField(default=0.0)  # sum of squared weights (effective sample size)

    class Meta:
        constraints = [
            # The upsert key; its index also serves every dashboard query, which
            # always fixes campaign, source and key and reads a few values.
            models.UniqueConstraint(
                fields=["campaign", "source", "grain", "key", "value", *DIMENSIONS],
                name="cell_unique_combination",
            )
        ]
        indexes = [
            # The full grain is read only for the month together with legal status or sector (and
            # city or age); these narrow such a read to the cells of one status, sector or month
            # in one city, instead of every cell of the question (a quarter of a million for the
            # people-per-room question at a million submissions).
            models.Index(
                fields=["campaign", "source", "grain", "key", "legal_status", "city_id"],
                name="cell_legal_status",
            ),
            models.Index(
                fields=["campaign", "source", "grain", "key", "sector", "city_id"], name="cell_sector"
            ),
            models.Index(
                fields=["campaign", "source", "grain", "key", "month", "city_id"], name="cell_month"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source}:{self.key}={self.value} ×{self.n}"


class CubeState(models.Model):
    """How far the cube of one campaign and source has read its source table."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=12, choices=Cell.Source.choices)
    last_id = models.BigIntegerField(default=0)  # rows with a larger id are not counted yet
    rows = models.BigIntegerField(default=0)
    keys = models.JSONField(default=list)  # the question names folded in
    dirty = models.BooleanField(default=False)  # an edit or a deletion: rebuild before reading
    built_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "source"], name="cubestate_unique")]

    def __str__(self) -> str:
        return f"{self.campaign_id}/{self.source} to #{self.last_id}"


class Chart(models.Model):
    """A chart frozen as it was shown (small cells already suppressed), e.g. as evidence of a finding."""

    campaign = models.ForeignKey("campaigns.Campaign", on_delete=models.CASCADE, related_name="+")
    indicator_key = models.CharField(max_length=80)
    # Figures shown with small cells suppressed: a chart may travel into a published report.
    title = models.CharField(_("title"), max_length=300)
    filters = models.JSONField(default=dict, blank=True)
    table = models.JSONField(default=dict)  # {"columns": [...], "rows": [[...]]}
    svg = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("chart")
        verbose_name_plural = _("charts")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def summary(self) -> str:
        """The chart's table as one line of text (what a finding's evidence keeps)."""
        columns = self.table.get("columns", [])
        parts = [
            "; ".join(f"{c}: {v}" for c, v in zip(columns, row, strict=False) if v not in ("", None))
            for row in self.table.get("rows", [])
        ]
        return f"{self.title}. " + " | ".join(parts)
