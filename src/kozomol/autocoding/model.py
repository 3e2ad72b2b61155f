"""The auto-coder's two models, pure Python + numpy (no Django, no downloads).

**Cold start** (:class:`ColdStartModel`): for every top-level code a weighted
set of lemmas, taken from the codebook's Russian labels, definitions, "when to
use" notes and examples (the code's and its sub-codes'), widened by the theme
thesaurus of :mod:`kozomol.autocoding.lexicon` and by derivational families
(:func:`kozomol.lib.russian.derivational_family`, so "задержали" meets the
codebook's "задержание"). A codebook word found under several codes is worth
less (its weight is divided by the number of codes using it); words that say
nothing about a theme are dropped. A passage's evidence for a code is the sum
of the weights of its distinct lemmas, saturating, and the score is a logistic
curve of it: one theme word (weight ≈ 1.2) gives ≈ 0.6, two give > 0.9, an
unrelated passage stays near 0.

**Learned** (:class:`LearnedModel`): per code, an L2-regularised logistic
regression over binary lemma features plus the cold-start evidence, trained on
the campaign's coded passages (positives: passages with the code or one of its
sub-codes; negatives: passages with other codes, uncoded sentences of coded
documents and rejected suggestions). Its probability is blended with the
cold-start score in proportion to how many examples the code has, so a code
with three examples still leans on the codebook.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from kozomol.autocoding.lexicon import GENERIC, THEME_WORDS
from kozomol.lib.russian import derivational_family, is_content_word, is_theme_word, lemma, lemmas

THRESHOLD = 0.5
# Logistic calibration of the cold-start evidence: score = σ(SLOPE · (evidence − MIDPOINT)).
SLOPE = 3.2
MIDPOINT = 1.05
CODEBOOK_WEIGHT = 0.55  # a word of the definitions or examples, before sharing between codes
LABEL_WEIGHT = 0.9  # a word of the label or the "when to use" note
DERIVED_FACTOR = 0.8
MAX_FEATURES = 3000
BLEND_EXAMPLES = 15  # with this many positive examples the learned model has half the say


def sigmoid(x: float) -> float:
    if x < -30:
        return 0.0
    if x > 30:
        return 1.0
    return 1.0 / (1.0 + math.exp(-x))


@dataclass
class CodeText:
    """What the codebook says about one top-level code (its sub-codes' texts included)."""

    identifier: str
    labels: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # definitions
    examples: list[str] = field(default_factory=list)


def code_texts_from_default_codebook(rows: Iterable[Mapping[str, Any]]) -> list[CodeText]:
    """From :data:`kozomol.coding.default_codebook.DEFAULT_CODEBOOK` rows (parents before children)."""
    by_id: dict[str, CodeText] = {}
    parents: dict[str, str | None] = {}
    for row in rows:
        parents[row["identifier"]] = row.get("parent") or None
        top = row["identifier"]
        while parents.get(top):
            top = parents[top]  # type: ignore[assignment]
        entry = by_id.setdefault(top, CodeText(identifier=top))
        entry.labels += [row.get("label_ru", ""), row.get("inclusion", "")]
        entry.notes.append(row.get("definition_ru", ""))
        entry.examples += list(row.get("examples_ru") or [])
    return list(by_id.values())


def code_texts_from_codes(codes: Iterable[Any]) -> list[CodeText]:
    """From ``coding.Code`` objects of one campaign (any depth); grouped under their top-level code."""
    codes = list(codes)
    by_pk = {c.pk: c for c in codes}
    by_id: dict[str, CodeText] = {}
    for code in sorted(codes, key=lambda c: (c.parent_id is not None, c.position, c.identifier)):
        top = code
        while top.parent_id and top.parent_id in by_pk:
            top = by_pk[top.parent_id]
        entry = by_id.setdefault(top.identifier, CodeText(identifier=top.identifier))
        entry.labels += [code.label_ru, code.inclusion]
        entry.notes.append(code.definition_ru)
        entry.examples += [line.strip() for line in code.examples.splitlines() if line.strip()]
    return list(by_id.values())


def with_parts(ordered: Sequence[str]) -> set[str]:
    """The lemmas, and the lemmas of the parts of hyphenated words ("юрист-женщина" → "женщина")."""
    words = set(ordered)
    for word in ordered:
        if "-" in word:
            words.update(lemma(part) for part in word.split("-") if len(part) > 2)
    return words


class ColdStartModel:
    def __init__(
        self, code_texts: Sequence[CodeText], *, thesaurus: Mapping[str, Mapping[str, float]] = THEME_WORDS
    ):
        self.codes = [c.identifier for c in code_texts]
        raw: dict[str, dict[str, float]] = {}
        for entry in code_texts:
            weights: dict[str, float] = {}
            for texts, weight in (
                (entry.labels, LABEL_WEIGHT),
                (entry.notes + entry.examples, CODEBOOK_WEIGHT),
            ):
                for text in texts:
                    for word in lemmas(text):
                        if (
                            word in GENERIC
                            or not is_content_word(word)
                            or len(word) < 3
                            or not is_theme_word(word)
                        ):
                            continue
                        weights[word] = max(weights.get(word, 0.0), weight)
            raw[entry.identifier] = weights
        # A codebook word several codes use tells them apart less.
        spread = Counter(word for weights in raw.values() for word in weights)
        self.weights: dict[str, dict[str, float]] = {}
        for code, weights in raw.items():
            final = {word: w / spread[word] for word, w in weights.items()}
            for word, w in (thesaurus.get(code) or {}).items():
                for part in [lemma(word)] if " " not in word else [" ".join(lemma(t) for t in word.split())]:
                    final[part] = max(final.get(part, 0.0), w)
            expanded = dict(final)
            for word, w in final.items():
                for related in derivational_family(word) - {word}:
                    expanded[related] = max(expanded.get(related, 0.0), w * DERIVED_FACTOR)
            self.weights[code] = expanded

    def evidence(
        self, words: set[str], text_lemmas: Sequence[str] | None = None
    ) -> dict[str, tuple[float, list[str]]]:
        """Per code: (evidence, the matching lemmas, strongest first)."""
        bigrams = set()
        if text_lemmas:
            bigrams = {f"{a} {b}" for a, b in zip(text_lemmas, text_lemmas[1:], strict=False)}
        result = {}
        for code in self.codes:
            table = self.weights[code]
            matched = [(table[w], w) for w in words | bigrams if w in table]
            matched.sort(reverse=True)
            # Saturating sum: the third and later words add less, so a long passage
            # full of weak words does not outscore one clear statement.
            total = 0.0
            for rank, (w, _) in enumerate(matched):
                total += w if rank < 2 else w * 0.5
            result[code] = (total, [w for _, w in matched])
        return result

    def score(self, text: str) -> dict[str, tuple[float, list[str]]]:
        ordered = lemmas(text)
        found = self.evidence(with_parts(ordered), ordered)
        return {code: (sigmoid(SLOPE * (ev - MIDPOINT)), terms) for code, (ev, terms) in found.items()}


# --- learned model ------------------------------------------------------------


@dataclass
class Unit:
    """A piece of text and the top-level codes it carries (empty: coded with nothing)."""

    text: str
    codes: set[str]
    key: str = ""  # e.g. "doc:12:40-120", for the held-out split and nearest examples
    document_id: int | None = None


def _train_logistic(
    x: Any, y: Any, *, l2: float = 1.0, epochs: int = 250, rate: float = 0.5
) -> tuple[Any, Any]:
    """Independent logistic regressions, one per column of ``y`` (n × codes), trained together."""
    import numpy as np

    n, d = x.shape
    codes = y.shape[1]
    w = np.zeros((d, codes), dtype=np.float32)
    b = np.zeros(codes, dtype=np.float32)
    pos = np.maximum(1.0, y.sum(axis=0))
    neg = np.maximum(1.0, n - y.sum(axis=0))
    # Balance the classes: a code with few examples is not drowned by the negatives.
    sample_weight = np.where(y > 0, n / (2 * pos), n / (2 * neg)).astype(np.float32)
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w + b, -30, 30)))
        g = (p - y) * sample_weight
        w -= rate * ((x.T @ g) / n + l2 * w / n)
        b -= rate * g.mean(axis=0)
    return w, b


