"""The export page: streamed downloads, background jobs with a checked download link, audit entries."""

from __future__ import annotations

import csv
import io
import zipfile

import pytest
from django.test import Client
from django.urls import reverse

from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry
from kozomol.core.models import Job
from kozomol.submissions.io.importing import import_submissions
from kozomol.submissions.io.readers import Source
from kozomol.submissions.io.samples import make_sample_form


@pytest.fixture
def form(world, tmp_path):
    form = make_sample_form(world.campaign, world.users[Role.COORDINATOR])
    path = tmp_path / "data.csv"
    path.write_text("country,age,story\nRU,30,Раз\nKZ,40,Два\n", encoding="utf-8")
    import_submissions(form=form, source=Source([path]), actor=world.users[Role.COORDINATOR])
    return form


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _url(world) -> str:
    return reverse("submissions:export_start", kwargs={"slug": world.campaign.slug})


def test_analyst_downloads_a_streamed_csv_and_the_export_is_audited(world, form):
    client = _client(world.users[Role.ANALYST])
    assert client.get(_url(world)).status_code == 200

    response = client.post(_url(world), {"form": form.pk, "format": "csv", "language": "ru"})

    assert response.status_code == 200 and response.streaming
    assert "attachment" in response["Content-Disposition"]
    content = b"".join(response.streaming_content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:  # the sample form has a repeat group
        rows = list(csv.DictReader(io.StringIO(archive.read("io_sample.csv").decode("utf-8-sig"))))
    assert sorted(r["story"] for r in rows) == ["Два", "Раз"]
    entry = AuditEntry.objects.filter(action="export").latest("id")
    assert entry.actor == world.users[Role.ANALYST] and entry.campaign_id_ref == world.campaign.pk
    assert entry.changes["count"] == [None, 2]


def test_background_export_gives_a_download_only_its_owner_can_use(world, form):
    client = _client(world.users[Role.COORDINATOR])

    response = client.post(
        _url(world), {"form": form.pk, "format": "xlsx", "language": "en", "background": "on"}
    )

    job = Job.objects.get(kind="submissions.export")
    assert response["Location"] == reverse("core:job_detail", kwargs={"job_id": job.pk})
    assert job.status == Job.Status.DONE and job.result["count"] == 2
    download = client.get(job.result["url"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"
    assert AuditEntry.objects.filter(action="export", message__contains="background").exists()
    assert _client(world.users[Role.ANALYST]).get(job.result["url"]).status_code == 404
    assert _client(world.outsider).get(job.result["url"]).status_code == 404


def test_small_spss_export_downloads_at_once(world, form):
    response = _client(world.users[Role.COORDINATOR]).post(
        _url(world), {"form": form.pk, "format": "sav", "language": "ru"}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.zip"')


@pytest.mark.parametrize("role", [Role.MONITOR, Role.VIEWER, Role.CASEWORKER])
def test_roles_without_export_permission_get_403(world, form, role):
    assert _client(world.users[role]).get(_url(world)).status_code == 403
    assert _client(world.users[role]).post(_url(world), {"form": form.pk, "format": "csv"}).status_code == 403


def test_outsiders_get_404(world, form):
    assert _client(world.outsider).get(_url(world)).status_code == 404
    assert Client().get(_url(world)).status_code == 302  # anonymous: to the login page
