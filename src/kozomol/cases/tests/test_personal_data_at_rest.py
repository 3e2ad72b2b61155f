"""Known names, phone and passport numbers never reach the database in the clear — SQLite or PostgreSQL —
and a key rotation re-encrypts everything while it all still reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kozomol.cases.tests import at_rest_script
from kozomol.testing import scratch_postgres_database

# Each test migrates a fresh database in a subprocess (~30 s).
pytestmark = pytest.mark.slow

SCRIPT = Path(at_rest_script.__file__)


def _needles() -> list[bytes]:
    found = []
    for person in at_rest_script.PEOPLE:
        for value in person.values():
            found.append(value.encode())
        found.append("".join(ch for ch in person["phone"] if ch.isdigit()).encode())
        found.append(person["full_name"].split()[0].encode())
    return found


def _env(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOZOMOL_", "DJANGO_SETTINGS"))}
    env.update({"KOZOMOL_DATA_DIR": str(data_dir), "KOZOMOL_REQUIRE_2FA": "false"})
    if database_url:
        env["KOZOMOL_DATABASE_URL"] = database_url
    return env


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def _kozomol(env: dict[str, str], *args: str) -> str:
    return _run(env, sys.executable, "-m", "kozomol.cli", *args)


def _script(env: dict[str, str], mode: str) -> str:
    return _run(env, sys.executable, str(SCRIPT), mode).strip().splitlines()[-1]


def _files_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and "keys" not in p.parts)


def _assert_round_trip(before: list[dict[str, str]], after: list[dict[str, str]]) -> None:
    for person, row in zip(at_rest_script.PEOPLE, after, strict=True):
        for field, value in person.items():
            assert row[field] == value
    assert {r["key"] for r in after}.isdisjoint({r["key"] for r in before})


def test_sqlite_file_holds_no_personal_data_and_keys_rotate(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = _env(data_dir)
    _kozomol(env, "migrate", "--noinput", "-v0")
    _script(env, "write")
    before = json.loads(_script(env, "read"))
    blob = _files_bytes(data_dir)
    assert b"SQLite format 3" in blob
    for needle in _needles():
        assert needle not in blob, needle

    keys_file = data_dir / "keys" / "field-keys.json"
    assert oct(keys_file.stat().st_mode & 0o777) == "0o600"
    _kozomol(env, "rotate_keys")
    after = json.loads(_script(env, "read"))
    _assert_round_trip(before, after)
    # Old keys are purged only on request, and only once nothing needs them.
    _kozomol(env, "rotate_keys", "--no-new-key", "--purge-old")
    assert len(json.loads(keys_file.read_text())["keys"]) == 1
    assert json.loads(_script(env, "read")) == after
    for needle in _needles():
        assert needle not in _files_bytes(data_dir), needle


def test_postgres_dump_holds_no_personal_data(tmp_path: Path) -> None:
    with scratch_postgres_database("PERSONAL DATA IN A POSTGRESQL DUMP", "kz_at_rest") as url:
        env = _env(tmp_path / "data", url)
        _kozomol(env, "migrate", "--noinput", "-v0")
        _script(env, "write")
        before = json.loads(_script(env, "read"))
        dump = subprocess.run(["pg_dump", url], capture_output=True, check=True, timeout=60).stdout
        assert b"cases_case" in dump
        for needle in _needles():
            assert needle not in dump, needle
        _kozomol(env, "rotate_keys")
        _assert_round_trip(before, json.loads(_script(env, "read")))
