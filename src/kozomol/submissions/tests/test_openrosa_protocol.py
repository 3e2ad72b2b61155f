"""OpenRosa through Django's test client: the protocol details, auth and scope."""

from __future__ import annotations

import base64

import pytest
from defusedxml.ElementTree import fromstring
from django.core.files.uploadedfile import SimpleUploadedFile

from kozomol.submissions.models import CollectToken, Submission, SubmissionEdit
from kozomol.submissions.openrosa import clear_auth_caches
from kozomol.submissions.tests.collect_fixtures import XML_BOMB, migrant_form, submission_xml
from kozomol.testing import PASSWORD

NS = "{http://openrosa.org/xforms/xformsList}"


def _auth(user) -> dict[str, str]:
    raw = f"{user.email}:{PASSWORD}".encode()
    # A phone set to English; the reasons in the answers are then the English msgids.
    return {"HTTP_AUTHORIZATION": "Basic " + base64.b64encode(raw).decode(), "HTTP_ACCEPT_LANGUAGE": "en"}


def _post(client, url: str, xml: bytes, *files: tuple[str, bytes], **headers):
    data = {"xml_submission_file": SimpleUploadedFile("submission.xml", xml, content_type="text/xml")}
    for name, content in files:
        data[name] = SimpleUploadedFile(name, content, content_type="application/octet-stream")
    return client.post(url, data, **headers)


@pytest.fixture
def setup(world):
    clear_auth_caches()
    version = migrant_form(world.campaign, world.users["coordinator"])
    return world, version


@pytest.mark.django_db
class TestOpenRosa:
    def test_every_answer_carries_the_openrosa_headers(self, client, setup) -> None:
        world, _version = setup
        base = f"/openrosa/{world.campaign.slug}"
        monitor = _auth(world.users["monitor"])
        for response in (
            client.get(base + "/formList"),
            client.get(base + "/formList", **monitor),
            client.head(base + "/submission", **monitor),
            client.get(f"/openrosa/{world.other_campaign.slug}/formList", **monitor),
        ):
            assert response["X-OpenRosa-Version"] == "1.0"
            assert int(response["X-OpenRosa-Accept-Content-Length"]) >= 10 * 1024 * 1024

    def test_without_credentials_answers_401_with_a_basic_challenge(self, client, setup) -> None:
        world, _ = setup
        response = client.get(f"/openrosa/{world.campaign.slug}/formList")
        assert response.status_code == 401
        assert response["WWW-Authenticate"].startswith("Basic ")

    def test_form_list_names_the_form_with_hash_and_urls(self, client, setup) -> None:
        world, version = setup
        response = client.get(f"/openrosa/{world.campaign.slug}/formList", **_auth(world.users["monitor"]))
        assert response.status_code == 200
        xform = fromstring(response.content).find(f"{NS}xform")
        assert xform.findtext(f"{NS}formID") == "migrant_test"
        assert xform.findtext(f"{NS}version") == "1"
        assert xform.findtext(f"{NS}hash") == version.md5
        download = client.get(xform.findtext(f"{NS}downloadUrl"), **_auth(world.users["monitor"]))
        assert download.content.decode() == version.xform_xml
        manifest = client.get(xform.findtext(f"{NS}manifestUrl"), **_auth(world.users["monitor"]))
        assert manifest.status_code == 200 and b"xformsManifest" in manifest.content

    def test_head_preflight_answers_204(self, client, setup) -> None:
        world, _ = setup
        response = client.head(f"/openrosa/{world.campaign.slug}/submission", **_auth(world.users["monitor"]))
        assert response.status_code == 204

    def test_submission_is_stored_with_data_profile_and_attachments(self, client, setup) -> None:
        world, version = setup
        instance_id, xml = submission_xml()
        url = f"/openrosa/{world.campaign.slug}/submission"
        response = _post(client, url, xml, ("passport.jpg", b"JPEG"), **_auth(world.users["monitor"]))
        assert response.status_code == 201, response.content
        assert b"OpenRosaResponse" in response.content
        submission = Submission.objects.get(instance_id=instance_id)
        assert submission.form_version == version
        assert submission.submitted_by == world.users["monitor"]
        assert submission.data["work/problems"] == "wages other"
        assert submission.data["episode"][1] == {
            "episode/episode_date": "2013-06-10",
            "episode/episode_story": "Забрали паспорт",
        }
        assert (submission.country_code, submission.city.code, submission.gender) == (
            "RU",
            "RU-moscow",
            "female",
        )
        assert submission.target_group.code == "migrants"
        assert [a.name for a in submission.attachments.all()] == ["passport.jpg"]

    def test_resend_with_identical_xml_adds_only_new_attachments(self, client, setup) -> None:
        world, _ = setup
        instance_id, xml = submission_xml()
        url = f"/openrosa/{world.campaign.slug}/submission"
        auth = _auth(world.users["monitor"])
        _post(client, url, xml, ("passport.jpg", b"JPEG"), **auth)
        again = _post(client, url, xml, ("passport.jpg", b"JPEG"), ("talk.m4a", b"AUDIO"), **auth)
        assert again.status_code == 201
        submission = Submission.objects.get(instance_id=instance_id)
        assert Submission.objects.count() == 1
        assert sorted(a.name for a in submission.attachments.all()) == ["passport.jpg", "talk.m4a"]

    def test_same_instance_with_different_xml_is_a_conflict(self, client, setup) -> None:
        world, _ = setup
        instance_id, xml = submission_xml()
        url = f"/openrosa/{world.campaign.slug}/submission"
        auth = _auth(world.users["monitor"])
        _post(client, url, xml, **auth)
        _, changed = submission_xml(instance_id=instance_id, age="35")
        response = _post(client, url, changed, **auth)
        assert response.status_code == 409
        assert Submission.objects.get().data["age"] == "34"

    def test_an_edit_with_deprecated_id_replaces_the_answers_and_keeps_history(self, client, setup) -> None:
        world, _ = setup
        old_id, xml = submission_xml()
        url = f"/openrosa/{world.campaign.slug}/submission"
        auth = _auth(world.users["monitor"])
        _post(client, url, xml, **auth)
        new_id, edited = submission_xml(age="35", deprecated_id=old_id)
        response = _post(client, url, edited, **auth)
        assert response.status_code == 201
        submission = Submission.objects.get()
        assert (submission.instance_id, submission.deprecated_id, submission.data["age"]) == (
            new_id,
            old_id,
            "35",
        )
        edit = SubmissionEdit.objects.get(submission=submission, kind=SubmissionEdit.Kind.REPLACED)
        assert edit.changes["age"] == ["34", "35"]

    def test_xml_bomb_and_malformed_xml_answer_400_with_the_reason(self, client, setup) -> None:
        world, _ = setup
        url = f"/openrosa/{world.campaign.slug}/submission"
        auth = _auth(world.users["monitor"])
        bomb = _post(client, url, XML_BOMB, **auth)
        assert bomb.status_code == 400 and b"DTD" in bomb.content
        broken = _post(client, url, b"<data id='migrant_test'><age>3</data>", **auth)
        assert broken.status_code == 400 and b"not well-formed" in broken.content
        missing = client.post(url, {"other": SimpleUploadedFile("x.txt", b"x")}, **auth)
        assert missing.status_code == 400 and b"xml_submission_file" in missing.content
        assert not Submission.objects.exists()

    def test_unknown_form_answers_404(self, client, setup) -> None:
        world, _ = setup
        _, xml = submission_xml()
        response = _post(
            client,
            f"/openrosa/{world.campaign.slug}/submission",
            xml.replace(b"migrant_test", b"nope"),
            **_auth(world.users["monitor"]),
        )
        assert response.status_code == 404

    def test_device_token_url_works_without_a_password_and_stops_when_revoked(self, client, setup) -> None:
        world, _ = setup
        token = CollectToken.objects.create(campaign=world.campaign, user=world.users["monitor"])
        base = f"/openrosa/{world.campaign.slug}/key/{token.token}"
        assert client.get(base + "/formList").status_code == 200
        instance_id, xml = submission_xml()
        assert _post(client, base + "/submission", xml).status_code == 201
        assert Submission.objects.get().submitted_by == world.users["monitor"]
        from kozomol.submissions.services import collect_token_revoke

        collect_token_revoke(token=token, actor=world.users["monitor"])
        assert client.get(base + "/formList").status_code == 401
        other = f"/openrosa/{world.other_campaign.slug}/key/{token.token}/formList"
        assert client.get(other).status_code == 401


