"""Who may read documents, code, manage the codebook and analyse; outsiders get 404."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.urls import reverse

from kozomol.coding.models import Code, CodedPassage
from kozomol.coding.services import QUOTE_MISMATCH_ERROR, codebook_seed, document_create
from kozomol.testing import PASSWORD

pytestmark = pytest.mark.django_db
TEXT = "Работали без договора. Зарплату не платили три месяца. Жили вшестером в одной комнате."


def _client(user) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    assert client.login(username=user.email, password=PASSWORD)
    return client


@pytest.fixture
def doc(world):
    codebook_seed(actor=None, campaign=world.campaign)
    return document_create(actor=world.users["monitor"], campaign=world.campaign, title="Интервью", text=TEXT)


def _urls(world, doc):
    slug = world.campaign.slug
    return {
        "documents": reverse("coding:documents", kwargs={"slug": slug}),
        "document": reverse("coding:document", kwargs={"slug": slug, "document_id": doc.pk}),
        "analysis": reverse("coding:analysis", kwargs={"slug": slug}),
        "agreement": reverse("coding:agreement", kwargs={"slug": slug}),
        "codebook": reverse("coding:codebook", kwargs={"slug": slug}),
    }


def test_outsiders_get_404_everywhere(world, doc):
    client = _client(world.outsider)
    for url in _urls(world, doc).values():
        assert client.get(url).status_code == 404, url


def test_viewers_read_the_codebook_but_no_transcripts(world, doc):
    client = _client(world.users["viewer"])
    urls = _urls(world, doc)
    assert client.get(urls["codebook"]).status_code == 200
    for key in ("documents", "document", "analysis", "agreement"):
        assert client.get(urls[key]).status_code == 403, key
    response = client.get(reverse("coding:codebook_export", kwargs={"slug": world.campaign.slug}))
    assert response.status_code == 200 and b"CodeBook" in response.content


def test_monitors_read_documents_but_do_not_code(world, doc):
    client = _client(world.users["monitor"])
    urls = _urls(world, doc)
    assert client.get(urls["document"]).status_code == 200
    code = Code.objects.get(campaign=world.campaign, identifier="LABOUR")
    response = client.post(
        reverse("coding:passage_create", kwargs={"slug": world.campaign.slug, "document_id": doc.pk}),
        json.dumps({"start": 0, "end": 8, "codes": [code.pk]}),
        content_type="application/json",
    )
    assert response.status_code == 403


def test_analysts_code_and_see_the_analysis(world, doc):
    client = _client(world.users["analyst"])
    urls = _urls(world, doc)
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    code = Code.objects.get(campaign=world.campaign, identifier="LABOUR.WAGES_UNPAID")
    start = TEXT.index("Зарплату")
    end = start + len("Зарплату не платили три месяца.")
    response = client.post(
        reverse("coding:passage_create", kwargs={"slug": world.campaign.slug, "document_id": doc.pk}),
        json.dumps({"start": start, "end": end, "codes": [code.pk], "quote": TEXT[start:end]}),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    assert CodedPassage.objects.get().text == "Зарплату не платили три месяца."
    page = client.get(urls["analysis"] + f"?code={code.parent_id}")
    assert "Зарплату не платили три месяца." in page.content.decode()
    data = client.get(
        reverse("coding:passages_json", kwargs={"slug": world.campaign.slug}) + f"?code={code.parent_id}"
    ).json()
    assert [p["text"] for p in data["passages"]] == ["Зарплату не платили три месяца."]
    assert data["passages"][0]["code"] == "LABOUR.WAGES_UNPAID"
    for fmt in ("csv", "xlsx", "docx"):
        response = client.get(
            reverse("coding:quotes_export", kwargs={"slug": world.campaign.slug, "fmt": fmt})
            + f"?code={code.pk}"
        )
        assert response.status_code == 200 and len(response.content) > 100, fmt


def test_a_quote_that_does_not_match_the_text_is_refused(world, doc):
    client = _client(world.users["analyst"])
    code = Code.objects.get(campaign=world.campaign, identifier="LABOUR")
    response = client.post(
        reverse("coding:passage_create", kwargs={"slug": world.campaign.slug, "document_id": doc.pk}),
        json.dumps({"start": 0, "end": 8, "codes": [code.pk], "quote": "что-то другое"}),
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["errors"] == [QUOTE_MISMATCH_ERROR]
    assert not CodedPassage.objects.exists()


def test_analysts_cannot_change_the_codebook_coordinators_can(world, doc):
    url = reverse("coding:code_create", kwargs={"slug": world.campaign.slug})
    data = {"identifier": "LABOUR.NEW_THING", "label_ru": "Новое", "colour": "#123456"}
    assert _client(world.users["analyst"]).post(url, data).status_code == 403
    response = _client(world.users["coordinator"]).post(url, data)
    assert response.status_code == 302
    assert Code.objects.filter(campaign=world.campaign, identifier="LABOUR.NEW_THING").exists()


def test_one_coder_cannot_remove_another_coders_passage(world, doc):
    from kozomol.coding.services import passages_create

    code = Code.objects.get(campaign=world.campaign, identifier="LABOUR")
    passage = passages_create(actor=world.users["coordinator"], document=doc, codes=[code], start=0, end=8)[0]
    response = _client(world.users["analyst"]).post(
        reverse(
            "coding:passage_update",
            kwargs={"slug": world.campaign.slug, "document_id": doc.pk, "passage_id": passage.pk},
        ),
        json.dumps({"delete": True}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert CodedPassage.objects.filter(pk=passage.pk).exists()


def test_a_batch_of_passages_is_all_or_nothing(world, doc):
    client = _client(world.users["analyst"])
    code = Code.objects.get(campaign=world.campaign, identifier="LABOUR")
    url = reverse("coding:passages_batch", kwargs={"slug": world.campaign.slug})
    bad = {
        "passages": [
            {"document": doc.pk, "start": 0, "end": 8, "codes": [code.pk]},
            {"document": doc.pk, "start": 5, "end": 9999, "codes": [code.pk]},
        ]
    }
    response = client.post(url, json.dumps(bad), content_type="application/json")
    assert response.status_code == 400 and "passage 2" in response.json()["errors"][0]
    assert not CodedPassage.objects.exists()
    good = {
        "passages": [
            {"document": doc.pk, "start": 0, "end": 8, "codes": [code.pk]},
            {"document": doc.pk, "start": 9, "end": 21, "codes": [code.pk]},
        ]
    }
    response = client.post(url, json.dumps(good), content_type="application/json")
    assert response.status_code == 201 and len(response.json()["created"]) == 2
    assert (
        _client(world.users["viewer"])
        .post(url, json.dumps(good), content_type="application/json")
        .status_code
        == 403
    )
    assert (
        _client(world.outsider).post(url, json.dumps(good), content_type="application/json").status_code
        == 404
    )
