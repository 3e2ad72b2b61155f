"""A campaign's own Word template for its report."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _template_path(instance: ReportTemplate, filename: str) -> str:
    return f"reports/templates/{instance.campaign.slug}.docx"


class ReportTemplate(models.Model):
    """A .docx with placeholders ({{title}}, {{body}}, …) in which the report is written."""

    campaign = models.OneToOneField(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="report_template"
    )
    file = models.FileField(_("Word template"), upload_to=_template_path)
    original_name = models.CharField(_("file name"), max_length=250)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("report template")
        verbose_name_plural = _("report templates")

    def __str__(self) -> str:
        return self.original_name
