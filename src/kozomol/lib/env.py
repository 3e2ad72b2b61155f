"""Typed readers for settings that come from the environment.

Each reader fails with :class:`EnvError`, whose message is one line naming the
variable and what is wrong with it, so that a misconfigured deployment stops at
start-up instead of running with a surprising default.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off", ""})


class EnvError(Exception):
    """A setting read from the environment is invalid."""


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise EnvError(f"{name}: expected one of true/false/1/0/yes/no/on/off, got {raw!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise EnvError(f"{name}: expected an integer, got {raw!r}") from None
    if minimum is not None and value < minimum:
        raise EnvError(f"{name}: must be at least {minimum}, got {value}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    items = [item.strip() for item in raw.split(",") if item.strip()]
    if not items:
        raise EnvError(f"{name}: expected a comma-separated list, got an empty value")
    return items


def env_dir(name: str, default: str) -> Path:
    """A directory that Kozomol may write to; created when missing."""
    path = Path(os.environ.get(name) or default).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise EnvError(f"{name}: {path} exists and is not a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise EnvError(f"{name}: cannot create {path}: {exc.strerror}") from None
    if not os.access(path, os.W_OK):
        raise EnvError(f"{name}: {path} is not writable")
    return path


def env_secret(name: str, *, generate_into: Path | None = None, min_length: int = 32) -> str:
    """Read a secret from NAME or from the file named by NAME_FILE.

    When neither is set and ``generate_into`` is given, a random secret is
    written there (mode 0600) on first use and read back afterwards, so a
    fresh install works without ever committing a secret.
    """
    value = os.environ.get(name)
    file_var = f"{name}_FILE"
    file_name = os.environ.get(file_var)
    if value and file_name:
        raise EnvError(f"{name}: set either {name} or {file_var}, not both")
    if file_name:
        try:
            value = Path(file_name).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise EnvError(f"{file_var}: cannot read {file_name}: {exc.strerror}") from None
    if not value and generate_into is not None:
        if generate_into.exists():
            value = generate_into.read_text(encoding="utf-8").strip()
        else:
            value = secrets.token_urlsafe(50)
            fd = os.open(generate_into, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(value + "\n")
    if not value:
        raise EnvError(f"{name}: not set (set {name} or {file_var})")
    if len(value) < min_length:
        raise EnvError(f"{name}: too short ({len(value)} characters, need at least {min_length})")
    return value


CONN_MAX_AGE_SECONDS = 300


def database_config(name: str, default_sqlite: Path) -> dict[str, object]:
    """Django DATABASES['default'] from a URL; SQLite in the data dir by default."""
    import dj_database_url

    raw = os.environ.get(name) or f"sqlite:///{default_sqlite}"
    scheme = raw.split(":", 1)[0]
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise EnvError(f"{name}: unsupported scheme {scheme!r} (use sqlite:/// or postgres://)")
    try:
        # Connections are kept between requests (opening one costs about 1 ms on SQLite); Django's
        # health check before each request's first query drops one that no longer works, and on
        # SQLite one whose file was lost or replaced (kozomol.lib.sqlite_backend).
        config: dict[str, object] = dict(
            dj_database_url.parse(raw, conn_max_age=CONN_MAX_AGE_SECONDS, conn_health_checks=True)
        )
    except Exception as exc:  # dj_database_url raises several types on bad URLs
        raise EnvError(f"{name}: cannot parse {raw!r}: {exc}") from None
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["ENGINE"] = "kozomol.lib.sqlite_backend"
        # WAL lets readers work while one writer commits; IMMEDIATE takes the
        # write lock at BEGIN so concurrent writers wait (busy timeout) instead
        # of failing with "database is locked" half-way through a transaction.
        config["OPTIONS"] = {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;"
                "PRAGMA busy_timeout=30000;PRAGMA foreign_keys=ON;"
            ),
        }
        # Tests on SQLite use an in-memory database unless a name is given.
        config["TEST"] = {"NAME": None}
    return config
