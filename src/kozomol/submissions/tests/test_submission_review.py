"""Review: states, comments, corrections with history, bulk changes and filters."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.places.models import Location
from kozomol.submissions.models import ReviewComment, Submission, SubmissionEdit
from kozomol.submissions.services import submission_receive
from kozomol.submissions.tests.collect_fixtures import migrant_form, submission_xml
from kozomol.testing import PASSWORD


def _receive(world, **kwargs) -> Submission:
    _, xml = submission_xml(**kwargs)
    return submission_receive(
        campaign=world.campaign, xml=xml, files=[], user=world.users["monitor"]
    ).submission


@pytest.fixture
def reviewed(client, world):
    migrant_form(world.campaign, world.users["coordinator"])
    client.login(username=world.users["coordinator"].email, password=PASSWORD)
    return world


@pytest.mark.django_db
class TestReview:
    def test_state_change_with_comment_is_recorded_in_history(self, client, reviewed) -> None:
        world = reviewed
        submission = _receive(world)
        url = reverse("submissions:review_detail", kwargs={"slug": world.campaign.slug, "pk": submission.pk})
        client.post(url, {"status": "has_issues", "comment": "Уточнить город"})
        submission.refresh_from_db()
        assert submission.status == "has_issues"
        comment = ReviewComment.objects.get()
        assert (comment.text, comment.author, comment.status_from, comment.status_to) == (
            "Уточнить город",
            world.users["coordinator"],
            "received",
            "has_issues",
        )
        edit = SubmissionEdit.objects.get(kind="status")
        assert edit.actor == world.users["coordinator"] and edit.changes == {
            "status": ["received", "has_issues"]
        }
        page = client.get(url).content.decode()
        assert "Уточнить город" in page and "history" in page

    def test_correcting_answers_keeps_who_changed_what(self, client, reviewed) -> None:
        world = reviewed
        submission = _receive(world)
        url = reverse("submissions:review_edit", kwargs={"slug": world.campaign.slug, "pk": submission.pk})
        page = client.get(url).content.decode()
        assert 'value="34"' in page and "Забрали паспорт" in page
        form = {
            "language": "Русский (ru)",
            "v:country": "RU",
            "v:city": "moscow",
            "v:gender": "female",
            "v:age": "35",
            "v:has_contract": "no",
            "v:contract_problems": "Работодатель отказал",
            "m:work/problems": "1",
            "v:work/problems": ["wages", "other"],
            "v:work/problems_other": "Долгие смены",
            "count:episode": "2",
            "v:episode[0]/episode_date": "2013-05-02",
            "v:episode[0]/episode_story": "Не заплатили за два месяца",
            "v:episode[1]/episode_date": "2013-06-10",
            "v:episode[1]/episode_story": "Забрали паспорт",
            "action": "save",
        }
        response = client.post(url, form)
        assert response.status_code == 302
        submission.refresh_from_db()
        assert submission.data["age"] == "35"
        assert submission.data["photo"] == "passport.jpg"  # files are not on the page and stay
        edit = SubmissionEdit.objects.get(kind="data")
        assert edit.changes == {"age": ["34", "35"]} and edit.actor == world.users["coordinator"]
        assert "<age>34</age>" in submission.xml  # the device's document stays as sent

    def test_bulk_state_change(self, client, reviewed) -> None:
        world = reviewed
        first, second, third = (_receive(world) for _ in range(3))
        client.post(
            reverse("submissions:review_bulk", kwargs={"slug": world.campaign.slug}),
            {"ids": [first.pk, second.pk], "status": "approved"},
        )
        assert list(Submission.objects.order_by("pk").values_list("status", flat=True)) == [
            "approved",
            "approved",
            "received",
        ]
        assert SubmissionEdit.objects.filter(kind="status").count() == 2

    def test_bulk_cannot_touch_another_campaigns_submissions(self, client, reviewed) -> None:
        world = reviewed
        mine = _receive(world)
        migrant_form(world.other_campaign, world.outsider)
        _, xml = submission_xml()
        theirs = submission_receive(
            campaign=world.other_campaign, xml=xml, files=[], user=world.outsider
        ).submission
        client.post(
            reverse("submissions:review_bulk", kwargs={"slug": world.campaign.slug}),
            {"ids": [mine.pk, theirs.pk], "status": "rejected"},
        )
        theirs.refresh_from_db()
        assert theirs.status == "received"

    def test_filters(self, client, reviewed) -> None:
        world = reviewed
        moscow = _receive(world)
        almaty = _receive(world)
        almaty.country_code, almaty.city = "KZ", Location.objects.get(code="KZ-almaty")
        almaty.status = "approved"
        almaty.save()
        url = reverse("submissions:review_list", kwargs={"slug": world.campaign.slug})

        def listed(**params) -> set[int]:
            response = client.get(url, params)
            return {s.pk for s in response.context["page"]}

        assert listed() == {moscow.pk, almaty.pk}
        assert listed(country="KZ") == {almaty.pk}
        assert listed(city=Location.objects.get(code="RU-moscow").pk) == {moscow.pk}
        assert listed(status="approved") == {almaty.pk}
        assert listed(monitor=world.users["monitor"].pk) == {moscow.pk, almaty.pk}
        assert listed(monitor=world.users["coordinator"].pk) == set()
        assert listed(target_group=world.campaign.target_groups.get(code="migrants").pk) == {
            moscow.pk,
            almaty.pk,
        }
        assert listed(target_group=world.campaign.target_groups.get(code="ngo").pk) == set()
        assert listed(form_version=moscow.form_version_id) == {moscow.pk, almaty.pk}
        assert listed(date_from="2000-01-01", date_to="2000-01-02") == set()
        assert listed(status="nonsense", city="x") == {moscow.pk, almaty.pk}


@pytest.mark.django_db
def test_submissions_without_a_monitor_render(client, reviewed) -> None:
    world = reviewed
    _, xml = submission_xml()
    anonymous = submission_receive(campaign=world.campaign, xml=xml, files=[], user=None).submission
    slug = world.campaign.slug
    assert client.get(reverse("submissions:review_list", kwargs={"slug": slug})).status_code == 200
    assert (
        client.get(
            reverse("submissions:review_detail", kwargs={"slug": slug, "pk": anonymous.pk})
        ).status_code
        == 200
    )
