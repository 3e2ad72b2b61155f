"""Inter-coder agreement: Cohen's kappa and Krippendorff's alpha over characters or sentences.

Units. A *character* unit is one character of a document; a *sentence* unit is
one sentence (see :func:`kozomol.coding.text.sentence_spans`). For each code,
each coder gives each unit a binary value: 1 if one of their passages with that
code covers the character (overlaps the sentence), 0 otherwise. Only documents
that every compared coder has coded (at least one passage of any code) count:
a document nobody opened says nothing about agreement.

Cohen's kappa needs exactly two coders; with more, the mean of pairwise kappas
is reported. Krippendorff's alpha (nominal, no missing values) takes any number
of coders. "Overall" pools the units of every code (a unit is a (code, unit)
pair).

The counting is done on a histogram of coder sets: for every unit, the set of
coders who said 1, as a bit mask. Characters are swept as segments, so a long
transcript costs as much as its number of passage boundaries, not its length.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import combinations

CHARACTER = "character"
SENTENCE = "sentence"
UNITS = (CHARACTER, SENTENCE)


def _union(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def character_masks(length: int, spans_by_coder: Sequence[Iterable[tuple[int, int]]]) -> Counter[int]:
    """How many characters of a text of ``length`` each set of coders (bit mask) covered."""
    events: list[tuple[int, int, int]] = []  # (position, +1/-1, coder index)
    for index, spans in enumerate(spans_by_coder):
        for start, end in _union(spans):
            start, end = max(0, start), min(length, end)
            if start < end:
                events.append((start, 1, index))
                events.append((end, -1, index))
    events.sort()
    histogram: Counter[int] = Counter()
    mask = 0
    position = 0
    for point, delta, index in events:
        if point > position:
            histogram[mask] += point - position
            position = point
        mask = mask | (1 << index) if delta > 0 else mask & ~(1 << index)
    if length > position:
        histogram[mask] += length - position
    return histogram


def sentence_masks(
    sentences: Sequence[tuple[int, int]], spans_by_coder: Sequence[Iterable[tuple[int, int]]]
) -> Counter[int]:
    """How many sentences each set of coders (bit mask) marked; a passage marks every sentence it overlaps."""
    histogram: Counter[int] = Counter()
    coder_spans = [_union(spans) for spans in spans_by_coder]
    for s_start, s_end in sentences:
        mask = 0
        for index, spans in enumerate(coder_spans):
            if any(start < s_end and end > s_start for start, end in spans):
                mask |= 1 << index
        histogram[mask] += 1
    return histogram


def cohen_kappa(histogram: Counter[int], a: int = 0, b: int = 1) -> float | None:
    """Cohen's kappa of coders ``a`` and ``b`` (indices) on binary units; None when undefined."""
    n = sum(histogram.values())
    if n == 0:
        return None
    both = only_a = only_b = 0
    for mask, count in histogram.items():
        in_a, in_b = bool(mask >> a & 1), bool(mask >> b & 1)
        if in_a and in_b:
            both += count
        elif in_a:
            only_a += count
        elif in_b:
            only_b += count
    neither = n - both - only_a - only_b
    observed = (both + neither) / n
    p_a, p_b = (both + only_a) / n, (both + only_b) / n
    expected = p_a * p_b + (1 - p_a) * (1 - p_b)
    if expected >= 1.0:
        return None  # both coders used one value only: kappa is undefined
    return (observed - expected) / (1 - expected)


def mean_pairwise_kappa(histogram: Counter[int], coders: int) -> float | None:
    values = [k for a, b in combinations(range(coders), 2) if (k := cohen_kappa(histogram, a, b)) is not None]
    return sum(values) / len(values) if values else None


def krippendorff_alpha(histogram: Counter[int], coders: int) -> float | None:
    """Krippendorff's alpha, nominal data, every unit valued by all ``coders``; None when undefined."""
    if coders < 2:
        return None
    ones = zeros = 0
    disagreement = 0.0  # o_01: off-diagonal coincidences
    for mask, count in histogram.items():
        k = bin(mask).count("1")
        ones += k * count
        zeros += (coders - k) * count
        disagreement += count * k * (coders - k) / (coders - 1)
    n = ones + zeros
    if ones == 0 or zeros == 0:
        return None  # a single value was ever used: no variation to agree on
    return 1.0 - (n - 1) * disagreement / (ones * zeros)


def percent_agreement(histogram: Counter[int], coders: int) -> float | None:
    n = sum(histogram.values())
    if n == 0:
        return None
    full = (1 << coders) - 1
    return (histogram.get(0, 0) + histogram.get(full, 0)) / n


@dataclass
class Agreement:
    label: str
    units: int
    kappa: float | None
    alpha: float | None
    percent: float | None
    histogram: Counter[int] = field(default_factory=Counter, repr=False)


def summarise(label: str, histogram: Counter[int], coders: int) -> Agreement:
    kappa = cohen_kappa(histogram) if coders == 2 else mean_pairwise_kappa(histogram, coders)
    return Agreement(
        label=label,
        units=sum(histogram.values()),
        kappa=kappa,
        alpha=krippendorff_alpha(histogram, coders),
        percent=percent_agreement(histogram, coders),
        histogram=histogram,
    )


def disagreement_segments(
    length: int, spans_by_coder: Sequence[Iterable[tuple[int, int]]]
) -> list[tuple[int, int, int]]:
    """``(start, end, mask)`` runs of characters where some but not all coders applied the code."""
    full = (1 << len(spans_by_coder)) - 1
    boundaries = {0, length}
    unions = [_union(spans) for spans in spans_by_coder]
    for spans in unions:
        for start, end in spans:
            boundaries.update((max(0, start), min(length, end)))
    points = sorted(boundaries)
    runs: list[tuple[int, int, int]] = []
    for start, end in zip(points, points[1:], strict=False):
        if start >= end:
            continue
        mask = 0
        for index, spans in enumerate(unions):
            if any(s <= start and e >= end for s, e in spans):
                mask |= 1 << index
        if mask in (0, full):
            continue
        if runs and runs[-1][1] == start and runs[-1][2] == mask:
            runs[-1] = (runs[-1][0], end, mask)
        else:
            runs.append((start, end, mask))
    return runs
