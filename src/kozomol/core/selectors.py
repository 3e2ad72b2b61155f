"""Site-wide search over what the user may see."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from kozomol.accounts.access import campaigns_for_user


@dataclass(frozen=True)
class SearchHit:
    kind: str
    title: str
    url: str
    snippet: str = ""


def search_for_user(user: Any, query: str) -> list[SearchHit]:
    # A user sees a handful of campaigns, so they are matched in Python:
    # SQLite's LIKE folds case for ASCII only, and Cyrillic must fold too.
    needle = query.casefold()
    hits: list[SearchHit] = []
    for campaign in campaigns_for_user(user).order_by("-period_start"):
        haystack = " ".join(
            [campaign.title, campaign.slug, campaign.goals, campaign.tasks, campaign.method]
        ).casefold()
        if needle in haystack:
            hits.append(
                SearchHit(
                    kind="campaign",
                    title=campaign.title,
                    url=reverse("campaigns:detail", kwargs={"slug": campaign.slug}),
                    snippet=campaign.goals[:200],
                )
            )
    return hits
