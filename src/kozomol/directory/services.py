"""Changes to the help directory (coordinators of the maintaining organisation)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_noop

from kozomol.accounts.access import can_in_organisation
from kozomol.accounts.models import Organisation
from kozomol.accounts.roles import Perm
from kozomol.audit.services import audit_create, audit_delete, audit_update, stored_snapshot
from kozomol.directory.models import Service
from kozomol.directory.selectors import clear_near_cache

ERROR_PROVIDER = gettext_noop("Give the provider's name or choose an organisation.")
ERROR_CITY_COUNTRY = gettext_noop("This city is not in the chosen country.")


def _validate(service: Service) -> None:
    if not (service.provider_ru or service.provider_ky or service.provider_en or service.organisation_id):
        raise ValidationError({"provider_ru": ERROR_PROVIDER})
    if service.city_id and service.city.country_code != service.country.code:
        raise ValidationError({"city": ERROR_CITY_COUNTRY})


@transaction.atomic
def service_create(*, actor: Any, maintained_by: Organisation, **fields: Any) -> Service:
    if not can_in_organisation(actor, Perm.MANAGE_DIRECTORY, maintained_by):
        raise PermissionDenied
    service = Service(maintained_by=maintained_by, **fields)
    _validate(service)
    service.save()
    transaction.on_commit(clear_near_cache)
    audit_create(actor, service, organisation_id=maintained_by.pk)
    return service


@transaction.atomic
def service_update(*, actor: Any, service: Service, **fields: Any) -> Service:
    if not can_in_organisation(actor, Perm.MANAGE_DIRECTORY, service.maintained_by_id):
        raise PermissionDenied
    before = stored_snapshot(service)
    for name, value in fields.items():
        setattr(service, name, value)
    _validate(service)
    service.save()
    transaction.on_commit(clear_near_cache)
    audit_update(actor, service, before, organisation_id=service.maintained_by_id)
    return service


@transaction.atomic
def service_delete(*, actor: Any, service: Service) -> None:
    if not can_in_organisation(actor, Perm.MANAGE_DIRECTORY, service.maintained_by_id):
        raise PermissionDenied
    audit_delete(actor, service, organisation_id=service.maintained_by_id)
    service.delete()
    transaction.on_commit(clear_near_cache)
