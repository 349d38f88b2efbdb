"""Reading every part of a PDF or Word file for the de-identification check, and making the copy that is
published. The readers are `deid.pdf` and `deid.docx`; this module scans what they read.

- `file_parts(data, kind)`: every part of a file as `(where, text)`, with no refusal but for a file that
  cannot be read at all (for tests and for a record of what a refused file holds).
- `scan_file(data, kind, identifiers)`: the check. Refuses (raises) a file with active content
  (`ActiveContent`), one it cannot read (`Unreadable`: encrypted, damaged, image-only) and a Word file with
  tracked changes or comments (`NotClean`); otherwise every hit in every part.
- `published_copy(data, kind, title=...)` (also `strip_metadata`): the copy that is published.
"""

from __future__ import annotations

from sarhub.publication.deid.docx import docx_parts, published_docx, read_docx
from sarhub.publication.deid.parts import NotClean, Part
from sarhub.publication.deid.pdf import pdf_parts, published_pdf, read_pdf
from sarhub.publication.deid.record import Hit, Identifiers
from sarhub.publication.deid.text import distinct, scan_text

__all__ = [
    "NotClean",
    "Part",
    "file_parts",
    "published_copy",
    "scan_docx",
    "scan_file",
    "scan_parts",
    "scan_pdf",
    "strip_metadata",
]


def _only_pdf_or_docx(kind: str) -> ValueError:
    return ValueError(f"Only PDF and Word files can be published, not {kind}")


def scan_parts(parts: list[Part], identifiers: Identifiers) -> list[Hit]:
    """Every hit in every part. A part with the same `where` as an earlier one is another reading of the
    same text (a page with its line-end hyphens joined): only what that reading adds is kept."""
    hits: list[Hit] = []
    found: dict[str, set[str]] = {}
    for where, text in parts:
        earlier = found.setdefault(where, set())
        new = [hit for hit in scan_text(text, identifiers, where) if hit.key not in earlier]
        earlier.update(hit.key for hit in new)
        hits += new
    return distinct(hits)


def file_parts(data: bytes, kind: str) -> list[Part]:
    """Every part of a file as `(where, text)`: tracked changes, comments and attachments' names included."""
    if kind == "pdf":
        return pdf_parts(data)
    if kind == "docx":
        return docx_parts(data)
    raise _only_pdf_or_docx(kind)


def scan_pdf(data: bytes, identifiers: Identifiers) -> list[Hit]:
    return scan_parts(read_pdf(data), identifiers)


def scan_docx(data: bytes, identifiers: Identifiers) -> list[Hit]:
    """Every hit in every part of a Word file, tracked changes and comments included (not refused here:
    `scan_file` refuses them)."""
    return scan_parts(docx_parts(data), identifiers)


def scan_file(data: bytes, kind: str, identifiers: Identifiers) -> list[Hit]:
    """The de-identification check of a file to publish (see the module's docstring for its refusals)."""
    if kind == "pdf":
        return scan_parts(read_pdf(data), identifiers)
    if kind == "docx":
        return scan_parts(read_docx(data), identifiers)
    raise _only_pdf_or_docx(kind)


def published_copy(data: bytes, kind: str, *, title: str) -> bytes:
    """The copy to publish: the document with none of its hidden parts, and its title as its only
    metadata (a tagged PDF stays tagged)."""
    if kind == "pdf":
        return published_pdf(data, title=title)
    if kind == "docx":
        return published_docx(data, title=title)
    raise _only_pdf_or_docx(kind)


strip_metadata = published_copy
