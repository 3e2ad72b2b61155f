from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kozomol.accounts.roles import Role
from kozomol.directory.models import Service
from kozomol.places.models import Location
from kozomol.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def service(world: World) -> Service:
    return Service.objects.create(
        provider_ru="Юридическая помощь",
        kind=Service.Kind.LEGAL_AID,
        country=Location.objects.get(code="KZ"),
        city=Location.objects.get(code="KZ-almaty"),
        maintained_by=world.org,
    )


def _form(**extra: Any) -> dict[str, Any]:
    data = {
        "provider_ru": "Кризисный центр",
        "kind": "shelter",
        "country": Location.objects.get(code="KZ").pk,
        "city": Location.objects.get(code="KZ-almaty").pk,
        "languages": ["ky"],
        "last_verified": "2026-11-01",
        "is_published": "on",
    }
    data.update(extra)
    return data


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMIN])
def test_maintainers_create_edit_and_remove_entries(world: World, service: Service, role: str) -> None:
    client = _client(world.users[role])
    assert client.get("/help/manage/").status_code == 200
    response = client.post("/help/manage/new/", _form(maintained_by=world.org.pk))
    assert response.status_code == 302
    created = Service.objects.get(provider_ru="Кризисный центр")
    assert created.maintained_by == world.org
    assert client.post(f"/help/manage/{service.pk}/", _form(provider_ru="Новое имя")).status_code == 302
    service.refresh_from_db()
    assert service.provider_ru == "Новое имя"
    assert client.post(f"/help/manage/{created.pk}/delete/").status_code == 302
    assert not Service.objects.filter(pk=created.pk).exists()


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MONITOR, Role.ANALYST, Role.VIEWER])
def test_other_roles_get_403(world: World, service: Service, role: str) -> None:
    client = _client(world.users[role])
    assert client.get("/help/manage/").status_code == 403
    assert client.get("/help/manage/new/").status_code == 403
    assert client.get(f"/help/manage/{service.pk}/").status_code == 403
    assert client.post(f"/help/manage/{service.pk}/delete/").status_code == 403


def test_coordinators_of_other_organisations_cannot_touch_the_entry(world: World, service: Service) -> None:
    for user in (world.outsider, world.partner_users[Role.COORDINATOR]):
        client = _client(user)
        assert client.get(f"/help/manage/{service.pk}/").status_code == 404
        assert client.post(f"/help/manage/{service.pk}/delete/").status_code == 404
        # Nor can they create an entry in its name.
        client.post("/help/manage/new/", _form(maintained_by=world.org.pk))
    assert not Service.objects.filter(provider_ru="Кризисный центр").exists()


def test_anonymous_reads_but_cannot_manage(world: World, service: Service) -> None:
    client = _client(None)
    assert client.get("/help/").status_code == 200
    assert client.get(f"/help/{service.pk}/").status_code == 200
    assert client.get("/help/manage/").status_code == 302


def test_city_outside_the_country_is_refused(world: World) -> None:
    client = _client(world.users[Role.COORDINATOR])
    response = client.post(
        "/help/manage/new/", _form(maintained_by=world.org.pk, country=Location.objects.get(code="RU").pk)
    )
    assert response.status_code == 200
    assert "city" in response.context["form"].errors
