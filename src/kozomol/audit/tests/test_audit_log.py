from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.accounts.roles import Role
from kozomol.audit.models import AppendOnlyError, AuditEntry
from kozomol.audit.services import audit_record, verify_chain


@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted_through_the_application(world):
    entry = AuditEntry.objects.first()
    entry.message = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(message="x")


def _more_entries(world, n=6):
    for i in range(n):
        audit_record(actor=world.users[Role.ADMIN], action="other", object_type="test.thing", object_id=i)


@pytest.mark.django_db
def test_chain_verifies_and_names_the_first_tampered_entry(world):
    _more_entries(world)
    checked, bad, reason = verify_chain()
    assert bad is None and reason == ""
    assert checked == AuditEntry.objects.count() > 5
    victim = AuditEntry.objects.order_by("id")[3]
    # Tamper behind the application's back, as someone with database access would.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET object_repr = %s WHERE id = %s", ["forged", victim.pk])
    checked, bad, reason = verify_chain()
    assert bad is not None and bad.pk == victim.pk
    assert "changed" in reason


@pytest.mark.django_db
def test_removed_entry_is_detected(world):
    _more_entries(world)
    from django.db import connection

    victim = AuditEntry.objects.order_by("id")[2]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [victim.pk])
    _, bad, reason = verify_chain()
    assert bad is not None and bad.pk > victim.pk
    assert "removed or inserted" in reason


@pytest.mark.django_db
def test_removing_the_newest_entries_is_detected(world):
    _more_entries(world)
    from django.db import connection

    newest = AuditEntry.objects.order_by("-id").first()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [newest.pk])
    _, bad, reason = verify_chain()
    assert bad is None and "newest" in reason


@pytest.mark.django_db
def test_sensitive_values_are_masked(world):
    entry = audit_record(
        actor=world.users[Role.ADMIN],
        action="update",
        object_type="cases.person",
        object_id=1,
        changes={"phone": ["+7 900 000 00 00", "+7 900 111 11 11"], "city": ["a", "b"]},
        sensitive=["phone"],
    )
    assert entry.changes["phone"] == ["***", "***"]
    assert entry.changes["city"] == ["a", "b"]


@pytest.mark.django_db
def test_login_and_failed_login_are_logged(client, world):
    from kozomol.testing import PASSWORD

    client.post(reverse("accounts:login"), {"username": world.users[Role.VIEWER].email, "password": "wrong"})
    client.post(reverse("accounts:login"), {"username": world.users[Role.VIEWER].email, "password": PASSWORD})
    actions = list(
        AuditEntry.objects.filter(actor_label=world.users[Role.VIEWER].email).values_list("action", flat=True)
    )
    assert "login_failed" in actions and "login" in actions


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_audit_page_is_for_administrators(client, world, role):
    client.force_login(world.users[role])
    response = client.get(reverse("audit:list"))
    assert response.status_code == (200 if role == Role.ADMIN else 403)


@pytest.mark.django_db
def test_administrator_sees_own_campaign_entries_but_not_others(client, world):
    client.force_login(world.users[Role.ADMIN])
    body = client.get(reverse("audit:list"), {"object_type": "campaigns.campaign"}).content.decode()
    assert "Тестовый мониторинг" in body
    assert "Чужой мониторинг" not in body
    response = client.get(reverse("audit:list"), {"date_from": "not a date"})
    assert response.status_code == 200
    assert "date_from" in response.context["form"].errors


@pytest.mark.django_db
def test_audit_verify_command_names_the_changed_entry(world, capsys):
    from django.core.management import CommandError, call_command
    from django.db import connection

    _more_entries(world)
    call_command("audit_verify")
    assert "intact" in capsys.readouterr().out
    victim = AuditEntry.objects.order_by("id")[4]
    with connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET message = %s WHERE id = %s", ["edited", victim.pk])
    with pytest.raises(CommandError, match=f"entry #{victim.pk}"):
        call_command("audit_verify")
