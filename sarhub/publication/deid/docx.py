"""Every part of a Word (DOCX) file, for the de-identification check, and the copy of it that is published.

Read (each as `(where, text)`): the text of the body ("text"), headers, footers, footnotes, endnotes and
text boxes (DrawingML and VML), a paragraph's runs joined as Word shows them (Word splits a word into runs
after edits); comments and their authors and initials; tracked changes (deleted and moved text) and the
authors of every change, formatting changes included; field codes, bookmark names, content-control tags,
legacy form fields; image alternative text and names; the targets of links and other external
relationships; the core, app and custom properties; word/people.xml; document variables and mail-merge
settings; custom XML data; charts, diagrams, building blocks; and any other XML part's text.

Refused: a file with macros, ActiveX controls or embedded files (`ActiveContent`); a damaged,
password-protected or old-format file, or one that unpacks to more than `MAX_UNPACKED` (`Unreadable`); a
file that still has tracked changes or comments (`NotClean`).

The published copy keeps the document (its text, pictures with their alternative text, headers, footers,
footnotes, links) and drops comments, people.xml, custom XML data, building blocks, the app and custom
properties, the thumbnail, document variables, mail-merge settings and the attached template; its core
properties hold the title alone; any tracked change left is accepted.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree as SafeXML

from sarhub.documents import hostile
from sarhub.publication.deid.parts import (
    DOCX_ACTIVE,
    DOCX_DAMAGED,
    DOCX_NOT_CLEAN,
    DOCX_PROTECTED,
    DOCX_TOO_LARGE,
    SEPARATOR,
    NotClean,
    Part,
    grouped,
)
from sarhub.publication.deid.record import ActiveContent, Unreadable

MAX_UNPACKED = 50 * 1024 * 1024  # bytes, every part of the file together
MAX_PARTS = 10_000

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
O = "{urn:schemas-microsoft-com:office:office}"  # noqa: E741 - the VML office namespace's usual prefix
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
VT = "{http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes}"

# Tracked changes: insertions, deletions and moves, and formatting changes.
CHANGES = {"ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel", "cellMerge"}
CHANGES |= {f"{name}RangeStart" for name in ("moveFrom", "moveTo")}
CHANGES |= {f"customXml{kind}Range{end}" for kind in ("Ins", "Del", "MoveFrom", "MoveTo") for end in ("Start", "End")}
FORMAT_CHANGES = {
    "rPrChange",
    "pPrChange",
    "sectPrChange",
    "tblPrChange",
    "tblPrExChange",
    "trPrChange",
    "tcPrChange",
    "tblGridChange",
    "numberingChange",
}
COMMENT_MARKS = {"commentRangeStart", "commentRangeEnd", "commentReference"}

STORIES = [
    (re.compile(r"word/header\d*\.xml"), "DOCX header"),
    (re.compile(r"word/footer\d*\.xml"), "DOCX footer"),
    (re.compile(r"word/footnotes\.xml"), "DOCX footnote"),
    (re.compile(r"word/endnotes\.xml"), "DOCX endnote"),
    (re.compile(r"word/comments\.xml"), "DOCX comment"),
    (re.compile(r"word/glossary/document\.xml"), "DOCX building block"),
]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


@dataclass
class _Docx:
    pieces: list[Part] = field(default_factory=list)
    changes: bool = False
    comments: bool = False

    def add(self, where: str, text: str | None) -> None:
        if text and text.strip():
            self.pieces.append((where, text))


class _Archive:
    """A DOCX's zip, read within a budget: at most MAX_UNPACKED bytes in all, at most MAX_PARTS parts."""

    def __init__(self, data: bytes) -> None:
        if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":  # an OLE compound file: encrypted, or a .doc
            raise Unreadable(DOCX_PROTECTED)
        try:
            self.zip = zipfile.ZipFile(io.BytesIO(data))
            infos = self.zip.infolist()
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as error:
            raise Unreadable(DOCX_DAMAGED) from error
        if len(infos) > MAX_PARTS or sum(info.file_size for info in infos) > MAX_UNPACKED:
            raise Unreadable(DOCX_TOO_LARGE)
        if any(info.flag_bits & 0x1 for info in infos):  # zip-level encryption
            raise Unreadable(DOCX_PROTECTED)
        self.names = [info.filename for info in infos]
        self.budget = MAX_UNPACKED

    def read(self, name: str) -> bytes:
        try:
            with self.zip.open(name) as handle:
                data = handle.read(self.budget + 1)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as error:
            raise Unreadable(DOCX_DAMAGED) from error
        self.budget -= len(data)
        if self.budget < 0:
            raise Unreadable(DOCX_TOO_LARGE)
        return data

    def xml(self, name: str) -> Element:
        data = self.read(name)
        try:
            return SafeXML.fromstring(data, forbid_dtd=True)
        except Exception as error:  # malformed XML, or a DTD or entities (defusedxml refuses them)
            raise Unreadable(DOCX_DAMAGED) from error


