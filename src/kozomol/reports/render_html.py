"""The report as HTML: a fragment for the in-app preview, a whole document for download and for the PDF."""

from __future__ import annotations

import base64

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

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

PRINT_CSS = """
@page { size: A4; margin: 2cm 1.8cm; @bottom-center { content: counter(page); font-size: 9pt; color: #555; } }
body { font-family: "DejaVu Serif", "DejaVu Sans", serif; font-size: 11pt; line-height: 1.45; color: #111; }
h1, h2, h3, .title-page { font-family: "DejaVu Sans", sans-serif; }
h1 { font-size: 17pt; margin: 1.4em 0 .5em; page-break-before: always; }
h2 { font-size: 13.5pt; margin: 1.1em 0 .4em; }
h3 { font-size: 12pt; margin: 1em 0 .3em; }
.title-page { text-align: center; padding-top: 6cm; page-break-after: always; }
.title-page .report-title { font-size: 22pt; font-weight: bold; margin-bottom: 1.5cm; }
.title-page p { font-size: 13pt; }
.contents { page-break-after: always; }
.contents ol { list-style: none; padding: 0; }
table { border-collapse: collapse; width: 100%; margin: .3em 0 1em; font-size: 9.5pt; }
th, td { border: 1px solid #888; padding: 3px 5px; vertical-align: top; text-align: left; }
th { background: #e8edf2; }
caption { caption-side: top; text-align: left; font-weight: bold; margin-bottom: .2em; }
figure { margin: .5em 0 1em; page-break-inside: avoid; }
figure img { width: 15cm; }
figcaption { font-weight: bold; font-size: 10pt; }
blockquote { margin: .4em 0 .8em 1.2em; padding-left: .6em; border-left: 3px solid #9ab; font-style: italic; }
blockquote footer { font-style: normal; font-size: 9pt; color: #555; }
.lead { font-size: 12pt; }
.muted { color: #555; }
.rec-meta { font-size: 9pt; color: #444; }
"""


def _png_uri(figure: Figure) -> str:
    return "data:image/png;base64," + base64.b64encode(figure.png).decode("ascii")


def render_body(report: Report, *, charts: str = "svg") -> str:
    """The report's sections; ``charts`` is "svg" (inline vector) or "png" (embedded images, for the PDF)."""
    with override(report.lang):
        return _body(report, charts)


def _body(report: Report, charts: str) -> str:
    out: list[str] = []
    out.append('<section class="title-page" id="title-page">')
    out.append(f"<p>{escape(report.organisation)}</p>")
    out.append(f'<p class="report-title">{escape(report.title)}</p>')
    out.append(f"<p>{escape(_('Monitoring period'))}: {escape(report.period)}</p>")
    out.append(f"<p>{escape(report.place_year)}</p></section>")
    out.append(
        f'<nav class="contents" aria-labelledby="contents-title"><h2 id="contents-title">'
        f"{escape(report.contents_title)}</h2><ol>"
    )
    for sec in report.sections:
        out.append(f'<li><a href="#section-{sec.key}">{escape(sec.heading)}</a></li>')
    out.append("</ol></nav>")
    for sec in report.sections:
        out.append(f'<section class="report-section" id="section-{sec.key}"><h1>{escape(sec.heading)}</h1>')
        open_list = False
        for block in sec.blocks:
            if isinstance(block, RecommendationItem):
                if not open_list:
                    out.append('<ol class="recommendations">')
                    open_list = True
                meta = []
                if block.standards:
                    meta.append(f"{escape(_('Standards'))}: {escape(block.standards)}")
                if block.status:
                    meta.append(f"{escape(_('Status'))}: {escape(block.status)}")
                meta_html = f'<br><span class="rec-meta">{" · ".join(meta)}</span>' if meta else ""
                out.append(f"<li>{escape(block.text)}{meta_html}</li>")
                continue
            if open_list:
                out.append("</ol>")
                open_list = False
            out.append(_block(block, charts))
        if open_list:
            out.append("</ol>")
        out.append("</section>")
    return "\n".join(out)


def _block(block: object, charts: str) -> str:
    if isinstance(block, Heading):
        level = 2 if block.level <= 2 else 3
        return f"<h{level}>{escape(block.text)}</h{level}>"
    if isinstance(block, Paragraph):
        cls = f' class="{block.style}"' if block.style else ""
        return f"<p{cls}>{escape(block.text)}</p>"
    if isinstance(block, Bullets):
        tag = "ol" if block.numbered else "ul"
        return f"<{tag}>" + "".join(f"<li>{escape(i)}</li>" for i in block.items) + f"</{tag}>"
    if isinstance(block, Quote):
        source = f"<footer>— {escape(block.source)}</footer>" if block.source else ""
        return f"<blockquote><p>«{escape(block.text)}»</p>{source}</blockquote>"
    if isinstance(block, Table):
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in block.header)
        body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>" for row in block.rows)
        caption = f"{escape(_('Table'))} {block.number}. {escape(block.caption)}"
        return (
            f'<div class="table-wrap"><table id="table-{block.number}"><caption>{caption}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )
    if isinstance(block, Figure):
        caption = f"{escape(_('Figure'))} {block.number}. {escape(block.caption)}"
        if charts == "png":
            image = f'<img src="{_png_uri(block)}" alt="{escape(block.caption)}">'
        else:
            image = block.svg
        return f'<figure id="figure-{block.number}">{image}<figcaption>{caption}</figcaption></figure>'
    return ""


def render_document(report: Report, *, charts: str = "svg") -> str:
    """A complete HTML document (downloaded as .html, or fed to WeasyPrint with ``charts="png"``)."""
    body = render_body(report, charts=charts)
    return (
        f'<!doctype html>\n<html lang="{report.lang}"><head><meta charset="utf-8">'
        f"<title>{escape(report.title)}</title><style>{PRINT_CSS}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def render_pdf(report: Report) -> bytes:
    """PDF through WeasyPrint; charts embedded as PNG images so every viewer shows them alike."""
    from weasyprint import HTML

    html = render_document(report, charts="png")
    return HTML(string=html).write_pdf()
