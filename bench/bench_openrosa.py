"""OpenRosa submissions per second from 16 concurrent clients against ``kozomol serve`` on SQLite.

Each client is a thread with its own keep-alive connection posting multipart
submissions (the migrant test questionnaire, a device-link URL as ODK Collect
uses after scanning its QR code). The baseline is the same 16 clients on the
same server hitting ``/healthz``. Both paths are warmed first (five requests
per client each). After the run the stored count must equal the count sent,
warm-up included, and every submission must have been answered 201.
"""

from __future__ import annotations

import http.client
import socket
import sqlite3
import threading
import time
import uuid

from bench.harness import BenchContext, Result, django_setup, scratch_data_dir, served, summary

CLIENTS = 16
WARM = 5  # requests per client before measuring


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _multipart(xml: bytes) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="xml_submission_file"; filename="submission.xml"\r\n'
            "Content-Type: text/xml\r\n\r\n"
        ).encode()
        + xml
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def _load(
    port: int, requests: list[list[tuple[str, str, bytes | None, dict[str, str]]]]
) -> tuple[float, list[float], list[int]]:
    """Run one list of requests per client thread; (elapsed s, latencies ms, statuses)."""
    latencies: list[float] = []
    statuses: list[int] = []
    lock = threading.Lock()
    barrier = threading.Barrier(len(requests) + 1)

    def client(batch: list[tuple[str, str, bytes | None, dict[str, str]]]) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        mine: list[float] = []
        codes: list[int] = []
        barrier.wait()
        for method, path, body, headers in batch:
            t0 = time.perf_counter()
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                codes.append(response.status)
            except (OSError, http.client.HTTPException):
                codes.append(0)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            mine.append((time.perf_counter() - t0) * 1000.0)
        conn.close()
        with lock:
            latencies.extend(mine)
            statuses.extend(codes)

    threads = [threading.Thread(target=client, args=(batch,)) for batch in requests]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started, latencies, statuses


def run(ctx: BenchContext) -> list[Result]:
    per_client = ctx.size(40, 400)
    with scratch_data_dir() as data_dir:
        django_setup(data_dir)
        from django.conf import settings
        from django.core.management import call_command

        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]
        call_command("migrate", verbosity=0)
        from kozomol.submissions.models import CollectToken
        from kozomol.submissions.tests.collect_fixtures import migrant_form, submission_xml
        from kozomol.testing import make_world

        world = make_world("bench")
        migrant_form(world.campaign, world.users["coordinator"])
        token = CollectToken.objects.create(campaign=world.campaign, user=world.users["monitor"])
        from django.db import connections

        connections.close_all()

        path = f"/openrosa/{world.campaign.slug}/key/{token.token}/submission"
        submissions = []
        for _client in range(CLIENTS):
            batch = []
            for _ in range(WARM + per_client):
                _, xml = submission_xml()
                body, content_type = _multipart(xml)
                batch.append(
                    ("POST", path, body, {"Content-Type": content_type, "X-OpenRosa-Version": "1.0"})
                )
            submissions.append(batch)
        health = [[("GET", "/healthz", None, {})] * per_client for _ in range(CLIENTS)]
        warm_submissions = [batch[:WARM] for batch in submissions]
        submissions = [batch[WARM:] for batch in submissions]

        port = _free_port()
        with served(data_dir, port=port, workers=2):
            # Warm both paths before measuring: imports, connections, and what each
            # server process loads once (device link, form version, reference places,
            # the writer thread). The warm-up submissions are stored and counted.
            _load(port, [[("GET", "/healthz", None, {})] * WARM for _ in range(CLIENTS)])
            _, _, warm_codes = _load(port, warm_submissions)
            base_elapsed, base_lat, base_codes = _load(port, health)
            elapsed, latencies, codes = _load(port, submissions)
        sent = CLIENTS * per_client
        warm_sent = CLIENTS * WARM
        with sqlite3.connect(data_dir / "kozomol.sqlite3") as conn:
            stored = conn.execute("SELECT count(*) FROM submissions_submission").fetchone()[0]

    rate = sent / elapsed
    base_rate = (CLIENTS * per_client) / base_elapsed
    lat = summary(latencies)
    base = summary(base_lat)
    created = sum(1 for c in codes if c == 201)
    return [
        Result(
            name=f"OpenRosa submissions/s, {CLIENTS} clients, SQLite",
            value=rate,
            unit="/s",
            baseline=base_rate,
            baseline_name="/healthz req/s",
            target=">= 300/s and stored == sent",  # sent: warm-up included
            ok=rate >= 300 and stored == warm_sent + sent and created == sent and set(warm_codes) == {201},
            extra={
                "sent": sent,
                "warm_up_sent": warm_sent,
                "stored": stored,
                "answered_201": created,
                "other_statuses": sorted(set(codes) - {201}),
                "healthz_statuses": sorted(set(base_codes)),
            },
        ),
        Result(
            name="OpenRosa submission p99 latency",
            value=lat["p99"],
            unit="ms",
            baseline=base["p99"],
            baseline_name="/healthz p99",
            target="< 100 ms",
            ok=lat["p99"] < 100,
            extra={"p50": lat["p50"], "p95": lat["p95"], "healthz_p50": base["p50"]},
        ),
    ]
