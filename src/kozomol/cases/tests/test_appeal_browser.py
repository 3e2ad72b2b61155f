"""The whole reception on a 360 px phone: appeal in Kyrgyz, triage, referral, outcome, status."""

from __future__ import annotations

import re
from typing import Any

import pytest

from kozomol.accounts.roles import Role
from kozomol.cases.models import Case
from kozomol.conftest import login
from kozomol.testing import PASSWORD, World


def _caseworker_page(browser: Any, live_server: Any, email: str) -> Any:
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 360, "height": 740}, locale="ru-RU"
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    login(page, email, PASSWORD)
    return page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_anonymous_appeal_in_kyrgyz_is_referred_and_wages_recovered(
    phone_page: Any, browser: Any, live_server: Any, reception: World
) -> None:
    migrant = phone_page
    # 1. The migrant switches the public form to Kyrgyz and files an anonymous appeal.
    migrant.goto("/appeal/")
    migrant.select_option("#language-select", "ky")
    migrant.wait_for_function("document.documentElement.lang === 'ky'")
    assert migrant.evaluate("document.documentElement.scrollWidth") <= 360
    migrant.check("input[name=violation_types][value='LABOUR.WAGES_UNPAID']")
    migrant.select_option("#id_country", "KZ")
    migrant.select_option("#id_city", "KZ-almaty")
    migrant.fill("#id_amount_owed", "180000")
    migrant.select_option("#id_owed_currency", "KZT")
    migrant.check("input[name=contact_method][value=anonymous]")
    migrant.check("#id_consent")
    migrant.click("main form[enctype] button[type=submit]")
    reference = migrant.locator("[data-testid=reference]").inner_text().strip()
    secret = migrant.locator("[data-testid=secret]").inner_text().strip()
    assert re.fullmatch(r"KZ-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    case = Case.objects.get(reference=reference)
    assert case.full_name_enc == "" and case.phone_enc == ""

    # 2. A caseworker of another organisation cannot find it.
    outsider = _caseworker_page(browser, live_server, reception.users["other_caseworker"].email)
    outsider.goto("/cases/")
    assert reference not in outsider.content()
    response = outsider.goto(f"/cases/{case.pk}/")
    assert response is not None and response.status == 404
    outsider.context.close()

    # 3. The caseworker of the assigned organisation triages it and refers it to the partner NGO.
    worker = _caseworker_page(browser, live_server, reception.users[Role.CASEWORKER].email)
    worker.goto("/cases/")
    worker.click(f"text={reference}")
    worker.fill("#id_triage-deadline", "2030-06-30")
    worker.fill("#id_triage-note", "Зарплата за три месяца")
    worker.click("form[action$='/triage/'] button[type=submit]")
    worker.wait_for_selector(".messages")
    worker.select_option("#id_refer-to_organisation", str(reception.partner_org.pk))
    worker.click("form[action$='/refer/'] button[type=submit]")
    worker.wait_for_selector(".messages")
    assert Case.objects.get(pk=case.pk).status == Case.Status.REFERRED
    worker.context.close()

    # 4. The partner's caseworker accepts and records the wages recovered.
    partner = _caseworker_page(browser, live_server, reception.partner_users[Role.CASEWORKER].email)
    partner.goto("/cases/referrals/")
    partner.click(f"text={reference}")
    partner.check("input[name=decision][value=accept]")
    partner.click("main form button[type=submit]")
    partner.wait_for_url(re.compile(rf"/cases/{case.pk}/$"))
    partner.select_option("#id_close-outcome", "wages_recovered")
    partner.fill("#id_close-amount", "180000")
    partner.select_option("#id_close-currency", "KZT")
    partner.click("form[action$='/close/'] button[type=submit]")
    outcome = partner.locator("[data-testid=outcome]").inner_text()
    assert "180" in outcome and "KZT" in outcome
    partner.context.close()

    # 5. The migrant sees the new status with the code and the secret.
    migrant.goto("/appeal/status/")
    migrant.fill("#id_reference", reference)
    migrant.fill("#id_secret", secret)
    migrant.click("main form button[type=submit]")
    status = migrant.locator("[data-testid=status]").inner_text()
    assert "KZT" in status and re.search(r"180\D?000", status)
    assert migrant.evaluate("document.documentElement.scrollWidth") <= 360
