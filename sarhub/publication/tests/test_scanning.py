"""The de-identification gate finds the record's identifiers and personal patterns in text, PDF and DOCX,
their metadata included, refuses active PDFs, and the published copy carries no metadata."""

from __future__ import annotations

import io
import zipfile
from datetime import date
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader
from weasyprint import HTML

from sarhub.publication.gate.scanning import (
    ActiveContent,
    Identifiers,
    NotClean,
    RecordPerson,
    Role,
    scan_docx,
    scan_file,
    scan_pdf,
    scan_text,
    strip_metadata,
)

# File parsing and rendering: no database can change the outcome, so bin/test runs these on SQLite only.
pytestmark = pytest.mark.once

RECORD = Identifiers(
    people=[
        RecordPerson("Marjorie Fictitia Oddlybourne", ["Madge"], Role.ADULT),
        RecordPerson("Kevin Oddlybourne", [], Role.FAMILY, "son"),
    ],
    practitioners=["Nadia Inventedworth"],
    date_of_birth=date(1941, 6, 2),
    address="14 Nowhere Close, Testtown",
    postcode="ZZ99 3AA",
    nhs_number="943 476 5919",
)


def _kinds(hits) -> set[str]:
    return {hit.kind for hit in hits}


def test_a_clean_text_has_no_hits():
    text = "Adult M was known to four agencies. The review found that risk was not shared."
    assert scan_text(text, RECORD) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Mrs Oddlybourne lived alone.", "The adult's name"),
        ("MARJORIE FICTITIA ODDLYBOURNE was admitted.", "The adult's name"),
        ("Her son Kevin visited.", "A name of someone around the adult (son)"),  # a first name alone
        ("known to friends as Madge", "The adult's name"),
        ("The social worker, Nadia Inventedworth, visited.", "A practitioner's name"),
        ("born 02/06/1941 in the town", "The date of birth"),
        ("born on 2 June 1941", "The date of birth"),
        ("DOB 1941-06-02", "The date of birth"),
        ("at 14 Nowhere Close", "The address"),
        ("postcode zz99 3aa", "The postcode"),
        ("NHS number 9434765919", "The NHS number"),
        ("the office in LS1 4AP", "A postcode"),
        ("NHS 401 023 2137 was quoted", "An NHS number"),
        ("call 01709 822330 or 07700 900123", "A phone number"),
        ("write to someone@example.org", "An email address"),
    ],
)
def test_identifiers_and_patterns_are_found_in_context(text, kind):
    hits = scan_text(text, RECORD)
    if kind is None:
        assert not any(h.kind == "The adult's name" for h in hits)
        return
    assert kind in _kinds(hits), hits
    hit = next(h for h in hits if h.kind == kind)
    assert f"[{hit.found}]" in hit.context


def test_a_number_failing_the_nhs_check_digit_is_not_an_nhs_number():
    assert "An NHS number" not in _kinds(scan_text("reference 943 476 5918", RECORD))


def _pdf(body: str, *, author: str = "", title: str = "Report") -> bytes:
    html = f'<html lang="en-GB"><head><title>{title}</title><meta name="author" content="{author}"></head><body>{body}</body></html>'
    return bytes(HTML(string=html).write_pdf() or b"")


def test_a_pdf_is_scanned_in_its_text_and_its_metadata():
    clean = _pdf("<p>Adult M was known to four agencies.</p>", author="Testshire SAB")
    assert scan_pdf(clean, RECORD) == []
    named = _pdf("<p>Adult M, also called Madge, was known to four agencies.</p>", author="Nadia Inventedworth")
    hits = scan_pdf(named, RECORD)
    assert {(h.kind, h.where) for h in hits} >= {
        ("The adult's name", "page 1"),
        ("A practitioner's name", "PDF author"),
    }


def test_xmp_metadata_is_scanned_too():
    html = (
        '<html lang="en-GB"><head><title>Report</title><meta name="author" content="Nadia Inventedworth"></head>'
        "<body><p>Adult M was known to four agencies.</p></body></html>"
    )
    tagged = bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1") or b"")
    assert PdfReader(io.BytesIO(tagged)).xmp_metadata is not None
    assert "PDF XMP metadata" in {h.where for h in scan_pdf(tagged, RECORD)}


def test_a_pdf_with_active_content_is_refused():
    from tests.factories import SAMPLE_PDF

    scripted = SAMPLE_PDF.replace(b"/Type/Catalog", b"/Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>")
    with pytest.raises(ActiveContent):
        scan_pdf(scripted, RECORD)


def _docx(*, text: str, author: str = "", comment: str = "", comment_author: str = "") -> bytes:
    document = Document()
    paragraph = document.add_paragraph(text)
    document.core_properties.author = author
    document.core_properties.last_modified_by = author
    if comment:
        document.add_comment(paragraph.runs, text=comment, author=comment_author, initials="NI")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _with_tracked_deletion(data: bytes, deleted: str) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item)
            if item.filename == "word/document.xml":
                change = (
                    f'<w:p><w:del w:id="9" w:author="Editor" w:date="2026-01-01T00:00:00Z"><w:r>'
                    f"<w:delText>{deleted}</w:delText></w:r></w:del></w:p>"
                ).encode()
                content = content.replace(b"<w:sectPr", change + b"<w:sectPr", 1)
            target.writestr(item, content)
    return out.getvalue()


def test_a_docx_is_scanned_in_text_properties_comments_and_tracked_changes():
    assert scan_docx(_docx(text="Adult M was known to four agencies.", author="Testshire SAB"), RECORD) == []
    data = _docx(
        text="Adult M was known to four agencies.",
        author="Nadia Inventedworth",
        comment="Check this with Kevin Oddlybourne",
        comment_author="Nadia Inventedworth",
    )
    data = _with_tracked_deletion(data, "Marjorie Fictitia Oddlybourne")
    with pytest.raises(NotClean):  # refused for publication, but every part is still read
        scan_file(data, "docx", RECORD)
    places = {(h.kind, h.where) for h in scan_docx(data, RECORD)}
    assert ("A practitioner's name", "DOCX creator") in places
    assert ("A practitioner's name", "DOCX lastModifiedBy") in places
    assert ("A name of someone around the adult (son)", "DOCX comment") in places
    assert ("A practitioner's name", "DOCX comment author") in places
    assert ("The adult's name", "DOCX tracked change") in places


def test_the_published_copy_has_no_metadata():
    pdf = strip_metadata(_pdf("<p>Adult M.</p>", author="Nadia Inventedworth"), "pdf", title="SAR Adult M")
    info: Any = PdfReader(io.BytesIO(pdf)).metadata or {}
    assert "Nadia" not in str(info) and info.get("/Title") == "SAR Adult M"
    assert "Adult M" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    docx = strip_metadata(
        _docx(text="Adult M.", author="Nadia Inventedworth", comment="A note", comment_author="Nadia Inventedworth"),
        "docx",
        title="SAR Adult M",
    )
    assert scan_docx(docx, RECORD) == []
    properties = Document(io.BytesIO(docx)).core_properties
    assert properties.author == "" and properties.title == "SAR Adult M"
    assert "Adult M." in "\n".join(p.text for p in Document(io.BytesIO(docx)).paragraphs)
