"""Consistent, encrypted backups of a running instance, and restoring them into an empty one.

A backup is a tar archive sealed with a passphrase (:mod:`kozomol.lib.sealed`):

- ``manifest.json`` — format, time, database engine, sha256 of every file, and the
  *fingerprints* of the field-encryption keys (never the keys: they are kept apart
  from backups, so a stolen backup alone reveals no personal data);
- ``database/kozomol.sqlite3`` (SQLite, copied with SQLite's online backup API while
  the server keeps writing) or ``database/data.json`` (PostgreSQL: every table read
  in one REPEATABLE READ snapshot);
- ``media/…`` — uploaded files.
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
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.db import connection, transaction

from kozomol.lib.sealed import seal, unseal

FORMAT = "kozomol-backup/1"


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
    source = sqlite3.connect(settings.DATABASES["default"]["NAME"])
    try:
        dest = sqlite3.connect(target)
        with dest:
            source.backup(dest, pages=1024)  # copies in steps; writers continue between them
        dest.close()
    finally:
        source.close()


def _dump_postgres(target: Path) -> None:
    from django.apps import apps

    with transaction.atomic(), target.open("w", encoding="utf-8") as out:
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        out.write("[")
        first = True
        for model in apps.get_models(include_auto_created=True):
            if model._meta.proxy or not model._meta.managed:
                continue
            queryset = model._base_manager.order_by("pk")
            for obj in queryset.iterator(chunk_size=2000):
                text = serializers.serialize("json", [obj])[1:-1]
                out.write(("" if first else ",\n") + text)
                first = False
        out.write("]\n")


def backup(output: Path, passphrase: str) -> dict[str, Any]:
    data_dir = Path(settings.DATA_DIR)
    vendor = connection.vendor
    with tempfile.TemporaryDirectory(prefix="kozomol-backup-") as tmp:
        staging = Path(tmp)
        (staging / "database").mkdir()
        db_file = staging / "database" / ("kozomol.sqlite3" if vendor == "sqlite" else "data.json")
        if vendor == "sqlite":
            _dump_sqlite(db_file)
        else:
            _dump_postgres(db_file)
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
            }
            raw = json.dumps(manifest, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(raw)
            tar.addfile(info, io.BytesIO(raw))
        partial = output.with_name(output.name + ".partial")
        with archive_path.open("rb") as source, partial.open("wb") as target:
            seal(source, target, passphrase)
        partial.replace(output)  # never a half-written backup under the final name
    return manifest


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
    with tempfile.TemporaryDirectory(prefix="kozomol-restore-") as tmp:
        staging = Path(tmp)
        archive_path = staging / "backup.tar"
        with source.open("rb") as handle, archive_path.open("wb") as out:
            for block in unseal(handle, passphrase):
                out.write(block)
        unpacked = staging / "unpacked"
        with tarfile.open(archive_path) as tar:
            tar.extractall(unpacked, members=_safe_members(tar), filter="data")
        manifest = json.loads((unpacked / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown backup format {manifest.get('format')!r}")
        for name, digest in manifest["files"].items():
            if _sha256(unpacked / name) != digest:
                raise BackupError(f"{name} does not match its checksum")
        _restore_database(unpacked / "database", manifest["engine"])
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


def _restore_database(folder: Path, engine: str) -> None:
    if not _database_is_empty():
        raise BackupError("the target database is not empty: restore needs an empty one")
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
        call_command("migrate", verbosity=0)
        return
    if engine == "sqlite":
        raise BackupError("a SQLite backup restores into SQLite (use dumpdata/loaddata to change databases)")
    call_command("migrate", verbosity=0)
    # Migrations seed reference data; the backup carries its own copy of it.
    from django.apps import apps

    with transaction.atomic():
        for model in reversed(apps.get_models(include_auto_created=True)):
            if model._meta.managed and not model._meta.proxy:
                model._base_manager.all()._raw_delete(model._base_manager.db)
        call_command("loaddata", str(folder / "data.json"), verbosity=0)
        _reset_sequences()


def _reset_sequences() -> None:
    from django.apps import apps
    from django.core.management.color import no_style

    models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)
