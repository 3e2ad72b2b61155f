"""Analytics: every dashboard chart over N submissions and M appeals, against plain SQL and DuckDB.

Full mode: 1,000,000 submissions and 100,000 appeals (the issue's sizes);
quick mode: 20,000 and 2,000. The data are made by ``generate_synthetic``'s
functions (seed 7013) in a scratch SQLite database, in a campaign made by
``kozomol.testing.make_world`` (the other apps' demos are not needed, and not waited for).

Figures (all p95 of wall-clock milliseconds, in-process Django client, logged in as an analyst):

* the slowest dashboard chart endpoint (SVG), over every chart of the dashboard and the consular
  dashboard, unfiltered, filtered to Kazakhstan, to Kazakhstan and women, and five rarer combinations
  the dashboard's form offers (a breakdown by age filtered by legal status; by month filtered by
  sector; by month filtered by city and legal status, or by legal status and age; by legal status
  within one month), the two with city or age being those only the cube's full grain answers;
  baseline: the plain SQL query over the
  submissions table (``json_each`` + ``GROUP BY``) for the headline figure (share without a work
  permit by country, Kazakhstan and women);
* a chart read right after a submission was edited (its review status changed through ``save()``,
  which corrects the cube by a delta): the edit and the next read;
* the headline figure read from the cube (the selector alone, no HTTP), same baseline;
* the headline figure from a DuckDB columnar copy of the flattened submissions (DuckDB cannot attach
  the SQLite file here: its sqlite extension is downloaded at run time, and this machine reaches no
  extension repository), same baseline; the copy's load time is reported in ``extra``;
* the appeals-by-violation chart, against the plain SQL count over the cases tables.

Each run checks that the cube's numbers equal the plain SQL ones (``extra["equal"]``).
"""

from __future__ import annotations

import json
import sqlite3
import time
from typing import Any

from bench.harness import BenchContext, Result, django_setup, scratch_data_dir, summary, time_calls

TARGET_MS = 300.0


def _plain_sql_headline(db_path: str, campaign_id: int) -> list[tuple[Any, ...]]:
    """The headline figure by plain SQL: answers are keyed by question path, so match the last segment."""
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return con.execute(
            "SELECT s.country_code, SUM(j.value = 'no'), SUM(j.value IN ('yes', 'no'))"
            " FROM submissions_submission s, json_each(s.data) j"
            " WHERE s.campaign_id = ? AND s.status <> 'rejected' AND s.country_code = 'KZ' AND s.gender = 'female'"
            " AND (j.key = 'has_work_permit' OR j.key LIKE '%/has_work_permit')"
            " GROUP BY s.country_code",
            (campaign_id,),
        ).fetchall()
    finally:
        con.close()


def _plain_sql_appeals(db_path: str, start: str, end: str) -> list[tuple[Any, ...]]:
    con = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        return con.execute(
            "SELECT v.code, COUNT(*) FROM cases_caseviolation v JOIN cases_case c ON c.id = v.case_id"
            " WHERE date(c.received_at) BETWEEN ? AND ? GROUP BY v.code ORDER BY v.code",
            (start, end),
        ).fetchall()
    finally:
        con.close()


def _duckdb_copy(db_path: str, campaign_id: int) -> tuple[Any, float]:
    import duckdb

    started = time.perf_counter()
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    rows = src.execute(
        "SELECT s.country_code, s.gender, j.value FROM submissions_submission s"
        " LEFT JOIN json_each(s.data) j ON (j.key = 'has_work_permit' OR j.key LIKE '%/has_work_permit')"
        " WHERE s.campaign_id = ? AND s.status <> 'rejected'",
        (campaign_id,),
    ).fetchall()
    src.close()
    import pandas as pd

    frame = pd.DataFrame(rows, columns=["country_code", "gender", "has_work_permit"])
    con = duckdb.connect()
    con.register("frame", frame)
    con.execute("CREATE TABLE sub AS SELECT * FROM frame")
    con.unregister("frame")
    return con, (time.perf_counter() - started) * 1000.0


def _edit_then_read(campaign: Any, client: Any, url: str, *, repeat: int) -> dict[str, float]:
    """Change submissions' review status one at a time (as a reviewer's ``save()`` does), then read a chart.

    The edit corrects the cube by a delta in its own transaction; the read must not recount.
    The statuses are put back afterwards, so the numbers compared with plain SQL are unchanged.
    """
    from kozomol.submissions.models import Submission

    subjects = list(
        Submission.objects.filter(campaign=campaign, country_code="KZ", status="approved").order_by("pk")[
            : repeat + 2
        ]
    )
    saves: list[float] = []
    reads: list[float] = []
    for sub in subjects:
        started = time.perf_counter()
        sub.status = "rejected"
        sub.save(update_fields=["status"])
        saves.append((time.perf_counter() - started) * 1000.0)
        started = time.perf_counter()
        client.get(url)
        reads.append((time.perf_counter() - started) * 1000.0)
    for sub in subjects:
        sub.status = "approved"
        sub.save(update_fields=["status"])
    return {"save_p95": summary(saves)["p95"], "read_p95": summary(reads)["p95"]}


