"""Retention and erasure: expired appeals lose their personal data, a person's data goes on request,
the statistics and the audit chain stay whole, and nobody outside the handling organisation can erase."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry
from kozomol.audit.services import verify_chain
from kozomol.cases import retention, selectors, services, uploads
from kozomol.cases.models import Attachment, Case, CaseAction
from kozomol.cases.tests.conftest import file_appeal, jpeg_with_gps
from kozomol.cases.uploads import clean_upload
from kozomol.testing import World, make_campaign

pytestmark = pytest.mark.django_db

PHONE = "+996 555 41 27 93"
PASSPORT = "AN4127930"
NAME = "Асанбек Тологонов"


def _person_appeal(**overrides: Any) -> Case:
    fields: dict[str, Any] = {
        "contact_method": "phone",
        "full_name": NAME,
        "phone": PHONE,
        "passport_number": PASSPORT,
        "address": "Алматы, улица Зелёная 17",
        "story": f"Меня зовут {NAME}",
        "files": [clean_upload(jpeg_with_gps())],
    }
    fields.update(overrides)
    case, _secret = file_appeal(**fields)
    return case


def _close(case: Case, world: World, *, days_ago: int) -> None:
    worker = world.users[Role.CASEWORKER]
    services.case_action_add(case=case, actor=worker, note=f"Позвонили {NAME}")
    services.case_close(case=case, actor=worker, outcome="wages_recovered", amount=1000, currency="KZT")
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - dt.timedelta(days=days_ago))


def _assert_erased(case: Case) -> None:
    row = Case.objects.filter(pk=case.pk).values().get()
    assert row["erased_at"] is not None
    for name in retention.ERASED_FIELDS:
        assert row[name] == "", name
    assert not CaseAction.objects.filter(case=case).exclude(note_enc="").exists()
    assert not Attachment.objects.filter(case=case).exists()
    assert CaseAction.objects.filter(case=case, kind=CaseAction.Kind.ERASED).count() == 1


def _assert_kept(case: Case) -> None:
    row = Case.objects.filter(pk=case.pk).values().get()
    assert row["erased_at"] is None and row["full_name_enc"] and row["phone_bidx"]


def test_appeal_is_received_in_the_current_campaign_of_the_receiving_organisation(reception: World) -> None:
    today = timezone.localdate()
    current = make_campaign(
        reception.org, period_start=today - dt.timedelta(days=30), period_end=today + dt.timedelta(days=30)
    )
    case = _person_appeal()
    assert case.campaign_id == current.pk
    assert services.campaign_for_intake(reception.other_org.pk) is None


def test_purge_erases_cases_past_their_campaigns_period_and_keeps_the_statistics(
    reception: World, django_capture_on_commit_callbacks: Any
) -> None:
    today = timezone.localdate()
    short = make_campaign(
        reception.org,
        period_start=today - dt.timedelta(days=30),
        period_end=today + dt.timedelta(days=30),
        appeal_retention_days=90,
    )
    expired = _person_appeal()
    recent = _person_appeal()
    still_open = _person_appeal()
    assert expired.campaign_id == short.pk
    _close(expired, reception, days_ago=91)
    _close(recent, reception, days_ago=89)
    # No campaign: the platform default applies (three years unless configured).
    Case.objects.filter(pk=still_open.pk).update(campaign=None)
    old_default = _person_appeal()
    Case.objects.filter(pk=old_default.pk).update(campaign=None)
    _close(old_default, reception, days_ago=3 * 365 + 1)
    files = {a.name for a in Attachment.objects.filter(case__in=[expired, old_default])}
    stats_before = selectors.appeal_statistics(public=False)

    with django_capture_on_commit_callbacks(execute=True):
        report = retention.purge_personal_data()

    assert sorted(report.references) == sorted([expired.reference, old_default.reference])
    assert report.attachments == 2
    _assert_erased(expired)
    _assert_erased(old_default)
    _assert_kept(recent)
    _assert_kept(still_open)
    for name in files:
        assert not (uploads.storage_dir() / f"{name}.bin").exists()
    # Violation types, country, city, month, gender, outcomes and wages recovered are all still counted.
    assert selectors.appeal_statistics(public=False) == stats_before
    # A second run finds nothing more to do.
    assert retention.purge_personal_data().cases == 0
    checked, bad, reason = verify_chain()
    assert bad is None, reason
    entries = AuditEntry.objects.filter(message="retention period over")
    assert sorted(e.object_id for e in entries) == sorted([str(expired.pk), str(old_default.pk)])
    for entry in entries:
        text = json.dumps(entry.changes, ensure_ascii=False) + entry.object_repr + entry.message
        assert NAME not in text and "555" not in text and PASSPORT not in text
        assert entry.actor_label == "retention"


def test_retention_default_is_configurable(reception: World, settings: Any) -> None:
    settings.KOZOMOL_APPEAL_RETENTION_DAYS = 10
    case = _person_appeal()
    _close(case, reception, days_ago=11)
    assert list(retention.expired_cases()) == [case]


def test_erase_person_command_finds_every_case_by_the_blind_index(reception: World) -> None:
    first = _person_appeal()
    # The same person, another format of the same numbers, handled by another organisation.
    second = _person_appeal(phone="996555412793", passport_number="an 4127930", files=[])
    services.referral_create(
        case=second, actor=reception.users[Role.CASEWORKER], to_organisation=reception.partner_org
    )
    other = _person_appeal(phone="+7 700 111 22 33", passport_number="ZZ0000001", files=[])
    out = StringIO()
    call_command("erase_person", "--phone", "+996 (555) 41-27-93", "--dry-run", stdout=out)
    assert first.reference in out.getvalue() and second.reference in out.getvalue()
    # Even a dry run is a look-up of a person: logged, without the number.
    search = AuditEntry.objects.get(
        object_repr="erasure search: 2 cases found", actor_label="kozomol erase_person"
    )
    assert "555" not in json.dumps(search.changes) + search.message
    _assert_kept(first)
    with pytest.raises(CommandError):
        call_command("erase_person", "--passport", PASSPORT, stdout=StringIO())  # no --reason
    call_command(
        "erase_person",
        "--passport",
        PASSPORT,
        "--reason",
        "asked by phone",
        "--by",
        "lawyer@x",
        stdout=StringIO(),
    )
    _assert_erased(first)
    _assert_erased(second)
    _assert_kept(other)
    entry = AuditEntry.objects.filter(object_id=str(second.pk), action="delete").get()
    assert entry.actor_label == "kozomol erase_person by lawyer@x"
    assert entry.message == "on request: asked by phone"
    with pytest.raises(CommandError):
        call_command("erase_person", stdout=StringIO())
    assert verify_chain()[1] is None


def test_erase_one_case_by_tracking_code(reception: World) -> None:
    first = _person_appeal(files=[])
    second = _person_appeal(files=[])
    code = first.reference.replace("-", "").lower()
    call_command("erase_person", "--case", code, "--reason", "asked in person", stdout=StringIO())
    _assert_erased(first)
    _assert_kept(second)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_coordinator_erases_a_person_from_the_page(reception: World) -> None:
    case = _person_appeal()
    elsewhere = _person_appeal(files=[])
    services.referral_create(
        case=elsewhere, actor=reception.users[Role.CASEWORKER], to_organisation=reception.partner_org
    )
    referral = elsewhere.referrals.get()
    services.referral_answer(referral=referral, actor=reception.partner_users[Role.CASEWORKER], accept=True)
    client = _client(reception.users[Role.COORDINATOR])
    assert client.get("/cases/erase/").status_code == 200
    found = client.post("/cases/erase/", {"phone": PHONE})
    html = found.content.decode()
    # Only the cases of the coordinator's own organisation are found.
    assert case.reference in html and elsewhere.reference not in html
    assert AuditEntry.objects.filter(object_repr="erasure search: 1 cases found").exists()
    assert PHONE not in json.dumps(list(AuditEntry.objects.values("changes", "message", "object_repr")))
    missing_reason = client.post("/cases/erase/", {"phone": PHONE, "erase": "1", "cases": [case.pk]})
    assert missing_reason.status_code == 200
    _assert_kept(case)
    done = client.post(
        "/cases/erase/",
        {"phone": PHONE, "erase": "1", "cases": [case.pk], "reason": "asked by phone on 3 March"},
    )
    assert done.status_code == 302
    _assert_erased(case)
    _assert_kept(elsewhere)
    entry = AuditEntry.objects.get(object_id=str(case.pk), action="delete")
    assert entry.actor == reception.users[Role.COORDINATOR]
    assert verify_chain()[1] is None


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.MONITOR, Role.ANALYST, Role.VIEWER])
def test_other_roles_cannot_open_the_erasure_page(reception: World, role: str) -> None:
    case = _person_appeal(files=[])
    client = _client(reception.users[role])
    assert client.get("/cases/erase/").status_code == 403
    response = client.post("/cases/erase/", {"phone": PHONE, "erase": "1", "cases": [case.pk], "reason": "x"})
    assert response.status_code == 403
    _assert_kept(case)


def test_outsider_cannot_find_or_erase_another_organisations_case(reception: World) -> None:
    case = _person_appeal(files=[])
    outsider = reception.outsider  # coordinator of an organisation that takes no part
    client = _client(outsider)
    html = client.post("/cases/erase/", {"phone": PHONE}).content.decode()
    assert case.reference not in html
    client.post("/cases/erase/", {"phone": PHONE, "erase": "1", "cases": [case.pk], "reason": "x"})
    _assert_kept(case)
    with pytest.raises(PermissionDenied):
        retention.erase_person_on_request(actor=outsider, cases=[case], reason="x")
    with pytest.raises(PermissionDenied):
        retention.erase_person_on_request(
            actor=reception.partner_users[Role.COORDINATOR], cases=[case], reason="x"
        )
    with pytest.raises(ValidationError):
        retention.erase_person_on_request(actor=reception.users[Role.COORDINATOR], cases=[case], reason=" ")
    _assert_kept(case)


def test_daily_purge_task_runs_in_the_worker_and_queues_its_next_run(reception: World, settings: Any) -> None:
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    from kozomol.cases.tasks import purge_personal_data_task, schedule_purge

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    expired = _person_appeal(files=[])
    _close(expired, reception, days_ago=4 * 365)
    assert schedule_purge(delay=dt.timedelta(0))
    assert not schedule_purge()  # one run waits already
    rows = DBTaskResult.objects.filter(task_path=purge_personal_data_task.module_path)
    # What db_worker does with the row it picks (its polling loop also recycles the database
    # connection, which the test's transaction would not survive on PostgreSQL).
    row = rows.ready().get()
    row.claim("test-worker")
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=1,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run_task(row)
    _assert_erased(expired)
    assert (
        AuditEntry.objects.get(object_id=str(expired.pk), action="delete").actor_label
        == "daily retention task"
    )
    assert rows.filter(status="SUCCESSFUL").count() == 1
    waiting = rows.get(status="READY")
    assert waiting.run_after > timezone.now() + dt.timedelta(hours=23)
    out = StringIO()
    call_command("purge_personal_data", "--schedule", stdout=out)
    assert "nothing queued" in out.getvalue() and rows.filter(status="READY").count() == 1


def test_tests_inline_backend_queues_no_purge(reception: World) -> None:
    from kozomol.cases.tasks import schedule_purge

    assert schedule_purge() is False


def test_coordinator_sets_the_retention_period_on_the_campaign_form(reception: World) -> None:
    campaign = reception.campaign
    client = _client(reception.users[Role.COORDINATOR])
    url = f"/campaigns/{campaign.slug}/edit/"
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if name != "slug"}
    data = {k: v for k, v in data.items() if v is not None}
    data.update(
        period_start=campaign.period_start.isoformat(),
        period_end=campaign.period_end.isoformat(),
        appeal_retention_days="30",
    )
    assert client.post(url, data).status_code == 302
    campaign.refresh_from_db()
    assert campaign.appeal_retention_days == 30
    entry = AuditEntry.objects.filter(object_type="campaigns.campaign", action="update").latest("id")
    assert entry.changes["appeal_retention_days"] == [None, 30]
    # A monitor may not change it.
    monitor = _client(reception.users[Role.MONITOR])
    assert monitor.post(url, {**data, "appeal_retention_days": "1"}).status_code == 403
    campaign.refresh_from_db()
    assert campaign.appeal_retention_days == 30
