"""Migrants' appeals handled as cases: the case, its actions, referrals, attachments.

Personal data (names, phone numbers, passport numbers, addresses, contact
details, and free text that may name people) is stored only as ciphertext in
the ``*_enc`` columns (see :mod:`kozomol.cases.sealing`); phone and passport
numbers also get a blind index for duplicate detection. Nothing else in a
case identifies a person, so statistics read the plain columns only.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kozomol.cases.violations import violation_label


class Currency(models.TextChoices):
    RUB = "RUB", _("Russian roubles (RUB)")
    KZT = "KZT", _("Kazakh tenge (KZT)")
    KGS = "KGS", _("Kyrgyz som (KGS)")
    USD = "USD", _("US dollars (USD)")


class Case(models.Model):
    class Source(models.TextChoices):
        PUBLIC = "public", _("public appeal form")
        CASEWORKER = "caseworker", _("recorded by a caseworker")
        PHONE = "phone", _("by phone")
        IN_PERSON = "in_person", _("in person")
        CONSULATE = "consulate", _("at the consulate")

    class Status(models.TextChoices):
        NEW = "new", _("new")
        TRIAGED = "triaged", _("triaged")
        IN_PROGRESS = "in_progress", _("in progress")
        REFERRED = "referred", _("referral waiting for an answer")
        CLOSED = "closed", _("closed")

    class Outcome(models.TextChoices):
        SETTLED = "settled", _("settled out of court")
        WON_IN_COURT = "won_in_court", _("won in court")
        WAGES_RECOVERED = "wages_recovered", _("wages recovered")
        REFERRED = "referred", _("referred elsewhere")
        NO_RESULT = "no_result", _("closed without result")
        WITHDRAWN = "withdrawn", _("withdrawn")

    class Contact(models.TextChoices):
        ANONYMOUS = "anonymous", _("Do not contact me (anonymous)")
        PHONE = "phone", _("Phone call")
        WHATSAPP = "whatsapp", _("WhatsApp")
        TELEGRAM = "telegram", _("Telegram")
        EMAIL = "email", _("Email")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        UNSAID = "unsaid", _("I prefer not to say")

    class Language(models.TextChoices):
        KY = "ky", _("Kyrgyz")
        RU = "ru", _("Russian")
        EN = "en", _("English")
        UZ = "uz", _("Uzbek")
        TG = "tg", _("Tajik")

    # Column names of personal data, for sealing, rotation and the audit mask.
    ENCRYPTED_FIELDS: ClassVar[tuple[str, ...]] = (
        "full_name_enc",
        "phone_enc",
        "passport_enc",
        "address_enc",
        "contact_enc",
        "employer_enc",
        "story_enc",
        "plan_enc",
    )
    SENSITIVE_FIELDS: ClassVar[tuple[str, ...]] = (
        *ENCRYPTED_FIELDS,
        "secret_hash",
        "phone_bidx",
        "passport_bidx",
    )
    FLAG_FIELDS: ClassVar[tuple[str, ...]] = (
        "flag_detention",
        "flag_violence",
        "flag_trafficking",
        "flag_child",
        "flag_death",
    )

    reference = models.CharField(_("tracking code"), max_length=20, unique=True)
    secret_hash = models.CharField(max_length=200)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.PUBLIC)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name=_("handled by"),
    )
    caseworker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_cases",
        verbose_name=_("caseworker"),
    )
    # The campaign whose internet reception received the appeal (the receiving organisation's
    # current campaign at intake). It decides how long the personal data is kept; access still
    # follows the handling organisation, never the campaign.
    campaign = models.ForeignKey(
        "campaigns.Campaign",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="appeals",
        verbose_name=_("received in campaign"),
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NEW)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    # What happened (no personal data).
    violation_codes = models.JSONField(_("what happened"), default=list)
    country = models.ForeignKey(
        "places.Location",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        verbose_name=_("country"),
    )
    city = models.ForeignKey(
        "places.Location",
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name=_("city"),
    )
    happened_on = models.DateField(_("when it happened"), null=True, blank=True)
    amount_owed = models.DecimalField(
        _("amount owed"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    owed_currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    documents_taken = models.BooleanField(_("documents were taken"), default=False)
    in_danger = models.BooleanField(_("held or in danger"), default=False)
    gender = models.CharField(_("gender"), max_length=8, choices=Gender.choices, default=Gender.UNSAID)
    contact_method = models.CharField(
        _("preferred contact"), max_length=10, choices=Contact.choices, default=Contact.ANONYMOUS
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.KY
    )
    wants_woman = models.BooleanField(_("a woman should handle it"), default=False)
    consent_at = models.DateTimeField(_("consent given"), null=True, blank=True)

    # Personal data, encrypted.
    full_name_enc = models.TextField(blank=True)
    phone_enc = models.TextField(blank=True)
    passport_enc = models.TextField(blank=True)
    address_enc = models.TextField(blank=True)
    contact_enc = models.TextField(blank=True)
    employer_enc = models.TextField(blank=True)
    story_enc = models.TextField(blank=True)
    plan_enc = models.TextField(blank=True)
    phone_bidx = models.CharField(max_length=64, blank=True)
    passport_bidx = models.CharField(max_length=64, blank=True)

    # Triage.
    flag_detention = models.BooleanField(_("detention"), default=False)
    flag_violence = models.BooleanField(_("violence"), default=False)
    flag_trafficking = models.BooleanField(_("trafficking or forced labour"), default=False)
    flag_child = models.BooleanField(_("a child at risk"), default=False)
    flag_death = models.BooleanField(_("a death"), default=False)
    urgent = models.BooleanField(_("urgent"), default=False)  # any flag, or held/in danger at intake
    triaged_at = models.DateTimeField(_("triaged"), null=True, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)

    # Outcome.
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, blank=True)
    amount_recovered = models.DecimalField(
        _("amount recovered"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    recovered_currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Set when the personal data was erased (retention period over, or the person asked).
    erased_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-urgent", "received_at"]
        indexes = [
            # The intake queue: one organisation's open cases, urgent first, oldest first, read in
            # index order (the partial condition matches the queue's filter, so no sort of all rows).
            models.Index(
                fields=["organisation", "-urgent", "received_at", "id"],
                name="case_open_queue",
                condition=~models.Q(status="closed"),
            ),
            # The closed list and counts by status.
            models.Index(fields=["organisation", "status", "received_at"], name="case_status"),
            # A caseworker's own cases.
            models.Index(fields=["caseworker", "status"], name="case_caseworker"),
            # The overdue list: open cases whose deadline has passed, in (deadline, id) order; partial
            # like the queue's, so its count is read from the index alone without visiting each row.
            models.Index(
                fields=["organisation", "deadline", "id"],
                name="case_open_deadline",
                condition=~models.Q(status="closed") & models.Q(deadline__isnull=False),
            ),
            # Duplicate detection by blind index.
            models.Index(fields=["phone_bidx"], name="case_phone_bidx"),
            models.Index(fields=["passport_bidx"], name="case_passport_bidx"),
            # Statistics by month.
            models.Index(fields=["received_at"], name="case_received"),
            # The retention purge: closed cases whose personal data is still there, oldest first.
            models.Index(
                fields=["campaign", "closed_at"],
                name="case_retention",
                condition=models.Q(status="closed", erased_at__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.CLOSED

    @property
    def flags(self) -> list[str]:
        return [
            str(self._meta.get_field(name).verbose_name) for name in self.FLAG_FIELDS if getattr(self, name)
        ]

    @property
    def violation_labels(self) -> list[str]:
        return [violation_label(code) for code in self.violation_codes]

    def is_overdue(self, today: object = None) -> bool:
        today = today or timezone.localdate()
        return bool(self.deadline and self.is_open and self.deadline < today)  # type: ignore[operator]


class CaseViolation(models.Model):
    """One violation type of a case: a row per type so statistics can group by it."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="violations")
    code = models.CharField(max_length=40)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "code"], name="case_violation_unique")]
        indexes = [
            # Statistics count cases per violation type.
            models.Index(fields=["code"], name="case_violation_code"),
        ]

    def __str__(self) -> str:
        return self.code


