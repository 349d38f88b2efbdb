"""The de-identification gate: finding what must never become public, in text and in files.

The check itself lives in `sarhub.publication.deid` (record: what is looked for; text: the matcher; files:
every part of a PDF or Word file, and the published copy). This module is the gate's one entry point to
it, for the gate's own check (check.py, identifiers.py) and for the rest of SAR Hub.
"""

from __future__ import annotations

from sarhub.publication.deid.files import (
    NotClean,
    file_parts,
    published_copy,
    scan_docx,
    scan_file,
    scan_parts,
    scan_pdf,
    strip_metadata,
)
from sarhub.publication.deid.record import ActiveContent, Hit, Identifiers, RecordPerson, Role, Unreadable
from sarhub.publication.deid.text import scan_text

__all__ = [
    "ActiveContent",
    "Hit",
    "Identifiers",
    "NotClean",
    "RecordPerson",
    "Role",
    "Unreadable",
    "file_parts",
    "published_copy",
    "scan_docx",
    "scan_file",
    "scan_parts",
    "scan_pdf",
    "scan_text",
    "strip_metadata",
]
