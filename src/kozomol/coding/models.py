"""Documents, the codebook, coded passages and memos of qualitative analysis.

Positions in a document are character offsets (Unicode code points) into
``Document.text``, which is normalised once when the document is written
(NFC, ``\\n`` line endings): every reader — the browser, exports, search,
agreement — counts on the same string.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kozomol.lib.translated import pick


class Document(models.Model):
    class Kind(models.TextChoices):
        TRANSCRIPT = "transcript", _("Interview transcript")
        ANSWER = "answer", _("Long-text answer")
        CASE_STORY = "case_story", _("Case story")
        IMPORTED = "imported", _("Imported")

    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="documents",
        verbose_name=_("campaign"),
    )
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.TRANSCRIPT)
    external_id = models.CharField(_("external identifier"), max_length=200, blank=True)
    target_group = models.ForeignKey(
        "campaigns.TargetGroup",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
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
    # Respondent attributes (age, occupation, …): exported as REFI-QDA case variables.
    profile = models.JSONField(_("respondent profile"), default=dict, blank=True)
    metadata = models.JSONField(_("metadata"), default=dict, blank=True)
    # Long-text answers of a submission become documents; the question is the answer's path.
    submission = models.ForeignKey(
        "submissions.Submission",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="documents",
        verbose_name=_("source submission"),
    )
    source_question = models.CharField(_("source question"), max_length=200, blank=True)
    original_filename = models.CharField(_("original file"), max_length=255, blank=True)
    # REFI-QDA source guid: kept so that export → import → export is lossless.
    guid = models.UUIDField(_("REFI-QDA identifier"), default=uuid.uuid4, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["campaign_id", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "external_id"],
                condition=~models.Q(external_id=""),
                name="document_unique_external_id",
            ),
            # A project imported twice into one campaign is recognised by its sources' guids.
            models.UniqueConstraint(fields=["campaign", "guid"], name="document_unique_guid"),
            # One document per long-text answer: re-running the conversion changes nothing.
            models.UniqueConstraint(
                fields=["submission", "source_question"],
                condition=models.Q(submission__isnull=False),
                name="document_unique_submission_answer",
            ),
        ]
        indexes = [
            # The documents list of a campaign, newest first.
            models.Index(fields=["campaign", "-created_at"], name="document_campaign_created"),
            # Retrieval filters by country within a campaign.
            models.Index(fields=["campaign", "country_code"], name="document_campaign_country"),
        ]

    def __str__(self) -> str:
        return self.title


class Code(models.Model):
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="codes",
        verbose_name=_("campaign"),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent code"),
    )
    identifier = models.CharField(_("identifier"), max_length=120)
    label_ru = models.CharField(_("label (Russian)"), max_length=200)
    label_ky = models.CharField(_("label (Kyrgyz)"), max_length=200, blank=True)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    definition_ru = models.TextField(_("definition (Russian)"), blank=True)
    definition_ky = models.TextField(_("definition (Kyrgyz)"), blank=True)
    definition_en = models.TextField(_("definition (English)"), blank=True)
    inclusion = models.TextField(_("when to use"), blank=True)
    exclusion = models.TextField(_("when not to use"), blank=True)
    examples = models.TextField(_("examples"), blank=True, help_text=_("One example per line."))
    colour = models.CharField(_("colour"), max_length=7, default="#1f77b4")
    position = models.PositiveIntegerField(_("position"), default=0)
    guid = models.UUIDField(_("REFI-QDA identifier"), default=uuid.uuid4, editable=False)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["campaign_id", "position", "identifier"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "identifier"], name="code_unique_identifier"),
            models.UniqueConstraint(fields=["campaign", "guid"], name="code_unique_guid"),
            models.CheckConstraint(
                condition=models.Q(colour__regex=r"^#[0-9a-fA-F]{6}$"),
                name="code_colour_hex",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.identifier} — {self.label}"

    @property
    def label(self) -> str:
        return pick(self, "label")

    @property
    def definition(self) -> str:
        return pick(self, "definition")

    @property
    def example_list(self) -> list[str]:
        return [line.strip() for line in self.examples.splitlines() if line.strip()]


class CodedPassage(models.Model):
    """One code applied by one coder to ``text[start:end]`` of a document."""

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        related_name="passages",
        verbose_name=_("document"),
    )
    code = models.ForeignKey(Code, on_delete=models.CASCADE, related_name="passages", verbose_name=_("code"))
    coder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coded_passages",
        verbose_name=_("coder"),
    )
    start = models.PositiveIntegerField(_("start"))
    end = models.PositiveIntegerField(_("end"))
    text = models.TextField(_("quote"))
    memo = models.TextField(_("memo"), blank=True)
    # REFI-QDA: the coding's guid, and the selection it belongs to (several codes
    # applied to one selection at once share it).
    guid = models.UUIDField(_("REFI-QDA identifier"), default=uuid.uuid4, editable=False)
    selection_guid = models.UUIDField(_("REFI-QDA selection"), default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        verbose_name = _("coded passage")
        verbose_name_plural = _("coded passages")
        ordering = ["document_id", "start", "end", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="passage_start_before_end"
            ),
            models.UniqueConstraint(
                fields=["document", "code", "coder", "start", "end"],
                name="passage_unique_span",
            ),
        ]
        indexes = [
            # Retrieval: every passage of a code (and its sub-codes).
            models.Index(fields=["code", "document"], name="passage_code_document"),
            # REFI-QDA import recognises codings it already holds.
            models.Index(fields=["guid"], name="passage_guid"),
            # The coding page: one document's passages by one or several coders.
            models.Index(fields=["document", "coder", "start"], name="passage_document_coder"),
        ]

    def __str__(self) -> str:
        return f"{self.code.identifier} [{self.start}:{self.end}]"


class Memo(models.Model):
    """A note on a document, a code or a passage (exactly one of them)."""

    document = models.ForeignKey(
        Document,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memos",
    )
    code = models.ForeignKey(Code, on_delete=models.CASCADE, null=True, blank=True, related_name="memos")
    passage = models.ForeignKey(
        CodedPassage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memos",
    )
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.CASCADE,
        related_name="coding_memos",
        verbose_name=_("campaign"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coding_memos",
        verbose_name=_("author"),
    )
    text = models.TextField(_("text"))
    guid = models.UUIDField(_("REFI-QDA identifier"), default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memos")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(document__isnull=False, code__isnull=True, passage__isnull=True)
                    | models.Q(document__isnull=True, code__isnull=False, passage__isnull=True)
                    | models.Q(document__isnull=True, code__isnull=True, passage__isnull=False)
                ),
                name="memo_exactly_one_target",
            ),
            models.UniqueConstraint(fields=["campaign", "guid"], name="memo_unique_guid"),
        ]

    def __str__(self) -> str:
        return self.text[:60]
