"""Background jobs that people wait for: imports, exports, reports, retraining.

The work itself runs as a ``django.tasks`` task; this row is what the page
polls and what the command line prints as a progress bar. A job whose process
dies stays ``running`` with a stale ``updated_at``; running it again starts a
new job (every job writes its result in one transaction or to a temporary
file renamed at the end, so nothing half-done is left behind).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("kind"), max_length=40)  # e.g. "submissions.import"
    title = models.CharField(_("title"), max_length=250, blank=True)
    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, null=True, blank=True, related_name="jobs"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    done = models.BigIntegerField(_("done"), default=0)
    total = models.BigIntegerField(_("total"), null=True, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    params = models.JSONField(default=dict, blank=True)
    result = models.JSONField(default=dict, blank=True)  # e.g. {"file": "exports/x.csv", "count": 10}
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")
        ordering = ["-created_at"]
        indexes = [
            # "My recent jobs" on a campaign page.
            models.Index(fields=["campaign", "created_by", "created_at"], name="job_campaign_user_time"),
        ]

    def __str__(self) -> str:
        return self.title or self.kind

    @property
    def percent(self) -> float | None:
        if not self.total:
            return 100.0 if self.status == self.Status.DONE else None
        return round(100.0 * min(self.done, self.total) / self.total, 1)

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
