"""``kozomol rotate_keys``: a new encryption key for personal data, and everything re-encrypted under it."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_record
from kozomol.cases import keys
from kozomol.lib.crypto import CryptoError


class Command(BaseCommand):
    help = (
        "Make a new primary key for personal data (keys dir) — or take the first key of KOZOMOL_FIELD_KEYS — "
        "and re-encrypt every sealed value and attachment under it. Old keys stay to decrypt until "
        "--purge-old removes them (keep them while old backups may need restoring)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--no-new-key",
            action="store_true",
            help="only re-encrypt what is still under an old key (resume an interrupted run)",
        )
        parser.add_argument(
            "--purge-old",
            action="store_true",
            help="after a complete run, remove every key but the new primary from the key file",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            ring = keys.key_ring() if options["no_new_key"] else keys.start_rotation()
            self.stdout.write(
                f"primary key: {ring.primary} ({len(ring.keys)} keys in the ring, from {ring.source})"
            )
            report = keys.reencrypt_all()
        except CryptoError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"re-encrypted {report.values} values and {report.files} files")
        if report.stale:
            raise CommandError(
                f"{report.stale} values are still under an old key; run again with --no-new-key"
            )
        audit_record(
            actor="rotate_keys",
            action=AuditEntry.Action.OTHER,
            object_type="cases.keys",
            message=f"keys rotated to {report.primary}: {report.values} values, {report.files} files",
        )
        if options["purge_old"]:
            try:
                ring = keys.purge_old_keys()
            except (RuntimeError, CryptoError) as exc:
                raise CommandError(str(exc)) from None
            self.stdout.write(f"old keys removed; the ring holds {len(ring.keys)} key")
        self.stdout.write(self.style.SUCCESS("done"))
