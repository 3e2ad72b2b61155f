"""Small statistics for monitoring figures: shares with Wilson intervals, weights, suppression.

Pure functions, no Django. Shares are reported with the 95% Wilson score
interval because monitoring samples are small and shares are often near 0 or
1, where the normal ("Wald") interval leaves [0, 1] or collapses to a point.
With survey weights, the interval uses Kish's effective sample size
``(Σw)² / Σw²``, the usual design-effect correction.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

Z95 = 1.959963984540054
SUPPRESSION_THRESHOLD = 5  # cells with fewer respondents are hidden outside the analysts' team


@dataclass(frozen=True)
class Share:
    """``k`` of ``n`` (weighted when ``weighted``), as a proportion with its interval."""

    k: float  # numerator (weighted sum when weighted)
    n: float  # denominator (weighted sum when weighted)
    respondents: int  # unweighted number of respondents in the denominator
    p: float | None
    low: float | None
    high: float | None
    weighted: bool = False
    suppressed: bool = False

    @property
    def percent(self) -> float | None:
        return None if self.p is None else 100.0 * self.p


def wilson(k: float, n: float, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval for ``k`` successes in ``n`` trials (``n`` may be fractional)."""
    if n <= 0:
        raise ValueError("n must be positive")
    if k < 0 or k > n:
        raise ValueError("k must be between 0 and n")
    p = k / n
    z2 = z * z
    denom = 1.0 + z2 / n
    centre = (p + z2 / (2.0 * n)) / denom
    half = z * math.sqrt(p * (1.0 - p) / n + z2 / (4.0 * n * n)) / denom
    low, high = max(0.0, centre - half), min(1.0, centre + half)
    # At the edges the bounds are exactly 0 and 1 (rounding would leave 1e-17).
    if k == 0:
        low = 0.0
    if k == n:
        high = 1.0
    return low, high


def effective_n(sum_w: float, sum_w2: float) -> float:
    """Kish's effective sample size of weights with sum ``sum_w`` and sum of squares ``sum_w2``."""
    if sum_w2 <= 0:
        return 0.0
    return sum_w * sum_w / sum_w2


def share(k: int, n: int) -> Share:
    """An unweighted share ``k / n`` with its 95% Wilson interval (``p`` is None when ``n`` is 0)."""
    if n <= 0:
        return Share(k=k, n=n, respondents=n, p=None, low=None, high=None)
    low, high = wilson(k, n)
    return Share(k=k, n=n, respondents=n, p=k / n, low=low, high=high)


def weighted_share(*, k_w: float, n_w: float, n_w2: float, respondents: int) -> Share:
    """A weighted share: ``k_w`` and ``n_w`` are sums of weights, ``n_w2`` the sum of squared weights.

    The interval is Wilson's at the effective sample size, applied to the weighted proportion.
    """
    if n_w <= 0 or respondents <= 0:
        return Share(k=k_w, n=n_w, respondents=respondents, p=None, low=None, high=None, weighted=True)
    p = min(1.0, max(0.0, k_w / n_w))
    n_eff = effective_n(n_w, n_w2)
    low, high = wilson(p * n_eff, n_eff)
    return Share(k=k_w, n=n_w, respondents=respondents, p=p, low=low, high=high, weighted=True)


def weighted_share_of(values: Iterable[tuple[bool, float]]) -> Share:
    """A weighted share from ``(is_success, weight)`` pairs (weights must be positive)."""
    k_w = n_w = n_w2 = 0.0
    respondents = 0
    for hit, weight in values:
        if weight <= 0:
            raise ValueError("weights must be positive")
        respondents += 1
        n_w += weight
        n_w2 += weight * weight
        if hit:
            k_w += weight
    return weighted_share(k_w=k_w, n_w=n_w, n_w2=n_w2, respondents=respondents)


def is_suppressed(respondents: int, threshold: int = SUPPRESSION_THRESHOLD) -> bool:
    """Whether a cell of ``respondents`` people is too small to show outside the analysts' team.

    Empty cells are not suppressed: there is nobody to identify.
    """
    return 0 < respondents < threshold


def suppress(value: Share, threshold: int = SUPPRESSION_THRESHOLD) -> Share:
    """``value`` with its figures removed when its cell is too small."""
    if not is_suppressed(value.respondents, threshold):
        return value
    return Share(
        k=0,
        n=0,
        respondents=value.respondents,
        p=None,
        low=None,
        high=None,
        weighted=value.weighted,
        suppressed=True,
    )


def suppress_count(count: int, threshold: int = SUPPRESSION_THRESHOLD) -> int | None:
    """A count, or None when it is too small to show outside the analysts' team."""
    return None if is_suppressed(count, threshold) else count


def mean_of(distribution: Iterable[tuple[float, float]]) -> float | None:
    """The mean of ``(value, frequency)`` pairs (frequencies may be weights)."""
    total = acc = 0.0
    for value, freq in distribution:
        total += freq
        acc += value * freq
    return None if total <= 0 else acc / total


def median_of(distribution: Iterable[tuple[float, float]]) -> float | None:
    """The median of ``(value, frequency)`` pairs: the midpoint of the two middle values when even."""
    pairs = sorted((v, f) for v, f in distribution if f > 0)
    total = sum(f for _, f in pairs)
    if total <= 0:
        return None
    half = total / 2.0
    running = 0.0
    for i, (value, freq) in enumerate(pairs):
        running += freq
        if running > half:
            return value
        if running == half:
            # An even split between this value and the next one.
            nxt = pairs[i + 1][0] if i + 1 < len(pairs) else value
            return (value + nxt) / 2.0
    return pairs[-1][0]
