from __future__ import annotations

import pytest
from django.urls import reverse

from kozomol.accounts.roles import Role
from kozomol.core.jobs import Progress, job_create, job_finish


@pytest.mark.django_db
def test_job_progress_is_visible_to_its_owner_only(client, world):
    owner = world.users[Role.COORDINATOR]
    job = job_create(kind="test.count", title="Counting", campaign=world.campaign, user=owner)
    with Progress(job, total=10) as progress:
        progress.advance(4)
        progress._write(force=True)
    client.force_login(owner)
    status = client.get(reverse("core:job_status", args=[job.pk])).json()
    assert status["percent"] == 40.0 and status["done"] is False
    job_finish(job, result={"url": "/somewhere/"})
    status = client.get(reverse("core:job_status", args=[job.pk])).json()
    assert status["done"] is True and status["status"] == "done"
    assert client.get(reverse("core:job_detail", args=[job.pk])).status_code == 200
    for other in (world.users[Role.ADMIN], world.outsider):
        client.force_login(other)
        assert client.get(reverse("core:job_status", args=[job.pk])).status_code == 404
        assert client.get(reverse("core:job_detail", args=[job.pk])).status_code == 404
    client.logout()
    assert client.get(reverse("core:job_status", args=[job.pk])).status_code == 404


@pytest.mark.django_db
def test_a_failing_job_records_its_error(world):
    job = job_create(kind="test.fail", user=world.users[Role.ANALYST])
    with pytest.raises(ValueError), Progress(job, total=3):
        raise ValueError("row 7, column B: not a number")
    job.refresh_from_db()
    assert job.status == "failed" and "row 7, column B" in job.error


@pytest.mark.django_db
@pytest.mark.parametrize("role", Role.values)
def test_every_role_may_change_its_password(client, world, role):
    from kozomol.testing import PASSWORD

    client.force_login(world.users[role])
    assert client.get(reverse("accounts:password_change")).status_code == 200
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "a new long passphrase 42",
            "new_password2": "a new long passphrase 42",
        },
    )
    assert response.status_code == 302
    world.users[role].refresh_from_db()
    assert world.users[role].check_password("a new long passphrase 42")


@pytest.mark.django_db
def test_password_pages_for_visitors(client):
    assert client.get(reverse("accounts:password_change")).status_code == 302
    assert client.get(reverse("accounts:password_reset")).status_code == 200
    assert client.get(reverse("accounts:login")).status_code == 200
