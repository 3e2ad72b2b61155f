"""Demo: the auto-coder trained on the demo campaign's coded passages (from coding's demo)."""

from __future__ import annotations

from kozomol.autocoding.services import autocoder_train
from kozomol.campaigns.demo import DemoContext


def load(ctx: DemoContext) -> None:
    stored = autocoder_train(campaign=ctx.campaign)
    micro = stored.metrics.get("learned", {}).get("micro", {})
    figure = f", held-out micro F1 {micro['f1']:.2f}" if micro else ""
    ctx.say(f"auto-coding: trained on {stored.passages_seen} coded passages{figure}")