def run(ctx: BenchContext) -> list[Result]:
    n_sub = ctx.size(20_000, 1_000_000)
    n_app = ctx.size(2_000, 100_000)
    repeat = ctx.size(15, 30)
    with scratch_data_dir("kozomol-bench-analytics-") as data_dir:
        django_setup(data_dir)
        from django.core.management import call_command

        from kozomol.analytics import synthetic
        from kozomol.campaigns.models import Campaign
        from kozomol.testing import make_world

        call_command("migrate", verbosity=0)
        world = make_world(slug="monitoring-2013")
        campaign = Campaign.objects.get(pk=world.campaign.pk)
        started = time.monotonic()
        synthetic.generate(
            campaign, submissions=n_sub, appeals=n_app, documents=ctx.size(200, 2_000), seed=7013
        )
        generate_s = time.monotonic() - started
        return measure(
            campaign,
            n_sub=n_sub,
            n_app=n_app,
            repeat=repeat,
            small_repeat=ctx.size(5, 10),
            generate_s=generate_s,
        )


def measure(
    campaign: Any, *, n_sub: int, n_app: int, repeat: int, small_repeat: int, generate_s: float = float("nan")
) -> list[Result]:
    """Time the dashboards of ``campaign`` (Django already set up against its database)."""
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from kozomol.accounts.models import Membership
    from kozomol.accounts.roles import Role
    from kozomol.analytics.selectors import indicator_result, indicators_for_campaign
    from kozomol.analytics.views import _consular_indicators

    db_path = str(settings.DATABASES["default"]["NAME"])
    analyst = (
        Membership.objects.filter(organisation__participations__campaign=campaign, role=Role.ANALYST)
        .select_related("user")
        .first()
        .user
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(analyst)
    base = f"/campaigns/{campaign.slug}/dashboard/chart/"
    indicators = [
        i for i in indicators_for_campaign(campaign) if not i.spec.consular
    ] + _consular_indicators()
    from kozomol.places.models import Location

    almaty = Location.objects.get(code="KZ-almaty").pk
    month = f"{campaign.period_start:%Y}-03"
    queries = [
        "",
        "?country=KZ",
        "?country=KZ&gender=female",
        # Rarer combinations: grain 0 (age with legal status), grain 4 (month with sector; legal
        # status within a month) and the full grain 2 (month with legal status and city or age).
        "?by=age_band&legal_status=no_documents",
        "?by=month&sector=trade",
        f"?by=month&city={almaty}&legal_status=no_documents",
        "?by=month&legal_status=no_documents&age_band=25_34",
        f"?by=legal_status&month={month}",
    ]
    per_chart: dict[str, float] = {}
    all_samples: list[float] = []
    for ind in indicators:
        for query in queries:
            url = f"{base}{ind.key}.svg{query}"
            samples = time_calls(lambda url=url: client.get(url), repeat=repeat, warmup=1)
            all_samples.extend(samples)
            per_chart[f"{ind.key}{query}"] = summary(samples)["p95"]
    # No N+1: the queries of one chart do not depend on the data (counted once per combination).
    query_counts: dict[str, int] = {}
    for ind in indicators:
        for query in queries:
            with CaptureQueriesContext(connection) as captured:
                client.get(f"{base}{ind.key}.svg{query}")
            query_counts[f"{ind.key}{query}"] = len(captured.captured_queries)
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/campaigns/{campaign.slug}/dashboard/?country=KZ")
    page_queries = len(captured.captured_queries)
    worst_key = max(per_chart, key=lambda k: per_chart[k])
    worst = per_chart[worst_key]
    page = summary(
        time_calls(
            lambda: client.get(f"/campaigns/{campaign.slug}/dashboard/?country=KZ"),
            repeat=small_repeat,
            warmup=1,
        )
    )

    edit = _edit_then_read(campaign, client, f"{base}no-work-permit.svg?country=KZ", repeat=small_repeat)

    plain = summary(
        time_calls(lambda: _plain_sql_headline(db_path, campaign.pk), repeat=small_repeat, warmup=1)
    )
    headline = next(i for i in indicators if i.key == "no-work-permit")
    filters = {"country": ["KZ"], "gender": ["female"]}
    cube_headline = summary(
        time_calls(
            lambda: indicator_result(campaign, headline, filters=filters, suppress=False), repeat=repeat
        )
    )

    # Equality of the numbers: cube vs plain SQL.
    expected = _plain_sql_headline(db_path, campaign.pk)
    got = indicator_result(campaign, headline, filters=filters, suppress=False)
    got_pairs = [(r.codes[0], round(r.count or 0), r.respondents) for r in got.rows]
    equal = got_pairs == [(cc, int(k), int(n)) for cc, k, n in expected]

    duck, load_ms = _duckdb_copy(db_path, campaign.pk)
    duck_sql = (
        "SELECT country_code, SUM(CASE WHEN has_work_permit = 'no' THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN has_work_permit IN ('yes', 'no') THEN 1 ELSE 0 END) FROM sub"
        " WHERE country_code = 'KZ' AND gender = 'female' GROUP BY country_code"
    )
    duck_result = duck.execute(duck_sql).fetchall()
    duck_equal = [(a, int(b), int(c)) for a, b, c in duck_result] == [
        (a, int(b), int(c)) for a, b, c in expected
    ]
    duck_q = summary(time_calls(lambda: duck.execute(duck_sql).fetchall(), repeat=repeat))
    duck.close()

    appeals_ind = next(i for i in indicators if i.key == "appeals-by-violation")
    plain_app = summary(
        time_calls(
            lambda: _plain_sql_appeals(db_path, str(campaign.period_start), str(campaign.period_end)),
            repeat=small_repeat,
            warmup=1,
        )
    )
    app_chart = summary(time_calls(lambda: client.get(f"{base}appeals-by-violation.svg"), repeat=repeat))
    app_got = indicator_result(campaign, appeals_ind, filters={}, suppress=False)
    app_equal = sorted((r.codes[0], int(r.respondents)) for r in app_got.rows) == sorted(
        (code, int(n))
        for code, n in _plain_sql_appeals(db_path, str(campaign.period_start), str(campaign.period_end))
    )

    size = f"{n_sub:,} submissions, {n_app:,} appeals"
    extra = {
        "generate_seconds": round(generate_s, 1),
        "charts": len(per_chart),
        "worst_chart": worst_key,
        "all_charts_p95": summary(all_samples)["p95"],
        "equal": equal,
        "duckdb_equal": duck_equal,
        "appeals_equal": app_equal,
        "duckdb_load_ms": round(load_ms),
        "dashboard_page_p95": page["p95"],
        "edit_save_p95": edit["save_p95"],
        "chart_after_edit_p95": edit["read_p95"],
        "queries_per_chart_max": max(query_counts.values()),
        "queries_dashboard_page": page_queries,
        "per_chart_p95": {k: round(v, 1) for k, v in per_chart.items()},
    }
    print("   extra:", json.dumps({k: v for k, v in extra.items() if k != "per_chart_p95"}), flush=True)
    return [
        Result(
            name=f"slowest dashboard chart p95 ({size})",
            value=worst,
            unit="ms",
            baseline=plain["p95"],
            baseline_name="plain SQL json_each GROUP BY",
            target=f"< {TARGET_MS:.0f} ms, same numbers",
            ok=worst < TARGET_MS and equal,
            extra=extra,
        ),
        Result(
            name=f"headline figure from the cube p95 ({size})",
            value=cube_headline["p95"],
            unit="ms",
            baseline=plain["p95"],
            baseline_name="plain SQL json_each GROUP BY",
        ),
        Result(
            name=f"headline figure from a DuckDB copy p95 ({size})",
            value=duck_q["p95"],
            unit="ms",
            baseline=plain["p95"],
            baseline_name="plain SQL json_each GROUP BY",
            extra={"load_ms": round(load_ms), "equal": duck_equal},
        ),
        Result(
            name=f"appeals-by-violation chart p95 ({n_app:,} appeals)",
            value=app_chart["p95"],
            unit="ms",
            baseline=plain_app["p95"],
            baseline_name="plain SQL COUNT join",
            target=f"< {TARGET_MS:.0f} ms, same numbers",
            ok=app_chart["p95"] < TARGET_MS and app_equal,
        ),
        Result(
            name=f"chart right after a submission edit p95 ({size})",
            value=edit["read_p95"],
            unit="ms",
            baseline=plain["p95"],
            baseline_name="plain SQL json_each GROUP BY",
            target=f"< {TARGET_MS:.0f} ms, no recount",
            ok=edit["read_p95"] < TARGET_MS and equal,
            extra={"save_p95": edit["save_p95"]},
        ),
        Result(
            name=f"dashboard page p95, all charts ({size})",
            value=page["p95"],
            unit="ms",
            baseline=plain["p95"],
            baseline_name="plain SQL json_each GROUP BY (one figure)",
        ),
    ]


if __name__ == "__main__":
    # Measure an existing data directory (e.g. one a full run is still timing):
    # python -m bench.bench_analytics DATA_DIR SUBMISSIONS APPEALS [REPEAT]
    import sys

    from bench.harness import django_setup as _setup

    _dir, _subs, _apps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    _repeat = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    from pathlib import Path

    _setup(Path(_dir))
    from kozomol.campaigns.models import Campaign as _Campaign

    _results = measure(
        _Campaign.objects.get(slug="monitoring-2013"),
        n_sub=_subs,
        n_app=_apps,
        repeat=_repeat,
        small_repeat=3,
    )
    print(Result.table(_results))
    print(json.dumps([r.as_dict() for r in _results], ensure_ascii=False, default=str))
