"""Reading every part of a PDF or Word file for the de-identification check, and making the copy that is
published. (Moved from scanning.py; to be extended to every part of each file.)"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from defusedxml import ElementTree as SafeXML

from sarhub.publication.deid.record import ActiveContent, Hit, Identifiers
from sarhub.publication.deid.text import distinct, scan_text

ACTIVE_PDF = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFile|EmbeddedFiles|RichMedia|XFA|SubmitForm|ImportData)\b")


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
    return distinct(hits)


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
    return distinct(hits)


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
