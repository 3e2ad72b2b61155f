"""The caseworker queue pages by keyset: every case once, in order, forward and back, without OFFSET."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from kozomol.accounts.roles import Role
from kozomol.cases import selectors
from kozomol.cases.models import Case
from kozomol.places.models import Location
from kozomol.testing import World

pytestmark = pytest.mark.django_db

NEXT = re.compile(r'href="\?view=(\w+)&amp;after=([\d_]+)" rel="next"')
PREVIOUS = re.compile(r'href="\?view=(\w+)&amp;before=([\d_]+)" rel="prev"')
CODE = re.compile(r">(KZ-P\d+)<")


def _cases(world: World, n: int) -> None:
    now = timezone.now()
    kz = Location.objects.get(code="KZ")
    Case.objects.bulk_create(
        Case(
            reference=f"KZ-P{i:04d}",
            organisation=world.org,
            country=kz,
            # Ties on received_at (every third pair shares a time) must not lose or repeat a row.
            received_at=now - dt.timedelta(minutes=(i // 2) * 3),
            urgent=i % 7 == 0,
            status=Case.Status.CLOSED if i % 11 == 0 else Case.Status.NEW,
            deadline=(now - dt.timedelta(days=1 + i % 5)).date() if i % 3 == 0 else None,
        )
        for i in range(n)
    )


def _walk(client: Client, view: str) -> tuple[list[str], list[str]]:
    """All codes going forward through the Next links, and the last page's URL."""
    seen: list[str] = []
    url = f"/cases/?view={view}"
    urls = [url]
    while True:
        html = client.get(url).content.decode()
        seen += CODE.findall(html)
        found = NEXT.search(html)
        if not found:
            return seen, urls
        url = f"/cases/?view={found.group(1)}&after={found.group(2)}"
        urls.append(url)


@pytest.mark.parametrize("view", ["queue", "overdue", "all"])
def test_next_links_show_every_case_once_in_queue_order(reception: World, view: str) -> None:
    _cases(reception, 130)
    client = Client()
    client.force_login(reception.users[Role.CASEWORKER])
    seen, urls = _walk(client, view)
    expected = list(
        selectors.case_queue(reception.users[Role.CASEWORKER], view=view).values_list("reference", flat=True)
    )
    assert seen == expected
    assert len(urls) == -(-len(expected) // 50)
    assert all("OFFSET" not in q["sql"] for q in _queries(client, urls[-1]))


def _queries(client: Client, url: str) -> list[dict[str, Any]]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return list(captured.captured_queries)


def test_previous_links_walk_back_to_the_first_page(reception: World) -> None:
    _cases(reception, 130)
    client = Client()
    client.force_login(reception.users[Role.CASEWORKER])
    forward, urls = _walk(client, "queue")
    html = client.get(urls[-1]).content.decode()
    back: list[list[str]] = [CODE.findall(html)]
    while found := PREVIOUS.search(html):
        html = client.get(f"/cases/?view={found.group(1)}&before={found.group(2)}").content.decode()
        back.insert(0, CODE.findall(html))
    assert [code for page in back for code in page] == forward
    assert back[0] == forward[:50]


def test_query_count_does_not_grow_with_depth(reception: World) -> None:
    _cases(reception, 130)
    client = Client()
    client.force_login(reception.users[Role.CASEWORKER])
    _seen, urls = _walk(client, "queue")
    client.get(urls[0])
    counts = {len(_queries(client, url)) for url in urls}
    assert len(counts) == 1, counts


@pytest.mark.parametrize("cursor", ["junk", "1_2_3_4", "7_1_1", "1_99999999999999999999999_1", "0"])
def test_a_bad_cursor_shows_the_first_page(reception: World, cursor: str) -> None:
    _cases(reception, 60)
    client = Client()
    client.force_login(reception.users[Role.CASEWORKER])
    first = CODE.findall(client.get("/cases/").content.decode())
    for key in ("after", "before"):
        response = client.get(f"/cases/?{key}={cursor}")
        assert response.status_code == 200
        assert CODE.findall(response.content.decode()) == first
