"""``kozomol search QUERY --campaign SLUG [--json] [--limit N]``: matching documents, best first."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from kozomol.campaigns.models import Campaign
from kozomol.coding.models import Document
from kozomol.search.query import QueryError
from kozomol.search.selectors import search_documents


class Command(BaseCommand):
    help = "Search a campaign's documents (Russian word forms, phrases, OR / AND / NOT); prints document ids best first."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("query")
        parser.add_argument("--campaign", required=True, help="campaign slug")
        parser.add_argument(
            "--json", action="store_true", help="one JSON document with ids, scores and the total"
        )
        parser.add_argument(
            "--limit", type=int, default=100, help="at most this many documents (default 100)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        campaign = Campaign.objects.filter(slug=options["campaign"]).first()
        if campaign is None:
            raise CommandError(f"No campaign with the slug {options['campaign']!r}.")
        if options["limit"] < 1:
            raise CommandError("--limit must be at least 1.")
        try:
            found = search_documents(campaign=campaign, query=options["query"], limit=options["limit"])
        except QueryError as exc:
            raise CommandError(str(exc)) from exc
        external = dict(
            Document.objects.filter(pk__in=[h.document_id for h in found.hits]).values_list(
                "pk", "external_id"
            )
        )
        ids = [external.get(h.document_id) or str(h.document_id) for h in found.hits]
        if options["json"]:
            payload = {
                "query": options["query"],
                "campaign": campaign.slug,
                "total": found.total,
                "results": [
                    {"id": doc_id, "document": h.document_id, "score": round(h.score, 4)}
                    for doc_id, h in zip(ids, found.hits, strict=True)
                ],
            }
            self.stdout.write(json.dumps(payload, ensure_ascii=False))
        else:
            for doc_id in ids:
                self.stdout.write(doc_id)
