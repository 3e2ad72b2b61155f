"""A file large enough to be written in several batches: all of it or nothing.

The import writes batch after batch inside one transaction; an error near the
end of the file must undo the batches already written. The failing import runs
in a real transaction (``transaction=True``), not the savepoint of an ordinary test.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from kozomol.submissions.io import importing
from kozomol.submissions.io.samples import SAMPLE_FORM_ID, make_sample_form
from kozomol.submissions.models import Submission

pytestmark = pytest.mark.usefixtures("both_readers")

ROWS = 7_000  # four batches of 2,000
BAD_ROW = 6_901  # as the file numbers it (the header is row 1)


def write_kobo_csv(path: Path, *, bad_row: int | None) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["profile/country", "profile/age", "problems", "arrived", "story", "meta/instanceID"])
        for n in range(2, ROWS + 2):
            age = "abc" if n == bad_row else str(18 + n % 50)
            writer.writerow(
                [
                    "RU",
                    age,
                    "wages health",
                    "2023-01-05",
                    f"Рассказ {n}",
                    f"uuid:00000000-0000-4000-8000-{n:012d}",
                ]
            )
    return path


@pytest.fixture
def form(world):
    return make_sample_form(world.campaign, world.users["coordinator"])


@pytest.fixture
def written(monkeypatch):
    """How many rows the import had written when each batch was stored (the real writer, watched)."""
    seen: list[int] = []
    real = importing._Writer.write

    def write(self, batch):
        real(self, batch)
        seen.append(self.created)

    monkeypatch.setattr(importing._Writer, "write", write)
    return seen


@pytest.mark.django_db(transaction=True)
def test_an_error_near_the_end_of_a_large_file_undoes_the_batches_already_written(
    form, tmp_path, written, capsys
):
    path = write_kobo_csv(tmp_path / "kobo.csv", bad_row=BAD_ROW)

    with translation.override("en"), pytest.raises(SystemExit) as exited:
        call_command("import_submissions", str(path), "--form", SAMPLE_FORM_ID, "--no-progress")

    assert exited.value.code == 1
    assert max(written) == 6_000  # three batches were in the database before row 6,901 was read
    assert Submission.objects.count() == 0
    err = capsys.readouterr().err
    assert f"kobo.csv, row {BAD_ROW}, column profile/age: abc is not a whole number." in err
    assert "The file has 1 errors; nothing was imported." in err


def test_a_large_clean_file_imports_every_row_once(form, tmp_path, written):
    path = write_kobo_csv(tmp_path / "kobo.csv", bad_row=None)

    call_command("import_submissions", str(path), "--form", SAMPLE_FORM_ID, "--no-progress")
    call_command("import_submissions", str(path), "--form", SAMPLE_FORM_ID, "--no-progress")

    assert Submission.objects.count() == ROWS
    last = Submission.objects.get(instance_id=f"uuid:00000000-0000-4000-8000-{ROWS + 1:012d}")
    assert last.data == {
        "profile/country": "RU",
        "profile/age": str(18 + (ROWS + 1) % 50),
        "problems": "wages health",
        "arrived": "2023-01-05",
        "story": f"Рассказ {ROWS + 1}",
    }
    assert last.country_code == "RU"
