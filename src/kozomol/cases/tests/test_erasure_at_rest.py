"""After erasure (on request) and the retention purge, nothing of the people is left in the files:
no ciphertext, no blind index, no attachment — SQLite database, its write-ahead log, the uploads —
while the statistics still count the cases and the audit chain verifies; and nothing in a PostgreSQL dump."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kozomol.cases.tests import at_rest_script, erasure_script
from kozomol.testing import scratch_postgres_database

# A fresh database migrated in a subprocess (~30 s).
pytestmark = pytest.mark.slow

SCRIPT = Path(erasure_script.__file__)


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOZOMOL_", "DJANGO_SETTINGS"))}
    env.update({"KOZOMOL_DATA_DIR": str(data_dir), "KOZOMOL_REQUIRE_2FA": "false"})
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _kozomol(env: dict[str, str], *args: str) -> str:
    return _run(env, sys.executable, "-m", "kozomol.cli", *args)


def _script(env: dict[str, str], mode: str) -> dict:
    return json.loads(_run(env, sys.executable, str(SCRIPT), mode).strip().splitlines()[-1])


def _files_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and "keys" not in p.parts)


def test_erased_and_purged_data_is_gone_from_the_files(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = _env(data_dir)
    _kozomol(env, "migrate", "--noinput", "-v0")
    _script(env, "write")
    _script(env, "close")
    stored = _script(env, "tokens")
    stats_before = _script(env, "stats")
    assert len(stored["files"]) == 2 and len(stored["tokens"]) >= 2 * 9
    blob = _files_bytes(data_dir)
    # The check can fail: before erasure every ciphertext and index is in the files.
    assert all(token.encode() in blob for token in stored["tokens"])
    attachments = data_dir / "media" / "cases"
    assert {p.stem for p in attachments.glob("*.bin")} == set(stored["files"])

    first, second = at_rest_script.PEOPLE
    out = _kozomol(
        env, "erase_person", "--phone", first["phone"], "--reason", "asked by phone", "--by", "lawyer"
    )
    assert "erased the personal data of 1 cases (1 attachments)" in out
    # The second case closed four years ago: past the default retention of three years.
    out = _kozomol(env, "purge_personal_data")
    assert "erased the personal data of 1 cases (1 attachments)" in out

    blob = _files_bytes(data_dir)
    left = [token for token in stored["tokens"] if token.encode() in blob]
    assert not left, f"{len(left)} of {len(stored['tokens'])} sealed values or indexes still in the files"
    assert not list(attachments.glob("*.bin"))
    for person in (first, second):
        for value in person.values():
            assert value.encode() not in blob
    assert _script(env, "tokens") == {"tokens": [], "files": []}
    assert _script(env, "stats") == stats_before
    assert "audit log intact" in _kozomol(env, "audit_verify")


def test_erased_and_purged_data_is_gone_from_a_postgresql_dump(tmp_path: Path) -> None:
    with scratch_postgres_database("ERASURE IN A POSTGRESQL DUMP", "kz_erasure") as url:
        env = {**_env(tmp_path / "data"), "KOZOMOL_DATABASE_URL": url}
        _kozomol(env, "migrate", "--noinput", "-v0")
        _script(env, "write")
        _script(env, "close")
        stored = _script(env, "tokens")
        stats_before = _script(env, "stats")

        def dump() -> bytes:
            return subprocess.run(["pg_dump", url], capture_output=True, check=True, timeout=60).stdout

        before = dump()
        assert all(token.encode() in before for token in stored["tokens"])
        first, _second = at_rest_script.PEOPLE
        _kozomol(env, "erase_person", "--passport", first["passport_number"], "--reason", "asked in person")
        _kozomol(env, "purge_personal_data")
        after = dump()
        left = [token for token in stored["tokens"] if token.encode() in after]
        assert not left, f"{len(left)} of {len(stored['tokens'])} sealed values or indexes still in the dump"
        assert _script(env, "stats") == stats_before
        assert "audit log intact" in _kozomol(env, "audit_verify")
