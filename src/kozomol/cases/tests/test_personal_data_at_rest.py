"""Known names, phone and passport numbers never reach the database in the clear — SQLite or PostgreSQL —
and a key rotation re-encrypts everything while it all still reads."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kozomol.cases.tests import at_rest_script
from kozomol.cases.tests.subprocesses import env_for, files_bytes, kozomol, script_line
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


def _script(env: dict[str, str], mode: str) -> str:
    return script_line(env, SCRIPT, mode)


def _assert_round_trip(before: list[dict[str, str]], after: list[dict[str, str]]) -> None:
    for person, row in zip(at_rest_script.PEOPLE, after, strict=True):
        for field, value in person.items():
            assert row[field] == value
    assert {r["key"] for r in after}.isdisjoint({r["key"] for r in before})


def test_sqlite_file_holds_no_personal_data_and_keys_rotate(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = env_for(data_dir)
    kozomol(env, "migrate", "--noinput", "-v0")
    _script(env, "write")
    before = json.loads(_script(env, "read"))
    blob = files_bytes(data_dir)
    assert b"SQLite format 3" in blob
    for needle in _needles():
        assert needle not in blob, needle

    keys_file = data_dir / "keys" / "field-keys.json"
    assert oct(keys_file.stat().st_mode & 0o777) == "0o600"
    kozomol(env, "rotate_keys")
    after = json.loads(_script(env, "read"))
    _assert_round_trip(before, after)
    # Old keys are purged only on request, and only once nothing needs them.
    kozomol(env, "rotate_keys", "--no-new-key", "--purge-old")
    assert len(json.loads(keys_file.read_text())["keys"]) == 1
    assert json.loads(_script(env, "read")) == after
    for needle in _needles():
        assert needle not in files_bytes(data_dir), needle


def test_postgres_dump_holds_no_personal_data(tmp_path: Path) -> None:
    with scratch_postgres_database("PERSONAL DATA IN A POSTGRESQL DUMP", "kz_at_rest") as url:
        env = env_for(tmp_path / "data", url)
        kozomol(env, "migrate", "--noinput", "-v0")
        _script(env, "write")
        before = json.loads(_script(env, "read"))
        dump = subprocess.run(["pg_dump", url], capture_output=True, check=True, timeout=60).stdout
        assert b"cases_case" in dump
        for needle in _needles():
            assert needle not in dump, needle
        kozomol(env, "rotate_keys")
        _assert_round_trip(before, json.loads(_script(env, "read")))
