"""Two cycles in a row: the second inherits the open recommendations, a status changes, its report shows it."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from kozomol.accounts.roles import Role
from kozomol.findings import services
from kozomol.findings.models import Addressee, FollowUp, Recommendation, Standard
from kozomol.reports.services import render
from kozomol.testing import make_campaign

pytestmark = pytest.mark.django_db


def _cycle_two(world):
    return make_campaign(
        world.org,
        slug="cycle-2",
        actor=world.users[Role.COORDINATOR],
        title="Мониторинг 2014",
        period_start=dt.date(2014, 1, 1),
        period_end=dt.date(2014, 12, 31),
        previous=world.campaign,
    )


def _recommendations(world):
    coordinator = world.users[Role.COORDINATOR]
    gov, mfa = Addressee.objects.get(code="kg-government"), Addressee.objects.get(code="kg-mfa")
    article = Standard.objects.get(instrument="ICRMW", article="23")
    open_one = services.recommendation_create(
        actor=coordinator,
        campaign=world.campaign,
        addressee=gov,
        text_ru="Создать орган по внешней миграции.",
        standards=[article],
    )
    progressing = services.recommendation_create(
        actor=coordinator,
        campaign=world.campaign,
        addressee=mfa,
        text_ru="Расширить сеть почётных консулов.",
        status=FollowUp.Status.IN_PROGRESS,
    )
    done = services.recommendation_create(
        actor=coordinator, campaign=world.campaign, addressee=mfa, text_ru="Открыть интернет-приёмную."
    )
    services.followup_set(
        actor=coordinator,
        recommendation=done,
        status=FollowUp.Status.IMPLEMENTED,
        evidence="Приёмная работает с марта.",
    )
    return open_one, progressing, done


def test_second_cycle_inherits_only_open_recommendations(world):
    open_one, progressing, done = _recommendations(world)
    second = _cycle_two(world)
    copies = services.recommendations_inherit(actor=world.users[Role.COORDINATOR], campaign=second)
    assert sorted(c.inherited_from_id for c in copies) == sorted([open_one.pk, progressing.pk])
    copy = next(c for c in copies if c.inherited_from_id == open_one.pk)
    assert copy.text_ru == open_one.text_ru and copy.addressee_id == open_one.addressee_id
    assert list(copy.standards.values_list("article", flat=True)) == ["23"]
    carried = FollowUp.objects.get(recommendation__inherited_from=progressing, campaign=second)
    assert carried.status == FollowUp.Status.IN_PROGRESS and carried.date == dt.date(2014, 12, 31)
    # Running it again adds nothing.
    assert services.recommendations_inherit(actor=world.users[Role.COORDINATOR], campaign=second) == []
    assert Recommendation.objects.filter(campaign=second).count() == 2


def test_second_report_shows_the_status_that_changed(world):
    open_one, progressing, done = _recommendations(world)
    second = _cycle_two(world)
    services.recommendations_inherit(actor=world.users[Role.COORDINATOR], campaign=second)
    copy = Recommendation.objects.get(campaign=second, inherited_from=open_one)
    services.followup_set(
        actor=world.users[Role.COORDINATOR],
        recommendation=copy,
        status=FollowUp.Status.PARTIAL,
        evidence="Создан отдел при министерстве.",
    )
    doc = Document(io.BytesIO(render(second, "docx", "en")))
    table = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "Recommendation" and t.rows[0].cells[2].text == "Previous cycle"
    )
    rows = {r.cells[0].text: [c.text for c in r.cells[1:]] for r in table.rows[1:]}
    assert rows["Создать орган по внешней миграции."][1:5] == [
        "Not started",
        "Partially implemented",
        "yes",
        "Создан отдел при министерстве.",
    ]
    assert rows["Расширить сеть почётных консулов."][1:4] == ["In progress", "In progress", "no"]
    closed = next(
        t
        for t in doc.tables
        if t.rows[0].cells[0].text == "Recommendation" and t.rows[0].cells[1].text == "Status"
    )
    assert [r.cells[0].text for r in closed.rows[1:]] == ["Открыть интернет-приёмную."]
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "8. Follow-up of the previous recommendations" in headings
    # The first cycle's report has no such section.
    first = Document(io.BytesIO(render(world.campaign, "docx", "en")))
    assert not any("Follow-up" in p.text for p in first.paragraphs if p.style.name == "Heading 1")


def test_inherit_without_a_previous_cycle_is_refused(world):
    with pytest.raises(ValidationError):
        services.recommendations_inherit(actor=world.users[Role.COORDINATOR], campaign=world.campaign)
