"""``kozomol import_submissions`` and ``kozomol export_submissions`` on the command line."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from kozomol.accounts.roles import Role
from kozomol.audit.models import AuditEntry
from kozomol.submissions.io.samples import SAMPLE_FORM_ID, make_sample_form
from kozomol.submissions.models import Submission

pytestmark = pytest.mark.usefixtures("both_readers")


@pytest.fixture(autouse=True)
def english():
    """The assertions read the English messages (the commands speak the active language)."""
    with translation.override("en"):
        yield


@pytest.fixture
def form(world):
    return make_sample_form(world.campaign, world.users[Role.COORDINATOR])


def test_import_command_imports_then_adds_nothing_the_second_time(world, form, tmp_path, capsys):
    path = tmp_path / "kobo.csv"
    path.write_text("country;age;gender\nRU;30;female\nKZ;41;male\n", encoding="utf-8")

    call_command("import_submissions", str(path), "--form", SAMPLE_FORM_ID, "--no-progress")
    call_command(
        "import_submissions",
        str(path),
        "--form",
        SAMPLE_FORM_ID,
        "--campaign",
        world.campaign.slug,
        "--no-progress",
    )

    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("2 ") and out[1].startswith("0 ")
    assert Submission.objects.filter(form=form).count() == 2


def test_dry_run_stores_nothing(world, form, tmp_path):
    path = tmp_path / "kobo.csv"
    path.write_text("country;age\nRU;30\n", encoding="utf-8")
    call_command("import_submissions", str(path), "--form", SAMPLE_FORM_ID, "--dry-run", "--no-progress")
    assert Submission.objects.count() == 0


def test_import_errors_print_one_line_each_and_exit_non_zero(world, form, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("country,age,arrived\nRU,old,2023-01-01\nXX,30,someday\n", encoding="utf-8")

    with pytest.raises(SystemExit) as exited:
        call_command("import_submissions", str(path), "--form", SAMPLE_FORM_ID, "--no-progress")

    assert exited.value.code == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith("bad.csv, row 2, column age:")
    assert lines[1].startswith("bad.csv, row 3, column country:")
    assert lines[2].startswith("bad.csv, row 3, column arrived:")
    assert len(lines) == 4  # three problems and the summary
    assert Submission.objects.count() == 0


def test_unknown_form_or_file_is_a_readable_error(world, form, tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_submissions", str(tmp_path / "x.csv"), "--form", SAMPLE_FORM_ID)
    path = tmp_path / "x.csv"
    path.write_text("country\nRU\n", encoding="utf-8")
    with pytest.raises(CommandError, match="no_such_form"):
        call_command("import_submissions", str(path), "--form", "no_such_form")


@pytest.mark.parametrize("fmt", ["csv", "xlsx", "sav", "json"])
def test_export_command_writes_each_format_and_audits_it(world, form, tmp_path, fmt):
    data = tmp_path / "in.csv"
    data.write_text("country,age\nRU,30\n", encoding="utf-8")
    call_command("import_submissions", str(data), "--form", SAMPLE_FORM_ID, "--no-progress")
    out = tmp_path / f"out.{fmt}"

    call_command(
        "export_submissions",
        SAMPLE_FORM_ID,
        "--format",
        fmt,
        "--lang",
        "ky",
        "--labels",
        "-o",
        str(out),
        "--no-progress",
    )

    assert out.stat().st_size > 0
    assert not out.with_name(out.name + ".partial").exists()
    assert AuditEntry.objects.filter(action="export", message__startswith=fmt).count() == 1
