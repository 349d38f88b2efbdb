from io import BytesIO

from docx import Document
from pypdf import PdfReader

from sarhub.core import reports


def test_a_template_becomes_a_tagged_pdf_that_can_be_read(tmp_path, settings):
    (tmp_path / "report.html").write_text(
        '<!doctype html><html lang="en"><head><title>{{ title }}</title></head>'
        "<body><h1>{{ title }}</h1><p>{{ text }}</p></body></html>"
    )
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    document = reports.pdf_document("report.html", {"title": "A test report", "text": "Learning, not blame."})
    assert len(document.pages) == 1
    content = reports.pdf_bytes(document)
    reader = PdfReader(BytesIO(content))
    assert content.startswith(b"%PDF")
    assert "Learning, not blame." in reader.pages[0].extract_text()
    assert "/StructTreeRoot" in reader.root_object  # tagged


def test_a_docx_names_the_board_and_its_tables_have_a_header_row():
    document = reports.new_docx(title="A report", author="The Board", subject="Its subject")
    document.add_heading("A report", level=0)
    reports.add_table(document, ("Name", "Count"), [("Themes", "3"), ("Findings", "4")], caption="In numbers")
    reports.add_paragraphs(document, [], style="List Bullet", empty="None recorded.")
    reports.add_paragraphs(document, ["One", "Two"], style="List Bullet")
    opened = Document(BytesIO(reports.docx_bytes(document)))
    properties = opened.core_properties
    assert (properties.title, properties.author, properties.last_modified_by, properties.subject) == (
        "A report",
        "The Board",
        "The Board",
        "Its subject",
    )
    assert properties.comments == ""
    texts = [p.text for p in opened.paragraphs]
    assert texts == ["A report", "In numbers", "None recorded.", "One", "Two"]
    assert [getattr(p.style, "name", "") for p in opened.paragraphs[-2:]] == ["List Bullet", "List Bullet"]
    table = opened.tables[0]
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Name", "Count"],
        ["Themes", "3"],
        ["Findings", "4"],
    ]
    assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    assert table.rows[0]._tr.xpath("./w:trPr/w:tblHeader")


def test_the_download_is_an_attachment_with_a_safe_name_and_the_right_type():
    pdf = reports.download(b"%PDF-", "learning-event-sar-2025-001", "pdf")
    assert pdf["Content-Type"] == reports.PDF
    assert pdf["Content-Disposition"] == 'attachment; filename="learning-event-sar-2025-001.pdf"'
    assert pdf["X-Content-Type-Options"] == "nosniff"
    docx = reports.download(b"PK", 'a "quoted"\r\nname', "docx")
    assert docx["Content-Type"] == reports.DOCX
    assert "\n" not in docx["Content-Disposition"] and docx["Content-Disposition"].startswith("attachment; filename")
