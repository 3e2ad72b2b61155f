"""Comparing cycles: the "campaign" breakdown reads previous cycles, only those the reader may see."""

from __future__ import annotations

import csv
import io

import pytest
from django.test import Client

from kozomol.accounts.models import Membership
from kozomol.accounts.roles import Role
from kozomol.analytics.tests.helpers import add_submission
from kozomol.testing import make_campaign

pytestmark = pytest.mark.django_db


def _rows(user, slug: str) -> list[list[str]]:
    client = Client()
    client.force_login(user)
    response = client.get(f"/campaigns/{slug}/dashboard/chart/no-work-permit.csv?by=campaign")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode())))[1:]


def test_previous_cycle_appears_for_members_and_stays_hidden_otherwise(world) -> None:
    import datetime as dt

    previous = make_campaign(
        world.org,
        slug="cycle-2023",
        title="Мониторинг 2023",
        period_start=dt.date(2023, 1, 1),
        period_end=dt.date(2023, 12, 31),
    )
    current = world.campaign
    current.previous = previous
    current.save()
    for i in range(10):
        add_submission(previous, has_work_permit="no" if i < 8 else "yes")
        add_submission(current, has_work_permit="no" if i < 5 else "yes")
    analyst = world.users[Role.ANALYST]
    rows = _rows(analyst, current.slug)
    assert [(r[0], r[1], r[-1]) for r in rows] == [
        ("Мониторинг 2023", "80.0", "10"),
        (current.title, "50.0", "10"),
    ]
    # A member of the partner organisation takes no part in the 2023 cycle: it is left out.
    partner_analyst = world.partner_users[Role.ANALYST]
    assert not Membership.objects.filter(user=partner_analyst, organisation=world.org).exists()
    rows = _rows(partner_analyst, current.slug)
    assert [r[0] for r in rows] == [current.title]
