"""Imports and exports of submissions: a Kobo CSV of N rows × 50 columns through
``kozomol import_submissions`` (rows/s, CPU time and peak memory of that process), against
a plain ``sqlite3.executemany`` of the same rows; then a CSV export of the N
submissions through ``kozomol export_submissions``, against a plain
SELECT + csv.writer of the same rows; then the SPSS export's peak memory.

Quick: 20,000 rows. Full: 1,000,000 rows.
"""

from __future__ import annotations

import csv
import json
import os
import random
import sqlite3
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

from bench.harness import BenchContext, Result, django_setup, scratch_data_dir

FORM_ID = "bench_kobo"
N_TEXT, N_INT, N_SELECT, N_DATE, N_DECIMAL = 12, 10, 10, 4, 5  # + start, end, 1 select_multiple (+3 split)
CHOICES = ["a", "b", "c", "d"]


def xlsform_md() -> str:
    rows = [
        "| survey |",
        "| | type | name | label::Russian (ru) |",
        "| | start | start | |",
        "| | end | end | |",
        "| | begin group | g | Группа |",
    ]
    for i in range(N_TEXT):
        rows.append(f"| | text | t{i} | Текст {i} |")
    for i in range(N_INT):
        rows.append(f"| | integer | n{i} | Число {i} |")
    for i in range(N_SELECT):
        rows.append(f"| | select_one opts | s{i} | Выбор {i} |")
    rows.append("| | end group | | |")
    for i in range(N_DATE):
        rows.append(f"| | date | d{i} | Дата {i} |")
    for i in range(N_DECIMAL):
        rows.append(f"| | decimal | x{i} | Доля {i} |")
    rows.append("| | select_multiple opts | multi | Несколько |")
    rows += ["| choices |", "| | list_name | name | label::Russian (ru) |"]
    rows += [f"| | opts | {c} | Вариант {c} |" for c in CHOICES]
    rows += ["| settings |", "| | form_id | version |", f"| | {FORM_ID} | 1 |"]
    return "\n".join(rows) + "\n"


def header() -> list[str]:
    cols = ["start", "end"]
    cols += (
        [f"g/t{i}" for i in range(N_TEXT)]
        + [f"g/n{i}" for i in range(N_INT)]
        + [f"g/s{i}" for i in range(N_SELECT)]
    )
    cols += [f"d{i}" for i in range(N_DATE)] + [f"x{i}" for i in range(N_DECIMAL)]
    cols += ["multi", "multi/a", "multi/b", "multi/c"]
    cols += ["meta/instanceID", "_uuid", "_submission_time"]
    assert len(cols) == 50, len(cols)
    return cols


def write_kobo_csv(path: Path, rows: int) -> None:
    rnd = random.Random(7)
    words = [
        "работодатель",
        "паспорт",
        "патент",
        "зарплата",
        "больница",
        "консульство",
        "общежитие",
        "регистрация",
    ]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")  # KoboToolbox writes CSV with semicolons
        writer.writerow(header())
        for n in range(rows):
            u = str(uuid.UUID(int=rnd.getrandbits(128), version=4))
            picked = [c for c in CHOICES[:3] if rnd.random() < 0.5]
            writer.writerow(
                ["2024-03-01T10:00:00.000+06:00", "2024-03-01T10:40:00.000+06:00"]
                + [" ".join(rnd.choices(words, k=4)) for _ in range(N_TEXT)]
                + [str(rnd.randint(0, 90)) for _ in range(N_INT)]
                + [rnd.choice(CHOICES) for _ in range(N_SELECT)]
                + [f"2023-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}" for _ in range(N_DATE)]
                + [f"{rnd.random() * 100:.2f}" for _ in range(N_DECIMAL)]
                + [" ".join(picked)]
                + [("1" if c in picked else "0") for c in CHOICES[:3]]
                + [f"uuid:{u}", u, f"2024-03-02T{n % 24:02d}:00:00"]
            )


