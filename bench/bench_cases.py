"""Cases: public appeals per second against ``kozomol serve`` and the caseworker queue at size.

1. Appeal submissions: N client threads post the public form (anonymous, no
   files) to ``kozomol serve`` on SQLite, with the rate limiter lifted through
   KOZOMOL_APPEAL_RATE_LIMIT=off; baseline: /healthz of the same server with
   the same threads.
2. The caseworker queue (/cases/, first page, a deep page and the overdue
   list) with 5,000 cases (quick) or 100,000 (full) in the caseworker's
   organisation, through Django's test client; baseline: the same page read
   with one plain SQL query (+ count). The queue pages by keyset (cursor):
   the deep page is the one after the row a quarter of the way down
   (position 25,000 at full size, where OFFSET paging took 246 ms), reached
   with ``?after=<cursor>``, and its baseline is the same keyset read in
   plain SQL. The page's query count is measured with 60 cases and again at
   full size (first page, overdue list, a page after a cursor) and must not
   grow (no N+1).
"""

from __future__ import annotations

import http.client
import os
import random
import re
import threading
import time
import urllib.parse
from pathlib import Path

from bench.harness import BenchContext, Result, django_setup, scratch_data_dir, served, summary, time_calls

PORT = 8731
THREADS = 8
FORM = {
    "violation_types": "LABOUR.WAGES_UNPAID",
    "country": "KZ",
    "city": "KZ-almaty",
    "amount_owed": "180000",
    "owed_currency": "KZT",
    "documents_taken": "no",
    "in_danger": "no",
    "gender": "man",
    "contact_method": "anonymous",
    "preferred_language": "ky",
    "consent": "on",
    "website": "",
    "story": "Три месяца не платят зарплату на стройке.",
}


def _worker(base: str, path: str, post: bool, stop: float, counts: list[int], errors: list[str]) -> None:
    host, port = base.removeprefix("http://").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=30)
    headers: dict[str, str] = {}
    body = b""
    if post:
        conn.request("GET", "/appeal/")
        response = conn.getresponse()
        html = response.read().decode()
        cookie = response.getheader("Set-Cookie", "")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        csrf = re.search(r"csrftoken=([^;]+)", cookie)
        if not token or not csrf:
            errors.append("no CSRF token on /appeal/")
            return
        body = urllib.parse.urlencode({**FORM, "csrfmiddlewaretoken": token.group(1)}).encode()
        headers = {
            "Cookie": f"csrftoken={csrf.group(1)}",
            "Content-Type": "application/x-www-form-urlencoded",
        }
    done = 0
    while time.monotonic() < stop:
        if post:
            conn.request("POST", path, body=body, headers=headers)
        else:
            conn.request("GET", path)
        response = conn.getresponse()
        payload = response.read()
        if response.status != 200 or (post and b'data-testid="reference"' not in payload):
            errors.append(f"{path}: HTTP {response.status}")
            return
        done += 1
    counts.append(done)
    conn.close()


