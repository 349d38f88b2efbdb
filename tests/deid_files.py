"""Word and PDF files with a given text planted, verbatim, in a named part: for testing the
de-identification check reads every part (and for a recall benchmark that plants slips in each).

`docx_with(parts)`: a DOCX built from raw WordprocessingML, fast (no Word, no python-docx). Part names:
  "body" (paragraphs split at new lines), "header", "footer", "footnote", "endnote", "text box" (DrawingML
  with a VML fallback, as Word writes it), "comment", "comment author", "tracked change" (deleted text),
  "tracked change author" (an insertion's author), "formatting change author", "core property"
  (dc:creator), "last modified by", "custom property" (a custom property's value), "app property"
  (Company), "manager", "alt text" (a picture's description), "hyperlink" (an external link's target, a
  mailto: address say), "people" (word/people.xml's author), "field code", "bookmark", "document variable".
  With `split_runs=True` the body's text is cut into runs of three characters, as Word does after edits.

`pdf_with(parts)`: a PDF built with pypdf, fast. Part names: "page" (text on page 1, lines split at new
  lines), "page 2" (a second page), "annotation" (a sticky note's text), "annotation author", "free text"
  (a FreeText annotation), "link" (a link's URI), "bookmark", "form field" (a text field's value), "form
  field name", "alt text" (a figure's /Alt in a structure tree), "actual text", "info" (/Author in the
  document information), "xmp" (dc:creator in XMP metadata, element form), "xmp attribute" (an
  rdf:Description attribute, pdf:Producer), "attachment" (an embedded file's name: such a PDF is also
  refused as active content).

The files are otherwise clean; without "body" or "page", the text is a fictional sentence long enough for
the check to read. Text is escaped for XML and PDF (any Unicode goes in; the PDF page's text is drawn in
WinAnsi, so characters outside Windows-1252 fall back to a WeasyPrint page).
"""

from __future__ import annotations

import io
import zipfile
from html import escape
from typing import Any

DOCX_PARTS = {
    "body",
    "header",
    "footer",
    "footnote",
    "endnote",
    "text box",
    "comment",
    "comment author",
    "tracked change",
    "tracked change author",
    "formatting change author",
    "core property",
    "last modified by",
    "custom property",
    "app property",
    "manager",
    "alt text",
    "hyperlink",
    "people",
    "field code",
    "bookmark",
    "document variable",
}
PDF_PARTS = {
    "page",
    "page 2",
    "annotation",
    "annotation author",
    "free text",
    "link",
    "bookmark",
    "form field",
    "form field name",
    "alt text",
    "actual text",
    "info",
    "xmp",
    "xmp attribute",
    "attachment",
}
CLEAN_TEXT = "Adult M was known to four agencies. The review found that risk was not shared."

NS = (
    'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 w15"'
)
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cf00000301010018dd8db00000000049454e44ae426082"
)


def _x(text: str) -> str:
    return escape(text, quote=True)


def _runs(text: str, *, split: bool = False) -> str:
    pieces = [text[i : i + 3] for i in range(0, len(text), 3)] if split else [text]
    return "".join(f'<w:r><w:t xml:space="preserve">{_x(p)}</w:t></w:r>' for p in pieces)


def _paragraphs(text: str, *, split: bool = False) -> str:
    return "".join(f"<w:p>{_runs(line, split=split)}</w:p>" for line in text.split("\n"))


