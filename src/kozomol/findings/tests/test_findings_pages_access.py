"""Who may open and change findings pages: outsiders get 404, the wrong role 403, viewers read."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.accounts.roles import Role
from kozomol.findings import services
from kozomol.findings.models import Addressee, Finding, Recommendation, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def finding(world):
    return services.finding_create(
        actor=world.users[Role.ANALYST],
        campaign=world.campaign,
        theme=Theme.objects.get(identifier="STATUS"),
        statement_ru="Черновой вывод.",
    )


def _client(client, user):
    client.force_login(user)
    return client


def _pages(slug, finding_pk):
    return [
        reverse("findings:list", kwargs={"slug": slug}),
        reverse("findings:recommendations", kwargs={"slug": slug}),
        reverse("findings:statistics", kwargs={"slug": slug}),
        reverse("findings:treaty", kwargs={"slug": slug}),
        reverse("findings:treaty_export", kwargs={"slug": slug, "kind": "shadow"}),
        reverse("reports:preview", kwargs={"slug": slug}),
    ]


def test_outsider_gets_404_everywhere(client, world, finding):
    _client(client, world.outsider)
    for url in _pages(world.campaign.slug, finding.pk) + [
        reverse("findings:detail", kwargs={"slug": world.campaign.slug, "finding_id": finding.pk}),
    ]:
        assert client.get(url).status_code == 404, url
    url = reverse("findings:create", kwargs={"slug": world.campaign.slug})
    assert client.post(url, {"theme": finding.theme_id, "statement_ru": "x"}).status_code == 404


def test_viewer_reads_approved_findings_only_and_cannot_change(client, world, finding):
    approved = services.finding_create(
        actor=world.users[Role.ANALYST],
        campaign=world.campaign,
        theme=Theme.objects.get(identifier="LABOUR"),
        statement_ru="Утверждённый вывод.",
    )
    services.finding_transition(
        actor=world.users[Role.COORDINATOR], finding=approved, target="approved", may_approve=True
    )
    _client(client, world.users[Role.VIEWER])
    for url in _pages(world.campaign.slug, finding.pk):
        assert client.get(url).status_code == 200, url
    page = client.get(reverse("findings:list", kwargs={"slug": world.campaign.slug})).content.decode()
    assert "Утверждённый вывод." in page and "Черновой вывод." not in page
    slug = world.campaign.slug
    assert (
        client.get(reverse("findings:detail", kwargs={"slug": slug, "finding_id": finding.pk})).status_code
        == 404
    )
    assert client.get(reverse("findings:create", kwargs={"slug": slug})).status_code == 403
    assert (
        client.post(
            reverse("findings:state", kwargs={"slug": slug, "finding_id": approved.pk}), {"state": "draft"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("findings:recommendation_create", kwargs={"slug": slug}),
            {"addressee": Addressee.objects.first().pk, "text_ru": "x", "priority": 2},
        ).status_code
        == 403
    )
    assert (
        client.post(reverse("findings:statistics", kwargs={"slug": slug}), {"series": "x"}).status_code == 403
    )
    assert Recommendation.objects.count() == 0


def test_analyst_drafts_but_cannot_approve_or_inherit(client, world, finding):
    _client(client, world.users[Role.ANALYST])
    slug = world.campaign.slug
    url = reverse("findings:state", kwargs={"slug": slug, "finding_id": finding.pk})
    assert client.post(url, {"state": "approved"}).status_code == 403
    assert client.post(url, {"state": "reviewed"}).status_code == 302
    finding.refresh_from_db()
    assert finding.state == Finding.State.REVIEWED
    assert client.post(reverse("findings:inherit", kwargs={"slug": slug})).status_code == 403
    assert (
        client.post(reverse("findings:delete", kwargs={"slug": slug, "finding_id": finding.pk})).status_code
        == 403
    )


def test_monitor_cannot_draft(client, world):
    _client(client, world.users[Role.MONITOR])
    assert client.get(reverse("findings:create", kwargs={"slug": world.campaign.slug})).status_code == 403


def test_finding_of_another_campaign_is_404(client, world):
    other = services.finding_create(
        actor=world.outsider,
        campaign=world.other_campaign,
        theme=Theme.objects.get(identifier="STATUS"),
        statement_ru="Чужой вывод.",
    )
    _client(client, world.users[Role.COORDINATOR])
    url = reverse("findings:detail", kwargs={"slug": world.campaign.slug, "finding_id": other.pk})
    assert client.get(url).status_code == 404


def test_coordinator_creates_finding_and_recommendation_through_the_pages(client, world):
    _client(client, world.users[Role.COORDINATOR])
    slug = world.campaign.slug
    response = client.post(
        reverse("findings:create", kwargs={"slug": slug}),
        {
            "theme": Theme.objects.get(identifier="HOUSING").pk,
            "statement_ru": "Живут по 5–6 человек в комнате.",
        },
    )
    assert response.status_code == 302
    finding = Finding.objects.get(campaign=world.campaign)
    client.post(
        reverse("findings:state", kwargs={"slug": slug, "finding_id": finding.pk}), {"state": "approved"}
    )
    finding.refresh_from_db()
    assert finding.state == Finding.State.APPROVED
    response = client.post(
        reverse("findings:recommendation_create", kwargs={"slug": slug}),
        {
            "addressee": Addressee.objects.get(code="kg-diplomatic").pk,
            "priority": 1,
            "text_ru": "Следить за судебными делами граждан.",
            "findings": [finding.pk],
        },
    )
    assert response.status_code == 302
    rec = Recommendation.objects.get(campaign=world.campaign)
    assert list(rec.findings.all()) == [finding]
    response = client.post(
        reverse("findings:recommendation_status", kwargs={"slug": slug, "recommendation_id": rec.pk}),
        {"status": "in_progress", "evidence": "Начат мониторинг."},
    )
    assert response.status_code == 302
    assert rec.follow_ups.get().status == "in_progress"


def test_bad_csv_upload_shows_the_error_not_a_500(client, world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _client(client, world.users[Role.ANALYST])
    url = reverse("findings:statistics_import", kwargs={"slug": world.campaign.slug})
    response = client.post(url, {"file": SimpleUploadedFile("s.csv", b"\xff\xfe\x00garbage")}, follow=True)
    assert response.status_code == 200
