"""``kozomol restore FILE``: restore a backup into an empty data dir and database."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.core.management.commands.backup import read_passphrase
from kozomol.lib.sealed import SealError


class Command(BaseCommand):
    help = "Restore a backup made by `kozomol backup` into an empty instance."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--passphrase-file")

    def handle(self, *args: Any, **options: Any) -> None:
        from kozomol.core.backup import BackupError, restore

        passphrase = read_passphrase(options, confirm=False)
        try:
            manifest = restore(Path(options["file"]), passphrase)
        except (BackupError, SealError, OSError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"restored {len(manifest['files'])} files from a backup of {manifest['created_at']}"
        )
        if manifest["missing_keys"]:
            self.stderr.write(
                "warning: the field-encryption keys of the backup are not in this data dir "
                f"({', '.join(manifest['missing_keys'])}): copy them into keys/ to read personal data"
            )
