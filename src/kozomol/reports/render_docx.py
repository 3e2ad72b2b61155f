"""The report as a Word document (python-docx), optionally inside an organisation's own template.

Real heading styles (so Word's navigation pane and table of contents work), a
TOC field that Word fills when the document is opened, and a written list of
the sections beneath it so the contents can be read without Word.

A template is any .docx. Placeholders ``{{title}}``, ``{{organisation}}``,
``{{period}}``, ``{{place_year}}``, ``{{lang}}`` are replaced wherever they
appear (body, tables, headers, footers); the paragraph holding ``{{body}}`` is
replaced by the report. Without ``{{body}}`` the report is appended.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import override
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from kozomol.reports.builder import (
    Bullets,
    Figure,
    Heading,
    Paragraph,
    Quote,
    RecommendationItem,
    Report,
    Table,
)

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
BODY_PLACEHOLDER = "body"


def render_docx(report: Report, *, template: bytes | None = None, fixed_date: dt.date | None = None) -> bytes:
    with override(report.lang):
        return _render(report, template, fixed_date)


def _render(report: Report, template: bytes | None, fixed_date: dt.date | None) -> bytes:
    doc = Document(io.BytesIO(template)) if template else Document()
    _ensure_styles(doc)
    values = {
        "title": report.title,
        "organisation": report.organisation,
        "period": report.period,
        "place_year": report.place_year,
        "lang": report.lang,
    }
    anchor = None
    if template:
        anchor = _replace_placeholders(doc, values)
    # Hold the proxies so lxml keeps their identity while we compare.
    before = list(doc.element.body)
    existing = {id(el) for el in before}
    if not template:
        _title_page(doc, report)
    _contents(doc, report)
    for sec in report.sections:
        doc.add_heading(sec.heading, level=1)
        counter = 0
        for block in sec.blocks:
            if isinstance(block, RecommendationItem):
                counter += 1
                _recommendation(doc, block, counter)
                continue
            if isinstance(block, Heading):
                counter = 0
            _block(doc, block)
    if anchor is not None:
        # Move what was appended to where {{body}} stood.
        body = doc.element.body
        new = [el for el in body if id(el) not in existing and el.tag != qn("w:sectPr")]
        for el in new:
            anchor.addprevious(el)
        anchor.getparent().remove(anchor)
    props = doc.core_properties
    props.title = report.title
    props.author = report.organisation[:255]
    props.language = report.lang
    if fixed_date:
        stamp = dt.datetime(fixed_date.year, fixed_date.month, fixed_date.day, tzinfo=dt.UTC)
        props.created = stamp
        props.modified = stamp
        props.last_printed = stamp
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _ensure_styles(doc: Any) -> None:
    """Uploaded templates may lack (latent) built-in styles; add the ones we use."""
    names = {s.name for s in doc.styles}
    for name, size in (("Title", 24), ("Heading 1", 16), ("Heading 2", 13), ("Heading 3", 12)):
        if name not in names:
            style = doc.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
            style.font.bold = True
            style.font.size = Pt(size)
            level = {"Title": None, "Heading 1": 0, "Heading 2": 1, "Heading 3": 2}[name]
            if level is not None:
                ppr = style.element.get_or_add_pPr()
                outline = OxmlElement("w:outlineLvl")
                outline.set(qn("w:val"), str(level))
                ppr.append(outline)
    for name in ("Caption", "Quote", "List Bullet", "List Number", "Table Grid"):
        if name not in names:
            kind = WD_STYLE_TYPE.TABLE if name == "Table Grid" else WD_STYLE_TYPE.PARAGRAPH
            style = doc.styles.add_style(name, kind)
            if name == "Caption":
                style.font.bold = True
                style.font.size = Pt(9)
            if name == "Quote":
                style.font.italic = True


def _paragraphs_everywhere(doc: Any) -> list[Any]:
    paragraphs = list(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    for section in doc.sections:
        for part in (section.header, section.footer, section.first_page_header, section.first_page_footer):
            try:
                paragraphs.extend(part.paragraphs)
            except (AttributeError, ValueError):
                continue
    return paragraphs


def _replace_placeholders(doc: Any, values: dict[str, str]) -> Any:
    """Replace ``{{name}}`` in every paragraph (even when Word split it over runs); return the {{body}} element."""
    anchor = None
    for paragraph in _paragraphs_everywhere(doc):
        text = "".join(run.text for run in paragraph.runs)
        if "{{" not in text:
            continue
        names = {m.group(1) for m in PLACEHOLDER.finditer(text)}
        if BODY_PLACEHOLDER in names and anchor is None and paragraph._p.getparent() is doc.element.body:
            anchor = paragraph._p
            continue
        new = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), text)
        if new != text and paragraph.runs:
            paragraph.runs[0].text = new
            for run in paragraph.runs[1:]:
                run.text = ""
    return anchor


def _title_page(doc: Any, report: Report) -> None:
    for text, style, size in (
        (report.organisation, None, 14),
        (report.title, "Title", None),
        (f"{_('Monitoring period')}: {report.period}", None, 12),
        (report.place_year, None, 12),
    ):
        paragraph = doc.add_paragraph(style=style) if style else doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        if size:
            run.font.size = Pt(size)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _field(paragraph: Any, instruction: str, placeholder: str) -> None:
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")  # Word updates the field when the document opens
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = instruction
    run._r.append(instr)
    run = paragraph.add_run()
    sep = OxmlElement("w:fldChar")
    sep.set(qn("w:fldCharType"), "separate")
    run._r.append(sep)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _contents(doc: Any, report: Report) -> None:
    heading = doc.add_paragraph(report.contents_title, style="Title")
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _field(
        doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', _("Right-click to update the table of contents.")
    )
    for line in report.contents:
        doc.add_paragraph(line)
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _caption(doc: Any, label: str, number: int, text: str) -> None:
    paragraph = doc.add_paragraph(style="Caption")
    paragraph.add_run(f"{label} ")
    _field(paragraph, f"SEQ {'Table' if label == _('Table') else 'Figure'} \\* ARABIC", str(number))
    paragraph.add_run(f". {text}")


def _block(doc: Any, block: object) -> None:
    if isinstance(block, Heading):
        doc.add_heading(block.text, level=2 if block.level <= 2 else 3)
    elif isinstance(block, Paragraph):
        paragraph = doc.add_paragraph(block.text)
        if block.style == "muted":
            for run in paragraph.runs:
                run.italic = True
    elif isinstance(block, Bullets):
        style = "List Number" if block.numbered else "List Bullet"
        for item in block.items:
            doc.add_paragraph(item, style=style)
    elif isinstance(block, Quote):
        doc.add_paragraph(f"«{block.text}»", style="Quote")
        if block.source:
            doc.add_paragraph(f"— {block.source}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    elif isinstance(block, Table):
        _caption(doc, _("Table"), block.number, block.caption)
        table = doc.add_table(rows=1, cols=len(block.header))
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, block.header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(text).bold = True
        for row in block.rows:
            cells = table.add_row().cells
            for cell, text in zip(cells, row, strict=True):
                cell.text = text
        doc.add_paragraph()
    elif isinstance(block, Figure):
        doc.add_picture(io.BytesIO(block.png), width=Cm(15))
        _caption(doc, _("Figure"), block.number, block.caption)


def _recommendation(doc: Any, item: RecommendationItem, number: int) -> None:
    paragraph = doc.add_paragraph()
    paragraph.add_run(f"{number}. ").bold = True
    paragraph.add_run(item.text)
    meta = []
    if item.standards:
        meta.append(f"{_('Standards')}: {item.standards}")
    if item.status:
        meta.append(f"{_('Status')}: {item.status}")
    if meta:
        run = paragraph.add_run("\n" + " · ".join(meta))
        run.font.size = Pt(9)
        run.italic = True
