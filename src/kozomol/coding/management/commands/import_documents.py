"""``kozomol import_documents FILE.jsonl --campaign SLUG``: documents from JSON Lines, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.campaigns.models import Campaign
from kozomol.coding.importer import import_jsonl


class Command(BaseCommand):
    help = (
        "Import documents from a JSON Lines file: one object per line with id, title, text and optional "
        "country, city, target_group, gender, profile, metadata. Nothing is written if a line is wrong; "
        "ids already imported are updated or left as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="path to the .jsonl file ('-' for standard input)")
        parser.add_argument("--campaign", required=True, help="slug of the campaign")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"no campaign with the slug {options['campaign']!r}")
        path = options["file"]
        if path == "-":
            import sys

            lines = sys.stdin.read().splitlines()
        else:
            try:
                lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise CommandError(f"{path}: {exc}") from exc
        try:
            result = import_jsonl(actor=None, campaign=campaign, lines=lines, source_name=Path(path).name)
        except ValidationError as exc:
            raise CommandError("nothing imported:\n" + "\n".join(exc.messages)) from exc
        self.stdout.write(
            f"{result.created} documents created, {result.updated} updated, {result.unchanged} unchanged"
        )
