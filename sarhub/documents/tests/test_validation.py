"""Uploads are judged by their content: allowed kinds pass, everything risky is refused with a reason."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.test import override_settings

from sarhub.documents.validation import DOCX, JPEG, ODT, PDF, PNG, XLSX, UploadRefused, detect, safe_display_name
from tests.factories import SAMPLE_PDF

# File parsing and rendering: no database can change the outcome, so bin/test runs these on SQLite only.
pytestmark = pytest.mark.once


def _zip(files: dict[str, bytes], *, compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _ooxml(main_type: str, extra: dict[str, bytes] | None = None) -> bytes:
    content_types = (
        b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        b'<Override PartName="/main.xml" ContentType="' + main_type.encode() + b'"/></Types>'
    )
    return _zip({"[Content_Types].xml": content_types, "main.xml": b"<doc/>", **(extra or {})})


DOCX_BYTES = _ooxml("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")
XLSX_BYTES = _ooxml("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


def test_allowed_kinds_are_recognised_by_their_bytes() -> None:
    assert detect(SAMPLE_PDF) is PDF
    assert detect(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32) is PNG
    assert detect(b"\xff\xd8\xff\xe0" + b"\x00" * 32) is JPEG
    assert detect(DOCX_BYTES) is DOCX
    assert detect(XLSX_BYTES) is XLSX
    assert detect(_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})) is ODT


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00" + b"\x00" * 64,  # a Windows program
        b"<html><script>alert(1)</script></html>",
        b"GIF89a" + b"\x00" * 16,
        b"plain text pretending to be a PDF",
        _zip({"readme.txt": b"hello"}),  # a plain zip archive
        _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet"}),  # not text
    ],
)
def test_other_kinds_are_refused(data: bytes) -> None:
    with pytest.raises(UploadRefused, match="must be a PDF, Word"):
        detect(data)


def test_an_empty_file_is_refused() -> None:
    with pytest.raises(UploadRefused, match="empty"):
        detect(b"")


@override_settings(UPLOAD_MAX_BYTES=1024)
def test_a_file_over_the_limit_is_refused() -> None:
    with pytest.raises(UploadRefused, match="smaller than"):
        detect(SAMPLE_PDF + b"%" * 2000)


@pytest.mark.parametrize(
    "active",
    [
        b"/OpenAction<</S/JavaScript/JS(app.alert(1))>>",
        b"/AA<</O<</S/JS>>>>",
        b"/Names<</EmbeddedFiles 9 0 R>>",
        b"/S/Launch/F(cmd.exe)",
        b"/S/J#61vaScript",  # the same name written with an escape
    ],
)
def test_pdfs_with_active_content_or_embedded_files_are_refused(active: bytes) -> None:
    data = SAMPLE_PDF.replace(b"/Type/Catalog", b"/Type/Catalog" + active)
    with pytest.raises(UploadRefused, match="JavaScript, actions or embedded files"):
        detect(data)


@pytest.mark.parametrize(
    "data",
    [
        _ooxml("application/vnd.ms-word.document.macroEnabled.main+xml"),
        _ooxml(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
            {"word/vbaProject.bin": b"\x00" * 64},
        ),
        _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "Basic/Standard/Module1.xml": b"<x/>"}),
    ],
)
def test_macro_enabled_office_files_are_refused(data: bytes) -> None:
    with pytest.raises(UploadRefused, match="macros"):
        detect(data)


def test_an_archive_that_expands_enormously_is_refused() -> None:
    bomb = _ooxml(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        {"word/padding.xml": b"\x00" * (20 * 1024 * 1024)},
    )
    assert len(bomb) < 100_000
    with pytest.raises(UploadRefused, match="expands"):
        detect(bomb)


def test_a_damaged_archive_is_refused() -> None:
    with pytest.raises(UploadRefused, match="damaged"):
        detect(b"PK\x03\x04" + b"\x00" * 100)


@pytest.mark.parametrize(
    ("original", "kind", "expected"),
    [
        ("../../etc/passwd.pdf", PDF, "passwd.pdf"),
        ("C:\\Users\\me\\Report final.docx", DOCX, "Report final.docx"),
        ("invoice.exe", PDF, "invoice.pdf"),  # the name follows what the file is
        ("<script>.png", PNG, "script.png"),
        ("", JPEG, "document.jpg"),
        ("..", PDF, "document.pdf"),
    ],
)
def test_display_names_have_no_paths_or_odd_characters(original: str, kind: object, expected: str) -> None:
    assert safe_display_name(original, kind) == expected  # type: ignore[arg-type]
