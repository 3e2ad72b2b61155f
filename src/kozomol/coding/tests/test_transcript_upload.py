"""Uploaded transcripts: .txt (UTF-8, cp1251), .docx, .odt, .pdf with a text layer; clear errors otherwise."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import translation

from kozomol.coding.extract import extract_text
from kozomol.coding.models import Document
from kozomol.testing import PASSWORD

PHRASE = "Зарплату не платили три месяца."


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Интервью")
    document.add_paragraph(PHRASE)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _odt() -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.text import P

    document = OpenDocumentText()
    document.text.addElement(P(text="Интервью"))
    document.text.addElement(P(text=PHRASE))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(with_text: bool) -> bytes:
    import weasyprint

    html = f"<p>{PHRASE}</p>" if with_text else "<div style='width:10px;height:10px;background:#000'></div>"
    return weasyprint.HTML(string=html).write_pdf()


def test_text_comes_out_of_each_supported_format():
    assert extract_text("a.txt", PHRASE.encode("utf-8")) == PHRASE
    assert extract_text("a.txt", ("\ufeff" + PHRASE + "\r\n").encode("utf-8")) == PHRASE
    assert extract_text("a.txt", PHRASE.encode("cp1251")) == PHRASE
    assert PHRASE in extract_text("a.docx", _docx())
    assert PHRASE in extract_text("a.odt", _odt())
    assert PHRASE in extract_text("a.pdf", _pdf(True)).replace("\n", " ")


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.exe", b"MZ", "reads .txt"),
        ("a.docx", b"not a zip", "not a readable Word"),
        ("a.odt", b"not a zip", "not a readable OpenDocument"),
        ("a.pdf", b"%PDF-garbage", "not a readable PDF"),
        ("a.txt", b"   \n  ", "contains no text"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(name, data, message):
    with pytest.raises(ValidationError, match=message):
        extract_text(name, data)


def _bomb(real: bytes, entry: str, payload: bytes) -> bytes:
    """A real document with one more entry added (``payload`` stored deflated)."""
    buffer = io.BytesIO(real)
    with zipfile.ZipFile(buffer, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(entry, payload)
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["docx", "odt"])
def test_a_document_that_unpacks_to_far_more_than_it_weighs_is_refused_before_it_is_read(kind):
    real = _docx() if kind == "docx" else _odt()
    bomb = _bomb(real, "word/media/filler.xml", b" " * (16 * 1024 * 1024))  # 16 MB in about 16 KB
    climbing = _bomb(real, "../../outside.xml", b"<x/>")

    assert len(bomb) < 100_000
    with translation.override("en"):
        with pytest.raises(ValidationError, match="is refused"):
            extract_text(f"a.{kind}", bomb)
        with pytest.raises(ValidationError, match="is refused"):
            extract_text(f"a.{kind}", climbing)


def test_a_scanned_pdf_without_text_layer_is_refused():
    with pytest.raises(ValidationError, match="no text layer"):
        extract_text("scan.pdf", _pdf(False))


@pytest.mark.django_db
def test_a_monitor_uploads_a_docx_transcript(world):
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.login(username=world.users["monitor"].email, password=PASSWORD)
    url = reverse("coding:document_create", kwargs={"slug": world.campaign.slug})
    upload = io.BytesIO(_docx())
    upload.name = "интервью.docx"
    response = client.post(
        url, {"title": "Интервью 7", "kind": "transcript", "file": upload, "country_code": "RU"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get(campaign=world.campaign)
    assert PHRASE in document.text and document.original_filename == "интервью.docx"
    bad = io.BytesIO(b"not a zip")
    bad.name = "broken.docx"
    response = client.post(url, {"title": "Плохой", "kind": "transcript", "file": bad})
    assert response.status_code == 200 and "broken.docx" in response.content.decode()
    assert Document.objects.filter(campaign=world.campaign).count() == 1
