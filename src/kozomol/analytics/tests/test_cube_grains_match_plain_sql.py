"""Every grain of the cube answers the filter and breakdown combinations the dashboard offers with the
numbers of a plain SQL count; edits and deletions correct the cells without a recount.

Runs on SQLite and, with KOZOMOL_DATABASE_URL, on PostgreSQL.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from django.db import connection

from kozomol.analytics import cube, synthetic
from kozomol.analytics.models import Cell, CubeState
from kozomol.analytics.schema import DIMENSION_COLUMN, IndicatorSpec
from kozomol.analytics.selectors import IndicatorDef, filter_options, indicator_result
from kozomol.analytics.tests.helpers import add_submission

pytestmark = pytest.mark.django_db

NO_CONTRACT = IndicatorDef(
    key="no-contract",
    title="no contract",
    spec=IndicatorSpec.model_validate(
        {
            "source": "submissions",
            "measure": {
                "kind": "share",
                "question": "has_written_contract",
                "values": ["no"],
                "of": ["yes", "no"],
            },
            "breakdowns": ["country"],
        }
    ),
)

# Breakdown, filters and the grain that must answer them (the smallest that keeps every dimension).
COMBINATIONS = [
    ("country", {"gender": ["female"]}, 3),
    ("age_band", {"legal_status": ["no_documents"]}, 0),
    ("month", {"country": ["KZ"]}, 1),
    ("month", {"sector": ["trade"]}, 4),
    ("legal_status", {"month": ["2024-03"]}, 4),
    ("month", {"legal_status": ["no_documents"], "city": ["ALMATY"]}, 2),
    ("month", {"legal_status": ["no_documents"], "age_band": ["25_34"]}, 2),
    ("age_band", {"sector": ["trade"], "month": ["2024-03", "2024-04"]}, 2),
]


def _answer(question: str) -> str:
    if connection.vendor == "postgresql":
        return f"(data ->> '{question}')"
    return f"json_extract(data, '$.{question}')"


def _column(dim: str) -> str:
    """A dimension as plain SQL reads it from the submissions table (answers for those not in columns)."""
    if dim in ("age_band", "legal_status", "sector"):
        return _answer(dim)
    if dim == "month":
        # Synthetic times fall on the same calendar day in UTC and in the local zones.
        if connection.vendor == "postgresql":
            return "to_char(submitted_at AT TIME ZONE 'UTC', 'YYYY-MM')"
        return "strftime('%Y-%m', submitted_at)"
    return DIMENSION_COLUMN[dim]


def plain_counts(campaign_id: int, by: str, filters: dict[str, list[str]]) -> dict[str, tuple[int, int]]:
    """(without a contract, answered yes or no) per value of ``by``, by plain SQL."""
    where = ["campaign_id = %s", "status <> 'rejected'"]
    params: list = [campaign_id]
    for dim, values in filters.items():
        where.append(f"{_column(dim)} IN ({', '.join(['%s'] * len(values))})")
        params.extend(int(v) if dim == "city" else v for v in values)
    answer = _answer("has_written_contract")
    sql = (
        f"SELECT {_column(by)}, SUM(CASE WHEN {answer} = 'no' THEN 1 ELSE 0 END),"  # noqa: S608 - test constants
        f" SUM(CASE WHEN {answer} IN ('yes', 'no') THEN 1 ELSE 0 END)"
        f" FROM submissions_submission WHERE {' AND '.join(where)} GROUP BY {_column(by)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {str(code or ""): (int(k), int(n)) for code, k, n in cursor.fetchall() if n}


def _cube_counts(campaign, by: str, filters: dict[str, list[str]]) -> dict[str, tuple[int, int]]:
    result = indicator_result(campaign, NO_CONTRACT, filters=filters, suppress=False, breakdowns=[by])
    return {
        (r.codes[0] if r.codes[0] != "0" else ""): (int(r.count or 0), r.respondents)
        for r in result.rows
        if r.respondents
    }


def _check(campaign) -> None:
    from kozomol.places.models import Location

    almaty = str(Location.objects.get(code="KZ-almaty").pk)
    for by, filters, grain in COMBINATIONS:
        filters = {d: [almaty if v == "ALMATY" else v for v in vs] for d, vs in filters.items()}
        touched = {DIMENSION_COLUMN[by], *(DIMENSION_COLUMN[d] for d in filters)}
        assert cube.grain_for(touched) == grain, (by, filters)
        assert _cube_counts(campaign, by, filters) == plain_counts(campaign.pk, by, filters), (by, filters)


def test_every_grain_answers_with_the_numbers_of_plain_sql(world) -> None:
    synthetic.generate(world.campaign, submissions=1500, seed=31)
    _check(world.campaign)
    # The full grain is stored, not folded from the submissions on a read.
    assert Cell.objects.filter(campaign=world.campaign, source="submissions", grain=2).exists()


def test_edits_and_deletions_correct_the_cells_without_a_recount(world) -> None:
    from kozomol.submissions.models import Submission

    c = world.campaign
    synthetic.generate(c, submissions=400, seed=32)
    _check(c)
    built = CubeState.objects.get(campaign=c, source="submissions").built_at

    # A reviewer rejects one submission, another's answers are corrected, a third is deleted.
    subs = list(
        Submission.objects.filter(campaign=c, country_code="KZ", form__form_id__contains="migrant")[:3]
    )
    subs[0].status = "rejected"
    subs[0].save()
    subs[1].data = {**subs[1].data, "has_written_contract": "yes", "legal_status": "no_documents"}
    subs[1].save()
    subs[2].delete()
    # A submission with an answer nobody else gave, then deleted: its value leaves the filters.
    odd = add_submission(c, country="KZ", legal_status="stateless_person", has_written_contract="no")
    indicator_result(c, NO_CONTRACT, filters={}, suppress=False)  # folded in by id
    assert "stateless_person" in dict(filter_options(c)["legal_status"])
    odd.delete()

    _check(c)
    state = CubeState.objects.get(campaign=c, source="submissions")
    assert state.built_at == built and not state.dirty  # corrected in place, never recounted
    assert "stateless_person" not in dict(filter_options(c)["legal_status"])
    assert not Cell.objects.filter(campaign=c, n__lte=0).exists()
    expected_rows = Submission.objects.filter(campaign=c).exclude(status="rejected").count()
    assert state.rows == expected_rows


def test_deleted_appeals_leave_the_counts(world) -> None:
    from kozomol.cases.models import Case

    c = world.campaign
    synthetic.generate(c, appeals=200, seed=33)
    spec = IndicatorSpec.model_validate(
        {"source": "appeals", "measure": {"kind": "count", "question": "violation"}, "breakdowns": ["value"]}
    )
    ind = IndicatorDef(key="a", title="a", spec=spec)

    def counts() -> dict[str, int]:
        return {r.codes[0]: r.respondents for r in indicator_result(c, ind, filters={}, suppress=False).rows}

    def plain() -> dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute("SELECT code, COUNT(*) FROM cases_caseviolation GROUP BY code")
            return dict(cursor.fetchall())

    assert counts() == plain()
    built = CubeState.objects.get(campaign=c, source="appeals").built_at
    for case in Case.objects.order_by("pk")[:5]:
        case.delete()
    assert counts() == plain()
    assert CubeState.objects.get(campaign=c, source="appeals").built_at == built


def test_chart_queries_do_not_grow_with_the_data(world) -> None:
    """No N+1: each chart endpoint, in every grain, asks the same few queries at 150 rows and at 1,500."""
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kozomol.accounts.roles import Role
    from kozomol.analytics.selectors import indicators_for_campaign
    from kozomol.analytics.views import _consular_indicators

    client = Client()
    client.force_login(world.users[Role.ANALYST])
    base = f"/campaigns/{world.campaign.slug}/dashboard/chart/"
    queries = [
        "",
        "?country=KZ&gender=female",
        "?by=month&sector=trade",
        "?by=month&legal_status=x&age_band=y",
    ]
    keys = [i.key for i in [*indicators_for_campaign(world.campaign), *_consular_indicators()]]

    def count_all() -> dict[str, int]:
        counts: dict[str, int] = defaultdict(int)
        for key in keys:
            for query in queries:
                url = f"{base}{key}.svg{query}"
                client.get(url)  # folds new rows in first
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(url).status_code == 200
                counts[url] = len(captured.captured_queries)
        return counts

    # Both sizes have rows for every chart (consulates' staff interviews come from 100 submissions up).
    synthetic.generate(world.campaign, submissions=150, appeals=10, documents=5, seed=34)
    small = count_all()
    synthetic.generate(world.campaign, submissions=1350, appeals=150, documents=40, seed=35)
    large = count_all()
    assert large == small
    assert max(large.values()) <= 15
