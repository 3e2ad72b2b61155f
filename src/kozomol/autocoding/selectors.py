"""Reading the auto-coder: which model serves a campaign, and the suggestions for a document."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from kozomol.autocoding.model import (
    THRESHOLD,
    CodeText,
    ColdStartModel,
    LearnedModel,
    code_texts_from_codes,
    code_texts_from_default_codebook,
)
from kozomol.autocoding.models import AutocoderModel, SuggestionDecision
from kozomol.lib.russian import lemma, lemmas, sentences, tokens

_cold_cache: dict[str, ColdStartModel] = {}


def _cold(code_texts: list[CodeText]) -> ColdStartModel:
    key = hashlib.sha256(
        json.dumps(
            [[c.identifier, c.labels, c.notes, c.examples] for c in code_texts], ensure_ascii=False
        ).encode()
    ).hexdigest()
    if key not in _cold_cache:
        if len(_cold_cache) > 50:
            _cold_cache.clear()
        _cold_cache[key] = ColdStartModel(code_texts)
    return _cold_cache[key]


def default_cold_model() -> ColdStartModel:
    """The cold-start model of the default codebook (``shared/codebook.md``'s ten themes)."""
    from kozomol.coding.default_codebook import DEFAULT_CODEBOOK

    return _cold(code_texts_from_default_codebook(DEFAULT_CODEBOOK))


def campaign_cold_model(campaign: Any) -> ColdStartModel:
    """The cold-start model of a campaign's own codebook (the default one while it has no codes)."""
    from kozomol.coding.models import Code

    codes = list(Code.objects.filter(campaign=campaign))
    if not codes:
        return default_cold_model()
    return _cold(code_texts_from_codes(codes))


def latest_model(campaign: Any) -> AutocoderModel | None:
    return AutocoderModel.objects.filter(campaign=campaign).order_by("-created_at", "-id").first()


def campaign_model(campaign: Any) -> ColdStartModel | LearnedModel:
    """The trained model when the campaign has one, else the cold start from its codebook."""
    cold = campaign_cold_model(campaign)
    trained = latest_model(campaign)
    if trained is None or not trained.params.get("codes"):
        return cold
    return LearnedModel(cold, trained.params)


def is_stale(campaign: Any) -> bool:
    """Are there coded passages the latest model has not learned from?"""
    from kozomol.coding.models import CodedPassage

    trained = latest_model(campaign)
    newest = (
        CodedPassage.objects.filter(document__campaign=campaign)
        .order_by("-id")
        .values_list("id", flat=True)
        .first()
    )
    if newest is None:
        return False
    return trained is None or newest > trained.last_passage_id


# --- suggestions ------------------------------------------------------------------


@dataclass
class Suggestion:
    start: int
    end: int
    text: str
    code: Any  # coding.Code
    score: float
    terms: list[str]  # matched lemmas, as written in the text where possible
    nearest: list[dict[str, Any]] = field(default_factory=list)  # {"text", "document_id", "similarity"}


def _written_forms(text: str, wanted: list[str]) -> list[str]:
    """The words of ``text`` whose lemma is in ``wanted``, in ``wanted``'s order."""
    forms: dict[str, str] = {}
    for token in tokens(text):
        word = lemma(token.text)
        if word in wanted and word not in forms:
            forms[word] = token.text
    return [forms.get(w, w) for w in wanted]


def _top_level(codes: list[Any]) -> dict[int, Any]:
    """code pk → its top-level code."""
    by_pk = {c.pk: c for c in codes}
    result = {}
    for code in codes:
        top = code
        while top.parent_id and top.parent_id in by_pk:
            top = by_pk[top.parent_id]
        result[code.pk] = top
    return result


def _examples_by_code(
    campaign: Any, top_of: dict[int, Any], *, per_code: int = 200
) -> dict[str, list[tuple[set[str], str, int]]]:
    from kozomol.coding.models import CodedPassage

    found: dict[str, list[tuple[set[str], str, int]]] = {}
    rows = (
        CodedPassage.objects.filter(document__campaign=campaign)
        .order_by("-id")
        .values_list("code_id", "text", "document_id")[:5000]
    )
    seen: set[tuple[str, str]] = set()
    for code_id, text, document_id in rows:
        top = top_of.get(code_id)
        if top is None or (top.identifier, text) in seen:
            continue
        seen.add((top.identifier, text))
        bucket = found.setdefault(top.identifier, [])
        if len(bucket) < per_code:
            bucket.append((set(lemmas(text)), text, document_id))
    return found


def _nearest(words: set[str], examples: list[tuple[set[str], str, int]], k: int = 2) -> list[dict[str, Any]]:
    scored = []
    for other, text, document_id in examples:
        if not other:
            continue
        overlap = len(words & other)
        if overlap:
            similarity = overlap / (len(words | other) or 1)
            scored.append((similarity, text, document_id))
    scored.sort(key=lambda item: -item[0])
    return [{"text": text, "document_id": doc, "similarity": round(sim, 2)} for sim, text, doc in scored[:k]]


def suggestions_for_document(
    *, document: Any, coder: Any, model: Any = None, examples: Any = None
) -> list[Suggestion]:
    """Code suggestions (score ≥ 0.5) for the sentences of ``document`` that ``coder`` has not coded.

    A sentence/code pair the coder already accepted or rejected is not suggested again.
    """
    from kozomol.coding.models import Code, CodedPassage

    campaign = document.campaign
    model = model or campaign_model(campaign)
    codes = list(Code.objects.filter(campaign=campaign))
    top_of = _top_level(codes)
    top_codes = {c.identifier: c for c in codes if c.parent_id is None}
    if not top_codes:
        return []
    coded = list(CodedPassage.objects.filter(document=document, coder=coder).values_list("start", "end"))
    decided = set(
        SuggestionDecision.objects.filter(document=document, coder=coder).values_list(
            "start", "end", "code_id"
        )
    )
    if examples is None:
        examples = _examples_by_code(campaign, top_of)
    result: list[Suggestion] = []
    for start, end in sentences(document.text):
        if any(s < end and start < e for s, e in coded):
            continue
        text = document.text[start:end]
        words = set(lemmas(text))
        if len(words) < 2:
            continue
        for identifier, (score, terms) in model.score(text).items():
            code = top_codes.get(identifier)
            if code is None or score < THRESHOLD or (start, end, code.pk) in decided:
                continue
            result.append(
                Suggestion(
                    start=start,
                    end=end,
                    text=text,
                    code=code,
                    score=round(score, 3),
                    terms=_written_forms(text, terms[:6]),
                    nearest=_nearest(words, examples.get(identifier, [])),
                )
            )
    result.sort(key=lambda s: (s.start, -s.score))
    return result


def score_texts(texts: list[str], *, model: Any) -> list[list[dict[str, Any]]]:
    """``[{"code", "score"}]`` for every code of ``model``, per text (codebook order)."""
    out = []
    for text in texts:
        scores = model.score(text)
        out.append([{"code": code, "score": round(scores[code][0], 4)} for code in model_codes(model)])
    return out


def model_codes(model: Any) -> list[str]:
    return list(model.cold.codes if isinstance(model, LearnedModel) else model.codes)
