"""Who may see and do what: the only place that answers it.

Visibility follows membership: a user knows about the organisations they
belong to and the campaigns those organisations take part in. Anything else
answers 404, so an outsider cannot even learn that it exists. Within what is
visible, the user's roles (in the organisations that take part) decide what
they may do; a missing permission answers 403.

Views and other apps call the getters (``get_<x>_for_user``) and selectors
here instead of filtering by hand.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db.models import F, QuerySet
from django.http import Http404

from kozomol.accounts.models import Membership, Organisation, User
from kozomol.accounts.roles import Perm, Role, perms_for_roles

if TYPE_CHECKING:
    from kozomol.campaigns.models import Campaign

NOT_FOUND = "Not found."


def _is_user(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and getattr(user, "is_active", False)


def organisation_ids_for_user(user: Any) -> list[int]:
    if not _is_user(user):
        return []
    cache = getattr(user, "_kozomol_org_ids", None)
    if cache is None:
        cache = sorted(set(Membership.objects.filter(user=user).values_list("organisation_id", flat=True)))
        user._kozomol_org_ids = cache
    return list(cache)


def roles_in_organisation(user: Any, organisation: Organisation | int) -> frozenset[str]:
    if not _is_user(user):
        return frozenset()
    org_id = organisation if isinstance(organisation, int) else organisation.pk
    return frozenset(
        Membership.objects.filter(user=user, organisation_id=org_id).values_list("role", flat=True)
    )


def roles_in_campaign(user: Any, campaign: Campaign) -> frozenset[str]:
    """The user's roles in every organisation that takes part in ``campaign``."""
    if not _is_user(user):
        return frozenset()
    cache: dict[int, frozenset[str]] = getattr(user, "_kozomol_campaign_roles", None) or {}
    if campaign.pk not in cache:
        cache[campaign.pk] = frozenset(
            Membership.objects.filter(user=user, organisation__participations__campaign=campaign).values_list(
                "role", flat=True
            )
        )
        user._kozomol_campaign_roles = cache
    return cache[campaign.pk]


def campaign_perms(user: Any, campaign: Campaign) -> frozenset[Perm]:
    return perms_for_roles(roles_in_campaign(user, campaign))


def can(user: Any, perm: Perm, campaign: Campaign) -> bool:
    return perm in campaign_perms(user, campaign)


def can_in_organisation(user: Any, perm: Perm, organisation: Organisation | int) -> bool:
    return perm in perms_for_roles(roles_in_organisation(user, organisation))


def has_any_role(user: Any, *roles: Role) -> bool:
    if not _is_user(user):
        return False
    return Membership.objects.filter(user=user, role__in=roles).exists()


# --- campaigns -------------------------------------------------------------


def campaigns_for_user(user: Any) -> QuerySet[Campaign]:
    from kozomol.campaigns.models import Campaign

    org_ids = organisation_ids_for_user(user)
    if not org_ids:
        return Campaign.objects.none()
    return Campaign.objects.filter(participations__organisation_id__in=org_ids).distinct()


def get_campaign_for_user(user: Any, slug: str, perm: Perm = Perm.VIEW_CAMPAIGN) -> Campaign:
    """The campaign ``slug`` if the user may know it (else 404) and holds ``perm`` (else 403)."""
    from kozomol.campaigns.models import Campaign

    if not _is_user(user):
        raise Http404(NOT_FOUND)
    # Nearly every campaign page starts here, so one query answers both questions: the
    # campaign once per membership of the user in an organisation taking part, with its role.
    rows = list(
        Campaign.objects.filter(slug=slug, participations__organisation__memberships__user=user).annotate(
            member_role=F("participations__organisation__memberships__role")
        )
    )
    if not rows:
        raise Http404(NOT_FOUND)
    campaign = rows[0]
    roles = frozenset(row.member_role for row in rows)
    cache: dict[int, frozenset[str]] = getattr(user, "_kozomol_campaign_roles", None) or {}
    cache[campaign.pk] = roles  # what roles_in_campaign would ask the database for next
    user._kozomol_campaign_roles = cache
    if perm not in perms_for_roles(roles):
        raise PermissionDenied
    return campaign


# --- organisations ---------------------------------------------------------


def organisations_for_user(user: Any) -> QuerySet[Organisation]:
    """Organisations a user may look at: their own and their campaigns' partners."""
    org_ids = organisation_ids_for_user(user)
    if not org_ids:
        return Organisation.objects.none()
    from kozomol.campaigns.models import Participation

    partner_ids = Participation.objects.filter(campaign__participations__organisation_id__in=org_ids).values(
        "organisation_id"
    )
    return Organisation.objects.filter(pk__in=set(org_ids)) | Organisation.objects.filter(pk__in=partner_ids)


def get_organisation_for_user(user: Any, organisation_id: int, perm: Perm | None = None) -> Organisation:
    org = organisations_for_user(user).filter(pk=organisation_id).distinct().first()
    if org is None:
        raise Http404(NOT_FOUND)
    if perm is not None and not can_in_organisation(user, perm, org):
        raise PermissionDenied
    return org


def users_for_user(user: Any) -> QuerySet[User]:
    """People a user may see: members of the organisations they may see."""
    return User.objects.filter(
        memberships__organisation__in=organisations_for_user(user).values("pk")
    ).distinct()
