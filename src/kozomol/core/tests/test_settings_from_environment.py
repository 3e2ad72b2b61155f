"""A bad environment value stops start-up with one clear line naming the variable."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from kozomol.lib.env import EnvError, env_bool, env_int, env_list, env_secret


def _run(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess[str]:
    full = {k: v for k, v in os.environ.items() if not k.startswith("KOZOMOL_")}
    full.update({"KOZOMOL_DATA_DIR": str(tmp_path / "data"), **env})
    return subprocess.run(
        [sys.executable, "-m", "kozomol.cli", "check"], env=full, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"KOZOMOL_DEBUG": "maybe"}, "KOZOMOL_DEBUG"),
        ({"KOZOMOL_DATABASE_URL": "mysql://x@y/z"}, "KOZOMOL_DATABASE_URL"),
        ({"KOZOMOL_SECRET_KEY": "short"}, "KOZOMOL_SECRET_KEY"),
        ({"KOZOMOL_SECRET_KEY_FILE": "/nonexistent/secret"}, "KOZOMOL_SECRET_KEY_FILE"),
        ({"KOZOMOL_SESSION_SECONDS": "ten"}, "KOZOMOL_SESSION_SECONDS"),
        ({"KOZOMOL_ALLOWED_HOSTS": " , "}, "KOZOMOL_ALLOWED_HOSTS"),
    ],
)
def test_bad_value_stops_start_with_one_line(tmp_path, env, needle):
    result = _run(env, tmp_path)
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert needle in lines[0]


def test_data_dir_that_is_a_file_is_refused(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = _run({"KOZOMOL_DATA_DIR": str(blocker)}, tmp_path)
    assert result.returncode == 2
    assert "KOZOMOL_DATA_DIR" in result.stderr


def test_secret_key_is_generated_once_into_the_data_dir(tmp_path):
    first = env_secret("KOZOMOL_TEST_SECRET_UNSET", generate_into=tmp_path / "secret")
    second = env_secret("KOZOMOL_TEST_SECRET_UNSET", generate_into=tmp_path / "secret")
    assert first == second and len(first) >= 50
    assert oct((tmp_path / "secret").stat().st_mode & 0o777) == "0o600"


def test_typed_readers(monkeypatch):
    monkeypatch.setenv("X_BOOL", "Yes")
    assert env_bool("X_BOOL") is True
    monkeypatch.setenv("X_INT", "-3")
    with pytest.raises(EnvError, match="X_INT: must be at least 0"):
        env_int("X_INT", 1, minimum=0)
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env_list("X_LIST", []) == ["a", "b", "c"]


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(tmp_path):
    full = {k: v for k, v in os.environ.items() if not k.startswith("KOZOMOL_")}
    full["KOZOMOL_DATA_DIR"] = str(tmp_path)
    code = (
        "import django; django.setup();"
        "from django.db import connection;"
        "c = connection.cursor(); c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]);"
        "c.execute('PRAGMA busy_timeout'); print(c.fetchone()[0])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**full, "DJANGO_SETTINGS_MODULE": "kozomol.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    mode, timeout = result.stdout.split()
    assert mode == "wal" and int(timeout) >= 5000
