"""Every part of a PDF, for the de-identification check, and the copy of it that is published.

Read (each as `(where, text)`): the text of each page (and the same text with words hyphenated at the end
of a line joined up), annotations of every kind (their text, rich text, subject, author, link targets),
bookmarks, form fields (names, values, tooltips, options), the structure tree's alternative, actual and
expansion texts and titles, attachments' names and descriptions, the document information dictionary,
every XMP metadata stream (element text and attribute values), and, as "PDF other text", any other text
string anywhere in the file (named destinations, page labels, layer names...).

Refused: a PDF with scripts, actions or embedded files (`ActiveContent`); an encrypted, damaged or
image-only PDF (`Unreadable`): never passed as clean.

The published copy keeps the pages, their text and the structure tree (so a tagged PDF stays tagged), the
language, the viewer preferences, bookmarks and plain web links; it drops every other annotation, form
fields, attachments, scripts, page-piece data and every metadata stream, and its document information and
XMP metadata hold the title alone (and the PDF/UA and PDF/A identification the source declared).
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import escape
from typing import Any

from defusedxml import ElementTree as SafeXML
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DictionaryObject,
    IndirectObject,
    NameObject,
    StreamObject,
    TextStringObject,
)

from sarhub.documents import hostile
from sarhub.publication.deid.parts import (
    PDF_ACTIVE,
    PDF_DAMAGED,
    PDF_IMAGES,
    PDF_NO_TEXT,
    PDF_PROTECTED,
    SEPARATOR,
    Part,
    grouped,
)
from sarhub.publication.deid.record import ActiveContent, Unreadable

BINARY_KEYS = {"/ID", "/O", "/U", "/OE", "/UE", "/Perms", "/ByteRange", "/Cert"}
MAX_OBJECTS = 500_000
MIN_LETTERS = 20  # a document with fewer letters of text than this is not read as text at all
LETTER = re.compile(r"[^\W\d_]")
HYPHENATED = re.compile(r"(\w)[-\u2010\u00ad][ \t]*\r?\n\s*(\w)")

PDFUA = "http://www.aiim.org/pdfua/ns/id/"
PDFA = "http://www.aiim.org/pdfa/ns/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@dataclass
class _Pdf:
    reader: PdfReader
    parts: list[Part] = field(default_factory=list)
    pages_of_images: int = 0
    letters: int = 0


def _open(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise Unreadable(PDF_PROTECTED)
        len(reader.pages)
    except Unreadable:
        raise
    except Exception as error:  # a malformed file can fail in pypdf in many ways: each means "damaged"
        raise Unreadable(PDF_DAMAGED) from error
    return reader


def _resolve(value: Any) -> Any:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _dict(value: Any) -> DictionaryObject | None:
    value = _resolve(value)
    return value if isinstance(value, DictionaryObject) else None


def _array(value: Any) -> list[Any]:
    value = _resolve(value)
    return list(value) if isinstance(value, ArrayObject) else []


def _text(value: Any) -> str:
    """A PDF value as text: strings as they are, names without their slash, arrays item by item."""
    value = _resolve(value)
    if isinstance(value, TextStringObject):
        return str(value)
    if isinstance(value, NameObject):
        return str(value).lstrip("/")
    if isinstance(value, ArrayObject):
        return SEPARATOR.join(t for t in (_text(v) for v in value) if t)
    if isinstance(value, StreamObject):
        return value.get_data().decode("utf-8", "replace")
    if isinstance(value, str):
        return value
    return ""


def _objects(root: Any) -> Iterator[DictionaryObject]:
    """Every dictionary (streams included) reachable from `root`, each once."""
    stack: list[Any] = [root]
    seen: set[tuple[int, int]] = set()
    seen_direct: set[int] = set()
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            reference = (item.idnum, item.generation)
            if reference in seen:
                continue
            seen.add(reference)
            if len(seen) > MAX_OBJECTS:
                raise Unreadable(PDF_DAMAGED)
            item = item.get_object()
        if isinstance(item, DictionaryObject):
            if id(item) in seen_direct:
                continue
            seen_direct.add(id(item))
            yield item
            stack.extend(value for key, value in item.items() if key not in BINARY_KEYS)
        elif isinstance(item, ArrayObject):
            stack.extend(item)


def _tree(root: Any, kids: str) -> Iterator[DictionaryObject]:
    """The dictionaries of a tree (form fields, a name tree, the structure tree) reached through `kids` alone."""
    stack: list[Any] = [root]
    seen: set[int] = set()
    while stack:
        item = _resolve(stack.pop())
        if isinstance(item, ArrayObject):
            stack.extend(item)
        elif isinstance(item, DictionaryObject) and id(item) not in seen:
            seen.add(id(item))
            if len(seen) > MAX_OBJECTS:
                raise Unreadable(PDF_DAMAGED)
            yield item
            if kids in item:
                stack.append(item[kids])


def _strings(root: Any) -> Iterator[str]:
    """Every text string reachable from `root` (keys holding binary data left out)."""
    for item in _objects(root):
        if "/ByteRange" in item:  # a signature: its /Contents is binary
            continue
        for key, value in item.items():
            if key in BINARY_KEYS:
                continue
            for found in [value, *(_array(value) if not isinstance(value, IndirectObject) else [])]:
                if isinstance(found, TextStringObject):
                    yield str(found)


def xmp_text(xml: bytes) -> str:
    """The text of an XMP packet: every element's text and every attribute's value (the short form,
    `<rdf:Description pdf:Producer="...">`, carries values in attributes)."""
    try:
        root = SafeXML.fromstring(xml.strip().lstrip(b"\xef\xbb\xbf"), forbid_dtd=True)
    except Exception:  # malformed or hostile XML (defusedxml refuses entities): read the raw text instead
        return xml.decode("utf-8", "replace")
    pieces: list[str] = []
    for node in root.iter():
        if node.text and node.text.strip():
            pieces.append(node.text.strip())
        pieces += [value for name, value in node.attrib.items() if value.strip() and name != f"{{{RDF}}}about"]
    return SEPARATOR.join(pieces)


def _rich_text(value: Any) -> str:
    """An annotation's rich text (XHTML) as plain text."""
    raw = _text(value)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]*>", " ", raw)).strip()


