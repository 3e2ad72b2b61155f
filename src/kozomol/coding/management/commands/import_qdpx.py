"""``kozomol import_qdpx PATH --campaign SLUG``: a REFI-QDA project into a campaign, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.campaigns.models import Campaign
from kozomol.coding.refi import MAX_ARCHIVE_BYTES, import_qdpx


class Command(BaseCommand):
    help = "Import a REFI-QDA project (.qdpx) made by Kozomol, NVivo, ATLAS.ti, MAXQDA or QualCoder."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", help="the .qdpx file")
        parser.add_argument("--campaign", required=True, help="slug of the campaign to import into")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"no campaign with the slug {options['campaign']!r}")
        path = Path(options["path"])
        try:
            if path.stat().st_size > MAX_ARCHIVE_BYTES:
                raise CommandError(f"{path}: larger than {MAX_ARCHIVE_BYTES // (1024 * 1024)} MB")
            data = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: {exc}") from exc
        try:
            summary = import_qdpx(actor=None, campaign=campaign, data=data, name=path.name)
        except ValidationError as exc:
            raise CommandError("nothing imported: " + " ".join(exc.messages)) from exc
        self.stdout.write(
            f"{summary.documents} documents ({summary.skipped_documents} already there), "
            f"{summary.passages} coded passages, {summary.codes} new codes, {summary.memos} memos, "
            f"{summary.users} coders"
        )
