"""The plumbing every report shares: a template rendered to a tagged PDF (WeasyPrint, PDF/UA-1), a Word
document (python-docx) with the Board's properties, headings and tables, and the download.

Each report keeps its own words: its context, its template and the order of its DOCX sections (the event
report, the 7-minute briefing, the leadership pack and the annual report). The PDF is drawn from the HTML
string alone, with no base URL, so it fetches nothing: its styles are in the template and its fonts are
the system's ("Liberation Sans", then Arial).
"""

from __future__ import annotations

from collections.abc import Iterable
from io import BytesIO
from typing import Any

from django.http import HttpResponse
from django.template.loader import render_to_string

from sarhub.core.downloads import attachment

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CONTENT_TYPES = {"pdf": PDF, "docx": DOCX}
PDF_OPTIONS: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_identifier": False, "uncompressed_pdf": False}


# --- PDF --------------------------------------------------------------------------------------------------


def pdf_document(template: str, context: dict[str, Any]) -> Any:
    """The template laid out as pages (a WeasyPrint Document): `len(...pages)` counts them."""
    from weasyprint import HTML

    return HTML(string=render_to_string(template, context)).render(**PDF_OPTIONS)


def pdf_bytes(document: Any) -> bytes:
    """A laid-out document (from `pdf_document`) as a tagged PDF."""
    return bytes(document.write_pdf(**PDF_OPTIONS) or b"")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    """The template as a tagged PDF (PDF/UA-1)."""
    return pdf_bytes(pdf_document(template, context))


# --- DOCX -------------------------------------------------------------------------------------------------


def new_docx(*, title: str, author: str, subject: str = "") -> Any:
    """A new Word document whose properties name the report and the Board, and nothing else (no comments,
    no person as author or last editor)."""
    from docx import Document

    document = Document()
    properties = document.core_properties
    properties.title = title
    properties.author = author
    properties.last_modified_by = author
    properties.comments = ""
    if subject:
        properties.subject = subject
    return document


def add_table(
    document: Any,
    headers: Iterable[str],
    rows: Iterable[Iterable[str]],
    *,
    caption: str = "",
    style: str = "Table Grid",
) -> Any:
    """A table with a bold header row repeated on each page, after its caption (a paragraph) if given."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    headers = tuple(headers)
    if caption:
        document.add_paragraph(caption, style="Caption")
    table = document.add_table(rows=1, cols=len(headers))
    table.style = style
    header = table.rows[0]
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    header._tr.get_or_add_trPr().append(marker)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in rows:
        for cell, text in zip(table.add_row().cells, tuple(row), strict=True):
            cell.text = text
    return table


def add_paragraphs(document: Any, texts: Iterable[str], *, style: str | None = None, empty: str = "") -> None:
    """One paragraph for each text (in a list style such as "List Bullet", if given); `empty` if none."""
    any_text = False
    for text in texts:
        document.add_paragraph(text, style=style)
        any_text = True
    if not any_text and empty:
        document.add_paragraph(empty)


def add_chart(document: Any, chart: Any, *, width_cm: float = 16) -> None:
    """A chart (sarhub/core/charts.py) as a picture (Word takes no SVG), its title and description as the
    picture's alternative text."""
    from docx.shared import Cm

    from sarhub.core import charts

    document.add_picture(BytesIO(charts.png(chart)), width=Cm(width_cm))
    document.inline_shapes[-1]._inline.docPr.set("descr", f"{chart.title}. {chart.description}")


def docx_bytes(document: Any) -> bytes:
    out = BytesIO()
    document.save(out)
    return out.getvalue()


# --- The download ---------------------------------------------------------------------------------------


def download(content: bytes, stem: str, kind: str) -> HttpResponse:
    """The report as an attachment named `<stem>.<kind>` ("pdf" or "docx"), never rendered in the browser."""
    return attachment(content, f"{stem}.{kind}", CONTENT_TYPES[kind])
