"""Re-encrypting personal data under the primary key (the work behind ``kozomol rotate_keys``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models, transaction

from kozomol.cases import uploads
from kozomol.cases.models import Attachment, Case, CaseAction
from kozomol.cases.sealing import key_ring, reload_keys
from kozomol.lib.crypto import KeyRing, add_primary_key, drop_keys_except

# model → {column: associated data used when sealing it}
SEALED: dict[type[models.Model], dict[str, str]] = {
    Case: {
        "full_name_enc": "cases.case.full_name",
        "phone_enc": "cases.case.phone",
        "passport_enc": "cases.case.passport",
        "address_enc": "cases.case.address",
        "contact_enc": "cases.case.contact",
        "employer_enc": "cases.case.employer",
        "story_enc": "cases.case.story",
        "plan_enc": "cases.case.plan",
    },
    CaseAction: {"note_enc": "cases.caseaction.note"},
}


@dataclass
class RotationReport:
    primary: str
    values: int = 0
    files: int = 0
    stale: int = 0  # values or files still under another key after the run (should be 0)


def start_rotation() -> KeyRing:
    """A new primary key when keys live in the keys dir; with keys from the environment, the first one."""
    ring = key_ring()
    if ring.source == "file":
        ring = add_primary_key(ring)
        reload_keys()
    return key_ring()


def reencrypt_all(*, batch: int = 500, progress: Callable[[int], None] | None = None) -> RotationReport:
    """Decrypt with whichever key sealed a value and encrypt it again under the primary key."""
    ring = key_ring()
    report = RotationReport(primary=ring.primary)
    for model, columns in SEALED.items():
        last = 0
        while True:
            with transaction.atomic():
                rows = list(
                    model._default_manager.select_for_update()
                    .filter(pk__gt=last)
                    .order_by("pk")
                    .only("pk", *columns)[:batch]
                )
                if not rows:
                    break
                changed = []
                for row in rows:
                    dirty = False
                    for column, aad in columns.items():
                        token = getattr(row, column)
                        if ring.needs_rotation(token):
                            setattr(row, column, ring.encrypt(ring.decrypt(token, aad), aad))
                            report.values += 1
                            dirty = True
                    if dirty:
                        changed.append(row)
                if changed:
                    model._default_manager.bulk_update(changed, list(columns))
                last = rows[-1].pk
            if progress:
                progress(len(rows))
    for attachment in Attachment.objects.order_by("pk").iterator():
        blob = uploads.stored_blob(attachment.name)
        if ring.file_key_id(blob) != ring.primary:
            uploads.write_encrypted(attachment.name, uploads.read_decrypted(attachment.name))
            report.files += 1
    report.stale = count_stale()
    return report


def count_stale() -> int:
    ring = key_ring()
    stale = 0
    for model, columns in SEALED.items():
        for values in model._default_manager.values_list(*columns).iterator():
            stale += sum(1 for token in values if ring.needs_rotation(token))
    for attachment in Attachment.objects.only("name").iterator():
        if ring.file_key_id(uploads.stored_blob(attachment.name)) != ring.primary:
            stale += 1
    return stale


def purge_old_keys() -> KeyRing:
    """Drop every key but the primary; refused while anything still needs an old key."""
    if count_stale():
        raise RuntimeError("some values are still sealed under an old key: run rotate_keys again first")
    ring = drop_keys_except(key_ring(), set())
    reload_keys()
    return ring
