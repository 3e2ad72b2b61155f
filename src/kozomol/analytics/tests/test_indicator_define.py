"""Analysts define a campaign's indicators as validated JSON; others only read them."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils.html import escape

from kozomol.accounts.roles import Role
from kozomol.analytics.models import Indicator
from kozomol.analytics.schema import ERROR_SHARE_NEEDS_VALUES, IndicatorSpec

pytestmark = pytest.mark.django_db

SPEC = {
    "source": "submissions",
    "breakdowns": ["gender"],
    "measure": {"kind": "share", "question": "wages_unpaid", "values": ["yes"], "of": ["yes", "no"]},
}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, slug: str, **fields) -> object:
    data = {
        "key": "wages",
        "title_ru": "Невыплата зарплаты",
        "position": 1,
        "spec": json.dumps(SPEC),
        **fields,
    }
    return client.post(f"/campaigns/{slug}/dashboard/indicators/", data)


def test_analyst_saves_an_indicator_and_the_dashboard_uses_it(world) -> None:
    client = _client(world.users[Role.ANALYST])
    response = _post(client, world.campaign.slug)
    assert response.status_code == 302
    indicator = Indicator.objects.get(campaign=world.campaign, key="wages")
    assert IndicatorSpec.model_validate(indicator.spec).measure.question == "wages_unpaid"
    page = client.get(f"/campaigns/{world.campaign.slug}/dashboard/").content.decode()
    assert "Невыплата зарплаты" in page
    assert 'id="chart-no-work-permit"' not in page  # the campaign's own set replaces the built-in one


def test_bad_json_and_incoherent_definitions_are_refused_with_a_reason(world) -> None:
    client = _client(world.users[Role.ANALYST])
    response = _post(client, world.campaign.slug, spec="{not json")
    assert response.status_code == 200 and "JSON" in response.content.decode()
    bad = {**SPEC, "measure": {"kind": "share", "question": "wages_unpaid"}}
    response = _post(client, world.campaign.slug, spec=json.dumps(bad))
    assert response.status_code == 200
    assert escape(ERROR_SHARE_NEEDS_VALUES) in response.content.decode()
    bad = {**SPEC, "source": "appeals", "breakdowns": ["sector"]}
    response = _post(client, world.campaign.slug, spec=json.dumps(bad))
    assert "sector" in response.content.decode()
    assert not Indicator.objects.filter(campaign=world.campaign).exists()


def test_builtin_set_can_be_copied(world) -> None:
    client = _client(world.users[Role.COORDINATOR])
    response = client.post(f"/campaigns/{world.campaign.slug}/dashboard/indicators/", {"builtin": "1"})
    assert response.status_code == 302
    assert Indicator.objects.filter(campaign=world.campaign).count() >= 15


def test_viewer_reads_but_may_not_change_and_outsider_sees_nothing(world) -> None:
    viewer = _client(world.users[Role.VIEWER])
    url = f"/campaigns/{world.campaign.slug}/dashboard/indicators/"
    response = viewer.get(url)
    assert response.status_code == 200 and "<textarea" not in response.content.decode()
    assert _post(viewer, world.campaign.slug).status_code == 403
    outsider = _client(world.outsider)
    assert outsider.get(url).status_code == 404
    assert _post(outsider, world.campaign.slug).status_code == 404
