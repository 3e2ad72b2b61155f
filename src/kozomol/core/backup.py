"""Consistent, encrypted backups of a running instance, and restoring them into an empty one.

A backup is a tar archive sealed with a passphrase (:mod:`kozomol.lib.sealed`):

- ``manifest.json`` — format, time, database engine, sha256 of every file, and the
  *fingerprints* of the field-encryption keys (never the keys: they are kept apart
  from backups, so a stolen backup alone reveals no personal data);
- ``database/kozomol.sqlite3`` (SQLite, copied with SQLite's online backup API in one
  step, i.e. one read transaction, while the server keeps writing to the WAL) or
  ``database/data.jsonl`` (PostgreSQL: every row of every table, one JSON object a
  line, all read in one REPEATABLE READ, READ ONLY transaction, so the dump is one
  snapshot even while the server writes);
- ``media/…`` — uploaded files, copied after the database snapshot (a file uploaded
  meanwhile is carried without its row, which is harmless; rows never point to a
  file the backup lacks unless the file was deleted during the backup).

Format 2 replaced the PostgreSQL ``data.json`` of format 1, which could not be read
back (Django's JSON serializer ends its output with a newline, so slicing off the
brackets of each object's ``[...]`` left a stray ``]`` per row). Format 1 SQLite
backups restore as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import sqlite3
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.core.serializers.jsonl import Serializer as JSONLSerializer
from django.db import connection, transaction

from kozomol.lib.sealed import seal, unseal

FORMAT = "kozomol-backup/2"
READABLE_FORMATS = ("kozomol-backup/1", FORMAT)


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(block)
    return digest.hexdigest()


def key_fingerprints(keys_dir: Path) -> dict[str, str]:
    if not keys_dir.exists():
        return {}
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()[:16]
        for p in sorted(keys_dir.iterdir())
        if p.is_file()
    }


def _dump_sqlite(target: Path) -> None:
    # The server's busy timeout: a checkpoint may hold the file for a moment.
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"], timeout=30)
    try:
        dest = sqlite3.connect(target)
        with dest:
            # pages=-1: the whole file in one step, inside one read transaction, so the copy is one
            # snapshot; in WAL mode the server's writers go on meanwhile. (Copying in several steps
            # would let a write between steps restart the copy, endlessly on a busy server.)
            source.backup(dest, pages=-1)
        dest.close()
    finally:
        source.close()


class _ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder keeps milliseconds only, which a restore must not lose."""

    def default(self, o: Any) -> Any:
        if isinstance(o, (dt.datetime, dt.time)):
            return o.isoformat()
        return super().default(o)


class _RowSerializer(JSONLSerializer):
    """Every column of a row, one JSON object a line; many-to-many links come as their own rows.

    The auto-created link tables are dumped as tables of their own (with their ids), so the parents'
    lists of links are left out: loading both would insert each link twice.
    """

    def handle_m2m_field(self, obj: Any, field: Any) -> None:
        return None


def _dumped_models() -> list[type[Any]]:
    from django.apps import apps

    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]


def _all_rows() -> Iterator[Any]:
    for model in _dumped_models():
        yield from model._base_manager.order_by("pk").iterator(chunk_size=2000)


def _applied_migrations(cursor: Any) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations")
    return sorted(f"{app}.{name}" for app, name in cursor.fetchall())


def _dump_postgres(target: Path) -> list[str]:
    """Every row of every table, read in one snapshot while the server goes on writing.

    Returns the migrations applied in that snapshot: the rows fit that schema and no other.
    """
    with transaction.atomic(), target.open("w", encoding="utf-8") as out:
        with connection.cursor() as cursor:
            # The first statement of the transaction: every read below sees the same snapshot.
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            migrations = _applied_migrations(cursor)
        _RowSerializer().serialize(_all_rows(), stream=out, cls=_ExactEncoder)
    return migrations