class LearnedModel:
    """One logistic regression per code, blended with the cold start."""

    def __init__(self, cold: ColdStartModel, params: Mapping[str, Any] | None = None) -> None:
        self.cold = cold
        self.params: dict[str, Any] = dict(params or {})

    @classmethod
    def train(cls, cold: ColdStartModel, units: Sequence[Unit], *, min_df: int = 2) -> LearnedModel:
        import numpy as np

        unit_lemmas = [lemmas(u.text) for u in units]
        df = Counter(w for ls in unit_lemmas for w in set(ls))
        vocab = sorted(w for w, c in df.items() if c >= min_df)
        if len(vocab) > MAX_FEATURES:
            vocab = sorted(sorted(vocab, key=lambda w: -df[w])[:MAX_FEATURES])
        index = {w: i for i, w in enumerate(vocab)}
        codes = list(cold.codes)
        n = len(units)
        x = np.zeros((n, len(vocab) + len(codes)), dtype=np.float32)
        for row, ls in enumerate(unit_lemmas):
            for w in set(ls):
                if w in index:
                    x[row, index[w]] = 1.0
            ev = cold.evidence(with_parts(ls), ls)
            for j, code in enumerate(codes):
                x[row, len(vocab) + j] = ev[code][0]
        y = np.array([[1.0 if code in u.codes else 0.0 for code in codes] for u in units], dtype=np.float32)
        w, b = _train_logistic(x, y)
        per_code: dict[str, Any] = {}
        for j, code in enumerate(codes):
            positives = int(y[:, j].sum())
            if positives == 0 or positives == n:
                per_code[code] = {"positives": positives, "weights": {}, "bias": 0.0, "cold_weights": {}}
                continue
            column = w[:, j]
            per_code[code] = {
                "positives": positives,
                "weights": {
                    vocab[i]: round(float(column[i]), 5) for i in range(len(vocab)) if abs(column[i]) > 1e-4
                },
                "bias": float(b[j]),
                "cold_weights": {c: float(column[len(vocab) + k]) for k, c in enumerate(codes)},
            }
        return cls(cold, {"codes": per_code, "units": n})

    def score(self, text: str) -> dict[str, tuple[float, list[str]]]:
        ordered = lemmas(text)
        words = with_parts(ordered)
        evidence = self.cold.evidence(words, ordered)
        result = {}
        for code in self.cold.codes:
            cold_ev, terms = evidence[code]
            cold_p = sigmoid(SLOPE * (cold_ev - MIDPOINT))
            spec = self.params.get("codes", {}).get(code)
            if not spec or not spec.get("weights"):
                result[code] = (cold_p, terms)
                continue
            z = spec["bias"] + sum(spec["weights"].get(w, 0.0) for w in words)
            z += sum(spec["cold_weights"].get(c, 0.0) * evidence[c][0] for c in self.cold.codes)
            learned_p = sigmoid(z)
            share = spec["positives"] / (spec["positives"] + BLEND_EXAMPLES)
            learned_terms = sorted(
                (w for w in words if spec["weights"].get(w, 0.0) > 0.05), key=lambda w: -spec["weights"][w]
            )
            merged = list(dict.fromkeys(terms + learned_terms))
            result[code] = (share * learned_p + (1 - share) * cold_p, merged)
        return result


