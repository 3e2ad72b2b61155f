"""Qualitative coding: Kozomol against Taguette on the same work, side by side in one run.

Steps (full sizes; quick mode uses a tenth):
  1. import 1,000 documents         Kozomol: ``kozomol import_documents`` (JSON Lines)
                                     Taguette: one upload per document (its API has no bulk import)
  2. create 10,000 coded passages   Taguette: one POST per passage (its API has no batch);
                                     Kozomol: its batch endpoint, 500 per POST; and, reported apart,
                                     Kozomol's one-POST-per-passage path of the coding page
  3. retrieve every passage of one code (with sub-codes) over HTTP
                                     Kozomol: analysis/passages.json; Taguette: every page of
                                     /api/project/N/highlights/<path>
  4. export the codebook as REFI-QDA .qdc over HTTP: the median of 21 exports after one untimed
                                     export, for each tool
Taguette is installed from PyPI into its own virtualenv under /tmp and run as
``taguette --no-browser`` on a loopback port. Its documents are uploaded as
.html: for .txt it calls Calibre's ``ebook-convert``, which this machine lacks.
When Taguette cannot be installed or driven, the Kozomol figures are reported
against plain SQL on the same database instead, and the reason is printed.
The codebook Taguette exports is imported into Kozomol at the end.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.harness import BenchContext, Result, django_setup, kozomol, scratch_data_dir, served

TAGUETTE_VENV = Path(
    os.environ.get("KOZOMOL_BENCH_TAGUETTE_VENV")
    or Path(tempfile.gettempdir()) / "kozomol-bench-taguette-venv"
)
PASSWORD = "bench-password-1"
CODE_PATH = "LABOUR"  # the code whose passages are retrieved (with its sub-codes)
EXPORT_RUNS = 21  # codebook exports timed per tool
BATCH = 500  # passages per request on Kozomol's batch endpoint


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _corpus(n: int) -> list[dict[str, Any]]:
    from kozomol.coding.demo import DOCUMENTS

    rng = random.Random(2013)
    texts = [d[7] for d in DOCUMENTS]
    docs = []
    for i in range(n):
        paragraphs = rng.sample(texts, 3)
        docs.append(
            {
                "id": f"bench-{i:05d}",
                "title": f"Интервью {i + 1}",
                "text": "\n\n".join(paragraphs),
                "country": rng.choice(["RU", "KZ"]),
                "target_group": "migrants",
            }
        )
    return docs


def _spans(docs: list[dict[str, Any]], n: int, code_count: int) -> list[tuple[int, int, int, int]]:
    """(document index, start, end, code index) — the same plan for both tools."""
    rng = random.Random(7)
    plan = []
    for k in range(n):
        d = k % len(docs)
        length = len(docs[d]["text"])
        start = rng.randrange(0, max(1, length - 120))
        end = min(length, start + rng.randrange(20, 120))
        plan.append((d, start, end, rng.randrange(code_count)))
    return plan


# --- Taguette ------------------------------------------------------------------------


def _ensure_taguette() -> Path:
    exe = TAGUETTE_VENV / "bin" / "taguette"
    if exe.exists():
        return exe
    python = shutil.which("python3.11") or shutil.which("python3.12") or shutil.which("python3")
    if python is None:
        raise RuntimeError("no python3 to make Taguette's virtualenv")
    subprocess.run([python, "-m", "venv", str(TAGUETTE_VENV)], check=True, capture_output=True)
    pip = subprocess.run(
        [str(TAGUETTE_VENV / "bin" / "pip"), "install", "-q", "taguette"], capture_output=True, text=True
    )
    if pip.returncode != 0 or not exe.exists():
        raise RuntimeError("pip install taguette failed: " + (pip.stderr or pip.stdout)[-500:])
    return exe


@contextmanager
def _taguette_server(exe: Path, workdir: Path) -> Iterator[tuple[str, str]]:
    port = _free_port()
    env = {**os.environ, "HOME": str(workdir)}
    # Taguette logs every request: its output goes to a file, a pipe nobody reads would fill and block it.
    log_path = workdir / "taguette.log"
    with log_path.open("w") as log:
        proc = subprocess.Popen(
            [
                str(exe),
                "--no-browser",
                "-p",
                str(port),
                "-b",
                "127.0.0.1",
                "--database",
                str(workdir / "taguette.sqlite3"),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
            cwd=workdir,
        )
    token = None
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            match = re.search(r"token=([0-9a-f]+)", log_path.read_text(errors="replace"))
            if match:
                token = match.group(1)
                break
            time.sleep(0.2)
        if token is None:
            raise RuntimeError("taguette did not start: " + log_path.read_text(errors="replace")[-800:])
        yield f"http://127.0.0.1:{port}", token
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _run_taguette(
    docs: list[dict[str, Any]], plan: list[tuple[int, int, int, int]], identifiers: list[str], workdir: Path
) -> dict[str, Any]:
    import requests

    exe = _ensure_taguette()
    with _taguette_server(exe, workdir) as (base, token):
        s = requests.Session()
        s.get(f"{base}/?token={token}").raise_for_status()
        s.get(f"{base}/project/new").raise_for_status()  # its form sets the _xsrf cookie
        xsrf = s.cookies.get("_xsrf")
        headers = {"X-XSRFToken": xsrf}
        r = s.post(
            f"{base}/project/new",
            data={"name": "bench", "description": "", "_xsrf": xsrf},
            allow_redirects=False,
        )
        project = int(re.search(r"/project/(\d+)", r.headers["Location"]).group(1))  # type: ignore[union-attr]
        api = f"{base}/api/project/{project}"
        tag_ids = []
        for identifier in identifiers:
            r = s.post(f"{api}/tag/new", json={"path": identifier, "description": ""}, headers=headers)
            r.raise_for_status()
            tag_ids.append(r.json()["id"])
        t0 = time.perf_counter()
        doc_ids = []
        for doc in docs:
            html = "".join(f"<p>{p}</p>" for p in doc["text"].split("\n"))
            r = s.post(
                f"{api}/document/new",
                headers=headers,
                data={"name": doc["title"], "description": ""},
                files={"file": (f"{doc['id']}.html", html.encode("utf-8"), "text/html")},
            )
            r.raise_for_status()
            doc_ids.append(r.json()["created"])
        import_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for d, start, end, c in plan:
            r = s.post(
                f"{api}/document/{doc_ids[d]}/highlight/new",
                headers=headers,
                json={"start_offset": start, "end_offset": end, "tags": [tag_ids[c]]},
            )
            r.raise_for_status()
        passages_s = time.perf_counter() - t0

        def retrieve() -> int:
            got, page = 0, 1
            while True:
                r = s.get(f"{api}/highlights/{CODE_PATH}", params={"page": page})
                r.raise_for_status()
                data = r.json()
                got += len(data["highlights"])
                if page >= data["pages"]:
                    return got
                page += 1

        retrieved = retrieve()
        t0 = time.perf_counter()
        for _ in range(3):
            retrieve()
        retrieve_s = (time.perf_counter() - t0) / 3
        qdc_url = f"{base}/project/{project}/export/codebook.qdc"
        export_s = _median_seconds(lambda: s.get(qdc_url))
        qdc = s.get(qdc_url)
        return {
            "import": import_s,
            "passages": passages_s,
            "retrieve": retrieve_s,
            "export": export_s,
            "retrieved": retrieved,
            "qdc": qdc.content,
        }


def _median_seconds(request: Any, runs: int = EXPORT_RUNS) -> float:
    """Median time of ``runs`` calls of ``request`` after one untimed call (each tool's first
    export builds what it caches or warms); the same for both tools. A median, because one
    request of a few milliseconds on a shared machine is easily doubled by a neighbour."""
    request().raise_for_status()
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        request().raise_for_status()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


# --- Kozomol -------------------------------------------------------------------------


def _run_kozomol(
    data_dir: Path,
    docs: list[dict[str, Any]],
    plan: list[tuple[int, int, int, int]],
    slug: str,
    single_count: int,
) -> dict[str, Any]:
    import requests

    from kozomol.coding.models import Code, Document

    jsonl = data_dir / "docs.jsonl"
    jsonl.write_text("\n".join(json.dumps(d, ensure_ascii=False) for d in docs), encoding="utf-8")
    t0 = time.perf_counter()
    kozomol("import_documents", str(jsonl), "--campaign", slug, data_dir=data_dir)
    import_s = time.perf_counter() - t0
    ids = dict(Document.objects.filter(campaign__slug=slug).values_list("external_id", "pk"))
    doc_ids = [ids[d["id"]] for d in docs]
    codes = list(
        Code.objects.filter(campaign__slug=slug)
        .order_by("position", "identifier")
        .values_list("pk", flat=True)
    )
    code_pk = Code.objects.get(campaign__slug=slug, identifier=CODE_PATH).pk
    port = _free_port()
    with served(data_dir, port=port, workers=1) as base:
        s = requests.Session()
        s.get(f"{base}/accounts/login/").raise_for_status()
        r = s.post(
            f"{base}/accounts/login/",
            data={
                "username": "analyst@bench.test",
                "password": PASSWORD,
                "csrfmiddlewaretoken": s.cookies["csrftoken"],
            },
            headers={"Referer": f"{base}/accounts/login/"},
        )
        r.raise_for_status()
        headers = {"X-CSRFToken": s.cookies["csrftoken"], "Referer": base + "/"}
        t0 = time.perf_counter()
        batch_url = f"{base}/campaigns/{slug}/coding/passages/"
        for i in range(0, len(plan), BATCH):
            items = [
                {"document": doc_ids[d], "start": start, "end": end, "codes": [codes[c % len(codes)]]}
                for d, start, end, c in plan[i : i + BATCH]
            ]
            r = s.post(batch_url, headers=headers, json={"passages": items})
            if r.status_code != 201:
                raise RuntimeError(f"passages batch answered {r.status_code}: {r.text[:300]}")
        passages_s = time.perf_counter() - t0
        # The coding page's own path: one POST per passage (shifted spans, so nothing is a duplicate).
        singles = plan[:single_count]
        t0 = time.perf_counter()
        for d, start, end, c in singles:
            r = s.post(
                f"{base}/campaigns/{slug}/documents/{doc_ids[d]}/passages/",
                headers=headers,
                json={"start": start + 1, "end": end + 1, "codes": [codes[c % len(codes)]]},
            )
            if r.status_code != 201:
                raise RuntimeError(f"passage POST answered {r.status_code}: {r.text[:300]}")
        single_ms = (time.perf_counter() - t0) / max(1, len(singles)) * 1000
        url = f"{base}/campaigns/{slug}/analysis/passages.json?code={code_pk}"
        retrieved = len(s.get(url).json()["passages"])
        t0 = time.perf_counter()
        for _ in range(3):
            s.get(url).raise_for_status()
        retrieve_s = (time.perf_counter() - t0) / 3
        export_s = _median_seconds(lambda: s.get(f"{base}/campaigns/{slug}/codebook/export.qdc"))
    return {
        "import": import_s,
        "passages": passages_s,
        "retrieve": retrieve_s,
        "export": export_s,
        "retrieved": retrieved,
        "single_ms": single_ms,
    }


def _sql_baseline(
    data_dir: Path, docs: list[dict[str, Any]], plan: list[tuple[int, int, int, int]]
) -> dict[str, float]:
    """The same writes and reads as plain SQL on a bare SQLite table: the floor any tool sits on."""
    with tempfile.TemporaryDirectory() as tmp:
        db = sqlite3.connect(Path(tmp) / "plain.sqlite3")
        db.executescript(
            "PRAGMA journal_mode=WAL; CREATE TABLE doc(id INTEGER PRIMARY KEY, ext TEXT, title TEXT, text TEXT);"
            "CREATE TABLE code(id INTEGER PRIMARY KEY, path TEXT);"
            "CREATE TABLE passage(id INTEGER PRIMARY KEY, doc INTEGER, code INTEGER, start INTEGER, end INTEGER, text TEXT);"
            "CREATE INDEX p_code ON passage(code);"
        )
        db.executemany("INSERT INTO code(path) VALUES (?)", [(f"C{i}",) for i in range(80)])
        t0 = time.perf_counter()
        with db:
            db.executemany(
                "INSERT INTO doc(ext, title, text) VALUES (?, ?, ?)",
                [(d["id"], d["title"], d["text"]) for d in docs],
            )
        import_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        for d, start, end, c in plan:  # one transaction per passage, as a server would
            with db:
                db.execute(
                    "INSERT INTO passage(doc, code, start, end, text) VALUES (?, ?, ?, ?, ?)",
                    (d + 1, c + 1, start, end, docs[d]["text"][start:end]),
                )
        passages_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        db.execute(
            "SELECT p.text, d.title FROM passage p JOIN doc d ON d.id = p.doc WHERE p.code IN (1,2,3,4,5,6,7,8,9,10,11,12)"
        ).fetchall()
        retrieve_s = time.perf_counter() - t0
        t0 = time.perf_counter()
        db.execute("SELECT * FROM code").fetchall()
        export_s = time.perf_counter() - t0
        db.close()
    return {"import": import_s, "passages": passages_s, "retrieve": retrieve_s, "export": export_s}


def run(ctx: BenchContext) -> list[Result]:
    n_docs = ctx.size(100, 1000)
    n_passages = ctx.size(1000, 10_000)
    with scratch_data_dir() as data_dir:
        django_setup(data_dir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from kozomol.accounts.models import User
        from kozomol.coding.models import Code
        from kozomol.coding.services import codebook_seed
        from kozomol.testing import make_world

        world = make_world("bench")
        user = User.objects.get(email="analyst@bench.test")
        user.set_password(PASSWORD)
        user.save()
        codebook_seed(actor=user, campaign=world.campaign)
        identifiers = list(
            Code.objects.filter(campaign=world.campaign)
            .order_by("position", "identifier")
            .values_list("identifier", flat=True)
        )
        docs = _corpus(n_docs)
        plan = _spans(docs, n_passages, len(identifiers))
        mine = _run_kozomol(data_dir, docs, plan, world.campaign.slug, single_count=ctx.size(100, 500))
        # Where the import time goes: the same import in this process with the search index's listener off.
        from kozomol.coding import hooks
        from kozomol.coding.importer import import_jsonl

        saved = list(hooks._listeners)
        hooks._listeners.clear()
        try:
            t0 = time.perf_counter()
            import_jsonl(
                actor=None,
                campaign=world.other_campaign,
                lines=[json.dumps(d, ensure_ascii=False) for d in docs],
            )
            mine["import_no_index"] = time.perf_counter() - t0
        finally:
            hooks._listeners.extend(saved)

        taguette: dict[str, Any] | None = None
        reason = ""
        try:
            with tempfile.TemporaryDirectory(prefix="kozomol-bench-taguette-") as tmp:
                taguette = _run_taguette(docs, plan, identifiers, Path(tmp))
        except Exception as exc:  # any failure to install or drive Taguette is reported, not fatal
            reason = f"{type(exc).__name__}: {exc}"
            print(f"TAGUETTE NOT MEASURED: {reason}", file=sys.stderr)
        extra: dict[str, Any] = {"loadavg_at_end": round(os.getloadavg()[0], 2)}
        if taguette is not None:
            from kozomol.coding.refi import import_qdc

            imported = import_qdc(
                actor=None, campaign=world.other_campaign, data=taguette["qdc"], name="taguette.qdc"
            )
            extra["taguette_codebook_imported_codes"] = len(imported)
            baseline, base_name = taguette, "Taguette"
        else:
            baseline, base_name = _sql_baseline(data_dir, docs, plan), "plain SQL (Taguette unavailable)"
            extra["taguette_unavailable"] = reason
        steps = [
            ("import", f"import {n_docs:,} documents", "s"),
            ("passages", f"create {n_passages:,} coded passages over HTTP (Kozomol: batch API)", "s"),
            ("retrieve", f"retrieve every passage of {CODE_PATH} (+ sub-codes) over HTTP", "ms"),
            ("export", "export the codebook (.qdc) over HTTP", "ms"),
        ]
        results = []
        for key, name, unit in steps:
            scale = 1000.0 if unit == "ms" else 1.0
            value, base = mine[key] * scale, baseline[key] * scale
            ok = value * 3 <= base if taguette is not None else None
            results.append(
                Result(
                    name=f"coding: {name}",
                    value=value,
                    unit=unit,
                    baseline=base,
                    baseline_name=base_name,
                    target="≥ 3× faster than Taguette" if taguette is not None else "",
                    ok=ok,
                    extra={
                        "kozomol_retrieved": mine["retrieved"],
                        "taguette_retrieved": taguette["retrieved"] if taguette else None,
                        **extra,
                    },
                )
            )
        results.append(
            Result(
                name=f"coding: import {n_docs:,} documents in-process, search indexing off",
                value=mine["import_no_index"],
                unit="s",
                baseline=baseline["import"],
                baseline_name=base_name,
                extra=extra,
            )
        )
        per_passage_base = baseline["passages"] / len(plan) * 1000
        results.append(
            Result(
                name="coding: one coded passage, one POST each (coding page path)",
                value=mine["single_ms"],
                unit="ms",
                baseline=per_passage_base,
                baseline_name=base_name,
                extra=extra,
            )
        )
        return results
