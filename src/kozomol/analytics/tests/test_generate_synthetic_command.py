"""``kozomol generate_synthetic``: deterministic for a seed, realistic shapes, clear errors."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kozomol.campaigns.models import Campaign
from kozomol.submissions.models import Submission
from kozomol.testing import make_campaign

pytestmark = pytest.mark.django_db


def _answers(campaign: Campaign) -> list[tuple]:
    return list(
        Submission.objects.filter(campaign=campaign)
        .order_by("instance_id")
        .values_list("country_code", "gender", "submitted_at", "data")
    )


def test_same_seed_gives_the_same_data(world) -> None:
    other = make_campaign(world.org, slug="twin")
    out = StringIO()
    call_command(
        "generate_synthetic",
        campaign=world.campaign.slug,
        submissions=300,
        documents=5,
        appeals=20,
        seed=5,
        no_progress=True,
        stdout=out,
        stderr=StringIO(),
    )
    call_command(
        "generate_synthetic",
        campaign=other.slug,
        submissions=300,
        seed=5,
        no_progress=True,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert "300 submissions" in out.getvalue()
    assert _answers(world.campaign) == _answers(other)
    data = [d for *_x, d in _answers(world.campaign)]
    # Realistic shape: both countries, mostly Russia; women and men; documents in Russian.
    countries = [d["country"] for d in data]
    assert countries.count("RU") > countries.count("KZ") > 0
    assert {d.get("gender") for d in data} >= {"male", "female"}
    from kozomol.coding.models import Document

    text = Document.objects.filter(campaign=world.campaign).first().text
    assert any("а" <= ch <= "я" for ch in text.lower())


def test_a_different_seed_gives_different_data(world) -> None:
    other = make_campaign(world.org, slug="other-seed")
    call_command(
        "generate_synthetic",
        campaign=world.campaign.slug,
        submissions=50,
        seed=1,
        no_progress=True,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    call_command(
        "generate_synthetic",
        campaign=other.slug,
        submissions=50,
        seed=2,
        no_progress=True,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert [d for *_x, d in _answers(world.campaign)] != [d for *_x, d in _answers(other)]


def test_unknown_campaign_and_repeated_seed_are_clear_errors(world) -> None:
    with pytest.raises(CommandError, match="No campaign"):
        call_command("generate_synthetic", campaign="nope", submissions=1, no_progress=True)
    call_command(
        "generate_synthetic",
        campaign=world.campaign.slug,
        submissions=10,
        seed=3,
        no_progress=True,
        stdout=StringIO(),
        stderr=StringIO(),
    )
    with pytest.raises(CommandError, match="already exist"):
        call_command(
            "generate_synthetic",
            campaign=world.campaign.slug,
            submissions=10,
            seed=3,
            no_progress=True,
            stdout=StringIO(),
            stderr=StringIO(),
        )
    with pytest.raises(CommandError, match="zero or more"):
        call_command("generate_synthetic", campaign=world.campaign.slug, submissions=-1, no_progress=True)
