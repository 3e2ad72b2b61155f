"""Who may see the dashboards and downloads, and what each role is shown."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from kozomol.accounts.roles import Role
from kozomol.analytics import synthetic
from kozomol.analytics.tests.helpers import add_submission

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _urls(slug: str) -> list[str]:
    base = f"/campaigns/{slug}/dashboard/"
    return [
        base,
        base + "consular/",
        base + "chart/no-work-permit.csv",
        base + "chart/no-work-permit.svg",
        base + "chart/legal-status.png",
    ]


def test_outsider_gets_404_everywhere(world) -> None:
    client = _client(world.outsider)
    for url in _urls(world.campaign.slug):
        assert client.get(url).status_code == 404, url
    response = client.post(
        f"/campaigns/{world.campaign.slug}/dashboard/chart/no-work-permit/send/", {"finding": 1}
    )
    assert response.status_code == 404


def test_anonymous_is_sent_to_log_in(world) -> None:
    response = Client().get(f"/campaigns/{world.campaign.slug}/dashboard/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_member_role_sees_the_dashboard_and_downloads(world) -> None:
    synthetic.generate(world.campaign, submissions=120, seed=3)
    for role in Role.values:
        client = _client(world.users[role])
        for url in _urls(world.campaign.slug):
            response = client.get(url)
            assert response.status_code == 200, (role, url)
    response = _client(world.users[Role.ANALYST]).get(
        f"/campaigns/{world.campaign.slug}/dashboard/chart/legal-status.png"
    )
    assert response["Content-Type"] == "image/png" and response.content.startswith(b"\x89PNG")
    response = _client(world.users[Role.ANALYST]).get(
        f"/campaigns/{world.campaign.slug}/dashboard/chart/x.svg"
    )
    assert response.status_code == 404


def test_dashboard_section_is_registered(world) -> None:
    response = _client(world.users[Role.VIEWER]).get(f"/campaigns/{world.campaign.slug}/")
    assert f"/campaigns/{world.campaign.slug}/dashboard/" in response.content.decode()


def _csv(client: Client, slug: str, query: str) -> list[list[str]]:
    response = client.get(f"/campaigns/{slug}/dashboard/chart/no-work-permit.csv?{query}")
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_viewer_gets_small_cells_hidden_and_analyst_sees_them(world) -> None:
    c = world.campaign
    for answer in ["no", "no", "yes"]:
        add_submission(c, country="KZ", gender="female", has_work_permit=answer)
    for i in range(8):
        add_submission(c, country="RU", gender="female", has_work_permit="no" if i < 2 else "yes")
    viewer = _csv(_client(world.users[Role.VIEWER]), c.slug, "gender=female")
    analyst = _csv(_client(world.users[Role.ANALYST]), c.slug, "gender=female")
    # Kazakhstan has 3 respondents: hidden from the viewer, shown to the analyst.
    kz_viewer = next(r for r in viewer if r[0] == "Казахстан")
    kz_analyst = next(r for r in analyst if r[0] == "Казахстан")
    assert kz_viewer[1] == "<5" and kz_viewer[-1] == "<5"
    assert kz_analyst[1] == "66.7" and kz_analyst[-1] == "3"
    # Russia has 8: the same for both (25.0%).
    assert next(r for r in viewer if r[0] == "Россия")[1] == "25.0"
    page = (
        _client(world.users[Role.VIEWER])
        .get(f"/campaigns/{c.slug}/dashboard/?gender=female")
        .content.decode()
    )
    assert "&lt;5" in page


def test_only_those_who_draft_findings_may_send_a_chart(world) -> None:
    for role in (Role.VIEWER, Role.MONITOR, Role.CASEWORKER, Role.ADMIN):
        response = _client(world.users[role]).post(
            f"/campaigns/{world.campaign.slug}/dashboard/chart/no-work-permit/send/", {"finding": 1}
        )
        assert response.status_code == 403, role


def test_sending_a_chart_adds_suppressed_evidence_to_the_finding(world) -> None:
    from kozomol.findings.models import Evidence, Finding, Theme

    c = world.campaign
    for answer in ["no", "yes", "yes"]:
        add_submission(c, country="KZ", gender="female", has_work_permit=answer)
    for i in range(6):
        add_submission(c, country="RU", gender="female", has_work_permit="no" if i < 3 else "yes")
    finding = Finding.objects.create(
        campaign=c,
        theme=Theme.objects.get(identifier="STATUS"),
        statement_ru="Многие работают без разрешения",
    )
    other = Finding.objects.create(
        campaign=world.other_campaign,
        theme=Theme.objects.get(identifier="STATUS"),
        statement_ru="Чужая находка",
    )
    client = _client(world.users[Role.ANALYST])
    url = f"/campaigns/{c.slug}/dashboard/chart/no-work-permit/send/?gender=female"
    response = client.post(url, {"finding": other.pk}, follow=True)
    assert not Evidence.objects.filter(finding=other).exists()
    assert "does not belong" in response.content.decode() or response.status_code == 200
    response = client.post(url, {"finding": finding.pk})
    assert response.status_code == 302
    evidence = Evidence.objects.get(finding=finding)
    assert evidence.kind == "chart" and evidence.app_label == "analytics"
    from kozomol.analytics.models import Chart

    chart = Chart.objects.get(pk=evidence.object_pk)
    rows = {row[0]: row for row in chart.table["rows"]}
    # Even an analyst's chart travels with small cells hidden: a finding may be published.
    assert rows["Казахстан"][1] == "<5"
    assert rows["Россия"][1] == "50.0"
    assert chart.filters == {"gender": ["female"]}
    assert "<svg" in chart.svg


def test_dashboard_queries_do_not_grow_with_the_data(world) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(world.users[Role.ANALYST])
    url = f"/campaigns/{world.campaign.slug}/dashboard/?country=KZ"
    synthetic.generate(world.campaign, submissions=60, appeals=10, seed=21)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    synthetic.generate(world.campaign, submissions=600, appeals=100, documents=20, seed=22)
    client.get(url)
    with CaptureQueriesContext(connection) as large:
        assert client.get(url).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)
    # A handful per chart at most (one grouped query each), whatever the number of rows.
    assert len(large.captured_queries) < 60
