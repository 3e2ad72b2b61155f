"""Erasing appeals' personal data: when the retention period is over, and when a person asks.

What is erased: every sealed column of the case (name, phone, passport number,
address, contacts, employer, story, plan), the blind indexes of phone and
passport, the notes of its action log, the free text of its referrals, and its
attachments (rows and encrypted files). What stays: the plain columns the
statistics count (violation types, country, city, month, gender, status,
outcome, amounts), so published figures do not change. The case keeps its
tracking code, and ``erased_at`` says when its personal data went.

On SQLite the erasing connection turns ``secure_delete`` on, so the freed
bytes are overwritten with zeros instead of lingering in free space, and the
write-ahead log is checkpointed afterwards, so the old pages leave the files
too. (PostgreSQL keeps dead row versions until VACUUM; autovacuum reclaims them.)

Every erasure writes one audit entry per case: who, when, why, which fields —
never the erased values.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_noop

from kozomol.accounts.access import organisation_ids_for_user, roles_in_organisation
from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_record
from kozomol.cases import uploads
from kozomol.cases.models import Attachment, Case, CaseAction, Referral
from kozomol.cases.sealing import passport_index, phone_index
from kozomol.lib.crypto import normalise_document_number, normalise_phone

# The columns cleared on erasure (sealed data and the blind indexes that could re-identify).
ERASED_FIELDS: tuple[str, ...] = (*Case.ENCRYPTED_FIELDS, "phone_bidx", "passport_bidx")

ERROR_NOTHING_TO_FIND = gettext_noop("Give a phone number, a passport number or a tracking code.")
ERROR_REASON = gettext_noop("Say why the data is erased (for example: the person asked on 3 March).")

BATCH = 500
# An attachment file with no row older than this is left over from an erasure whose
# process died between the commit and the unlink (or from a failed upload): remove it.
ORPHAN_FILE_AGE = dt.timedelta(hours=6)


@dataclass
class ErasureReport:
    references: list[str] = field(default_factory=list)
    attachments: int = 0
    orphan_files: int = 0

    @property
    def cases(self) -> int:
        return len(self.references)


# --- who may erase ---------------------------------------------------------------------

ERASING_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR})


def erasing_organisation_ids(user: Any) -> list[int]:
    """Organisations whose cases the user may erase on request: where they are admin or coordinator."""
    return [
        org_id
        for org_id in organisation_ids_for_user(user)
        if ERASING_ROLES & roles_in_organisation(user, org_id)
    ]


# --- finding a person's cases ---------------------------------------------------------


def find_person_cases(
    *, phone: str = "", passport: str = "", reference: str = "", organisation_ids: Iterable[int] | None = None
) -> QuerySet[Case]:
    """Cases of one person, found by the blind index of phone or passport number, or by tracking code.

    Nothing is decrypted: the given number is indexed with the same key and
    compared. ``organisation_ids`` limits the search to those organisations'
    cases (a page action); None searches all (the command line).
    """
    from kozomol.cases.services import normalise_code

    condition = Q()
    if len(normalise_phone(phone)) >= 6:
        condition |= Q(phone_bidx=phone_index(phone))
    if normalise_document_number(passport):
        condition |= Q(passport_bidx=passport_index(passport))
    code = normalise_code(reference)
    if code.startswith("KZ") and len(code) > 2:
        body = code[2:]
        condition |= Q(reference="KZ-" + "-".join(body[i : i + 4] for i in range(0, len(body), 4)))
    if not condition:
        raise ValidationError(ERROR_NOTHING_TO_FIND, code="empty")
    cases = Case.objects.filter(condition)
    if organisation_ids is not None:
        cases = cases.filter(organisation_id__in=list(organisation_ids))
    return cases.order_by("received_at", "id")


# --- erasing ---------------------------------------------------------------------------


def _secure_delete(value: int | None) -> int | None:
    """Set SQLite's secure_delete on this connection; returns the value it had (None elsewhere).

    Debian's SQLite has it on by default, other builds do not; the erasure must not depend on it.
    """
    if connection.vendor != "sqlite" or value is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA secure_delete")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA secure_delete = {int(value)}")
    return previous


def _checkpoint() -> None:
    """Copy the erased pages into the database file and empty the write-ahead log (SQLite only)."""
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _erase_batch(case_ids: list[int], *, actor: Any, reason: str, report: ErasureReport) -> None:
    now = timezone.now()
    with transaction.atomic():
        cases = list(
            Case.objects.select_for_update()
            .filter(pk__in=case_ids)
            .only("id", "reference", "organisation_id", "campaign_id")
        )
        names = list(Attachment.objects.filter(case_id__in=case_ids).values_list("name", flat=True))
        Case.objects.filter(pk__in=case_ids).update(
            **dict.fromkeys(ERASED_FIELDS, ""), erased_at=now, updated_at=now
        )
        CaseAction.objects.filter(case_id__in=case_ids).exclude(note_enc="").update(note_enc="")
        Referral.objects.filter(case_id__in=case_ids).update(reason="", answer="")
        Attachment.objects.filter(case_id__in=case_ids).delete()
        user = actor if getattr(actor, "is_authenticated", False) else None
        CaseAction.objects.bulk_create(
            [
                CaseAction(
                    case_id=c.pk,
                    kind=CaseAction.Kind.ERASED,
                    actor=user,
                    organisation_id=c.organisation_id,
                    at=now,
                )
                for c in cases
            ]
        )
        for case in cases:
            audit_record(
                actor=actor,
                action=AuditEntry.Action.DELETE,
                obj=case,
                object_repr=f"{case.reference}: personal data erased",
                changes={"erased_fields": list(ERASED_FIELDS), "attachments_deleted": len(names)},
                message=reason,
            )
        # Files go once the rows are committed; a crash in between leaves orphans the purge sweeps.
        transaction.on_commit(lambda: _unlink(names))
    report.references += [c.reference for c in cases]
    report.attachments += len(names)


def _unlink(names: list[str]) -> None:
    directory = uploads.storage_dir()
    for name in names:
        (directory / f"{name}.bin").unlink(missing_ok=True)


def erase_cases(case_ids: Iterable[int], *, actor: Any, reason: str) -> ErasureReport:
    """Erase the personal data of these cases (already erased ones are skipped), in batches."""
    ids = list(
        Case.objects.filter(pk__in=list(case_ids), erased_at__isnull=True).values_list("pk", flat=True)
    )
    report = ErasureReport()
    if not ids:
        return report
    previous = _secure_delete(1)
    try:
        for start in range(0, len(ids), BATCH):
            _erase_batch(ids[start : start + BATCH], actor=actor, reason=reason, report=report)
    finally:
        _secure_delete(previous)
    _checkpoint()
    return report


def erase_person_on_request(*, actor: Any, cases: QuerySet[Case] | list[Case], reason: str) -> ErasureReport:
    """A person asked for their data to be erased: erase the given cases of the actor's organisations.

    The page action passes the cases found through the blind index; every one
    must belong to an organisation where the actor is admin or coordinator.
    """
    if not reason.strip():
        raise ValidationError(ERROR_REASON, code="reason")
    allowed = set(erasing_organisation_ids(actor))
    found = list(cases)
    if not allowed or any(c.organisation_id not in allowed for c in found):
        raise PermissionDenied
    return erase_cases([c.pk for c in found], actor=actor, reason=f"on request: {reason.strip()}")


# --- retention --------------------------------------------------------------------------


def default_retention_days() -> int:
    return int(settings.KOZOMOL_APPEAL_RETENTION_DAYS)


def expired_cases(*, now: dt.datetime | None = None) -> QuerySet[Case]:
    """Closed cases with personal data whose campaign's retention period (or the default) is over."""
    from kozomol.campaigns.models import Campaign

    now = now or timezone.now()
    default_cutoff = now - dt.timedelta(days=default_retention_days())
    condition = Q(campaign__isnull=True, closed_at__lt=default_cutoff) | Q(
        campaign__appeal_retention_days__isnull=True, closed_at__lt=default_cutoff
    )
    for campaign_id, days in Campaign.objects.filter(appeal_retention_days__isnull=False).values_list(
        "pk", "appeal_retention_days"
    ):
        condition |= Q(campaign_id=campaign_id, closed_at__lt=now - dt.timedelta(days=days))
    return Case.objects.filter(condition, status=Case.Status.CLOSED, erased_at__isnull=True)


def purge_personal_data(*, actor: Any = "retention", now: dt.datetime | None = None) -> ErasureReport:
    """Erase the personal data of every case whose retention period is over; sweep orphan files."""
    ids = list(expired_cases(now=now).order_by("closed_at", "id").values_list("pk", flat=True))
    report = erase_cases(ids, actor=actor, reason="retention period over")
    report.orphan_files = sweep_orphan_files()
    return report


def sweep_orphan_files(*, older_than: dt.timedelta = ORPHAN_FILE_AGE) -> int:
    """Remove attachment files that no row names any more (see :func:`_erase_batch`)."""
    directory = uploads.storage_dir()
    cutoff = time.time() - older_than.total_seconds()
    candidates = {p.stem: p for p in directory.glob("*.bin") if p.stat().st_mtime < cutoff}
    if not candidates:
        return 0
    known: set[str] = set()
    names = list(candidates)
    for start in range(0, len(names), 900):
        known |= set(
            Attachment.objects.filter(name__in=names[start : start + 900]).values_list("name", flat=True)
        )
    removed = 0
    for name, path in candidates.items():
        if name not in known:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
