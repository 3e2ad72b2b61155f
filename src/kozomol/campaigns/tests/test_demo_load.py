from __future__ import annotations

import pytest
from django.core.management import call_command

from kozomol.accounts.models import User
from kozomol.campaigns.models import Campaign


@pytest.mark.django_db
def test_demo_loads_the_2013_campaign_with_one_user_per_role(capsys):
    call_command("demo", password="training-pass")
    out = capsys.readouterr().out
    campaign = Campaign.objects.get(slug="monitoring-2013")
    assert set(campaign.target_groups.values_list("code", flat=True)) >= {
        "state_bodies",
        "ombudsman",
        "consular",
        "ngo",
        "medical_staff",
        "migrants",
        "case_stories",
    }
    assert set(campaign.countries.values_list("code", flat=True)) == {"KG", "RU", "KZ"}
    kinds = set(campaign.organisations.values_list("kind", flat=True))
    assert {"consular", "ombudsman", "ngo", "medical"} <= kinds
    for role in ["admin", "coordinator", "monitor", "analyst", "caseworker", "viewer", "outsider"]:
        user = User.objects.get(email=f"{role}@example.org")
        assert user.check_password("training-pass")
        assert f"{role}@example.org" in out
    outsider = User.objects.get(email="outsider@example.org")
    assert not campaign.organisations.filter(memberships__user=outsider).exists()


# A real transaction: on PostgreSQL, --reset's TRUNCATE cannot run inside the test's
# transaction once rows were written in it (pending deferred foreign-key checks).
@pytest.mark.django_db(transaction=True)
def test_demo_twice_keeps_one_campaign_and_reset_reloads(capsys):
    from kozomol.testing import ensure_reference_places

    ensure_reference_places()  # an earlier transactional test may have flushed them
    call_command("demo", password="training-pass")
    call_command("demo")
    assert "already loaded" in capsys.readouterr().out
    assert Campaign.objects.filter(slug="monitoring-2013").count() == 1
    call_command("demo", reset=True, noinput=True, password="another-pass")
    assert Campaign.objects.filter(slug="monitoring-2013").count() == 1
    assert User.objects.get(email="viewer@example.org").check_password("another-pass")
