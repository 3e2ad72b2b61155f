from __future__ import annotations

import pytest

from kozomol.coding.default_codebook import DEFAULT_CODEBOOK, TOP_LEVEL_IDENTIFIERS
from kozomol.coding.models import Code
from kozomol.coding.services import codebook_seed

pytestmark = pytest.mark.django_db


def test_seed_creates_the_report_themes_as_top_level_codes(world):
    created = codebook_seed(actor=world.users["coordinator"], campaign=world.campaign)
    assert created == len(DEFAULT_CODEBOOK)
    top = list(Code.objects.filter(campaign=world.campaign, parent=None).values_list("identifier", flat=True))
    assert sorted(top) == sorted(TOP_LEVEL_IDENTIFIERS)
    wages = Code.objects.get(campaign=world.campaign, identifier="LABOUR.WAGES_UNPAID")
    assert wages.parent.identifier == "LABOUR"
    assert wages.label_ru and wages.label_ky and wages.label_en


def test_seed_leaves_an_existing_codebook_alone(world):
    codebook_seed(actor=None, campaign=world.campaign)
    assert codebook_seed(actor=None, campaign=world.campaign) == 0


def test_every_top_level_code_has_three_languages_and_examples():
    for row in DEFAULT_CODEBOOK:
        if row["parent"] is None:
            for lang in ("ru", "ky", "en"):
                assert row[f"label_{lang}"] and row[f"definition_{lang}"] and row[f"examples_{lang}"]
        else:
            assert row["identifier"].startswith(row["parent"] + ".")
            assert row["label_ky"] and row["definition_ru"] and row["definition_ky"] and row["definition_en"]
