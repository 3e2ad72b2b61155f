"""Every change to an appeal or a case goes through here (and into the audit log)."""

from __future__ import annotations

import datetime as dt
import fcntl
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext_noop

from kozomol.accounts.access import can_in_organisation, roles_in_organisation
from kozomol.accounts.models import Organisation, User
from kozomol.accounts.roles import Perm, Role
from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_create, audit_record, audit_update, snapshot
from kozomol.cases import uploads
from kozomol.cases.models import (
    Attachment,
    Case,
    CaseAction,
    CaseViolation,
    IntakeRoute,
    Referral,
)
from kozomol.cases.sealing import passport_index, phone_index, seal, unseal
from kozomol.cases.violations import VIOLATION_CODES
from kozomol.lib.crypto import normalise_phone
from kozomol.places.models import Location

ERROR_NO_VIOLATION = gettext_noop("Choose at least one thing that happened.")
ERROR_UNKNOWN_VIOLATION = gettext_noop("Unknown violation type.")
ERROR_CLOSED = gettext_noop("The case is closed; reopen it first.")
ERROR_NOT_CLOSED = gettext_noop("Only a closed case can be reopened.")
ERROR_NOT_CASEWORKER = gettext_noop("This person is not a caseworker of the organisation handling the case.")
ERROR_REFER_SELF = gettext_noop("A case cannot be referred to the organisation that handles it.")
ERROR_REFERRAL_PENDING = gettext_noop("A referral of this case is already waiting for an answer.")
ERROR_REFERRAL_ANSWERED = gettext_noop("This referral has already been answered.")
ERROR_AMOUNT_REQUIRED = gettext_noop("Give the amount recovered and its currency.")
ERROR_OUTCOME = gettext_noop("Choose an outcome.")

# Secrets carry ~79 bits of randomness, so the hash need not make up for weak
# guesses: a light argon2id keeps a stolen database useless while the public
# form still takes well over a hundred appeals a second on a small server.
_hasher = PasswordHasher(time_cost=1, memory_cost=4096, parallelism=1)
_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read aloud over the phone
_DUMMY_HASH = _hasher.hash("not-a-real-secret")


def _random_code(length: int) -> str:
    return "".join(secrets.choice(_ALPHABET) for _ in range(length))


def normalise_code(value: str) -> str:
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


def _group(text: str) -> str:
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def new_reference() -> str:
    # 31**8 codes: a clash is rare enough that _save_appeal simply retries on the unique constraint.
    return "KZ-" + _group(_random_code(8))


def hash_secret(secret: str) -> str:
    return _hasher.hash(normalise_code(secret))


# --- the public appeal -----------------------------------------------------------


@dataclass
class AppealData:
    violation_codes: list[str]
    country: Location
    city: Location | None = None
    happened_on: dt.date | None = None
    story: str = ""
    employer: str = ""
    amount_owed: Decimal | None = None
    owed_currency: str = ""
    documents_taken: bool = False
    in_danger: bool = False
    gender: str = Case.Gender.UNSAID
    contact_method: str = Case.Contact.ANONYMOUS
    full_name: str = ""
    phone: str = ""
    contact_details: str = ""
    passport_number: str = ""
    address: str = ""
    preferred_language: str = Case.Language.KY
    wants_woman: bool = False
    files: list[uploads.CleanFile] = field(default_factory=list)


def route_for(*, country: Location | None, city: Location | None) -> int | None:
    """The id of the intake organisation for a place: a city route, else a country route, else the catch-all."""
    best: tuple[int, int] | None = None
    for org_id, country_id, city_id in IntakeRoute.objects.values_list(
        "organisation_id", "country_id", "city_id"
    ):
        if city_id is not None:
            rank = 0 if city is not None and city_id == city.pk else -1
        elif country_id is not None:
            rank = 1 if country is not None and country_id == country.pk else -1
        else:
            rank = 2
        if rank >= 0 and (best is None or rank < best[0]):
            best = (rank, org_id)
    return best[1] if best else None


def _validate_codes(codes: list[str]) -> list[str]:
    if not codes:
        raise ValidationError(ERROR_NO_VIOLATION, code="required")
    if any(code not in VIOLATION_CODES for code in codes):
        raise ValidationError(ERROR_UNKNOWN_VIOLATION, code="invalid")
    return sorted(set(codes))


