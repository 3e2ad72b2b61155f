"""Exports of a form's submissions in CSV, XLSX, SPSS .sav and JSON, across form versions."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import openpyxl
import pyreadstat
import pytest

from kozomol.submissions.io.exporting import ExportOptions, iter_export, write_export
from kozomol.submissions.io.importing import import_submissions
from kozomol.submissions.io.readers import Source
from kozomol.submissions.io.samples import make_sample_form
from kozomol.submissions.models import Submission

U1 = "uuid:5b1e0c3a-2222-4c1a-9f5e-000000000001"
U2 = "uuid:5b1e0c3a-2222-4c1a-9f5e-000000000002"


@pytest.fixture
def form(world, tmp_path):
    """Two versions: the second adds a question; one submission on each version."""
    coordinator = world.users["coordinator"]
    form = make_sample_form(world.campaign, coordinator, version="1")
    path = tmp_path / "v1.csv"
    path.write_text(
        "profile/country,profile/age,profile/gender,problems,income,story,meta/instanceID,__version__\n"
        f'RU,34,female,wages health,45.5,"Не платили, потом уволили",{U1},1\n',
        encoding="utf-8",
    )
    import_submissions(form=form, source=Source([path]), actor=coordinator)
    make_sample_form(world.campaign, coordinator, version="2", extra_question="employer")
    path = tmp_path / "v2.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "io_sample"
    wb.active.append(
        ["profile/country", "profile/age", "employer", "meta/instanceID", "__version__", "_index"]
    )
    wb.active.append(["KZ", 50, "Стройка", U2, "2", 1])
    family = wb.create_sheet("family")
    family.append(["family/member_name", "family/member_age", "_index", "_parent_index"])
    family.append(["сын", 9, 1, 1])
    family.append(["дочь", 4, 2, 1])
    wb.save(path)
    import_submissions(form=form, source=Source([path]), actor=coordinator)
    assert Submission.objects.filter(form=form).count() == 2
    return form


def _read(form, options) -> tuple[str, bytes]:
    name, chunks = iter_export(form, options)
    return name.name, b"".join(chunks)


def test_csv_export_spans_versions_and_puts_repeats_in_their_own_file(form):
    name, content = _read(form, ExportOptions("csv"))

    assert name.endswith(".zip")
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        main = list(csv.DictReader(io.StringIO(archive.read("io_sample.csv").decode("utf-8-sig"))))
        family = list(csv.DictReader(io.StringIO(archive.read("family.csv").decode("utf-8-sig"))))
    by_id = {row["meta/instanceID"]: row for row in main}
    assert by_id[U1]["story"] == "Не платили, потом уволили"
    assert by_id[U1]["problems"] == "wages health"
    assert (by_id[U1]["problems/wages"], by_id[U1]["problems/documents"]) == ("1", "0")
    assert by_id[U1]["employer"] == ""  # a question of the newer version only
    assert by_id[U2]["employer"] == "Стройка"
    assert by_id[U2]["__version__"] == "2"
    assert [(r["family/member_name"], r["_parent_index"]) for r in family] == [
        ("сын", by_id[U2]["_index"]),
        ("дочь", by_id[U2]["_index"]),
    ]


def test_csv_export_with_labels_in_kyrgyz_and_a_hxl_row(form):
    _name, content = _read(form, ExportOptions("csv", language="ky", labels=True, hxl=True))

    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        rows = list(csv.reader(io.StringIO(archive.read("io_sample.csv").decode("utf-8-sig"))))
    header, hxl, *data = rows
    assert "Иштеген өлкө" in header and "Көйгөйлөр/Эмгек акы төлөнбөйт" in header
    assert hxl[header.index("Иштеген өлкө")] == "#country+code"
    assert hxl[header.index("meta/instanceID")] == "#meta+id"
    assert all(tag.startswith("#") for tag in hxl if tag)
    country = header.index("Иштеген өлкө")
    assert sorted(row[country] for row in data) == ["Казакстан", "Орусия"]


def test_exported_csv_imports_back_into_the_same_answers(world, form, tmp_path):
    _name, content = _read(form, ExportOptions("csv"))
    path = tmp_path / "again.zip"
    path.write_bytes(content)
    before = {s.instance_id: s.data for s in Submission.objects.filter(form=form)}
    Submission.objects.filter(form=form).delete()

    import_submissions(form=form, source=Source([path]), actor=world.users["coordinator"])

    assert {s.instance_id: s.data for s in Submission.objects.filter(form=form)} == before


def test_xlsx_export_has_a_sheet_per_repeat_and_numbers_as_numbers(form, tmp_path):
    path = tmp_path / "out.xlsx"
    write_export(form, ExportOptions("xlsx", labels=True, language="en"), path)

    wb = openpyxl.load_workbook(path, read_only=True)
    assert wb.sheetnames == ["io_sample", "family"]
    rows = list(wb["io_sample"].iter_rows(values_only=True))
    header = rows[0]
    age = header.index("Age")
    assert sorted(r[age] for r in rows[1:]) == [34, 50]
    assert "Russia" in [r[header.index("Country of work")] for r in rows[1:]]
    assert len(list(wb["family"].iter_rows(values_only=True))) == 3


def test_spss_export_carries_variable_and_value_labels(form, tmp_path):
    path = tmp_path / "out.zip"
    write_export(form, ExportOptions("sav", language="ru"), path)

    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["family.sav", "io_sample.sav"]
        archive.extractall(tmp_path)
    frame, meta = pyreadstat.read_sav(str(tmp_path / "io_sample.sav"))
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["profile_country"] == "Страна работы"
    assert labels["problems_wages"] == "Проблемы/Невыплата зарплаты"
    assert meta.variable_value_labels["profile_country"] == {1.0: "Россия", 2.0: "Казахстан"}
    assert meta.variable_value_labels["problems_wages"] == {0.0: "Нет", 1.0: "Да"}
    rows = frame.set_index("meta_instanceID")
    assert rows.loc[U1, "profile_country"] == 1 and rows.loc[U2, "profile_country"] == 2
    assert rows.loc[U1, "profile_age"] == 34 and rows.loc[U1, "income"] == 45.5
    assert rows.loc[U1, "story"] == "Не платили, потом уволили"
    family, family_meta = pyreadstat.read_sav(str(tmp_path / "family.sav"))
    assert list(family["family_member_name"]) == ["сын", "дочь"]
    assert (
        dict(zip(family_meta.column_names, family_meta.column_labels, strict=True))["family_member_age"]
        == "Возраст члена семьи"
    )


def test_json_export_lists_every_submission_with_nested_repeats(form):
    name, content = _read(form, ExportOptions("json", labels=True, language="en"))

    assert name.endswith(".json")
    records = {r["instance_id"]: r for r in json.loads(content)}
    assert records[U1]["data"]["profile/country"] == "Russia"
    assert records[U1]["data"]["problems"] == "Unpaid wages, Health"
    assert records[U2]["data"]["family"] == [
        {"family/member_name": "сын", "family/member_age": "9"},
        {"family/member_name": "дочь", "family/member_age": "4"},
    ]
    assert records[U2]["form_version"] == "2"


def test_csv_export_of_a_form_without_repeats_is_one_csv(world, tmp_path):
    from kozomol.questionnaires.services import form_import

    fv = form_import(
        campaign=world.campaign,
        actor=world.users["coordinator"],
        filename="flat.md",
        content=b"| survey |\n| | type | name | label |\n| | text | note_text | Text |\n"
        b"| settings |\n| | form_id | version |\n| | flat | 1 |\n",
    )
    name, content = _read(fv.form, ExportOptions("csv"))
    assert name.endswith(".csv")
    assert content.decode("utf-8-sig").splitlines()[0].startswith("note_text,meta/instanceID")
