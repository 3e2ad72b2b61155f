"""Indicator values, 95% Wilson intervals, weights and suppression on a small hand-counted fixture.

Runs on whichever database the test settings point at (SQLite by default, PostgreSQL with
KOZOMOL_DATABASE_URL); the expectations are worked out by hand in the comments.
"""

from __future__ import annotations

import pytest

from kozomol.analytics.schema import IndicatorSpec
from kozomol.analytics.selectors import IndicatorDef, indicator_result
from kozomol.analytics.tests.helpers import add_submission

pytestmark = pytest.mark.django_db


def _ind(spec: dict, key: str = "x") -> IndicatorDef:
    return IndicatorDef(key=key, title=key, spec=IndicatorSpec.model_validate(spec))


NO_PERMIT = {
    "source": "submissions",
    "breakdowns": ["country"],
    "measure": {"kind": "share", "question": "has_work_permit", "values": ["no"], "of": ["yes", "no"]},
}


@pytest.fixture
def fixture_campaign(world):
    c = world.campaign
    # Russia: 3 of 10 without a permit. Kazakhstan: 2 of 6, plus one who did not answer
    # and one rejected submission, neither of which counts.
    for i in range(10):
        add_submission(
            c,
            country="RU",
            gender="male" if i < 6 else "female",
            has_work_permit="no" if i < 3 else "yes",
            people_per_room=[2, 5, 6, 3, 4, 8, 1, 2, 3, 4][i],
            satisfaction=[1, 2, 2, 3, 3, 4, 4, 5, 5, 5][i],
        )
    for i in range(6):
        add_submission(
            c,
            country="KZ",
            gender="female" if i < 3 else "male",
            has_work_permit="no" if i < 2 else "yes",
            people_per_room=5,
        )
    add_submission(c, country="KZ", gender="male")
    add_submission(c, country="KZ", gender="male", has_work_permit="no", status="rejected")
    return c


def test_share_without_a_work_permit_with_wilson_interval(fixture_campaign) -> None:
    result = indicator_result(fixture_campaign, _ind(NO_PERMIT), filters={}, suppress=False)
    rows = {r.codes[0]: r for r in result.rows}
    assert result.unit == "%"
    ru, kz = rows["RU"], rows["KZ"]
    assert (ru.count, ru.respondents) == (3, 10)
    assert ru.value == pytest.approx(30.0)
    # Wilson, 3 of 10: 10.78% – 60.32%.
    assert ru.low == pytest.approx(10.78, abs=0.01)
    assert ru.high == pytest.approx(60.32, abs=0.01)
    # 2 of 6 (the unanswered and the rejected ones are out): 33.3%, Wilson 9.68% – 70.00%.
    assert (kz.count, kz.respondents) == (2, 6)
    assert kz.value == pytest.approx(100 / 3)
    assert kz.low == pytest.approx(9.68, abs=0.01)
    assert kz.high == pytest.approx(70.00, abs=0.01)


def test_threshold_share_mean_median_and_count(fixture_campaign) -> None:
    over4 = _ind(
        {
            "source": "submissions",
            "breakdowns": ["country"],
            "measure": {"kind": "share", "question": "people_per_room", "gt": 4},
        }
    )
    rows = {r.codes[0]: r for r in indicator_result(fixture_campaign, over4, filters={}, suppress=False).rows}
    # Russia: 5, 6 and 8 are above four: 3 of 10. Kazakhstan: all six live five to a room.
    assert (rows["RU"].count, rows["RU"].respondents) == (3, 10)
    assert rows["KZ"].value == pytest.approx(100.0)

    mean = _ind({"source": "submissions", "measure": {"kind": "mean", "question": "satisfaction"}})
    median = _ind({"source": "submissions", "measure": {"kind": "median", "question": "satisfaction"}})
    (m,) = indicator_result(fixture_campaign, mean, filters={}, suppress=False).rows
    (md,) = indicator_result(fixture_campaign, median, filters={}, suppress=False).rows
    assert m.value == pytest.approx(34 / 10)  # 1+2+2+3+3+4+4+5+5+5 = 34
    assert md.value == pytest.approx(3.5)  # the 5th and 6th values are 3 and 4
    assert m.respondents == 10

    count = _ind({"source": "submissions", "measure": {"kind": "count"}, "breakdowns": ["gender"]})
    rows = {
        r.codes[0]: r.value
        for r in indicator_result(fixture_campaign, count, filters={}, suppress=False).rows
    }
    # Rejected submissions are left out: 6 + 3 + 1 men, 4 + 3 women.
    assert rows == {"male": 10, "female": 7}


def test_filters_narrow_the_base(fixture_campaign) -> None:
    result = indicator_result(
        fixture_campaign, _ind(NO_PERMIT), filters={"country": ["KZ"], "gender": ["female"]}, suppress=False
    )
    (row,) = result.rows
    # Kazakhstan, women: the first three KZ submissions, two of them without a permit.
    assert (row.codes, row.count, row.respondents) == (("KZ",), 2, 3)


def test_cells_under_five_are_suppressed_outside_the_analysts_team(fixture_campaign) -> None:
    filters = {"country": ["KZ"], "gender": ["female"]}
    shown = indicator_result(fixture_campaign, _ind(NO_PERMIT), filters=filters, suppress=True)
    (row,) = shown.rows
    assert row.suppressed and row.value is None and row.low is None and row.count is None
    assert shown.suppressed_any
    # Six respondents is enough to show.
    rows = {
        r.codes[0]: r
        for r in indicator_result(fixture_campaign, _ind(NO_PERMIT), filters={}, suppress=True).rows
    }
    assert not rows["KZ"].suppressed and rows["KZ"].value == pytest.approx(100 / 3)


def test_survey_weights_change_the_share_and_widen_the_interval(world) -> None:
    c = world.campaign
    # Weights 1, 1, 2, 4; "no" for the first and the last: 5 of 8 weighted = 62.5% (unweighted 50%).
    for weight, answer in [(1, "no"), (1, "yes"), (2, "yes"), (4, "no")]:
        add_submission(c, country="RU", has_work_permit=answer, weight=weight)
    (row,) = indicator_result(c, _ind(NO_PERMIT), filters={}, suppress=False).rows
    assert row.value == pytest.approx(62.5)
    assert row.respondents == 4
    from kozomol.lib.stats import wilson

    low, high = wilson(0.625 * 64 / 22, 64 / 22)  # effective n = 8² / 22
    assert row.low == pytest.approx(100 * low) and row.high == pytest.approx(100 * high)


def test_month_with_legal_status_is_answered_from_a_stored_grain(fixture_campaign) -> None:
    spec = {
        "source": "submissions",
        "breakdowns": ["month"],
        "measure": {"kind": "share", "question": "has_work_permit", "values": ["no"], "of": ["yes", "no"]},
    }
    add_submission(fixture_campaign, country="RU", month=4, has_work_permit="no", legal_status="no_documents")
    add_submission(fixture_campaign, country="RU", month=4, has_work_permit="yes", legal_status="work_permit")
    rows = indicator_result(
        fixture_campaign, _ind(spec), filters={"legal_status": ["no_documents"]}, suppress=False
    ).rows
    assert [(r.codes, r.count, r.respondents) for r in rows] == [(("2024-04",), 1, 1)]