@pytest.mark.django_db
@pytest.mark.parametrize(
    "who,expected",
    [
        ("monitor", 201),
        ("coordinator", 201),
        ("analyst", 403),
        ("viewer", 403),
        ("caseworker", 403),
        ("outsider", 404),
        ("partner_monitor", 201),
    ],
)
def test_who_may_submit(client, setup, who, expected) -> None:
    world, _ = setup
    user = (
        world.outsider
        if who == "outsider"
        else (world.partner_users["monitor"] if who == "partner_monitor" else world.users[who])
    )
    _, xml = submission_xml()
    response = _post(client, f"/openrosa/{world.campaign.slug}/submission", xml, **_auth(user))
    assert response.status_code == expected
    assert Submission.objects.count() == (1 if expected == 201 else 0)


@pytest.mark.django_db
def test_wrong_password_is_refused(client, setup) -> None:
    world, _ = setup
    raw = base64.b64encode(f"{world.users['monitor'].email}:wrong".encode()).decode()
    response = client.get(f"/openrosa/{world.campaign.slug}/formList", HTTP_AUTHORIZATION="Basic " + raw)
    assert response.status_code == 401


@pytest.mark.django_db
def test_closed_form_is_left_out_of_the_list_and_refuses_submissions(client, setup) -> None:
    world, version = setup
    from kozomol.questionnaires.services import form_set_open

    form_set_open(form=version.form, is_open=False, actor=world.users["coordinator"])
    auth = _auth(world.users["monitor"])
    listing = client.get(f"/openrosa/{world.campaign.slug}/formList", **auth)
    assert b"migrant_test" not in listing.content
    _, xml = submission_xml()
    assert _post(client, f"/openrosa/{world.campaign.slug}/submission", xml, **auth).status_code == 403
