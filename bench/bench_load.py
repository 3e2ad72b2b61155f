"""Load (issue 8): 16 concurrent clients against ``kozomol serve`` on loopback, on SQLite and PostgreSQL.

Each client runs the same mix in turn — an OpenRosa submission (device link),
a web draft (start + autosave, as a monitor), a coded passage (as an analyst),
a dashboard (as an analyst), a public appeal (anonymous, with its CSRF token)
and ``/healthz`` (the baseline, measured under the same load) — for 30 s
(quick) or 5 minutes (full). Afterwards the rows are counted: stored must
equal sent. Figures: p50/p99 per operation against /healthz, errors, lost writes.

``python -m bench --only load`` (quick) · ``python -m bench --full --only load``
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import defaultdict
from pathlib import Path
from typing import Any

from bench.harness import BenchContext, Result, kozomol, percentile, scratch_data_dir, served

CLIENTS = 16
PASSWORD = "load-bench-password-1"
PG_BASE = os.environ.get("KOZOMOL_BENCH_PG", "postgres://postgres@127.0.0.1:5432")
OPS = ("openrosa", "draft", "coding", "dashboard", "appeal", "healthz")

SETUP = r"""
import json, os, sys
import django
django.setup()
from kozomol.accounts.models import User
from kozomol.campaigns.models import Campaign
from kozomol.coding.models import Code
from kozomol.coding.services import codebook_seed, document_create
from kozomol.submissions.models import CollectToken
from kozomol.submissions.tests.collect_fixtures import migrant_form

campaign = Campaign.objects.get(slug="monitoring-2013")
coordinator = User.objects.get(email="coordinator@example.org")
monitor = User.objects.get(email="monitor@example.org")
version = migrant_form(campaign, coordinator, version="load-1")
token = CollectToken.objects.create(campaign=campaign, user=monitor, label="load")
codebook_seed(actor=None, campaign=campaign)
text = " ".join(f"Предложение номер {i}: работали без договора и без выходных." for i in range(4000))
doc = document_create(actor=coordinator, campaign=campaign, title="Нагрузочный документ", text=text)
code = Code.objects.filter(campaign=campaign).order_by("pk").first()
print(json.dumps({"slug": campaign.slug, "token": token.token, "form_pk": version.form_id,
                  "document": doc.pk, "code": code.pk, "length": len(text)}))
"""

COUNT = r"""
import json, sys
import django
django.setup()
from kozomol.cases.models import Case
from kozomol.coding.models import CodedPassage
from kozomol.submissions.models import Draft, Submission
args = json.loads(sys.argv[1])
print(json.dumps({
    "openrosa": Submission.objects.filter(form_id=args["form_pk"]).count(),
    "draft": Draft.objects.filter(form_id=args["form_pk"], owner__email="monitor@example.org").count(),
    "coding": CodedPassage.objects.filter(document_id=args["document"]).count(),
    "appeal": Case.objects.count(),
}))
"""


def _python(code: str, data_dir: Path, env: dict[str, str], *args: str) -> dict[str, Any]:
    full = {
        **os.environ,
        "KOZOMOL_DATA_DIR": str(data_dir),
        "DJANGO_SETTINGS_MODULE": "kozomol.settings",
        **env,
    }
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=full,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-3000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Session:
    """Cookies + CSRF of one logged-in (or anonymous) browser."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(
        self, path: str, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, bytes, str]:
        req = urllib.request.Request(
            self.base + path, data=data, headers={"Referer": self.base + path, **(headers or {})}
        )
        try:
            with self.opener.open(req, timeout=120) as resp:
                return resp.status, resp.read(), resp.geturl()
        except urllib.error.HTTPError as err:
            return err.code, err.read(), path

    def form_post(self, path: str, fields: dict[str, Any]) -> tuple[int, bytes, str]:
        data = urllib.parse.urlencode({**fields, "csrfmiddlewaretoken": self.csrf()}, doseq=True).encode()
        return self.request(path, data, {"X-CSRFToken": self.csrf()})

    def login(self, email: str) -> None:
        page = self.request("/accounts/login/")[1].decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        assert token, "no CSRF token on the login page"
        status, _body, url = self.form_post("/accounts/login/", {"username": email, "password": PASSWORD})
        assert status == 200 and "/accounts/login/" not in url, f"login of {email} failed"

    def clone(self) -> _Session:
        other = _Session(self.base)
        for cookie in self.jar:
            other.jar.set_cookie(cookie)
        return other


