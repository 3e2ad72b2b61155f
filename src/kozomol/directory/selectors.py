"""Reading the help directory."""

from __future__ import annotations

import time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from kozomol.accounts.access import NOT_FOUND, can_in_organisation, organisation_ids_for_user
from kozomol.accounts.roles import Perm
from kozomol.directory.models import Service
from kozomol.places.models import Location


def published_services() -> QuerySet[Service]:
    return Service.objects.filter(is_published=True).select_related("organisation", "country", "city")


def search_services(
    *,
    country: Location | None = None,
    city: Location | None = None,
    kind: str = "",
    language: str = "",
    women_staff: bool = False,
    text: str = "",
) -> QuerySet[Service]:
    qs = published_services()
    if country is not None:
        qs = qs.filter(country=country)
    if city is not None:
        qs = qs.filter(city=city)
    if kind:
        qs = qs.filter(kind=kind)
    if women_staff:
        qs = qs.filter(women_staff=True)
    if text:
        qs = qs.filter(
            Q(provider_ru__icontains=text)
            | Q(provider_ky__icontains=text)
            | Q(provider_en__icontains=text)
            | Q(organisation__name_ru__icontains=text)
            | Q(organisation__name_en__icontains=text)
            | Q(description_ru__icontains=text)
            | Q(description_ky__icontains=text)
            | Q(description_en__icontains=text)
        )
    services = qs.order_by("country__code", "city__name_ru", "kind", "id")
    if language:
        # JSON containment differs between SQLite and PostgreSQL; the directory is small.
        return (
            Service.objects.filter(pk__in=[s.pk for s in services if language in (s.languages or [])])
            .select_related("organisation", "country", "city")
            .order_by("country__code", "city__name_ru", "kind", "id")
        )
    return services


def services_near(
    *, city: Location | None, country: Location | None, women_staff: bool = False, limit: int = 6
) -> list[Service]:
    """Services in the migrant's city first, then elsewhere in the country; women staff first if asked."""
    if country is None and city is None:
        return []
    found = _published_in(country.pk if country is not None else None, city.pk if city is not None else None)
    city_id = city.pk if city is not None else None
    found.sort(key=lambda s: (s.city_id != city_id, women_staff and not s.women_staff, s.kind, s.pk))
    return found[:limit]


_NEAR_CACHE: dict[tuple[int | None, int | None], tuple[float, list[Service]]] = {}
NEAR_CACHE_SECONDS = 60.0


def _published_in(country_id: int | None, city_id: int | None) -> list[Service]:
    """Published services of a country (or city), kept a minute per process: the directory changes
    seldom, and every filed appeal shows them."""
    key = (country_id, city_id)
    now = time.monotonic()
    hit = _NEAR_CACHE.get(key)
    if hit is not None and now - hit[0] < NEAR_CACHE_SECONDS:
        return list(hit[1])
    place = Q(country_id=country_id) if country_id is not None else Q(city_id=city_id)
    found = list(published_services().filter(place).order_by("id")[:200])
    if len(_NEAR_CACHE) > 500:
        _NEAR_CACHE.clear()
    _NEAR_CACHE[key] = (now, found)
    return list(found)


def clear_near_cache() -> None:
    _NEAR_CACHE.clear()


def maintainer_organisation_ids(user: Any) -> list[int]:
    return [o for o in organisation_ids_for_user(user) if can_in_organisation(user, Perm.MANAGE_DIRECTORY, o)]


def services_for_maintainer(user: Any) -> QuerySet[Service]:
    return Service.objects.filter(maintained_by_id__in=maintainer_organisation_ids(user)).select_related(
        "organisation", "country", "city", "maintained_by"
    )


def get_service_for_maintainer(user: Any, pk: int) -> Service:
    """The entry if the user may maintain it; 403 for other members of its organisation, 404 for anyone else."""
    service = (
        Service.objects.select_related("organisation", "country", "city", "maintained_by")
        .filter(pk=pk)
        .first()
    )
    if service is None or service.maintained_by_id not in organisation_ids_for_user(user):
        raise Http404(NOT_FOUND)
    if not can_in_organisation(user, Perm.MANAGE_DIRECTORY, service.maintained_by_id):
        raise PermissionDenied
    return service
