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