class CaseAction(models.Model):
    """The log of a case: what was done, by whom, when. The note is encrypted (it may name people)."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("appeal received")
        TRIAGE = "triage", _("triaged")
        ASSIGN = "assign", _("assigned")
        PLAN = "plan", _("plan updated")
        NOTE = "note", _("action")
        REFERRAL = "referral", _("referral")
        OUTCOME = "outcome", _("closed with outcome")
        REOPEN = "reopen", _("reopened")
        MIGRANT = "migrant", _("information added by the migrant")
        ERASED = "erased", _("personal data erased")

    ENCRYPTED_FIELDS: ClassVar[tuple[str, ...]] = ("note_enc",)
    SENSITIVE_FIELDS: ClassVar[tuple[str, ...]] = ENCRYPTED_FIELDS

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="actions")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    note_enc = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        indexes = [
            # The log on the case page, in order.
            models.Index(fields=["case", "at"], name="case_action_case_at"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class Referral(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for an answer")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrals")
    from_organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, related_name="referrals_made"
    )
    to_organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="referrals_received",
        verbose_name=_("refer to"),
    )
    # Seen by the partner before it accepts: the form asks for no personal data here.
    reason = models.TextField(_("reason for the referral"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            # A partner's inbox of referrals waiting for an answer.
            models.Index(fields=["to_organisation", "status"], name="referral_inbox"),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} → {self.to_organisation_id}"


def _attachment_name() -> str:
    return uuid.uuid4().hex


class Attachment(models.Model):
    """A photo or scan, cleaned of metadata and stored encrypted outside the web root."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("photo")
        PDF = "pdf", _("PDF document")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="attachments")
    name = models.CharField(max_length=32, unique=True, default=_attachment_name)
    kind = models.CharField(max_length=5, choices=Kind.choices)
    size = models.PositiveIntegerField()
    from_migrant = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.name

    @property
    def content_type(self) -> str:
        return "image/jpeg" if self.kind == self.Kind.IMAGE else "application/pdf"

    @property
    def extension(self) -> str:
        return "jpg" if self.kind == self.Kind.IMAGE else "pdf"


