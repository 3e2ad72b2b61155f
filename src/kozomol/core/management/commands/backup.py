"""``kozomol backup -o FILE``: a consistent, passphrase-encrypted snapshot of a running instance."""

from __future__ import annotations

import getpass
import os
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.lib.sealed import SealError


def read_passphrase(options: dict[str, Any], *, confirm: bool) -> str:
    if options.get("passphrase_file"):
        try:
            return Path(options["passphrase_file"]).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise CommandError(f"--passphrase-file: {exc.strerror}") from None
    if os.environ.get("KOZOMOL_BACKUP_PASSPHRASE"):
        return os.environ["KOZOMOL_BACKUP_PASSPHRASE"]
    first = getpass.getpass("Backup passphrase: ")
    if confirm and getpass.getpass("Again: ") != first:
        raise CommandError("the passphrases differ")
    return first


class Command(BaseCommand):
    help = "Write an encrypted backup (database, uploaded files, key fingerprints) while the server runs."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", required=True)
        parser.add_argument(
            "--passphrase-file",
            help="read the passphrase from this file (else KOZOMOL_BACKUP_PASSPHRASE, else ask)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        from kozomol.core.backup import backup

        passphrase = read_passphrase(options, confirm=True)
        try:
            manifest = backup(Path(options["output"]), passphrase)
        except (SealError, OSError) as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(
            f"backup written to {options['output']}: {len(manifest['files'])} files, "
            f"database {manifest['engine']}; keys are NOT inside — keep the data dir's keys/ safe separately"
        )
