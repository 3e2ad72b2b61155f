"""Checking and cleaning the photos and scans migrants attach.

Images are opened by Pillow (``verify`` first, then a fresh decode), turned
upright, shrunk to at most 2000 px and re-encoded as JPEG from the pixels
alone, so EXIF (GPS position, phone model, time), XMP and comments are gone.
PDFs must start with the PDF signature and are rewritten page by page by
pypdf without the document information or XMP metadata. Anything else is
refused. Cleaned bytes are encrypted before they touch the disk.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_noop

from kozomol.cases.sealing import seal_bytes, unseal_bytes

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 3
MAX_PIXELS = 40_000_000  # refuses decompression bombs long before memory runs out
MAX_SIDE = 2000
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"}

ERROR_TOO_BIG = gettext_noop("The file is too big (at most 5 MB).")
ERROR_TOO_MANY = gettext_noop("Attach at most 3 files.")
ERROR_NOT_ALLOWED = gettext_noop("Only photos (JPEG, PNG, WebP) and PDF documents can be attached.")
ERROR_DAMAGED = gettext_noop("The file could not be read. Take the photo again or send another file.")


@dataclass(frozen=True)
class CleanFile:
    kind: str  # Attachment.Kind value
    data: bytes


def clean_upload(raw: bytes) -> CleanFile:
    """The cleaned content of an uploaded file, or ValidationError."""
    if len(raw) > MAX_FILE_BYTES:
        raise ValidationError(ERROR_TOO_BIG, code="too_big")
    if raw[:5] == b"%PDF-":
        return CleanFile("pdf", _clean_pdf(raw))
    return CleanFile("image", _clean_image(raw))


def _clean_image(raw: bytes) -> bytes:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(raw)) as probe:
                if probe.format not in IMAGE_FORMATS:
                    raise ValidationError(ERROR_NOT_ALLOWED, code="type")
                if probe.width * probe.height > MAX_PIXELS:
                    raise ValidationError(ERROR_TOO_BIG, code="too_big")
                probe.verify()
            with Image.open(io.BytesIO(raw)) as img:
                img.load()
                upright = ImageOps.exif_transpose(img)
                if upright.mode in ("RGBA", "LA", "P"):
                    upright = upright.convert("RGBA")
                    background = Image.new("RGB", upright.size, (255, 255, 255))
                    background.paste(upright, mask=upright.getchannel("A"))
                    upright = background
                else:
                    upright = upright.convert("RGB")
                upright.thumbnail((MAX_SIDE, MAX_SIDE))
                # A new image from the pixels only: no info dict, so no EXIF/XMP/ICC.
                bare = Image.frombytes("RGB", upright.size, upright.tobytes())
                out = io.BytesIO()
                bare.save(out, format="JPEG", quality=82, optimize=True)
                return out.getvalue()
    except ValidationError:
        raise
    except (UnidentifiedImageError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(ERROR_NOT_ALLOWED, code="type") from None
    except (OSError, ValueError, SyntaxError):
        raise ValidationError(ERROR_DAMAGED, code="damaged") from None


def _clean_pdf(raw: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw))
        if reader.is_encrypted:
            raise ValidationError(ERROR_DAMAGED, code="encrypted")
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.add_metadata({"/Producer": "Kozomol"})
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    except ValidationError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError):
        raise ValidationError(ERROR_DAMAGED, code="damaged") from None


def storage_dir() -> Path:
    """Outside STATIC_ROOT and never served by URL: files leave only through access-checked views."""
    path = Path(settings.MEDIA_ROOT) / "cases"
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return path


def write_encrypted(name: str, data: bytes) -> None:
    path = storage_dir() / f"{name}.bin"
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(seal_bytes(data, f"attachment:{name}"))
    tmp.replace(path)


def read_decrypted(name: str) -> bytes:
    return unseal_bytes((storage_dir() / f"{name}.bin").read_bytes(), f"attachment:{name}")


def stored_blob(name: str) -> bytes:
    return (storage_dir() / f"{name}.bin").read_bytes()
