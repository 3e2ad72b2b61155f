"""The cube's figures equal a plain SQL count over the source tables, before and after appends, edits, deletions."""

from __future__ import annotations

import pytest
from django.db import connection

from kozomol.analytics import synthetic
from kozomol.analytics.builtin import BUILTIN_INDICATORS
from kozomol.analytics.schema import IndicatorSpec
from kozomol.analytics.selectors import IndicatorDef, indicator_result
from kozomol.analytics.tests.helpers import add_submission

pytestmark = pytest.mark.django_db

SHARES = [
    (key, spec)
    for key, _ru, _ky, _en, spec in BUILTIN_INDICATORS
    if spec["source"] == "submissions"
    and spec["measure"]["kind"] == "share"
    and "values" in spec["measure"]
    and spec["breakdowns"] == ["country"]
]


def _answer(question: str) -> str:
    if connection.vendor == "postgresql":
        return f"(data ->> '{question}')"
    return f"json_extract(data, '$.{question}')"


def plain_share(
    campaign_id: int, question: str, values: list[str], of: list[str], country: str, gender: str | None = None
) -> tuple[int, int]:
    """(k, n) by plain SQL over the submissions table."""
    hit = ", ".join(f"'{v}'" for v in values)
    base = ", ".join(f"'{v}'" for v in of)
    sql = (
        f"SELECT SUM(CASE WHEN {_answer(question)} IN ({hit}) THEN 1 ELSE 0 END),"  # noqa: S608 - test constants
        f" SUM(CASE WHEN {_answer(question)} IN ({base}) THEN 1 ELSE 0 END)"
        " FROM submissions_submission WHERE campaign_id = %s AND status <> 'rejected' AND country_code = %s"
    )
    params: list = [campaign_id, country]
    if gender:
        sql += " AND gender = %s"
        params.append(gender)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        k, n = cursor.fetchone()
    return int(k or 0), int(n or 0)


def _check_all(campaign) -> None:
    for key, spec in SHARES:
        ind = IndicatorDef(key=key, title=key, spec=IndicatorSpec.model_validate(spec))
        m = spec["measure"]
        for filters, gender in (({}, None), ({"gender": ["female"]}, "female")):
            rows = {
                r.codes[0]: r for r in indicator_result(campaign, ind, filters=filters, suppress=False).rows
            }
            for country in ("RU", "KZ"):
                k, n = plain_share(campaign.pk, m["question"], m["values"], m["of"], country, gender)
                row = rows.get(country)
                got = (int(row.count or 0), row.respondents) if row else (0, 0)
                assert got == (k, n), (key, country, gender)


def test_cube_equals_plain_sql_on_synthetic_data(world) -> None:
    synthetic.generate(world.campaign, submissions=600, seed=11)
    _check_all(world.campaign)


def test_appends_edits_and_deletions_are_reflected(world) -> None:
    c = world.campaign
    synthetic.generate(c, submissions=200, seed=12)
    _check_all(c)
    # An append by another path (no signal needed: found by id).
    added = add_submission(c, country="KZ", gender="female", has_work_permit="no", has_written_contract="no")
    _check_all(c)
    # An edit and a deletion (signals mark the cube dirty; the next read rebuilds).
    added.data = {**added.data, "has_work_permit": "yes"}
    added.save()
    _check_all(c)
    from kozomol.submissions.models import Submission

    Submission.objects.filter(campaign=c, country_code="RU").first().delete()
    _check_all(c)


def test_appeals_counts_equal_plain_sql(world) -> None:
    c = world.campaign
    synthetic.generate(c, appeals=300, seed=13)
    spec = next(s for k, *_r, s in BUILTIN_INDICATORS if k == "appeals-by-violation")
    ind = IndicatorDef(key="a", title="a", spec=IndicatorSpec.model_validate(spec))
    got = {r.codes[0]: r.respondents for r in indicator_result(c, ind, filters={}, suppress=False).rows}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT v.code, COUNT(*) FROM cases_caseviolation v JOIN cases_case k ON k.id = v.case_id"
            " WHERE k.received_at >= %s AND k.received_at < %s GROUP BY v.code",
            ["2024-01-01", "2025-01-01"],
        )
        expected = dict(cursor.fetchall())
    assert got == expected
    assert sum(expected.values()) >= 300
