from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from kozomol.accounts.roles import Role
from kozomol.cases import services
from kozomol.cases.models import Case
from kozomol.cases.selectors import SMALL_COUNT, appeal_statistics
from kozomol.cases.tests.conftest import file_appeal
from kozomol.places.models import Location
from kozomol.testing import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def appeals(reception: World) -> World:
    worker = reception.users[Role.CASEWORKER]
    for _ in range(SMALL_COUNT):
        case, _s = file_appeal(
            gender=Case.Gender.MAN, contact_method="phone", full_name="Асан", phone="+99655500"
        )
        services.case_close(
            case=case,
            actor=worker,
            outcome=Case.Outcome.WAGES_RECOVERED,
            amount=Decimal("1000"),
            currency="KZT",
        )
    file_appeal(
        violation_codes=["GENDER.VIOLENCE"],
        gender=Case.Gender.WOMAN,
        country=Location.objects.get(code="RU"),
        city=Location.objects.get(code="RU-moscow"),
    )
    return reception


def test_counts_by_violation_country_city_month_gender(appeals: World) -> None:
    stats = appeal_statistics(public=False)
    rows = {(r["violation"], r["country"], r["city"], r["gender"]): r["count"] for r in stats["rows"]}
    assert rows[("LABOUR.WAGES_UNPAID", "KZ", "KZ-almaty", "man")] == SMALL_COUNT
    assert rows[("GENDER.VIOLENCE", "RU", "RU-moscow", "woman")] == 1
    assert all(len(r["month"]) == 7 for r in stats["rows"])
    assert stats["wages_recovered"] == [{"currency": "KZT", "cases": SMALL_COUNT, "amount": Decimal("5000")}]


def test_public_figures_hide_small_counts(appeals: World) -> None:
    stats = appeal_statistics(public=True)
    women = [r for r in stats["rows"] if r["violation"] == "GENDER.VIOLENCE"][0]
    assert women["count"] is None and women["suppressed"]
    wages = [r for r in stats["rows"] if r["violation"] == "LABOUR.WAGES_UNPAID"][0]
    assert wages["count"] == SMALL_COUNT and not wages["suppressed"]


def test_statistics_carry_no_personal_data(appeals: World) -> None:
    text = repr(appeal_statistics(public=False))
    assert "Асан" not in text and "99655500" not in text and "v1." not in text
    page = Client().get("/appeal/statistics/").content.decode()
    assert "GENDER.VIOLENCE" not in page  # its only appeal is below the threshold
    assert "LABOUR.WAGES_UNPAID" in page