# --- Reading the text of a story (the body, a header, a footnote, a comment...) -------------------------


def _paragraph(p: Element, *, original: bool) -> str:
    """A paragraph's text, its runs joined: as it now reads (`original=False`: deletions left out) or as it
    read before its tracked changes (`original=True`: insertions left out). Text boxes are read apart."""
    pieces: list[str] = []

    def visit(node: Element, deleted: bool, inserted: bool) -> None:
        for child in node:
            name = _local(child.tag)
            if child.tag == f"{W}txbxContent" or name in ("rPr", "pPr", "instrText", "delInstrText"):
                continue
            if child.tag == f"{MC}AlternateContent":
                choices = [c for c in child if c.tag in (f"{MC}Choice", f"{MC}Fallback")]
                if choices:
                    visit(choices[0], deleted, inserted)
                continue
            if name in ("del", "moveFrom") and child.tag.startswith(W):
                visit(child, True, inserted)
                continue
            if name in ("ins", "moveTo") and child.tag.startswith(W):
                visit(child, deleted, True)
                continue
            shown = (not original and not deleted) or (original and not inserted)
            if (child.tag == f"{W}t" and shown) or (child.tag == f"{W}delText" and original):
                pieces.append(child.text or "")
            elif child.tag in (f"{W}tab", f"{W}ptab") and shown:
                pieces.append(" ")
            elif child.tag in (f"{W}br", f"{W}cr") and shown:
                pieces.append("\n")
            elif child.tag == f"{W}noBreakHyphen" and shown:
                pieces.append("-")
            elif child.tag != f"{W}p":
                visit(child, deleted, inserted)

    visit(p, False, False)
    return "".join(pieces)


def _story(root: Element, where: str, docx: _Docx) -> None:
    """The paragraphs of a story (text boxes apart), its tracked changes and every other text it holds."""
    body: list[str] = []

    def walk(node: Element, boxes: list[str] | None) -> None:
        for child in node:
            if child.tag == f"{W}p":
                (boxes if boxes is not None else body).append(_paragraph(child, original=False))
                if any(_local(e.tag) in CHANGES and e.tag.startswith(W) for e in child.iter()):
                    docx.add("DOCX tracked change", _paragraph(child, original=True))
                instructions = "".join(
                    e.text or "" for e in child.iter() if e.tag in (f"{W}instrText", f"{W}delInstrText")
                )
                docx.add("DOCX field code", instructions)
                walk(child, boxes)
            elif child.tag == f"{W}txbxContent":
                box: list[str] = []
                walk(child, box)
                docx.add("DOCX text box", "\n".join(box))
            elif child.tag == f"{W}comment":
                docx.comments = True
                docx.add("DOCX comment author", child.get(f"{W}author"))
                docx.add("DOCX comment author", child.get(f"{W}initials"))
                walk(child, boxes)
                body.append("")
            else:
                walk(child, boxes)

    walk(root, None)
    docx.add(where, "\n".join(body))
    for node in root.iter():
        name = _local(node.tag)
        if not node.tag.startswith(W):
            if name in ("docPr", "cNvPr"):
                for attribute in ("title", "descr", "name"):
                    docx.add("DOCX alt text", node.get(attribute))
            elif name in ("shape", "rect", "roundrect", "oval", "group", "imagedata", "textbox"):
                for attribute in ("alt", "title", f"{O}title"):
                    docx.add("DOCX alt text", node.get(attribute))
            continue
        if name in CHANGES or name in FORMAT_CHANGES:
            docx.changes = True
            author = "DOCX formatting change author" if name in FORMAT_CHANGES else "DOCX tracked change author"
            docx.add(author, node.get(f"{W}author"))
        elif name in COMMENT_MARKS:
            docx.comments = True
        elif name == "bookmarkStart":
            docx.add("DOCX bookmark", node.get(f"{W}name"))
        elif name == "hyperlink":
            docx.add("DOCX hyperlink", node.get(f"{W}tooltip"))
        elif name == "fldSimple":
            docx.add("DOCX field code", node.get(f"{W}instr"))
        elif name in ("alias", "tag"):
            docx.add("DOCX content control", node.get(f"{W}val"))
        elif name in ("name", "statusText", "helpText", "default", "result", "listEntry"):
            docx.add("DOCX form field", node.get(f"{W}val"))
        elif name == "altChunk":
            raise ActiveContent(DOCX_ACTIVE)


