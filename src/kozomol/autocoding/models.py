"""A campaign's trained auto-coder and the coders' decisions on its suggestions.

Suggestions themselves are not stored: they are worked out when a document is
shown, from the latest model, so they always follow the current codebook and
codings. What is stored is what a coder decided, so a rejected suggestion does
not come back, and the model learns from it.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AutocoderModel(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="autocoder_models",
        verbose_name=_("campaign"),
    )
    created_at = models.DateTimeField(_("trained"), default=timezone.now)
    # {"codes": {"LABOUR": {"positives", "weights", "bias", "cold_weights"}}, "units": n}
    params = models.JSONField(default=dict)
    # {"learned": evaluate(...), "cold": evaluate(...), "train_units", "test_units"}
    metrics = models.JSONField(default=dict)
    passages_seen = models.PositiveIntegerField(_("coded passages used"), default=0)
    last_passage_id = models.BigIntegerField(default=0)  # newer passages mean the model is out of date

    class Meta:
        verbose_name = _("auto-coding model")
        verbose_name_plural = _("auto-coding models")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The latest model of a campaign.
            models.Index(fields=["campaign", "-created_at"], name="autocoder_campaign_latest"),
        ]

    def __str__(self) -> str:
        return f"{self.campaign_id} @ {self.created_at:%Y-%m-%d %H:%M}"


class SuggestionDecision(models.Model):
    class Decision(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    document = models.ForeignKey(
        "coding.Document",
        on_delete=models.CASCADE,
        related_name="suggestion_decisions",
        verbose_name=_("document"),
    )
    code = models.ForeignKey(
        "coding.Code", on_delete=models.CASCADE, related_name="+", verbose_name=_("code")
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("coder"),
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    score = models.FloatField(_("score"))
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)

    class Meta:
        verbose_name = _("suggestion decision")
        verbose_name_plural = _("suggestion decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "code", "coder", "start", "end"],
                name="suggestion_decision_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="suggestion_span_ordered"
            ),
        ]
        indexes = [
            # The suggestions of one document for one coder leave out what they decided.
            models.Index(fields=["document", "coder"], name="suggestion_document_coder"),
        ]

    def __str__(self) -> str:
        return f"{self.code_id} [{self.start}:{self.end}] {self.decision}"
