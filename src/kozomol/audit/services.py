"""Writing the audit log. Every service that changes data calls :func:`audit_record`."""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from kozomol.audit.context import current_ip
from kozomol.audit.models import GENESIS_HASH, AuditEntry, AuditHead

MASK = "***"


def _plain(value: Any) -> Any:
    """A JSON-friendly rendering of a field value for the changes record."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (dt.datetime, dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, (decimal.Decimal, uuid.UUID)):
        return str(value)
    if isinstance(value, bytes):
        return MASK
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def snapshot(obj: models.Model, fields: Iterable[str] | None = None) -> dict[str, Any]:
    """Field values of ``obj`` (concrete, non-m2m), keyed by field name."""
    names = fields or [f.attname for f in obj._meta.concrete_fields if not f.primary_key]
    return {name: _plain(getattr(obj, name, None)) for name in names}


def stored_snapshot(obj: models.Model) -> dict[str, Any]:
    """The values as the database has them, before any unsaved change to ``obj``.

    ModelForm validation writes the new values onto the instance, so a
    snapshot of the instance itself would already show them.
    """
    stored = type(obj)._default_manager.filter(pk=obj.pk).first()
    return snapshot(stored if stored is not None else obj)


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, list[Any]]:
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def _mask(changes: Mapping[str, Any], sensitive: Iterable[str]) -> dict[str, Any]:
    hidden = set(sensitive)
    masked: dict[str, Any] = {}
    for key, value in changes.items():
        base = key.removesuffix("_id")
        if key in hidden or base in hidden:
            masked[key] = [MASK, MASK] if isinstance(value, list) and len(value) == 2 else MASK
        else:
            masked[key] = value
    return masked


def _sensitive_fields(obj: models.Model | None) -> set[str]:
    if obj is None:
        return set()
    return set(getattr(type(obj), "SENSITIVE_FIELDS", ()))


@transaction.atomic
def audit_record(
    *,
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    changes: Mapping[str, Any] | None = None,
    message: str = "",
    organisation_id: int | None = None,
    campaign_id: int | None = None,
    sensitive: Iterable[str] = (),
) -> AuditEntry:
    """Append one entry to the chain. Values of sensitive fields are masked."""
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
        object_repr = object_repr or str(obj)[:250]
        campaign_id = campaign_id or getattr(obj, "campaign_id", None)
        organisation_id = organisation_id or getattr(obj, "organisation_id", None)
    user = actor if getattr(actor, "is_authenticated", False) else None
    # Locking the head row orders concurrent writers; on SQLite the IMMEDIATE
    # transaction already holds the database write lock.
    head, _ = AuditHead.objects.select_for_update().get_or_create(id=1, defaults={"last_hash": GENESIS_HASH})
    entry = AuditEntry(
        created_at=timezone.now(),
        actor=user,
        actor_label=(getattr(user, "email", "") if user else str(actor or ""))[:254],
        action=action,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr[:250],
        organisation_id_ref=organisation_id,
        campaign_id_ref=campaign_id,
        changes=_mask(changes or {}, set(sensitive) | _sensitive_fields(obj)),
        message=message[:500],
        ip_address=current_ip(),
        prev_hash=head.last_hash,
    )
    entry.entry_hash = entry.compute_hash()
    entry.save(force_insert=True)
    AuditHead.objects.filter(id=1).update(last_hash=entry.entry_hash, last_entry_id=entry.pk)
    return entry


def audit_create(actor: Any, obj: models.Model, **extra: Any) -> AuditEntry:
    return audit_record(
        actor=actor,
        action=AuditEntry.Action.CREATE,
        obj=obj,
        changes={k: [None, v] for k, v in snapshot(obj).items()},
        **extra,
    )


def audit_update(actor: Any, obj: models.Model, before: Mapping[str, Any], **extra: Any) -> AuditEntry | None:
    """Record the fields that changed since ``before`` (a :func:`snapshot`); nothing if none did."""
    changes = diff(before, snapshot(obj, before.keys()))
    if not changes:
        return None
    return audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=obj, changes=changes, **extra)


def audit_delete(actor: Any, obj: models.Model, **extra: Any) -> AuditEntry:
    return audit_record(
        actor=actor,
        action=AuditEntry.Action.DELETE,
        obj=obj,
        changes={k: [v, None] for k, v in snapshot(obj).items()},
        **extra,
    )


def verify_chain(*, batch_size: int = 5000) -> tuple[int, AuditEntry | None, str]:
    """Walk the chain oldest first. Returns (entries checked, first bad entry, reason)."""
    expected_prev = GENESIS_HASH
    checked = 0
    last_id = 0
    while True:
        batch = list(AuditEntry.objects.filter(id__gt=last_id).order_by("id")[:batch_size])
        if not batch:
            break
        for entry in batch:
            if entry.prev_hash != expected_prev:
                return (
                    checked,
                    entry,
                    "previous-hash link broken (an entry before it was removed or inserted)",
                )
            if entry.compute_hash() != entry.entry_hash:
                return checked, entry, "content does not match its hash (the entry was changed)"
            expected_prev = entry.entry_hash
            checked += 1
            last_id = entry.id
    head = AuditHead.objects.filter(id=1).first()
    if head is not None and head.last_hash != expected_prev:
        return checked, None, "the newest entries were removed (chain head does not match)"
    return checked, None, ""
