"""The declarative definition of an indicator, stored in ``Indicator.spec`` and validated here.

Example — the share of migrants without a work permit, by country::

    {"source": "submissions",
     "filter": {"target_group": ["migrants"]},
     "measure": {"kind": "share", "question": "has_work_permit", "values": ["no"], "of": ["yes", "no"]},
     "breakdowns": ["country"], "chart": "bar"}
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

# Breakdown dimensions offered to indicators and to the dashboard filters.
# "campaign" compares the cycles of a monitoring (this one and its predecessors).
Dimension = Literal[
    "country",
    "city",
    "target_group",
    "gender",
    "age_band",
    "legal_status",
    "sector",
    "month",
    "campaign",
    "value",
]
# Which cube column each dimension reads.
DIMENSION_COLUMN: dict[str, str] = {
    "country": "country_code",
    "city": "city_id",
    "target_group": "target_group_id",
    "gender": "gender",
    "age_band": "age_band",
    "legal_status": "legal_status",
    "sector": "sector",
    "month": "month",
    "campaign": "campaign_id",
    "value": "value",
}
# Dimensions each source carries (appeals and passages know no age band, sector ...).
SOURCE_DIMENSIONS: dict[str, frozenset[str]] = {
    "submissions": frozenset(DIMENSION_COLUMN),
    "appeals": frozenset({"country", "city", "gender", "month", "campaign", "value"}),
    "passages": frozenset({"country", "city", "target_group", "gender", "month", "campaign", "value"}),
    "official": frozenset(),
}

ERROR_SHARE_NEEDS_VALUES = "A share needs the answers that count ('values') or a threshold ('gt')."
ERROR_NEEDS_QUESTION = "This measure needs a question."
ERROR_BAD_BREAKDOWN = "The source {source} has no breakdown {dimension}."
ERROR_OFFICIAL_NEEDS_POINTS = "Official statistics need their figures ('points')."


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Measure(_Strict):
    kind: Literal["count", "share", "mean", "median", "ratio"]
    # The question (by name) the measure reads: for submissions a question name;
    # "violation" or "outcome" for appeals; "code" for coded passages.
    question: str = ""
    values: list[str] = Field(default_factory=list)  # share: the answers that count
    of: list[str] = Field(default_factory=list)  # share: the answers that form the base (default: all)
    gt: float | None = None  # share: numeric answers above this count
    denominator: str = ""  # ratio: Σ question / Σ denominator (e.g. women lawyers / lawyers)


class OfficialPoint(_Strict):
    label: str
    value: float


class IndicatorSpec(_Strict):
    source: Literal["submissions", "appeals", "passages", "official"]
    form_id: str = ""  # XLSForm form_id; empty: every form of the campaign
    filter: dict[Dimension, list[str]] = Field(default_factory=dict)
    measure: Measure
    breakdowns: list[Dimension] = Field(default_factory=list, max_length=2)
    chart: Literal["bar", "stacked_bar", "line", "heatmap"] = "bar"
    unit: str = ""
    points: list[OfficialPoint] = Field(default_factory=list)  # official statistics, typed in
    consular: bool = False  # shown on the consular monitoring dashboard

    @model_validator(mode="after")
    def _coherent(self) -> IndicatorSpec:
        m = self.measure
        if self.source == "official":
            if not self.points:
                raise ValueError(ERROR_OFFICIAL_NEEDS_POINTS)
            return self
        if m.kind != "count" and not m.question:
            raise ValueError(ERROR_NEEDS_QUESTION)
        if m.kind == "share" and not m.values and m.gt is None:
            raise ValueError(ERROR_SHARE_NEEDS_VALUES)
        if m.kind == "ratio" and not m.denominator:
            raise ValueError(ERROR_NEEDS_QUESTION)
        allowed = SOURCE_DIMENSIONS[self.source]
        for dim in [*self.breakdowns, *self.filter]:
            if dim not in allowed:
                raise ValueError(ERROR_BAD_BREAKDOWN.format(source=self.source, dimension=dim))
        return self

    @property
    def questions(self) -> list[str]:
        """The question names this indicator needs folded into the cube."""
        names = [q for q in (self.measure.question, self.measure.denominator) if q]
        return names

    @property
    def percent(self) -> bool:
        return self.measure.kind == "share"
