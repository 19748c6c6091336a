"""Reading existing agreements: .docx (headings, Word numbering, tables), .txt/.md,
.pdf (paragraphs, pages, running headers), and every kind of unusable file as
one clear InputFileError. Fixtures are built inline: python-docx, zipfile and
a small hand-written PDF maker."""

from __future__ import annotations

import hashlib
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.shared import Pt

from bbm_contracts import draft_agreement, library_for, load_answers, write_agreement
from bbm_contracts.errors import BbmError, InputFileError
from bbm_contracts.reader import MAX_FILE_BYTES, Block, Document, read_document
from bbm_contracts.reader_numbering import format_number

from .conftest import EXAMPLES

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --- fixtures: Word ------------------------------------------------------------------


def save(document: Any, path: Path) -> Path:
    document.save(str(path))
    return path


def texts(document: Document) -> list[str]:
    return [block.text for block in document.blocks]


def add_list(document: Any, abstract_id: int, levels: str, nums: dict[int, str]) -> None:
    """An abstract list and its w:num instances (numId -> extra XML such as a startOverride)."""
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{levels}</w:abstractNum>'))
    for num_id, extra in nums.items():
        numbering.append(parse_xml(f'<w:num {W} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{extra}</w:num>'))


def level(ilvl: int, fmt: str, text: str, start: int = 1, extra: str = "") -> str:
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/>{extra}</w:lvl>')


