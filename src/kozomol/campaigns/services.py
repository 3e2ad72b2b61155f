"""Changes to campaigns, their partners and target groups. Each writes the audit log."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.accounts.models import Organisation
from kozomol.audit.models import AuditEntry
from kozomol.audit.services import (
    audit_create,
    audit_delete,
    audit_record,
    audit_update,
    diff,
    snapshot,
    stored_snapshot,
)
from kozomol.campaigns.models import DEFAULT_TARGET_GROUPS, Campaign, Participation, TargetGroup
from kozomol.places.models import Location

LAST_PARTNER_ERROR = gettext_noop("A campaign must keep at least one participating organisation.")
NO_NEXT_STATUS_ERROR = gettext_noop("The campaign is already published.")


def _set_places(
    campaign: Campaign, countries: Iterable[Location] | None, cities: Iterable[Location] | None
) -> None:
    if countries is not None:
        campaign.countries.set(countries)
    if cities is not None:
        campaign.cities.set(cities)


def _places(campaign: Campaign) -> dict[str, list[str]]:
    return {
        "countries": sorted(campaign.countries.values_list("code", flat=True)),
        "cities": sorted(campaign.cities.values_list("code", flat=True)),
    }


@transaction.atomic
def campaign_create(
    *,
    actor: Any,
    lead_organisation: Organisation,
    countries: Iterable[Location] | None = None,
    cities: Iterable[Location] | None = None,
    with_default_target_groups: bool = True,
    **fields: Any,
) -> Campaign:
    campaign = Campaign(**fields)
    campaign.full_clean()
    campaign.save()
    _set_places(campaign, countries, cities)
    Participation.objects.create(campaign=campaign, organisation=lead_organisation, is_lead=True)
    if with_default_target_groups:
        for position, (code, names) in enumerate(DEFAULT_TARGET_GROUPS):
            TargetGroup.objects.create(
                campaign=campaign,
                code=code,
                position=position,
                name_ru=names["ru"],
                name_ky=names["ky"],
                name_en=names["en"],
            )
    audit_create(actor, campaign, campaign_id=campaign.pk, organisation_id=lead_organisation.pk)
    return campaign


@transaction.atomic
def campaign_update(
    *,
    actor: Any,
    campaign: Campaign,
    countries: Iterable[Location] | None = None,
    cities: Iterable[Location] | None = None,
    **fields: Any,
) -> Campaign:
    before = stored_snapshot(campaign)
    before_places = _places(campaign)
    for name, value in fields.items():
        setattr(campaign, name, value)
    campaign.full_clean()
    campaign.save()
    _set_places(campaign, countries, cities)
    changes = diff(before, snapshot(campaign, before.keys())) | diff(before_places, _places(campaign))
    if changes:
        audit_record(actor=actor, action=AuditEntry.Action.UPDATE, obj=campaign, changes=changes)
    return campaign


@transaction.atomic
def campaign_advance_status(*, actor: Any, campaign: Campaign) -> Campaign:
    following = Campaign.NEXT_STATUS.get(campaign.status)
    if following is None:
        raise ValidationError(_(NO_NEXT_STATUS_ERROR))
    before = snapshot(campaign, ["status"])
    campaign.status = following
    campaign.save(update_fields=["status"])
    audit_update(actor, campaign, before)
    return campaign


@transaction.atomic
def participation_add(*, actor: Any, campaign: Campaign, organisation: Organisation) -> Participation:
    participation, created = Participation.objects.get_or_create(campaign=campaign, organisation=organisation)
    if created:
        audit_create(actor, participation, campaign_id=campaign.pk, organisation_id=organisation.pk)
    return participation


@transaction.atomic
def participation_remove(*, actor: Any, participation: Participation) -> None:
    if Participation.objects.filter(campaign=participation.campaign_id).count() <= 1:
        raise ValidationError(_(LAST_PARTNER_ERROR))
    audit_delete(actor, participation, campaign_id=participation.campaign_id)
    participation.delete()


@transaction.atomic
def target_group_create(*, actor: Any, campaign: Campaign, **fields: Any) -> TargetGroup:
    group = TargetGroup(campaign=campaign, **fields)
    group.full_clean()
    group.save()
    audit_create(actor, group)
    return group


@transaction.atomic
def target_group_update(*, actor: Any, group: TargetGroup, **fields: Any) -> TargetGroup:
    before = stored_snapshot(group)
    for name, value in fields.items():
        setattr(group, name, value)
    group.full_clean()
    group.save()
    audit_update(actor, group, before)
    return group