class IntakeRoute(models.Model):
    """Which organisation receives new public appeals from a place.

    The most specific route wins: city, then country, then a route with
    neither (the catch-all intake desk). Routes are kept by administrators
    in the Django admin; the demo routes everything to the lead organisation.
    """

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="intake_routes"
    )
    country = models.ForeignKey(
        "places.Location",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "country"},
    )
    city = models.ForeignKey(
        "places.Location",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "city"},
    )

    class Meta:
        verbose_name = _("intake route")
        verbose_name_plural = _("intake routes")

    def __str__(self) -> str:
        return f"{self.city or self.country or '*'} → {self.organisation}"


class CaseworkerProfile(models.Model):
    """What the assignment needs to honour a migrant's wishes: woman caseworker, languages."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="caseworker_profile"
    )
    is_woman = models.BooleanField(_("I am a woman (for migrants who ask for a woman)"), default=False)
    languages = models.JSONField(_("languages I speak"), default=list)

    def __str__(self) -> str:
        return str(self.user)


class RateLimitHit(models.Model):
    """Requests of one (hashed) client address in one time window, per bucket."""

    bucket = models.CharField(max_length=20)
    client = models.CharField(max_length=64)  # HMAC of the address: raw addresses are not kept
    window = models.BigIntegerField()  # window start, seconds since the epoch
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["bucket", "client", "window"], name="rate_limit_unique_window"),
        ]
        indexes = [
            # Purging old windows.
            models.Index(fields=["window"], name="rate_limit_window"),
        ]

    def __str__(self) -> str:
        return f"{self.bucket} {self.window} {self.count}"
