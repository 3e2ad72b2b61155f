"""A large import file is read in a second process; the import stays one transaction here."""

from __future__ import annotations

import subprocess

import pytest
from django.db import DatabaseError

from kozomol.submissions.io import importing, reader_process
from kozomol.submissions.io.readers import Source
from kozomol.submissions.io.samples import make_sample_form
from kozomol.submissions.models import Submission
from kozomol.submissions.tests.test_import_large import ROWS, write_kobo_csv


@pytest.fixture
def form(world):
    return make_sample_form(world.campaign, world.users["coordinator"])


@pytest.fixture
def children(monkeypatch):
    """Every file is read in a child process; the children started are listed here."""
    monkeypatch.setattr(reader_process, "IN_PROCESS_MIN_BYTES", 0)
    started: list[subprocess.Popen] = []
    real = reader_process.subprocess.Popen

    def popen(*args, **kwargs):
        child = real(*args, **kwargs)
        started.append(child)
        return child

    monkeypatch.setattr(reader_process.subprocess, "Popen", popen)
    return started


def test_progress_from_the_reading_process_reaches_the_caller(form, tmp_path, children):
    path = write_kobo_csv(tmp_path / "kobo.csv", bad_row=None)
    progress: list[int] = []

    result = importing.import_submissions(
        form=form, source=Source([path]), actor=None, on_rows=progress.append
    )

    assert len(children) == 1 and children[0].returncode == 0
    assert result.created == ROWS == Submission.objects.count()
    assert sum(n for n in progress if n > 0) == ROWS


def test_when_writing_fails_the_reading_process_is_stopped_and_nothing_is_kept(
    form, tmp_path, children, monkeypatch
):
    path = write_kobo_csv(tmp_path / "kobo.csv", bad_row=None)

    def fail(self, batch):
        raise DatabaseError("database or disk is full")

    monkeypatch.setattr(importing._Writer, "write", fail)

    with pytest.raises(DatabaseError, match="disk is full"):
        importing.import_submissions(form=form, source=Source([path]), actor=None)

    assert len(children) == 1 and children[0].poll() is not None  # not left running
    assert Submission.objects.count() == 0


def test_a_reading_process_that_dies_is_an_error_not_a_silent_partial_import(
    form, tmp_path, children, monkeypatch
):
    path = write_kobo_csv(tmp_path / "kobo.csv", bad_row=None)
    started = subprocess.Popen

    def popen_then_kill(*args, **kwargs):
        child = started(*args, **kwargs)  # the listing Popen of ``children``
        child.kill()
        return child

    monkeypatch.setattr(reader_process.subprocess, "Popen", popen_then_kill)

    with pytest.raises(RuntimeError, match="reading process ended without a result"):
        importing.import_submissions(form=form, source=Source([path]), actor=None)
    assert Submission.objects.count() == 0
