"""An analytics chart frozen as evidence appears in the report as a numbered figure."""

from __future__ import annotations

import io

import pytest
from docx import Document

from kozomol.accounts.roles import Role
from kozomol.analytics.models import Chart
from kozomol.findings import services
from kozomol.findings.models import Theme
from kozomol.lib import charts
from kozomol.reports.builder import build_report
from kozomol.reports.render_html import render_document
from kozomol.reports.services import render

pytestmark = pytest.mark.django_db


def test_frozen_chart_becomes_a_figure_in_html_and_docx(world):
    coordinator = world.users[Role.COORDINATOR]
    finding = services.finding_create(
        actor=coordinator,
        campaign=world.campaign,
        theme=Theme.objects.get(identifier="LABOUR"),
        statement_ru="Большинство работает без договора.",
    )
    svg = charts.bar_chart(["Россия", "Казахстан"], [64.0, 41.0], title="Работа без договора")
    chart = Chart.objects.create(
        campaign=world.campaign,
        indicator_key="no_contract",
        title="Работа без договора, %",
        svg=svg,
        table={"columns": ["страна", "%"], "rows": [["Россия", 64], ["Казахстан", 41]]},
    )
    evidence = services.evidence_add(actor=coordinator, finding=finding, kind="chart", object_pk=chart.pk)
    assert "Россия: 64" in evidence.text.replace("страна: ", "").replace("; %: ", ": ")
    services.finding_transition(actor=coordinator, finding=finding, target="approved", may_approve=True)

    report = build_report(world.campaign, "ru")
    captions = [f.caption for f in report.figures()]
    assert "Работа без договора, %" in captions
    assert "Работа без договора" in render_document(report)
    doc = Document(io.BytesIO(render(world.campaign, "docx", "ru")))
    assert len(doc.inline_shapes) == len(report.figures())