def _store_files(case: Case, files: list[uploads.CleanFile], *, from_migrant: bool) -> list[Attachment]:
    stored = []
    for item in files[: uploads.MAX_FILES]:
        attachment = Attachment(case=case, kind=item.kind, size=len(item.data), from_migrant=from_migrant)
        uploads.write_encrypted(attachment.name, item.data)
        attachment.save()
        stored.append(attachment)
    return stored


def campaign_for_intake(organisation_id: int | None, *, today: dt.date | None = None) -> int | None:
    """The campaign whose internet reception an appeal to this organisation arrives in.

    The organisation's campaign whose period covers today, the one it leads
    first, then the latest. None when there is none: such cases are kept for
    the platform default (settings.KOZOMOL_APPEAL_RETENTION_DAYS).
    """
    if organisation_id is None:
        return None
    from kozomol.campaigns.models import Participation

    today = today or timezone.localdate()
    return (
        Participation.objects.filter(
            organisation_id=organisation_id,
            campaign__period_start__lte=today,
            campaign__period_end__gte=today,
        )
        .order_by("-is_lead", "-campaign__period_start", "-campaign_id")
        .values_list("campaign_id", flat=True)
        .first()
    )


def _new_case(data: AppealData, *, source: str, organisation_id: int | None) -> tuple[Case, list[str], str]:
    """An unsaved case from the intake data, personal data sealed; with its codes and secret."""
    codes = _validate_codes(data.violation_codes)
    anonymous = data.contact_method == Case.Contact.ANONYMOUS
    secret = _group(_random_code(16))
    now = timezone.now()
    case = Case(
        reference=new_reference(),
        secret_hash=hash_secret(secret),
        source=source,
        organisation_id=organisation_id,
        campaign_id=campaign_for_intake(organisation_id),
        received_at=now,
        updated_at=now,
        violation_codes=codes,
        country=data.country,
        city=data.city,
        happened_on=data.happened_on,
        amount_owed=data.amount_owed,
        owed_currency=data.owed_currency if data.amount_owed is not None else "",
        documents_taken=data.documents_taken,
        in_danger=data.in_danger,
        urgent=data.in_danger,
        gender=data.gender,
        contact_method=data.contact_method,
        preferred_language=data.preferred_language,
        wants_woman=data.wants_woman,
        consent_at=now,
        story_enc=seal(data.story.strip(), "cases.case.story"),
        employer_enc=seal(data.employer.strip(), "cases.case.employer"),
    )
    # An anonymous appeal keeps no way to reach or identify the person.
    if not anonymous:
        case.full_name_enc = seal(data.full_name.strip(), "cases.case.full_name")
        case.phone_enc = seal(data.phone.strip(), "cases.case.phone")
        case.contact_enc = seal(data.contact_details.strip(), "cases.case.contact")
        case.passport_enc = seal(data.passport_number.strip(), "cases.case.passport")
        case.address_enc = seal(data.address.strip(), "cases.case.address")
        case.phone_bidx = phone_index(data.phone) if len(normalise_phone(data.phone)) >= 6 else ""
        case.passport_bidx = passport_index(data.passport_number)
    return case, codes, secret


def appeal_submit(*, data: AppealData) -> tuple[Case, str]:
    """File a public appeal. Returns the case and its secret (shown once, stored only as a hash).

    Hashing and encryption happen before the transaction: on SQLite a write
    transaction holds the database's one write lock, so it must be short.
    """
    organisation_id = route_for(country=data.country, city=data.city)
    case, codes, secret = _new_case(data, source=Case.Source.PUBLIC, organisation_id=organisation_id)
    _save_appeal(case, codes, data.files)
    return case, secret


# Where an appeal recorded by staff came from.
RECORDED_SOURCES = (Case.Source.PHONE, Case.Source.IN_PERSON, Case.Source.CONSULATE)
ERROR_SOURCE = gettext_noop("Choose how the appeal arrived.")


def can_record_cases(actor: Any, organisation_id: int) -> bool:
    """Caseworkers and coordinators of an organisation may record appeals that arrive off-line."""
    return can_in_organisation(actor, Perm.HANDLE_CASES, organisation_id) or (
        Role.COORDINATOR in roles_in_organisation(actor, organisation_id)
    )


