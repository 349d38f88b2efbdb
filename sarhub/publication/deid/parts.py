"""What the file readers share: a part of a file as `(where, text)`, the refusals and their messages."""

from __future__ import annotations

from collections.abc import Iterable

Part = tuple[str, str]  # (where in the file, for a person: "page 3", "DOCX header"; the part's text)

# Texts of one kind (every bookmark, every form field) are scanned as one text, kept apart by a blank line so
# that no pattern (a phone number, say) runs from one into the next.
SEPARATOR = "\n\n"


class NotClean(ValueError):
    """A Word file that still has tracked changes or comments: refused until they are dealt with in Word."""


DOCX_NOT_CLEAN = (
    "The Word file still has tracked changes or comments. Accept or reject every change and delete the "
    "comments in Word, then upload it again."
)
DOCX_DAMAGED = (
    "The Word file is damaged, so it cannot be checked for identifying details. Save it again in Word and "
    "upload the new copy."
)
DOCX_PROTECTED = (
    "The Word file is protected with a password or is an old .doc file, so it cannot be checked for "
    "identifying details. Save it as a .docx file without a password and upload it again."
)
DOCX_TOO_LARGE = (
    "The Word file is too large when unpacked, so it cannot be checked for identifying details. Make it "
    "smaller (compress its pictures, say) and upload it again."
)
DOCX_ACTIVE = (
    "The Word file contains macros, ActiveX controls, embedded files (a spreadsheet behind a chart, say) or links "
    "to files outside it"
)
PDF_ACTIVE = "The PDF contains JavaScript, actions or embedded files"
PDF_PROTECTED = (
    "The PDF is protected with a password, so it cannot be checked for identifying details. Upload a copy "
    "without a password."
)
PDF_IMAGES = (
    "The PDF has pages that are images of text, so it cannot be checked for identifying details. Upload a "
    "PDF made from the document itself (Save as PDF), not a scan."
)
PDF_NO_TEXT = (
    "The PDF has no text that can be read, so it cannot be checked for identifying details. Upload a PDF "
    "made from the document itself (Save as PDF), not a scan."
)
PDF_DAMAGED = (
    "The PDF is damaged, so it cannot be checked for identifying details. Save it again as a PDF and upload "
    "the new copy."
)


def grouped(pieces: Iterable[Part]) -> list[Part]:
    """Pieces of text with the same `where` joined into one part (in the order first seen), blanks and
    repeats dropped."""
    texts: dict[str, list[str]] = {}
    for where, text in pieces:
        text = text.strip()
        if text and text not in texts.setdefault(where, []):
            texts[where].append(text)
    return [(where, SEPARATOR.join(found)) for where, found in texts.items() if found]
