"""``kozomol export_qdpx SLUG -o PATH``: the campaign's coded documents as a REFI-QDA project."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.audit.models import AuditEntry
from kozomol.audit.services import audit_record
from kozomol.campaigns.models import Campaign
from kozomol.coding.refi import export_qdpx


class Command(BaseCommand):
    help = "Export a campaign's documents, codebook, coding and memos as a REFI-QDA project (.qdpx)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("slug", help="slug of the campaign")
        parser.add_argument("-o", "--output", required=True, help="path of the .qdpx file to write")

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(slug=options["slug"]).first()
        if campaign is None:
            raise CommandError(f"no campaign with the slug {options['slug']!r}")
        data = export_qdpx(campaign)
        try:
            Path(options["output"]).write_bytes(data)
        except OSError as exc:
            raise CommandError(f"{options['output']}: {exc}") from exc
        audit_record(
            actor="command line",
            action=AuditEntry.Action.EXPORT,
            object_type="coding.project",
            object_id=campaign.pk,
            object_repr=str(campaign)[:250],
            campaign_id=campaign.pk,
            message=f"REFI-QDA project to {options['output']}",
        )
        self.stdout.write(f"wrote {options['output']} ({len(data):,} bytes)")
