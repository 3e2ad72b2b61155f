"""Running Kozomol in a child process on a data dir of its own: for tests that read the files it leaves."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def env_for(data_dir: Path, database_url: str | None = None) -> dict[str, str]:
    """This environment without any KOZOMOL_ or Django settings, pointed at ``data_dir`` (and the database)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KOZOMOL_", "DJANGO_SETTINGS"))}
    env.update({"KOZOMOL_DATA_DIR": str(data_dir), "KOZOMOL_REQUIRE_2FA": "false"})
    if database_url:
        env["KOZOMOL_DATABASE_URL"] = database_url
    return env


def run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(args, env=env, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def kozomol(env: dict[str, str], *args: str) -> str:
    return run(env, sys.executable, "-m", "kozomol.cli", *args)


def script_line(env: dict[str, str], script: Path, mode: str) -> str:
    """The last line a test script prints (its result)."""
    return run(env, sys.executable, str(script), mode).strip().splitlines()[-1]


def files_bytes(data_dir: Path) -> bytes:
    """Every file of the data dir but the keys, concatenated: what a stolen disk would show."""
    return b"".join(p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and "keys" not in p.parts)
