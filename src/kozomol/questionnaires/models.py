"""Questionnaires: XLSForms converted by pyxform, versioned per form ID."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from kozomol.questionnaires.schema import FormSchema


def _xlsform_path(instance: FormVersion, filename: str) -> str:
    return f"xlsforms/{instance.form.campaign_id}/{instance.form.form_id}/{filename}"


class Form(models.Model):
    """One questionnaire of a campaign, identified by the XLSForm's ``form_id``."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="forms", verbose_name=_("campaign")
    )
    target_group = models.ForeignKey(
        "campaigns.TargetGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="forms",
        verbose_name=_("target group"),
    )
    form_id = models.CharField(_("form ID"), max_length=200)
    title = models.CharField(_("title"), max_length=250)
    is_open = models.BooleanField(
        _("accepts submissions"),
        default=True,
        help_text=_("Closed forms are left out of the form list that ODK Collect downloads."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["campaign_id", "title", "form_id"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "form_id"], name="form_unique_form_id_per_campaign")
        ]

    def __str__(self) -> str:
        return self.title or self.form_id

    @property
    def current_version(self) -> FormVersion | None:
        """The newest version (the one ODK Collect downloads and the web form shows)."""
        cached = getattr(self, "_current_version", None)
        if cached is None:
            cached = self.versions.order_by("-created_at", "-pk").first()
            self._current_version = cached
        return cached


class FormVersion(models.Model):
    """One uploaded XLSForm with what pyxform made of it."""

    form = models.ForeignKey(Form, on_delete=models.CASCADE, related_name="versions", verbose_name=_("form"))
    version = models.CharField(_("version"), max_length=100)
    # False when the XLSForm had no version and Kozomol dated the upload: the
    # XForm then carries no version attribute and the form list omits it.
    version_declared = models.BooleanField(default=True)
    xlsform = models.FileField(_("XLSForm"), upload_to=_xlsform_path, max_length=300)
    xlsform_name = models.CharField(_("XLSForm file name"), max_length=250)
    xform_xml = models.TextField(_("XForm"))
    schema = models.JSONField(_("schema"), default=dict)  # validated by questionnaires.schema.FormSchema
    md5 = models.CharField(_("XForm hash"), max_length=40)  # "md5:<hex>", as OpenRosa form lists carry it
    warnings = models.JSONField(_("conversion warnings"), default=list, blank=True)
    # External choices (select_one_from external) as pyxform writes them; served in the manifest.
    itemsets_csv = models.TextField(blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("questionnaire version")
        verbose_name_plural = _("questionnaire versions")
        ordering = ["form_id", "-created_at"]
        constraints = [models.UniqueConstraint(fields=["form", "version"], name="formversion_unique_version")]
        indexes = [
            # Form.current_version: newest version of one form.
            models.Index(fields=["form", "-created_at"], name="formversion_form_newest"),
        ]

    def __str__(self) -> str:
        return f"{self.form.form_id} v{self.version}"

    @property
    def parsed(self) -> FormSchema:
        from kozomol.questionnaires.schema import FormSchema

        cached = getattr(self, "_parsed", None)
        if cached is None:
            cached = FormSchema.model_validate(self.schema)
            self._parsed = cached
        return cached


def _media_path(instance: FormMedia, filename: str) -> str:
    version = instance.form_version
    return f"form-media/{version.form.campaign_id}/{version.form_id}/{version.pk}/{filename}"


class FormMedia(models.Model):
    """A file a form version names (``jr://images/…``, ``jr://file-csv/…``), served in its OpenRosa manifest."""

    form_version = models.ForeignKey(
        FormVersion,
        on_delete=models.CASCADE,
        related_name="media_files",
        verbose_name=_("questionnaire version"),
    )
    name = models.CharField(_("file name"), max_length=250)
    file = models.FileField(_("file"), upload_to=_media_path, max_length=400)
    md5 = models.CharField(max_length=40)  # "md5:<hex>", as the manifest carries it
    size = models.BigIntegerField(_("size"), default=0)
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("form media file")
        verbose_name_plural = _("form media files")
        ordering = ["form_version_id", "name"]
        constraints = [models.UniqueConstraint(fields=["form_version", "name"], name="formmedia_unique_name")]

    def __str__(self) -> str:
        return self.name
