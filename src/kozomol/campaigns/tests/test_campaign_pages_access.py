"""Every campaign page, for a member in every role, a partner, an outsider and a visitor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.accounts.roles import Role
from kozomol.testing import PASSWORD

MANAGERS = {Role.ADMIN, Role.COORDINATOR}

PAGES = [
    # (url name, needs group id, method, roles allowed)
    ("campaigns:detail", False, "get", set(Role.values)),
    ("campaigns:edit", False, "get", MANAGERS),
    ("campaigns:target_group_add", False, "get", MANAGERS),
    ("campaigns:target_group_edit", True, "get", MANAGERS),
]


def _url(world, name, needs_group):
    kwargs = {"slug": world.campaign.slug}
    if needs_group:
        kwargs["group_id"] = world.campaign.target_groups.first().pk
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "needs_group", "method", "allowed"), PAGES)
@pytest.mark.parametrize("role", Role.values)
def test_member_gets_page_by_role(client, world, name, needs_group, method, allowed, role):
    client.force_login(world.users[role])
    response = client.get(_url(world, name, needs_group))
    assert response.status_code == (200 if role in allowed else 403)


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_partner_organisation_member_sees_campaign(client, world, role):
    client.force_login(world.partner_users[role])
    assert client.get(_url(world, "campaigns:detail", False)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "needs_group", "method", "allowed"), PAGES)
def test_outsider_gets_404_on_every_campaign_page(client, world, name, needs_group, method, allowed):
    client.force_login(world.outsider)
    assert client.get(_url(world, name, needs_group)).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "needs_group", "method", "allowed"), PAGES)
def test_visitor_is_sent_to_login(client, world, name, needs_group, method, allowed):
    response = client.get(_url(world, name, needs_group))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["campaigns:advance", "campaigns:partner_add"])
@pytest.mark.parametrize("role", Role.values)
def test_state_changes_need_a_manager(client, world, name, role):
    client.force_login(world.users[role])
    response = client.post(
        reverse(name, kwargs={"slug": world.campaign.slug}), {"organisation": world.other_org.pk}
    )
    assert response.status_code == (302 if role in MANAGERS else 403)


@pytest.mark.django_db
def test_outsider_cannot_post_to_campaign(client, world):
    client.force_login(world.outsider)
    url = reverse("campaigns:advance", kwargs={"slug": world.campaign.slug})
    assert client.post(url).status_code == 404
    world.campaign.refresh_from_db()
    assert world.campaign.status == "draft"


@pytest.mark.django_db
def test_home_lists_only_my_campaigns(client, world):
    client.force_login(world.users[Role.VIEWER])
    body = client.get("/").content.decode()
    assert world.campaign.title in body
    assert "Чужой мониторинг" not in body
    client.force_login(world.outsider)
    body = client.get("/").content.decode()
    assert "Чужой мониторинг" in body
    assert f"/campaigns/{world.campaign.slug}/" not in body


@pytest.mark.django_db
def test_search_finds_only_visible_campaigns(client, world):
    client.force_login(world.outsider)
    body = client.get("/search/", {"q": "мониторинг"}).content.decode()
    assert "Чужой мониторинг" in body
    assert f"/campaigns/{world.campaign.slug}/" not in body
    client.force_login(world.users[Role.MONITOR])
    body = client.get("/search/", {"q": "ТЕСТОВЫЙ"}).content.decode()
    assert f"/campaigns/{world.campaign.slug}/" in body


@pytest.mark.django_db
def test_login_page_logs_in_with_email(client, world):
    response = client.post(
        reverse("accounts:login"), {"username": world.users[Role.MONITOR].email, "password": PASSWORD}
    )
    assert response.status_code == 302