def _all_text(root: Element, *, attributes: bool = False) -> str:
    pieces: list[str] = []
    for node in root.iter():
        if node.text and node.text.strip():
            pieces.append(node.text.strip())
        if attributes:
            pieces += [value for value in node.attrib.values() if value.strip()]
    return SEPARATOR.join(pieces)


# --- Reading the whole file ------------------------------------------------------------------------------


def _main_part(archive: _Archive) -> str:
    if "_rels/.rels" in archive.names:
        for relationship in archive.xml("_rels/.rels").iter(f"{REL}Relationship"):
            if relationship.get("Type", "").endswith("/officeDocument"):
                return relationship.get("Target", "").lstrip("/")
    return "word/document.xml"


def _read(data: bytes) -> _Docx:
    archive = _Archive(data)
    docx = _Docx()
    # Active content is judged by the one check every upload passes (`documents.hostile.check_ooxml`:
    # content types, every relationship and every part), so what may be stored and what may be published
    # are refused by the same rule.
    try:
        hostile.check_ooxml(archive.zip)
    except hostile.Hostile as refusal:
        if str(refusal) == hostile.XML_DECLARATIONS:  # not written by Word: a damaged or hand-made file
            raise Unreadable(DOCX_DAMAGED) from None
        raise ActiveContent(DOCX_ACTIVE) from None
    except (ValueError, KeyError, zipfile.BadZipFile, RuntimeError, OSError, EOFError):
        raise Unreadable(DOCX_DAMAGED) from None
    main = _main_part(archive)
    if main not in archive.names:
        raise Unreadable(DOCX_DAMAGED)
    _story(archive.xml(main), "text", docx)
    for name in archive.names:
        if name == main or name.endswith("/"):
            continue
        story = next((where for pattern, where in STORIES if pattern.fullmatch(name)), None)
        if story is not None:
            _story(archive.xml(name), story, docx)
        elif name.endswith(".rels"):
            for relationship in archive.xml(name).iter(f"{REL}Relationship"):
                if relationship.get("TargetMode") == "External":
                    kind = "hyperlink" if relationship.get("Type", "").endswith("/hyperlink") else "external link"
                    docx.add(f"DOCX {kind}", relationship.get("Target"))
        elif name == "docProps/core.xml":
            for node in archive.xml(name):
                docx.add(f"DOCX {_local(node.tag)}", _all_text(node))
        elif name == "docProps/app.xml":
            for node in archive.xml(name):
                label = _local(node.tag)
                where = f"DOCX {label.lower()}" if label in ("Company", "Manager") else "DOCX app property"
                docx.add(where, _all_text(node))
        elif name == "docProps/custom.xml":
            for node in archive.xml(name):
                docx.add("DOCX custom property", f"{node.get('name', '')}: {_all_text(node)}")
        elif name == "word/people.xml":
            for node in archive.xml(name).iter():
                for attribute in ("author", "userId", "providerId"):
                    docx.add("DOCX people", node.get(f"{W15}{attribute}"))
        elif name == "word/settings.xml":
            settings = archive.xml(name)
            for node in settings.iter(f"{W}docVar"):
                docx.add("DOCX document variable", f"{node.get(f'{W}name', '')}: {node.get(f'{W}val', '')}")
            for node in settings.iter(f"{W}mailMerge"):
                docx.add("DOCX mail merge", _all_text(node, attributes=True))
            for node in settings.iter(f"{W}attachedTemplate"):
                docx.add("DOCX external link", node.get(f"{W}val"))
        elif re.fullmatch(r"customXml/item\d*\.xml", name):
            docx.add("DOCX custom XML", _all_text(archive.xml(name), attributes=True))
        elif name.startswith("word/charts/") and name.endswith(".xml"):
            docx.add("DOCX chart", _all_text(archive.xml(name)))
        elif name.startswith("word/diagrams/") and name.endswith(".xml"):
            docx.add("DOCX diagram", _all_text(archive.xml(name)))
        elif name.endswith(".xml") and not name.startswith("customXml/"):
            docx.add("DOCX other part", _all_text(archive.xml(name)))
    return docx