def _sqlite_migrations(path: Path) -> list[str]:
    db = sqlite3.connect(path)
    try:
        return _applied_migrations(db.cursor())
    finally:
        db.close()


def backup(output: Path, passphrase: str) -> dict[str, Any]:
    data_dir = Path(settings.DATA_DIR)
    vendor = connection.vendor
    # Staged inside the data dir, not /tmp: the clear copy of the database stays on the volume (and
    # behind the permissions) of the database itself, and /tmp is often a small RAM disk.
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=data_dir) as tmp:
        staging = Path(tmp)
        (staging / "database").mkdir()
        db_file = staging / "database" / ("kozomol.sqlite3" if vendor == "sqlite" else "data.jsonl")
        if vendor == "sqlite":
            _dump_sqlite(db_file)
            migrations = _sqlite_migrations(db_file)
        else:
            migrations = _dump_postgres(db_file)
        media_root = Path(settings.MEDIA_ROOT)
        files: dict[str, str] = {f"database/{db_file.name}": _sha256(db_file)}
        archive_path = staging / "backup.tar"
        with tarfile.open(archive_path, "w") as tar:
            tar.add(db_file, arcname=f"database/{db_file.name}")
            if media_root.exists():
                for path in sorted(media_root.rglob("*")):
                    if path.is_file():
                        name = "media/" + path.relative_to(media_root).as_posix()
                        files[name] = _sha256(path)
                        tar.add(path, arcname=name)
            manifest = {
                "format": FORMAT,
                "created_at": dt.datetime.now(dt.UTC).isoformat(),
                "engine": vendor,
                "files": files,
                "key_fingerprints": key_fingerprints(Path(settings.KEYS_DIR)),
                "data_dir": str(data_dir),
                "migrations": migrations,
            }
            raw = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
        partial = output.with_name(output.name + ".partial")
        with archive_path.open("rb") as source, partial.open("wb") as target:
            seal(source, target, passphrase)
        partial.replace(output)  # never a half-written backup under the final name
    _audit_backup(output, manifest)
    return manifest


def _audit_backup(output: Path, manifest: dict[str, Any]) -> None:
    """A backup is an export of everything: it goes in the audit log like every other export.

    Written after the snapshot, so the backup itself does not hold its own entry.
    """
    import getpass

    from kozomol.audit.models import AuditEntry
    from kozomol.audit.services import audit_record

    try:
        who = getpass.getuser()
    except (KeyError, OSError):  # no name for this uid (a container)
        who = "unknown user"
    with transaction.atomic():
        audit_record(
            actor=f"kozomol backup (system user {who})",
            action=AuditEntry.Action.EXPORT,
            object_type="backup",
            object_repr=output.name,
            message=(
                f"encrypted backup written to {output}: {len(manifest['files'])} files, "
                f"database {manifest['engine']}, snapshot of {manifest['created_at']}"
            ),
        )


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if member.issym() or member.islnk() or name.is_absolute() or ".." in name.parts:
            raise BackupError(f"unsafe path in the backup: {member.name}")
        members.append(member)
    return members


def restore(source: Path, passphrase: str) -> dict[str, Any]:
    """Restore into the configured (empty) database and data dir."""
    media_root = Path(settings.MEDIA_ROOT)
    if media_root.exists() and any(media_root.rglob("*.*")):
        raise BackupError(f"the data dir is not empty: {media_root} holds files")
    data_dir = Path(settings.DATA_DIR)
    data_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=data_dir) as tmp:  # see backup()
        staging = Path(tmp)
        archive_path = staging / "backup.tar"
        with source.open("rb") as handle, archive_path.open("wb") as out:
            for block in unseal(handle, passphrase):
                out.write(block)
        unpacked = staging / "unpacked"
        with tarfile.open(archive_path) as tar:
            tar.extractall(unpacked, members=_safe_members(tar), filter="data")
        manifest = json.loads((unpacked / "manifest.json").read_text())
        if manifest.get("format") not in READABLE_FORMATS:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        for name, digest in manifest["files"].items():
            if not (unpacked / name).is_file():
                raise BackupError(f"{name} is listed in the backup's manifest but missing from it")
            if _sha256(unpacked / name) != digest:
                raise BackupError(f"{name} does not match its checksum")
        _restore_database(unpacked / "database", manifest)
        if (unpacked / "media").exists():
            shutil.copytree(unpacked / "media", media_root, dirs_exist_ok=True)
    present = key_fingerprints(Path(settings.KEYS_DIR))
    manifest["missing_keys"] = sorted(
        name for name, fp in manifest["key_fingerprints"].items() if present.get(name) != fp
    )
    return manifest