def _submission_body(form_version: str) -> tuple[bytes, str]:
    from kozomol.submissions.tests.collect_fixtures import submission_xml

    _iid, xml = submission_xml(version=form_version, photo="", recording="")
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="xml_submission_file"; filename="s.xml"\r\n'
            "Content-Type: text/xml\r\n\r\n"
        ).encode()
        + xml
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


def _appeal_fields() -> dict[str, Any]:
    return {
        "violation_types": ["LABOUR.WAGES_UNPAID"],
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
    }


class _Load:
    def __init__(self, base: str, info: dict[str, Any], seconds: float) -> None:
        self.base, self.info, self.seconds = base, info, seconds
        self.lock = threading.Lock()
        self.samples: dict[str, list[float]] = defaultdict(list)
        self.sent: dict[str, int] = defaultdict(int)  # writes the server confirmed
        self.errors: list[str] = []
        self.span = 0
        monitor, analyst = _Session(base), _Session(base)
        monitor.login("monitor@example.org")
        analyst.login("analyst@example.org")
        self.monitor, self.analyst = monitor, analyst

    def _next_span(self) -> int:
        with self.lock:
            self.span += 1
            return self.span

    def op(self, name: str, monitor: _Session, analyst: _Session, public: _Session) -> None:
        slug, info = self.info["slug"], self.info
        t0 = time.perf_counter()
        if name == "openrosa":
            body, ctype = _submission_body("load-1")
            status, content, _u = public.request(
                f"/openrosa/{slug}/key/{info['token']}/submission",
                body,
                {"Content-Type": ctype, "X-OpenRosa-Version": "1.0"},
            )
            ok = status == 201
        elif name == "draft":
            status, content, url = monitor.form_post(
                f"/campaigns/{slug}/collect/forms/{info['form_pk']}/start/", {}
            )
            match = re.search(r"/collect/drafts/(\d+)/", url)
            ok = status == 200 and match is not None
            if ok:
                status, content, _u = monitor.form_post(
                    f"/campaigns/{slug}/collect/drafts/{match.group(1)}/autosave/", {"revision": "0"}
                )
                ok = status == 200 and json.loads(content).get("ok") is True
        elif name == "coding":
            n = self._next_span()
            start = (n * 7) % (info["length"] - 20)
            payload = json.dumps(
                {"start": start, "end": start + 5 + n % 11, "codes": [info["code"]]}
            ).encode()
            status, content, _u = analyst.request(
                f"/campaigns/{slug}/documents/{info['document']}/passages/",
                payload,
                {"Content-Type": "application/json", "X-CSRFToken": analyst.csrf()},
            )
            ok = status == 201 and len(json.loads(content)["passages"]) == 1
        elif name == "dashboard":
            status, content, _u = analyst.request(f"/campaigns/{slug}/dashboard/")
            ok = status == 200
        elif name == "appeal":
            public.request("/appeal/")  # the form and its CSRF cookie, as a browser gets them
            status, content, _u = public.form_post("/appeal/", _appeal_fields())
            ok = status == 200 and b"errorlist" not in content
        else:
            status, content, _u = public.request("/healthz")
            ok = status == 200
        elapsed = (time.perf_counter() - t0) * 1000.0
        with self.lock:
            self.samples[name].append(elapsed)
            if ok:
                if name not in ("dashboard", "healthz"):
                    self.sent[name] += 1
            else:
                self.errors.append(f"{name}: HTTP {status} {content[:200]!r}")

    def client(self, index: int, deadline: float) -> None:
        monitor, analyst, public = self.monitor.clone(), self.analyst.clone(), _Session(self.base)
        i = index
        while time.monotonic() < deadline:
            try:
                self.op(OPS[i % len(OPS)], monitor, analyst, public)
            except Exception as exc:  # a dropped connection is an error like any other
                with self.lock:
                    self.errors.append(f"{OPS[i % len(OPS)]}: {type(exc).__name__}: {exc}")
            i += 1

    def run(self) -> None:
        deadline = time.monotonic() + self.seconds
        threads = [threading.Thread(target=self.client, args=(i, deadline)) for i in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()


def _one_database(ctx: BenchContext, label: str, data_dir: Path, env: dict[str, str]) -> list[Result]:
    seconds = 300.0 if ctx.full else 30.0
    kozomol("migrate", "--noinput", data_dir=data_dir, env=env)
    kozomol("demo", "--password", PASSWORD, data_dir=data_dir, env=env)
    info = _python(SETUP, data_dir, env)
    before = _python(COUNT, data_dir, env, json.dumps(info))
    serve_env = {
        **env,
        "KOZOMOL_REQUIRE_2FA": "false",
        "KOZOMOL_APPEAL_RATE_LIMIT": "off",
        "KOZOMOL_STATUS_RATE_LIMIT": "off",
        "KOZOMOL_PUBLIC_RATE_LIMIT": "off",
    }
    with served(data_dir, port=_free_port(), workers=4, env=serve_env) as base:
        load = _Load(base, info, seconds)
        started = time.monotonic()
        load.run()
        wall = time.monotonic() - started
    after = _python(COUNT, data_dir, env, json.dumps(info))
    lost = {k: load.sent[k] - (after[k] - before[k]) for k in after}
    total = sum(len(v) for v in load.samples.values())
    base_p50 = percentile(load.samples["healthz"], 50)
    results = []
    for name in OPS[:-1]:
        s = load.samples[name]
        results.append(
            Result(
                name=f"load {label}: {name} p50 ({CLIENTS} clients)",
                value=percentile(s, 50),
                unit="ms",
                baseline=base_p50,
                baseline_name="/healthz p50 under the same load",
                extra={"p99": percentile(s, 99), "count": len(s), "sent": load.sent.get(name)},
            )
        )
        results.append(
            Result(
                name=f"load {label}: {name} p99",
                value=percentile(s, 99),
                unit="ms",
                baseline=percentile(load.samples["healthz"], 99),
                baseline_name="/healthz p99",
            )
        )
    results.append(
        Result(
            name=f"load {label}: requests/s ({total} in {wall:.0f} s)",
            value=total / wall,
            unit="r/s",
            extra={"sent": dict(load.sent), "stored": {k: after[k] - before[k] for k in after}},
        )
    )
    results.append(
        Result(
            name=f"load {label}: errors",
            value=len(load.errors),
            unit="",
            target="0",
            ok=not load.errors,
            extra={"first": load.errors[:5]},
        )
    )
    results.append(
        Result(
            name=f"load {label}: writes lost (sent − stored: {lost})",
            value=sum(abs(v) for v in lost.values()),
            unit="",
            target="0",
            ok=all(v == 0 for v in lost.values()),
        )
    )
    for line in load.errors[:5]:
        print(f"  {label} error: {line}", file=sys.stderr)
    return results


def _pg_ok() -> bool:
    return shutil.which("psql") is not None and (
        subprocess.run(["psql", f"{PG_BASE}/postgres", "-c", "select 1"], capture_output=True).returncode == 0
    )


def run(ctx: BenchContext) -> list[Result]:
    results: list[Result] = []
    with scratch_data_dir("kozomol-load-") as data_dir:
        results += _one_database(ctx, "SQLite", data_dir, {})
    if not _pg_ok():
        print("load: PostgreSQL not reachable, skipped", file=sys.stderr)
        return results
    name = f"kz_load_{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["psql", f"{PG_BASE}/postgres", "-c", f"CREATE DATABASE {name}"], check=True, capture_output=True
    )
    try:
        with scratch_data_dir("kozomol-load-pg-") as data_dir:
            results += _one_database(
                ctx, "PostgreSQL", data_dir, {"KOZOMOL_DATABASE_URL": f"{PG_BASE}/{name}"}
            )
    finally:
        subprocess.run(
            ["psql", f"{PG_BASE}/postgres", "-c", f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"],
            check=False,
            capture_output=True,
        )
    return results
