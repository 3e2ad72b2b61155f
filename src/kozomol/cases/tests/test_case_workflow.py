from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from kozomol.accounts.models import Membership
from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry
from kozomol.cases import selectors, services
from kozomol.cases.models import Case, CaseworkerProfile, Referral
from kozomol.cases.tests.conftest import file_appeal
from kozomol.testing import World, make_user

pytestmark = pytest.mark.django_db


def test_urgent_flags_jump_the_queue(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    old, _ = file_appeal()
    new, _ = file_appeal()
    assert [c.pk for c in selectors.case_queue(worker)] == [old.pk, new.pk]
    services.case_triage(case=new, actor=worker, flags={"flag_detention": True}, deadline=None)
    assert [c.pk for c in selectors.case_queue(worker)] == [new.pk, old.pk]
    assert Case.objects.get(pk=new.pk).status == Case.Status.TRIAGED


def test_in_danger_at_intake_is_urgent(reception: World) -> None:
    case, _ = file_appeal(in_danger=True)
    assert case.urgent


def test_assignment_honours_the_wish_for_a_woman(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    woman = make_user("woman@world.test")
    Membership.objects.create(user=woman, organisation=reception.org, role=Role.CASEWORKER)
    CaseworkerProfile.objects.create(user=woman, is_woman=True, languages=["ky"])
    case, _ = file_appeal(wants_woman=True, preferred_language="ky")
    assert services.caseworkers_for(case)[0][0] == woman
    with pytest.raises(ValidationError):
        services.case_assign(case=case, actor=worker, caseworker=worker)
    services.case_assign(case=case, actor=worker, caseworker=woman)
    assert case.caseworker == woman and case.status == Case.Status.IN_PROGRESS
    with pytest.raises(ValidationError):
        services.case_assign(case=case, actor=worker, caseworker=reception.outsider)


def test_referral_accepted_moves_the_case_to_the_partner(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    partner_worker = reception.partner_users[Role.CASEWORKER]
    case, _ = file_appeal()
    referral = services.referral_create(case=case, actor=worker, to_organisation=reception.partner_org)
    assert case.status == Case.Status.REFERRED
    assert list(selectors.incoming_referrals(partner_worker)) == [referral]
    with pytest.raises(PermissionDenied):
        services.referral_answer(referral=referral, actor=worker, accept=True)
    services.referral_answer(referral=referral, actor=partner_worker, accept=True)
    case.refresh_from_db()
    assert (case.organisation, case.caseworker, case.status) == (
        reception.partner_org,
        partner_worker,
        Case.Status.IN_PROGRESS,
    )
    assert case not in selectors.cases_for_user(worker)
    services.case_close(
        case=case,
        actor=partner_worker,
        outcome=Case.Outcome.WAGES_RECOVERED,
        amount=Decimal("180000"),
        currency="KZT",
    )
    assert case.amount_recovered == Decimal("180000") and case.recovered_currency == "KZT"


def test_referral_declined_stays_with_the_referrer(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    case, _ = file_appeal()
    referral = services.referral_create(case=case, actor=worker, to_organisation=reception.partner_org)
    services.referral_answer(referral=referral, actor=reception.partner_users[Role.CASEWORKER], accept=False)
    case.refresh_from_db()
    assert case.organisation == reception.org and case.status == Case.Status.TRIAGED
    assert Referral.objects.get().status == Referral.Status.DECLINED
    with pytest.raises(ValidationError):
        services.referral_answer(
            referral=referral, actor=reception.partner_users[Role.CASEWORKER], accept=True
        )


def test_wages_recovered_needs_amount_and_currency(reception: World) -> None:
    case, _ = file_appeal()
    with pytest.raises(ValidationError):
        services.case_close(case=case, actor=reception.users[Role.CASEWORKER], outcome="wages_recovered")


def test_closed_case_can_be_reopened(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    case, _ = file_appeal()
    services.case_close(case=case, actor=worker, outcome=Case.Outcome.WITHDRAWN)
    with pytest.raises(ValidationError):
        services.case_triage(case=case, actor=worker, flags={}, deadline=None)
    services.case_reopen(case=case, actor=worker, reason="new facts")
    assert case.is_open and case.outcome == ""


def test_overdue_list(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    late, _ = file_appeal()
    on_time, _ = file_appeal()
    today = dt.date(2026, 11, 25)
    services.case_triage(case=late, actor=worker, flags={}, deadline=today - dt.timedelta(days=1))
    services.case_triage(case=on_time, actor=worker, flags={}, deadline=today + dt.timedelta(days=3))
    assert list(selectors.case_queue(worker, view="overdue", today=today)) == [late]


def test_duplicates_found_by_phone_or_passport_blind_index(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    first, _ = file_appeal(contact_method="phone", phone="+996 (555) 12-34-56", passport_number="an 1234567")
    by_phone, _ = file_appeal(contact_method="phone", phone="996555123456")
    by_passport, _ = file_appeal(
        contact_method="whatsapp", phone="+7 900 000 0000", passport_number="AN1234567"
    )
    unrelated, _ = file_appeal(contact_method="phone", phone="+996 700 000 000")
    visible, elsewhere = selectors.possible_duplicates(first, worker)
    assert {c.pk for c in visible} == {by_phone.pk, by_passport.pk} and elsewhere == 0
    assert unrelated.phone_bidx != first.phone_bidx


def test_case_page_writes_a_view_entry_and_shows_decrypted_data(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    case, _ = file_appeal(contact_method="phone", full_name="Асан Усенов", phone="+996555000111")
    client = Client()
    client.force_login(worker)
    response = client.get(f"/cases/{case.pk}/")
    assert "Асан Усенов" in response.content.decode()
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.VIEW, object_id=str(case.pk)).get()
    assert entry.actor == worker
    assert "Асан" not in str(AuditEntry.objects.values_list("changes", flat=True)[::1])


def test_case_pages_drive_the_workflow(reception: World) -> None:
    worker = reception.users[Role.CASEWORKER]
    case, _ = file_appeal()
    client = Client()
    client.force_login(worker)
    client.post(
        f"/cases/{case.pk}/triage/",
        {"triage-flag_violence": "on", "triage-deadline": "2030-01-01", "triage-note": "x"},
    )
    client.post(f"/cases/{case.pk}/plan/", {"plan-plan": "Позвонить работодателю"})
    client.post(f"/cases/{case.pk}/action/", {"action-note": "Позвонили"})
    client.post(f"/cases/{case.pk}/assign/", {"assign-caseworker": worker.pk})
    client.post(f"/cases/{case.pk}/close/", {"close-outcome": "settled"})
    case.refresh_from_db()
    assert case.flag_violence and case.urgent and case.caseworker == worker
    assert case.status == Case.Status.CLOSED and case.outcome == "settled"
    assert "Позвонить" not in case.plan_enc
    response = client.post(f"/cases/{case.pk}/close/", {"close-outcome": "settled"}, follow=True)
    assert response.status_code == 200  # a closed case: a message, not an error page
