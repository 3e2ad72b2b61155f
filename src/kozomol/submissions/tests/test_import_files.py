"""Importing KoboToolbox / ODK Central exports and plain CSV files into a form."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation

from kozomol.submissions.io import messages as m
from kozomol.submissions.io.importing import ImportFailed, import_preview, import_submissions
from kozomol.submissions.io.readers import Source
from kozomol.submissions.io.samples import make_sample_form
from kozomol.submissions.models import Submission

pytestmark = pytest.mark.usefixtures("both_readers")

U1 = "0a3f6a5e-1111-4c1a-9f5e-000000000001"
U2 = "0a3f6a5e-1111-4c1a-9f5e-000000000002"
U3 = "0a3f6a5e-1111-4c1a-9f5e-000000000003"


@pytest.fixture
def form(world):
    return make_sample_form(world.campaign, world.users["coordinator"])


def kobo_xlsx(path: Path) -> Path:
    """An XLSX laid out as KoboToolbox exports it: main sheet, then one sheet per repeat."""
    wb = openpyxl.Workbook()
    main = wb.active
    main.title = "io_sample"
    main.append(
        [
            "start",
            "end",
            "profile/country",
            "profile/city",
            "profile/age",
            "profile/gender",
            "problems",
            "problems/wages",
            "problems/documents",
            "problems/health",
            "income",
            "arrived",
            "story",
            "meta/instanceID",
            "_id",
            "_uuid",
            "_submission_time",
            "_validation_status",
            "_notes",
            "_status",
            "_submitted_by",
            "__version__",
            "_tags",
            "_index",
        ]
    )
    main.append(
        [
            "2023-04-01T09:00:00+06:00",
            "2023-04-01T10:00:00+06:00",
            "RU",
            "Москва",
            34,
            "female",
            "wages health",
            1,
            0,
            1,
            45.5,
            "2022-03-01",
            "Работодатель не платил три месяца.",
            f"uuid:{U1}",
            101,
            U1,
            "2023-04-02T08:00:00",
            "validation_status_approved",
            "",
            "submitted_via_web",
            "",
            "vKoboHash",
            "",
            1,
        ]
    )
    main.append(
        [
            "2023-04-03T09:00:00+06:00",
            "2023-04-03T10:00:00+06:00",
            "KZ",
            "Алматы",
            41,
            "male",
            "documents",
            0,
            1,
            0,
            None,
            "2021-11-15",
            "",
            f"uuid:{U2}",
            102,
            U2,
            "2023-04-04T08:00:00",
            "",
            "",
            "submitted_via_web",
            "",
            "vKoboHash",
            "",
            2,
        ]
    )
    family = wb.create_sheet("family")
    family.append(
        [
            "family/member_name",
            "family/member_age",
            "_index",
            "_parent_table_name",
            "_parent_index",
            "_submission__id",
            "_submission__uuid",
            "_submission__submission_time",
        ]
    )
    family.append(["сын", 7, 1, "io_sample", 1, 101, U1, "2023-04-02T08:00:00"])
    family.append(["дочь", 12, 2, "io_sample", 1, 101, U1, "2023-04-02T08:00:00"])
    family.append(["жена", 39, 3, "io_sample", 2, 102, U2, "2023-04-04T08:00:00"])
    wb.save(path)
    return path


def test_kobo_xlsx_with_a_repeat_group_imports_answers_repeats_and_profile(world, form, tmp_path):
    result = import_submissions(
        form=form, source=Source([kobo_xlsx(tmp_path / "kobo.xlsx")]), actor=world.users["coordinator"]
    )

    assert result.created == 2 and result.skipped == 0
    first = Submission.objects.get(instance_id=f"uuid:{U1}")
    assert first.source == Submission.Source.IMPORT and first.xml == ""
    assert first.data["profile/age"] == "34"
    assert first.data["problems"] == "wages health"
    assert first.data["income"] == "45.5"
    assert first.data["family"] == [
        {"family/member_name": "сын", "family/member_age": "7"},
        {"family/member_name": "дочь", "family/member_age": "12"},
    ]
    assert first.status == Submission.Status.APPROVED
    assert first.country_code == "RU" and first.gender == "female"
    assert first.city is not None and first.city.code == "RU-moscow"
    assert first.target_group is not None and first.target_group.code == "migrants"
    assert first.received_at == dt.datetime(2023, 4, 2, 8, 0, tzinfo=dt.UTC)
    assert first.submitted_at == dt.datetime(2023, 4, 1, 4, 0, tzinfo=dt.UTC)  # "end", 10:00 at +06:00
    second = Submission.objects.get(instance_id=f"uuid:{U2}")
    assert second.data["family"] == [{"family/member_name": "жена", "family/member_age": "39"}]
    assert "income" not in second.data


def test_windows_1251_semicolon_csv_with_dash_paths_and_split_columns_imports(world, form, tmp_path):
    # ODK Central style headers (groups joined by "-"), written by Excel in Windows-1251 with ";".
    text = (
        "SubmissionDate;profile-country;profile-city;profile-age;problems/wages;problems/documents;"
        "problems/health;income;arrived;story;meta-instanceID;KEY\r\n"
        f"2023-05-01T10:00:00.000Z;Россия;Санкт-Петербург;29;1;1;0;12,5;15.02.2023;Задержали паспорт;uuid:{U1};uuid:{U1}\r\n"
        f'2023-05-02T10:00:00.000Z;KZ;Астана;52;0;0;1;;2020-01-01;"Сказал: ""нет""";uuid:{U2};uuid:{U2}\r\n'
    )
    path = tmp_path / "central.csv"
    path.write_bytes(text.encode("cp1251"))

    result = import_submissions(form=form, source=Source([path]), actor=world.users["coordinator"])

    assert result.created == 2
    first = Submission.objects.get(instance_id=f"uuid:{U1}")
    assert first.data["profile/country"] == "RU"  # the label in Russian maps to the choice name
    assert first.data["problems"] == "wages documents"
    assert first.data["income"] == "12.5"
    assert first.data["arrived"] == "2023-02-15"
    assert first.data["story"] == "Задержали паспорт"
    assert first.country_code == "RU"
    assert Submission.objects.get(instance_id=f"uuid:{U2}").data["story"] == 'Сказал: "нет"'


