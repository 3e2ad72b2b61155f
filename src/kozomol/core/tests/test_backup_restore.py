"""A filled instance is backed up while it runs, restored elsewhere, and every record and file compares equal."""

from __future__ import annotations

import os
import subprocess
import sys
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
def _databases():
    """Two empty databases of the kind the suite runs on (two SQLite files, or two PostgreSQL databases)."""
    url = os.environ.get("KOZOMOL_DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield None, None
        return
    import psycopg

    base = url.rsplit("/", 1)[0]
    names = [f"kz_backup_{uuid.uuid4().hex[:8]}" for _ in range(2)]
    with psycopg.connect(url, autocommit=True) as conn:
        for name in names:
            conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{base}/{names[0]}", f"{base}/{names[1]}"
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            for name in names:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _records(env: dict[str, str]) -> str:
    return _kozomol(
        "dumpdata",
        "--indent",
        "1",
        "--exclude",
        "sessions",
        "--exclude",
        "contenttypes",
        "--exclude",
        "auth.permission",
        env=env,
    ).stdout


@pytest.mark.slow
@pytest.mark.xfail(
    condition=os.environ.get("KOZOMOL_DATABASE_URL", "").startswith("postgres"),
    strict=True,
    reason="BUG (lead, core/backup.py): on PostgreSQL the JSON dump of a filled instance fails to load back "
    "(DeserializationError in loaddata); SQLite backups restore exactly. Open in issue 8.",
)
def test_backup_of_a_filled_instance_restores_every_record_and_file(tmp_path):
    with _databases() as (source_url, target_url):
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
        _kozomol("backup", "-o", str(backup_file), "--passphrase-file", str(passfile), env=source)
        assert b"monitoring-2013" not in backup_file.read_bytes()  # sealed, not readable

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
        assert _records(target) == _records(source)
        copy = tmp_path / "target" / "media" / "attachments" / "scan.bin"
        assert copy.read_bytes() == upload.read_bytes()
        assert "intact" in _kozomol("audit_verify", env=target).stdout

        again = _kozomol(
            "restore", str(backup_file), "--passphrase-file", str(passfile), env=target, check=False
        )
        assert again.returncode != 0 and "not empty" in again.stderr


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
