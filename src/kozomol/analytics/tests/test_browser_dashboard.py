"""In a real browser: an analyst filters the demo dashboard, downloads a chart's CSV, sends the chart to a finding."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from types import SimpleNamespace

import pytest

from kozomol.accounts.roles import Role
from kozomol.analytics import demo
from kozomol.conftest import login
from kozomol.testing import PASSWORD, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_analyst_filters_downloads_csv_matching_the_table_and_sends_to_a_finding(page):
    world = make_world(slug="monitoring-2013")
    demo.load(SimpleNamespace(campaign=world.campaign, users=world.users, say=lambda line: None))
    from kozomol.findings.models import Evidence, Finding, Theme

    finding = Finding.objects.create(
        campaign=world.campaign,
        theme=Theme.objects.get(identifier="STATUS"),
        statement_ru="Многие мигранты работают без разрешения",
    )
    login(page, world.users[Role.ANALYST].email, PASSWORD)
    page.goto(f"/campaigns/{world.campaign.slug}/")
    page.click(f"a[href='/campaigns/{world.campaign.slug}/dashboard/']")
    page.select_option("#f-country", "KZ")
    page.select_option("#f-gender", "female")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**/dashboard/?*country=KZ*")
    assert "gender=female" in page.url

    section = page.locator("#chart-no-work-permit")
    assert section.locator("svg").count() == 1
    table_rows = [
        [cell.inner_text().strip() for cell in row.locator("th, td").all()]
        for row in section.locator("table tbody tr").all()
    ]
    assert table_rows and table_rows[0][0] == "Казахстан"

    with page.expect_download() as info:
        section.locator("a[data-csv]").click()
    download = info.value
    content = Path(download.path()).read_text(encoding="utf-8")
    rows = list(csv.reader(io.StringIO(content)))
    assert rows[1:] == table_rows
    assert download.suggested_filename == "monitoring-2013-no-work-permit.csv"

    section.locator("select[name=finding]").select_option(str(finding.pk))
    section.locator("form button[type=submit]").click()
    page.wait_for_url("**#chart-no-work-permit")
    # The page says so, in the interface's language (Russian by default).
    assert "Диаграмма добавлена к выводу" in page.locator("ul.messages li.success").inner_text()
    evidence = Evidence.objects.get(finding=finding)
    assert evidence.kind == "chart"
    assert "Казахстан" in evidence.text