def test_utf8_bom_comma_csv_without_ids_is_idempotent(world, form, tmp_path):
    path = tmp_path / "plain.csv"
    path.write_bytes("\ufeffcountry,age,gender,story\nRU,30,female,Первая\nKZ,44,male,Вторая\n".encode())

    first = import_submissions(form=form, source=Source([path]), actor=world.users["coordinator"])
    again = import_submissions(form=form, source=Source([path]), actor=world.users["coordinator"])

    assert (first.created, first.skipped) == (2, 0)
    assert (again.created, again.skipped) == (0, 2)
    assert Submission.objects.filter(form=form).count() == 2
    assert first.report.generated_ids


def test_reimporting_a_kobo_export_adds_nothing(world, form, tmp_path):
    source = Source([kobo_xlsx(tmp_path / "kobo.xlsx")])
    import_submissions(form=form, source=source, actor=world.users["coordinator"])
    preview = import_preview(form=form, source=source)
    again = import_submissions(form=form, source=source, actor=world.users["coordinator"])

    assert (preview.created, preview.skipped) == (0, 2)
    assert (again.created, again.skipped) == (0, 2)
    assert Submission.objects.count() == 2


def test_a_broken_file_reports_every_error_with_row_and_column_and_writes_nothing(world, form, tmp_path):
    text = (
        "profile/country;profile/age;problems;income;arrived;_submission_time;meta/instanceID\n"
        f"RU;31;wages;10;2023-01-01;2023-01-02T00:00:00;uuid:{U1}\n"  # a good row before the bad ones
        f"XX;abc;wages;10;2023-01-01;2023-01-02T00:00:00;uuid:{U2}\n"
        f"KZ;40;wages flying;ten;31.02.2023;yesterday;uuid:{U3}\n"
        f"RU;22;;;;;uuid:{U1}\n"
    )
    path = tmp_path / "broken.csv"
    path.write_text(text, encoding="utf-8")

    preview = import_preview(form=form, source=Source([path]))
    with pytest.raises(ImportFailed) as failed:
        import_submissions(form=form, source=Source([path]), actor=world.users["coordinator"])

    expected = {
        (3, "profile/country", m.VALUE_NOT_CHOICE),
        (3, "profile/age", m.VALUE_NOT_INTEGER),
        (4, "problems", m.VALUE_NOT_CHOICE),
        (4, "income", m.VALUE_NOT_DECIMAL),
        (4, "arrived", m.VALUE_NOT_DATE),
        (4, "_submission_time", m.SUBMISSION_TIME_BAD),
        (5, "meta/instanceID", m.INSTANCE_ID_DUPLICATE),
    }
    for report in (preview.report, failed.value.report):
        assert {(p.row, p.column, p.message) for p in report.errors} == expected
        assert report.error_count == len(expected)
    with translation.override("en"):
        assert (
            failed.value.report.errors[3].line() == "broken.csv, row 4, column income: ten is not a number."
        )
    assert Submission.objects.count() == 0


