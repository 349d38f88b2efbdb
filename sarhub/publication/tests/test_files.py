"""The de-identification check reads every part of a PDF or Word file, refuses what it cannot read (or what
still has tracked changes or comments), and the published copy keeps none of the hidden parts; a tagged
PDF stays tagged. Fictional names only."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import FreeText, Link, Text
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, TextStringObject
from weasyprint import HTML

from sarhub.publication.deid.parts import DOCX_NOT_CLEAN, PDF_DAMAGED, PDF_IMAGES, PDF_NO_TEXT, PDF_PROTECTED
from sarhub.publication.deid.pdf import joined_lines
from sarhub.publication.gate.scanning import (
    ActiveContent,
    Identifiers,
    NotClean,
    Unreadable,
    file_parts,
    published_copy,
    scan_docx,
    scan_file,
    scan_parts,
    strip_metadata,
)
from tests.deid_files import CLEAN_TEXT, DOCX_PARTS, PDF_PARTS, docx_with, pdf_with, zipped

# File parsing and rendering: no database can change the outcome, so bin/test runs these on SQLite only.
pytestmark = pytest.mark.once

NAME = "Marjorie Fictitia Oddlybourne"
PRACTITIONER = "Nadia Inventedworth"
RECORD = Identifiers(names=[NAME], practitioners=[PRACTITIONER])
EMAIL = "mailto:nadia.inventedworth@example.org"

DOCX_WHERE = {
    "body": "text",
    "header": "DOCX header",
    "footer": "DOCX footer",
    "footnote": "DOCX footnote",
    "endnote": "DOCX endnote",
    "text box": "DOCX text box",
    "comment": "DOCX comment",
    "comment author": "DOCX comment author",
    "tracked change": "DOCX tracked change",
    "tracked change author": "DOCX tracked change author",
    "formatting change author": "DOCX formatting change author",
    "core property": "DOCX creator",
    "last modified by": "DOCX lastModifiedBy",
    "custom property": "DOCX custom property",
    "app property": "DOCX company",
    "manager": "DOCX manager",
    "alt text": "DOCX alt text",
    "hyperlink": "DOCX hyperlink",
    "people": "DOCX people",
    "field code": "DOCX field code",
    "bookmark": "DOCX bookmark",
    "document variable": "DOCX document variable",
}
PDF_WHERE = {
    "page": "page 1",
    "page 2": "page 2",
    "annotation": "PDF annotation",
    "annotation author": "PDF annotation author",
    "free text": "PDF annotation",
    "link": "PDF link",
    "bookmark": "PDF bookmark",
    "form field": "PDF form field",
    "form field name": "PDF form field",
    "alt text": "PDF alt text",
    "actual text": "PDF actual text",
    "info": "PDF author",
    "xmp": "PDF XMP metadata",
    "xmp attribute": "PDF XMP metadata",
    "attachment": "PDF attachment",
}


def _planted(part: str) -> str:
    return EMAIL if part in ("hyperlink", "link") else NAME


def _found(hits, where: str, part: str) -> bool:
    wanted = "nadia" if part in ("hyperlink", "link") else NAME.lower()
    return any(h.where == where and wanted in h.found.lower() for h in hits)


def test_every_part_name_has_a_place():
    assert set(DOCX_WHERE) == DOCX_PARTS and set(PDF_WHERE) == PDF_PARTS


def test_clean_files_have_no_hits():
    assert scan_file(docx_with({}), "docx", RECORD) == []
    assert scan_file(pdf_with({}), "pdf", RECORD) == []


@pytest.mark.parametrize("part", sorted(DOCX_PARTS))
def test_a_name_in_any_part_of_a_docx_is_found_and_placed(part):
    hits = scan_docx(docx_with({part: _planted(part)}), RECORD)
    assert _found(hits, DOCX_WHERE[part], part), hits


@pytest.mark.parametrize("part", sorted(PDF_PARTS))
def test_a_name_in_any_part_of_a_pdf_is_found_and_placed(part):
    hits = scan_parts(file_parts(pdf_with({part: _planted(part)}), "pdf"), RECORD)
    assert _found(hits, PDF_WHERE[part], part), hits


def test_word_splits_a_name_into_runs_and_the_check_joins_them():
    data = docx_with({"body": f"Her name was {NAME}.\nShe lived alone."}, split_runs=True)
    assert NAME.encode() not in zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    (text,) = [t for where, t in file_parts(data, "docx") if where == "text"]
    assert text.startswith(f"Her name was {NAME}.\nShe lived alone.")
    assert [h.where for h in scan_file(data, "docx", RECORD)] == ["text"]


def _raw_docx(body: str, **extra: str | bytes) -> bytes:
    """A minimal DOCX around a raw body, with other raw parts by name."""
    ns = (
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
        'officeDocument" Target="word/document.xml"/></Relationships>',
        "word/document.xml": f"<w:document {ns}><w:body>{body}</w:body></w:document>",
        **extra,
    }
    return zipped(files)


def test_vml_text_boxes_moves_tabs_breaks_and_paragraph_changes_are_read():
    body = (
        "<w:p><w:r><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>Marjorie Fictitia</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> Oddlybourne</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>'
        '<w:p><w:moveFrom w:id="1" w:author="Nadia Inventedworth"><w:r><w:t>Marjorie Fictitia Oddlybourne</w:t></w:r>'
        "</w:moveFrom><w:r><w:t>Adult M</w:t><w:tab/><w:t>was seen</w:t><w:br/><w:t>twice.</w:t></w:r></w:p>"
        '<w:p><w:pPr><w:pPrChange w:id="2" w:author="Nadia Inventedworth"><w:pPr/></w:pPrChange></w:pPr></w:p>'
    )
    parts = dict(file_parts(_raw_docx(body), "docx"))
    assert parts["DOCX text box"] == NAME
    assert parts["text"] == "Adult M was seen\ntwice."  # the moved-from name is not current text
    assert NAME in parts["DOCX tracked change"]
    assert PRACTITIONER in parts["DOCX tracked change author"]
    assert PRACTITIONER in parts["DOCX formatting change author"]


def test_custom_xml_charts_and_other_parts_are_read():
    data = _raw_docx(
        "<w:p><w:r><w:t>Adult M was known to four agencies.</w:t></w:r></w:p>",
        **{
            "customXml/item1.xml": f'<record subject="{NAME}"/>',
            "word/charts/chart1.xml": f'<c:chartSpace xmlns:c="urn:c"><c:v>{PRACTITIONER}</c:v></c:chartSpace>',
        },
    )
    places = {h.where for h in scan_docx(data, RECORD)}
    assert {"DOCX custom XML", "DOCX chart"} <= places


@pytest.mark.parametrize(
    "part", ["comment", "comment author", "tracked change", "tracked change author", "formatting change author"]
)
def test_a_docx_with_tracked_changes_or_comments_is_refused_but_still_read(part):
    data = docx_with({part: "Please check"})
    with pytest.raises(NotClean, match="still has tracked changes or comments"):
        scan_file(data, "docx", RECORD)
    assert str(NotClean(DOCX_NOT_CLEAN)).startswith("The Word file still has tracked changes or comments.")
    assert isinstance(NotClean(DOCX_NOT_CLEAN), ValueError)
    assert _found(scan_docx(docx_with({part: NAME}), RECORD), DOCX_WHERE[part], part)


def test_a_pdf_page_hyphenated_at_the_line_end_is_joined():
    assert joined_lines("Mar-\ngaret and well-\nknown") == "Margaret and wellknown"
    data = pdf_with({"page": "The adult, Marjorie Fictitia Oddly-\nbourne, lived alone in a flat for years."})
    parts = [(where, text) for where, text in file_parts(data, "pdf") if where == "page 1"]
    assert len(parts) == 2 and "Oddly-\nbourne" in parts[0][1] and NAME in parts[1][1]
    assert any(h.where == "page 1" and h.kind == "The adult's name" for h in scan_file(data, "pdf", RECORD))


# --- Refusals ---------------------------------------------------------------------------------------------


def test_an_encrypted_pdf_is_refused_even_with_an_empty_password():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with({}))))
    writer.encrypt(user_password="", owner_password="owner")
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(Unreadable, match="protected with a password") as refused:
        scan_file(out.getvalue(), "pdf", RECORD)
    assert str(refused.value) == PDF_PROTECTED


def _image_only_pdf() -> bytes:
    png = (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
        b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\x00\x00\x03\x01\x01\x00\x18\xdd\x8d\xb0\x00\x00\x00\x00IEND\xaeB`\x82"
    )
    import base64

    src = "data:image/png;base64," + base64.b64encode(png).decode()
    html = f'<html lang="en-GB"><body><img src="{src}" alt="" style="width:10cm;height:10cm"></body></html>'
    return bytes(HTML(string=html).write_pdf() or b"")


def test_an_image_only_or_textless_or_damaged_pdf_is_refused():
    with pytest.raises(Unreadable) as refused:
        scan_file(_image_only_pdf(), "pdf", RECORD)
    assert str(refused.value) == PDF_IMAGES
    with pytest.raises(Unreadable) as refused:
        scan_file(pdf_with({"page": "Page 1"}), "pdf", RECORD)
    assert str(refused.value) == PDF_NO_TEXT
    for damaged in (b"%PDF-1.7\n" + b"\x00garbage" * 50, b"not a pdf at all", pdf_with({})[:200]):
        with pytest.raises(Unreadable) as refused:
            scan_file(damaged, "pdf", RECORD)
        assert str(refused.value) in (PDF_DAMAGED, PDF_NO_TEXT)


def test_a_pdf_with_an_attachment_or_hidden_script_is_refused_as_active():
    with pytest.raises(ActiveContent):
        scan_file(pdf_with({"attachment": "notes.txt"}), "pdf", RECORD)
    # A script hidden in a compressed object stream, where the raw bytes do not show it.
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_with({}))))
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("app.alert(1)")}
    )
    writer.root_object[NameObject("/OpenAction")] = writer._add_object(action)
    out = io.BytesIO()
    writer.write(out)
    hidden = out.getvalue()
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(hidden)))
    writer.compress_identical_objects()
    out = io.BytesIO()
    writer.write(out)
    with pytest.raises(ActiveContent):
        scan_file(out.getvalue(), "pdf", RECORD)


def test_damaged_protected_oversized_and_macro_word_files_are_refused():
    with pytest.raises(Unreadable, match="damaged"):
        scan_file(b"PK\x03\x04 not really a zip", "docx", RECORD)
    with pytest.raises(Unreadable, match="damaged"):
        scan_file(_raw_docx("<w:p><w:r><w:t>unclosed</w:p>"), "docx", RECORD)
    with pytest.raises(Unreadable, match="damaged"):  # an entity expansion (billion laughs) is refused
        hostile = '<!DOCTYPE x [<!ENTITY a "aaaa">]><w:document xmlns:w="urn:w">&a;</w:document>'
        scan_file(_raw_docx("", **{"word/document.xml": hostile}), "docx", RECORD)
    with pytest.raises(Unreadable, match="password"):
        scan_file(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "docx", RECORD)
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b" " * (51 * 1024 * 1024))
    assert len(bomb.getvalue()) < 200_000
    with pytest.raises(Unreadable, match="too large"):
        scan_file(bomb.getvalue(), "docx", RECORD)
    macro = _raw_docx("<w:p/>", **{"word/vbaProject.bin": b"\x00"})
    with pytest.raises(ActiveContent):
        scan_file(macro, "docx", RECORD)


# --- The published copy -----------------------------------------------------------------------------------

HIDDEN_DOCX_PARTS = [
    "comment",
    "comment author",
    "tracked change",
    "tracked change author",
    "formatting change author",
    "core property",
    "last modified by",
    "custom property",
    "app property",
    "manager",
    "people",
    "document variable",
]


def test_the_published_docx_opens_in_word_and_keeps_none_of_the_hidden_parts():
    source = docx_with({**dict.fromkeys(HIDDEN_DOCX_PARTS, NAME), "header": "Adult M", "alt text": "A chart"})
    copy = published_copy(source, "docx", title="SAR Adult M")
    names = set(zipfile.ZipFile(io.BytesIO(copy)).namelist())
    assert not {"word/comments.xml", "word/people.xml", "docProps/app.xml", "docProps/custom.xml"} & names
    assert not any(n.startswith(("customXml/", "docProps/thumbnail")) for n in names)
    archive = zipfile.ZipFile(io.BytesIO(copy))
    for name in names:
        assert NAME.encode() not in archive.read(name), name
        assert b"w:author" not in archive.read(name), name
    assert scan_file(copy, "docx", RECORD) == []  # no tracked changes nor comments left either
    document = Document(io.BytesIO(copy))
    assert document.core_properties.title == "SAR Adult M"
    assert document.core_properties.author == ""
    assert CLEAN_TEXT in "\n".join(p.text for p in document.paragraphs)
    assert "(added)" in "\n".join(p.text for p in document.paragraphs)  # the insertion accepted
    assert document.sections[0].header.paragraphs[0].text == "Adult M"
    assert "word/media/image1.png" in names
    types = archive.read("[Content_Types].xml").decode()
    assert "comments" not in types and "people" not in types and "extended-properties" not in types
    assert strip_metadata is published_copy


def _tagged_source() -> bytes:
    """A tagged PDF (WeasyPrint, PDF/UA-1) with the record's names planted in every hidden part."""
    html = (
        f'<html lang="en-GB"><head><title>Report</title><meta name="author" content="{PRACTITIONER}"></head>'
        "<body><h1>Report</h1><p>Adult M was known to four agencies. "
        '<a href="https://example.org/learning">The learning</a>, '
        f'<a href="{EMAIL}">the practitioner</a>.</p></body></html>'
    )
    reader = PdfReader(io.BytesIO(bytes(HTML(string=html).write_pdf(pdf_variant="pdf/ua-1") or b"")))
    writer = PdfWriter(clone_from=reader)
    writer.add_annotation(0, Text(text=f"Ask {NAME}", rect=(50, 550, 70, 570)))
    writer.add_annotation(0, FreeText(text=NAME, rect=(50, 500, 300, 530)))
    writer.add_annotation(0, Link(rect=(50, 450, 200, 470), url=EMAIL))
    widget = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Tx"),
            NameObject("/T"): TextStringObject("Adult"),
            NameObject("/V"): TextStringObject(NAME),
            NameObject("/Rect"): ArrayObject([]),
        }
    )
    reference = writer._add_object(widget)
    page = writer.pages[0]
    page[NameObject("/Annots")] = ArrayObject([*page.get("/Annots", []), reference])
    writer.root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([reference])})
    writer.add_metadata({"/Author": PRACTITIONER, "/Subject": NAME})
    xmp = reader.xmp_metadata
    assert xmp is not None
    raw = xmp.stream.get_data().replace(b'pdf:Producer="', f'pdf:Producer="{NAME} '.encode())
    writer.xmp_metadata = raw
    page[NameObject("/PieceInfo")] = DictionaryObject({NameObject("/Word"): TextStringObject(NAME)})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _decoded(data: bytes) -> bytes:
    """The file's bytes with every compressed stream (object streams included) decompressed after it."""
    found = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            found.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue
    return b"\n".join(found)