def _rate(base: str, path: str, *, post: bool, seconds: float) -> tuple[float, list[str]]:
    counts: list[int] = []
    errors: list[str] = []
    start = time.monotonic()
    stop = start + seconds
    threads = [
        threading.Thread(target=_worker, args=(base, path, post, stop, counts, errors))
        for _ in range(THREADS)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(counts) / (time.monotonic() - start), errors


def _submissions(ctx: BenchContext, data_dir: Path) -> list[Result]:
    seconds = 20.0 if ctx.full else 6.0
    env = {
        "KOZOMOL_APPEAL_RATE_LIMIT": "off",
        "KOZOMOL_PUBLIC_RATE_LIMIT": "off",
        "KOZOMOL_REQUIRE_2FA": "false",
    }
    with served(data_dir, port=PORT, workers=2, env=env) as base:
        _rate(base, "/healthz", post=False, seconds=1.0)  # warm up
        healthz, errors_h = _rate(base, "/healthz", post=False, seconds=seconds)
        appeals, errors_a = _rate(base, "/appeal/", post=True, seconds=seconds)
    from kozomol.cases.models import Case

    stored = Case.objects.count()
    return [
        Result(
            name="public appeal submissions (kozomol serve, SQLite, 8 clients)",
            value=appeals,
            unit="/s",
            baseline=healthz,
            baseline_name="/healthz",
            target=">= 100/s",
            ok=appeals >= 100 and not errors_a,
            extra={"errors": (errors_a + errors_h)[:5], "appeals_stored": stored, "seconds": seconds},
        )
    ]


def _make_cases(n: int, org_id: int, worker_id: int) -> None:
    import datetime as dt

    from django.utils import timezone

    from kozomol.cases.models import Case
    from kozomol.cases.services import hash_secret
    from kozomol.places.models import Location

    rng = random.Random(6)
    secret = hash_secret("BENCH-BENCH-BENCH")
    almaty = Location.objects.get(code="KZ-almaty")
    kz = Location.objects.get(code="KZ")
    now = timezone.now()
    statuses = [Case.Status.NEW, Case.Status.TRIAGED, Case.Status.IN_PROGRESS, Case.Status.CLOSED]
    batch: list[Case] = []
    start = Case.objects.count()
    for i in range(n):
        status = rng.choice(statuses)
        batch.append(
            Case(
                reference=f"KZ-B{start + i:08d}",
                secret_hash=secret,
                organisation_id=org_id,
                caseworker_id=worker_id if status == Case.Status.IN_PROGRESS else None,
                status=status,
                received_at=now - dt.timedelta(minutes=rng.randint(0, 500_000)),
                violation_codes=["LABOUR.WAGES_UNPAID"],
                country=kz,
                city=almaty,
                urgent=rng.random() < 0.05,
                deadline=(now + dt.timedelta(days=rng.randint(-30, 30))).date()
                if rng.random() < 0.3
                else None,
            )
        )
        if len(batch) == 5000:
            Case.objects.bulk_create(batch)
            batch = []
    Case.objects.bulk_create(batch)


def _queue(ctx: BenchContext) -> list[Result]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from kozomol.accounts.models import Membership, Organisation
    from kozomol.places.models import Location
    from kozomol.testing import make_user

    org = Organisation.objects.create(
        name_ru="Приёмная (бенчмарк)", kind="ngo", country=Location.objects.get(code="KG")
    )
    worker = make_user("caseworker@bench.test")
    Membership.objects.create(user=worker, organisation=org, role="caseworker")
    client = Client(HTTP_HOST="localhost")
    client.force_login(worker)

    def queries(url: str) -> int:
        client.get(url)  # the first request of a session fills per-process caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    from kozomol.cases import paging, selectors

    def cursor_at(position: int) -> tuple[str, tuple]:
        row = selectors.case_queue(worker).values("urgent", "received_at", "id")[position]
        cursor = paging.cursor_of(row, paging.QUEUE_ORDER)
        return f"/cases/?after={cursor.encode()}", cursor.key

    _make_cases(60, org.pk, worker.pk)
    small_deep, _key = cursor_at(10)
    small = {u: queries(u) for u in ("/cases/", "/cases/?view=overdue", small_deep)}
    size = ctx.size(5_000, 100_000)
    _make_cases(size - 60, org.pk, worker.pk)
    deep_position = size // 4
    deep_url, deep_key = cursor_at(deep_position)
    big = {u: queries(u) for u in ("/cases/", "/cases/?view=overdue", deep_url)}
    constant = list(small.values()) == list(big.values())
    if not constant:
        raise AssertionError(f"query count grows with the number of cases: {small} → {big}")

    select = (
        "SELECT c.id, c.reference, c.received_at, c.status, c.urgent, c.deadline, c.violation_codes, "
        "u.email, l.name_ru FROM cases_case c LEFT JOIN accounts_user u ON u.id = c.caseworker_id "
        "LEFT JOIN places_location l ON l.id = c.city_id WHERE c.organisation_id = %s AND NOT (c.status = 'closed') "
    )
    queue_sql = select + "ORDER BY c.urgent DESC, c.received_at, c.id LIMIT 51"
    # The same keyset condition the page uses, for a cursor in the non-urgent part (or the urgent one).
    keyset_sql = (
        select + "AND ((c.urgent = %s AND c.received_at >= %s AND (c.received_at > %s OR c.id > %s))"
        " OR (%s AND NOT c.urgent)) ORDER BY c.urgent DESC, c.received_at, c.id LIMIT 51"
    )
    overdue_sql = select + "AND c.deadline < %s ORDER BY c.deadline, c.id LIMIT 51"
    count_sql = "SELECT COUNT(*) FROM cases_case WHERE organisation_id = %s AND NOT (status = 'closed')"
    today = timezone.localdate().isoformat()
    urgent, received_at, pk = deep_key
    received = connection.ops.adapt_datetimefield_value(received_at)

    def plain(kind: str) -> None:
        with connection.cursor() as cur:
            if kind == "overdue":
                cur.execute(count_sql + " AND deadline < %s", [org.pk, today])
                cur.fetchone()
                cur.execute(overdue_sql, [org.pk, today])
            elif kind == "deep":
                cur.execute(count_sql, [org.pk])
                cur.fetchone()
                cur.execute(keyset_sql, [org.pk, urgent, received, received, pk, urgent])
            else:
                cur.execute(count_sql, [org.pk])
                cur.fetchone()
                cur.execute(queue_sql, [org.pk])
            cur.fetchall()

    repeat = ctx.size(30, 100)
    results = []
    for label, url, kind in (
        ("first page", "/cases/", "first"),
        (f"deep page (after row {deep_position:,}, keyset)", deep_url, "deep"),
        ("overdue list", "/cases/?view=overdue", "overdue"),
    ):
        page = summary(time_calls(lambda u=url: client.get(u), repeat=repeat))
        base = summary(time_calls(lambda k=kind: plain(k), repeat=repeat))
        results.append(
            Result(
                name=f"caseworker queue, {label}, {size:,} cases p95",
                value=page["p95"],
                unit="ms",
                baseline=base["p95"],
                baseline_name="plain SQL page + count",
                target="< 200 ms",
                ok=page["p95"] < 200 and constant,
                extra={"queries": big.get(url, queries(url)), **page},
            )
        )
    return results


def run(ctx: BenchContext) -> list[Result]:
    with scratch_data_dir() as data_dir:
        os.environ["KOZOMOL_REQUIRE_2FA"] = "false"
        django_setup(data_dir)
        from django.core.management import call_command

        from kozomol.accounts.models import Organisation
        from kozomol.cases.models import IntakeRoute
        from kozomol.places.models import Location

        call_command("migrate", verbosity=0)
        intake = Organisation.objects.create(
            name_ru="Интернет-приёмная", kind="ngo", country=Location.objects.get(code="KG")
        )
        IntakeRoute.objects.create(organisation=intake)
        results = _submissions(ctx, data_dir)
        results += _queue(ctx)
        return results