def joined_lines(text: str) -> str:
    """Page text as a person reads it: compatibility characters folded (ligatures: "ﬁ" is "fi"), soft
    hyphens dropped and words hyphenated at the end of a line joined ("Mar-\\ngaret" is "Margaret")."""
    text = unicodedata.normalize("NFKC", text)
    text = HYPHENATED.sub(r"\1\2", text)
    return text.replace("\u00ad", "")


def _page_has_images(page: Any) -> bool:
    return len(page.images) > 0


def _read(data: bytes) -> _Pdf:
    reader = _open(data)
    pdf = _Pdf(reader)
    try:
        _read_parts(pdf)
    except (Unreadable, ActiveContent):
        raise
    except Exception as error:  # as in _open: any failure to read a part means the file cannot be checked
        raise Unreadable(PDF_DAMAGED) from error
    return pdf


def _read_parts(pdf: _Pdf) -> None:
    reader = pdf.reader
    root = reader.root_object
    pieces: list[Part] = []
    covered: set[str] = set()

    def add(where: str, value: Any, *, raw: Any = None) -> None:
        text = value if isinstance(value, str) else _text(value)
        if text.strip():
            pieces.append((where, text))
            covered.add(text.strip())
        if raw is not None:
            covered.add(_text(raw).strip())

    # The pages, and their annotations.
    for number, page in enumerate(reader.pages, start=1):
        where = f"page {number}"
        text = page.extract_text() or ""
        pdf.parts.append((where, text))
        joined = joined_lines(text)
        if joined != text:
            pdf.parts.append((where, joined))
        letters = len(LETTER.findall(joined))
        pdf.letters += letters
        if letters == 0 and _page_has_images(page):
            pdf.pages_of_images += 1
        for annotation in (_dict(a) for a in _array(page.get("/Annots"))):
            if annotation is None:
                continue
            subtype = str(annotation.get("/Subtype", ""))
            if subtype == "/Widget":
                for key in ("/T", "/TU", "/TM", "/V", "/DV", "/Opt"):
                    add("PDF form field", annotation.get(key))
                continue
            add("PDF link" if subtype == "/Link" else "PDF annotation", annotation.get("/Contents"))
            add("PDF annotation", annotation.get("/Subj"))
            add("PDF annotation author", annotation.get("/T"))
            if "/RC" in annotation:
                add("PDF annotation", _rich_text(annotation["/RC"]), raw=annotation["/RC"])
            action = _dict(annotation.get("/A"))
            if action is not None:
                add("PDF link", action.get("/URI"))
                add("PDF link", action.get("/F"))

    # Bookmarks, however deeply nested.
    outlines = _dict(root.get("/Outlines"))
    stack = [outlines.get("/First")] if outlines is not None else []
    seen: set[int] = set()
    while stack:
        item = _dict(stack.pop())
        if item is None or id(item) in seen:
            continue
        seen.add(id(item))
        add("PDF bookmark", item.get("/Title"))
        action = _dict(item.get("/A"))
        if action is not None:
            add("PDF link", action.get("/URI"))
        stack += [item.get("/Next"), item.get("/First")]

    # Form fields (the widgets on the pages are read above).
    acroform = _dict(root.get("/AcroForm"))
    fields = _array(acroform.get("/Fields")) if acroform is not None else []
    for item in _tree(ArrayObject(fields), "/Kids"):
        for key in ("/T", "/TU", "/TM", "/V", "/DV", "/Opt"):
            add("PDF form field", item.get(key))

    # The structure tree: alternative text, replacement text, expansions of abbreviations, titles.
    structure = root.get("/StructTreeRoot")
    if structure is not None:
        for item in _tree(structure, "/K"):
            add("PDF alt text", item.get("/Alt"))
            add("PDF actual text", item.get("/ActualText"))
            add("PDF expansion text", item.get("/E"))
            if str(item.get("/Type", "/StructElem")) == "/StructElem" and "/S" in item:
                add("PDF structure title", item.get("/T"))

    # Attachments: the names in the EmbeddedFiles name tree, and every file specification's names.
    names = _dict(root.get("/Names"))
    tree = _dict(names.get("/EmbeddedFiles")) if names is not None else None
    if tree is not None:
        for node in _tree(tree, "/Kids"):
            entries = _array(node.get("/Names"))
            for name in entries[0::2]:
                add("PDF attachment", name)

    # The document information dictionary.
    info = _dict(reader.trailer.get("/Info"))
    for key, value in (info or {}).items():
        add(f"PDF {str(key).lstrip('/').lower()}", value)

    # Everything else in the file: metadata streams, file specifications, and any other text.
    for item in _objects(reader.trailer):
        if str(item.get("/Type", "")) == "/Filespec" or "/EF" in item:
            for key in ("/F", "/UF", "/Desc", "/DOS", "/Mac", "/Unix"):
                add("PDF attachment", item.get(key))
        metadata = _resolve(item.get("/Metadata"))
        if isinstance(metadata, StreamObject):
            add("PDF XMP metadata", xmp_text(metadata.get_data()))
        if isinstance(item, StreamObject) and str(item.get("/Subtype", "")) == "/XML":
            add("PDF XMP metadata", xmp_text(item.get_data()))
    others = [text for text in _strings(reader.trailer) if text.strip() and text.strip() not in covered]
    pieces += [("PDF other text", text) for text in others]
    pdf.parts += grouped(pieces)


