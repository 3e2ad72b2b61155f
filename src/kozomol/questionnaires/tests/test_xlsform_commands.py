from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from kozomol.questionnaires.models import Form

EXTERNAL = Path("/work/shared/external/xlsforms")


@pytest.mark.django_db
def test_import_prints_the_form_id_and_export_writes_the_same_bytes(world, tmp_path) -> None:
    source = EXTERNAL / "example__tutorial.xls"
    out = StringIO()
    call_command(
        "import_xlsform",
        str(source),
        campaign=world.campaign.slug,
        target_group="migrants",
        stdout=out,
        stderr=StringIO(),
    )
    assert out.getvalue().strip() == "example__tutorial"
    assert Form.objects.get().target_group.code == "migrants"
    target = tmp_path / "back.xls"
    call_command("export_xlsform", "example__tutorial", output=str(target), stdout=StringIO())
    assert target.read_bytes() == source.read_bytes()


@pytest.mark.django_db
def test_import_refusal_is_one_line_per_problem_and_nothing_is_saved(world) -> None:
    with pytest.raises(CommandError) as refused:
        call_command(
            "import_xlsform",
            str(EXTERNAL / "bug_example__duplicate_columns.xlsx"),
            campaign=world.campaign.slug,
        )
    assert "Duplicate column header: label" in str(refused.value)
    assert not Form.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args,message",
    [
        (["/nope.xlsx"], "no such file"),
        ([str(EXTERNAL / "example__tutorial.xls"), "--campaign", "nope"], "does not exist"),
        ([str(EXTERNAL / "example__tutorial.xls"), "--target-group", "nope"], "no target group"),
    ],
)
def test_import_bad_arguments(world, args, message) -> None:
    if "--campaign" not in args:
        args = [*args, "--campaign", world.campaign.slug]
    with pytest.raises(CommandError, match=message):
        call_command("import_xlsform", *args)


@pytest.mark.django_db
def test_export_asks_for_the_campaign_when_the_form_id_is_ambiguous(world, tmp_path) -> None:
    source = str(EXTERNAL / "example__tutorial.xls")
    call_command("import_xlsform", source, campaign=world.campaign.slug, stdout=StringIO(), stderr=StringIO())
    call_command(
        "import_xlsform", source, campaign=world.other_campaign.slug, stdout=StringIO(), stderr=StringIO()
    )
    with pytest.raises(CommandError, match="add --campaign"):
        call_command("export_xlsform", "example__tutorial", output=str(tmp_path / "x.xls"))
    call_command(
        "export_xlsform",
        "example__tutorial",
        output=str(tmp_path / "x.xls"),
        campaign=world.campaign.slug,
        stdout=StringIO(),
    )
    with pytest.raises(CommandError, match="no form"):
        call_command("export_xlsform", "missing", output=str(tmp_path / "y.xls"))
