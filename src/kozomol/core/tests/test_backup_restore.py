"""A filled instance is backed up while it runs, restored elsewhere, and every record and file compares equal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest

PASSPHRASE = "a long training passphrase"


def _env(data_dir: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KOZOMOL_")}
    env["KOZOMOL_DATA_DIR"] = str(data_dir)
    if database_url:
        env["KOZOMOL_DATABASE_URL"] = database_url
    return env


def _kozomol(*args: str, env: dict[str, str], check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kozomol.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=check,
    )


@contextmanager
def _databases(count: int = 3):
    """Empty databases of the kind the suite runs on (SQLite files, or PostgreSQL databases)."""
    url = os.environ.get("KOZOMOL_DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield (None,) * count
        return
    import psycopg

    base = url.rsplit("/", 1)[0]
    names = [f"kz_backup_{uuid.uuid4().hex[:8]}" for _ in range(count)]
    with psycopg.connect(url, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield tuple(f"{base}/{name}" for name in names)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


_TABLES_SCRIPT = """
import hashlib, json, django
django.setup()
from django.db import connection
out = {}
with connection.cursor() as cursor:
    for table in sorted(connection.introspection.table_names()):
        if table == "django_migrations":  # restore applies migrations anew: compare names, not times
            cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        else:
            cursor.execute(f'SELECT * FROM "{table}" ORDER BY 1')
        rows = [repr(row) for row in cursor.fetchall()]
        out[table] = [len(rows), hashlib.sha256("\\n".join(rows).encode()).hexdigest()]
