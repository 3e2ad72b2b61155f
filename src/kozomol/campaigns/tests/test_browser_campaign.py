"""In a real browser: a coordinator works in Kyrgyz and Russian; an outsider finds nothing."""

from __future__ import annotations

import pytest

from kozomol.accounts.roles import Role
from kozomol.conftest import login
from kozomol.testing import PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _switch_language(page, code: str) -> None:
    page.select_option("#language-select", code)  # JS submits on change
    page.wait_for_load_state("load")
    page.wait_for_function(f"document.documentElement.lang === '{code}'")


def test_coordinator_switches_to_kyrgyz_and_back_and_opens_the_campaign(page):
    world = make_world(slug="monitoring-2013")
    login(page, world.users[Role.COORDINATOR].email, PASSWORD)
    assert (
        page.locator("h1").inner_text() == "Мои кампании"
        or page.locator("html").get_attribute("lang") == "ru"
    )
    _switch_language(page, "ky")
    assert page.locator("html").get_attribute("lang") == "ky"
    _switch_language(page, "ru")
    assert page.locator("html").get_attribute("lang") == "ru"
    page.click(f"a[href='/campaigns/{world.campaign.slug}/']")
    page.wait_for_url(f"**/campaigns/{world.campaign.slug}/")
    assert world.campaign.title in page.locator("h1").inner_text()
    assert page.locator("text=Задача один").count() == 1


def test_outsider_cannot_see_the_campaign_anywhere(page):
    world = make_world(slug="monitoring-2013")
    login(page, world.outsider.email, PASSWORD)
    assert f"/campaigns/{world.campaign.slug}/" not in page.content()  # the list
    response = page.goto(f"/campaigns/{world.campaign.slug}/")  # the detail URL
    assert response.status == 404
    assert world.campaign.title not in page.content()
    page.goto("/search/?q=" + "Тестовый")  # the search
    assert f"/campaigns/{world.campaign.slug}/" not in page.content()
    assert world.campaign.title not in page.content()


def test_campaign_page_fits_a_phone(phone_page):
    world = make_world(slug="monitoring-2013")
    login(phone_page, world.users[Role.VIEWER].email, PASSWORD)
    phone_page.goto(f"/campaigns/{world.campaign.slug}/")
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
