"""The batch that writes new OpenRosa submissions: rows, the audit chain, and what it leaves to the ordinary path."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from kozomol.audit.models import AuditEntry, AuditHead
from kozomol.audit.services import verify_chain
from kozomol.submissions.models import Submission
from kozomol.submissions.openrosa import clear_auth_caches
from kozomol.submissions.services import _new_submission, submission_receive
from kozomol.submissions.tests.collect_fixtures import migrant_form, submission_xml
from kozomol.submissions.writer import NewSubmission, write_batch
from kozomol.submissions.xmldata import parse_submission

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(world):
    clear_auth_caches()
    version = migrant_form(world.campaign, world.users["coordinator"])
    return world, version


def _prepared(world, version, *, instance_id: str | None = None, age: str = "34") -> NewSubmission:
    _, xml = submission_xml(instance_id=instance_id, age=age)
    parsed = parse_submission(xml)
    return _new_submission(
        world.campaign,
        version.form,
        version,
        parsed,
        xml.decode(),
        world.users["monitor"],
        Submission.Source.OPENROSA,
    )


def test_a_batch_stores_each_new_submission_with_one_chained_audit_entry(setup) -> None:
    world, version = setup
    items = [_prepared(world, version) for _ in range(3)]
    for item in items:
        item.ip = "192.0.2.7"

    write_batch(items)

    assert [item.written for item in items] == [True, True, True]
    stored = {s.instance_id: s for s in Submission.objects.all()}
    assert set(stored) == {item.submission.instance_id for item in items}
    first = stored[items[0].submission.instance_id]
    assert (
        first.data["age"] == "34"
        and first.country_code == "RU"
        and first.submitted_by == world.users["monitor"]
    )
    entries = list(AuditEntry.objects.filter(object_type="submissions.submission").order_by("id"))
    assert [e.object_id for e in entries] == [str(item.submission.pk) for item in items]
    assert all(e.action == "create" and e.ip_address == "192.0.2.7" for e in entries)
    assert entries[0].changes == {
        "form": [None, "migrant_test"],
        "version": [None, "1"],
        "source": [None, "openrosa"],
    }
    # Each entry links to the one before it, and the head names the last one.
    assert [e.prev_hash for e in entries[1:]] == [e.entry_hash for e in entries[:-1]]
    head = AuditHead.objects.get(id=1)
    assert (head.last_hash, head.last_entry_id) == (entries[-1].entry_hash, entries[-1].pk)
    assert verify_chain()[2] == ""


def test_the_batch_entry_records_what_the_ordinary_path_records(setup) -> None:
    world, version = setup
    item = _prepared(world, version)
    write_batch([item])
    # With an attachment the ordinary path (audit_record) writes the row.
    _, xml = submission_xml()
    result = submission_receive(
        campaign=world.campaign,
        xml=xml,
        files=[SimpleUploadedFile("passport.jpg", b"JPEG")],
        user=world.users["monitor"],
    )
    batch_entry = AuditEntry.objects.get(
        object_id=str(item.submission.pk), object_type="submissions.submission"
    )
    ordinary = AuditEntry.objects.get(
        object_id=str(result.submission.pk), object_type="submissions.submission"
    )
    fields = (
        "actor_id",
        "actor_label",
        "action",
        "object_type",
        "organisation_id_ref",
        "campaign_id_ref",
        "changes",
    )
    assert {f: getattr(batch_entry, f) for f in fields} == {f: getattr(ordinary, f) for f in fields}
    assert batch_entry.object_repr == item.submission.instance_id
    assert verify_chain()[2] == ""


def test_known_repeated_and_replaced_instance_ids_are_left_to_the_ordinary_path(setup) -> None:
    world, version = setup
    known = _prepared(world, version)
    write_batch([known])
    again = _prepared(world, version, instance_id=known.submission.instance_id, age="50")
    fresh = _prepared(world, version)
    twice = _prepared(world, version, instance_id=fresh.submission.instance_id)
    edited = Submission.objects.get(instance_id=known.submission.instance_id)
    edited.deprecated_id = "uuid:replaced-one"
    edited.save()
    replaced = _prepared(world, version, instance_id="uuid:replaced-one")

    write_batch([again, fresh, twice, replaced])

    assert [again.written, fresh.written, twice.written, replaced.written] == [False, True, False, False]
    assert Submission.objects.count() == 2
    assert Submission.objects.get(instance_id=known.submission.instance_id).data["age"] == "34"
    assert again.submission.pk is None and twice.submission.pk is None
    assert AuditEntry.objects.filter(object_type="submissions.submission").count() == 2
    assert verify_chain()[2] == ""


def test_a_form_closed_after_the_lookup_is_not_written(setup) -> None:
    world, version = setup
    item = _prepared(world, version)
    version.form.is_open = False
    version.form.save()

    write_batch([item])

    assert item.written is False
    assert not Submission.objects.exists()
    assert not AuditEntry.objects.filter(object_type="submissions.submission").exists()


def test_one_submission_that_cannot_be_written_does_not_fail_the_others_in_its_batch(setup) -> None:
    from kozomol.submissions.writer import GroupWriter

    world, version = setup
    good = [_prepared(world, version) for _ in range(2)]
    bad = _prepared(world, version)
    bad.submission.data = {"age": object()}  # not JSON: its INSERT fails before reaching the database
    batch = [good[0], bad, good[1]]

    GroupWriter()._write(batch)

    assert [item.written for item in batch] == [True, False, True]
    assert isinstance(bad.error, TypeError) and good[0].error is None and good[1].error is None
    assert set(Submission.objects.values_list("instance_id", flat=True)) == {
        item.submission.instance_id for item in good
    }
    assert AuditEntry.objects.filter(object_type="submissions.submission").count() == 2
    assert verify_chain()[2] == ""


def test_receivers_of_new_submissions_hear_of_batch_rows_as_of_saved_ones(setup) -> None:
    from django.db.models.signals import post_save

    world, version = setup
    heard: list[tuple[int, bool]] = []

    def receiver(sender, instance, created, **kwargs) -> None:
        heard.append((instance.pk, created))

    post_save.connect(receiver, sender=Submission, dispatch_uid="test-writer-receiver")
    try:
        item = _prepared(world, version)
        write_batch([item])
    finally:
        post_save.disconnect(dispatch_uid="test-writer-receiver", sender=Submission)
    assert heard == [(item.submission.pk, True)]
