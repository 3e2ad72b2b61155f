"""Text out of uploaded transcripts: .txt, .docx (python-docx), .odt (odfpy), .pdf with a text layer (pypdf)."""

from __future__ import annotations

import io
import zipfile
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from kozomol.coding.text import normalise_text
from kozomol.lib import zipcheck
from kozomol.lib.zipcheck import ZipLimits

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
MAX_TEXT_CHARS = 2_000_000
EXTENSIONS = (".txt", ".docx", ".odt", ".pdf")

TOO_LARGE_ERROR = gettext_noop("The file is larger than %(limit)s MB.")
BAD_TYPE_ERROR = gettext_noop("Kozomol reads .txt, .docx, .odt and .pdf files; %(name)s is none of them.")
NOT_A_DOCX_ERROR = gettext_noop("%(name)s is not a readable Word (.docx) document.")
NOT_AN_ODT_ERROR = gettext_noop("%(name)s is not a readable OpenDocument (.odt) text.")
NOT_A_PDF_ERROR = gettext_noop("%(name)s is not a readable PDF.")
NO_TEXT_LAYER_ERROR = gettext_noop(
    "%(name)s has no text layer (a scanned PDF?): run OCR first or upload the text."
)
ENCODING_ERROR = gettext_noop("%(name)s is not UTF-8 or Windows-1251 text.")
EMPTY_FILE_ERROR = gettext_noop("%(name)s contains no text.")
TEXT_TOO_LONG_ERROR = gettext_noop("%(name)s holds more than %(limit)s characters.")
UNSAFE_PACKAGE_ERROR = gettext_noop(
    "%(name)s is refused: it unpacks to far more than it weighs, or names files outside itself."
)

# A .docx or .odt is a ZIP. Text and pictures unpack to a few times their size; what unpacks to
# hundreds of times, or past these sizes, would only fill the memory of the server reading it.
DOCUMENT_ZIP_LIMITS = ZipLimits(entries=5_000, entry_bytes=200 * 1024 * 1024, total_bytes=400 * 1024 * 1024)


def extract_text(name: str, data: bytes) -> str:
    """The normalised text of an uploaded file, or a ValidationError saying what is wrong with it."""
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(_(TOO_LARGE_ERROR) % {"limit": MAX_UPLOAD_BYTES // (1024 * 1024)})
    suffix = PurePath(name).suffix.lower()
    if suffix not in EXTENSIONS:
        raise ValidationError(_(BAD_TYPE_ERROR) % {"name": name})
    reader = {".txt": _txt, ".docx": _docx, ".odt": _odt, ".pdf": _pdf}[suffix]
    text = normalise_text(reader(name, data)).strip("\n")
    if not text.strip():
        raise ValidationError(_(EMPTY_FILE_ERROR) % {"name": name})
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(_(TEXT_TOO_LONG_ERROR) % {"name": name, "limit": MAX_TEXT_CHARS})
    return text


def _txt(name: str, data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        # Older Russian Windows files; cp1251 decodes almost anything, so check it looks like text.
        text = data.decode("cp1251")
    except UnicodeDecodeError as exc:
        raise ValidationError(_(ENCODING_ERROR) % {"name": name}) from exc
    if sum(ch.isprintable() or ch in "\n\r\t" for ch in text) < 0.95 * len(text):
        raise ValidationError(_(ENCODING_ERROR) % {"name": name})
    return text


def _check_package(name: str, data: bytes, unreadable: str) -> None:
    """Refuse a .docx or .odt that is no ZIP, or a ZIP bomb, before its library unpacks it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            zipcheck.check_archive(archive, DOCUMENT_ZIP_LIMITS)
    except zipfile.BadZipFile as exc:
        raise ValidationError(_(unreadable) % {"name": name}) from exc
    except zipcheck.ZipRefused:
        raise ValidationError(_(UNSAFE_PACKAGE_ERROR) % {"name": name}) from None


def _docx(name: str, data: bytes) -> str:
    import docx

    _check_package(name, data, NOT_A_DOCX_ERROR)
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds of errors on bad files
        raise ValidationError(_(NOT_A_DOCX_ERROR) % {"name": name}) from exc
    parts: list[str] = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.append("\t".join(cell.text for cell in row.cells))
    return "\n".join(parts)


def _odt(name: str, data: bytes) -> str:
    from odf import teletype
    from odf.opendocument import load
    from odf.text import H, P

    _check_package(name, data, NOT_AN_ODT_ERROR)
    try:
        zipfile.ZipFile(io.BytesIO(data)).testzip()
        document = load(io.BytesIO(data))
    except Exception as exc:
        raise ValidationError(_(NOT_AN_ODT_ERROR) % {"name": name}) from exc
    lines = []
    for element in document.text.childNodes:
        if element.qname[1] in ("p", "h"):
            lines.append(teletype.extractText(element))
        else:
            lines.extend(teletype.extractText(node) for node in element.getElementsByType(P))
            lines.extend(teletype.extractText(node) for node in element.getElementsByType(H))
    return "\n".join(lines)


def _pdf(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValidationError(_(NOT_A_PDF_ERROR) % {"name": name}) from exc
    text = "\n\n".join(page.strip() for page in pages)
    if not text.strip():
        raise ValidationError(_(NO_TEXT_LAYER_ERROR) % {"name": name})
    return text