def numbered(document: Any, text: str, num_id: int, ilvl: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def rezip(source: Path, target: Path, replace: dict[str, bytes]) -> Path:
    """A copy of a zip package with some parts replaced."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            new.writestr(item.filename, replace.get(item.filename, old.read(item.filename)))
    return target


@pytest.fixture
def small_docx(tmp_path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Article 1 – Term", level=1)
    document.add_paragraph("The agreement starts on 1 January 2027.")
    return save(document, tmp_path / "small.docx")


# --- fixtures: PDF -------------------------------------------------------------------

Line = tuple[float, float, float, bool, str]  # x, y, size, bold, text
_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out, i, j = bytearray(), 0, 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def pdf_bytes(pages: list[list[Line]], password: tuple[str, str] | None = None, image_only: bool = False) -> bytes:
    """A small PDF: Helvetica lines at given places; optionally RC4-encrypted (user, owner password)."""
    file_id = hashlib.md5(b"bbm-test").digest()
    key, encrypt = b"", b""
    if password is not None:
        user, owner = ((p.encode("latin-1") + _PAD)[:32] for p in password)
        o_entry = rc4(hashlib.md5(owner).digest()[:5], user)
        key = hashlib.md5(user + o_entry + struct.pack("<i", -4) + file_id).digest()[:5]
        encrypt = (f"<< /Filter /Standard /V 1 /R 2 /O <{o_entry.hex()}> /U <{rc4(key, _PAD).hex()}> /P -4 >>").encode()
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"]
    kids = []
    for lines in pages:
        number = len(objects) + 1
        kids.append(f"{number} 0 R")
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {number + 1} 0 R "
                       "/Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> >>".encode())
        content = _content(lines, image_only)
        if key:
            content = rc4(hashlib.md5(key + struct.pack("<i", number + 1)[:3] + b"\0\0").digest()[:10], content)
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(pages)} >>".encode()
    if encrypt:
        objects.append(encrypt)
    return _assemble(objects, file_id, encrypt_ref=len(objects) if encrypt else None)


def _content(lines: list[Line], image_only: bool) -> bytes:
    if image_only:
        return b"q 200 0 0 200 100 500 cm BI /W 2 /H 2 /CS /G /BPC 8 ID \x00\xff\xff\x00 EI Q"
    out = []
    for x, y, size, bold, text in lines:
        escaped = text.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        out.append(b"BT /F%d %g Tf %g %g Td (%s) Tj ET" % (2 if bold else 1, size, x, y, escaped))
    return b"\n".join(out)


def _assemble(objects: list[bytes], file_id: bytes, encrypt_ref: int | None) -> bytes:
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    encrypt = f" /Encrypt {encrypt_ref} 0 R" if encrypt_ref else ""
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]{encrypt} >>\n"
            f"startxref\n{xref}\n%%EOF\n").encode()
    return bytes(out)


def body_lines(y: float, *lines: str, size: float = 11, x: float = 72, bold: bool = False) -> list[Line]:
    return [(x, y - 14 * i, size, bold, text) for i, text in enumerate(lines)]


def three_pages() -> list[list[Line]]:
    """An agreement over three pages with a running header, page numbers, a paragraph
    that runs over a page break and a word hyphenated at a line end."""
    pages = [
        [(72, 800, 11, True, "Article 1 – Term"),
         *body_lines(770, "The parties agree to a coope-", "ration of five years that starts on the first",
                     "of January 2027."),
         *body_lines(720, "Either party may end the agreement with six months' notice given by",
                     "registered letter to the other party, stating the reasons for which")],
        [*body_lines(800, "it ends the agreement, and the date on which it ends.")],
        [(72, 800, 11, True, "Article 2 – Costs"),
         *body_lines(770, "1.1 Each party bears its own costs.", "1.2 The café pays the rent.")],
    ]
    for number, page in enumerate(pages, start=1):
        page.append((72, 828, 8, False, "ACME – De Wroeter cooperation agreement"))
        page.append((280, 30, 8, False, f"Page {number} of 3"))
    return pages


# --- Word: what the engine drafts, read back ----------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_drafted_agreement_reads_back_with_its_headings_and_numbering(tmp_path: Path, lang: str) -> None:
    draft = draft_agreement(load_answers(EXAMPLES / "blm-qjobs.yaml"), library_for(), lang)
    path = write_agreement(draft, tmp_path / "agreement.docx")
    document = read_document(path)
    assert document.format == "docx" and document.pages is None
    headings = [b for b in document.blocks if b.kind == "heading" and b.level == 1]
    word = "Artikel" if lang == "nl" else "Article"
    assert [h.text for h in headings] == [" ".join(a.title.split()) for a in draft.articles]
    assert [h.number for h in headings] == [f"{word} {a.number}." for a in draft.articles]
    assert all(h.style == "Heading 1" and h.bold for h in headings)
    for heading, article in zip(headings, draft.articles, strict=True):
        _assert_article_numbering(document.blocks[heading.index + 1:], article.number,
                                  [p.kind for p in article.paragraphs if p.text.strip()])


def _assert_article_numbering(after: tuple[Block, ...], article: int, kinds: list[str]) -> None:
    subclause, letter = 0, 0
    for block, kind in zip(after, kinds, strict=False):
        if kind == "subclause":
            subclause += 1
            assert block.number == f"{article}.{subclause}.", (block, article)
        if kind == "item":
            letter += 1
            assert block.number == f"{'abcdefghijklmnopqrstuvwxyz'[letter - 1]})", (block, article)
            assert block.kind == "list_item"
        else:
            letter = 0  # every lettered list restarts at a)


def test_recitals_are_lettered_and_source_index_points_at_document_paragraphs(tmp_path: Path) -> None:
    draft = draft_agreement(load_answers(EXAMPLES / "wroeter-37graden.yaml"), library_for(), "nl")
    path = write_agreement(draft, tmp_path / "agreement.docx")
    document = read_document(path)
    recitals = [b.number for b in document.blocks if b.style == "BBM Recital"]
    assert recitals[:3] == ["A.", "B.", "C."]
    paragraphs = docx.Document(str(path)).paragraphs
    for block in document.blocks:
        if block.kind == "table_row":
            assert block.source_index is None
        else:
            assert block.source_index is not None
            assert " ".join(paragraphs[block.source_index].text.split()) == block.text
    assert [b.index for b in document.blocks] == list(range(len(document.blocks)))


# --- Word: styles, tables, what is left out ------------------------------------------


def test_heading_levels_come_from_styles_and_bold_from_runs_and_styles(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Samenwerkingsovereenkomst", level=0)
    document.add_heading("Article 1 – Term", level=1)
    document.add_heading("1.1 Start", level=2)
    kop = document.styles.add_style("Kop 1", 1)
    kop.font.bold = True
    document.add_paragraph("Artikel 2 – Duur", style="Kop 1")
    strong = document.styles.add_style("Artikel kop", 1)
    strong.base_style = document.styles["Heading 2"]
    document.add_paragraph("Based on Heading 2", style="Artikel kop")
    bold = document.add_paragraph()
    bold.add_run("ARTICLE 3 ").bold = True
    bold.add_run("TERMINATION").bold = True
    mixed = document.add_paragraph()
    mixed.add_run("Term. ").bold = True
    mixed.add_run("The agreement runs for five years.")
    unbold = document.add_paragraph("", style="Kop 1")
    unbold.add_run("not bold after all").bold = False
    blocks = read_document(save(document, tmp_path / "styles.docx")).blocks
    assert [(b.kind, b.level, b.style) for b in blocks[:5]] == [
        ("heading", 0, "Title"), ("heading", 1, "Heading 1"), ("heading", 2, "Heading 2"),
        ("heading", 1, "Kop 1"), ("heading", 2, "Artikel kop"),
    ]
    assert [(b.text, b.kind, b.bold) for b in blocks[5:]] == [
        ("ARTICLE 3 TERMINATION", "paragraph", True),
        ("Term. The agreement runs for five years.", "paragraph", False),
        ("not bold after all", "heading", False),
    ]
    assert blocks[3].bold  # its style is bold


def test_tables_are_rows_in_document_order_and_headers_footers_comments_are_left_out(tmp_path: Path) -> None:
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "RUNNING HEADER"
    document.sections[0].footer.paragraphs[0].text = "Page footer"
    before = document.add_paragraph("Before the table.")
    table = document.add_table(rows=2, cols=3)
    for row, values in zip(table.rows, [("Party", "Share", ""), ("Alfa", "60 %", "")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    table.rows[1].cells[2].paragraphs[0].add_run("note").bold = True
    document.add_paragraph("After the table.")
    document.add_comment(before.runs, text="A reviewer's remark", author="R")
    blocks = read_document(save(document, tmp_path / "table.docx")).blocks
    assert [(b.text, b.kind) for b in blocks] == [
        ("Before the table.", "paragraph"), ("Party | Share", "table_row"), ("Alfa | 60 % | note", "table_row"),
        ("After the table.", "paragraph"),
    ]
    assert [b.source_index for b in blocks] == [0, None, None, 1]


def test_hidden_deleted_and_text_box_text_is_left_out_tabs_become_spaces(tmp_path: Path) -> None:
    document = docx.Document()
    p = document.add_paragraph("Artikel 4")
    p._p.append(parse_xml(f'<w:r {W}><w:tab/><w:t>Duur</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:r {W}><w:rPr><w:vanish/></w:rPr><w:t> HIDDEN</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:del {W} w:id="1" w:author="x"><w:r><w:delText> DELETED</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins {W} w:id="2" w:author="x"><w:r><w:t> en opzegging</w:t></w:r></w:ins>'))
    boxed = document.add_paragraph("Outside the box.")
    boxed._p.append(parse_xml(
        f'<w:r {W} xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox><w:txbxContent>'
        '<w:p><w:r><w:t>INSIDE THE BOX</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>'))
    document.add_paragraph("Next paragraph.")
    assert texts(read_document(save(document, tmp_path / "hidden.docx"))) == [
        "Artikel 4 Duur en opzegging", "Outside the box.", "Next paragraph.",
    ]


# --- Word numbering --------------------------------------------------------------------


def test_word_numbering_levels_restarts_overrides_and_formats(tmp_path: Path) -> None:
    document = docx.Document()
    add_list(document, 50, level(0, "decimal", "Artikel %1.") + level(1, "decimal", "%1.%2.")
             + level(2, "lowerLetter", "%3)") + level(3, "lowerRoman", "(%4)", extra='<w:lvlRestart w:val="0"/>'),
             {91: "", 92: ""})
    add_list(document, 51, level(0, "upperLetter", "%1."), {93: "", 94: '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride>'})
    add_list(document, 52, level(0, "bullet", "\u2022"), {95: ""})
    for text, num, ilvl in [("Duur", 91, 0), ("Start", 91, 1), ("Einde", 91, 1), ("eerste", 91, 2), ("tweede", 91, 2),
                            ("i", 91, 3), ("Opzegging", 91, 0), ("Termijn", 91, 1), ("derde", 91, 2), ("ii", 91, 3),
                            ("", 92, 0), ("Continues the same list", 92, 0), ("Recital", 93, 0), ("Recital", 93, 0),
                            ("Starts at E", 94, 0), ("Bullet", 95, 0)]:
        numbered(document, text, num, ilvl)
    document.add_paragraph("Not numbered")
    numbered(document, "Numbering switched off", 0)
    blocks = read_document(save(document, tmp_path / "numbering.docx")).blocks
    assert [b.number for b in blocks] == [
        "Artikel 1.", "1.1.", "1.2.", "a)", "b)", "(i)", "Artikel 2.", "2.1.", "a)", "(ii)",
        "Artikel 4.", "A.", "B.", "E.", None, None, None,
    ]  # the empty paragraph counted as Artikel 3; level 3 never restarts (lvlRestart 0)
    assert [b.kind for b in blocks[-3:]] == ["list_item", "paragraph", "paragraph"]


def test_numbering_bound_to_a_heading_style(tmp_path: Path) -> None:
    document = docx.Document()
    add_list(document, 60, level(0, "decimal", "ARTICLE %1") + level(1, "decimal", "%1.%2"), {70: ""})
    heading = document.styles["Heading 1"].element
    heading.get_or_add_pPr().append(parse_xml(f'<w:numPr {W}><w:numId w:val="70"/></w:numPr>'))
    document.add_heading("Definitions", level=1)
    numbered(document, "Affiliate means ...", 70, 1)
    document.add_heading("Term", level=1)
    numbered(document, "The term is five years.", 70, 1)
    blocks = read_document(save(document, tmp_path / "styled.docx")).blocks
    assert [(b.number, b.kind) for b in blocks] == [
        ("ARTICLE 1", "heading"), ("1.1", "list_item"), ("ARTICLE 2", "heading"), ("2.1", "list_item"),
    ]


@pytest.mark.parametrize(("value", "fmt", "expected"), [
    (1, "decimal", "1"), (7, "decimalZero", "07"), (3, "lowerLetter", "c"), (27, "lowerLetter", "aa"),
    (28, "upperLetter", "BB"), (4, "lowerRoman", "iv"), (1994, "upperRoman", "MCMXCIV"), (2, "none", ""),
    (5, "ordinalText", "5"),
])
def test_number_formats(value: int, fmt: str, expected: str) -> None:
    assert format_number(value, fmt) == expected


# --- plain text and Markdown ---------------------------------------------------------


def test_text_paragraphs_article_lines_and_wrapped_lines(tmp_path: Path) -> None:
    path = tmp_path / "agreement.txt"
    path.write_text(
        "SAMENWERKINGSOVEREENKOMST\n\n"
        "Article 3 – Term\n"
        "The agreement starts on 1 January 2027 and runs for five\n"
        "years, unless the parties agree otherwise as set out in\n"
        "artikel 44. of the annex.\n"
        "ARTIKEL 5. DUUR\n"
        "De overeenkomst geldt voor onbepaalde duur.\n"
        "3. TERM\n"
        "12.1 Each party may terminate this agreement with a notice\n"
        "of six months.\n"
        "12.2 The coope-\n"
        "ration ends on the date set in the notice.\n\n\n"
        "Signed in Hasselt.\n",
        encoding="utf-8",
    )
    document = read_document(path)
    assert document.format == "txt"
    assert texts(document) == [
        "SAMENWERKINGSOVEREENKOMST",
        "Article 3 – Term",
        "The agreement starts on 1 January 2027 and runs for five years, unless the parties agree otherwise as set "
        "out in artikel 44. of the annex.",
        "ARTIKEL 5. DUUR",
        "De overeenkomst geldt voor onbepaalde duur.",
        "3. TERM",
        "12.1 Each party may terminate this agreement with a notice of six months.",
        "12.2 The cooperation ends on the date set in the notice.",
        "Signed in Hasselt.",
    ]
    assert [b.kind for b in document.blocks][-3:] == ["list_item", "list_item", "paragraph"]
    assert all(b.number is None and b.page is None for b in document.blocks)


@pytest.mark.parametrize(("data", "expected"), [
    ("Artikel 1 – Looptijd\n\nDe café-uitbater betaalt.".encode("utf-8-sig"), "De café-uitbater betaalt."),
    ("Artikel 1 – Looptijd\n\nDe café-uitbater betaalt.".encode("cp1252"), "De café-uitbater betaalt."),
    ("Artikel 1 – Looptijd\r\n\r\nDe café-uitbater betaalt.".encode("utf-16"), "De café-uitbater betaalt."),
])
def test_text_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "agreement.txt"
    path.write_bytes(data)
    assert texts(read_document(path)) == ["Artikel 1 – Looptijd", expected]


def test_markdown_headings_are_headings(tmp_path: Path) -> None:
    path = tmp_path / "agreement.md"
    path.write_text("# Cooperation agreement\n## Article 1 – Term\nFive years.\n\n**Article 2**\n\nNotice.\n", encoding="utf-8")
    blocks = read_document(path).blocks
    assert [(b.text, b.kind, b.level, b.bold) for b in blocks] == [
        ("Cooperation agreement", "heading", 1, False), ("Article 1 – Term", "heading", 2, False),
        ("Five years.", "paragraph", None, False), ("Article 2", "paragraph", None, True),
        ("Notice.", "paragraph", None, False),
    ]


def test_format_is_told_by_content_when_the_name_has_no_suffix(tmp_path: Path, small_docx: Path) -> None:
    no_suffix = tmp_path / "agreement"
    no_suffix.write_bytes(small_docx.read_bytes())
    assert read_document(no_suffix).format == "docx"
    no_suffix.write_bytes(pdf_bytes([body_lines(700, "Article 1 – Term")]))
    assert read_document(no_suffix).format == "pdf"
    no_suffix.write_text("Article 1 – Term\n", encoding="utf-8")
    assert read_document(no_suffix).format == "txt"


# --- PDF -------------------------------------------------------------------------------


def test_pdf_paragraphs_pages_running_headers_and_hyphens(tmp_path: Path) -> None:
    path = tmp_path / "agreement.pdf"
    path.write_bytes(pdf_bytes(three_pages()))
    document = read_document(path)
    assert document.format == "pdf" and document.pages == 3
    assert [(b.text, b.page, b.bold) for b in document.blocks] == [
        ("Article 1 – Term", 1, True),
        ("The parties agree to a cooperation of five years that starts on the first of January 2027.", 1, False),
        ("Either party may end the agreement with six months' notice given by registered letter to the other "
         "party, stating the reasons for which it ends the agreement, and the date on which it ends.", 1, False),
        ("Article 2 – Costs", 3, True),
        ("1.1 Each party bears its own costs.", 3, False),
        ("1.2 The café pays the rent.", 3, False),
    ]
    assert [b.kind for b in document.blocks][-2:] == ["list_item", "list_item"]


def test_an_owner_password_only_pdf_is_read(tmp_path: Path) -> None:
    path = tmp_path / "protected.pdf"
    path.write_bytes(pdf_bytes([body_lines(700, "Article 1 – Term")], password=("", "owner-secret")))
    assert texts(read_document(path)) == ["Article 1 – Term"]


@pytest.mark.libreoffice
def test_a_drafted_agreement_as_pdf(tmp_path: Path) -> None:
    from bbm_contracts.pdf import docx_to_pdf

    draft = draft_agreement(load_answers(EXAMPLES / "kaliber-knoopwerk.yaml"), library_for(), "nl")
    path = write_agreement(draft, tmp_path / "agreement.docx")
    docx_to_pdf(path, tmp_path / "agreement.pdf")
    document = read_document(tmp_path / "agreement.pdf")
    assert document.pages is not None and document.pages >= 8
    headings = [f"Artikel {a.number}. {' '.join(a.title.split())}" for a in draft.articles]
    found = [b for b in document.blocks if b.text in headings]
    assert [b.text for b in found] == headings
    assert all(b.bold for b in found)
    assert not [b for b in document.blocks if "pagina" in b.text and "/" in b.text]  # the footer is dropped
    pages = [b.page or 0 for b in document.blocks]
    assert pages == sorted(pages) and pages[-1] == document.pages


# --- bad input: one clear line each ----------------------------------------------------


def ole(*names: str) -> bytes:
    """The start of an OLE compound file with these directory entries."""
    entries = b"".join(name.encode("utf-16-le").ljust(64, b"\0") + b"\0" * 64 for name in names)
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + entries + b"\0" * 512


def zipped(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return path


XXE = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n%s<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'


def with_doctype(source: Path, target: Path, part: str = "word/document.xml", comment: bytes = b"") -> Path:
    with zipfile.ZipFile(source) as package:
        xml = package.read(part)
    body = xml.split(b"?>", 1)[1].replace(b"Article 1", b"&xxe; Article 1")
    return rezip(source, target, {part: XXE % comment + body})


BAD_INPUTS: dict[str, tuple[Callable[[Path, Path], Path], str]] = {
    "missing": (lambda tmp, ok: tmp / "nowhere.docx", "no such file; check its name and folder"),
    "folder": (lambda tmp, ok: tmp, "is a folder, not a file; give the agreement itself (.docx, .pdf, .txt or .md)"),
    "empty": (lambda tmp, ok: _write(tmp / "empty.docx", b""), "is empty (0 bytes)"),
    "corrupt zip": (lambda tmp, ok: _write(tmp / "corrupt.docx", b"PK\x03\x04" + bytes(range(256)) * 4),
                    "is damaged: not a complete zip package as a .docx must be (truncated or corrupt)"),
    "truncated docx": (lambda tmp, ok: _write(tmp / "truncated.docx", ok.read_bytes()[: ok.stat().st_size // 2]),
                       "is damaged: not a complete zip package"),
    "not a zip at all": (lambda tmp, ok: _write(tmp / "garbage.docx", b"\x00\x01\x02" * 100),
                         "is damaged or not a Word .docx document (it is not a zip package)"),
    "pdf renamed docx": (lambda tmp, ok: _write(tmp / "agreement.docx", pdf_bytes([body_lines(700, "Article 1")])),
                         "is a PDF document, not a Word .docx document as its name says; rename it to .pdf"),
    "docx renamed pdf": (lambda tmp, ok: _write(tmp / "agreement.pdf", ok.read_bytes()),
                         "is a Word .docx document, not a PDF document as its name says; rename it to .docx"),
    "encrypted docx": (lambda tmp, ok: _write(tmp / "secret.docx", ole("Root Entry", "EncryptionInfo", "EncryptedPackage")),
                       "is a password-protected (encrypted) Word document; open it in Word, remove the password"),
    "old doc": (lambda tmp, ok: _write(tmp / "old.doc", ole("Root Entry", "WordDocument", "1Table")),
                "is an old binary Word .doc file, not .docx; open it in Word or LibreOffice and save it as .docx"),
    "old doc renamed docx": (lambda tmp, ok: _write(tmp / "old.docx", ole("Root Entry", "WordDocument")),
                             "is an old binary Word .doc file"),
    "zip bomb by ratio": (lambda tmp, ok: zipped(tmp / "bomb.docx", {"[Content_Types].xml": b"<Types/>",
                                                                    "word/document.xml": b" " * 30_000_000}),
                          "is refused: its part 'word/document.xml' is compressed"),
    "xxe in the document": (lambda tmp, ok: with_doctype(ok, tmp / "xxe.docx"),
                            "is refused: its part 'word/document.xml' declares a DTD or XML entities"),
    "xxe behind a comment": (lambda tmp, ok: with_doctype(ok, tmp / "xxe2.docx", comment=b"<!-- <a> -->" * 1000),
                             "declares a DTD or XML entities, which Word never writes (an XML external-entity attack?)"),
    "xxe in the styles": (lambda tmp, ok: with_doctype(ok, tmp / "xxe3.docx", part="word/styles.xml"),
                          "is refused: its part 'word/styles.xml' declares a DTD"),
    "scanned pdf": (lambda tmp, ok: _write(tmp / "scan.pdf", pdf_bytes([[], []], image_only=True)),
                    "has no text layer (it looks like a scanned image); OCR is not supported"),
    "encrypted pdf": (lambda tmp, ok: _write(tmp / "secret.pdf", pdf_bytes([body_lines(700, "Article 1")],
                                                                          password=("user-secret", "owner"))),
                      "is a password-protected PDF; remove the password"),
    "damaged pdf": (lambda tmp, ok: _write(tmp / "broken.pdf", b"%PDF-1.4\n" + b"garbage " * 50),
                    "is not a readable PDF (damaged or truncated)"),
    "too many pages": (lambda tmp, ok: _write(tmp / "long.pdf", pdf_bytes([[]] * 2001)),
                       "has 2001 pages, over the limit of 2000; split it into parts"),
    "too large": (lambda tmp, ok: _sparse(tmp / "huge.pdf", MAX_FILE_BYTES + 1),
                  "is too large to read (50.0 MB; the limit is 50 MB)"),
    "odt by name": (lambda tmp, ok: _write(tmp / "agreement.odt", b"PK\x03\x04"),
                    "'.odt' files are not supported (OpenDocument text: save it as .docx (Word) or PDF in LibreOffice); "
                    "supported are .docx, .pdf, .txt or .md"),
    "rtf": (lambda tmp, ok: _write(tmp / "agreement.rtf", b"{\\rtf1\\ansi Article 1}"),
            "'.rtf' files are not supported (RTF: save it as .docx or PDF in Word or LibreOffice); supported are"),
    "rtf without a suffix": (lambda tmp, ok: _write(tmp / "agreement", b"{\\rtf1\\ansi Article 1}"),
                             "is an RTF document, which is not supported: save it as .docx or PDF; supported are"),
    "odt renamed docx": (lambda tmp, ok: zipped(tmp / "open.docx", {"mimetype": b"application/vnd.oasis.opendocument.text",
                                                                   "content.xml": b"<x/>"}),
                         "is an OpenDocument text (.odt), not a .docx: save it as .docx in LibreOffice"),
    "spreadsheet": (lambda tmp, ok: zipped(tmp / "book.docx", {"xl/workbook.xml": b"<x/>"}),
                    "is an Excel workbook, not a Word document"),
    "binary as text": (lambda tmp, ok: _write(tmp / "agreement.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00"),
                       "is not a document we can read (binary content); supported are .docx, .pdf, .txt or .md"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _sparse(path: Path, size: int) -> Path:
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


@pytest.mark.parametrize("case", list(BAD_INPUTS), ids=list(BAD_INPUTS))
def test_bad_input_is_one_clear_line(tmp_path: Path, small_docx: Path, case: str) -> None:
    make, expected = BAD_INPUTS[case]
    path = make(tmp_path, small_docx)
    with pytest.raises(InputFileError) as caught:
        read_document(path)
    error = caught.value
    assert isinstance(error, BbmError) and error.exit_code == 2  # the CLI shows it as one line, exit 2
    message = str(error)
    assert message.startswith(f"{path}: ") and "\n" not in message and "Traceback" not in message
    assert expected in message
    assert "root:" not in message


def test_zip_bombs_are_refused_before_anything_is_unpacked(tmp_path: Path, small_docx: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = zipped(tmp_path / "bomb.docx", {"word/document.xml": b"\0" * 20_000_000})

    def no_unpacking(*args: object, **kwargs: object) -> None:
        raise AssertionError("a zip member was unpacked")

    monkeypatch.setattr(zipfile.ZipFile, "open", no_unpacking)
    monkeypatch.setattr(zipfile.ZipFile, "read", no_unpacking)
    with pytest.raises(InputFileError, match="compressed .*:1, over the limit of 200:1"):
        read_document(bomb)
    monkeypatch.setattr("bbm_contracts.reader.MAX_UNPACKED_BYTES", 10_000)
    with pytest.raises(InputFileError, match=r"its zip package unpacks to \d+ MB, over the limit of 0 MB"):
        read_document(small_docx)


def test_the_block_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bbm_contracts.reader.MAX_BLOCKS", 10)
    text = tmp_path / "many.txt"
    text.write_text("A paragraph.\n\n" * 12, encoding="utf-8")
    with pytest.raises(InputFileError, match="has more than 10 paragraphs, over the limit for one agreement"):
        read_document(text)
    document = docx.Document()
    for _ in range(12):
        document.add_paragraph("A paragraph.")
    with pytest.raises(InputFileError, match="has more than 10 paragraphs"):
        read_document(save(document, tmp_path / "many.docx"))


def test_an_entity_is_never_resolved_even_past_the_check(tmp_path: Path, small_docx: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """With the DTD check off, python-docx's parser still leaves external entities alone."""
    monkeypatch.setattr("bbm_contracts.reader_docx._refuse_dtd", lambda source, package: None)
    path = with_doctype(small_docx, tmp_path / "xxe.docx")
    try:
        document = read_document(path)
    except InputFileError as error:
        assert "root:" not in str(error)
    else:
        assert not any("root:" in b.text for b in document.blocks)


def test_a_docx_with_bold_font_size_but_no_heading_style_is_a_bold_paragraph(tmp_path: Path) -> None:
    document = docx.Document()
    run = document.add_paragraph().add_run("3. DUUR")
    run.bold = True
    run.font.size = Pt(14)
    document.add_paragraph("De overeenkomst geldt voor vijf jaar.")
    blocks = read_document(save(document, tmp_path / "bold.docx")).blocks
    assert [(b.kind, b.bold, b.level) for b in blocks] == [("paragraph", True, None), ("paragraph", False, None)]


def test_reading_a_file_opened_elsewhere_leaves_it_unchanged(tmp_path: Path, small_docx: Path) -> None:
    before = small_docx.read_bytes()
    read_document(str(small_docx))
    assert small_docx.read_bytes() == before
