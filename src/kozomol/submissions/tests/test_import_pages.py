"""The import pages: who may import, the preview of mapping and errors, then the import as a job."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from kozomol.accounts.roles import Role
from kozomol.core.models import Job
from kozomol.submissions.io import messages as m
from kozomol.submissions.io.samples import make_sample_form
from kozomol.submissions.models import Submission

GOOD = (
    "profile/country;profile/age;problems;meta/instanceID\n"
    "RU;30;wages;uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7\n"
    "KZ;41;documents health;uuid:7c9e6679-7425-40de-944b-e07fc1f90ae8\n"
).encode("cp1251")
BAD = "profile/country,profile/age\nRU,тридцать\nMars,40\n".encode()


@pytest.fixture
def form(world):
    return make_sample_form(world.campaign, world.users[Role.COORDINATOR])


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client, world, form, content, name="data.csv"):
    return client.post(
        reverse("submissions:import_upload", kwargs={"slug": world.campaign.slug}),
        {"form": form.pk, "files": SimpleUploadedFile(name, content)},
    )


def test_coordinator_previews_then_imports_and_nothing_is_stored_before_confirming(world, form):
    client = _client(world.users[Role.COORDINATOR])

    response = _upload(client, world, form, GOOD)
    assert response.status_code == 302
    preview = client.get(response["Location"])
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "profile/age" in page and "meta/instanceID" in page
    assert Submission.objects.count() == 0

    confirmed = client.post(response["Location"])
    assert confirmed.status_code == 302
    job = Job.objects.get(kind="submissions.import")
    assert job.status == Job.Status.DONE and job.result["created"] == 2
    assert Submission.objects.filter(form=form).count() == 2
    assert client.get(confirmed["Location"]).status_code == 200  # the job page with its progress

    # The same file again: the preview says everything is there already.
    again = client.get(_upload(client, world, form, GOOD)["Location"]).content.decode()
    assert Job.objects.filter(kind="submissions.import_preview").latest("created_at").result["skipped"] == 2
    assert "Import 0" not in again


def test_the_preview_lists_every_error_with_row_and_column_and_refuses_the_import(world, form):
    client = _client(world.users[Role.COORDINATOR])
    location = _upload(client, world, form, BAD)["Location"]

    page = client.get(location).content.decode()

    assert "тридцать" in page and "Mars" in page
    job = Job.objects.get(kind="submissions.import_preview")
    problems = job.result["report"]["problems"]
    assert {(p["row"], p["column"], p["message"]) for p in problems} == {
        (2, "profile/age", m.VALUE_NOT_INTEGER),
        (3, "profile/country", m.VALUE_NOT_CHOICE),
    }
    assert client.post(location).status_code == 403
    assert Submission.objects.count() == 0


@pytest.mark.parametrize("role", [Role.MONITOR, Role.ANALYST, Role.VIEWER, Role.CASEWORKER, Role.ADMIN])
def test_roles_without_review_or_forms_and_collect_may_not_import(world, form, role):
    response = _client(world.users[role]).get(
        reverse("submissions:import_upload", kwargs={"slug": world.campaign.slug})
    )
    assert response.status_code == 403


def test_outsiders_do_not_see_the_import_page_nor_others_previews(world, form):
    url = reverse("submissions:import_upload", kwargs={"slug": world.campaign.slug})
    assert _client(world.outsider).get(url).status_code == 404
    location = _upload(_client(world.users[Role.COORDINATOR]), world, form, GOOD)["Location"]
    assert _client(world.outsider).get(location).status_code == 404
    # Another coordinator of the same campaign cannot open someone else's preview either.
    assert _client(world.partner_users[Role.COORDINATOR]).get(location).status_code == 404
    assert _client(world.partner_users[Role.COORDINATOR]).get(url).status_code == 200