print(json.dumps(out))
"""


def _records(env: dict[str, str]) -> dict[str, list]:
    """Every row of every table, read with plain SQL (not Django's serializers, which the backup uses):
    a row count and a digest of the rows' exact values per table."""
    done = subprocess.run(
        [sys.executable, "-c", _TABLES_SCRIPT],
        env={**env, "DJANGO_SETTINGS_MODULE": "kozomol.settings"},
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_backup_of_a_filled_instance_restores_every_record_and_file(tmp_path):
    with _databases() as (source_url, target_url, busy_url):
        source = _env(tmp_path / "source", source_url)
        target = _env(tmp_path / "target", target_url)
        _kozomol("migrate", env=source)
        _kozomol("demo", "--password", "demo-password-1", env=source)
        upload = tmp_path / "source" / "media" / "attachments" / "scan.bin"
        upload.parent.mkdir(parents=True)
        upload.write_bytes(os.urandom(200_000))
        keys = tmp_path / "source" / "keys" / "field.key"
        keys.write_bytes(os.urandom(32))
        passfile = tmp_path / "pass"
        passfile.write_text(PASSPHRASE)

        backup_file = tmp_path / "kozomol.backup"
        before = _records(source)
        _kozomol("backup", "-o", str(backup_file), "--passphrase-file", str(passfile), env=source)
        assert b"monitoring-2013" not in backup_file.read_bytes()  # sealed, not readable
        logged = _kozomol("audit_verify", env=source).stdout  # the backup is an export: logged, chain intact
        assert "intact" in logged
        assert _records(source)["audit_auditentry"][0] == before["audit_auditentry"][0] + 1
        exports = "from kozomol.audit.models import AuditEntry as A; print(A.objects.filter(action='export', object_type='backup').count())"
        assert _kozomol("shell", "-c", exports, env=source).stdout.split()[-1] == "1"

        wrong = tmp_path / "wrong"
        wrong.write_text("not the passphrase")
        failed = _kozomol(
            "restore", str(backup_file), "--passphrase-file", str(wrong), env=target, check=False
        )
        assert failed.returncode != 0 and "passphrase" in failed.stderr

        restored = _kozomol(
            "restore", str(backup_file), "--passphrase-file", str(passfile), env=target, check=False
        )
        assert restored.returncode == 0, restored.stderr[-3000:]
        assert "field.key" in restored.stderr  # the keys travel separately
        after = _records(target)  # the snapshot: the source as it was before its backup was logged
        assert sum(count for count, _digest in before.values()) > 1000  # a filled instance
        differing = {
            t: (before.get(t), after.get(t))
            for t in before.keys() | after.keys()
            if before.get(t) != after.get(t)
        }
        assert not differing, f"tables differ after the restore (count, digest): {differing}"
        staged = [*(tmp_path / "source").glob(".backup-*"), *(tmp_path / "target").glob(".restore-*")]
        assert not staged, f"clear copies left in the data dirs: {staged}"
        copy = tmp_path / "target" / "media" / "attachments" / "scan.bin"
        assert copy.read_bytes() == upload.read_bytes()
        assert "intact" in _kozomol("audit_verify", env=target).stdout

        again = _kozomol(
            "restore", str(backup_file), "--passphrase-file", str(passfile), env=target, check=False
        )
        assert again.returncode != 0 and "not empty" in again.stderr

        # While the server writes: a backup is one snapshot, so no half of a transaction is in it.
        busy = _env(tmp_path / "busy", busy_url)
        busy_file, written = _backup_while_writing(tmp_path, source, passfile)
        _kozomol("restore", str(busy_file), "--passphrase-file", str(passfile), env=busy)
        jobs, audited = _writer_rows(busy)
        assert jobs == audited, "the backup holds a job without its audit entry, or the reverse"
        assert written[0] <= len(jobs) <= written[1]
        assert "intact" in _kozomol("audit_verify", env=busy).stdout  # chain head matches the last entry


_WRITER_SCRIPT = """
import pathlib, sys, django
django.setup()
from django.db import transaction
from kozomol.audit.services import audit_record
from kozomol.core.models import Job
stop, progress = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
n = 0
while not stop.exists():
    # A job row (core, dumped first) and its audit entry and chain head (audit, dumped later), in one
    # transaction, the way every service writes: a dump that is not one snapshot splits them.
    with transaction.atomic():
        job = Job.objects.create(kind="test.backup-writer", title=f"write {n}")
        audit_record(actor=None, action="test.backup-writer", obj=job)
    n += 1
    partial = progress.with_suffix(".partial")
    partial.write_text(str(n))
    partial.replace(progress)  # the test never reads a half-written count
"""

_WRITER_ROWS_SCRIPT = """
import json, django
django.setup()
from kozomol.audit.models import AuditEntry
from kozomol.core.models import Job
jobs = sorted(str(pk) for pk in Job.objects.filter(kind="test.backup-writer").values_list("pk", flat=True))
audited = sorted(AuditEntry.objects.filter(action="test.backup-writer").values_list("object_id", flat=True))
print(json.dumps([jobs, audited]))
"""


def _backup_while_writing(
    tmp_path: Path, env: dict[str, str], passfile: Path
) -> tuple[Path, tuple[int, int]]:
    """Back up while another process commits job + audit pairs; returns the file and the pairs
    committed before the backup started and after it ended."""
    stop, progress = tmp_path / "writer.stop", tmp_path / "writer.progress"
    writer = subprocess.Popen(
        [sys.executable, "-c", _WRITER_SCRIPT, str(stop), str(progress)],
        env={**env, "DJANGO_SETTINGS_MODULE": "kozomol.settings"},
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not progress.exists() or int(progress.read_text()) < 5:
            assert writer.poll() is None, writer.stderr.read().decode()[-3000:]
            assert time.monotonic() < deadline, "the writer never wrote"
            time.sleep(0.05)
        before = int(progress.read_text())
        busy_file = tmp_path / "busy.backup"
        _kozomol("backup", "-o", str(busy_file), "--passphrase-file", str(passfile), env=env)
        after = int(progress.read_text())
        assert after > before, "nothing was written while the backup ran: the test proves nothing"
    finally:
        stop.touch()
        writer.wait(timeout=60)
    assert writer.returncode == 0, writer.stderr.read().decode()[-3000:]
    return busy_file, (before, after + 1)


def _writer_rows(env: dict[str, str]) -> tuple[list[str], list[str]]:
    done = subprocess.run(
        [sys.executable, "-c", _WRITER_ROWS_SCRIPT],
        env={**env, "DJANGO_SETTINGS_MODULE": "kozomol.settings"},
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    jobs, audited = json.loads(done.stdout.strip().splitlines()[-1])
    return jobs, audited


def test_a_truncated_or_altered_backup_is_refused(tmp_path):
    import io

    from kozomol.lib.sealed import SealError, seal, unseal

    payload = os.urandom(3 * 1024 * 1024 + 17)
    sealed = io.BytesIO()
    seal(io.BytesIO(payload), sealed, PASSPHRASE)
    data = sealed.getvalue()
    assert b"".join(unseal(io.BytesIO(data), PASSPHRASE)) == payload
    with pytest.raises(SealError, match="truncated"):
        b"".join(unseal(io.BytesIO(data[: len(data) // 2]), PASSPHRASE))
    altered = bytearray(data)
    altered[len(altered) // 2] ^= 1
    with pytest.raises(SealError):
        b"".join(unseal(io.BytesIO(bytes(altered)), PASSPHRASE))


def test_a_row_dump_from_another_schema_version_is_refused_before_anything_is_loaded():
    from django.db.migrations.loader import MigrationLoader

    from kozomol.core.backup import BackupError, _check_same_schema

    known = sorted(
        f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).graph.nodes
    )
    _check_same_schema(known)  # the same version: accepted
    _check_same_schema([*known, "gone_app.0001_initial"])  # history of an app no longer installed: ignored
    with pytest.raises(BackupError, match=r"lacks: cases\.9999_future"):
        _check_same_schema([*known, "cases.9999_future"])  # made by a newer Kozomol
    with pytest.raises(BackupError, match="this version has migrations it lacks"):
        _check_same_schema(known[1:])  # made by an older Kozomol