# --- evaluation ---------------------------------------------------------------


def evaluate(model: Any, units: Sequence[Unit], codes: Sequence[str]) -> dict[str, Any]:
    """Precision, recall and F1 per code at :data:`THRESHOLD`, and micro/macro averages."""
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    for unit in units:
        scores = model.score(unit.text)
        for code in codes:
            predicted = scores[code][0] >= THRESHOLD
            actual = code in unit.codes
            if predicted and actual:
                counts[code][0] += 1
            elif predicted:
                counts[code][1] += 1
            elif actual:
                counts[code][2] += 1
    per_code = {}
    for code in codes:
        tp, fp, fn = counts[code]
        per_code[code] = _prf(tp, fp, fn)
    tp = sum(c[0] for c in counts.values())
    fp = sum(c[1] for c in counts.values())
    fn = sum(c[2] for c in counts.values())
    supported = [per_code[c] for c in codes if per_code[c]["support"] > 0]
    macro = sum(m["f1"] for m in supported) / len(supported) if supported else 0.0
    return {"per_code": per_code, "micro": _prf(tp, fp, fn), "macro_f1": round(macro, 4), "units": len(units)}


def _prf(tp: int, fp: int, fn: int) -> dict[str, Any]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "support": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def held_out(key: str, *, percent: int = 25) -> bool:
    """Deterministic split: the same unit is always on the same side."""
    import hashlib

    return int(hashlib.sha256(key.encode()).hexdigest()[:8], 16) % 100 < percent
