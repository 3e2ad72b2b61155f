"""Merging and moving codes keeps every coded passage."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kozomol.coding import selectors
from kozomol.coding.models import Code, CodedPassage, Memo
from kozomol.coding.services import (
    code_merge,
    code_move,
    codebook_seed,
    document_create,
    document_update,
    memo_create,
    passages_create,
)

pytestmark = pytest.mark.django_db
TEXT = "Работали без договора. Зарплату не платили три месяца."


@pytest.fixture
def setup(world):
    codebook_seed(actor=None, campaign=world.campaign)
    codes = {c.identifier: c for c in Code.objects.filter(campaign=world.campaign)}
    doc = document_create(actor=None, campaign=world.campaign, title="d", text=TEXT)
    return world, codes, doc


def test_merge_moves_passages_memos_and_folds_duplicates(setup):
    world, codes, doc = setup
    a, b = world.users["analyst"], world.users["coordinator"]
    passages_create(
        actor=a, document=doc, codes=[codes["LABOUR.OVERTIME"], codes["LABOUR.WAGES_UNPAID"]], start=0, end=21
    )
    passages_create(actor=b, document=doc, codes=[codes["LABOUR.OVERTIME"]], start=23, end=len(TEXT))
    memo_create(actor=a, text="заметка", code=codes["LABOUR.OVERTIME"])
    total_before = CodedPassage.objects.count()
    code_merge(actor=b, source=codes["LABOUR.OVERTIME"], target=codes["LABOUR.WAGES_UNPAID"])
    assert not Code.objects.filter(pk=codes["LABOUR.OVERTIME"].pk).exists()
    target = codes["LABOUR.WAGES_UNPAID"]
    assert CodedPassage.objects.filter(code=target).count() == 2
    assert CodedPassage.objects.count() == total_before - 1  # the analyst's duplicate folded
    assert Memo.objects.get().code == target


def test_move_keeps_passages_and_refuses_cycles(setup):
    world, codes, doc = setup
    passages_create(
        actor=world.users["analyst"], document=doc, codes=[codes["LABOUR.WAGES_UNPAID"]], start=0, end=5
    )
    code_move(actor=None, code=codes["LABOUR.WAGES_UNPAID"], parent=codes["JUSTICE"])
    assert CodedPassage.objects.get().code.parent == codes["JUSTICE"]
    retrieved = selectors.retrieve_passages(world.campaign, codes["JUSTICE"])
    assert retrieved.count() == 1
    with pytest.raises(ValidationError):
        code_move(actor=None, code=codes["JUSTICE"], parent=codes["LABOUR.WAGES_UNPAID"])
    with pytest.raises(ValidationError):
        code_merge(actor=None, source=codes["JUSTICE"], target=codes["LABOUR.WAGES_UNPAID"])


def test_editing_the_text_moves_passages_with_their_quote(setup):
    world, codes, doc = setup
    start = TEXT.index("Зарплату")
    passages_create(
        actor=world.users["analyst"], document=doc, codes=[codes["LABOUR"]], start=start, end=len(TEXT)
    )
    document_update(actor=None, document=doc, text="Вступление. " + TEXT)
    passage = CodedPassage.objects.get()
    assert doc.text[passage.start : passage.end] == passage.text
    with pytest.raises(ValidationError):
        document_update(actor=None, document=doc, text="Совсем другой текст.")


def test_a_passage_must_lie_within_the_text(setup):
    world, codes, doc = setup
    with pytest.raises(ValidationError):
        passages_create(actor=world.users["analyst"], document=doc, codes=[codes["LABOUR"]], start=5, end=999)
    with pytest.raises(ValidationError):
        passages_create(actor=world.users["analyst"], document=doc, codes=[codes["LABOUR"]], start=5, end=5)
