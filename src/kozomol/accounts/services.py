"""Changes to people, organisations and memberships. Each writes the audit log."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.accounts.models import Membership, Organisation, User
from kozomol.accounts.roles import Role
from kozomol.audit.services import audit_create, audit_delete, audit_update, snapshot, stored_snapshot

LAST_ADMIN_ERROR = gettext_noop("An organisation must keep at least one administrator or coordinator.")


@transaction.atomic
def user_create(*, actor: Any, email: str, full_name: str = "", password: str | None = None) -> User:
    user = User.objects.create_user(email=email, password=password, full_name=full_name)
    if password is None:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    audit_create(actor, user, sensitive=("password",))
    return user


@transaction.atomic
def organisation_create(*, actor: Any, **fields: Any) -> Organisation:
    org = Organisation(**fields)
    org.full_clean()
    org.save()
    audit_create(actor, org, organisation_id=org.pk)
    return org


@transaction.atomic
def organisation_update(*, actor: Any, organisation: Organisation, **fields: Any) -> Organisation:
    before = stored_snapshot(organisation)
    for name, value in fields.items():
        setattr(organisation, name, value)
    organisation.full_clean()
    organisation.save()
    audit_update(actor, organisation, before, organisation_id=organisation.pk)
    return organisation


@transaction.atomic
def membership_add(
    *, actor: Any, organisation: Organisation, email: str, role: str, full_name: str = ""
) -> Membership:
    """Give ``email`` a role in ``organisation``, creating the account if needed.

    A new account has no usable password: the person sets one through the
    password-reset link, so no password travels by email or chat.
    """
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    user = User.objects.filter(email__iexact=email.strip()).first()
    if user is None:
        user = user_create(actor=actor, email=email.strip(), full_name=full_name)
    membership, created = Membership.objects.get_or_create(user=user, organisation=organisation, role=role)
    if created:
        audit_create(actor, membership, organisation_id=organisation.pk)
    return membership


def _managers_left(organisation: Organisation, excluding: Membership) -> int:
    return (
        Membership.objects.filter(organisation=organisation, role__in=[Role.ADMIN, Role.COORDINATOR])
        .exclude(pk=excluding.pk)
        .count()
    )


@transaction.atomic
def membership_change_role(*, actor: Any, membership: Membership, role: str) -> Membership:
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if (
        membership.role in (Role.ADMIN, Role.COORDINATOR)
        and role
        not in (
            Role.ADMIN,
            Role.COORDINATOR,
        )
        and _managers_left(membership.organisation, membership) == 0
    ):
        raise ValidationError(_(LAST_ADMIN_ERROR))
    if (
        Membership.objects.filter(user=membership.user, organisation=membership.organisation, role=role)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError({"role": _("This person already has that role here.")})
    before = snapshot(membership)
    membership.role = role
    membership.save(update_fields=["role"])
    audit_update(actor, membership, before, organisation_id=membership.organisation_id)
    return membership


@transaction.atomic
def membership_remove(*, actor: Any, membership: Membership) -> None:
    if (
        membership.role in (Role.ADMIN, Role.COORDINATOR)
        and _managers_left(membership.organisation, membership) == 0
    ):
        raise ValidationError(_(LAST_ADMIN_ERROR))
    audit_delete(actor, membership, organisation_id=membership.organisation_id)
    membership.delete()