def case_record(
    *, actor: User, organisation: Organisation, data: AppealData, source: str
) -> tuple[Case, str]:
    """Record an appeal that arrived by phone, in person or at the consulate, for ``organisation``.

    The same validation and sealing as the public form; the case goes straight
    to the recording organisation (no intake route). The secret lets the
    migrant follow it like a public appeal.
    """
    if not can_record_cases(actor, organisation.pk):
        raise PermissionDenied
    if source not in RECORDED_SOURCES:
        raise ValidationError(ERROR_SOURCE, code="source")
    case, codes, secret = _new_case(data, source=source, organisation_id=organisation.pk)
    _save_appeal(case, codes, data.files, actor=actor)
    return case, secret


_thread_lock = threading.Lock()


@contextmanager
def _sqlite_writer_turn() -> Iterator[None]:
    """On SQLite, let one appeal writer at a time open its transaction, across threads and processes.

    SQLite has one write lock; writers that find it taken poll with growing
    sleeps (the busy timeout), so under a burst of appeals most time goes to
    sleeping. Queuing on a lock file instead wakes the next writer as soon as
    the last one commits. Other databases need no such help.
    """
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        # Inside an outer transaction the write lock may already be held: queuing could deadlock.
        yield
        return
    path = Path(settings.DATA_DIR) / ".appeal-writer.lock"
    with _thread_lock, open(path, "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _save_appeal(
    case: Case, codes: list[str], files: list[uploads.CleanFile], *, actor: User | None = None
) -> None:
    with _sqlite_writer_turn(), transaction.atomic():
        _save_appeal_rows(case, codes, files, actor=actor)


def _save_appeal_rows(
    case: Case, codes: list[str], files: list[uploads.CleanFile], *, actor: User | None
) -> None:
    for attempt in range(5):
        try:
            with transaction.atomic():
                case.save(force_insert=True)
            break
        except IntegrityError:
            if attempt == 4:
                raise
            case.reference = new_reference()
    CaseViolation.objects.bulk_create([CaseViolation(case=case, code=code) for code in codes])
    CaseAction.objects.create(
        case=case,
        kind=CaseAction.Kind.RECEIVED,
        at=case.received_at,
        actor=actor,
        organisation_id=case.organisation_id,
    )
    _store_files(case, files, from_migrant=actor is None)
    audit_create(actor, case, message="public appeal" if actor is None else f"recorded ({case.source})")


def appeal_authenticate(*, reference: str, secret: str) -> Case | None:
    """The case if code and secret match, else None — in about the same time either way."""
    wanted = normalise_code(reference)
    pretty = "KZ-" + _group(wanted[2:]) if wanted.startswith("KZ") else ""
    case = Case.objects.filter(reference=pretty).first() if pretty else None
    stored = case.secret_hash if case is not None else _DUMMY_HASH
    try:
        ok = _hasher.verify(stored, normalise_code(secret))
    except (VerificationError, InvalidHashError):
        ok = False
    return case if (ok and case is not None) else None


@transaction.atomic
def appeal_add_information(*, case: Case, text: str, files: list[uploads.CleanFile]) -> None:
    note = text.strip()
    if not note and not files:
        return
    action = CaseAction.objects.create(
        case=case,
        kind=CaseAction.Kind.MIGRANT,
        organisation=case.organisation,
        note_enc=seal(note, "cases.caseaction.note"),
    )
    stored = _store_files(case, files, from_migrant=True)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    audit_record(
        actor=None,
        action=AuditEntry.Action.CREATE,
        obj=action,
        object_repr=f"{case.reference}: migrant added information ({len(stored)} files)",
        organisation_id=case.organisation_id,
    )


# --- personal data ---------------------------------------------------------------


@dataclass(frozen=True)
class PersonalData:
    full_name: str
    phone: str
    passport_number: str
    address: str
    contact_details: str
    employer: str
    story: str
    plan: str


def case_reveal(*, case: Case, actor: User, purpose: str = "case page") -> PersonalData:
    """Decrypt a case's personal data for a caseworker of its organisation; writes a "view" audit entry."""
    require_handler(actor, case)
    audit_record(actor=actor, action=AuditEntry.Action.VIEW, obj=case, message=purpose)
    return PersonalData(
        full_name=unseal(case.full_name_enc, "cases.case.full_name"),
        phone=unseal(case.phone_enc, "cases.case.phone"),
        passport_number=unseal(case.passport_enc, "cases.case.passport"),
        address=unseal(case.address_enc, "cases.case.address"),
        contact_details=unseal(case.contact_enc, "cases.case.contact"),
        employer=unseal(case.employer_enc, "cases.case.employer"),
        story=unseal(case.story_enc, "cases.case.story"),
        plan=unseal(case.plan_enc, "cases.case.plan"),
    )


