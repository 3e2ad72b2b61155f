"""Demo: the search index of the demo campaign (its documents come from coding's demo)."""

from __future__ import annotations

from kozomol.campaigns.demo import DemoContext
from kozomol.search.services import rebuild_index


def load(ctx: DemoContext) -> None:
    count = rebuild_index(campaign=ctx.campaign)
    ctx.say(f"search: {count} documents indexed")
