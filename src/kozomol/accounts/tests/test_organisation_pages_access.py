"""Organisation and member management, for every role, an outsider and a visitor."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.accounts.models import Membership, User
from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry

MANAGERS = {Role.ADMIN, Role.COORDINATOR}


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_organisation_list_is_for_managers(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse("accounts:organisation_list"))
    assert response.status_code == (200 if role in MANAGERS else 403)
    if role in MANAGERS:
        body = response.content.decode()
        assert world.org.name in body
        assert world.other_org.name not in body


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_member_sees_own_organisation_page(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse("accounts:organisation_detail", args=[world.org.pk]))
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_edit_and_member_pages_need_a_manager(client, world, role):
    client.force_login(world.users[role])
    for name in ("accounts:organisation_edit", "accounts:member_add"):
        response = client.get(reverse(name, args=[world.org.pk]))
        assert response.status_code == (200 if role in MANAGERS else 403), name


@pytest.mark.django_db
def test_outsider_gets_404_for_an_organisation_it_has_no_link_to(client, world):
    client.force_login(world.outsider)
    for name in ("accounts:organisation_detail", "accounts:organisation_edit", "accounts:member_add"):
        assert client.get(reverse(name, args=[world.org.pk])).status_code == 404, name


@pytest.mark.django_db
def test_partner_may_look_at_but_not_manage_the_lead_organisation(client, world):
    client.force_login(world.partner_users[Role.COORDINATOR])
    assert client.get(reverse("accounts:organisation_detail", args=[world.org.pk])).status_code == 200
    assert client.get(reverse("accounts:organisation_edit", args=[world.org.pk])).status_code == 403


@pytest.mark.django_db
def test_visitor_is_sent_to_login(client, world):
    for url in (
        reverse("accounts:organisation_list"),
        reverse("accounts:organisation_detail", args=[world.org.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_coordinator_adds_a_new_colleague_without_a_password(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    response = client.post(
        reverse("accounts:member_add", args=[world.org.pk]),
        {"email": "new.monitor@test.example", "full_name": "Новый Монитор", "role": Role.MONITOR},
    )
    assert response.status_code == 302
    user = User.objects.get(email="new.monitor@test.example")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, organisation=world.org, role=Role.MONITOR).exists()
    assert AuditEntry.objects.filter(object_type="accounts.membership", action="create").exists()


@pytest.mark.django_db
def test_invalid_member_form_shows_field_errors(client, world):
    client.force_login(world.users[Role.COORDINATOR])
    response = client.post(
        reverse("accounts:member_add", args=[world.org.pk]), {"email": "not-an-email", "role": "boss"}
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"email", "role"}


@pytest.mark.django_db
def test_last_manager_cannot_be_removed(client, world):
    for role in (Role.ADMIN,):
        Membership.objects.filter(organisation=world.org, role=role).delete()
    coordinator = Membership.objects.get(organisation=world.org, role=Role.COORDINATOR)
    client.force_login(world.users[Role.COORDINATOR])
    client.post(reverse("accounts:member_remove", args=[world.org.pk, coordinator.pk]))
    assert Membership.objects.filter(pk=coordinator.pk).exists()
    client.post(reverse("accounts:member_role", args=[world.org.pk, coordinator.pk]), {"role": Role.VIEWER})
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR


@pytest.mark.django_db
def test_manager_of_one_organisation_cannot_touch_members_of_another(client, world):
    victim = Membership.objects.get(organisation=world.partner_org, role=Role.MONITOR)
    client.force_login(world.users[Role.COORDINATOR])
    # The partner organisation is visible (same campaign) but not managed by this coordinator.
    response = client.post(reverse("accounts:member_remove", args=[world.partner_org.pk, victim.pk]))
    assert response.status_code == 403
    # A membership id from another organisation under my organisation's URL is not found.
    response = client.post(reverse("accounts:member_remove", args=[world.org.pk, victim.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=victim.pk).exists()


@pytest.mark.django_db
def test_admin_creates_an_organisation_and_administers_it(client, world):
    from kozomol.places.models import Location

    client.force_login(world.users[Role.ADMIN])
    response = client.post(
        reverse("accounts:organisation_create"),
        {
            "name_ru": "Новое НПО",
            "kind": "ngo",
            "country": Location.objects.get(code="KZ").pk,
            "city": Location.objects.get(code="RU-moscow").pk,
        },
    )
    assert response.status_code == 200
    assert "city" in response.context["form"].errors  # Moscow is not in Kazakhstan
    response = client.post(
        reverse("accounts:organisation_create"),
        {
            "name_ru": "Новое НПО",
            "kind": "ngo",
            "country": Location.objects.get(code="KZ").pk,
            "city": Location.objects.get(code="KZ-almaty").pk,
        },
    )
    assert response.status_code == 302
    assert Membership.objects.filter(
        user=world.users[Role.ADMIN], organisation__name_ru="Новое НПО", role=Role.ADMIN
    ).exists()