def _database_is_empty() -> bool:
    tables = connection.introspection.table_names()
    if "django_migrations" not in tables:
        return True
    from kozomol.accounts.models import User
    from kozomol.campaigns.models import Campaign

    return not User.objects.exists() and not Campaign.objects.exists()


def _restore_database(folder: Path, manifest: dict[str, Any]) -> None:
    if not _database_is_empty():
        raise BackupError("the target database is not empty: restore needs an empty one")
    engine = manifest["engine"]
    vendor = connection.vendor
    if engine == "sqlite" and vendor == "sqlite":
        target = Path(settings.DATABASES["default"]["NAME"])
        connection.close()
        for suffix in ("", "-wal", "-shm"):
            Path(str(target) + suffix).unlink(missing_ok=True)
        src = sqlite3.connect(folder / "kozomol.sqlite3")
        dest = sqlite3.connect(target)
        with dest:
            src.backup(dest)
        src.close()
        dest.close()
        # The file carries its own schema and migration history: bring it up to this version.
        call_command("migrate", verbosity=0)
        return
    if engine == "sqlite":
        raise BackupError("a SQLite backup restores into SQLite (use dumpdata/loaddata to change databases)")
    rows = folder / "data.jsonl"
    if not rows.exists():
        raise BackupError(
            "this PostgreSQL backup was written in format 1, whose database dump cannot be read back "
            "(see kozomol/core/backup.py); make a new backup with this version"
        )
    _check_same_schema(manifest.get("migrations"))
    call_command("migrate", verbosity=0)
    from django.core.management.color import no_style

    tables = [model._meta.db_table for model in _dumped_models()]
    with transaction.atomic():
        # Migrations seed reference data (places, themes, content types); the backup carries its own
        # copy of every row, with its ids, so the seeded rows go first.
        flush = connection.ops.sql_flush(no_style(), tables, reset_sequences=True, allow_cascade=True)
        with connection.cursor() as cursor:
            for sql in flush:
                cursor.execute(sql)
        call_command("loaddata", str(rows), verbosity=0)
        _reset_sequences()


def _check_same_schema(migrations: list[str] | None) -> None:
    """A row dump fits the schema it was read from: refuse one from another version of Kozomol.

    (Loading it anyway would fail half-way on a missing column, or, worse, load rows whose data
    migrations never ran.) A SQLite backup has no such limit: its file migrates forward.
    """
    if migrations is None:
        return
    from django.db.migrations.loader import MigrationLoader

    known = {f"{app}.{name}" for app, name in MigrationLoader(None, ignore_no_migrations=True).graph.nodes}
    apps_known = {name.split(".", 1)[0] for name in known}
    # Records of apps no longer installed are stale history, not schema.
    backup = {name for name in migrations if name.split(".", 1)[0] in apps_known}
    if backup != known:
        newer = sorted(backup - known)[:5]
        older = sorted(known - backup)[:5]
        raise BackupError(
            "this backup was made with another version of Kozomol "
            + (f"(it has migrations this version lacks: {', '.join(newer)}) " if newer else "")
            + (f"(this version has migrations it lacks: {', '.join(older)}) " if older else "")
            + "— restore it with the version that made it, then upgrade with `kozomol migrate`"
        )


def _reset_sequences() -> None:
    from django.apps import apps
    from django.core.management.color import no_style

    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
