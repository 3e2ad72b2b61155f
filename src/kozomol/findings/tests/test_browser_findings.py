"""In a real browser: a coordinator approves a finding, adds a recommendation, previews and downloads the report;
a viewer reads it but cannot change it."""

from __future__ import annotations

import io

import pytest
from docx import Document

from kozomol.accounts.roles import Role
from kozomol.conftest import login
from kozomol.findings import services
from kozomol.findings.models import Finding, Recommendation, Theme
from kozomol.testing import PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STATEMENT = "В Москве мигранты живут по 5–6 человек в комнате."
RECOMMENDATION = "Дипмиссиям следить за судебными делами граждан Кыргызстана."


def test_coordinator_approves_recommends_previews_downloads_and_viewer_only_reads(page, tmp_path):
    world = make_world(slug="browser-findings")
    slug = world.campaign.slug
    finding = services.finding_create(
        actor=world.users[Role.ANALYST],
        campaign=world.campaign,
        theme=Theme.objects.get(identifier="HOUSING"),
        statement_ru=STATEMENT,
    )
    login(page, world.users[Role.COORDINATOR].email, PASSWORD)

    page.goto(f"/campaigns/{slug}/findings/")
    page.click(f"#finding-{finding.pk} a")
    page.click("#approve-finding")
    page.wait_for_selector("#finding-state")
    finding.refresh_from_db()
    assert finding.state == Finding.State.APPROVED

    page.goto(f"/campaigns/{slug}/recommendations/new/")
    page.select_option(
        "#id_addressee", label="Дипломатические службы Кыргызской Республики в странах пребывания"
    )
    page.fill("#id_text_ru", RECOMMENDATION)
    page.get_by_label("ICRMW, art. 23", exact=True).check()
    page.locator("#id_findings input[type=checkbox]").first.check()
    page.click("main form.panel button[type=submit]")
    page.wait_for_url(f"**/campaigns/{slug}/recommendations/")
    rec = Recommendation.objects.get(campaign=world.campaign)
    assert rec.addressee.code == "kg-diplomatic"
    assert [s.reference for s in rec.standards.all()] == ["ICRMW, art. 23"]

    page.goto(f"/campaigns/{slug}/report/")
    preview = page.locator("article.report-preview")
    assert STATEMENT in preview.inner_text()
    assert RECOMMENDATION in preview.inner_text()
    assert preview.locator("figure svg").count() >= 1

    page.select_option("#id_format", "docx")
    page.click("#generate-report")
    page.wait_for_url("**/jobs/**")
    link = page.locator("main a.button[href*='/download/']")
    link.wait_for()
    with page.expect_download() as info:
        link.click()
    path = tmp_path / "report.docx"
    info.value.save_as(path)
    texts = [p.text for p in Document(io.BytesIO(path.read_bytes())).paragraphs]
    assert STATEMENT in texts
    assert any(RECOMMENDATION in t for t in texts)

    # The viewer reads but cannot change.
    page.context.clear_cookies()
    login(page, world.users[Role.VIEWER].email, PASSWORD)
    page.goto(f"/campaigns/{slug}/findings/")
    assert STATEMENT in page.locator("main").inner_text()
    assert page.locator(f"a[href='/campaigns/{slug}/findings/new/']").count() == 0
    page.click(f"#finding-{finding.pk} a")
    assert page.locator("#approve-finding").count() == 0
    assert page.locator("main form[action*='/state/']").count() == 0
    page.goto(f"/campaigns/{slug}/recommendations/")
    assert RECOMMENDATION in page.locator("main").inner_text()
    assert page.locator("main form[action*='/status/']").count() == 0
    response = page.goto(f"/campaigns/{slug}/findings/new/")
    assert response.status == 403
    page.goto(f"/campaigns/{slug}/report/")
    assert STATEMENT in page.locator("article.report-preview").inner_text()


def test_findings_recommendations_and_report_fit_a_phone(phone_page):
    world = make_world(slug="phone-findings")
    slug = world.campaign.slug
    finding = services.finding_create(
        actor=world.users[Role.ANALYST],
        campaign=world.campaign,
        theme=Theme.objects.get(identifier="HOUSING"),
        statement_ru=STATEMENT,
    )
    services.finding_transition(
        actor=world.users[Role.COORDINATOR], finding=finding, target="approved", may_approve=True
    )
    login(phone_page, world.users[Role.VIEWER].email, PASSWORD)
    for path in ("findings/", "recommendations/", "statistics/", "treaty/", "report/"):
        phone_page.goto(f"/campaigns/{slug}/{path}")
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 362, (path, width)
