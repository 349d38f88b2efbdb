"""Hostile files are refused at upload, each with a message saying why (issue 13, item 8 and 10).

Every upload (a document, a new version, an action's evidence) is stored by `sarhub.documents.services`,
which runs the one check, `sarhub.documents.validation.detect`. The corpus (`tests.hostile_files`) is
refused file by file through the check, and every file of it through the real upload page as well.
"""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from pypdf import PdfReader

from sarhub.documents.models import Document, DocumentVersion
from sarhub.documents.services import add_document
from sarhub.documents.validation import DOCX, PDF, XLSX, UploadRefused, detect
from tests.deid_files import docx_with
from tests.factories import SAMPLE_PDF, make_sample_referral
from tests.hostile_files import TOO_BIG, Hostile, corpus, raw_pdf, xlsx_with
from tests.pages import Upload, browse_as, error_summary, field_error, press

# File parsing and rendering: no database can change the outcome, so bin/test runs these on SQLite only.
pytestmark = pytest.mark.once

CORPUS = corpus()


def test_the_corpus_holds_at_least_40_hostile_files_of_every_kind() -> None:
    names = [hostile.name for hostile in CORPUS]
    assert len(names) == len(set(names))
    assert len(CORPUS) >= 40
    hidden = [name for name in names if "object stream" in name]
    assert len(hidden) >= 13  # every kind of active PDF content, hidden in an object stream too


@pytest.mark.parametrize("name", ["OpenAction JavaScript", "Launch", "EmbeddedFiles name tree"])
def test_the_object_stream_pdfs_are_real_pdfs_with_the_content_hidden_from_a_byte_search(name: str) -> None:
    hostile = next(h for h in CORPUS if h.name == f"PDF {name} (in an object stream)")
    assert b"/S /" not in hostile.data and b"/Names" not in hostile.data  # compressed out of sight
    reader = PdfReader(io.BytesIO(hostile.data))
    assert len(reader.pages) == 1 and "A fictional review" in reader.pages[0].extract_text()
    assert "/OpenAction" in reader.root_object or "/Names" in reader.root_object


@pytest.mark.parametrize("hostile", CORPUS, ids=[h.name for h in CORPUS])
def test_each_hostile_file_is_refused_by_the_shared_check_with_a_clear_message(hostile: Hostile) -> None:
    with pytest.raises(UploadRefused) as refused:
        detect(hostile.data)
    assert hostile.refusal in str(refused.value)
    assert str(refused.value).startswith("The selected file") or str(refused.value).startswith("The selected PDF")


@override_settings(UPLOAD_MAX_BYTES=4096)
def test_an_oversize_file_is_refused_by_the_shared_check() -> None:
    with pytest.raises(UploadRefused, match=TOO_BIG):
        detect(raw_pdf() + b"%" * 5000)


@pytest.mark.django_db
def test_every_hostile_file_is_refused_through_the_upload_page_and_nothing_is_stored(personas) -> None:
    referral = make_sample_referral()
    browser = browse_as(personas["bu_manager"])
    url = reverse("documents:add", args=["referrals.referral", referral.pk])
    wrong = []
    for hostile in CORPUS:
        page = press(
            browser.get(url),
            "Upload",
            title="Chronology",
            classification="confidential",
            file=Upload(hostile.filename, hostile.data),
        )
        message = field_error(page, "file")
        if page.status_code != 200 or hostile.refusal not in message or message not in error_summary(page):
            wrong.append((hostile.name, page.status_code, message))
    assert wrong == []
    assert Document.objects.count() == 0 and DocumentVersion.objects.count() == 0


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name",
    ["PDF Launch (in an object stream)", "DOCX VBA project renamed, with its relationship", "XLSX DDE formula (cmd|)"],
)
def test_a_hostile_new_version_is_refused_through_the_page(name: str, personas) -> None:
    hostile = next(h for h in CORPUS if h.name == name)
    manager = personas["bu_manager"]
    referral = make_sample_referral()
    add_document(
        manager, referral, title="Letter", classification="confidential", upload=SimpleUploadedFile("l.pdf", SAMPLE_PDF)
    )
    document = Document.objects.get()
    page = browse_as(manager).get(reverse("documents:add-version", args=[document.pk]))
    refused = press(page, "Upload", file=Upload(hostile.filename, hostile.data))
    assert hostile.refusal in field_error(refused, "file")
    assert list(document.versions.values_list("number", flat=True)) == [1]


def test_ordinary_files_are_still_accepted() -> None:
    """The check refuses what is hostile, not what is ordinary: links to web pages, a PDF that opens at
    its first page, pictures inside a Word file, formulas and text that mention DDE or a pipe."""
    assert detect(raw_pdf()) is PDF
    assert detect(raw_pdf(object_stream=True)) is PDF
    assert detect(raw_pdf(catalog=b"/OpenAction [3 0 R /Fit]")) is PDF
    link = b"<< /Type /Annot /Subtype /Link /Rect [50 700 250 720] /A << /S /URI /URI (https://www.gov.uk/) >> >>"
    assert detect(raw_pdf(page=b"/Annots [6 0 R]", extra=[link], object_stream=True)) is PDF
    assert detect(SAMPLE_PDF) is PDF
    assert detect(docx_with({"hyperlink": "https://www.gov.uk/", "alt text": "A chart", "body": "DDE | cmd"})) is DOCX
    assert detect(docx_with({"field code": "PAGE \\* MERGEFORMAT"})) is DOCX
    assert detect(xlsx_with(cell='<c r="A1"><f>SUM(B1:B9)&amp;" | total"</f></c>')) is XLSX
    assert detect(xlsx_with(cell='<c r="A1" t="inlineStr"><is><t>=cmd| is text here</t></is></c>')) is XLSX
