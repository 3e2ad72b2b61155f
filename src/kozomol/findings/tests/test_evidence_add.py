from __future__ import annotations

import decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kozomol.accounts.roles import Role
from kozomol.coding.models import CodedPassage
from kozomol.findings import services
from kozomol.findings.models import Evidence, Theme
from kozomol.findings.tests.data import add_passages
from kozomol.places.models import Location

pytestmark = pytest.mark.django_db


@pytest.fixture
def finding(world):
    return services.finding_create(
        actor=world.users[Role.ANALYST],
        campaign=world.campaign,
        theme=Theme.objects.get(identifier="LABOUR"),
        statement_ru="Зарплату часто не выплачивают.",
    )


def test_quote_needs_text(world, finding):
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(actor=world.users[Role.ANALYST], finding=finding, kind="quote", text=" ")
    assert _(services.QUOTE_TEXT_ERROR) in exc.value.messages


def test_official_series_snapshots_the_figures(world, finding):
    for period, value in (("2011", "11.4"), ("2012", "12.4")):
        services.official_statistic_create(
            actor=world.users[Role.ANALYST],
            campaign=world.campaign,
            series="crimes",
            label_ru="Преступления",
            value=decimal.Decimal(value),
            unit="тыс.",
            period=period,
            source="МВД",
            country=Location.objects.get(code="RU"),
        )
    evidence = services.evidence_add(
        actor=world.users[Role.ANALYST], finding=finding, kind="official", official_series="crimes"
    )
    assert evidence.value == "2011: 11.4 тыс.; 2012: 12.4 тыс."
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=world.users[Role.ANALYST], finding=finding, kind="official", official_series="nothing"
        )


def test_coded_passage_is_linked_by_reference_with_its_quote(world, finding):
    add_passages(world.campaign, world.users[Role.ANALYST], {"LABOUR": 1})
    passage = CodedPassage.objects.get()
    evidence = services.evidence_add(
        actor=world.users[Role.ANALYST], finding=finding, kind="passage", object_pk=passage.pk
    )
    assert (evidence.app_label, evidence.model_name, evidence.object_pk) == (
        "coding",
        "CodedPassage",
        str(passage.pk),
    )
    assert evidence.text == passage.text
    assert Evidence.Kind.PASSAGE in services.available_evidence_kinds()


def test_passage_of_another_campaign_is_refused(world, finding):
    add_passages(world.other_campaign, world.outsider, {"LABOUR": 1})
    passage = CodedPassage.objects.get()
    with pytest.raises(ValidationError):
        services.evidence_add(
            actor=world.users[Role.ANALYST], finding=finding, kind="passage", object_pk=passage.pk
        )


def test_unavailable_source_is_reported_not_crashed(world, finding, monkeypatch):
    monkeypatch.setitem(services.EVIDENCE_SOURCES, "chart", ("analytics", "NoSuchModel"))
    with pytest.raises(ValidationError) as exc:
        services.evidence_add(actor=world.users[Role.ANALYST], finding=finding, kind="chart", object_pk=1)
    assert "analytics.NoSuchModel" in " ".join(exc.value.messages)
    assert "chart" not in services.available_evidence_kinds()
