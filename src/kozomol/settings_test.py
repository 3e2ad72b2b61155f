"""Settings for the test suite: the real settings, with a throw-away data dir."""

import os
import tempfile

os.environ.setdefault("KOZOMOL_DATA_DIR", tempfile.mkdtemp(prefix="kozomol-test-"))

from kozomol.settings import *  # noqa: E402,F403
from kozomol.settings import STORAGES  # noqa: E402

# Background tasks run inline so a test sees their result at once.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# Argon2 is deliberately slow; tests create many users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # noqa: S303
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
KOZOMOL_REQUIRE_2FA = False  # the two-factor tests switch it on; other tests log in with force_login
# The test database is SQLite in memory (or PostgreSQL). pytest-django recognises an in-memory
# SQLite test database by Django's own engine name, so tests name that engine; the kept-connection
# check of Kozomol's engine (kozomol.lib.sqlite_backend) matters only for a file, and is tested
# on one (core/tests/test_kept_sqlite_connection.py) and under a real server (core/tests/test_faults.py).
if DATABASES["default"]["ENGINE"] == "kozomol.lib.sqlite_backend":  # noqa: F405
    DATABASES["default"]["ENGINE"] = "django.db.backends.sqlite3"  # noqa: F405
