from __future__ import annotations

import pytest
from django.test import Client

from kozomol.directory.models import Service
from kozomol.directory.selectors import services_near
from kozomol.places.models import Location
from kozomol.testing import World

pytestmark = pytest.mark.django_db


def _service(world: World, city: str, kind: str = Service.Kind.LEGAL_AID, **extra: object) -> Service:
    loc = Location.objects.get(code=city)
    return Service.objects.create(
        provider_ru=f"Помощь {city} {kind}",
        provider_en=f"Help {city} {kind}",
        kind=kind,
        city=loc,
        country=Location.objects.get(code=loc.country_code),
        maintained_by=world.org,
        **extra,
    )


def test_public_search_filters_by_place_kind_language_and_women_staff(world: World) -> None:
    almaty = _service(world, "KZ-almaty", languages=["ky", "ru"], women_staff=True)
    _service(world, "KZ-astana", Service.Kind.SHELTER, languages=["kk"])
    _service(world, "RU-moscow", languages=["ru"])
    _service(world, "KZ-almaty", is_published=False)
    client = Client()
    response = client.get("/help/", {"country": "KZ", "city": "KZ-almaty"})
    assert list(response.context["page"]) == [almaty]
    assert [s.kind for s in client.get("/help/", {"kind": "shelter"}).context["page"]] == ["shelter"]
    assert list(client.get("/help/", {"language": "ky"}).context["page"]) == [almaty]
    assert list(client.get("/help/", {"women_staff": "on"}).context["page"]) == [almaty]
    assert len(client.get("/help/").context["page"]) == 3


def test_unpublished_entry_is_not_found(world: World) -> None:
    hidden = _service(world, "KZ-almaty", is_published=False)
    assert Client().get(f"/help/{hidden.pk}/").status_code == 404


def test_services_near_the_city_come_first(world: World) -> None:
    astana = _service(world, "KZ-astana")
    almaty = _service(world, "KZ-almaty")
    _service(world, "RU-moscow")
    near = services_near(city=Location.objects.get(code="KZ-almaty"), country=Location.objects.get(code="KZ"))
    assert near == [almaty, astana]


def test_appeal_confirmation_lists_help_nearby(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from kozomol.cases.tests.conftest import appeal_post

    monkeypatch.setenv("KOZOMOL_APPEAL_RATE_LIMIT", "off")
    almaty = _service(world, "KZ-almaty")
    response = Client().post("/appeal/", appeal_post())
    assert response.status_code == 200
    assert response.context["nearby"] == [almaty]
