"""Every page of questionnaires and submissions against every role, the partner and the outsider."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.submissions.models import CollectToken, Draft
from kozomol.submissions.services import submission_receive
from kozomol.submissions.tests.collect_fixtures import migrant_form, submission_xml

ROLES = ["admin", "coordinator", "monitor", "analyst", "caseworker", "viewer"]
# Expected status per page for each role (200 = allowed; 403 = visible campaign, wrong role).
PAGES = {
    "questionnaires:list": dict.fromkeys(ROLES, 200),
    "questionnaires:detail": dict.fromkeys(ROLES, 200),
    "questionnaires:xlsform": dict.fromkeys(ROLES, 200),
    "questionnaires:xform": dict.fromkeys(ROLES, 200),
    "questionnaires:upload": {r: 200 if r == "coordinator" else 403 for r in ROLES},
    "questionnaires:templates": {r: 200 if r == "coordinator" else 403 for r in ROLES},
    "submissions:collect": {r: 200 if r in ("coordinator", "monitor") else 403 for r in ROLES},
    "submissions:collect_device": {r: 200 if r in ("coordinator", "monitor") else 403 for r in ROLES},
    "submissions:review_list": {r: 200 if r == "coordinator" else 403 for r in ROLES},
    "submissions:review_detail": {r: 200 if r == "coordinator" else 403 for r in ROLES},
    "submissions:review_edit": {r: 200 if r == "coordinator" else 403 for r in ROLES},
    "submissions:attachment_download": {
        r: 200 if r in ("coordinator", "admin", "analyst", "monitor") else 403 for r in ROLES
    },
}


@pytest.fixture
def objects(world):
    version = migrant_form(world.campaign, world.users["coordinator"])
    _, xml = submission_xml()
    from django.core.files.uploadedfile import SimpleUploadedFile

    submission = submission_receive(
        campaign=world.campaign,
        xml=xml,
        files=[SimpleUploadedFile("passport.jpg", b"JPEG")],
        user=world.users["monitor"],
    ).submission
    return {
        "slug": world.campaign.slug,
        "form_pk": version.form_id,
        "version_pk": version.pk,
        "pk": submission.pk,
        "attachment_pk": submission.attachments.get().pk,
    }


def _url(name: str, objects: dict) -> str:
    kwargs = {"slug": objects["slug"]}
    if name in ("questionnaires:detail",):
        kwargs["form_pk"] = objects["form_pk"]
    if name in ("questionnaires:xlsform", "questionnaires:xform"):
        kwargs |= {"form_pk": objects["form_pk"], "version_pk": objects["version_pk"]}
    if name in ("submissions:review_detail", "submissions:review_edit"):
        kwargs["pk"] = objects["pk"]
    if name == "submissions:attachment_download":
        kwargs |= {"pk": objects["pk"], "attachment_pk": objects["attachment_pk"]}
    return reverse(name, kwargs=kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PAGES))
def test_every_page_by_role_and_outsider(client, world, objects, name) -> None:
    url = _url(name, objects)
    for role in ROLES:
        client.force_login(world.users[role])
        assert client.get(url).status_code == PAGES[name][role], (name, role)
    client.force_login(world.outsider)
    assert client.get(url).status_code == 404, (name, "outsider")
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


@pytest.mark.django_db
def test_outsider_cannot_touch_drafts_tokens_or_bulk(client, world, objects) -> None:
    draft = Draft.objects.create(
        campaign=world.campaign,
        form_id=objects["form_pk"],
        form_version_id=objects["version_pk"],
        owner=world.users["monitor"],
        instance_id="uuid:draft-1",
    )
    token = CollectToken.objects.create(campaign=world.campaign, user=world.users["monitor"])
    client.force_login(world.outsider)
    slug = world.campaign.slug
    for url in (
        reverse("submissions:draft_edit", kwargs={"slug": slug, "draft_pk": draft.pk}),
        reverse("submissions:draft_autosave", kwargs={"slug": slug, "draft_pk": draft.pk}),
        reverse("submissions:draft_discard", kwargs={"slug": slug, "draft_pk": draft.pk}),
        reverse("submissions:collect_qr", kwargs={"slug": slug, "token_pk": token.pk}),
        reverse("submissions:collect_revoke", kwargs={"slug": slug, "token_pk": token.pk}),
        reverse("submissions:review_bulk", kwargs={"slug": slug}),
        reverse("submissions:draft_start", kwargs={"slug": slug, "form_pk": objects["form_pk"]}),
    ):
        assert client.post(url).status_code == 404, url
    assert Draft.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_a_monitor_sees_only_their_own_device_qr(client, world, objects) -> None:
    token = CollectToken.objects.create(campaign=world.campaign, user=world.users["monitor"])
    client.force_login(world.users["coordinator"])
    assert (
        client.get(
            reverse("submissions:collect_qr", kwargs={"slug": world.campaign.slug, "token_pk": token.pk})
        ).status_code
        == 404
    )
    client.force_login(world.users["monitor"])
    response = client.get(
        reverse("submissions:collect_qr", kwargs={"slug": world.campaign.slug, "token_pk": token.pk})
    )
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"


def test_qr_payload_is_what_odk_collect_decodes() -> None:
    import base64
    import json
    import zlib

    from kozomol.submissions.openrosa import collect_qr_payload, collect_settings

    settings = collect_settings("https://kozomol.example/openrosa/x/key/abc", project="Мониторинг")
    decoded = json.loads(zlib.decompress(base64.b64decode(collect_qr_payload(settings))))
    assert decoded["general"]["server_url"] == "https://kozomol.example/openrosa/x/key/abc"
    assert decoded["project"]["name"] == "Мониторинг"
