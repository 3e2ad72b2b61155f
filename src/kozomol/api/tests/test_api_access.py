from __future__ import annotations

import pytest

from kozomol.accounts.roles import Role


@pytest.mark.django_db
def test_openapi_document_lists_every_endpoint(client):
    doc = client.get("/api/v1/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    assert {"/campaigns/", "/campaigns/{slug}/", "/locations/"} <= set(doc["paths"])


@pytest.mark.django_db
def test_anonymous_gets_401_json(client, world):
    response = client.get("/api/v1/campaigns/")
    assert response.status_code == 401 and response.json()["error"]
    assert client.get("/api/v1/locations/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_member_lists_only_own_campaigns(client, world, role):
    client.force_login(world.users[role])
    slugs = [c["slug"] for c in client.get("/api/v1/campaigns/").json()["results"]]
    assert slugs == [world.campaign.slug]
    detail = client.get(f"/api/v1/campaigns/{world.campaign.slug}/").json()
    assert [g["code"] for g in detail["target_groups"]][:2] == ["state_bodies", "ombudsman"]


@pytest.mark.django_db
def test_outsider_gets_404_json(client, world):
    client.force_login(world.outsider)
    response = client.get(f"/api/v1/campaigns/{world.campaign.slug}/")
    assert response.status_code == 404 and response.json() == {"error": "not found"}
