from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kozomol.accounts.roles import Role
from kozomol.autocoding.models import AutocoderModel, SuggestionDecision
from kozomol.autocoding.services import ALREADY_DECIDED_ERROR, SPAN_ERROR
from kozomol.autocoding.tests.factories import code_sentence, make_document, seeded
from kozomol.coding.models import CodedPassage
from kozomol.core.models import Job

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kozomol.autocoding.tests.urls")]

TEXT = (
    "Работодатель не выплатил зарплату за три месяца. "
    "Мы сидели на кухне и пили чай. "
    "В больнице без полиса меня не приняли."
)


@pytest.fixture
def setup(world):
    codes = seeded(world.campaign, world.users[Role.COORDINATOR])
    document = make_document(world.campaign, world.users[Role.ANALYST], TEXT)
    return codes, document


def said(response, message: str) -> bool:
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        return translation.gettext(message) in [str(m) for m in response.wsgi_request._messages]


def page_url(world):
    return reverse("autocoding:suggestions", kwargs={"slug": world.campaign.slug})


def decide(client, world, document, suggestion, decision):
    return client.post(
        reverse("autocoding:decide", kwargs={"slug": world.campaign.slug}),
        {
            "document": document.pk,
            "code": suggestion.code.pk,
            "start": suggestion.start,
            "end": suggestion.end,
            "score": suggestion.score,
            "text": suggestion.text,
            "decision": decision,
        },
    )


def test_outsiders_get_404(client, world, setup):
    client.force_login(world.outsider)
    assert client.get(page_url(world)).status_code == 404


@pytest.mark.parametrize("role", [Role.VIEWER, Role.MONITOR, Role.CASEWORKER])
def test_members_who_do_not_code_get_403(client, world, setup, role):
    client.force_login(world.users[role])
    assert client.get(page_url(world)).status_code == 403


def test_uncoded_sentences_get_suggestions_with_score_and_reason(client, world, setup):
    client.force_login(world.users[Role.ANALYST])
    response = client.get(page_url(world))
    assert response.status_code == 200
    suggestions = response.context["listing"][0]["suggestions"]
    by_code = {s.code.identifier: s for s in suggestions}
    assert set(by_code) == {"LABOUR", "HEALTH"}
    assert by_code["LABOUR"].text == "Работодатель не выплатил зарплату за три месяца."
    assert 0.5 <= by_code["LABOUR"].score <= 1.0
    assert "зарплату" in by_code["LABOUR"].terms  # as written in the text
    assert "полиса" in by_code["HEALTH"].terms
    body = response.content.decode()
    assert "Работодатель не выплатил зарплату" in body and "зарплату" in body


def test_accepting_codes_the_passage_and_queues_retraining(
    client, world, setup, django_capture_on_commit_callbacks
):
    codes, document = setup
    analyst = world.users[Role.ANALYST]
    client.force_login(analyst)
    labour = next(
        s
        for s in client.get(page_url(world)).context["listing"][0]["suggestions"]
        if s.code.identifier == "LABOUR"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, world, document, labour, "accept")
    assert response.status_code == 302
    passage = CodedPassage.objects.get(document=document, coder=analyst)
    assert passage.code == codes["LABOUR"]
    assert passage.text == labour.text
    assert SuggestionDecision.objects.get(coder=analyst).decision == SuggestionDecision.Decision.ACCEPTED
    # Retrained in the background (inline in tests): a model now exists and its job is done.
    assert AutocoderModel.objects.filter(campaign=world.campaign).exists()
    assert Job.objects.get(kind="autocoding.retrain").status == Job.Status.DONE
    # The sentence is coded now: no more suggestions for it, for this coder.
    remaining = client.get(page_url(world)).context["listing"][0]["suggestions"]
    assert {s.code.identifier for s in remaining} == {"HEALTH"}


def test_rejecting_hides_the_suggestion_for_that_coder_only(client, world, setup):
    codes, document = setup
    client.force_login(world.users[Role.ANALYST])
    health = next(
        s
        for s in client.get(page_url(world)).context["listing"][0]["suggestions"]
        if s.code.identifier == "HEALTH"
    )
    decide(client, world, document, health, "reject")
    assert not CodedPassage.objects.exists()
    remaining = client.get(page_url(world)).context["listing"][0]["suggestions"]
    assert "HEALTH" not in {s.code.identifier for s in remaining}
    client.force_login(world.users[Role.COORDINATOR])
    other = client.get(page_url(world)).context["listing"][0]["suggestions"]
    assert "HEALTH" in {s.code.identifier for s in other}


def test_deciding_twice_or_on_a_stale_span_is_refused_with_a_message(client, world, setup):
    codes, document = setup
    client.force_login(world.users[Role.ANALYST])
    health = next(
        s
        for s in client.get(page_url(world)).context["listing"][0]["suggestions"]
        if s.code.identifier == "HEALTH"
    )
    decide(client, world, document, health, "reject")
    response = decide(client, world, document, health, "reject")
    assert said(response, ALREADY_DECIDED_ERROR)
    health.text = "что-то другое"
    response = decide(client, world, document, health, "accept")
    assert said(response, SPAN_ERROR)
    assert not CodedPassage.objects.exists()


def test_deciding_on_another_campaigns_document_is_404(client, world, setup):
    codes, document = setup
    other_codes = seeded(world.other_campaign, world.outsider)
    foreign = make_document(world.other_campaign, world.outsider, TEXT)
    client.force_login(world.users[Role.ANALYST])
    response = client.post(
        reverse("autocoding:decide", kwargs={"slug": world.campaign.slug}),
        {
            "document": foreign.pk,
            "code": other_codes["LABOUR"].pk,
            "start": 0,
            "end": 10,
            "score": 0.9,
            "decision": "accept",
        },
    )
    assert response.status_code == 404
    assert not CodedPassage.objects.exists()


def test_sentences_coded_by_hand_are_not_suggested(client, world, setup):
    codes, document = setup
    analyst = world.users[Role.ANALYST]
    code_sentence(document, "В больнице без полиса меня не приняли.", codes["HEALTH"], analyst)
    client.force_login(analyst)
    suggestions = client.get(page_url(world)).context["listing"][0]["suggestions"]
    assert {s.code.identifier for s in suggestions} == {"LABOUR"}


def test_the_page_shows_held_out_figures_after_training(client, world, setup):
    from kozomol.autocoding.services import autocoder_train

    codes, document = setup
    analyst = world.users[Role.ANALYST]
    for i in range(12):
        doc = make_document(world.campaign, analyst, TEXT + f" Номер {i}.", title=f"Д{i}")
        code_sentence(doc, "Работодатель не выплатил зарплату за три месяца.", codes["LABOUR"], analyst)
        code_sentence(doc, "В больнице без полиса меня не приняли.", codes["HEALTH"], analyst)
    autocoder_train(campaign=world.campaign)
    client.force_login(analyst)
    response = client.get(page_url(world))
    assert response.context["metric_rows"]
    assert "F1" in response.content.decode()
