"""Reading the audit log, scoped to what an administrator is responsible for."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from kozomol.accounts.models import Membership
from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry


def audit_entries_for_user(user: Any) -> QuerySet[AuditEntry]:
    """Entries about the organisations a user administers, their campaigns and their people."""
    if not getattr(user, "is_authenticated", False):
        return AuditEntry.objects.none()
    if user.is_superuser:
        return AuditEntry.objects.all()
    org_ids = list(
        Membership.objects.filter(user=user, role=Role.ADMIN).values_list("organisation_id", flat=True)
    )
    if not org_ids:
        return AuditEntry.objects.none()
    from kozomol.campaigns.models import Participation

    campaign_ids = Participation.objects.filter(organisation_id__in=org_ids).values("campaign_id")
    member_ids = Membership.objects.filter(organisation_id__in=org_ids).values("user_id")
    return AuditEntry.objects.filter(
        Q(organisation_id_ref__in=org_ids) | Q(campaign_id_ref__in=campaign_ids) | Q(actor_id__in=member_ids)
    )


def filter_entries(
    entries: QuerySet[AuditEntry],
    *,
    actor: str = "",
    action: str = "",
    object_type: str = "",
    date_from: Any = None,
    date_to: Any = None,
) -> QuerySet[AuditEntry]:
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if action:
        entries = entries.filter(action=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if date_from:
        entries = entries.filter(created_at__date__gte=date_from)
    if date_to:
        entries = entries.filter(created_at__date__lte=date_to)
    return entries
