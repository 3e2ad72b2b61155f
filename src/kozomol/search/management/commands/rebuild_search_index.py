"""``kozomol rebuild_search_index [--campaign SLUG]``: index the documents afresh."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.campaigns.models import Campaign
from kozomol.core.jobs import Progress
from kozomol.search.services import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the search index of one campaign (or of every campaign)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--campaign", help="campaign slug (default: every campaign)")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        campaigns = Campaign.objects.all().order_by("pk")
        if options["campaign"]:
            campaigns = campaigns.filter(slug=options["campaign"])
            if not campaigns.exists():
                raise CommandError(f"No campaign with the slug {options['campaign']!r}.")
        for campaign in campaigns:
            with Progress(None, bar=not options["no_progress"], description=campaign.slug) as progress:
                count = rebuild_index(campaign=campaign, progress=progress)
            self.stdout.write(f"{campaign.slug}: {count} documents indexed")
