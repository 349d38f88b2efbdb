"""Checking uploads by their content, never by their name.

Allowed: PDF, DOCX, XLSX, ODT, PNG, JPEG. Refused: anything else; archives that expand far beyond their
size (zip bombs) or have too many parts; files over the size limit; and hostile content inside an allowed
kind (`sarhub.documents.hostile`: PDF scripts and actions, in object streams too; Office macros under
any name, embedded objects, external links, DDE, XML entity declarations; web page code). This is the one
check every upload runs: every upload is stored by `sarhub.documents.services`, which calls `detect`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from sarhub.documents import hostile


class UploadRefused(Exception):
    """The file cannot be accepted; the message says why, in words for the person uploading it."""


@dataclass(frozen=True)
class Kind:
    code: str
    label: str
    content_type: str
    extension: str


PDF = Kind("pdf", "PDF", "application/pdf", "pdf")
DOCX = Kind("docx", "Word document", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
XLSX = Kind("xlsx", "Excel spreadsheet", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
ODT = Kind("odt", "OpenDocument text", "application/vnd.oasis.opendocument.text", "odt")
PNG = Kind("png", "PNG image", "image/png", "png")
JPEG = Kind("jpeg", "JPEG image", "image/jpeg", "jpg")
KINDS = {k.code: k for k in (PDF, DOCX, XLSX, ODT, PNG, JPEG)}

ALLOWED_TEXT = "a PDF, Word (.docx), Excel (.xlsx), OpenDocument text (.odt), PNG or JPEG file"

MAX_ZIP_ENTRIES = 2_000
MAX_ZIP_RATIO = 100  # uncompressed size / compressed size
MAX_ZIP_UNCOMPRESSED = 200 * 1024 * 1024

# PDF names that run code or carry other files. Names may be written with #xx escapes (/J#61vaScript).
_PDF_DANGEROUS = re.compile(
    rb"/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData)\b"
)
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


def _unescape_pdf_names(data: bytes) -> bytes:
    return _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), data)


def detect(data: bytes) -> Kind:
    """What the file is, from its bytes; UploadRefused if it is not an allowed kind or is unsafe."""
    limit = settings.UPLOAD_MAX_BYTES
    if not data:
        raise UploadRefused("The selected file is empty")
    if len(data) > limit:
        raise UploadRefused(f"The selected file must be smaller than {limit // (1024 * 1024)} MB")
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        _refuse_hostile(hostile.check_web_code, data)
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        _refuse_hostile(hostile.check_web_code, data)
        return JPEG
    if data.startswith(b"PK\x03\x04"):
        return _check_zip_document(data)
    raise UploadRefused(f"The selected file must be {ALLOWED_TEXT}")


def _refuse_hostile(check: Any, *args: Any) -> None:
    """Run one of `hostile`'s checks: hostile content, or a file it cannot read, is refused with why."""
    try:
        check(*args)
    except hostile.Hostile as refusal:
        raise UploadRefused(str(refusal)) from None
    except (ValueError, KeyError, zipfile.BadZipFile, RuntimeError, OSError):
        raise UploadRefused(f"The selected file is damaged or is not {ALLOWED_TEXT}") from None


def _check_pdf(data: bytes) -> None:
    if _PDF_DANGEROUS.search(_unescape_pdf_names(data)):
        raise UploadRefused(hostile.PDF_ACTIVE)
    # The search above cannot see inside compressed object streams; the parsed file can.
    _refuse_hostile(hostile.check_pdf, data)


def _check_zip_document(data: bytes) -> Kind:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise UploadRefused(f"The selected file is damaged or is not {ALLOWED_TEXT}") from None
    if len(infos) > MAX_ZIP_ENTRIES:
        raise UploadRefused("The selected file has too many parts to be a document")
    uncompressed = sum(i.file_size for i in infos)
    compressed = max(1, sum(i.compress_size for i in infos))
    if uncompressed > MAX_ZIP_UNCOMPRESSED or uncompressed / compressed > MAX_ZIP_RATIO:
        raise UploadRefused("The selected file expands to far more than its size, so it cannot be accepted")
    names = {i.filename for i in infos}
    lowered = {n.lower() for n in names}
    if any(n.endswith("vbaproject.bin") or n.endswith("vbadata.xml") for n in lowered) or any(
        n.startswith("basic/") or n.startswith("scripts/") for n in lowered
    ):
        raise UploadRefused(
            "The selected file contains macros. Save it without macros (as .docx or .xlsx) and upload that"
        )
    try:
        if "mimetype" in names:
            mimetype = archive.read("mimetype").strip()
            if mimetype == ODT.content_type.encode():
                _refuse_hostile(hostile.check_ooxml, archive)
                return ODT
            raise UploadRefused(f"The selected file must be {ALLOWED_TEXT}")
        if "[Content_Types].xml" in names:
            content_types = archive.read("[Content_Types].xml")
            if b"macroEnabled" in content_types:
                raise UploadRefused(
                    "The selected file contains macros. Save it without macros (as .docx or .xlsx) and upload that"
                )
            if b"wordprocessingml.document.main+xml" in content_types:
                _refuse_hostile(hostile.check_ooxml, archive)
                return DOCX
            if b"spreadsheetml.sheet.main+xml" in content_types:
                _refuse_hostile(hostile.check_ooxml, archive)
                return XLSX
    except (KeyError, zipfile.BadZipFile, RuntimeError, OSError):
        raise UploadRefused(f"The selected file is damaged or is not {ALLOWED_TEXT}") from None
    raise UploadRefused(f"The selected file must be {ALLOWED_TEXT}")


_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9 ._()\-]+")


def safe_display_name(original: str, kind: Kind) -> str:
    """A readable name for display and download: no paths, no odd characters, the right extension."""
    base = original.replace("\\", "/").rsplit("/", 1)[-1]
    stem = base.rsplit(".", 1)[0] if "." in base else base
    stem = _UNSAFE_NAME.sub("_", stem).strip(" ._") or "document"
    return f"{stem[:80]}.{kind.extension}"
