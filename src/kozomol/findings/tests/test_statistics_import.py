from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from kozomol.accounts.roles import Role
from kozomol.findings import services
from kozomol.findings.models import OfficialStatistic

pytestmark = pytest.mark.django_db

GOOD = (
    "series;label_ru;value;unit;period;country;theme;source;is_context\n"
    "crimes-against-migrants;Преступления против мигрантов;11,4;тыс.;2011;RU;JUSTICE;МВД России;yes\n"
    "crimes-against-migrants;Преступления против мигрантов;12,4;тыс.;2012;RU;JUSTICE;МВД России;yes\n"
    "remittances-gdp;Переводы, доля ВВП;29;%;2011;KG;;Всемирный банк;yes\n"
)


def test_csv_import_creates_every_row(world):
    created = services.official_statistics_import_csv(
        actor=world.users[Role.ANALYST], campaign=world.campaign, data=GOOD.encode("utf-8-sig")
    )
    assert len(created) == 3
    stat = OfficialStatistic.objects.get(series="crimes-against-migrants", period="2012")
    assert str(stat.value.normalize()) == "12.4" and stat.country.code == "RU" and stat.is_context


def test_bad_row_names_row_and_column_and_writes_nothing(world):
    bad = GOOD.replace("12,4", "много").replace(";KG;", ";XX;")
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.official_statistics_import_csv(
            actor=world.users[Role.ANALYST], campaign=world.campaign, data=bad
        )
    text = " ".join(exc.value.messages)
    assert "Row 3, column “value”" in text and "Row 4, column “country”" in text
    assert OfficialStatistic.objects.count() == 0


def test_missing_columns_are_named(world):
    with translation.override("en"), pytest.raises(ValidationError) as exc:
        services.official_statistics_import_csv(
            actor=world.users[Role.ANALYST], campaign=world.campaign, data="series,value\nx,1\n"
        )
    assert "label_ru, period, source" in " ".join(exc.value.messages)
