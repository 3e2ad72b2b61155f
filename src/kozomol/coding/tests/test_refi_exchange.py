"""REFI-QDA: .qdpx export valid against Project.xsd, lossless round trip, .qdc codebooks, safe archives."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from kozomol.coding import refi
from kozomol.coding.models import Code, CodedPassage, Document, Memo
from kozomol.coding.services import codebook_seed, document_create, memo_create, passages_create
from kozomol.testing import make_campaign

pytestmark = pytest.mark.django_db

XSD_DIR = Path("/work/shared/external/refi-qda")
DATA = Path(__file__).parent / "data"
TEXT = (
    "Интервьюер: Как вас оформили?\r\n"
    "Респондент: Работали без договора, паспорт забрал бригадир. Зарплату не платили три месяца.\r\n"
    "Жили вшестером в одной комнате. 😀 Потом нас выселили."
)


def _project(world):
    analyst, coordinator = world.users["analyst"], world.users["coordinator"]
    codebook_seed(actor=coordinator, campaign=world.campaign)
    codes = {c.identifier: c for c in Code.objects.filter(campaign=world.campaign)}
    group = world.campaign.target_groups.get(code="migrants")
    doc = document_create(
        actor=coordinator,
        campaign=world.campaign,
        title="Интервью №1",
        text=TEXT,
        external_id="int-1",
        target_group=group,
        country_code="RU",
        gender="female",
        profile={"age": 34, "occupation": "строитель", "married": True},
        metadata={"interviewer": "Ж."},
    )
    document_create(
        actor=coordinator,
        campaign=world.campaign,
        title="Кейс без кодов",
        text="Короткая история.",
        kind=Document.Kind.CASE_STORY,
    )
    t = doc.text
    s = t.index("Работали")
    e = t.index("бригадир.") + len("бригадир.")
    passages_create(
        actor=analyst,
        document=doc,
        codes=[codes["LABOUR.NO_CONTRACT"], codes["LABOUR.DOCUMENTS_CONFISCATED"]],
        start=s,
        end=e,
        memo="ключевая цитата",
    )
    s2 = t.index("Жили")
    passages_create(
        actor=coordinator,
        document=doc,
        codes=[codes["HOUSING.OVERCROWDING"]],
        start=s2,
        end=t.index("😀") + 1,
    )
    p = passages_create(
        actor=coordinator,
        document=doc,
        codes=[codes["LABOUR.WAGES_UNPAID"]],
        start=t.index("Зарплату"),
        end=t.index("месяца.") + 7,
    )[0]
    memo_create(actor=analyst, text="Проверить с юристом", document=doc)
    memo_create(actor=coordinator, text="Сюда же невыплаты", code=codes["LABOUR"])
    memo_create(actor=analyst, text="Типичный случай", passage=p)
    return doc


def _qde(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("project.qde")


def _without_project_attributes(qde: bytes) -> bytes:
    from lxml import etree

    root = etree.fromstring(qde)
    for key in ("name", "creationDateTime"):
        root.attrib.pop(key, None)
    return etree.tostring(root)


def test_qdpx_export_is_valid_against_the_project_schema(world):
    _project(world)
    data = refi.export_qdpx(world.campaign)
    qde = _qde(data)
    assert refi.validate(qde, str(XSD_DIR / "Project.xsd")) == []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        texts = [n for n in archive.namelist() if n.startswith("sources/")]
        assert len(texts) == 2
    assert b"<Case " in qde and b"<Variable " in qde and b"<Note " in qde and b"<User " in qde


def test_export_import_export_gives_the_same_project(world):
    doc = _project(world)
    first = refi.export_qdpx(world.campaign)
    target = make_campaign(world.org, slug="copy", actor=world.users["coordinator"], title="Копия")
    summary = refi.import_qdpx(actor=world.users["coordinator"], campaign=target, data=first)
    assert summary.documents == 2 and summary.passages == 4 and summary.memos == 3
    copy = Document.objects.get(campaign=target, guid=doc.guid)
    assert copy.text == doc.text and copy.profile == doc.profile and copy.country_code == "RU"
    assert copy.target_group.code == "migrants" and copy.metadata == {"interviewer": "Ж."}
    assert CodedPassage.objects.filter(document=copy, coder=world.users["analyst"]).count() == 2
    assert (
        CodedPassage.objects.get(document=copy, code__identifier="LABOUR.NO_CONTRACT").memo
        == "ключевая цитата"
    )
    second = refi.export_qdpx(target)
    a, b = _without_project_attributes(_qde(first)), _without_project_attributes(_qde(second))
    assert a == b, _debug_diff(_qde(first), _qde(second))
    # A second import of the same project changes nothing.
    again = refi.import_qdpx(actor=world.users["coordinator"], campaign=target, data=first)
    assert again.documents == 0 and again.skipped_documents == 2
    assert Memo.objects.filter(campaign=target).count() == 3


def test_positions_are_code_points_even_past_characters_outside_the_bmp(world):
    doc = _project(world)
    target = make_campaign(world.org, slug="copy2", actor=world.users["coordinator"])
    refi.import_qdpx(actor=world.users["coordinator"], campaign=target, data=refi.export_qdpx(world.campaign))
    copy = Document.objects.get(campaign=target, guid=doc.guid)
    passage = CodedPassage.objects.get(document=copy, code__identifier="HOUSING.OVERCROWDING")
    assert copy.text[passage.start : passage.end].endswith("😀")


def test_codebook_export_validates_and_imports_back(world):
    codebook_seed(actor=None, campaign=world.campaign)
    qdc = refi.codebook_to_qdc(world.campaign)
    assert refi.validate(qdc, str(XSD_DIR / "Codebook.xsd")) == []
    target = make_campaign(world.org, slug="cb", actor=world.users["coordinator"])
    refi.import_qdc(actor=None, campaign=target, data=qdc)
    copied = Code.objects.get(campaign=target, identifier="LABOUR.WAGES_UNPAID")
    original = Code.objects.get(campaign=world.campaign, identifier="LABOUR.WAGES_UNPAID")
    assert (copied.label_ky, copied.label_en, copied.parent.identifier) == (
        original.label_ky,
        original.label_en,
        "LABOUR",
    )
    assert refi.codebook_to_qdc(target) == qdc


def test_a_codebook_exported_by_taguette_imports(world):
    # Written by taguette.export.codebook_xml (Taguette 1.5.2); its empty <Sets/> is not schema-valid.
    data = (DATA / "taguette_codebook.qdc").read_bytes()
    assert refi.validate(data, str(XSD_DIR / "Codebook.xsd"))
    codes = refi.import_qdc(actor=None, campaign=world.campaign, data=data)
    identifiers = {c.identifier: c for c in codes}
    assert set(identifiers) == {"ZARPLATA", "LABOUR", "LABOUR.WAGES", "ZHILE_I_OBSHCHEZHITIIA", "INTERESTING"}
    assert identifiers["ZARPLATA"].label_ru == "зарплата"
    assert identifiers["LABOUR.WAGES"].parent == identifiers["LABOUR"]


@pytest.mark.parametrize("name", ["../evil.txt", "/etc/passwd", "sources/../../x", "C:\\windows\\x"])
def test_archives_with_unsafe_entry_names_are_refused(world, name):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", b"<Project xmlns='urn:QDA-XML:project:1.0' name='x'/>")
        archive.writestr(name, b"x")
    with pytest.raises(ValidationError, match="unsafe"):
        refi.import_qdpx(actor=None, campaign=world.campaign, data=buffer.getvalue())


def test_zip_bombs_and_non_zips_are_refused(world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", b"<Project xmlns='urn:QDA-XML:project:1.0' name='x'/>")
        archive.writestr("sources/big.txt", b"0" * (2 * 1024 * 1024))
    with pytest.raises(ValidationError, match="too large"):
        refi.import_qdpx(actor=None, campaign=world.campaign, data=buffer.getvalue())
    with pytest.raises(ValidationError, match="zip"):
        refi.import_qdpx(actor=None, campaign=world.campaign, data=b"not a zip")


def test_a_selection_outside_its_text_is_refused_and_nothing_is_written(world):
    qde = (
        "<Project xmlns='urn:QDA-XML:project:1.0' name='x'><CodeBook><Codes>"
        "<Code guid='11111111-1111-1111-1111-111111111111' name='A' isCodable='true'/></Codes></CodeBook>"
        "<Sources><TextSource guid='22222222-2222-2222-2222-222222222222' name='s'>"
        "<PlainTextContent>короткий</PlainTextContent>"
        "<PlainTextSelection guid='33333333-3333-3333-3333-333333333333' startPosition='2' endPosition='99'>"
        "<Coding guid='44444444-4444-4444-4444-444444444444'>"
        "<CodeRef targetGUID='11111111-1111-1111-1111-111111111111'/></Coding></PlainTextSelection>"
        "</TextSource></Sources></Project>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("project.qde", qde.encode())
    with pytest.raises(ValidationError, match="outside"):
        refi.import_qdpx(actor=None, campaign=world.campaign, data=buffer.getvalue())
    assert not Document.objects.filter(campaign=world.campaign).exists()
    assert not Code.objects.filter(campaign=world.campaign).exists()


def _debug_diff(a: bytes, b: bytes) -> str:
    import difflib

    return "\n".join(difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=1))