def baseline_executemany(csv_path: Path, db_path: Path, wal_cache_kib: int = 0) -> float:
    """Rows/s of the plainest way to load the same file into SQLite: csv → json → executemany.

    ``wal_cache_kib``: when given, in the journal mode Kozomol's database runs in (WAL, synchronous=NORMAL, the
    import's page cache), where every page is written twice, to the log and then back into
    the database when the commit checkpoints it; SQLite's default journal writes new pages once.
    """
    t0 = time.perf_counter()
    db = sqlite3.connect(db_path)
    if wal_cache_kib:
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(f"PRAGMA cache_size=-{int(wal_cache_kib)}")
    db.execute("CREATE TABLE submission (id INTEGER PRIMARY KEY, instance_id TEXT UNIQUE, data TEXT)")
    count = 0
    with csv_path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f, delimiter=";")
        head = next(reader)
        batch = []
        for row in reader:
            batch.append((row[-3], json.dumps(dict(zip(head, row, strict=True)), ensure_ascii=False)))
            if len(batch) >= 2000:
                db.executemany("INSERT INTO submission (instance_id, data) VALUES (?, ?)", batch)
                count += len(batch)
                batch.clear()
        db.executemany("INSERT INTO submission (instance_id, data) VALUES (?, ?)", batch)
        count += len(batch)
    db.commit()
    db.close()
    return count / (time.perf_counter() - t0)


def baseline_export(db_path: Path, out: Path) -> float:
    """Seconds for SELECT + csv.writer of the same submissions (their JSON parsed), no Django."""
    t0 = time.perf_counter()
    db = sqlite3.connect(db_path)
    with out.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        keys = None
        for (data,) in db.execute("SELECT data FROM submissions_submission ORDER BY received_at, id"):
            answers = json.loads(data)
            if keys is None:
                keys = list(answers)
                writer.writerow(keys)
            writer.writerow([answers.get(k, "") for k in keys])
    db.close()
    return time.perf_counter() - t0


@dataclass
class Measured:
    seconds: float  # wall
    peak_mb: float  # of the process and any it started (see bench/launch.py)
    cpu_seconds: float  # user + system of the process and the children it waited for
    stdout: str


def _measured(cmd: list[str], env: dict[str, str] | None = None, cwd: Path | None = None) -> Measured:
    """Wall seconds, peak RSS (MB), CPU seconds and stdout of ``cmd`` run in its own process."""
    t0 = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("launch.py")), *cmd],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed: {(proc.stdout + proc.stderr)[-2000:]}")
    tail = proc.stderr.rsplit("MAXRSS_KB ", 1)[1].split()
    return Measured(seconds, int(tail[0]) / 1024.0, float(tail[2]), proc.stdout)


def baseline_in_subprocess(csv_path: Path, db_path: Path, wal_cache_kib: int = 0) -> tuple[float, Measured]:
    """Rows/s of :func:`baseline_executemany` in a process of its own, and that process's measures."""
    from bench.harness import ROOT

    code = (
        "import sys; from pathlib import Path; from bench.bench_import_export import baseline_executemany; "
        "print(baseline_executemany(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])))"
    )
    measured = _measured(
        [sys.executable, "-c", code, str(csv_path), str(db_path), str(wal_cache_kib)], cwd=ROOT
    )
    return float(measured.stdout.strip().splitlines()[-1]), measured


def run_measured(args: list[str], data_dir: Path) -> Measured:
    """Wall seconds, peak RSS (MB) and CPU seconds of one ``kozomol`` process."""
    env = {**os.environ, "KOZOMOL_DATA_DIR": str(data_dir), "DJANGO_SETTINGS_MODULE": "kozomol.settings"}
    return _measured([sys.executable, "-m", "kozomol.cli", *args], env=env)