def test_the_published_pdf_stays_tagged_and_keeps_none_of_the_hidden_parts():
    source = _tagged_source()
    places = {h.where for h in scan_parts(file_parts(source, "pdf"), RECORD)}
    assert {"PDF annotation", "PDF form field", "PDF author", "PDF subject", "PDF XMP metadata", "PDF link"} <= places
    assert NAME.encode() in _decoded(source)

    copy = published_copy(source, "pdf", title="SAR Adult M: Adult M")
    decoded = _decoded(copy)
    for secret in (NAME, PRACTITIONER, "nadia.inventedworth", "Oddlybourne", "Inventedworth"):
        assert secret.encode() not in decoded, secret
    reader = PdfReader(io.BytesIO(copy))
    root: Any = reader.root_object
    structure = root["/StructTreeRoot"].get_object()
    assert structure["/K"] and structure.get("/ParentTree") is not None
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert ("/AcroForm" not in root and "/Names" not in root) or "/EmbeddedFiles" not in root["/Names"]
    assert dict(reader.metadata or {}) == {"/Title": "SAR Adult M: Adult M"}
    xmp = root["/Metadata"].get_object().get_data()
    assert b"pdfuaid:part>1<" in xmp and b"SAR Adult M: Adult M" in xmp
    annotations = [a.get_object() for a in reader.pages[0].get("/Annots", [])]
    assert [a["/A"]["/URI"] for a in annotations] == ["https://example.org/learning"]
    assert "/PieceInfo" not in reader.pages[0]
    assert "Adult M was known to four agencies." in reader.pages[0].extract_text()
    # What is left passes the check, and reads as the same tagged document.
    assert scan_file(copy, "pdf", RECORD) == []


