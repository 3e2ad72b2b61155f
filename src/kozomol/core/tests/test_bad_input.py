"""Bad input to every parser, sent the way a user sends it: a clear error, never a 500, nothing stored.

Parsers: the XLSForm upload (questionnaires), the CSV/XLSX/ZIP submission import
(submissions.io, page and command), the OpenRosa XML submission endpoint, and the
REFI-QDA ``.qdc`` / ``.qdpx`` imports (coding). Property-based tests (hypothesis)
throw generated files at each; explicit cases cover XML bombs, external
entities, zip bombs, path traversal, oversized, wrongly encoded and truncated files.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kozomol.accounts.roles import Role
from kozomol.coding.models import Code, Document
from kozomol.coding.services import codebook_seed
from kozomol.questionnaires.models import Form, FormVersion
from kozomol.submissions.models import Attachment, Submission
from kozomol.submissions.tests.collect_fixtures import XML_BOMB, migrant_form, submission_xml

pytestmark = pytest.mark.django_db
HYPOTHESIS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
TRIED: dict[str, int] = {}  # bad inputs sent, per parser (printed for docs/security.md)

XXE = (
    b'<?xml version="1.0"?><!DOCTYPE data [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    b'<data id="migrant_test" version="1"><country>&xxe;</country>'
    b"<meta><instanceID>uuid:xxe</instanceID></meta></data>"
)


def _tried(kind: str) -> None:
    TRIED[kind] = TRIED.get(kind, 0) + 1


def _client(user: Any) -> Client:
    client = Client(raise_request_exception=False)  # a 500 must show as a 500, not as an exception
    client.force_login(user)
    return client


def _no_crash(response: Any) -> None:
    assert response.status_code != 500, response.content[:500]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert b"Traceback" not in body and b'File "/' not in body


@pytest.fixture
def collect(world: Any) -> dict[str, Any]:
    from kozomol.submissions.models import CollectToken

    version = migrant_form(world.campaign, world.users[Role.COORDINATOR])
    token = CollectToken.objects.create(campaign=world.campaign, user=world.users[Role.MONITOR])
    codebook_seed(actor=None, campaign=world.campaign)  # the coding pages seed it on first view anyway
    return {
        "world": world,
        "form": version.form,
        "url": f"/openrosa/{world.campaign.slug}/key/{token.token}/submission",
        "coordinator": _client(world.users[Role.COORDINATOR]),
    }


def _zip(entries: dict[str, bytes], *, level: int = 9) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return buf.getvalue()


def _bomb_xml(megabytes: int) -> bytes:
    row = b'<row><c t="inlineStr"><is><t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</t></is></c></row>'
    return (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + row * (megabytes * 1024 * 1024 // len(row)) + b"</sheetData></worksheet>"
    )


def _xlsx(rows: list[list[Any]]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- XLSForm upload ---------------------------------------------------------------------------------


def _upload_xlsform(collect: dict[str, Any], name: str, content: bytes) -> Any:
    _tried("XLSForm")
    slug = collect["world"].campaign.slug
    return collect["coordinator"].post(
        reverse("questionnaires:upload", kwargs={"slug": slug}),
        {"xlsform": SimpleUploadedFile(name, content)},
    )


def _assert_form_refused(collect: dict[str, Any], response: Any, versions_before: int) -> None:
    _no_crash(response)
    assert response.status_code == 200, "a bad XLSForm must come back to the upload page with its problems"
    assert FormVersion.objects.count() == versions_before
    assert Form.objects.filter(versions__isnull=True).count() == 0, "a form without a version was left"
    page = response.content.decode()
    assert "errornote" in page or "errorlist" in page, "no error shown"


@HYPOTHESIS
@given(
    cells=st.lists(
        st.lists(st.one_of(st.text(max_size=30), st.integers(), st.none()), min_size=1, max_size=6),
        min_size=0,
        max_size=8,
    )
)
def test_generated_xlsforms_are_saved_or_refused_with_their_problems(collect, cells):
    versions = FormVersion.objects.count()
    clean = [
        [c if not isinstance(c, str) else "".join(ch for ch in c if ch.isprintable()) for c in r]
        for r in cells
    ]
    response = _upload_xlsform(collect, "generated.xlsx", _xlsx(clean))
    _no_crash(response)
    if response.status_code == 200:
        assert FormVersion.objects.count() == versions
    else:
        assert response.status_code == 302 and FormVersion.objects.count() == versions + 1


@HYPOTHESIS
@given(content=st.binary(min_size=1, max_size=4096), suffix=st.sampled_from([".xlsx", ".xls", ".csv", ".md"]))
def test_arbitrary_bytes_as_an_xlsform_are_refused(collect, content, suffix):
    versions = FormVersion.objects.count()
    _assert_form_refused(collect, _upload_xlsform(collect, f"form{suffix}", content), versions)


def _workbook_with(extra: dict[str, bytes], replace: dict[str, bytes] | None = None) -> bytes:
    """A real XLSForm workbook (openpyxl would open it), some entries replaced, hostile ones added."""
    source = zipfile.ZipFile(io.BytesIO(_xlsx([["type", "name", "label"], ["text", "q1", "Question"]])))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            target.writestr(info.filename, (replace or {}).get(info.filename, source.read(info)))
        for name, data in extra.items():
            target.writestr(name, data)
    return out.getvalue()


CSV_FORM = "survey,,,\n,type,name,label\n,text,q1,Где вы работаете?\n"


@pytest.mark.parametrize(
    "case",
    [
        "truncated",
        "zip_bomb",
        "zip_bomb_in_a_real_workbook",
        "small_entries_unpacking_to_too_much",
        "too_many_entries",
        "path_traversal",
        "path_traversal_in_a_real_workbook",
        "xml_bomb_in_sheet",
        "xml_bomb_in_a_real_workbook",
        "utf16_csv",
        "cp1251_csv",
        "oversized",
        "empty",
    ],
)
def test_hostile_xlsforms_are_refused(collect, case):
    good = _xlsx([["type", "name", "label"], ["text", "q1", "Question"]])
    content, name = {
        "truncated": (good[: len(good) // 2], "form.xlsx"),
        "zip_bomb": (
            _zip({"xl/worksheets/sheet1.xml": _bomb_xml(60), "[Content_Types].xml": b"<x/>"}),
            "f.xlsx",
        ),
        # The workbook is real, so only the zip checks (questionnaires.xlsform._check_xlsx) stand
        # between openpyxl and 60 MB of XML, or 101 MB in entries too small for the ratio check.
        "zip_bomb_in_a_real_workbook": (
            _workbook_with({}, replace={"xl/worksheets/sheet1.xml": _bomb_xml(60)}),
            "f.xlsx",
        ),
        "small_entries_unpacking_to_too_much": (
            _workbook_with({f"xl/media/pad{i}.bin": b"\0" * (1024 * 1024 - 1) for i in range(101)}),
            "f.xlsx",
        ),
        "too_many_entries": (_workbook_with({f"xl/media/{i}.txt": b"x" for i in range(2001)}), "f.xlsx"),
        "path_traversal": (
            _zip({"../../../../tmp/kozomol-evil.txt": b"owned", "xl/workbook.xml": b"<x/>"}),
            "f.xlsx",
        ),
        "path_traversal_in_a_real_workbook": (
            _workbook_with({"../../../../tmp/kozomol-evil.txt": b"owned"}),
            "f.xlsx",
        ),
        "xml_bomb_in_sheet": (_zip({"xl/workbook.xml": XML_BOMB, "[Content_Types].xml": XML_BOMB}), "f.xlsx"),
        "xml_bomb_in_a_real_workbook": (
            _workbook_with({}, replace={"xl/worksheets/sheet1.xml": XML_BOMB}),
            "f.xlsx",
        ),
        "utf16_csv": (CSV_FORM.encode("utf-16"), "form.csv"),
        "cp1251_csv": (CSV_FORM.encode("cp1251"), "form.csv"),
        "oversized": (b"PK" + b"\0" * (21 * 1024 * 1024), "form.xlsx"),
        "empty": (b"", "form.xlsx"),
    }[case]
    versions = FormVersion.objects.count()
    response = _upload_xlsform(collect, name, content)
    _assert_form_refused(collect, response, versions)
    assert not Path("/tmp/kozomol-evil.txt").exists()


# --- CSV / XLSX / ZIP submission import -------------------------------------------------------------


def _import_command(collect: dict[str, Any], tmp_path: Path, name: str, content: bytes) -> tuple[bool, str]:
    _tried("submission import")
    path = tmp_path / name
    path.write_bytes(content)
    out, err = io.StringIO(), io.StringIO()
    try:
        with contextlib.redirect_stderr(err):  # the command writes its row errors to sys.stderr
            call_command(
                "import_submissions",
                str(path),
                "--form",
                "migrant_test",
                "--no-progress",
                stdout=out,
                stderr=err,
            )
    except CommandError as exc:  # the file as a whole is unreadable
        return False, f"{exc} {err.getvalue()}"
    except SystemExit as exc:  # rows with errors: one line each on stderr, exit status 1
        assert exc.code == 1
        return False, err.getvalue()
    return True, out.getvalue()


HEADER = ["country", "city", "gender", "age", "has_contract", "meta/instanceID"]


@HYPOTHESIS
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "country": st.sampled_from(["RU", "KZ", "Mars", "", "ru"]),
                "age": st.one_of(st.integers(-5, 200).map(str), st.text(max_size=6)),
                "gender": st.sampled_from(["female", "male", "x"]),
            }
        ),
        min_size=1,
        max_size=12,
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1251"]),
)
def test_generated_csv_imports_all_rows_or_none(collect, tmp_path_factory, rows, delimiter, encoding):
    import csv
    import uuid

    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter)
    writer.writerow(HEADER)
    for row in rows:
        writer.writerow([row["country"], "moscow", row["gender"], row["age"], "yes", f"uuid:{uuid.uuid4()}"])
    try:
        content = buf.getvalue().encode(encoding)
    except UnicodeEncodeError:
        content = buf.getvalue().encode("utf-8")
    before = Submission.objects.count()
    ok, message = _import_command(collect, tmp_path_factory.mktemp("csv"), "data.csv", content)
    if ok:
        assert Submission.objects.count() == before + len(rows)
    else:
        assert Submission.objects.count() == before, "a refused import stored rows"
        assert message.strip(), "refused without a message"


@HYPOTHESIS
@given(content=st.binary(max_size=2048), suffix=st.sampled_from([".csv", ".xlsx", ".zip"]))
def test_arbitrary_bytes_as_submissions_store_nothing(collect, tmp_path_factory, content, suffix):
    before = Submission.objects.count()
    ok, message = _import_command(collect, tmp_path_factory.mktemp("bytes"), f"data{suffix}", content)
    assert not ok or Submission.objects.count() >= before
    if not ok:
        assert Submission.objects.count() == before and message.strip()


@pytest.mark.parametrize(
    "case",
    ["zip_bomb", "xlsx_bomb", "path_traversal", "truncated_xlsx", "utf16", "latin1_garbage", "xml_bomb_xlsx"],
)
def test_hostile_submission_files_are_refused_with_a_message(collect, tmp_path, case):
    good_csv = b"country,city,gender,age,has_contract,meta/instanceID\nRU,moscow,female,30,yes,uuid:1\n"
    good_xlsx = _xlsx([HEADER, ["RU", "moscow", "female", 30, "yes", "uuid:2"]])
    content, name = {
        "zip_bomb": (_zip({"data.csv": good_csv + b" " * (80 * 1024 * 1024)}), "export.zip"),
        "xlsx_bomb": (
            _zip({"xl/worksheets/sheet1.xml": _bomb_xml(60), "xl/workbook.xml": b"<x/>"}),
            "data.xlsx",
        ),
        "path_traversal": (_zip({"../../../../tmp/kozomol-evil.csv": good_csv}), "export.zip"),
        "truncated_xlsx": (good_xlsx[: len(good_xlsx) // 2], "data.xlsx"),
        "utf16": (good_csv.decode().encode("utf-16-le"), "data.csv"),
        "latin1_garbage": (bytes(range(128, 256)) * 40, "data.csv"),
        "xml_bomb_xlsx": (_zip({"xl/workbook.xml": XML_BOMB, "[Content_Types].xml": XML_BOMB}), "data.xlsx"),
    }[case]
    before = Submission.objects.count()
    ok, message = _import_command(collect, tmp_path, name, content)
    assert not Path("/tmp/kozomol-evil.csv").exists()
    if case == "path_traversal":
        return  # members are read in memory, never extracted: the name is harmless (nothing written)
    assert not ok, f"{case} was imported: {message}"
    assert Submission.objects.count() == before
    assert message.strip() and "Traceback" not in message
    assert not Path("/tmp/kozomol-evil.csv").exists()


def test_the_import_page_answers_a_bad_file_with_its_problems(collect):
    _tried("submission import")
    slug = collect["world"].campaign.slug
    client = collect["coordinator"]
    response = client.post(
        reverse("submissions:import_upload", kwargs={"slug": slug}),
        {"form": collect["form"].pk, "files": SimpleUploadedFile("data.xlsx", b"PK\x03\x04 truncated")},
        follow=True,
    )
    _no_crash(response)
    assert Submission.objects.count() == 0


# --- OpenRosa XML -----------------------------------------------------------------------------------


def _post_xml(collect: dict[str, Any], xml: bytes, files: dict[str, bytes] | None = None) -> Any:
    _tried("OpenRosa XML")
    data: dict[str, Any] = {"xml_submission_file": SimpleUploadedFile("submission.xml", xml, "text/xml")}
    for name, content in (files or {}).items():
        data[name] = SimpleUploadedFile(name, content)
    return Client(raise_request_exception=False).post(collect["url"], data, HTTP_X_OPENROSA_VERSION="1.0")


@HYPOTHESIS
@given(
    age=st.text(max_size=12),
    story=st.text(max_size=200),
    country=st.text(max_size=8),
)
def test_generated_openrosa_values_are_stored_whole_or_refused(collect, age, story, country):
    from xml.sax.saxutils import escape

    clean = {
        k: "".join(ch for ch in v if ch.isprintable())
        for k, v in {"a": age, "s": story, "c": country}.items()
    }
    _iid, xml = submission_xml(age=escape(clean["a"]), story=escape(clean["s"]), photo="", recording="")
    xml = xml.replace(b"<country>RU</country>", f"<country>{escape(clean['c'])}</country>".encode())
    before = Submission.objects.count()
    response = _post_xml(collect, xml)
    _no_crash(response)
    assert response.status_code in (201, 202, 400, 409, 413), response.content[:300]
    if response.status_code >= 400:
        assert Submission.objects.count() == before and b"<message" in response.content


@HYPOTHESIS
@given(content=st.binary(max_size=2048))
def test_arbitrary_bytes_as_an_openrosa_submission_are_refused(collect, content):
    before = Submission.objects.count()
    response = _post_xml(collect, content)
    _no_crash(response)
    assert response.status_code in (400, 409, 413), response.content[:300]
    assert Submission.objects.count() == before


@pytest.mark.parametrize(
    "case", ["billion_laughs", "external_entity", "truncated", "wrong_encoding", "oversized"]
)
def test_hostile_openrosa_submissions_are_refused(collect, case):
    _iid, good = submission_xml(photo="", recording="")
    content = {
        "billion_laughs": XML_BOMB,
        "external_entity": XXE,
        "truncated": good[: len(good) // 2],
        "wrong_encoding": good.replace(b'<?xml version="1.0"?>', b'<?xml version="1.0" encoding="utf-16"?>'),
        "oversized": good.replace(b"</data>", b"<pad>" + b"x" * (12 * 1024 * 1024) + b"</pad></data>"),
    }[case]
    response = _post_xml(collect, content)
    _no_crash(response)
    assert response.status_code in (400, 413), (case, response.status_code, response.content[:300])
    assert Submission.objects.count() == 0 and Attachment.objects.count() == 0
    assert b"root:" not in response.content


# --- REFI-QDA .qdc / .qdpx -----------------------------------------------------------------------------


def _qda_post(collect: dict[str, Any], kind: str, name: str, content: bytes) -> Any:
    _tried("REFI-QDA")
    slug = collect["world"].campaign.slug
    url = reverse(
        "coding:codebook_import" if kind == "qdc" else "coding:project_import", kwargs={"slug": slug}
    )
    return collect["coordinator"].post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def _assert_qda_refused(response: Any, codes: int, documents: int) -> None:
    _no_crash(response)
    assert response.status_code == 200
    assert Code.objects.count() == codes and Document.objects.count() == documents
    assert "errornote" in response.content.decode() or "error" in response.content.decode()


@HYPOTHESIS
@given(content=st.binary(max_size=2048), kind=st.sampled_from(["qdc", "qdpx"]))
def test_arbitrary_bytes_as_refi_qda_are_refused(collect, content, kind):
    codes, documents = Code.objects.count(), Document.objects.count()
    _assert_qda_refused(_qda_post(collect, kind, f"x.{kind}", content), codes, documents)


@HYPOTHESIS
@given(names=st.lists(st.text(min_size=0, max_size=40), min_size=1, max_size=6), nest=st.booleans())
def test_generated_codebooks_are_read_whole_or_refused(collect, names, nest):
    import uuid
    from xml.sax.saxutils import quoteattr

    inner = "".join(
        f"<Code guid={quoteattr(str(uuid.uuid4()))} name={quoteattr(''.join(c for c in n if c.isprintable()))} "
        f'isCodable="true">{"<Code guid=" + quoteattr(str(uuid.uuid4())) + ' name="x" isCodable="true"/>' if nest else ""}'
        "</Code>"
        for n in names
    )
    xml = f'<?xml version="1.0" encoding="utf-8"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>{inner}</Codes></CodeBook>'
    before = Code.objects.count()
    response = _qda_post(collect, "qdc", "generated.qdc", xml.encode())
    _no_crash(response)
    after = Code.objects.count()
    refused = any(m.level >= 40 for m in response.context["messages"])
    if refused:
        assert after == before, "a refused codebook was read in part"  # all of it or nothing
    else:  # read whole; codes whose name is already there are merged, not added twice
        assert before <= after <= before + len(names) * (2 if nest else 1)


@pytest.mark.parametrize(
    "case",
    [
        "billion_laughs",
        "external_entity",
        "truncated",
        "zip_bomb",
        "path_traversal",
        "xml_bomb_qdpx",
        "oversized",
    ],
)
def test_hostile_refi_qda_files_are_refused(collect, case):
    kind, content = {
        "billion_laughs": (
            "qdc",
            XML_BOMB.replace(b"<data", b"<CodeBook").replace(b"</data>", b"</CodeBook>"),
        ),
        "external_entity": (
            "qdc",
            b'<?xml version="1.0"?><!DOCTYPE c [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b'<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code guid="5a1f7f5e-1f1e-4c1e-9a1e-1f1e1f1e1f1e" '
            b'name="&x;" isCodable="true"/></Codes></CodeBook>',
        ),
        "truncated": (
            "qdc",
            b'<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code gu',
        ),
        "zip_bomb": (
            "qdpx",
            _zip({"project.qde": b"<Project>" + b" " * (120 * 1024 * 1024) + b"</Project>"}),
        ),
        "path_traversal": (
            "qdpx",
            _zip(
                {
                    "project.qde": b'<Project xmlns="urn:QDA-XML:project:1.0"/>',
                    "../../../tmp/kozomol-evil.txt": b"x",
                }
            ),
        ),
        "xml_bomb_qdpx": ("qdpx", _zip({"project.qde": XML_BOMB})),
        "oversized": ("qdc", b"<CodeBook>" + b" " * (6 * 1024 * 1024) + b"</CodeBook>"),
    }[case]
    codes, documents = Code.objects.count(), Document.objects.count()
    response = _qda_post(collect, kind, f"hostile.{kind}", content)
    _assert_qda_refused(response, codes, documents)
    assert "root:" not in response.content.decode()
    assert not Path("/tmp/kozomol-evil.txt").exists()


@pytest.fixture(scope="module", autouse=True)
def _print_how_many_bad_inputs_were_tried() -> Any:
    yield
    total = sum(TRIED.values())
    print(f"\nbad inputs tried: {total} ({', '.join(f'{k}: {v}' for k, v in sorted(TRIED.items()))})")