def docx_with(parts: dict[str, str], *, split_runs: bool = False) -> bytes:
    """A DOCX with each text of `parts` planted verbatim in the part named (see the module's docstring)."""
    unknown = set(parts) - DOCX_PARTS
    if unknown:
        raise ValueError(f"Unknown DOCX parts: {sorted(unknown)}")
    files: dict[str, str | bytes] = {}
    overrides = {
        "/word/document.xml": "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
    }
    doc_rels: list[tuple[str, str, str, bool]] = []  # (id, type, target, external)
    package_rels = [
        ("rId1", f"{REL}/officeDocument", "word/document.xml", False),
        (
            "rId2",
            "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties",
            "docProps/core.xml",
            False,
        ),
    ]
    body = _paragraphs(parts.get("body", CLEAN_TEXT), split=split_runs)
    extra = ""
    if "footnote" in parts or "endnote" in parts:
        for kind in ("footnote", "endnote"):
            if kind in parts:
                extra += f'<w:r><w:{kind}Reference w:id="1"/></w:r>'
                files[f"word/{kind}s.xml"] = (
                    f'{HEAD}<w:{kind}s {NS}><w:{kind} w:id="1"><w:p>{_runs(parts[kind])}</w:p></w:{kind}></w:{kind}s>'
                )
                overrides[f"/word/{kind}s.xml"] = (
                    f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
                )
                doc_rels.append((f"rIdN{kind}", f"{REL}/{kind}s", f"{kind}s.xml", False))
    if "text box" in parts:
        box = f"<w:txbxContent><w:p>{_runs(parts['text box'])}</w:p></w:txbxContent>"
        extra += (
            '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" '
            'distL="0" distR="0" simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" '
            'allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
            '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>'
            '</wp:positionV><wp:extent cx="1828800" cy="457200"/><wp:wrapNone/><wp:docPr id="2" name="Text Box 2"/>'
            '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
            f'<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1828800" cy="457200"/>'
            f'</a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx>{box}</wps:txbx>'
            "<wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
            f'<mc:Fallback><w:pict><v:shape id="TextBox2" style="width:144pt;height:36pt"><v:textbox>{box}'
            "</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
        )
    if "alt text" in parts:
        files["word/media/image1.png"] = PNG
        doc_rels.append(("rIdImg", f"{REL}/image", "media/image1.png", False))
        extra += (
            '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="95250" cy="95250"/>'
            f'<wp:docPr id="1" name="Picture 1" descr="{_x(parts["alt text"])}"/><a:graphic>'
            '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
            '<pic:nvPicPr><pic:cNvPr id="1" name="Picture 1"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
            '<a:blip r:embed="rIdImg"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>'
            '<a:off x="0" y="0"/><a:ext cx="95250" cy="95250"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
            "</a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    if "hyperlink" in parts:
        doc_rels.append(("rIdLink", f"{REL}/hyperlink", parts["hyperlink"], True))
        extra += '<w:hyperlink r:id="rIdLink"><w:r><w:t>the contact</w:t></w:r></w:hyperlink>'
    if "field code" in parts:
        extra += (
            '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve">'
            f'{_x(parts["field code"])}</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
            '<w:r><w:t>a field</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'
        )
    if "bookmark" in parts:
        extra += f'<w:bookmarkStart w:id="0" w:name="{_x(parts["bookmark"])}"/><w:bookmarkEnd w:id="0"/>'
    if "comment" in parts or "comment author" in parts:
        author = parts.get("comment author", "Reviewer")
        text = parts.get("comment", "Please check this.")
        extra += '<w:commentRangeStart w:id="0"/><w:r><w:t>noted</w:t></w:r><w:commentRangeEnd w:id="0"/>'
        extra += '<w:r><w:commentReference w:id="0"/></w:r>'
        files["word/comments.xml"] = (
            f'{HEAD}<w:comments {NS}><w:comment w:id="0" w:author="{_x(author)}" w:initials="R" '
            f'w:date="2026-01-05T10:00:00Z"><w:p>{_runs(text)}</w:p></w:comment></w:comments>'
        )
        overrides["/word/comments.xml"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
        doc_rels.append(("rIdComments", f"{REL}/comments", "comments.xml", False))
    if "tracked change" in parts:
        extra += (
            '<w:del w:id="11" w:author="Editor" w:date="2026-01-05T10:00:00Z"><w:r><w:delText xml:space="preserve">'
            f"{_x(parts['tracked change'])}</w:delText></w:r></w:del>"
        )
    if "tracked change author" in parts:
        extra += (
            f'<w:ins w:id="12" w:author="{_x(parts["tracked change author"])}" w:date="2026-01-05T10:00:00Z">'
            '<w:r><w:t xml:space="preserve"> (added)</w:t></w:r></w:ins>'
        )
    if "formatting change author" in parts:
        extra += (
            '<w:r><w:rPr><w:b/><w:rPrChange w:id="13" w:author="'
            f'{_x(parts["formatting change author"])}" w:date="2026-01-05T10:00:00Z"><w:rPr/></w:rPrChange>'
            "</w:rPr><w:t>bold</w:t></w:r>"
        )
    section = ""
    for kind in ("header", "footer"):
        if kind in parts:
            files[f"word/{kind}1.xml"] = f"{HEAD}<w:{kind[0]}dr {NS}><w:p>{_runs(parts[kind])}</w:p></w:{kind[0]}dr>"
            overrides[f"/word/{kind}1.xml"] = (
                f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml"
            )
            doc_rels.append((f"rId{kind}", f"{REL}/{kind}", f"{kind}1.xml", False))
            section += f'<w:{kind}Reference w:type="default" r:id="rId{kind}"/>'
    files["word/document.xml"] = (
        f"{HEAD}<w:document {NS}><w:body>{body}<w:p>{extra}</w:p>"
        f'<w:sectPr>{section}<w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:body></w:document>'
    )
    if "document variable" in parts:
        files["word/settings.xml"] = (
            f'{HEAD}<w:settings {NS}><w:docVars><w:docVar w:name="Client" w:val="{_x(parts["document variable"])}"/>'
            "</w:docVars></w:settings>"
        )
        overrides["/word/settings.xml"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"
        doc_rels.append(("rIdSettings", f"{REL}/settings", "settings.xml", False))
    if "people" in parts:
        files["word/people.xml"] = (
            f'{HEAD}<w15:people {NS}><w15:person w15:author="{_x(parts["people"])}"><w15:presenceInfo '
            'w15:providerId="None" w15:userId="Reviewer"/></w15:person></w15:people>'
        )
        overrides["/word/people.xml"] = "application/vnd.ms-word.people+xml"
        doc_rels.append(
            ("rIdPeople", "http://schemas.microsoft.com/office/2011/relationships/people", "people.xml", False)
        )
    files["docProps/core.xml"] = (
        f'{HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>Report</dc:title>'
        f"<dc:creator>{_x(parts.get('core property', 'Testshire SAB'))}</dc:creator>"
        f"<cp:lastModifiedBy>{_x(parts.get('last modified by', 'Testshire SAB'))}</cp:lastModifiedBy>"
        "</cp:coreProperties>"
    )
    overrides["/docProps/core.xml"] = "application/vnd.openxmlformats-package.core-properties+xml"
    if "app property" in parts or "manager" in parts:
        files["docProps/app.xml"] = (
            f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
            f"<Application>Microsoft Office Word</Application><Company>{_x(parts.get('app property', ''))}</Company>"
            f"<Manager>{_x(parts.get('manager', ''))}</Manager></Properties>"
        )
        overrides["/docProps/app.xml"] = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
        package_rels.append(("rId3", f"{REL}/extended-properties", "docProps/app.xml", False))
    if "custom property" in parts:
        files["docProps/custom.xml"] = (
            f'{HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Subject person">'
            f"<vt:lpwstr>{_x(parts['custom property'])}</vt:lpwstr></property></Properties>"
        )
        overrides["/docProps/custom.xml"] = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
        package_rels.append(("rId4", f"{REL}/custom-properties", "docProps/custom.xml", False))
    files["_rels/.rels"] = _rels(package_rels)
    files["word/_rels/document.xml.rels"] = _rels(doc_rels)
    files["[Content_Types].xml"] = (
        f'{HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
        + "".join(f'<Override PartName="{name}" ContentType="{kind}"/>' for name, kind in overrides.items())
        + "</Types>"
    )
    return zipped(files)


def _rels(relationships: list[tuple[str, str, str, bool]]) -> str:
    external_mode = ' TargetMode="External"'
    items = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{_x(target)}"{external_mode if external else ""}/>'
        for rid, kind, target, external in relationships
    )
    return f'{HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'


def zipped(files: dict[str, str | bytes]) -> bytes:
    """A zip of the files given (name: content), [Content_Types].xml first as Word writes it."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files, key=lambda n: n != "[Content_Types].xml"):
            content = files[name]
            archive.writestr(name, content.encode() if isinstance(content, str) else content)
    return out.getvalue()


# --- PDF ------------------------------------------------------------------------------------------------


def _page_stream(text: str) -> bytes | None:
    """A content stream drawing the text line by line in Helvetica (WinAnsi), or None if it cannot."""
    try:
        lines = [line.encode("cp1252") for line in text.split("\n")]
    except UnicodeEncodeError:
        return None
    ops = [b"BT", b"/F1 11 Tf", b"56 780 Td", b"14 TL"]
    for line in lines:
        escaped = line.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        ops.append(b"(" + escaped + b") Tj T*")
    ops.append(b"ET")
    return b"\n".join(ops)


def _add_page(writer: Any, text: str) -> Any:
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject, NameObject, StreamObject

    content = _page_stream(text)
    if content is None:  # text WinAnsi cannot draw: a page made by WeasyPrint
        from weasyprint import HTML

        html = "".join(f"<p>{_x(line)}</p>" for line in text.split("\n"))
        made = bytes(HTML(string=f'<html lang="en-GB"><body>{html}</body></html>').write_pdf() or b"")
        return writer.add_page(PdfReader(io.BytesIO(made)).pages[0])
    page = writer.add_blank_page(595, 842)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    stream = StreamObject()
    stream.set_data(content)
    page[NameObject("/Contents")] = writer._add_object(stream)
    return page


def pdf_with(parts: dict[str, str]) -> bytes:
    """A PDF with each text of `parts` planted verbatim in the part named (see the module's docstring)."""
    from pypdf import PdfWriter
    from pypdf.annotations import FreeText, Link, Text
    from pypdf.generic import (
        ArrayObject,
        BooleanObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    unknown = set(parts) - PDF_PARTS
    if unknown:
        raise ValueError(f"Unknown PDF parts: {sorted(unknown)}")
    writer = PdfWriter()
    writer.metadata = {"/Title": "Report", "/Author": parts.get("info", "Testshire SAB")}
    page = _add_page(writer, parts.get("page", CLEAN_TEXT))
    if "page 2" in parts:
        _add_page(writer, parts["page 2"])
    if "annotation" in parts or "annotation author" in parts:
        note = Text(text=parts.get("annotation", "Please check."), rect=(50, 550, 70, 570))
        note[NameObject("/T")] = TextStringObject(parts.get("annotation author", "Reviewer"))
        writer.add_annotation(page_number=0, annotation=note)
    if "free text" in parts:
        writer.add_annotation(page_number=0, annotation=FreeText(text=parts["free text"], rect=(50, 500, 300, 530)))
    if "link" in parts:
        writer.add_annotation(page_number=0, annotation=Link(rect=(50, 450, 200, 470), url=parts["link"]))
    if "bookmark" in parts:
        writer.add_outline_item(title=parts["bookmark"], page_number=0)
    if "form field" in parts or "form field name" in parts:
        widget = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject("/Tx"),
                NameObject("/T"): TextStringObject(parts.get("form field name", "Name")),
                NameObject("/V"): TextStringObject(parts.get("form field", "")),
                NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (50, 400, 250, 420)]),
            }
        )
        reference = writer._add_object(widget)
        page[NameObject("/Annots")] = ArrayObject([*page.get("/Annots", []), reference])
        writer.root_object[NameObject("/AcroForm")] = DictionaryObject(
            {NameObject("/Fields"): ArrayObject([reference]), NameObject("/NeedAppearances"): BooleanObject(True)}
        )
    if "alt text" in parts or "actual text" in parts:
        figure = DictionaryObject(
            {NameObject("/Type"): NameObject("/StructElem"), NameObject("/S"): NameObject("/Figure")}
        )
        if "alt text" in parts:
            figure[NameObject("/Alt")] = TextStringObject(parts["alt text"])
        if "actual text" in parts:
            figure[NameObject("/ActualText")] = TextStringObject(parts["actual text"])
        tree = writer._add_object(DictionaryObject({NameObject("/Type"): NameObject("/StructTreeRoot")}))
        document = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/StructElem"),
                NameObject("/S"): NameObject("/Document"),
                NameObject("/P"): tree,
                NameObject("/K"): ArrayObject([writer._add_object(figure)]),
            }
        )
        tree_root: Any = tree.get_object()
        tree_root[NameObject("/K")] = writer._add_object(document)
        writer.root_object[NameObject("/StructTreeRoot")] = tree
        writer.root_object[NameObject("/MarkInfo")] = DictionaryObject({NameObject("/Marked"): BooleanObject(True)})
    if "xmp" in parts or "xmp attribute" in parts:
        writer.xmp_metadata = (
            '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:pdf="http://ns.adobe.com/pdf/1.3/">'
            f'<rdf:Description rdf:about="" pdf:Producer="{_x(parts.get("xmp attribute", "A word processor"))}"/>'
            '<rdf:Description rdf:about=""><dc:creator><rdf:Seq>'
            f"<rdf:li>{_x(parts.get('xmp', 'Testshire SAB'))}</rdf:li></rdf:Seq></dc:creator></rdf:Description>"
            '</rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
        ).encode()
    if "attachment" in parts:
        writer.add_attachment(parts["attachment"], b"A fictional attachment.")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
