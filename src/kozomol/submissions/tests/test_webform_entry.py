"""Web entry without JavaScript: drafts saved on the server, repeats, relevance, checks, submit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.submissions.models import Draft, Submission
from kozomol.submissions.tests.collect_fixtures import migrant_form
from kozomol.submissions.webform import ERR_REQUIRED
from kozomol.testing import PASSWORD

KY = "Кыргызча (ky)"


@pytest.fixture
def started(client, world):
    version = migrant_form(world.campaign, world.users["coordinator"])
    client.login(username=world.users["monitor"].email, password=PASSWORD)
    response = client.post(
        reverse("submissions:draft_start", kwargs={"slug": world.campaign.slug, "form_pk": version.form_id})
    )
    draft = Draft.objects.get()
    assert response["Location"].endswith(
        reverse("submissions:draft_edit", kwargs={"slug": world.campaign.slug, "draft_pk": draft.pk})
    )
    return world, version, draft, response["Location"]


ANSWERS = {
    "language": KY,
    "v:country": "RU",
    "v:city": "moscow",
    "v:gender": "female",
    "v:age": "34",
    "v:has_contract": "yes",
    "v:contract_problems": "не должно сохраниться",
    "m:work/problems": "1",
    "v:work/problems": ["wages", "other"],
    "v:work/problems_other": "Долгие смены",
}


@pytest.mark.django_db
class TestWebEntry:
    def test_the_page_shows_the_chosen_language(self, client, started) -> None:
        world, _version, _draft, url = started
        client.post(url, {"language": KY, "action": "save"})
        page = client.get(url).content.decode()
        assert "Иштеген өлкө" in page and "Эмгек келишими барбы?" in page
        assert "Страна работы" not in page

    def test_save_draft_keeps_the_answers_and_resumes_from_another_device(self, client, started) -> None:
        world, _version, draft, url = started
        client.post(url, {**ANSWERS, "action": "save"})
        from django.test import Client

        other_device = Client()
        other_device.login(username=world.users["monitor"].email, password=PASSWORD)
        page = other_device.get(url).content.decode()
        assert 'value="34"' in page and "Долгие смены" in page

    def test_autosave_endpoint_saves_and_ignores_a_stale_revision(self, client, started) -> None:
        world, _version, draft, url = started
        autosave = reverse(
            "submissions:draft_autosave", kwargs={"slug": world.campaign.slug, "draft_pk": draft.pk}
        )
        first = client.post(autosave, {"v:age": "40", "revision": "0"})
        assert first.status_code == 200 and first.json()["revision"] == 1
        client.post(autosave, {"v:age": "41", "revision": "1"})
        stale = client.post(autosave, {"v:age": "39", "revision": "0"})
        assert stale.status_code == 409
        assert Draft.objects.get().data["age"] == "41"

    def test_add_a_repeat_item_without_javascript(self, client, started) -> None:
        world, _version, draft, url = started
        client.post(url, {**ANSWERS, "count:episode": "0", "action": "add:count:episode"})
        client.post(
            url,
            {
                **ANSWERS,
                "count:episode": "1",
                "v:episode[0]/episode_story": "Первый",
                "action": "add:count:episode",
            },
        )
        page = client.get(url).content.decode()
        assert 'name="v:episode[1]/episode_story"' in page
        assert Draft.objects.get().data["count:episode"] == "2"

    def test_submit_with_missing_required_answers_keeps_the_draft(self, client, started) -> None:
        world, _version, draft, url = started
        response = client.post(url, {"language": KY, "v:country": "RU", "action": "submit"})
        assert response.status_code == 200
        page = response.content.decode()
        from django.utils.translation import gettext, override

        with override("ru"):
            assert gettext(ERR_REQUIRED) in page
        assert 'id="q-gender-error"' in page and 'id="q-country-error"' not in page
        assert not Submission.objects.exists() and Draft.objects.filter(pk=draft.pk).exists()

    def test_constraint_message_in_the_language(self, client, started) -> None:
        world, _version, draft, url = started
        response = client.post(url, {**ANSWERS, "v:age": "12", "action": "submit"})
        assert "Жашы 16дан 90го чейин" in response.content.decode()
        assert not Submission.objects.exists()

    def test_submit_creates_the_submission_without_irrelevant_answers(self, client, started) -> None:
        world, version, draft, url = started
        client.post(url, {**ANSWERS, "count:episode": "0", "action": "add:count:episode"})
        response = client.post(
            url,
            {
                **ANSWERS,
                "count:episode": "1",
                "v:episode[0]/episode_date": "2013-05-02",
                "v:episode[0]/episode_story": "Не заплатили",
                "action": "submit",
            },
        )
        assert response.status_code == 302
        submission = Submission.objects.get()
        assert submission.source == "web" and submission.submitted_by == world.users["monitor"]
        assert submission.form_version == version
        assert submission.data["work/problems"] == "wages other"
        assert "contract_problems" not in submission.data  # has_contract = yes makes it irrelevant
        assert submission.data["episode"] == [
            {"episode/episode_date": "2013-05-02", "episode/episode_story": "Не заплатили"}
        ]
        assert (submission.country_code, submission.city.code) == ("RU", "RU-moscow")
        assert submission.instance_id == draft.instance_id
        assert "<episode_story>Не заплатили</episode_story>" in submission.xml
        assert not Draft.objects.exists()


@pytest.mark.django_db
def test_drafts_are_private_to_their_monitor(client, started) -> None:
    world, _version, draft, url = started
    client.logout()
    client.login(username=world.users["coordinator"].email, password=PASSWORD)
    assert client.get(url).status_code == 404
    client.logout()
    client.login(username=world.outsider.email, password=PASSWORD)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "role,expected", [("monitor", 200), ("coordinator", 200), ("analyst", 403), ("viewer", 403)]
)
def test_collect_page_needs_collect(client, world, role, expected) -> None:
    client.login(username=world.users[role].email, password=PASSWORD)
    assert (
        client.get(reverse("submissions:collect", kwargs={"slug": world.campaign.slug})).status_code
        == expected
    )


@pytest.mark.django_db
def test_a_file_chosen_in_the_draft_becomes_an_attachment(client, started) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    world, _version, draft, url = started
    client.post(url, {**ANSWERS, "action": "save", "f:recording": SimpleUploadedFile("talk.m4a", b"AUDIO")})
    page = client.get(url).content.decode()
    assert "talk.m4a" in page
    response = client.post(url, {**ANSWERS, "action": "submit"})
    assert response.status_code == 302
    submission = Submission.objects.get()
    assert submission.data["recording"] == "talk.m4a"
    attachment = submission.attachments.get()
    assert (attachment.name, attachment.size) == ("talk.m4a", 5)
    assert attachment.file.read() == b"AUDIO"
