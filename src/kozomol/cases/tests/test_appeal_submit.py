from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from kozomol.cases.forms import ERROR_CONSENT, ERROR_CONTACT_NEEDED, ERROR_HONEYPOT
from kozomol.cases.models import Attachment, Case, CaseViolation
from kozomol.cases.tests.conftest import appeal_post, jpeg_with_gps
from kozomol.testing import World

pytestmark = pytest.mark.django_db


def test_anonymous_appeal_gets_code_and_secret_and_goes_to_the_intake_organisation(reception: World) -> None:
    response = Client().post("/appeal/", appeal_post())
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.reference in response.content.decode()
    assert response.context["secret"] in response.content.decode()
    assert response.context["secret"] not in case.secret_hash
    assert case.organisation == reception.org
    assert case.violation_codes == ["LABOUR.WAGES_UNPAID"]
    assert list(CaseViolation.objects.values_list("code", flat=True)) == ["LABOUR.WAGES_UNPAID"]
    assert case.city.code == "KZ-almaty"
    assert response["Cache-Control"].startswith("no-store")


def test_anonymous_appeal_keeps_no_name_or_number(reception: World) -> None:
    Client().post(
        "/appeal/", appeal_post(full_name="Асан Усенов", phone="+996555123456", passport_number="AN123")
    )
    case = Case.objects.get()
    assert (case.full_name_enc, case.phone_enc, case.passport_enc, case.phone_bidx) == ("", "", "", "")


def test_contact_details_are_stored_encrypted(reception: World) -> None:
    Client().post(
        "/appeal/", appeal_post(contact_method="whatsapp", full_name="Асан Усенов", phone="+996 555 123 456")
    )
    case = Case.objects.get()
    assert "Асан" not in case.full_name_enc and case.full_name_enc.startswith("v1.")
    assert "555" not in case.phone_enc and case.phone_bidx


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent": None}, "consent", ERROR_CONSENT),
        ({"website": "http://spam.example"}, "website", ERROR_HONEYPOT),
        ({"contact_method": "phone", "phone": ""}, "phone", ERROR_CONTACT_NEEDED),
    ],
)
def test_bad_appeals_are_refused_with_a_message(
    reception: World, overrides: dict[str, Any], field: str, message: str
) -> None:
    response = Client().post("/appeal/", appeal_post(**overrides))
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert not Case.objects.exists()


def test_city_must_be_in_the_country(reception: World) -> None:
    response = Client().post("/appeal/", appeal_post(country="RU", city="KZ-almaty"))
    assert "city" in response.context["form"].errors
    assert not Case.objects.exists()


def test_photo_is_cleaned_and_stored_encrypted(reception: World) -> None:
    from io import BytesIO

    from PIL import Image

    from kozomol.cases import uploads

    photo = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), content_type="image/jpeg")
    Client().post("/appeal/", {**appeal_post(), "documents": [photo]})
    attachment = Attachment.objects.get()
    blob = uploads.stored_blob(attachment.name)
    assert blob.startswith(b"KZE1") and b"PhoneMaker" not in blob
    clean = uploads.read_decrypted(attachment.name)
    with Image.open(BytesIO(clean)) as img:
        assert img.format == "JPEG"
        assert not img.getexif()
    assert b"PhoneMaker" not in clean and b"GPS" not in clean


def test_other_files_are_refused(reception: World) -> None:
    fake = SimpleUploadedFile("x.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")
    response = Client().post("/appeal/", {**appeal_post(), "documents": [fake]})
    assert "documents" in response.context["form"].errors
    assert not Case.objects.exists()


def test_pdf_is_rewritten_without_metadata(reception: World) -> None:
    from io import BytesIO

    from pypdf import PdfReader, PdfWriter

    from kozomol.cases import uploads

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    writer.add_metadata({"/Author": "Асан Усенов", "/Title": "passport"})
    raw = BytesIO()
    writer.write(raw)
    Client().post("/appeal/", {**appeal_post(), "documents": [SimpleUploadedFile("a.pdf", raw.getvalue())]})
    clean = uploads.read_decrypted(Attachment.objects.get().name)
    meta = PdfReader(BytesIO(clean)).metadata or {}
    assert "/Author" not in meta and "/Title" not in meta


def test_too_big_file_is_refused(reception: World) -> None:
    big = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024 + 1))
    response = Client().post("/appeal/", {**appeal_post(), "documents": [big]})
    assert "documents" in response.context["form"].errors


def test_form_page_is_small_and_needs_no_script(reception: World) -> None:
    response = Client().get("/appeal/")
    assert response.status_code == 200
    html = response.content.decode()
    assert len(response.content) < 40_000
    assert 'name="violation_types"' in html and 'enctype="multipart/form-data"' in html
    assert "<script>" not in html
