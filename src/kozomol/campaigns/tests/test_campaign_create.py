from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry
from kozomol.campaigns.models import Campaign
from kozomol.places.models import Location


def _form(world, **over):
    data = {
        "lead_organisation": world.org.pk,
        "slug": "monitoring-2025",
        "title": "Мониторинг 2025",
        "period_start": "2025-01-01",
        "period_end": "2025-12-31",
        "goals": "Цели",
        "tasks": "Одна\nДве",
        "method": "Интервью",
        "countries": [Location.objects.get(code="RU").pk],
    }
    data.update(over)
    return data


@pytest.mark.django_db
def test_coordinator_creates_campaign_with_default_target_groups(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    response = client.post(reverse("campaigns:create"), _form(world))
    assert response.status_code == 302
    campaign = Campaign.objects.get(slug="monitoring-2025")
    assert list(campaign.target_groups.values_list("code", flat=True)) == [
        "state_bodies",
        "ombudsman",
        "consular",
        "ngo",
        "medical_staff",
        "migrants",
        "case_stories",
    ]
    assert AuditEntry.objects.filter(
        object_type="campaigns.campaign", object_id=str(campaign.pk), action="create"
    ).exists()


@pytest.mark.django_db
def test_invalid_campaign_form_rerenders_with_field_errors(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    response = client.post(
        reverse("campaigns:create"), _form(world, period_end="2024-01-01", slug="bad slug!")
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert "period_end" in form.errors
    assert "slug" in form.errors
    assert not Campaign.objects.filter(title="Мониторинг 2025").exists()


@pytest.mark.django_db
def test_lead_must_be_an_organisation_i_manage(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    response = client.post(reverse("campaigns:create"), _form(world, lead_organisation=world.other_org.pk))
    assert response.status_code == 200
    assert "lead_organisation" in response.context["form"].errors


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.MONITOR, Role.ANALYST, Role.CASEWORKER, Role.VIEWER])
def test_other_roles_cannot_create_campaigns(client, world, role):
    client.force_login(world.users[role])
    assert client.get(reverse("campaigns:create")).status_code == 403
    assert client.post(reverse("campaigns:create"), _form(world)).status_code == 403


@pytest.mark.django_db
def test_edit_records_changed_fields_in_audit(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    data = _form(world, title="Новое название")
    data.pop("lead_organisation")
    response = client.post(reverse("campaigns:edit", kwargs={"slug": world.campaign.slug}), data)
    assert response.status_code == 302
    entry = AuditEntry.objects.filter(object_type="campaigns.campaign", action="update").latest("id")
    assert entry.changes["title"] == ["Тестовый мониторинг", "Новое название"]
    assert entry.actor == world.users[Role.COORDINATOR]


@pytest.mark.django_db
def test_status_moves_forward_to_published_then_stops(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    url = reverse("campaigns:advance", kwargs={"slug": world.campaign.slug})
    for expected in ["fieldwork", "analysis", "published", "published"]:
        client.post(url)
        world.campaign.refresh_from_db()
        assert world.campaign.status == expected
