"""Fixtures shared by the submissions tests."""

from __future__ import annotations

import pytest

from kozomol.submissions.io import reader_process


@pytest.fixture(params=["read here", "read in a second process"])
def both_readers(request, monkeypatch):
    """Run a test once with the file read in the importing process and once in a child process.

    Large files are read in a child (see ``reader_process``); test files are small, so the
    threshold is lowered to make the same tests walk that path too.
    """
    if request.param == "read in a second process":
        monkeypatch.setattr(reader_process, "IN_PROCESS_MIN_BYTES", 0)
    return request.param


@pytest.fixture
def web_draft(client, world):
    """``web_draft(xlsform_md, filename)``: the form imported into the demo-like campaign, the
    monitor logged in with ``client`` and a new web draft of it started; returns the draft's URL."""
    from django.urls import reverse

    from kozomol.questionnaires.services import form_import
    from kozomol.testing import PASSWORD

    def start(xlsform_md: str, filename: str) -> str:
        version = form_import(
            campaign=world.campaign,
            content=xlsform_md.encode(),
            filename=filename,
            actor=world.users["coordinator"],
        )
        client.login(username=world.users["monitor"].email, password=PASSWORD)
        kwargs = {"slug": world.campaign.slug, "form_pk": version.form_id}
        return client.post(reverse("submissions:draft_start", kwargs=kwargs))["Location"]

    return start
