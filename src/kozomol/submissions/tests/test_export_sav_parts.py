"""A large SPSS export is written as several complete .sav files, so memory stays bounded.

pyreadstat writes a .sav from a whole DataFrame; the export builds one part of
at most ``SAV_CELLS_PER_FILE`` cells at a time. Here the bound is lowered so a
handful of submissions spans several parts.
"""

from __future__ import annotations

import datetime as dt
import zipfile

import pyreadstat
import pytest

from kozomol.submissions.io import exporting
from kozomol.submissions.io.exporting import ExportOptions, Layout, _SavSheet, write_export
from kozomol.submissions.io.importing import union_schema
from kozomol.submissions.io.samples import make_sample_form
from kozomol.submissions.models import Submission


@pytest.fixture
def form(world):
    form = make_sample_form(world.campaign, world.users["coordinator"])
    for n in range(1, 6):
        Submission.objects.create(
            campaign=world.campaign,
            form=form,
            form_version=form.current_version,
            instance_id=f"uuid:part-{n}",
            data={
                "profile/country": "KZ" if n % 2 else "RU",
                "profile/age": str(20 + n),
                "story": f"История {n}",
                "family": [{"family/member_name": f"ребёнок {n}"}] if n in (1, 5) else [],
            },
            received_at=dt.datetime(2024, 3, n, tzinfo=dt.UTC),
        )
    return form


@pytest.fixture
def two_rows_a_file(monkeypatch, form):
    columns = len(Layout(union_schema(form), ExportOptions("sav")).main.columns)
    monkeypatch.setattr(exporting, "SAV_CELLS_PER_FILE", 2 * columns)
    monkeypatch.setattr(exporting, "SAV_MIN_ROWS_PER_FILE", 1)


def test_a_sav_export_larger_than_one_file_is_split_into_complete_parts(form, tmp_path, two_rows_a_file):
    path = tmp_path / "out.zip"
    exported = write_export(form, ExportOptions("sav", language="en"), path)

    assert exported.name.endswith(".zip")
    with zipfile.ZipFile(path) as archive:
        names = sorted(archive.namelist())
        archive.extractall(tmp_path)
    assert names == ["family.sav", "io_sample-part001.sav", "io_sample-part002.sav", "io_sample-part003.sav"]
    parts = [pyreadstat.read_sav(str(tmp_path / n)) for n in names[1:]]
    assert [len(frame) for frame, _meta in parts] == [2, 2, 1]
    for _frame, meta in parts:  # every part carries the labels
        assert meta.variable_value_labels["profile_country"] == {1.0: "Russia", 2.0: "Kazakhstan"}
        assert dict(zip(meta.column_names, meta.column_labels, strict=True))["profile_age"] == "Age"
    indexes = [i for frame, _meta in parts for i in frame["index"]]
    assert indexes == [1, 2, 3, 4, 5]  # the numbering runs on across parts
    ages = [a for frame, _meta in parts for a in frame["profile_age"]]
    assert ages == [21, 22, 23, 24, 25]
    family, _ = pyreadstat.read_sav(str(tmp_path / "family.sav"))
    assert list(family["parent_index"]) == [1, 5]


def test_a_sav_part_never_holds_more_rows_than_its_bound(form, two_rows_a_file):
    layout = Layout(union_schema(form), ExportOptions("sav"))
    spec = _SavSheet(layout, layout.main)
    rows = exporting.iter_rows(layout, exporting.submissions_for_export(form))

    assert [len(frame) for frame in spec.frames(rows)] == [2, 2, 1]
