"""Staff record appeals that arrive by phone, in person or at the consulate: same checks, same sealing."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry
from kozomol.cases import services
from kozomol.cases.models import Case, CaseAction
from kozomol.cases.tests.conftest import appeal_post
from kozomol.places.models import Location
from kozomol.testing import World

pytestmark = pytest.mark.django_db

PERSON = {
    "full_name": "Нургуль Асанова",
    "phone": "+7 701 555 12 34",
    "passport_number": "AC7712345",
    "address": "Алматы, Абая 10",
}


def _post(**overrides: Any) -> dict[str, Any]:
    data = appeal_post(contact_method="phone", source="phone", **PERSON)
    data.pop("website")
    data.update(overrides)
    return data


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_caseworker_records_a_phone_appeal_sealed_and_audited(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    response = _client(worker).post("/cases/new/", _post(organisation=reception.org.pk))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    case = Case.objects.get()
    assert case.reference in response.content.decode()
    assert case.organisation_id == reception.org.pk
    assert case.source == Case.Source.PHONE
    # Sealed like the public form's: no value in a plain column, the blind index set.
    row = Case.objects.filter(pk=case.pk).values().get()
    for value in PERSON.values():
        assert all(value not in str(column) for column in row.values())
    assert case.phone_bidx == services.phone_index(PERSON["phone"])
    personal = services.case_reveal(case=case, actor=worker)
    assert personal.full_name == PERSON["full_name"] and personal.passport_number == PERSON["passport_number"]
    received = CaseAction.objects.get(case=case, kind=CaseAction.Kind.RECEIVED)
    assert received.actor == worker
    entry = AuditEntry.objects.get(object_type="cases.case", object_id=str(case.pk), action="create")
    assert entry.actor == worker and entry.message == "recorded (phone)"
    assert PERSON["phone"] not in str(entry.changes)
    # The migrant can follow it with the secret shown once.
    secret = response.content.decode().split('data-testid="secret">')[1].split("<")[0]
    assert services.appeal_authenticate(reference=case.reference, secret=secret) == case


def test_coordinator_records_a_case_but_cannot_open_it(reception: World) -> None:
    coordinator = reception.users[Role.COORDINATOR]
    client = _client(coordinator)
    assert client.get("/cases/new/").status_code == 200
    response = client.post("/cases/new/", _post(organisation=reception.org.pk, source="consulate"))
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.source == Case.Source.CONSULATE
    assert f"/cases/{case.pk}/" not in response.content.decode()
    assert client.get(f"/cases/{case.pk}/").status_code == 403


def test_record_form_checks_what_the_public_form_checks(reception: World) -> None:
    client = _client(reception.users[Role.CASEWORKER])
    bad = _post(organisation=reception.org.pk, phone="", city="RU-moscow", consent="", violation_types=[])
    response = client.post("/cases/new/", bad)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert {"phone", "city", "consent", "violation_types"} <= set(errors)
    no_source = _post(organisation=reception.org.pk, source="carrier-pigeon")
    assert "source" in client.post("/cases/new/", no_source).context["form"].errors
    assert not Case.objects.exists()


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MONITOR, Role.ANALYST, Role.VIEWER])
def test_other_roles_cannot_record_cases(reception: World, role: str) -> None:
    client = _client(reception.users[role])
    assert client.get("/cases/new/").status_code == 403
    assert client.post("/cases/new/", _post(organisation=reception.org.pk)).status_code == 403
    assert not Case.objects.exists()


def test_outsider_cannot_record_a_case_for_another_organisation(reception: World) -> None:
    outsider = reception.outsider  # coordinator of an organisation that takes no part
    response = _client(outsider).post("/cases/new/", _post(organisation=reception.org.pk))
    assert response.status_code == 200 and "organisation" in response.context["form"].errors
    assert not Case.objects.exists()
    data = services.AppealData(
        violation_codes=["LABOUR.WAGES_UNPAID"], country=Location.objects.get(code="KZ")
    )
    with pytest.raises(PermissionDenied):
        services.case_record(actor=outsider, organisation=reception.org, data=data, source="phone")
    with pytest.raises(ValidationError):
        services.case_record(
            actor=reception.users[Role.CASEWORKER], organisation=reception.org, data=data, source="public"
        )
    assert not Case.objects.exists()