def _refuse_active(data: bytes) -> None:
    """Active content is judged by the one check every upload passes (`documents.hostile.check_pdf`, which
    parses every object, compressed object streams included), so what may be stored and what may be
    published are refused by the same rule."""
    try:
        hostile.check_pdf(data)
    except hostile.Hostile as refusal:
        if str(refusal) == hostile.PDF_PASSWORD:
            raise Unreadable(PDF_PROTECTED) from None
        raise ActiveContent(PDF_ACTIVE) from None
    except ValueError:
        raise Unreadable(PDF_DAMAGED) from None


def pdf_parts(data: bytes) -> list[Part]:
    """Every part of a PDF as `(where, text)`. Raises `Unreadable` for an encrypted or damaged file (but not
    for an image-only one, nor for active content: see `check_pdf`)."""
    return _read(data).parts


def read_pdf(data: bytes) -> list[Part]:
    """Every part of a PDF that may be published, as `(where, text)`; raises `ActiveContent` for scripts,
    actions or embedded files, and `Unreadable` for a file that cannot be checked."""
    _refuse_active(data)
    pdf = _read(data)
    if pdf.pages_of_images:
        raise Unreadable(PDF_IMAGES)
    if pdf.letters < MIN_LETTERS:
        raise Unreadable(PDF_NO_TEXT)
    return pdf.parts


# --- The published copy ---------------------------------------------------------------------------------

CATALOG_DROPPED = (
    "/AcroForm",
    "/OpenAction",
    "/AA",
    "/PieceInfo",
    "/AF",
    "/Collection",
    "/Perms",
    "/Threads",
    "/SpiderInfo",
    "/Legal",
    "/Metadata",
    "/Requirements",
    "/DSS",
)
PAGE_DROPPED = ("/AA", "/PieceInfo", "/Metadata", "/AF", "/Thumb", "/B")


