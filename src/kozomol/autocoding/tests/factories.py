from __future__ import annotations

from typing import Any

from kozomol.coding.models import Code
from kozomol.coding.services import codebook_seed, document_create, passages_create


def seeded(campaign: Any, actor: Any) -> dict[str, Code]:
    codebook_seed(actor=actor, campaign=campaign)
    return {c.identifier: c for c in Code.objects.filter(campaign=campaign)}


def code_sentence(document: Any, sentence: str, code: Code, coder: Any) -> None:
    start = document.text.index(sentence)
    passages_create(actor=coder, document=document, codes=[code], start=start, end=start + len(sentence))


def make_document(campaign: Any, actor: Any, text: str, title: str = "Интервью") -> Any:
    return document_create(actor=actor, campaign=campaign, title=title, text=text)
