"""Submissions (interviews) with their attachments, drafts, review and edit history.

Respondents are anonymous: a submission holds answers, never a name. The
profile fields (country, city, gender, target group) are copied out of the
answers so the review filters and analytics need no JSON queries; see
:mod:`kozomol.submissions.profile` for the question names they come from.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def _attachment_path(instance: Attachment, filename: str) -> str:
    return f"attachments/{instance.submission.campaign_id}/{instance.submission_id}/{filename}"


def _draft_file_path(instance: DraftFile, filename: str) -> str:
    return f"drafts/{instance.draft.campaign_id}/{instance.draft_id}/{filename}"


class Submission(models.Model):
    class Source(models.TextChoices):
        OPENROSA = "openrosa", _("ODK Collect / Enketo")
        WEB = "web", _("Web form")
        IMPORT = "import", _("Import")

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        HAS_ISSUES = "has_issues", _("Has issues")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    # No single-column indexes on these three: the composite indexes in Meta lead
    # with each of them, and every extra index is paid on each of a million inserts.
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("campaign"),
        db_index=False,
    )
    form = models.ForeignKey(
        "questionnaires.Form",
        on_delete=models.CASCADE,
        related_name="submissions",
        verbose_name=_("form"),
        db_index=False,
    )
    form_version = models.ForeignKey(
        "questionnaires.FormVersion",
        on_delete=models.PROTECT,
        related_name="submissions",
        verbose_name=_("form version"),
        db_index=False,
    )
    instance_id = models.CharField(_("instance ID"), max_length=100, unique=True)
    deprecated_id = models.CharField(_("replaces instance ID"), max_length=100, blank=True)
    xml = models.TextField(_("XML"), blank=True)  # imports have none
    data = models.JSONField(_("answers"), default=dict, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.OPENROSA)
    status = models.CharField(
        _("review state"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("monitor"),
    )
    target_group = models.ForeignKey(
        "campaigns.TargetGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="submissions",
        verbose_name=_("target group"),
    )
    country_code = models.CharField(_("country"), max_length=2, blank=True)
    city = models.ForeignKey(
        "places.Location",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("city"),
    )
    gender = models.CharField(_("gender"), max_length=20, blank=True)
    submitted_at = models.DateTimeField(_("interviewed"), null=True, blank=True)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        ordering = ["-received_at", "-pk"]
        indexes = [
            # The review list: one campaign, newest first, optionally one state.
            models.Index(fields=["campaign", "status", "received_at"], name="submission_review_state"),
            models.Index(fields=["campaign", "received_at"], name="submission_campaign_time"),
            # Review filters by target group / country / city / monitor / version.
            models.Index(fields=["campaign", "target_group"], name="submission_target_group"),
            models.Index(fields=["campaign", "country_code", "city"], name="submission_place"),
            models.Index(fields=["campaign", "submitted_by"], name="submission_monitor"),
            # Exports and version filters: every submission of one form (version).
            models.Index(fields=["form_version", "received_at"], name="submission_version_time"),
            models.Index(fields=["form", "received_at"], name="submission_form_time"),
        ]

    def __str__(self) -> str:
        return self.instance_id


class Attachment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(_("file name"), max_length=250)
    file = models.FileField(_("file"), upload_to=_attachment_path, max_length=400)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    size = models.BigIntegerField(_("size"), default=0)
    created_at = models.DateTimeField(_("received"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["submission_id", "name"]
        constraints = [
            # ODK Collect sends one file per name; a resent name is not stored twice.
            models.UniqueConstraint(fields=["submission", "name"], name="attachment_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Draft(models.Model):
    """A web-form interview in progress, saved on the server as the monitor types."""

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="submission_drafts"
    )
    form = models.ForeignKey("questionnaires.Form", on_delete=models.CASCADE, related_name="drafts")
    form_version = models.ForeignKey(
        "questionnaires.FormVersion", on_delete=models.CASCADE, related_name="drafts"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submission_drafts"
    )
    instance_id = models.CharField(max_length=100, unique=True)  # becomes the submission's instanceID
    language = models.CharField(_("language"), max_length=40, blank=True)
    data = models.JSONField(default=dict, blank=True)  # the raw form fields, as posted
    revision = models.PositiveIntegerField(default=0)  # bumped per save; late autosaves are ignored
    created_at = models.DateTimeField(_("started"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved"), default=timezone.now)

    class Meta:
        verbose_name = _("draft")
        verbose_name_plural = _("drafts")
        ordering = ["-updated_at"]
        indexes = [
            # "My drafts" in one campaign, most recently saved first.
            models.Index(fields=["owner", "campaign", "updated_at"], name="draft_owner_campaign"),
        ]

    def __str__(self) -> str:
        return self.instance_id


class DraftFile(models.Model):
    """A file chosen in a draft (transcript, audio) kept until the draft is submitted."""

    draft = models.ForeignKey(Draft, on_delete=models.CASCADE, related_name="files")
    field = models.CharField(max_length=300)  # question path
    name = models.CharField(max_length=250)
    file = models.FileField(upload_to=_draft_file_path, max_length=400)
    content_type = models.CharField(max_length=120, blank=True)
    size = models.BigIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["draft", "field"], name="draftfile_unique_field")]

    def __str__(self) -> str:
        return self.name


class ReviewComment(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    text = models.TextField(_("comment"))
    status_from = models.CharField(max_length=12, blank=True)
    status_to = models.CharField(max_length=12, blank=True)
    created_at = models.DateTimeField(_("written"), default=timezone.now)

    class Meta:
        verbose_name = _("review comment")
        verbose_name_plural = _("review comments")
        ordering = ["submission_id", "created_at"]

    def __str__(self) -> str:
        return self.text[:60]


class SubmissionEdit(models.Model):
    """One change of a submission: answers edited, state changed or a new version via deprecatedID."""

    class Kind(models.TextChoices):
        CREATED = "created", _("Received")
        STATUS = "status", _("Review state changed")
        DATA = "data", _("Answers edited")
        REPLACED = "replaced", _("Replaced by an edited copy")
        ATTACHMENT = "attachment", _("Attachment added")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="edits")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices)
    changes = models.JSONField(default=dict, blank=True)  # {"path": [before, after]}
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        verbose_name = _("submission edit")
        verbose_name_plural = _("submission edits")
        ordering = ["submission_id", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class CollectToken(models.Model):
    """A per-monitor secret in the OpenRosa server URL, like ODK Central's app users.

    ODK Collect configured from the QR code sends it in the path
    (``/openrosa/<slug>/key/<token>/``) so the phone needs no password.
    """

    campaign = models.ForeignKey(
        "campaigns.Campaign", on_delete=models.CASCADE, related_name="collect_tokens"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="collect_tokens"
    )
    token = models.CharField(max_length=64, unique=True, default=secrets.token_urlsafe)
    label = models.CharField(_("device"), max_length=120, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        verbose_name = _("collect token")
        verbose_name_plural = _("collect tokens")
        indexes = [
            # "My devices" on the campaign's collect page.
            models.Index(fields=["campaign", "user"], name="collecttoken_campaign_user"),
        ]

    def __str__(self) -> str:
        return self.label or f"token {self.pk}"
