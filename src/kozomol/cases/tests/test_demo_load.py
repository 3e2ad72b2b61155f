from __future__ import annotations

import pytest

from kozomol.campaigns import demo as campaigns_demo
from kozomol.cases import demo as cases_demo
from kozomol.cases.models import Case, IntakeRoute, Referral
from kozomol.directory import demo as directory_demo
from kozomol.directory.models import Service

pytestmark = pytest.mark.django_db


def test_demo_loads_appeals_in_several_states_and_the_directory() -> None:
    ctx = campaigns_demo.load_core()
    cases_demo.load(ctx)
    directory_demo.load(ctx)
    assert IntakeRoute.objects.get().organisation == ctx.lead
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {Case.Status.NEW, Case.Status.IN_PROGRESS, Case.Status.REFERRED, Case.Status.CLOSED} <= statuses
    wages = Case.objects.get(outcome=Case.Outcome.WAGES_RECOVERED)
    assert wages.organisation == ctx.organisations["ngo_almaty"] and wages.recovered_currency == "KZT"
    assert Referral.objects.filter(status=Referral.Status.PENDING).exists()
    cities = set(Service.objects.values_list("city__code", flat=True))
    assert {"RU-moscow", "RU-saint-petersburg", "KZ-astana", "KZ-almaty", "KG-bishkek"} <= cities
    # Loading twice adds nothing.
    cases_demo.load(ctx)
    directory_demo.load(ctx)
    assert Case.objects.count() == 6 and Service.objects.count() == 15
