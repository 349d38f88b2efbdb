"""A 7-minute briefing as one A4 page: a tagged PDF (WeasyPrint, PDF/UA-1) and a Word document.

The same layout as the HTML preview: the seven points (and "What went well" when written) in a grid, the
reflective questions beneath, the Board's name and how to report a concern at the foot. `page_count` lets
the service refuse a version that would not fit on one page.
"""

from __future__ import annotations

from typing import Any

from sarhub.briefings.models import BriefingVersion
from sarhub.core import reports
from sarhub.partnership.models import Board


def context(version: BriefingVersion, *, reviews: list[Any] | None = None) -> dict[str, Any]:
    return {"board": Board.current(), "version": version, "reviews": reviews or []}


def _document(version: BriefingVersion) -> Any:
    return reports.pdf_document("briefings/briefing_pdf.html", context(version))


def page_count(version: BriefingVersion) -> int:
    return len(_document(version).pages)


def as_pdf(version: BriefingVersion) -> bytes:
    return reports.pdf_bytes(_document(version))


def file_stem(version: BriefingVersion) -> str:
    return f"7-minute-briefing-{version.briefing_id}-v{version.number}"


def as_docx(version: BriefingVersion) -> bytes:
    from docx.shared import Cm, Pt

    board = Board.current()
    title = f"7-minute briefing: {version.title}"
    document = reports.new_docx(title=title, author=str(board.name))
    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(9)
    document.add_heading(title, level=1)
    for heading, text in version.points:
        document.add_heading(heading, level=2)
        document.add_paragraph(text)
    document.add_heading("Questions for your team", level=2)
    for question in version.questions:
        document.add_paragraph(question, style="List Number")
    document.add_paragraph(f"{board.name}. To report a concern about an adult at risk, call {board.concern_phone}.")
    return reports.docx_bytes(document)