def test_odk_central_zip_with_a_repeat_file_joins_by_parent_key(world, form, tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "io_sample.csv",
            (
                "SubmissionDate,profile-country,profile-age,story,meta-instanceID,KEY,ReviewState\n"
                f"2023-06-01T10:00:00.000Z,RU,33,Текст,uuid:{U1},uuid:{U1},hasIssues\n"
            ),
        )
        archive.writestr(
            "io_sample-family.csv",
            (
                "member_name,member_age,PARENT_KEY,KEY\n"
                f"мать,60,uuid:{U1},uuid:{U1}/family[1]\n"
                f"отец,63,uuid:{U1},uuid:{U1}/family[2]\n"
            ),
        )
    path = tmp_path / "central.zip"
    path.write_bytes(buffer.getvalue())

    import_submissions(form=form, source=Source([path]), actor=world.users["coordinator"])

    stored = Submission.objects.get(instance_id=f"uuid:{U1}")
    assert stored.status == Submission.Status.HAS_ISSUES
    assert [item["family/member_name"] for item in stored.data["family"]] == ["мать", "отец"]


def test_repeat_rows_without_their_parent_are_errors(world, form, tmp_path):
    path = kobo_xlsx(tmp_path / "kobo.xlsx")
    wb = openpyxl.load_workbook(path)
    wb["family"].append(["чужой", 5, 4, "io_sample", 9, 109, "x", ""])
    wb.save(path)

    with pytest.raises(ImportFailed) as failed:
        import_submissions(form=form, source=Source([path]), actor=world.users["coordinator"])

    [problem] = failed.value.report.errors
    assert (problem.table, problem.row, problem.message) == ("family", 5, m.PARENT_MISSING)
    assert Submission.objects.count() == 0


def test_an_xlsx_zip_bomb_is_refused_with_a_clear_error(world, form, tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<" + b" " * (60 * 1024 * 1024) + b"/>")

    preview = import_preview(form=form, source=Source([path]))

    [problem] = preview.report.errors
    assert problem.message == m.ZIP_RATIO
    assert "xl/worksheets/sheet1.xml" in problem.text()
    assert Submission.objects.count() == 0


def test_unknown_columns_are_warnings_and_the_mapping_is_reported(world, form, tmp_path):
    path = tmp_path / "extra.csv"
    path.write_text(
        f"country,age,favourite_colour,_id,meta/instanceID\nRU,30,blue,1,uuid:{U1}\n", encoding="utf-8"
    )

    result = import_preview(form=form, source=Source([path]))

    assert result.report.ok and result.created == 1
    assert [(w.column, w.message) for w in result.report.warnings] == [("favourite_colour", m.COLUMN_IGNORED)]
    columns = {c.header: c for c in result.report.tables[0].columns}
    assert columns["country"].target.path == "profile/country"
    assert columns["meta/instanceID"].target.meta == "instance_id"
    assert columns["_id"].target is None and columns["_id"].note == "bookkeeping"


def test_rows_are_numbered_as_a_spreadsheet_shows_them_even_with_line_breaks_in_cells(world, form, tmp_path):
    path = tmp_path / "multiline.csv"
    path.write_text('story,age\n"Первая строка\nвторая строка",30\nТретья,сорок\n', encoding="utf-8")

    preview = import_preview(form=form, source=Source([path]))

    [problem] = preview.report.errors
    assert (problem.row, problem.column, problem.message) == (3, "age", m.VALUE_NOT_INTEGER)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.csv", b"", m.FILE_EMPTY),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, m.FILE_UNKNOWN_FORMAT),
        ("cut.xlsx", b"PK\x03\x04" + b"\x14\0" * 40, m.FILE_UNKNOWN_FORMAT),
        ("noise.bin", bytes(range(256)) * 40, m.FILE_NOT_TEXT),
        ("photo.zip", None, m.FILE_UNKNOWN_FORMAT),
        ("unrelated.csv", "колонка;другая\n1;2\n".encode("cp1251"), m.NO_MAIN_TABLE),
    ],
)
def test_files_that_are_not_exports_are_refused_with_a_message_not_an_exception(
    world, form, tmp_path, name, content, message
):
    if content is None:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("photo.jpg", b"\xff\xd8\xff")
        content = buffer.getvalue()
    path = tmp_path / name
    path.write_bytes(content)

    preview = import_preview(form=form, source=Source([path]))

    assert [p.message for p in preview.report.errors] == [message]
    with pytest.raises(ImportFailed):
        import_submissions(form=form, source=Source([path]), actor=world.users["coordinator"])
    assert Submission.objects.count() == 0
