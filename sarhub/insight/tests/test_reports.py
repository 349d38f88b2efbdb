"""The quarterly report (page, PDF, Word) holds aggregates only, with its charts; the leadership pack and the
annual report draw the same charts."""

from __future__ import annotations

from io import BytesIO

from bs4 import BeautifulSoup
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from sarhub.actions import annual
from sarhub.insight import quarterly
from sarhub.insight.present import FEWER
from tests.builders import coded_signed_off_review
from tests.pages import browse_as, error_summary, text_of


def _pdf_text(content: bytes) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages).split())


def _docx_rows(content: bytes) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for table in Document(BytesIO(content)).tables for row in table.rows]


def _this_quarter() -> quarterly.Quarter:
    return quarterly.choices()[0]


def test_the_quarterly_report_says_fewer_than_3_on_the_page_in_the_pdf_and_in_word(personas):
    review = coded_signed_off_review(personas)  # one review signed off this quarter
    quarter = _this_quarter()
    browser = browse_as(personas["bu_manager"])  # even the business unit: the report is for passing round

    page = browser.get(reverse("insight:quarterly") + f"?quarter={quarter.slug}")
    soup = BeautifulSoup(page.text, "html.parser")
    glance = {
        text_of(r.select_one("th")): text_of(r.select_one("td"))
        for r in soup.select("#figure-quarter-at-a-glance tbody tr")
    }
    assert glance["Reviews signed off by the Board"] == FEWER
    assert review.reference not in page.text and review.pseudonym not in page.text

    pdf = browser.get(reverse("insight:quarterly-file", args=[quarter.slug, "pdf"]))
    assert pdf.content_type == "application/pdf"
    text = _pdf_text(pdf.body)
    assert "Reviews signed off by the Board fewer than 3" in text
    assert review.reference not in text and review.pseudonym not in text

    word = browser.get(reverse("insight:quarterly-file", args=[quarter.slug, "docx"]))
    rows = _docx_rows(word.body)
    assert ["Reviews signed off by the Board", FEWER] in rows
    assert not any(review.pseudonym in cell for row in rows for cell in row)
    document = Document(BytesIO(word.body))
    described = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert any(text and text.startswith("Types of abuse and neglect: share of SARs") for text in described)


def test_a_quarter_not_offered_gets_a_message_and_no_file(personas):
    browser = browse_as(personas["board_member"])
    page = browser.get(reverse("insight:quarterly") + "?quarter=2099-q1", status=400)
    assert error_summary(page) == ["Choose a quarter from the list"]
    browser.get(reverse("insight:quarterly-file", args=["2099-q1", "pdf"]), status=404)
    browser.get(reverse("insight:quarterly-file", args=["2026-q1", "exe"]), status=404)


def test_the_annual_report_draws_the_rag_and_theme_charts_in_pdf_and_word(personas):
    coded_signed_off_review(personas)
    report = annual.build(annual.current_year())
    assert report.theme_counts and report.theme_counts[0].label == "Information sharing"
    page = browse_as(personas["bu_manager"]).get(reverse("annual:report") + f"?year={report.year.start_year}")
    titles = [t.get_text() for t in BeautifulSoup(page.text, "html.parser").select("svg title")]
    assert "Practice themes of the reviews concluded in the year" in titles
    document = Document(BytesIO(annual.as_docx(report)))
    described = [shape._inline.docPr.get("descr") or "" for shape in document.inline_shapes]
    assert any(d.startswith("Practice themes of the reviews concluded") for d in described)
    assert not report.action_groups and not any(d.startswith("Actions by RAG") for d in described)  # no actions yet