def docx_parts(data: bytes) -> list[Part]:
    """Every part of a DOCX as `(where, text)`, tracked changes and comments included. Raises
    `ActiveContent` or `Unreadable` (but not `NotClean`: see `read_docx`)."""
    return grouped(_read(data).pieces)


def read_docx(data: bytes) -> list[Part]:
    """Every part of a DOCX that may be published, as `(where, text)`; raises `NotClean` if it still has
    tracked changes or comments, `ActiveContent` or `Unreadable` as `docx_parts` does."""
    docx = _read(data)
    if docx.changes or docx.comments:
        raise NotClean(DOCX_NOT_CLEAN)
    return grouped(docx.pieces)


# --- The published copy ---------------------------------------------------------------------------------

# Relationships (by the last part of their type) whose parts the published copy leaves out.
DROPPED_FROM_PACKAGE = {"extended-properties", "custom-properties", "thumbnail"}
DROPPED_FROM_DOCUMENT = {
    "comments",
    "commentsExtended",
    "commentsIds",
    "commentsExtensible",
    "people",
    "customXml",
    "glossaryDocument",
}
STORY_TYPES = ("document.main+xml", "header+xml", "footer+xml", "footnotes+xml", "endnotes+xml")


def _xml_parser() -> Any:
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _accept_changes_and_drop_comments(root: Any) -> None:
    """Tracked changes accepted (insertions kept, deletions dropped, formatting changes' records dropped)
    and comment marks removed, in a story's XML (lxml)."""
    for node in list(root.iter(f"{W}del", f"{W}moveFrom")):
        node.getparent().remove(node)
    for node in list(root.iter(*(f"{W}{name}" for name in FORMAT_CHANGES | COMMENT_MARKS | CHANGES))):
        parent = node.getparent()
        if parent is None:
            continue
        if _local(node.tag) in ("ins", "moveTo"):  # unwrap: the inserted runs stay where they were
            index = parent.index(node)
            for offset, child in enumerate(list(node)):
                parent.insert(index + offset, child)
        parent.remove(node)
    for run in list(root.iter(f"{W}r")):  # runs left empty by a removed comment reference
        if all(_local(child.tag) == "rPr" for child in run) and run.getparent() is not None:
            run.getparent().remove(run)


def published_docx(data: bytes, *, title: str) -> bytes:
    """The copy of a DOCX that is published (see the module's docstring for what it keeps)."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.part import XmlPart
    from lxml import etree

    _Archive(data)  # the same limits as the check, before python-docx unpacks it
    document = Document(io.BytesIO(data))
    package = document.part.package
    for rels, dropped in ((package.rels, DROPPED_FROM_PACKAGE), (document.part.rels, DROPPED_FROM_DOCUMENT)):
        for rId, relationship in list(rels.items()):
            if relationship.reltype.rsplit("/", 1)[-1] in dropped:
                del rels[rId]
    for part in package.iter_parts():
        if not str(part.content_type).endswith(STORY_TYPES):
            continue
        if isinstance(part, XmlPart):
            _accept_changes_and_drop_comments(part.element)
        else:
            root = etree.fromstring(part.blob, _xml_parser())
            _accept_changes_and_drop_comments(root)
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    document.settings  # noqa: B018 - made if the file had none
    settings: Any = document.part.part_related_by(RT.SETTINGS)
    for name in ("docVars", "attachedTemplate", "mailMerge"):
        for node in list(settings.element.iter(f"{W}{name}")):
            node.getparent().remove(node)
    for rId in list(settings.rels):  # the attached template and mail-merge sources (nothing else)
        del settings.rels[rId]
    document.core_properties  # noqa: B018 - made if the file had none
    core: Any = package.part_related_by(RT.CORE_PROPERTIES)
    for node in list(core.element):
        core.element.remove(node)
    document.core_properties.title = title
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
