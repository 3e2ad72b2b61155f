"""A monitor fills the migrant questionnaire in Kyrgyz, leaves half-way, resumes the draft
on a phone, submits; the coordinator approves it.

The form is the trilingual fixture in collect_fixtures (the report's own migrant template
is tested by its engineer). The SPSS export of the approved interview belongs to the
import/export work (kozomol.submissions.io) and is tested there.
"""

from __future__ import annotations

import time

import pytest

from kozomol.conftest import login
from kozomol.submissions.models import Draft, Submission
from kozomol.submissions.tests.collect_fixtures import migrant_form
from kozomol.testing import PASSWORD, make_world


def _wait_for(predicate, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_kyrgyz_interview_with_a_resumed_draft_is_submitted_and_approved(
    page, phone_page, browser, live_server
) -> None:
    world = make_world("browser")
    migrant_form(world.campaign, world.users["coordinator"])
    slug = world.campaign.slug

    # A desk computer: start the interview, switch the questionnaire to Kyrgyz.
    login(page, world.users["monitor"].email, PASSWORD)
    page.goto(f"/campaigns/{slug}/collect/")
    page.click("form[action$='/start/'] button")
    page.wait_for_url("**/collect/drafts/**")
    page.select_option("#id_language", label="Кыргызча (ky)")
    page.wait_for_selector("text=Иштеген өлкө")
    assert page.locator("text=Страна работы").count() == 0

    page.get_by_label("Россия").check()
    page.get_by_label("Москва").check()
    page.get_by_label("Аял").check()
    page.fill("#q-age", "34")
    assert page.locator("#q-contract_problems").is_hidden()
    page.get_by_label("Жок", exact=True).check()
    page.locator("#q-contract_problems").wait_for(state="visible")  # relevance, live in the page
    page.fill("#q-contract_problems", "Иш берүүчү келишим түзгөн жок")
    _wait_for(lambda: Draft.objects.get().data.get("contract_problems") == "Иш берүүчү келишим түзгөн жок")
    page.close()  # the connection drops half-way

    # Later, on a phone: the draft is there, with everything typed.
    login(phone_page, world.users["monitor"].email, PASSWORD)
    phone_page.goto(f"/campaigns/{slug}/collect/")
    phone_page.click("#drafts a")
    phone_page.wait_for_selector("text=Иштеген өлкө")
    assert phone_page.input_value("#q-age") == "34"
    assert phone_page.get_by_label("Москва").is_checked()
    assert phone_page.input_value("#q-contract_problems") == "Иш берүүчү келишим түзгөн жок"

    phone_page.get_by_label("Эмгек акы төлөнбөй калды").check()
    phone_page.click("button[value='add:count:episode']")
    phone_page.wait_for_selector("#q-episode-0--episode_story")
    phone_page.fill("#q-episode-0--episode_date", "2013-05-02")
    phone_page.fill("#q-episode-0--episode_story", "Эки ай айлык берилген жок")
    phone_page.click("#submit-interview")
    # The redirect keeps the #fragment of the last "add" button.
    phone_page.wait_for_url(
        lambda url: "/collect/drafts/" not in url and f"/campaigns/{slug}/collect/" in url
    )

    submission = Submission.objects.get()
    assert submission.source == "web" and submission.submitted_by == world.users["monitor"]
    assert submission.data["contract_problems"] == "Иш берүүчү келишим түзгөн жок"
    assert submission.data["work/problems"] == "wages"
    assert submission.data["episode"] == [
        {"episode/episode_date": "2013-05-02", "episode/episode_story": "Эки ай айлык берилген жок"}
    ]
    assert (submission.country_code, submission.gender) == ("RU", "female")
    assert not Draft.objects.exists()

    # The coordinator approves it.
    context = browser.new_context(base_url=live_server.url, locale="ru-RU")
    coordinator = context.new_page()
    login(coordinator, world.users["coordinator"].email, PASSWORD)
    coordinator.goto(f"/campaigns/{slug}/submissions/")
    coordinator.click(f"a[href$='/submissions/{submission.pk}/']")
    coordinator.wait_for_selector("#answers")
    assert "Эки ай айлык берилген жок" in coordinator.content()
    coordinator.select_option("#id_status", "approved")
    coordinator.fill("#id_comment", "Текшерилди")
    coordinator.click("#save-review")
    coordinator.wait_for_load_state()
    submission.refresh_from_db()
    assert submission.status == "approved"
    assert submission.comments.get().text == "Текшерилди"
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_cascading_selects_and_calculations_follow_the_answers_live(page, live_server) -> None:
    from kozomol.submissions.tests.collect_fixtures import cascade_form

    world = make_world("cascade")
    cascade_form(world.campaign, world.users["coordinator"])
    slug = world.campaign.slug
    login(page, world.users["monitor"].email, PASSWORD)
    page.goto(f"/campaigns/{slug}/collect/")
    page.click("form[action$='/start/'] button")
    page.wait_for_url("**/collect/drafts/**")
    page.wait_for_selector("text=Город")
    assert page.locator("noscript").count() > 0  # the no-script button is there, inert with script on

    # Before a country is chosen only "another city" is offered.
    assert page.get_by_label("Москва").is_hidden() and page.get_by_label("Алматы").is_hidden()
    assert page.get_by_label("Другой город").is_visible()

    kz_note = page.locator("text=Вопросы о Казахстане")
    assert kz_note.is_hidden()  # its relevance reads a calculation: country = 'KZ'
    page.get_by_label("Россия").check()
    page.get_by_label("Москва").wait_for(state="visible")
    assert page.get_by_label("Санкт-Петербург").is_visible() and page.get_by_label("Алматы").is_hidden()
    page.get_by_label("Москва").check()
    _wait_for(lambda: Draft.objects.get().data.get("city") == "moscow")

    # The country changes: Moscow disappears and is no longer the answer, in the page and the draft.
    page.get_by_label("Казахстан").check()
    page.get_by_label("Астана").wait_for(state="visible")
    kz_note.wait_for(state="visible")  # the calculation, recomputed in the page
    assert page.get_by_label("Москва").is_hidden() and not page.get_by_label("Москва").is_checked()
    _wait_for(
        lambda: Draft.objects.get().data.get("country") == "KZ" and not Draft.objects.get().data.get("city")
    )

    # Inside a repeat each trip filters by its own country.
    page.click("button[value='add:count:trip']")
    page.wait_for_selector("#q-trip-0--trip_country")
    page.click("button[value='add:count:trip']")
    page.wait_for_selector("#q-trip-1--trip_country")
    page.locator("#q-trip-0--trip_country").get_by_label("Россия").check()
    page.locator("#q-trip-1--trip_country").get_by_label("Казахстан").check()
    first, second = page.locator("#q-trip-0--trip_cities"), page.locator("#q-trip-1--trip_cities")
    first.get_by_label("Санкт-Петербург").wait_for(state="visible")
    assert first.get_by_label("Алматы").is_hidden() and second.get_by_label("Москва").is_hidden()
    first.get_by_label("Санкт-Петербург").check()
    second.get_by_label("Алматы").check()
    second.get_by_label("Астана").check()

    page.get_by_label("Астана").first.check()
    page.locator("text=Выбранный город: astana").wait_for()  # a label naming an answer follows it live
    page.click("#submit-interview")
    page.wait_for_url(lambda url: "/collect/drafts/" not in url)
    submission = Submission.objects.get()
    assert submission.data["country"] == "KZ" and submission.data["city"] == "astana"
    assert submission.data["in_kz"] == "true"
    assert submission.data["trip"] == [
        {"trip/trip_country": "RU", "trip/trip_cities": "spb", "trip/trip_city_count": "1"},
        {"trip/trip_country": "KZ", "trip/trip_cities": "almaty astana", "trip/trip_city_count": "2"},
    ]
