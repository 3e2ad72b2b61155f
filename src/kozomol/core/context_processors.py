from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from kozomol import __version__
from kozomol.accounts.access import organisation_ids_for_user
from kozomol.accounts.models import Membership
from kozomol.accounts.roles import Role
from kozomol.core.nav import site_links_for


def kozomol(request: HttpRequest) -> dict[str, Any]:
    # Error pages can be rendered before the authentication middleware ran.
    user = getattr(request, "user", None) or AnonymousUser()
    roles: set[str] = set()
    if user.is_authenticated and organisation_ids_for_user(user):
        roles = set(Membership.objects.filter(user=user).values_list("role", flat=True))
    return {
        "kozomol_version": __version__,
        "my_roles": roles,
        "can_manage_people": bool(roles & {Role.ADMIN, Role.COORDINATOR}),
        "can_view_audit": Role.ADMIN in roles,
        "site_links": site_links_for(user),
    }
