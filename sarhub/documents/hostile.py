"""Hostile content inside an allowed kind of file: found by parsing the file, not by searching its bytes.

A PDF is read with pypdf, which expands compressed object streams (PDF 1.5), so a script or action hidden
there is found as surely as a plain one. Refused: JavaScript; launch, submit-form, import-data, remote
go-to and rich-media actions; any additional action (/AA) and any opening action other than going to a
page; embedded files and file attachments; XFA forms; a link to a file on a network share (file://, \\\\);
a password-protected PDF, or one whose objects cannot be read (a PDF with no cross-reference table
that pypdf can find or rebuild is refused as damaged: its objects cannot be checked one by one); and,
in any file, web page code (script, HTML, SVG) outside a PDF's streams, since a browser sniffing the
file could run it.

A Word or Excel file is read part by part: its content types, every relationship and every XML part.
Refused: VBA projects, whatever their parts are called (by content type, by relationship, or by the
compound-file bytes VBA and OLE parts are made of); OLE objects, ActiveX controls, altChunks; anything
that loads from outside the file (a remote template, a linked picture, a sub-document, a frame, an
external workbook link, any external relationship but a web link); DDE (Excel formulas or names that
start another program, Word DDE and DDEAUTO fields); and XML with DOCTYPE or entity declarations (the
"billion laughs"), which Word and Excel never write.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeXML

PDF_ACTIVE = (
    "The selected PDF contains JavaScript, actions or embedded files. Save it again as a plain PDF "
    "(for example, print it to PDF) and upload that"
)
PDF_PASSWORD = "The selected PDF is protected with a password. Remove the password, save it and upload it again"  # noqa: S105 - a message, not a password
WEB_CODE = (
    "The selected file contains web page code as well as the document, so it cannot be accepted. "
    "Save it again from the program that made it and upload that"
)
MACROS = "The selected file contains macros. Save it without macros (as .docx or .xlsx) and upload that"
EMBEDDED = (
    "The selected file contains embedded objects or controls (for example, an embedded document or an ActiveX "
    "control). Remove them, save it and upload that"
)
EXTERNAL = (
    "The selected file links to a template, picture or other file outside it. Remove the link (for example, "
    "insert the picture itself), save it and upload that"
)
DDE = (
    "The selected file contains formulas or fields that run other programs (DDE). Remove them, save it and upload that"
)
XML_DECLARATIONS = (
    "The selected file contains XML entity or DOCTYPE declarations, which Word and Excel do not write. "
    "Save it again from Word or Excel and upload that"
)


class Hostile(Exception):
    """The file holds hostile content; the message says what, in words for the person uploading it."""


# --- Any file -----------------------------------------------------------------------------------------------

_WEB_CODE = re.compile(rb"<\s*(script|html|svg|iframe|body|object|embed|!doctype)\b", re.I)
_PDF_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.S)


def check_web_code(data: bytes, *, pdf: bool = False) -> None:
    """Web page code anywhere in the file (outside a PDF's streams, whose compressed bytes are not read)."""
    if _WEB_CODE.search(_PDF_STREAM.sub(b"", data) if pdf else data):
        raise Hostile(WEB_CODE)


# --- PDF ----------------------------------------------------------------------------------------------------

PDF_ACTIVE_KEYS = {"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EF", "/RichMediaContent", "/XFA"}
PDF_ACTIVE_NAMES = {
    "/JavaScript",
    "/Launch",
    "/SubmitForm",
    "/ImportData",
    "/GoToR",
    "/GoToE",
    "/EmbeddedFile",
    "/RichMedia",
    "/RichMediaExecute",
    "/FileAttachment",
    "/Rendition",
}
_LOCAL_FILE = re.compile(r"^\s*(file:|smb:|\\\\|//)", re.I)
MAX_PDF_OBJECTS = 500_000


def check_pdf(data: bytes) -> None:
    """Raise `Hostile` for a PDF with active content, a password, or that pypdf cannot read (`ValueError`)."""
    from pypdf import PdfReader
    from pypdf.generic import IndirectObject

    check_web_code(data, pdf=True)
    try:
        reader = PdfReader(io.BytesIO(data))
    except Exception as error:
        # No cross-reference table pypdf can find or rebuild: every PDF writer makes one, so a file without
        # is damaged or hand-made, and what it holds cannot be checked object by object. Refused.
        raise ValueError("damaged PDF") from error
    try:
        if reader.is_encrypted:
            raise Hostile(PDF_PASSWORD)
        # Every object the cross-reference tables name (those in object streams included), and every
        # object reachable from the trailer (in case the tables are damaged and were rebuilt).
        numbers = [(n, g) for g, table in reader.xref.items() for n in table]
        numbers += [(n, 0) for n in reader.xref_objStm]
        stack: list[Any] = [IndirectObject(n, g, reader) for n, g in numbers] + [reader.trailer]
        seen: set[tuple[int, int]] = set()
        visited = 0
        while stack:
            item = stack.pop()
            if isinstance(item, IndirectObject):
                key = (item.idnum, item.generation)
                if key in seen:
                    continue
                seen.add(key)
                item = item.get_object()
            visited += 1
            if visited > MAX_PDF_OBJECTS:
                raise Hostile(PDF_ACTIVE)
            stack += _pdf_children(item)
    except Hostile:
        raise
    except Exception as error:  # pypdf fails in many ways on a malformed file: each means "cannot read it"
        raise ValueError("damaged PDF") from error


def _pdf_children(item: Any) -> list[Any]:
    """The values inside a PDF dictionary or array, after checking it for active content."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject

    if isinstance(item, DictionaryObject):
        for key, value in item.items():
            if key in PDF_ACTIVE_KEYS:
                raise Hostile(PDF_ACTIVE)
            resolved = value.get_object() if hasattr(value, "get_object") else value
            if key == "/OpenAction" and isinstance(resolved, DictionaryObject) and resolved.get("/S") != "/GoTo":
                raise Hostile(PDF_ACTIVE)
            if key in ("/URI", "/F", "/UF") and isinstance(resolved, str) and _LOCAL_FILE.match(resolved):
                raise Hostile(PDF_ACTIVE)
        return list(item.values())
    if isinstance(item, ArrayObject):
        return list(item)
    if isinstance(item, NameObject) and item in PDF_ACTIVE_NAMES:
        raise Hostile(PDF_ACTIVE)
    return []


# --- Word and Excel -----------------------------------------------------------------------------------------

# Content types (lower case), and the last part of relationship types, that are refused, with why.
_CONTENT_TYPES = [
    ("macroenabled", MACROS),
    ("vbaproject", MACROS),
    ("vbadata", MACROS),
    ("activex", EMBEDDED),
    ("oleobject", EMBEDDED),
    ("externallink", EXTERNAL),
]
_RELATIONSHIPS = {
    "vbaproject": MACROS,
    "wordvbadata": MACROS,
    "keymapcustomizations": MACROS,
    "oleobject": EMBEDDED,
    "package": EMBEDDED,
    "control": EMBEDDED,
    "activexcontrol": EMBEDDED,
    "activexcontrolbinary": EMBEDDED,
    "afchunk": EMBEDDED,
    "attachedtemplate": EXTERNAL,
    "externallink": EXTERNAL,
    "externallinkpath": EXTERNAL,
    "frame": EXTERNAL,
    "subdocument": EXTERNAL,
}
_PART_NAMES = re.compile(r"(^|/)(vbaProject\.bin|vbaData\.xml|activeX/|embeddings/|externalLinks/)", re.I)
_COMPOUND_FILE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.I)

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
O = "{urn:schemas-microsoft-com:office:office}"  # noqa: E741 - VML office namespace's usual prefix
_ELEMENTS = {
    f"{W}object": EMBEDDED,
    f"{W}control": EMBEDDED,
    f"{W}altChunk": EMBEDDED,
    f"{W}subDoc": EXTERNAL,
    f"{O}OLEObject": EMBEDDED,
    f"{S}oleObject": EMBEDDED,
    f"{S}oleObjects": EMBEDDED,
    f"{S}control": EMBEDDED,
    f"{S}externalReference": EXTERNAL,
    f"{S}externalLink": EXTERNAL,
    f"{S}ddeLink": DDE,
    f"{S}oleLink": EXTERNAL,
}
# Word fields that start a program, and fields that load a file (a field's code may be split into runs).
_WORD_DDE = re.compile(r"\bDDE(AUTO)?\b", re.I)
_WORD_LOADS = re.compile(r"\b(INCLUDETEXT|INCLUDEPICTURE|LINK|IMPORT)\b", re.I)
# In an Excel formula a pipe is no operator: outside a string it is a DDE reference (cmd|' /C calc'!A0).
_FORMULA_DDE = re.compile(r"\|\s*'|\|[^|]*!|\bDDE(AUTO)?\s*\(", re.I)
_FORMULA_STRING = re.compile(r'"[^"]*"')
MAX_PART_BYTES = 200 * 1024 * 1024


def check_ooxml(archive: zipfile.ZipFile) -> None:
    """Raise `Hostile` for a Word or Excel file holding macros, embedded objects, external links or DDE.
    The archive's sizes have been checked (no zip bomb) before this reads every part."""
    for info in archive.infolist():
        name = info.filename
        if name.endswith("/"):
            continue
        if _PART_NAMES.search(name):
            raise Hostile(MACROS if "vba" in name.lower() else EXTERNAL if "external" in name.lower() else EMBEDDED)
        data = archive.read(info)[:MAX_PART_BYTES]
        if data.startswith(_COMPOUND_FILE):
            raise Hostile(MACROS)
        lowered = name.lower()
        if not (lowered.endswith((".xml", ".rels", ".vml")) or data.lstrip()[:5] == b"<?xml"):
            continue
        if _DECLARATION.search(data):
            raise Hostile(XML_DECLARATIONS)
        root = _xml(data)
        if name == "[Content_Types].xml":
            for node in root.iter():
                kind = node.get("ContentType", "").lower()
                for marker, why in _CONTENT_TYPES:
                    if marker in kind:
                        raise Hostile(why)
        elif lowered.endswith(".rels"):
            _check_relationships(root)
        else:
            _check_elements(root)


def _xml(data: bytes) -> Element:
    try:
        root: Element = SafeXML.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise Hostile(XML_DECLARATIONS) from None
    except SafeXML.ParseError as error:
        raise ValueError("damaged XML part") from error
    return root


def _check_relationships(root: Element) -> None:
    for node in root.iter():
        if not node.tag.endswith("Relationship"):
            continue
        kind = node.get("Type", "").rstrip("/").rsplit("/", 1)[-1].lower()
        if kind in _RELATIONSHIPS:
            raise Hostile(_RELATIONSHIPS[kind])
        target = node.get("Target", "")
        if node.get("TargetMode", "").lower() == "external" and (kind != "hyperlink" or _LOCAL_FILE.match(target)):
            raise Hostile(EXTERNAL)


def _check_elements(root: Element) -> None:
    fields = " ".join(node.get(f"{W}instr", "") for node in root.iter(f"{W}fldSimple"))
    fields += " " + "".join(node.text or "" for node in root.iter(f"{W}instrText"))
    if _WORD_DDE.search(fields):
        raise Hostile(DDE)
    if _WORD_LOADS.search(fields):
        raise Hostile(EXTERNAL)
    for node in root.iter():
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _ELEMENTS:
            raise Hostile(_ELEMENTS[tag])
        if tag in (f"{S}f", f"{S}definedName") and _FORMULA_DDE.search(_FORMULA_STRING.sub("", node.text or "")):
            raise Hostile(DDE)
