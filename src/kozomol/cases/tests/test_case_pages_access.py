"""Every caseworker page × role × own / other organisation × anonymous."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kozomol.accounts.roles import Role
from kozomol.cases import services
from kozomol.cases.models import Attachment
from kozomol.cases.tests.conftest import file_appeal, jpeg_with_gps
from kozomol.cases.uploads import clean_upload
from kozomol.testing import World

pytestmark = pytest.mark.django_db

NOT_CASEWORKERS = [Role.ADMIN, Role.COORDINATOR, Role.MONITOR, Role.ANALYST, Role.VIEWER]


@pytest.fixture
def setup(reception: World) -> dict[str, Any]:
    case, _ = file_appeal(files=[clean_upload(jpeg_with_gps())])
    referred, _ = file_appeal()
    referral = services.referral_create(
        case=referred, actor=reception.users[Role.CASEWORKER], to_organisation=reception.partner_org
    )
    attachment = Attachment.objects.get(case=case)
    return {"case": case, "referral": referral, "attachment": attachment, "world": reception}


def _get_urls(s: dict[str, Any]) -> list[str]:
    case = s["case"]
    return [f"/cases/{case.pk}/", f"/cases/{case.pk}/files/{s['attachment'].name}/"]


def _post_urls(s: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    pk = s["case"].pk
    return [
        (f"/cases/{pk}/triage/", {"triage-flag_death": "on"}),
        (f"/cases/{pk}/plan/", {"plan-plan": "p"}),
        (f"/cases/{pk}/action/", {"action-note": "n"}),
        (f"/cases/{pk}/assign/", {"assign-caseworker": "1"}),
        (f"/cases/{pk}/refer/", {"refer-to_organisation": "1"}),
        (f"/cases/{pk}/close/", {"close-outcome": "withdrawn"}),
        (f"/cases/{pk}/reopen/", {}),
    ]


LIST_URLS = [
    "/cases/",
    "/cases/?view=mine",
    "/cases/?view=overdue",
    "/cases/?view=closed",
    "/cases/referrals/",
    "/cases/profile/",
    "/cases/statistics/",
]


def _client(user: Any) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_anonymous_is_sent_to_log_in(setup: dict[str, Any]) -> None:
    client = _client(None)
    for url in [*LIST_URLS, *_get_urls(setup), f"/cases/referrals/{setup['referral'].pk}/"]:
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    for url, data in _post_urls(setup):
        assert client.post(url, data).status_code == 302


def test_caseworker_of_the_handling_organisation_may_use_every_page(setup: dict[str, Any]) -> None:
    client = _client(setup["world"].users[Role.CASEWORKER])
    for url in [*LIST_URLS, *_get_urls(setup)]:
        assert client.get(url).status_code == 200, url
    assert setup["case"].reference in client.get("/cases/").content.decode()
    for url, data in _post_urls(setup):
        response = client.post(url, data)
        assert response.status_code == 302 and response["Location"] == f"/cases/{setup['case'].pk}/", url


@pytest.mark.parametrize("role", NOT_CASEWORKERS)
def test_other_roles_of_the_handling_organisation_get_403(setup: dict[str, Any], role: str) -> None:
    client = _client(setup["world"].users[role])
    for url in [*LIST_URLS, *_get_urls(setup)]:
        assert client.get(url).status_code == 403, url
    for url, data in _post_urls(setup):
        assert client.post(url, data).status_code == 403, url
    assert client.get(f"/cases/referrals/{setup['referral'].pk}/").status_code == 404


@pytest.mark.parametrize("who", ["partner_caseworker", "other_caseworker"])
def test_caseworkers_of_other_organisations_cannot_find_the_case(setup: dict[str, Any], who: str) -> None:
    world = setup["world"]
    user = (
        world.partner_users[Role.CASEWORKER]
        if who == "partner_caseworker"
        else world.users["other_caseworker"]
    )
    client = _client(user)
    for url in LIST_URLS:
        response = client.get(url)
        assert response.status_code == 200, url
        assert setup["case"].reference not in response.content.decode()
    for url in _get_urls(setup):
        assert client.get(url).status_code == 404, url
    for url, data in _post_urls(setup):
        assert client.post(url, data).status_code == 404, url


def test_referral_is_answered_only_by_the_partner_it_was_sent_to(setup: dict[str, Any]) -> None:
    world, referral = setup["world"], setup["referral"]
    url = f"/cases/referrals/{referral.pk}/"
    partner = _client(world.partner_users[Role.CASEWORKER])
    assert partner.get(url).status_code == 200
    assert _client(world.users["other_caseworker"]).get(url).status_code == 404
    assert _client(world.users[Role.CASEWORKER]).get(url).status_code == 404
    assert _client(world.partner_users[Role.COORDINATOR]).get(url).status_code == 404
    # Before accepting, the partner cannot open the case itself.
    assert partner.get(f"/cases/{referral.case_id}/").status_code == 404
    partner.post(url, {"decision": "accept"})
    assert partner.get(f"/cases/{referral.case_id}/").status_code == 200


def test_outsider_gets_403_on_lists_and_404_on_the_case(setup: dict[str, Any]) -> None:
    client = _client(setup["world"].outsider)
    assert client.get("/cases/").status_code == 403
    for url in _get_urls(setup):
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("url", ["/appeal/", "/appeal/status/", "/appeal/statistics/", "/help/"])
def test_public_pages_need_no_account(setup: dict[str, Any], url: str) -> None:
    response = _client(None).get(url)
    assert response.status_code == 200
    assert setup["case"].reference not in response.content.decode()
