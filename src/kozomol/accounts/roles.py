"""Roles and what each may do: the one table that decides permissions.

Visibility (which campaigns and organisations a user may know about) is decided
by membership in :mod:`kozomol.accounts.access`; what a visible user may *do*
is decided here by role.
"""

from __future__ import annotations

import enum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMIN = "admin", _("Administrator")
    COORDINATOR = "coordinator", _("Coordinator")
    MONITOR = "monitor", _("Monitor")
    ANALYST = "analyst", _("Analyst")
    CASEWORKER = "caseworker", _("Caseworker")
    VIEWER = "viewer", _("Viewer")


class Perm(enum.StrEnum):
    VIEW_CAMPAIGN = "view_campaign"
    MANAGE_CAMPAIGN = "manage_campaign"  # goals, status, target groups, partners
    MANAGE_ORGANISATION = "manage_organisation"  # members and their roles
    MANAGE_FORMS = "manage_forms"
    COLLECT = "collect"  # submit interviews, drafts, transcripts
    REVIEW_SUBMISSIONS = "review_submissions"
    EXPORT_DATA = "export_data"
    CODE = "code"
    MANAGE_CODEBOOK = "manage_codebook"
    ANALYSE = "analyse"  # indicators, dashboards beyond the public view
    DRAFT_FINDINGS = "draft_findings"
    APPROVE_FINDINGS = "approve_findings"
    PUBLISH_REPORT = "publish_report"
    HANDLE_CASES = "handle_cases"
    MANAGE_DIRECTORY = "manage_directory"
    VIEW_AUDIT = "view_audit"


_EVERYONE = {Perm.VIEW_CAMPAIGN}

ROLE_PERMS: dict[str, frozenset[Perm]] = {
    Role.ADMIN: frozenset(
        _EVERYONE
        | {
            Perm.MANAGE_CAMPAIGN,
            Perm.MANAGE_ORGANISATION,
            Perm.MANAGE_DIRECTORY,
            Perm.VIEW_AUDIT,
            Perm.EXPORT_DATA,
        }
    ),
    Role.COORDINATOR: frozenset(
        _EVERYONE
        | {
            Perm.MANAGE_CAMPAIGN,
            Perm.MANAGE_ORGANISATION,
            Perm.MANAGE_FORMS,
            Perm.COLLECT,
            Perm.REVIEW_SUBMISSIONS,
            Perm.EXPORT_DATA,
            Perm.CODE,
            Perm.MANAGE_CODEBOOK,
            Perm.ANALYSE,
            Perm.DRAFT_FINDINGS,
            Perm.APPROVE_FINDINGS,
            Perm.PUBLISH_REPORT,
            Perm.MANAGE_DIRECTORY,
        }
    ),
    Role.MONITOR: frozenset(_EVERYONE | {Perm.COLLECT}),
    Role.ANALYST: frozenset(_EVERYONE | {Perm.CODE, Perm.ANALYSE, Perm.DRAFT_FINDINGS, Perm.EXPORT_DATA}),
    Role.CASEWORKER: frozenset(_EVERYONE | {Perm.HANDLE_CASES}),
    Role.VIEWER: frozenset(_EVERYONE),
}

# Roles whose holders can read migrants' personal data; they must use 2FA.
PERSONAL_DATA_ROLES = frozenset({Role.ADMIN, Role.COORDINATOR, Role.CASEWORKER})


def perms_for_roles(roles: set[str] | frozenset[str]) -> frozenset[Perm]:
    result: set[Perm] = set()
    for role in roles:
        result |= ROLE_PERMS.get(role, frozenset())
    return frozenset(result)