def action_note(action: CaseAction) -> str:
    return unseal(action.note_enc, "cases.caseaction.note")


def attachment_read(*, attachment: Attachment, actor: User) -> bytes:
    require_handler(actor, attachment.case)
    audit_record(
        actor=actor,
        action=AuditEntry.Action.VIEW,
        obj=attachment.case,
        message=f"attachment {attachment.name}",
    )
    return uploads.read_decrypted(attachment.name)


# --- case handling ------------------------------------------------------------------


def require_handler(actor: Any, case: Case) -> None:
    if case.organisation_id is None or not can_in_organisation(
        actor, Perm.HANDLE_CASES, case.organisation_id
    ):
        raise PermissionDenied


def _require_open(case: Case) -> None:
    if not case.is_open:
        raise ValidationError(ERROR_CLOSED, code="closed")


def _log(case: Case, actor: User | None, kind: str, note: str = "") -> CaseAction:
    return CaseAction.objects.create(
        case=case,
        kind=kind,
        actor=actor,
        organisation=case.organisation,
        note_enc=seal(note.strip(), "cases.caseaction.note") if note.strip() else "",
    )


def _touch(case: Case) -> None:
    case.updated_at = timezone.now()


@transaction.atomic
def case_triage(
    *, case: Case, actor: User, flags: dict[str, bool], deadline: dt.date | None, note: str = ""
) -> Case:
    require_handler(actor, case)
    _require_open(case)
    before = snapshot(case)
    for name in Case.FLAG_FIELDS:
        setattr(case, name, bool(flags.get(name, False)))
    case.urgent = any(getattr(case, name) for name in Case.FLAG_FIELDS) or case.in_danger
    case.deadline = deadline
    if case.status == Case.Status.NEW:
        case.status = Case.Status.TRIAGED
    case.triaged_at = case.triaged_at or timezone.now()
    _touch(case)
    case.save()
    _log(case, actor, CaseAction.Kind.TRIAGE, note)
    audit_update(actor, case, before)
    return case


def caseworkers_for(case: Case) -> list[tuple[User, bool, bool]]:
    """Caseworkers of the handling organisation with (is a woman, speaks the language), best match first."""
    users = list(
        User.objects.filter(
            memberships__organisation_id=case.organisation_id,
            memberships__role="caseworker",
            is_active=True,
        )
        .select_related("caseworker_profile")
        .distinct()
    )
    rows = []
    for user in users:
        profile = getattr(user, "caseworker_profile", None)
        woman = bool(profile and profile.is_woman)
        speaks = bool(profile and case.preferred_language in (profile.languages or []))
        rows.append((user, woman, speaks))
    rows.sort(key=lambda r: (not (r[1] or not case.wants_woman), not r[2], r[0].email))
    return rows


ERROR_WOMAN_REQUIRED = gettext_noop(
    "The migrant asked for a woman to handle the case. Choose a woman caseworker, "
    "or confirm that none is available."
)


@transaction.atomic
def case_assign(*, case: Case, actor: User, caseworker: User, override_preference: bool = False) -> Case:
    require_handler(actor, case)
    _require_open(case)
    if not can_in_organisation(caseworker, Perm.HANDLE_CASES, case.organisation_id):  # type: ignore[arg-type]
        raise ValidationError(ERROR_NOT_CASEWORKER, code="caseworker")
    profile = getattr(caseworker, "caseworker_profile", None)
    if case.wants_woman and not (profile and profile.is_woman) and not override_preference:
        raise ValidationError(ERROR_WOMAN_REQUIRED, code="preference")
    before = snapshot(case)
    case.caseworker = caseworker
    if case.status in (Case.Status.NEW, Case.Status.TRIAGED):
        case.status = Case.Status.IN_PROGRESS
    _touch(case)
    case.save()
    _log(case, actor, CaseAction.Kind.ASSIGN, str(caseworker))
    audit_update(actor, case, before)
    return case


@transaction.atomic
def case_plan_update(*, case: Case, actor: User, plan: str) -> Case:
    require_handler(actor, case)
    _require_open(case)
    before = snapshot(case)
    case.plan_enc = seal(plan.strip(), "cases.case.plan")
    _touch(case)
    case.save()
    _log(case, actor, CaseAction.Kind.PLAN)
    audit_update(actor, case, before)
    return case