def run(ctx: BenchContext) -> list[Result]:
    rows = ctx.size(20_000, 1_000_000)
    with scratch_data_dir() as data_dir:
        django_setup(data_dir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        from kozomol.questionnaires.services import form_import
        from kozomol.testing import make_campaign, make_organisation

        org = make_organisation("Bench")
        campaign = make_campaign(org, slug="bench")
        form_import(campaign=campaign, content=xlsform_md().encode(), filename="bench.md", actor=None)

        csv_path = data_dir / "kobo.csv"
        write_kobo_csv(csv_path, rows)
        size_mb = csv_path.stat().st_size / 1e6
        base_rate, base = baseline_in_subprocess(csv_path, data_dir / "baseline.sqlite3")
        (data_dir / "baseline.sqlite3").unlink()
        from kozomol.submissions.io.importing import SQLITE_IMPORT_CACHE_KIB

        wal_rate, _wal = baseline_in_subprocess(
            csv_path, data_dir / "baseline-wal.sqlite3", wal_cache_kib=SQLITE_IMPORT_CACHE_KIB
        )
        for suffix in ("", "-wal", "-shm"):
            Path(f"{data_dir / 'baseline-wal.sqlite3'}{suffix}").unlink(missing_ok=True)

        imported = run_measured(
            ["import_submissions", str(csv_path), "--form", FORM_ID, "--no-progress"], data_dir
        )
        seconds, peak_mb = imported.seconds, imported.peak_mb
        rate = rows / seconds
        from kozomol.submissions.models import Submission

        stored = Submission.objects.filter(form__form_id=FORM_ID).count()
        if stored != rows:
            raise RuntimeError(f"stored {stored} of {rows}")

        export_path = data_dir / "export.csv"
        exported_csv = run_measured(
            ["export_submissions", FORM_ID, "--format", "csv", "-o", str(export_path), "--no-progress"],
            data_dir,
        )
        export_seconds, export_peak = exported_csv.seconds, exported_csv.peak_mb
        cpu0 = time.process_time()
        base_export = baseline_export(data_dir / "kozomol.sqlite3", data_dir / "baseline-export.csv")
        base_export_cpu = time.process_time() - cpu0
        with export_path.open(encoding="utf-8-sig") as f:
            exported = sum(1 for _ in csv.reader(f)) - 1
        if exported != rows:
            raise RuntimeError(f"exported {exported} of {rows}")

        # SPSS: pyreadstat needs a whole DataFrame per file, so the export writes parts of bounded size;
        # the measure is the process's peak memory, which must not grow with the number of submissions.
        sav_path = data_dir / "export-sav.zip"
        exported_sav = run_measured(
            ["export_submissions", FORM_ID, "--format", "sav", "-o", str(sav_path), "--no-progress"], data_dir
        )

        return [
            Result(
                name=f"import {rows:,} rows × 50 cols Kobo CSV ({size_mb:,.0f} MB)",
                value=rate,
                unit="rows/s",
                baseline=base_rate,
                baseline_name="sqlite3 executemany",
                target=">= 20,000 rows/s",
                ok=rate >= 20_000,
                extra={"seconds": seconds, "rows": rows, "cpu_seconds": imported.cpu_seconds},
            ),
            Result(
                name=f"import {rows:,} rows, against the same plain load in WAL mode",
                value=rate,
                unit="rows/s",
                baseline=wal_rate,
                baseline_name="sqlite3 executemany, WAL as Kozomol's database",
            ),
            Result(
                name=f"import {rows:,} rows, per CPU second (steadier under load)",
                value=rows / imported.cpu_seconds,
                unit="rows/s",
                baseline=rows / base.cpu_seconds,
                baseline_name="sqlite3 executemany",
                extra={"cpu_seconds": imported.cpu_seconds, "baseline_cpu_seconds": base.cpu_seconds},
            ),
            Result(
                name=f"import {rows:,} rows: peak RSS of the processes (writer and reader)",
                value=peak_mb,
                unit="MB",
                baseline=base.peak_mb,
                baseline_name="sqlite3 executemany process",
                target="< 500 MB",
                ok=peak_mb < 500,
            ),
            Result(
                name=f"CSV export of {rows:,} submissions",
                value=export_seconds,
                unit="s",
                baseline=base_export,
                baseline_name="SELECT + csv.writer",
                target="< 60 s",
                ok=export_seconds < 60,
                extra={"peak_rss_mb": export_peak, "cpu_seconds": exported_csv.cpu_seconds},
            ),
            Result(
                name=f"SPSS .sav export of {rows:,} submissions: peak RSS",
                value=exported_sav.peak_mb,
                unit="MB",
                baseline=export_peak,
                baseline_name="the streaming CSV export process",
                target="< 500 MB",
                ok=exported_sav.peak_mb < 500,
                extra={"seconds": exported_sav.seconds, "cpu_seconds": exported_sav.cpu_seconds},
            ),
            Result(
                name=f"CSV export of {rows:,} submissions, CPU seconds",
                value=exported_csv.cpu_seconds,
                unit="s",
                baseline=base_export_cpu,
                baseline_name="SELECT + csv.writer",
            ),
        ]
