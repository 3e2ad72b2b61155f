"""Django's SQLite backend, for connections kept across requests (``CONN_MAX_AGE``).

A new SQLite connection reads the whole schema at its first statement: about
1 ms for Kozomol's hundred tables, on every request when connections are not
kept. A kept connection, though, holds the database *file* open: if the file
is lost (its volume gone) or replaced (a restore), the connection would go on
reading and writing the old one. So before each request uses a kept connection
(Django's health check, ``CONN_HEALTH_CHECKS``), this backend compares the
path's device and inode with those of the file it opened, and reconnects when
they differ — the request then meets the missing or new file as if it had
opened its own connection.
"""

from __future__ import annotations

import os
from typing import Any

from django.db.backends.sqlite3 import base


def _identity(path: Any) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, TypeError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def _in_memory(name: Any) -> bool:
    text = str(name)
    return text == ":memory:" or "mode=memory" in text


class DatabaseWrapper(base.DatabaseWrapper):
    _file: tuple[int, int] | None = None

    def get_new_connection(self, conn_params: dict[str, Any]) -> Any:
        connection = super().get_new_connection(conn_params)
        self._file = None if _in_memory(self.settings_dict["NAME"]) else _identity(self.settings_dict["NAME"])
        return connection

    def is_usable(self) -> bool:
        name = self.settings_dict["NAME"]
        if not _in_memory(name) and (self._file is None or _identity(name) != self._file):
            return False  # lost or replaced since this connection opened it
        return super().is_usable()
