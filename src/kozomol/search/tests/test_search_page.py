from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from kozomol.accounts.roles import Role
from kozomol.search.query import QUERY_UNBALANCED
from kozomol.search.tests.factories import add_document

pytestmark = [pytest.mark.django_db, pytest.mark.urls("kozomol.search.tests.urls")]


def url(world):
    return reverse("search:search", kwargs={"slug": world.campaign.slug})


def test_outsiders_do_not_learn_the_campaign_exists(client, world):
    client.force_login(world.outsider)
    assert client.get(url(world), {"q": "зарплата"}).status_code == 404


@pytest.mark.parametrize("role", [Role.VIEWER, Role.CASEWORKER, Role.ADMIN])
def test_members_without_a_reason_to_read_documents_are_refused(client, world, role):
    client.force_login(world.users[role])
    assert client.get(url(world), {"q": "зарплата"}).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    response = client.get(url(world))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", [Role.ANALYST, Role.COORDINATOR, Role.MONITOR])
def test_coders_analysts_and_monitors_find_documents_with_highlighted_words(client, world, role):
    add_document(world.campaign, "Нам не выплатили зарплату за три месяца.", title="Интервью 1")
    add_document(world.campaign, "Про жильё и общежитие.", title="Интервью 2")
    add_document(world.other_campaign, "Зарплату задерживали.", title="Чужое интервью")
    client.force_login(world.users[role])
    response = client.get(url(world), {"q": "зарплаты"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "<mark>зарплату</mark>" in body
    assert "Интервью 1" in body
    assert "Интервью 2" not in body
    assert "Чужое интервью" not in body
    assert [r["document"].title for r in response.context["results"]] == ["Интервью 1"]


def test_partner_organisation_analysts_search_the_campaign_too(client, world):
    add_document(world.campaign, "Полиция проверяла патенты.", title="Интервью П")
    client.force_login(world.partner_users[Role.ANALYST])
    response = client.get(url(world), {"q": "патент"})
    assert [r["document"].title for r in response.context["results"]] == ["Интервью П"]


def test_a_broken_query_shows_its_reason_not_an_error_page(client, world):
    client.force_login(world.users[Role.ANALYST])
    response = client.get(url(world), {"q": '"трудовой договор'})
    assert response.status_code == 200
    with translation.override(response.wsgi_request.LANGUAGE_CODE):
        assert response.context["error"] == translation.gettext(QUERY_UNBALANCED)


def test_the_page_without_a_query_shows_the_form(client, world):
    client.force_login(world.users[Role.ANALYST])
    response = client.get(url(world))
    assert response.status_code == 200
    assert 'name="q"' in response.content.decode()


def test_the_search_tab_shows_on_the_campaign_page_for_coders(client, world):
    client.force_login(world.users[Role.ANALYST])
    assert (
        url(world)
        in client.get(reverse("campaigns:detail", kwargs={"slug": world.campaign.slug})).content.decode()
    )
    client.force_login(world.users[Role.VIEWER])
    assert (
        url(world)
        not in client.get(reverse("campaigns:detail", kwargs={"slug": world.campaign.slug})).content.decode()
    )
