"""After erasure (on request) and the retention purge, nothing of the people is left in the files:
no ciphertext, no blind index, no attachment — SQLite database, its write-ahead log, the uploads —
while the statistics still count the cases and the audit chain verifies; and nothing in a PostgreSQL dump."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from kozomol.cases.tests import at_rest_script, erasure_script
from kozomol.cases.tests.subprocesses import env_for, files_bytes, kozomol, script_line
from kozomol.testing import scratch_postgres_database

# A fresh database migrated in a subprocess (~30 s).
pytestmark = pytest.mark.slow

SCRIPT = Path(erasure_script.__file__)


def _script(env: dict[str, str], mode: str) -> dict:
    return json.loads(script_line(env, SCRIPT, mode))


def test_erased_and_purged_data_is_gone_from_the_files(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = env_for(data_dir)
    kozomol(env, "migrate", "--noinput", "-v0")
    _script(env, "write")
    _script(env, "close")
    stored = _script(env, "tokens")
    stats_before = _script(env, "stats")
    assert len(stored["files"]) == 2 and len(stored["tokens"]) >= 2 * 9
    blob = files_bytes(data_dir)
    # The check can fail: before erasure every ciphertext and index is in the files.
    assert all(token.encode() in blob for token in stored["tokens"])
    attachments = data_dir / "media" / "cases"
    assert {p.stem for p in attachments.glob("*.bin")} == set(stored["files"])

    first, second = at_rest_script.PEOPLE
    out = kozomol(
        env, "erase_person", "--phone", first["phone"], "--reason", "asked by phone", "--by", "lawyer"
    )
    assert "erased the personal data of 1 cases (1 attachments)" in out
    # The second case closed four years ago: past the default retention of three years.
    out = kozomol(env, "purge_personal_data")
    assert "erased the personal data of 1 cases (1 attachments)" in out

    blob = files_bytes(data_dir)
    left = [token for token in stored["tokens"] if token.encode() in blob]
    assert not left, f"{len(left)} of {len(stored['tokens'])} sealed values or indexes still in the files"
    assert not list(attachments.glob("*.bin"))
    for person in (first, second):
        for value in person.values():
            assert value.encode() not in blob
    assert _script(env, "tokens") == {"tokens": [], "files": []}
    assert _script(env, "stats") == stats_before
    assert "audit log intact" in kozomol(env, "audit_verify")


def test_erased_and_purged_data_is_gone_from_a_postgresql_dump(tmp_path: Path) -> None:
    with scratch_postgres_database("ERASURE IN A POSTGRESQL DUMP", "kz_erasure") as url:
        env = {**env_for(tmp_path / "data"), "KOZOMOL_DATABASE_URL": url}
        kozomol(env, "migrate", "--noinput", "-v0")
        _script(env, "write")
        _script(env, "close")
        stored = _script(env, "tokens")
        stats_before = _script(env, "stats")

        def dump() -> bytes:
            return subprocess.run(["pg_dump", url], capture_output=True, check=True, timeout=60).stdout

        before = dump()
        assert all(token.encode() in before for token in stored["tokens"])
        first, _second = at_rest_script.PEOPLE
        kozomol(env, "erase_person", "--passport", first["passport_number"], "--reason", "asked in person")
        kozomol(env, "purge_personal_data")
        after = dump()
        left = [token for token in stored["tokens"] if token.encode() in after]
        assert not left, f"{len(left)} of {len(stored['tokens'])} sealed values or indexes still in the dump"
        assert _script(env, "stats") == stats_before
        assert "audit log intact" in kozomol(env, "audit_verify")
