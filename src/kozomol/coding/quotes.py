"""Quotes of retrieved passages as DOCX (python-docx), XLSX (openpyxl) and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from kozomol.coding.models import CodedPassage


def _row(passage: CodedPassage) -> dict[str, Any]:
    document = passage.document
    return {
        "code": passage.code.identifier,
        "label": passage.code.label,
        "quote": passage.text,
        "document": document.title,
        "document_id": document.external_id or str(document.pk),
        "country": document.country_code,
        "city": document.city.name if document.city else "",
        "target_group": document.target_group.name if document.target_group else "",
        "gender": document.gender,
        "coder": passage.coder.get_full_name(),
        "start": passage.start,
        "end": passage.end,
        "memo": passage.memo,
    }


COLUMNS = [
    "code",
    "label",
    "quote",
    "document",
    "document_id",
    "country",
    "city",
    "target_group",
    "gender",
    "coder",
    "start",
    "end",
    "memo",
]


def quotes_csv(passages: Iterable[CodedPassage]) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for passage in passages:
        writer.writerow(_row(passage))
    # A BOM so that Excel opens Cyrillic CSV as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def quotes_xlsx(passages: Iterable[CodedPassage]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.title = "quotes"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for passage in passages:
        row = _row(passage)
        sheet.append([row[c] for c in COLUMNS])
    sheet.column_dimensions["C"].width = 80
    for cell in sheet["C"][1:]:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def quotes_docx(passages: Iterable[CodedPassage], *, title: str) -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    document.add_heading(title, level=1)
    current = None
    for passage in passages:
        if passage.code_id != current:
            current = passage.code_id
            document.add_heading(f"{passage.code.identifier} — {passage.code.label}", level=2)
        quote = document.add_paragraph(style="Intense Quote")
        quote.add_run(f"«{passage.text}»")
        row = _row(passage)
        context = ", ".join(v for v in (row["target_group"], row["country"], row["city"], row["gender"]) if v)
        source = document.add_paragraph()
        run = source.add_run(
            _("Source: %(document)s (%(context)s), coded by %(coder)s")
            % {
                "document": row["document"],
                "context": context or "—",
                "coder": row["coder"],
            }
        )
        run.font.size = Pt(9)
        run.italic = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
