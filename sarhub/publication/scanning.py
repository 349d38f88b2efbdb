"""The de-identification gate: finding what must never become public, in text and in files.

Two kinds of hit:
- **identifiers** from the confidential record: the adult's names and aliases, family members' names,
  the date of birth (in the ways dates are written), the address and postcode, the NHS number, and the
  names of practitioners involved;
- **patterns** anyone's details take: UK postcodes, NHS numbers that pass the Modulus 11 check, phone
  numbers and email addresses.

Files are scanned as their extracted text and their metadata (PDF information and XMP; DOCX core
properties, comments and tracked changes); a PDF with active content (JavaScript, launch actions,
embedded files) is refused outright. `strip_metadata` makes the copy that is published.

Written by hand rather than with a general PII library: what must be found here is the record's own
identifiers, in the forms British case records write them, and each hit is shown in context for a
person to judge; general detectors miss the first and flood the second.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from defusedxml import ElementTree as SafeXML

from sarhub.core.validators import nhs_number_is_valid

CONTEXT = 40  # characters shown either side of a hit

POSTCODE = re.compile(r"\b(GIR ?0AA|[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2})\b", re.IGNORECASE)
NHS_LIKE = re.compile(r"(?<!\d)(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?!\d)")
PHONE = re.compile(r"(?<![\w+])(?:\+44\s?\(?0?\)?\s?|0)(?:\d[\s-]?){8,9}\d(?!\d)")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
ACTIVE_PDF = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData)\b")


@dataclass
class Identifiers:
    """What the confidential record says about the people a review is about."""

    names: list[str] = field(default_factory=list)  # the adult's names and aliases, family members' names
    practitioners: list[str] = field(default_factory=list)
    date_of_birth: date | None = None
    address: str = ""
    postcode: str = ""
    nhs_number: str = ""


@dataclass(frozen=True)
class Hit:
    kind: str  # what was found, in words
    found: str  # the text that matched
    where: str  # which part of the item: "text", "PDF author", "DOCX comment"...
    context: str  # the text around it, for a person to judge

    @property
    def key(self) -> str:
        """Stable across scans: an override is recorded against this."""
        return f"{self.kind}|{self.where}|{self.found.lower()}"


class ActiveContent(Exception):
    """A PDF with scripts, actions or embedded files: never published."""


def _context(text: str, start: int, end: int) -> str:
    before = text[max(0, start - CONTEXT) : start]
    after = text[end : end + CONTEXT]
    return " ".join(
        f"{'…' if start > CONTEXT else ''}{before}[{text[start:end]}]{after}{'…' if end + CONTEXT < len(text) else ''}".split()
    )


def _name_variants(name: str) -> list[str]:
    """A full name, and its surname when it is distinctive enough to search for on its own."""
    name = " ".join(name.split())
    if len(name) < 4:
        return []
    variants = [name]
    parts = name.split(" ")
    if len(parts) > 1 and len(parts[-1]) >= 4:
        variants.append(parts[-1])
    return variants


def _date_variants(value: date) -> list[str]:
    day, month, year = value.day, value.month, value.year
    long_month = value.strftime("%B")
    short_month = value.strftime("%b")
    return [
        f"{day:02d}/{month:02d}/{year}",
        f"{day}/{month}/{year}",
        f"{day:02d}-{month:02d}-{year}",
        f"{day:02d}.{month:02d}.{year}",
        f"{year}-{month:02d}-{day:02d}",
        f"{day} {long_month} {year}",
        f"{day} {short_month} {year}",
        f"{long_month} {day}, {year}",
    ]


def _find_all(text: str, needle: str, kind: str, where: str, hits: list[Hit]) -> None:
    if not needle:
        return
    pattern = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(p) for p in needle.split()) + r"(?!\w)", re.IGNORECASE)
    for match in pattern.finditer(text):
        hits.append(Hit(kind, match.group(0), where, _context(text, match.start(), match.end())))


def scan_text(text: str, identifiers: Identifiers, where: str = "text") -> list[Hit]:
    """Every identifier and pattern in a text, each with its context."""
    hits: list[Hit] = []
    if not text:
        return hits
    for name in identifiers.names:
        for variant in _name_variants(name):
            _find_all(text, variant, "A name from the confidential record", where, hits)
    for name in identifiers.practitioners:
        for variant in _name_variants(name):
            _find_all(text, variant, "A practitioner's name", where, hits)
    if identifiers.date_of_birth:
        for variant in _date_variants(identifiers.date_of_birth):
            _find_all(text, variant, "The date of birth", where, hits)
    if identifiers.address:
        for line in re.split(r"[,\n]+", identifiers.address):
            line = line.strip()
            if len(line) >= 6:
                _find_all(text, line, "The address", where, hits)
    if identifiers.postcode:
        _find_all(text, identifiers.postcode, "The postcode", where, hits)
    if identifiers.nhs_number:
        digits = re.sub(r"\D", "", identifiers.nhs_number)
        for match in NHS_LIKE.finditer(text):
            if "".join(match.groups()) == digits:
                hits.append(Hit("The NHS number", match.group(0), where, _context(text, match.start(), match.end())))
    _patterns(text, where, hits)
    return _distinct(hits)


def _patterns(text: str, where: str, hits: list[Hit]) -> None:
    for match in POSTCODE.finditer(text):
        hits.append(Hit("A postcode", match.group(0), where, _context(text, match.start(), match.end())))
    for match in NHS_LIKE.finditer(text):
        if nhs_number_is_valid("".join(match.groups())):
            hits.append(Hit("An NHS number", match.group(0), where, _context(text, match.start(), match.end())))
    for match in PHONE.finditer(text):
        hits.append(Hit("A phone number", match.group(0).strip(), where, _context(text, match.start(), match.end())))
    for match in EMAIL.finditer(text):
        hits.append(Hit("An email address", match.group(0), where, _context(text, match.start(), match.end())))


def _distinct(hits: Iterable[Hit]) -> list[Hit]:
    seen: dict[tuple[str, str, str], Hit] = {}
    for hit in hits:
        seen.setdefault((hit.kind, hit.where, hit.context), hit)
    return list(seen.values())


# --- Files ----------------------------------------------------------------------------------------------


def scan_pdf(data: bytes, identifiers: Identifiers) -> list[Hit]:
    from pypdf import PdfReader

    if ACTIVE_PDF.search(data):
        raise ActiveContent("The PDF contains JavaScript, actions or embedded files")
    reader = PdfReader(io.BytesIO(data))
    hits: list[Hit] = []
    for number, page in enumerate(reader.pages, start=1):
        hits += scan_text(page.extract_text() or "", identifiers, f"page {number}")
    info: dict[str, object] = dict(reader.metadata or {})
    for key, value in info.items():
        hits += scan_text(str(value), identifiers, f"PDF {str(key).lstrip('/').lower()}")
    xmp = reader.xmp_metadata
    if xmp is not None:
        raw = " ".join(node.nodeValue or "" for node in _xml_text_nodes(xmp.rdf_root))
        hits += scan_text(raw, identifiers, "PDF XMP metadata")
    return _distinct(hits)


def _xml_text_nodes(node: Any) -> list[Any]:
    """The text nodes under an XMP (xml.dom.minidom) node."""
    found = []
    for child in node.childNodes:
        if child.nodeType == child.TEXT_NODE:
            found.append(child)
        else:
            found += _xml_text_nodes(child)
    return found


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml_text(xml: bytes, tag: str = f"{W}t") -> str:
    root = SafeXML.fromstring(xml)
    return " ".join(node.text or "" for node in root.iter(tag))


def scan_docx(data: bytes, identifiers: Identifiers) -> list[Hit]:
    hits: list[Hit] = []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        body = archive.read("word/document.xml")
        hits += scan_text(_xml_text(body), identifiers, "text")
        # Tracked changes: deleted text is still in the file.
        hits += scan_text(_xml_text(body, f"{W}delText"), identifiers, "DOCX tracked change")
        root = SafeXML.fromstring(body)
        for tag in ("ins", "del"):
            for change in root.iter(f"{W}{tag}"):
                hits += scan_text(change.get(f"{W}author", ""), identifiers, "DOCX tracked change author")
        for part in sorted(n for n in names if re.match(r"word/(header|footer|footnotes|endnotes)\d*\.xml$", n)):
            hits += scan_text(_xml_text(archive.read(part)), identifiers, part.split("/")[-1].removesuffix(".xml"))
        if "word/comments.xml" in names:
            comments = archive.read("word/comments.xml")
            hits += scan_text(_xml_text(comments), identifiers, "DOCX comment")
            for comment in SafeXML.fromstring(comments).iter(f"{W}comment"):
                for attribute in ("author", "initials"):
                    hits += scan_text(comment.get(f"{W}{attribute}", ""), identifiers, "DOCX comment author")
        if "docProps/core.xml" in names:
            core = SafeXML.fromstring(archive.read("docProps/core.xml"))
            for node in core:
                label = node.tag.rsplit("}", 1)[-1]
                hits += scan_text(node.text or "", identifiers, f"DOCX {label}")
        if "docProps/app.xml" in names:
            app = SafeXML.fromstring(archive.read("docProps/app.xml"))
            for node in app:
                label = node.tag.rsplit("}", 1)[-1]
                if label in ("Company", "Manager"):
                    hits += scan_text(node.text or "", identifiers, f"DOCX {label.lower()}")
    return _distinct(hits)


def scan_file(data: bytes, kind: str, identifiers: Identifiers) -> list[Hit]:
    if kind == "pdf":
        return scan_pdf(data, identifiers)
    if kind == "docx":
        return scan_docx(data, identifiers)
    raise ValueError(f"Only PDF and Word files can be published, not {kind}")


# --- The published copy ---------------------------------------------------------------------------------


def strip_metadata(data: bytes, kind: str, *, title: str) -> bytes:
    """A copy to publish: the document's own metadata replaced by the title alone."""
    if kind == "pdf":
        from pypdf import PdfReader, PdfWriter

        reader = PdfReader(io.BytesIO(data))
        writer = PdfWriter()
        for page in reader.pages:
            writer.add_page(page)
        writer.add_metadata({"/Title": title, "/Producer": "", "/Creator": ""})
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()
    if kind == "docx":
        from docx import Document

        document = Document(io.BytesIO(data))
        properties = document.core_properties
        for attribute in (
            "author",
            "last_modified_by",
            "comments",
            "keywords",
            "subject",
            "category",
            "content_status",
            "identifier",
            "version",
        ):
            setattr(properties, attribute, "")
        properties.title = title
        out = io.BytesIO()
        document.save(out)
        return _without_comments(out.getvalue())
    raise ValueError(f"Only PDF and Word files can be published, not {kind}")


def _without_comments(data: bytes) -> bytes:
    """A DOCX without its comments part (and the company and manager in its app properties)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            if item.filename == "word/comments.xml":
                content = (
                    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                    b'<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'
                )
            elif item.filename == "docProps/app.xml":
                content = re.sub(rb"<(Company|Manager)>[^<]*</\1>", rb"<\1></\1>", source.read(item))
            else:
                content = source.read(item)
            target.writestr(item, content)
    return out.getvalue()