@transaction.atomic
def case_action_add(*, case: Case, actor: User, note: str) -> CaseAction:
    require_handler(actor, case)
    action = _log(case, actor, CaseAction.Kind.NOTE, note)
    Case.objects.filter(pk=case.pk).update(updated_at=timezone.now())
    audit_create(actor, action, organisation_id=case.organisation_id)
    return action


@transaction.atomic
def referral_create(*, case: Case, actor: User, to_organisation: Organisation, reason: str = "") -> Referral:
    require_handler(actor, case)
    _require_open(case)
    if to_organisation.pk == case.organisation_id:
        raise ValidationError(ERROR_REFER_SELF, code="self")
    if case.referrals.filter(status=Referral.Status.PENDING).exists():
        raise ValidationError(ERROR_REFERRAL_PENDING, code="pending")
    referral = Referral.objects.create(
        case=case,
        from_organisation_id=case.organisation_id,
        to_organisation=to_organisation,
        reason=reason.strip(),
        created_by=actor,
    )
    before = snapshot(case)
    case.status = Case.Status.REFERRED
    _touch(case)
    case.save()
    _log(case, actor, CaseAction.Kind.REFERRAL, str(to_organisation))
    audit_create(actor, referral, organisation_id=case.organisation_id)
    audit_update(actor, case, before)
    return referral


@transaction.atomic
def referral_answer(*, referral: Referral, actor: User, accept: bool, answer: str = "") -> Referral:
    """The partner accepts (the case moves to it, assigned to the one who accepted) or declines."""
    if not can_in_organisation(actor, Perm.HANDLE_CASES, referral.to_organisation_id):
        raise PermissionDenied
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.status != Referral.Status.PENDING:
        raise ValidationError(ERROR_REFERRAL_ANSWERED, code="answered")
    before_ref = snapshot(referral)
    referral.status = Referral.Status.ACCEPTED if accept else Referral.Status.DECLINED
    referral.answered_by = actor
    referral.answered_at = timezone.now()
    referral.answer = answer.strip()
    referral.save()
    case = referral.case
    before = snapshot(case)
    if accept:
        case.organisation = referral.to_organisation
        case.caseworker = actor
        case.status = Case.Status.IN_PROGRESS
    else:
        case.status = Case.Status.IN_PROGRESS if case.caseworker_id else Case.Status.TRIAGED
    _touch(case)
    case.save()
    _log(case, actor, CaseAction.Kind.REFERRAL, str(referral.get_status_display()))
    audit_update(actor, referral, before_ref, organisation_id=referral.to_organisation_id)
    audit_update(actor, case, before)
    return referral


@transaction.atomic
def case_close(
    *,
    case: Case,
    actor: User,
    outcome: str,
    amount: Decimal | None = None,
    currency: str = "",
    note: str = "",
) -> Case:
    require_handler(actor, case)
    _require_open(case)
    if outcome not in Case.Outcome.values:
        raise ValidationError(ERROR_OUTCOME, code="outcome")
    if outcome == Case.Outcome.WAGES_RECOVERED and (amount is None or amount <= 0 or not currency):
        raise ValidationError(ERROR_AMOUNT_REQUIRED, code="amount")
    before = snapshot(case)
    case.outcome = outcome
    case.amount_recovered = amount if amount is not None and currency else None
    case.recovered_currency = currency if case.amount_recovered is not None else ""
    case.status = Case.Status.CLOSED
    case.closed_at = timezone.now()
    _touch(case)
    case.save()
    _log(case, actor, CaseAction.Kind.OUTCOME, note)
    audit_update(actor, case, before)
    return case


@transaction.atomic
def case_reopen(*, case: Case, actor: User, reason: str = "") -> Case:
    require_handler(actor, case)
    if case.is_open:
        raise ValidationError(ERROR_NOT_CLOSED, code="open")
    before = snapshot(case)
    case.status = Case.Status.IN_PROGRESS if case.caseworker_id else Case.Status.TRIAGED
    case.outcome = ""
    case.amount_recovered = None
    case.recovered_currency = ""
    case.closed_at = None
    _touch(case)
    case.save()
    _log(case, actor, CaseAction.Kind.REOPEN, reason)
    audit_update(actor, case, before)
    return case
