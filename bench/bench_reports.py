"""Reports: the full monitoring report (DOCX and PDF) for a campaign with many interviews and coded passages.

Rows are written straight into the real tables (submissions.Submission,
coding.Document, coding.CodedPassage) with executemany, on top of the demo.
Baseline: the plain SQL counts the report needs (interviews by target group,
country and city in one pass; documents by group; coded passages by code), run
in the same process on the same data. "Full report" is one assembly rendered
as DOCX and PDF (``reports.services.render_all``); each format alone is timed too.
"""

from __future__ import annotations

import time
import uuid
from typing import Any

from bench.harness import BenchContext, Result, django_setup, scratch_data_dir

TARGET_SECONDS = 20.0


def _insert(model: Any, rows: list[dict[str, Any]], connection: Any) -> None:
    """INSERT ``rows`` (field attname -> value; the rest take their defaults) with executemany.

    Defaults are prepared for the database once; only the values a row sets are prepared per row.
    """
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    index = {f.attname: i for i, f in enumerate(fields)}
    base = [f.get_db_prep_save(f.get_default(), connection) for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    marks = ", ".join(["%s"] * len(fields))
    sql = f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({columns}) VALUES ({marks})"
    params = []
    for row in rows:
        values = list(base)
        for name, value in row.items():
            i = index[name]
            values[i] = (
                value if isinstance(value, (int, str)) else fields[i].get_db_prep_save(value, connection)
            )
        params.append(values)
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _fill(campaign: Any, submissions: int, passages: int) -> float:
    from django.apps import apps
    from django.db import connection, transaction
    from django.utils import timezone

    from kozomol.accounts.models import User
    from kozomol.places.models import Location

    submission = apps.get_model("submissions", "Submission")
    form_model = apps.get_model("questionnaires", "Form")
    version_model = apps.get_model("questionnaires", "FormVersion")
    document = apps.get_model("coding", "Document")
    code = apps.get_model("coding", "Code")
    passage = apps.get_model("coding", "CodedPassage")
    started = time.perf_counter()
    groups = list(campaign.target_groups.all())
    cities = list(
        Location.objects.filter(code__in=["RU-moscow", "RU-saint-petersburg", "KZ-astana", "KZ-almaty"])
    )
    now = timezone.now()
    coder = User.objects.get(email="analyst@example.org")
    with transaction.atomic():
        forms = []
        for group in groups:
            form = form_model.objects.create(
                campaign=campaign,
                target_group=group,
                form_id=f"bench-{group.code}",
                title=f"Bench {group.code}",
            )
            forms.append(
                (
                    form,
                    version_model.objects.create(
                        form=form, version="1", xlsform_name="f.xlsx", xform_xml="<h:html/>", md5="md5:0"
                    ),
                )
            )
        batch: list[dict[str, Any]] = []
        for i in range(submissions):
            g = i % len(groups)
            city = cities[i % len(cities)]
            batch.append(
                {
                    "campaign_id": campaign.pk,
                    "form_id": forms[g][0].pk,
                    "form_version_id": forms[g][1].pk,
                    "instance_id": f"uuid:{uuid.UUID(int=i + 1)}",
                    "target_group_id": groups[g].pk,
                    "country_code": city.country_code,
                    "city_id": city.pk,
                    "data": {},
                    "received_at": now,
                    "updated_at": now,
                    "status": "rejected" if i % 50 == 0 else "received",
                }
            )
            if len(batch) == 20000:
                _insert(submission, batch, connection)
                batch = []
        if batch:
            _insert(submission, batch, connection)
        codes = list(code.objects.filter(campaign=campaign))
        if not codes:
            codes = [
                code.objects.create(campaign=campaign, identifier=t, label_ru=t)
                for t in ("STATUS", "LABOUR", "HEALTH", "JUSTICE", "HOUSING")
            ]
        text = "Работодатель не выплатил зарплату и забрал паспорт. " * 40
        docs_needed = max(1, passages // 500)
        doc_ids = []
        for d in range(docs_needed):
            doc = document.objects.create(
                campaign=campaign, title=f"Bench {d}", text=text, target_group=groups[d % len(groups)]
            )
            doc_ids.append(doc.pk)
        rows = []
        for i in range(passages):
            start = (i // len(codes)) % 500
            rows.append(
                {
                    "document_id": doc_ids[(i // (len(codes) * 500)) % len(doc_ids)],
                    "code_id": codes[i % len(codes)].pk,
                    "coder_id": coder.pk,
                    "start": start,
                    "end": start + 40,
                    "text": text[start : start + 40],
                    "created_at": now,
                    "guid": uuid.uuid4(),
                    "selection_guid": uuid.uuid4(),
                }
            )
            if len(rows) == 20000:
                _insert(passage, rows, connection)
                rows = []
        if rows:
            _insert(passage, rows, connection)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return time.perf_counter() - started


def _baseline(campaign: Any) -> float:
    """The plain SQL counts behind the report's method section and findings chart."""
    from django.apps import apps
    from django.db import connection

    submission = apps.get_model("submissions", "Submission")._meta.db_table
    document = apps.get_model("coding", "Document")._meta.db_table
    passage = apps.get_model("coding", "CodedPassage")._meta.db_table
    code = apps.get_model("coding", "Code")._meta.db_table
    queries = [
        f"SELECT target_group_id, country_code, city_id, COUNT(*) FROM {submission} "
        f"WHERE campaign_id = %s AND status <> 'rejected' GROUP BY 1, 2, 3",
        f"SELECT target_group_id, COUNT(*) FROM {document} WHERE campaign_id = %s GROUP BY 1",
        f"SELECT c.identifier, COUNT(*) FROM {passage} p JOIN {code} c ON c.id = p.code_id "
        f"JOIN {document} d ON d.id = p.document_id WHERE d.campaign_id = %s GROUP BY 1",
    ]
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for sql in queries:
            cursor.execute(sql, [campaign.pk])
            cursor.fetchall()
    return time.perf_counter() - started


def run(ctx: BenchContext) -> list[Result]:
    submissions = ctx.size(20_000, 1_000_000)
    passages = ctx.size(2_000, 50_000)
    with scratch_data_dir() as data_dir:
        django_setup(data_dir)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        call_command("demo", password="bench-password-1", verbosity=0)
        from kozomol.campaigns.models import Campaign
        from kozomol.reports.services import render

        campaign = Campaign.objects.get(slug="monitoring-2013")
        fill_seconds = _fill(campaign, submissions, passages)
        baseline = min(_baseline(campaign) for _ in range(3))
        from kozomol.reports.services import render_all

        started = time.perf_counter()
        render_all(campaign, ["docx", "pdf"], "ru")
        cold = time.perf_counter() - started  # includes loading WeasyPrint and the fonts
        started = time.perf_counter()
        both = render_all(campaign, ["docx", "pdf"], "ru")
        total = time.perf_counter() - started
        timings = {}
        for fmt in ("docx", "pdf"):
            started = time.perf_counter()
            data = render(campaign, fmt, "ru")
            timings[fmt] = (time.perf_counter() - started, len(data))
        assert len(both["docx"]) > 0 and len(both["pdf"]) > 0
        size = f"{submissions:,} submissions, {passages:,} coded passages"
        extra = {
            "rows_inserted_seconds": round(fill_seconds, 1),
            "cold_first_run_seconds": round(cold, 2),
            "docx_bytes": timings["docx"][1],
            "pdf_bytes": timings["pdf"][1],
        }
        return [
            Result(
                name=f"full report DOCX+PDF ({size})",
                value=total,
                unit="s",
                baseline=baseline,
                baseline_name="plain SQL counts",
                target=f"< {TARGET_SECONDS:.0f} s",
                ok=total < TARGET_SECONDS,
                extra=extra,
            ),
            Result(
                name=f"report DOCX ({size})",
                value=timings["docx"][0],
                unit="s",
                baseline=baseline,
                baseline_name="plain SQL counts",
            ),
            Result(
                name=f"report PDF ({size})",
                value=timings["pdf"][0],
                unit="s",
                baseline=baseline,
                baseline_name="plain SQL counts",
            ),
        ]
