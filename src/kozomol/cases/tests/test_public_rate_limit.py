from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from kozomol.cases.models import Case
from kozomol.cases.tests.conftest import appeal_post, file_appeal
from kozomol.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _clock_mid_window(monkeypatch: Any) -> None:
    # Windows are fixed (aligned to the clock): three requests that straddle a window's end
    # would land in two windows and the third would pass. Pin the clock inside one window.
    from kozomol.cases import ratelimit

    monkeypatch.setattr(ratelimit, "_now", lambda: 1_800_000_030)


def test_appeals_past_the_limit_answer_429(reception: World, monkeypatch: Any) -> None:
    monkeypatch.setenv("KOZOMOL_APPEAL_RATE_LIMIT", "2/3600")
    client = Client(REMOTE_ADDR="203.0.113.7")
    codes = [client.post("/appeal/", appeal_post()).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert Case.objects.count() == 2
    # Another address is not affected.
    assert Client(REMOTE_ADDR="203.0.113.8").post("/appeal/", appeal_post()).status_code == 200


def test_429_page_is_friendly_and_says_when_to_retry(reception: World, monkeypatch: Any) -> None:
    monkeypatch.setenv("KOZOMOL_APPEAL_RATE_LIMIT", "1/600")
    client = Client()
    client.post("/appeal/", appeal_post())
    response = client.post("/appeal/", appeal_post())
    assert response.status_code == 429
    assert response["Retry-After"] == "600"
    assert "try again in 10 minutes" in response.content.decode()


def test_status_guessing_is_limited_and_reveals_no_appeal(reception: World, monkeypatch: Any) -> None:
    monkeypatch.setenv("KOZOMOL_STATUS_RATE_LIMIT", "3/600")
    case, secret = file_appeal()
    client = Client()
    answers = [
        client.post("/appeal/status/", {"reference": case.reference, "secret": f"WRONG{i}"}) for i in range(3)
    ]
    assert all(a.status_code == 200 and a.context["case"] is None for a in answers)
    blocked = client.post("/appeal/status/", {"reference": case.reference, "secret": secret})
    assert blocked.status_code == 429
    assert case.reference not in blocked.content.decode()


def test_forwarded_for_does_not_dodge_the_limit(reception: World, monkeypatch: Any) -> None:
    monkeypatch.setenv("KOZOMOL_APPEAL_RATE_LIMIT", "1/600")
    client = Client()
    client.post("/appeal/", appeal_post(), HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert client.post("/appeal/", appeal_post(), HTTP_X_FORWARDED_FOR="198.51.100.2").status_code == 429


@pytest.mark.parametrize("url", ["/appeal/", "/appeal/status/", "/help/", "/appeal/statistics/"])
def test_public_pages_answer_429_past_the_limit(reception: World, monkeypatch: Any, url: str) -> None:
    monkeypatch.setenv("KOZOMOL_PUBLIC_RATE_LIMIT", "2/60")
    client = Client()
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 429]
