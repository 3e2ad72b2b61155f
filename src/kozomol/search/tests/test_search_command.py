from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from kozomol.search.models import IndexedDocument
from kozomol.search.query import QUERY_EMPTY
from kozomol.search.tests.factories import add_document

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_prints_external_ids_best_first_and_pks_where_none(world):
    best = add_document(world.campaign, "Штраф, ещё штраф и снова штраф.", external_id="int-007")
    other = add_document(world.campaign, "Однажды выписали штраф. " + "Дорога. " * 40)
    add_document(world.campaign, "Про школу.", external_id="int-009")
    assert run("search", "штрафы", "--campaign", world.campaign.slug).split() == ["int-007", str(other.pk)]
    assert best.pk != other.pk


def test_json_output_has_ids_scores_and_the_total(world):
    add_document(world.campaign, "Депортация.", external_id="a")
    add_document(world.campaign, "Его депортировали.", external_id="b")
    payload = json.loads(run("search", "депортация", "--campaign", world.campaign.slug, "--json"))
    assert payload["total"] == 2
    assert [r["id"] for r in payload["results"]] == ["a", "b"]
    assert payload["results"][0]["score"] > payload["results"][1]["score"]


def test_unknown_campaign_and_empty_query_are_clear_errors(world):
    with pytest.raises(CommandError, match="No campaign"):
        run("search", "штраф", "--campaign", "nope")
    with pytest.raises(CommandError) as caught:
        run("search", "и", "--campaign", world.campaign.slug)
    assert str(caught.value) == QUERY_EMPTY


def test_rebuild_indexes_documents_written_without_the_hooks(world):
    from kozomol.coding.models import Document

    Document.objects.create(campaign=world.campaign, title="t", text="Поликлиника отказала.", external_id="x")
    assert run("search", "поликлиника", "--campaign", world.campaign.slug).split() == []
    assert "1 documents indexed" in run(
        "rebuild_search_index", "--campaign", world.campaign.slug, "--no-progress"
    )
    assert IndexedDocument.objects.filter(campaign=world.campaign).count() == 1
    assert run("search", "поликлиники", "--campaign", world.campaign.slug).split() == ["x"]
