"""A hostile or broken XLSForm is refused by its own check, with the reason, before openpyxl opens it.

The page-level cases (clear error on the upload page, nothing stored) are in
``core/tests/test_bad_input.py``; here each file is given to the converter so that the
reason — not some later failure of openpyxl or pyxform — is what refuses it.
"""

from __future__ import annotations

import io
import os
import zipfile

import pytest
from django.utils import translation

from kozomol.questionnaires.xlsform import XLSFormError, convert_xlsform

CSV_FORM = "survey,,,\n,type,name,label\n,text,q1,Где вы работаете?\n"


def _workbook() -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    survey = wb.active
    survey.title = "survey"
    survey.append(["type", "name", "label"])
    survey.append(["text", "q1", "Question"])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _with_entries(extra: dict[str, bytes], *, replace: dict[str, bytes] | None = None) -> bytes:
    """A real workbook, some of its entries replaced, extra entries added."""
    source = zipfile.ZipFile(io.BytesIO(_workbook()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info)))
        for name, data in extra.items():
            target.writestr(name, data)
    return out.getvalue()


def _sheet_bomb(megabytes: int) -> bytes:
    row = b'<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>'
    return (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + row * (megabytes * 1024 * 1024 // len(row)) + b"</sheetData></worksheet>"
    )


def _refusal(content: bytes, name: str) -> str:
    with translation.override("en"), pytest.raises(XLSFormError) as refused:
        convert_xlsform(content, name)
    return str(refused.value)


def test_a_real_workbook_passes_the_checks():
    assert convert_xlsform(_workbook(), "form.xlsx").schema.questions[0].name == "q1"


def test_a_workbook_whose_sheet_is_a_zip_bomb_is_refused_for_its_compression_ratio():
    bomb = _with_entries({}, replace={"xl/worksheets/sheet1.xml": _sheet_bomb(60)})
    assert len(bomb) < 1024 * 1024  # 60 MB of XML in a file of a few hundred KB
    message = _refusal(bomb, "form.xlsx")
    assert "xl/worksheets/sheet1.xml" in message and "zip bomb" in message


def test_many_small_entries_that_unpack_to_too_much_are_refused():
    # Each entry stays under the importers' per-entry ratio check (from 1 MB): only the total stops it.
    padding = {f"xl/media/pad{i}.bin": b"\0" * (1024 * 1024 - 1) for i in range(101)}
    message = _refusal(_with_entries(padding), "form.xlsx")
    assert "unpacks to 101 MB" in message and "at most 100 MB" in message


def test_a_workbook_with_too_many_entries_is_refused():
    message = _refusal(_with_entries({f"xl/media/{i}.txt": b"x" for i in range(2001)}), "form.xlsx")
    assert "entries" in message and "2000" in message


@pytest.mark.parametrize("entry", ["../../../../tmp/kozomol-evil.txt", "/etc/cron.d/evil", "C:/evil.txt"])
def test_a_workbook_with_a_path_traversal_entry_is_refused(entry):
    message = _refusal(_with_entries({entry: b"owned"}), "form.xlsx")
    assert "unsafe name" in message and entry in message


def test_a_truncated_workbook_is_refused_as_damaged():
    good = _workbook()
    message = _refusal(good[: len(good) // 2], "form.xlsx")
    assert "damaged" in message


def test_random_bytes_named_xlsx_are_refused_as_damaged():
    assert "damaged" in _refusal(os.urandom(5000), "form.xlsx")


@pytest.mark.parametrize("encoding", ["utf-16", "cp1251", "koi8-r"])
def test_a_csv_form_not_in_utf8_is_refused_with_how_to_save_it(encoding):
    content = CSV_FORM.encode(encoding)
    message = _refusal(content, "form.csv")
    assert "not UTF-8" in message and "CSV UTF-8" in message


def test_a_utf8_csv_form_is_converted():
    content = CSV_FORM.encode()
    assert convert_xlsform(content, "form.csv").schema.questions[0].labels


def test_a_csv_form_saved_by_excel_as_csv_utf8_with_its_byte_order_mark_is_converted():
    content = "\ufeff".encode() + CSV_FORM.encode()
    assert [q.name for q in convert_xlsform(content, "form.csv").schema.questions] == ["q1"]