def test_the_published_pdf_of_an_untagged_file_is_still_a_pdf_with_only_its_title():
    copy = published_copy(pdf_with({"info": NAME, "xmp": NAME, "bookmark": "Contents"}), "pdf", title="SAR Adult M")
    assert NAME.encode() not in _decoded(copy)
    reader = PdfReader(io.BytesIO(copy))
    assert dict(reader.metadata or {}) == {"/Title": "SAR Adult M"}
    assert [item.title for item in reader.outline] == ["Contents"]  # type: ignore[union-attr]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("report.docx", docx_with({"comment": "Please check"}), DOCX_NOT_CLEAN),
        ("report.pdf", pdf_with({"page": "Page 1"}), PDF_NO_TEXT),
    ],
)
def test_a_refused_file_is_a_form_error_when_proposed(personas, name, data, message):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from sarhub.documents.services import add_document
    from sarhub.publication import services
    from sarhub.publication.models import Form
    from tests.builders import signed_off_review

    manager = personas["bu_manager"]
    review = signed_off_review(personas, pseudonym="Adult P")
    upload = SimpleUploadedFile(name, data)
    version = add_document(manager, review, title="Report", classification="for_publication", upload=upload)
    with pytest.raises(ValidationError) as refused:
        services.propose(manager, review, {"form": Form.FULL_REPORT, "summary": "Adult P.", "file": version})
    assert refused.value.message_dict == {"file": [message]}


# --- One rule for what may be stored and what may be published ---------------------------------------------


def test_every_hostile_pdf_and_word_file_the_upload_check_refuses_is_refused_by_the_publication_check_too():
    """The publication check judges active content with the upload check itself (`documents.hostile`), so
    no PDF or Word file that could not be stored can be published: measured over the hostile corpus."""
    from tests.hostile_files import corpus

    files = [f for f in corpus() if f.filename.endswith((".pdf", ".docx")) and f.data[:5] in (b"%PDF-", b"PK\x03\x04")]
    assert len(files) >= 30
    let_through = []
    for hostile_file in files:
        try:
            scan_file(hostile_file.data, "pdf" if hostile_file.filename.endswith(".pdf") else "docx", RECORD)
        except (ActiveContent, Unreadable, NotClean):
            continue
        let_through.append(hostile_file.name)
    assert let_through == []
