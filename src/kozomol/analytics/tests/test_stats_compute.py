"""Wilson intervals, weighted shares, medians and suppression against hand-computed values."""

from __future__ import annotations

import math

import pytest

from kozomol.lib import stats


def test_wilson_matches_the_hand_computed_interval_for_3_of_10() -> None:
    # p = 0.3, z = 1.96: centre = (0.3 + 0.19208) / 1.38416 = 0.35551;
    # half = 1.96 * sqrt(0.021 + 0.009604) / 1.38416 = 0.24775.
    low, high = stats.wilson(3, 10)
    assert low == pytest.approx(0.10779, abs=1e-4)
    assert high == pytest.approx(0.60322, abs=1e-4)


def test_wilson_stays_inside_0_1_at_the_edges() -> None:
    low, high = stats.wilson(0, 7)
    assert low == 0.0
    assert high == pytest.approx(1.96**2 / 7 / (1 + 1.96**2 / 7), abs=1e-3)
    low, high = stats.wilson(7, 7)
    assert high == 1.0
    assert 0.6 < low < 0.7


def test_share_of_nobody_has_no_value() -> None:
    s = stats.share(0, 0)
    assert s.p is None and s.low is None


def test_weighted_share_uses_the_effective_sample_size() -> None:
    # Weights 1, 1, 2, 4; successes are the first and the last: k_w = 5, n_w = 8, p = 0.625.
    # n_eff = 8² / (1 + 1 + 4 + 16) = 64 / 22 = 2.909.
    s = stats.weighted_share_of([(True, 1), (False, 1), (False, 2), (True, 4)])
    assert s.p == pytest.approx(0.625)
    assert s.respondents == 4
    low, high = stats.wilson(0.625 * 64 / 22, 64 / 22)
    assert (s.low, s.high) == (pytest.approx(low), pytest.approx(high))
    assert stats.effective_n(8, 22) == pytest.approx(2.909, abs=1e-3)


def test_weights_must_be_positive() -> None:
    with pytest.raises(ValueError):
        stats.weighted_share_of([(True, 0)])


def test_median_and_mean_of_a_distribution() -> None:
    assert stats.median_of([(1, 1), (2, 1), (3, 1)]) == 2
    assert stats.median_of([(1, 1), (2, 1), (3, 1), (10, 1)]) == 2.5
    assert stats.median_of([(5, 3), (60, 1)]) == 5
    assert stats.mean_of([(1, 1), (2, 1), (3, 2)]) == pytest.approx(9 / 4)
    assert stats.median_of([]) is None


def test_cells_of_one_to_four_people_are_suppressed_but_not_empty_ones() -> None:
    assert [stats.is_suppressed(n) for n in (0, 1, 4, 5, 100)] == [False, True, True, False, False]
    hidden = stats.suppress(stats.share(1, 4))
    assert hidden.suppressed and hidden.p is None
    assert stats.suppress(stats.share(1, 5)).p == pytest.approx(0.2)
    assert stats.suppress_count(3) is None and stats.suppress_count(5) == 5
    assert not math.isnan(stats.share(2, 5).low or 0)