def _safe_link(annotation: DictionaryObject) -> bool:
    """A link to a place in the document or to a web page (not an email address, a file or a script)."""
    if str(annotation.get("/Subtype", "")) != "/Link":
        return False
    action = _dict(annotation.get("/A"))
    if action is None:
        return "/Dest" in annotation
    if "/Next" in action:
        return False
    kind = str(action.get("/S", ""))
    if kind == "/GoTo":
        return True
    return kind == "/URI" and re.match(r"https?://", _text(action.get("/URI")).strip(), re.IGNORECASE) is not None


def _identification(root: DictionaryObject) -> dict[str, str]:
    """The PDF/UA and PDF/A identification the source's XMP declares ({"pdfuaid:part": "1"}...)."""
    metadata = _resolve(root.get("/Metadata"))
    if not isinstance(metadata, StreamObject):
        return {}
    try:
        xml = SafeXML.fromstring(metadata.get_data().strip().lstrip(b"\xef\xbb\xbf"), forbid_dtd=True)
    except Exception:  # no readable XMP: no identification to carry over
        return {}
    found: dict[str, str] = {}
    for prefix, namespace, names in (("pdfuaid", PDFUA, ("part",)), ("pdfaid", PDFA, ("part", "conformance"))):
        for name in names:
            tag = f"{{{namespace}}}{name}"
            for node in xml.iter():
                value = node.text if node.tag == tag else node.attrib.get(tag)
                if value and value.strip():
                    found[f"{prefix}:{name}"] = value.strip()
    return found


def minimal_xmp(title: str, identification: dict[str, str]) -> bytes:
    """XMP holding the title (dc:title) and the PDF/UA or PDF/A identification alone."""
    ids = "".join(f"<{name}>{escape(value)}</{name}>" for name, value in sorted(identification.items()))
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f'<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="{PDFUA}" '
        f'xmlns:pdfaid="{PDFA}"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        f"</rdf:Alt></dc:title>{ids}</rdf:Description></rdf:RDF></x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    ).encode()


def published_pdf(data: bytes, *, title: str) -> bytes:
    """The copy of a PDF that is published (see the module's docstring for what it keeps)."""
    reader = _open(data)
    root = reader.root_object
    identification = _identification(root)
    # Pruned in the reader's objects, so that cloning takes only what is still reachable.
    for key in CATALOG_DROPPED:
        root.pop(key, None)
    names = _dict(root.get("/Names"))
    if names is not None:
        for key in list(names.keys()):
            if key != "/Dests":
                del names[key]
    dropped: set[int] = set()
    for page_object in reader.pages:
        # The page as the file holds it (a PageObject from reader.pages is a copy of it).
        reference = page_object.indirect_reference
        page = _dict(reference) if reference is not None else None
        if page is None:
            continue
        for key in PAGE_DROPPED:
            page.pop(key, None)
        if "/Annots" not in page:
            continue
        kept = ArrayObject()
        for reference in _array(page["/Annots"]):
            annotation = _dict(reference)
            if annotation is not None and _safe_link(annotation):
                kept.append(reference)
            elif isinstance(reference, IndirectObject):
                dropped.add(reference.idnum)
        if kept:
            page[NameObject("/Annots")] = kept
        else:
            del page["/Annots"]
    # The structure tree's references to the annotations dropped.
    structure = root.get("/StructTreeRoot")
    if structure is not None:
        for item in list(_tree(structure, "/K")):
            kids = _resolve(item.get("/K"))
            if isinstance(kids, ArrayObject):
                for kid in list(kids):
                    if _refers_to(kid, dropped):
                        kids.remove(kid)
            elif _refers_to(kids, dropped):
                del item["/K"]
    for item in list(_objects(root)):
        for key in ("/Metadata", "/PieceInfo", "/AA"):
            item.pop(key, None)
    writer = PdfWriter(clone_from=reader)
    writer.metadata = {"/Title": title}
    writer.xmp_metadata = minimal_xmp(title, identification)
    stream = _dict(writer.root_object["/Metadata"])
    assert stream is not None, "the XMP stream just set"
    stream[NameObject("/Type")] = NameObject("/Metadata")
    stream[NameObject("/Subtype")] = NameObject("/XML")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _refers_to(kid: Any, dropped: set[int]) -> bool:
    """Whether a structure element's kid is an object reference (OBJR) to an annotation being dropped."""
    item = _dict(kid)
    if item is None or str(item.get("/Type", "")) != "/OBJR":
        return False
    target = item.get("/Obj")
    return isinstance(target, IndirectObject) and target.idnum in dropped
