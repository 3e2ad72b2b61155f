"""An indicator result as a chart (SVG), a table and CSV: the same numbers in every form."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.utils.translation import gettext as _

from kozomol.analytics.selectors import IndicatorResult
from kozomol.lib import charts

SUPPRESSED_MARK = "<5"


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return ""
    if unit == "%":
        return f"{value:.1f}"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.2f}"


def table(result: IndicatorResult) -> dict[str, Any]:
    """Columns and rows, as shown beside the chart and written to CSV."""
    dims = [_dimension_label(b) for b in result.breakdowns]
    value_col = (
        _("Percent") if result.unit == "%" else (_("Value") + (f", {result.unit}" if result.unit else ""))
    )
    columns = [*dims, value_col]
    with_ci = any(r.low is not None for r in result.rows)
    if with_ci:
        columns += [_("95% CI low"), _("95% CI high")]
    columns.append(_("Respondents"))
    rows = []
    for r in result.rows:
        if r.suppressed:
            cells = [*r.labels, SUPPRESSED_MARK] + (["", ""] if with_ci else []) + [SUPPRESSED_MARK]
        else:
            cells = [*r.labels, _fmt(r.value, result.unit)]
            if with_ci:
                cells += [_fmt(r.low, result.unit), _fmt(r.high, result.unit)]
            cells.append(str(r.respondents))
        rows.append(cells)
    return {"columns": columns, "rows": rows}


def to_csv(result: IndicatorResult) -> str:
    data = table(result)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(data["columns"])
    writer.writerows(data["rows"])
    return buffer.getvalue()


def _dimension_label(dim: str) -> str:
    return {
        "country": _("Country"),
        "city": _("City"),
        "target_group": _("Target group"),
        "gender": _("Gender"),
        "age_band": _("Age"),
        "legal_status": _("Legal status"),
        "sector": _("Sector"),
        "month": _("Month"),
        "campaign": _("Campaign"),
        "value": _("Answer"),
    }.get(dim, dim)


def to_svg(result: IndicatorResult, *, kind: str | None = None) -> str:
    title = result.indicator.title
    kind = kind or result.indicator.spec.chart
    unit = result.unit
    rows = result.rows
    if len(result.breakdowns) == 2:
        firsts: list[str] = []
        seconds: list[str] = []
        label1: dict[str, str] = {}
        label2: dict[str, str] = {}
        values: dict[tuple[str, str], float | None] = {}
        for r in rows:
            a, b = r.codes
            if a not in label1:
                firsts.append(a)
                label1[a] = r.labels[0]
            if b not in label2:
                seconds.append(b)
                label2[b] = r.labels[1]
            values[(a, b)] = r.value
        if kind == "heatmap":
            return charts.heatmap(
                [label1[a] for a in firsts],
                [label2[b] for b in seconds],
                [[values.get((a, b)) for b in seconds] for a in firsts],
                title=title,
                unit=unit,
            )
        series = [(label2[b], [values.get((a, b)) for a in firsts]) for b in seconds]
        if kind == "line":
            return charts.line_chart([label1[a] for a in firsts], series, title=title, unit=unit)
        return charts.stacked_bar_chart([label1[a] for a in firsts], series, title=title, unit=unit)
    if kind == "line":
        return charts.line_chart(
            [r.label for r in rows], [(title, [r.value for r in rows])], title=title, unit=unit
        )
    return charts.bar_chart(
        [r.label for r in rows],
        [r.value for r in rows],
        title=title,
        unit=unit,
        low=[r.low for r in rows] if any(r.low is not None for r in rows) else None,
        high=[r.high for r in rows] if any(r.high is not None for r in rows) else None,
    )
