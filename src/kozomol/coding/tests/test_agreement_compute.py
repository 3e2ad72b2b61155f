"""Agreement maths checked against small examples computed by hand (worked in the comments)."""

from __future__ import annotations

from collections import Counter

import pytest

from kozomol.coding import agreement as ag


def test_kappa_and_alpha_of_two_coders_on_ten_characters():
    # Text of 10 characters. Coder A codes [0, 5), coder B codes [2, 7).
    # both: 2,3,4 → 3; A only: 0,1 → 2; B only: 5,6 → 2; neither: 7,8,9 → 3.
    # po = 6/10 = 0.6; pA = pB = 0.5; pe = 0.25 + 0.25 = 0.5; kappa = (0.6-0.5)/(1-0.5) = 0.2.
    # alpha: n = 20 values, 10 ones and 10 zeros; 4 disagreeing units each add 1·1/(2-1) = 1 → o01 = 4.
    # alpha = 1 - (n-1)·o01/(n1·n0) = 1 - 19·4/100 = 0.24.
    h = ag.character_masks(10, [[(0, 5)], [(2, 7)]])
    assert h == Counter({0b11: 3, 0b01: 2, 0b10: 2, 0b00: 3})
    assert ag.cohen_kappa(h) == pytest.approx(0.2)
    assert ag.krippendorff_alpha(h, 2) == pytest.approx(0.24)
    assert ag.percent_agreement(h, 2) == pytest.approx(0.6)


def test_kappa_with_unequal_marginals():
    # 20 units: both 1 on 4, A only 6, B only 0, neither 10.
    # po = 14/20 = 0.7; pA = 10/20 = 0.5; pB = 4/20 = 0.2; pe = 0.5·0.2 + 0.5·0.8 = 0.5; kappa = 0.2/0.5 = 0.4.
    # alpha: ones = 10 + 4 = 14, zeros = 26, n = 40, o01 = 6 → 1 - 39·6/(14·26) = 1 - 234/364 = 0.357142…
    h = Counter({0b11: 4, 0b01: 6, 0b00: 10})
    assert ag.cohen_kappa(h) == pytest.approx(0.4)
    assert ag.krippendorff_alpha(h, 2) == pytest.approx(1 - 234 / 364)


def test_alpha_of_three_coders():
    # 4 sentences, three coders: (1,1,1), (1,1,0), (0,0,0), (1,0,0).
    # ones = 3+2+0+1 = 6, zeros = 6, n = 12.
    # o01 = Σ k(3-k)/2 = 0 + 2·1/2 + 0 + 1·2/2 = 2. alpha = 1 - 11·2/(6·6) = 1 - 22/36 = 0.3888…
    h = Counter({0b111: 1, 0b011: 1, 0b000: 1, 0b001: 1})
    assert ag.krippendorff_alpha(h, 3) == pytest.approx(1 - 22 / 36)
    # Pairwise kappas: (A,B): units (1,1),(1,1),(0,0),(1,0) → po .75, pA .75, pB .5, pe .375+.125=.5 → .5
    # (A,C): (1,1),(1,0),(0,0),(1,0) → po .5, pA .75, pC .25, pe .1875+.1875=.375 → .2
    # (B,C): (1,1),(1,0),(0,0),(0,0) → po .75, pB .5, pC .25, pe .125+.375=.5 → .5 ; mean = 0.4
    assert ag.mean_pairwise_kappa(h, 3) == pytest.approx(0.4)


def test_perfect_agreement_gives_one_and_no_variation_is_undefined():
    h = ag.character_masks(8, [[(1, 3)], [(1, 3)]])
    assert ag.cohen_kappa(h) == pytest.approx(1.0)
    assert ag.krippendorff_alpha(h, 2) == pytest.approx(1.0)
    nothing = ag.character_masks(8, [[], []])
    assert ag.cohen_kappa(nothing) is None
    assert ag.krippendorff_alpha(nothing, 2) is None


def test_sentence_units_count_a_sentence_when_a_passage_touches_it():
    sentences = [(0, 10), (11, 20), (21, 30)]
    # A marks sentence 1 and 2 (passage crosses the boundary); B marks sentence 2 only.
    h = ag.sentence_masks(sentences, [[(5, 15)], [(12, 14)]])
    assert h == Counter({0b01: 1, 0b11: 1, 0b00: 1})


def test_overlapping_passages_of_one_coder_are_not_counted_twice():
    h = ag.character_masks(10, [[(0, 4), (2, 6)], [(0, 6)]])
    assert h == Counter({0b11: 6, 0b00: 4})


def test_disagreement_segments_name_who_coded_what():
    runs = ag.disagreement_segments(20, [[(0, 10)], [(5, 15)]])
    assert runs == [(0, 5, 0b01), (10, 15, 0b10)]
