"""A SQLite connection kept across requests is dropped once its file is lost or replaced."""

from __future__ import annotations

import sqlite3

import pytest
from django.db import connection

from kozomol.lib.sqlite_backend.base import DatabaseWrapper


def _wrapper(path):
    settings = {
        **connection.settings_dict,
        "NAME": str(path),
        "CONN_MAX_AGE": 300,
        "CONN_HEALTH_CHECKS": True,
    }
    return DatabaseWrapper(settings, alias="kept_connection_test")


# pytest-django lets a test open connections only with its mark; these open their own files.
pytestmark = pytest.mark.django_db


def _database(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE t (x INTEGER)")
    return path


def test_a_kept_connection_stays_usable_while_its_file_is_the_same(tmp_path):
    wrapper = _wrapper(_database(tmp_path / "a.sqlite3"))
    wrapper.ensure_connection()
    try:
        assert wrapper.is_usable()
    finally:
        wrapper.close()


def _replace(path):
    _database(path.with_name("other.sqlite3")).replace(path)  # what a restore of the file amounts to


@pytest.mark.parametrize("change", [_replace, lambda path: path.unlink()], ids=["replaced", "lost"])
def test_a_replaced_or_lost_file_makes_the_kept_connection_unusable(tmp_path, change):
    path = _database(tmp_path / "a.sqlite3")
    wrapper = _wrapper(path)
    wrapper.ensure_connection()
    try:
        change(path)

        assert not wrapper.is_usable()
    finally:
        wrapper.close()
