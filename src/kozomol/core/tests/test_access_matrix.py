"""Every URL pattern × every role × own organisation / partner / outsider / anonymous answers as declared.

The table is ``access_matrix.ROWS``. A URL pattern without a row fails
``test_every_url_pattern_has_a_row``. POST-only views are also posted to
(empty data) by every actor, each POST inside a savepoint that is rolled back
so that one actor's allowed change does not alter what the next one sees.

To see the answers the code gives now (to write a row for a new URL):
``KOZOMOL_MATRIX_DUMP=/tmp/observed.txt pytest src/kozomol/core/tests/test_access_matrix.py``.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from http.cookies import SimpleCookie
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from kozomol.core.tests import access_matrix as am
from kozomol.core.tests.matrix_world import GROUPS, ROLES, build


def url_patterns() -> Iterator[tuple[str, str, URLPattern | None]]:
    """(name, route, pattern) of every URL pattern; the admin site is one row."""

    def walk(resolver: URLResolver, prefix: str, ns: str) -> Iterator[tuple[str, str, URLPattern | None]]:
        for p in resolver.url_patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                if str(p.pattern) == "admin/":
                    yield am.ADMIN, route, None
                    continue
                sub = f"{ns}:{p.namespace}" if ns and p.namespace else (p.namespace or ns)
                yield from walk(p, route, sub)
            else:
                if not p.name:
                    yield f"<unnamed {route}>", route, p
                    continue
                yield (f"{ns}:{p.name}" if ns else p.name), route, p

    yield from walk(get_resolver(), "", "")


def test_every_url_pattern_has_a_row() -> None:
    seen = {name: route for name, route, _p in url_patterns()}
    missing = sorted(f"{name} ({route})" for name, route in seen.items() if name not in am.ROWS)
    assert not missing, (
        "URL patterns without a row in src/kozomol/core/tests/access_matrix.py — declare who may see them: "
        + ", ".join(missing)
    )
    stale = sorted(set(am.ROWS) - set(seen))
    assert not stale, f"rows of access_matrix.py for URLs that no longer exist: {', '.join(stale)}"


def _url(name: str, pattern: URLPattern | None, row: am.Row, objs: dict[str, Any]) -> str:
    if pattern is None:
        return "/admin/"
    kwargs: dict[str, Any] = {}
    for key in pattern.pattern.regex.groupindex:
        source = row.kwargs.get(key) or am.KWARG_DEFAULTS.get(key, key)
        kwargs[key] = source[1:] if source.startswith("=") else objs[source]
    return reverse(name, kwargs=kwargs) + (f"?{row.query.format(**objs)}" if row.query else "")


def _answer(response: Any) -> str:
    code = response.status_code
    if code in (301, 302, 303):
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return am.LOGIN
        if location.startswith("/admin/login/"):
            return am.ADMIN_LOGIN
        return am.REDIRECT
    return str(code)


def _actor_keys() -> list[str]:
    return ["anon"] + [f"{group}:{role}" for group in GROUPS for role in ROLES]


def _format(answers: dict[str, str]) -> str:
    parts = [answers["anon"]]
    for group in GROUPS:
        tokens = [answers[f"{group}:{role}"] for role in ROLES]
        parts.append(tokens[0] if len(set(tokens)) == 1 else " ".join(tokens))
    if parts[2] == parts[1]:
        parts[2] = "="
    return " | ".join(parts)


@pytest.mark.django_db
def test_every_url_answers_every_actor_as_declared(monkeypatch: Any, settings: Any) -> None:
    for name in ("KOZOMOL_APPEAL_RATE_LIMIT", "KOZOMOL_STATUS_RATE_LIMIT", "KOZOMOL_PUBLIC_RATE_LIMIT"):
        monkeypatch.setenv(name, "off")  # the rate limits have their own tests (cases, accounts)
    settings.KOZOMOL_REQUIRE_2FA = False  # the second factor has its own tests (accounts)
    started = time.monotonic()
    m = build()
    clients: dict[str, Client] = {}
    for key in _actor_keys():
        client = Client(raise_request_exception=False)  # a 500 is an answer like any other
        if m.actors[key] is not None:
            client.force_login(m.actors[key])
        clients[key] = client

    dump = os.environ.get("KOZOMOL_MATRIX_DUMP")
    dumped: list[str] = []
    differences: list[str] = []
    checked = 0
    for name, route, pattern in url_patterns():
        row = am.ROWS.get(name)
        if row is None:
            if not dump:
                continue  # reported by test_every_url_pattern_has_a_row
            row = am.Row("", kwargs=am.guess_kwargs(name))
        url = _url(name, pattern, row, m.objs)
        row_started = time.monotonic()
        got = {key: _answer(client.get(url)) for key, client in clients.items()}
        checked += len(got)
        posted: dict[str, str] | None = None
        post_only = all(got[k] == "405" for k in got if k != "anon")
        if row.post is not None or (dump and post_only):
            posted = {}
            for key, client in clients.items():
                cookies = SimpleCookie(client.cookies.output(header="", sep="\n"))
                with transaction.atomic():
                    posted[key] = _answer(client.post(url, {}))
                    transaction.set_rollback(True)
                client.cookies = cookies
            checked += len(posted)
        if dump:
            line = f'    "{name}": Row("{_format(got)}"'
            if posted is not None:
                line += f', post="{_format(posted)}"'
            dumped.append(line + f"),  # {route} {time.monotonic() - row_started:.2f}s")
            continue
        for label, expected_spec, answers in (("GET", row.get, got), ("POST", row.post, posted)):
            if expected_spec is None or answers is None:
                continue
            expected = am.expand(expected_spec)
            for key in _actor_keys():
                if expected[key] != answers[key]:
                    differences.append(
                        f"{label} {url} as {key}: expected {expected[key]}, got {answers[key]}"
                    )
    if dump:
        with open(dump, "w", encoding="utf-8") as out:
            out.write("\n".join(dumped) + "\n")
    elapsed = time.monotonic() - started
    print(
        f"\naccess matrix: {len(am.ROWS)} URL patterns × {len(clients)} actors "
        f"({len(ROLES)} roles × own/partner/outsider + anonymous): {checked} requests checked in {elapsed:.0f} s"
    )
    assert not differences, f"{len(differences)} answers differ from access_matrix.py:\n" + "\n".join(
        differences
    )
