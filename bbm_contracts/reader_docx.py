"""Reading a Word .docx into blocks: body paragraphs and table rows in
document order, heading levels from the styles, Word's own numbering labels.

Headers, footers, comments, footnotes and text boxes are not part of the
body and are left out; so are hidden and deleted text. The package is
checked for zip bombs and DTDs (XML entity attacks) before python-docx
parses it.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from docx.styles import BabelFish
from lxml import etree

from .errors import InputFileError
from .reader import Block, BlockKind, Document, check_block_count, open_package
from .reader_numbering import Numbering, parse_num_pr

Element = Any  # lxml elements: python-docx's oxml classes are untyped
_NS = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}


def _prefixed(tag: str) -> str:
    """'{namespace}name' -> 'w:name'."""
    return "w:" + tag.split("}")[1]


_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT = (qn(t) for t in ("w:p", "w:tbl", "w:tr", "w:tc", "w:sdt", "w:sdtContent"))
_PPR, _PSTYLE, _RPR, _VAL, _R = (qn(t) for t in ("w:pPr", "w:pStyle", "w:rPr", "w:val", "w:r"))
_B, _RSTYLE, _VANISH, _OUTLINE = (qn(t) for t in ("w:b", "w:rStyle", "w:vanish", "w:outlineLvl"))
_NUMPR = qn("w:numPr")
_RUN_CONTAINERS = frozenset(qn(t) for t in (
    "w:hyperlink", "w:ins", "w:fldSimple", "w:smartTag", "w:sdt", "w:sdtContent", "w:customXml", "w:moveTo",
    "w:dir", "w:bdo",
))
_CONTENT_CONTAINERS = frozenset(qn(t) for t in ("w:sdt", "w:customXml"))
_RUN_TEXT = {qn("w:t"): None, qn("w:tab"): "\t", qn("w:ptab"): "\t", qn("w:br"): "\n", qn("w:cr"): "\n",
             qn("w:noBreakHyphen"): "-"}
_T, _NUMID, _ILVL, _PPR_CHANGE = qn("w:t"), qn("w:numId"), qn("w:ilvl"), qn("w:pPrChange")
_CAREFUL = frozenset({qn("w:txbxContent"), qn("w:moveFrom")})
_SCAN = (_PSTYLE, _NUMID, _ILVL, _OUTLINE, _PPR_CHANGE, _R, _B, _RSTYLE, _VANISH, *_RUN_TEXT, *_CAREFUL)
_OFF = frozenset({"0", "false", "off", "none"})
_CHUNK = 4096


def read_docx(source: Path, data: bytes) -> Document:
    """The body of a Word document as blocks."""
    with open_package(source, data) as package:
        _refuse_dtd(source, package)
    document = _open(source, data)
    body = document.element.body
    check_block_count(source, len(body))
    styles = Styles(_part_element(document.part, RT.STYLES))
    numbering = Numbering(_part_element(document.part, RT.NUMBERING), styles.num_pr_of)
    blocks = _Walker(styles, numbering).blocks(body)
    return Document(str(source), "docx", tuple(blocks), None)


def _refuse_dtd(source: Path, package: zipfile.ZipFile) -> None:
    """OOXML forbids DTDs: one in any XML part is an entity attack or a forgery, never Word's."""
    for member in package.infolist():
        if not member.filename.endswith((".xml", ".rels")):
            continue
        try:
            found = _declares_dtd(package, member)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError, RuntimeError):
            raise InputFileError(source, f"is damaged: its part '{member.filename}' cannot be unpacked; open it in "
                                         "Word and save it again, or get a fresh copy") from None
        if found:
            raise InputFileError(source, f"is refused: its part '{member.filename}' declares a DTD or XML entities, "
                                         "which Word never writes (an XML external-entity attack?); save it again "
                                         "from Word")


def _declares_dtd(package: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Does the part's prolog (all a DTD may stand in) hold a declaration? Reads no further than the root."""
    with package.open(member) as stream:
        head = stream.read(_CHUNK)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = (head + stream.read()).decode("utf-16", errors="replace")
            return "<!DOCTYPE" in text or "<!ENTITY" in text
        while True:
            verdict = _prolog_verdict(head)
            if verdict is not None:
                return verdict
            more = stream.read(_CHUNK)
            if not more:
                return b"<!DOCTYPE" in head or b"<!ENTITY" in head
            head += more


def _prolog_verdict(data: bytes) -> bool | None:
    """True: a declaration before the root element; False: the root comes first; None: read more."""
    position = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    while True:
        while position < len(data) and data[position:position + 1].isspace():
            position += 1
        if len(data) - position < 9:
            return None
        if data.startswith(b"<?", position) or data.startswith(b"<!--", position):
            closing = b"?>" if data.startswith(b"<?", position) else b"-->"
            end = data.find(closing, position)
            if end < 0:
                return None
            position = end + len(closing)
        elif data.startswith(b"<!", position):
            return True
        else:
            return False


def _open(source: Path, data: bytes) -> Any:
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - python-docx raises KeyError, ValueError, lxml and zip errors alike
        found = re.search(r"content type is '([^']+)'", str(exc))
        if found:
            raise InputFileError(source, f"is not a plain Word document (its content type is {found.group(1)}: "
                                         "a macro-enabled file or a template?); save it as .docx") from None
        reason = str(exc).strip().splitlines()[0][:120] if str(exc).strip() else type(exc).__name__
        raise InputFileError(source, f"is not a readable Word document ({reason}); open it in Word and save it "
                                     "again") from None


def _part_element(part: Any, reltype: str) -> Element | None:
    try:
        return part.part_related_by(reltype).element
    except (KeyError, AttributeError):
        return None


# --- styles ---------------------------------------------------------------------------

_HEADING_NAME = re.compile(r"(?:heading|kop|überschrift|titre|título|titolo)\s*([1-9])", re.IGNORECASE)
_TITLE_NAME = re.compile(r"(?:title|titel|titre|título|titolo)", re.IGNORECASE)


@dataclass(frozen=True)
class Style:
    """What a paragraph or character style says, resolved through its basedOn chain."""

    name: str | None
    heading: int | None
    bold: bool | None
    num_id: str | None
    ilvl: int | None


@dataclass(frozen=True)
class _RawStyle:
    name: str | None
    based_on: str | None
    outline: int | None
    bold: bool | None
    num_id: str | None
    ilvl: int | None


class Styles:
    """The styles part, by style id; a style is read when first asked for."""

    def __init__(self, root: Element | None) -> None:
        self._elements: dict[str, Element] = {}
        self._resolved: dict[str, Style | None] = {}
        self.default_paragraph: str | None = None
        if root is not None:
            self._index(root)

    def _index(self, root: Element) -> None:
        for element in root.iterchildren(qn("w:style")):
            style_id = element.get(qn("w:styleId"))
            if style_id is None:
                continue
            self._elements[style_id] = element
            if element.get(qn("w:type")) == "paragraph" and _on_value(element.get(qn("w:default")), False):
                self.default_paragraph = style_id

    def get(self, style_id: str | None) -> Style | None:
        """The resolved style, or None for an unknown id."""
        if style_id is None:
            return None
        if style_id not in self._resolved:
            self._resolved[style_id] = self._resolve(style_id)
        return self._resolved[style_id]

    def num_pr_of(self, style_id: str) -> tuple[str | None, int | None]:
        """The numbering a (numbering) style binds to: numId and level."""
        style = self.get(style_id)
        return (style.num_id, style.ilvl) if style is not None else (None, None)

    def _resolve(self, style_id: str) -> Style | None:
        chain = self._chain(style_id)
        if not chain:
            return None
        name = chain[0].name
        outline = _first(s.outline for s in chain)
        heading = _heading_level(name, outline)
        return Style(name=name, heading=heading, bold=_first(s.bold for s in chain),
                     num_id=_first(s.num_id for s in chain), ilvl=_first(s.ilvl for s in chain))

    def _chain(self, style_id: str) -> list[_RawStyle]:
        chain: list[_RawStyle] = []
        seen: set[str] = set()
        current: str | None = style_id
        while current is not None and current in self._elements and current not in seen and len(chain) < 20:
            seen.add(current)
            raw = _raw_style(self._elements[current])
            chain.append(raw)
            current = raw.based_on
        return chain


def _raw_style(element: Element) -> _RawStyle:
    name_element = element.find(qn("w:name"))
    name = BabelFish.internal2ui(name_element.get(_VAL)) if name_element is not None else None
    based = element.find(qn("w:basedOn"))
    ppr = element.find(_PPR)
    rpr = element.find(_RPR)
    outline = ppr.find(_OUTLINE) if ppr is not None else None
    bold = rpr.find(_B) if rpr is not None else None
    num_id, ilvl = parse_num_pr(ppr.find(_NUMPR) if ppr is not None else None)
    return _RawStyle(
        name=name,
        based_on=based.get(_VAL) if based is not None else None,
        outline=_int(outline.get(_VAL)) if outline is not None else None,
        bold=_on(bold) if bold is not None else None,
        num_id=num_id,
        ilvl=ilvl,
    )


def _heading_level(name: str | None, outline: int | None) -> int | None:
    if name:
        found = _HEADING_NAME.fullmatch(name.strip())
        if found:
            return int(found.group(1))
        if _TITLE_NAME.fullmatch(name.strip()):
            return 0
    if outline is not None and 0 <= outline <= 8:
        return outline + 1
    return None


def _first(values: Iterator[Any]) -> Any:
    return next((v for v in values if v is not None), None)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def _on_value(value: str | None, default: bool = True) -> bool:
    return default if value is None else value.lower() not in _OFF


def _on(element: Element | None) -> bool:
    return element is not None and _on_value(element.get(_VAL))


# --- the body -------------------------------------------------------------------------


class _Para(NamedTuple):
    text: str
    kind: BlockKind
    level: int | None
    number: str | None
    bold: bool
    style: str | None


class _Scan(NamedTuple):
    """What one pass over a w:p finds."""

    style_id: str | None
    num_id: str | None
    ilvl: int | None
    outline: int | None
    text: str
    bold: bool


class _Walker:
    """Walks the body once, in document order; numbering counters advance on
    every numbered paragraph, empty ones and those in tables included."""

    def __init__(self, styles: Styles, numbering: Numbering) -> None:
        self.styles = styles
        self.numbering = numbering

    def blocks(self, body: Element) -> list[Block]:
        blocks: list[Block] = []
        paragraph_index = 0
        for element, scanned, direct in _body_items(body):
            if element.tag == _TBL:
                self._add_table(blocks, element)
                continue
            para = self.paragraph(element, scanned)
            if para.text:
                blocks.append(Block(text=para.text, kind=para.kind, index=len(blocks), level=para.level,
                                    number=para.number, bold=para.bold, style=para.style,
                                    source_index=paragraph_index if direct else None))
            paragraph_index += direct
        return blocks

    def _add_table(self, blocks: list[Block], table: Element) -> None:
        for row in _rows(table):
            cells = [self._cell_text(cell) for cell in _cells(row)]
            text = " | ".join(cell for cell, _ in cells if cell)
            if text:
                blocks.append(Block(text=text, kind="table_row", index=len(blocks),
                                    bold=all(bold for cell, bold in cells if cell)))

    def _cell_text(self, cell: Element) -> tuple[str, bool]:
        texts: list[str] = []
        bold = True
        for element, _ in _content(cell, direct=False):
            if element.tag == _TBL:
                nested = [self._cell_text(c) for row in _rows(element) for c in _cells(row)]
                texts.extend(text for text, _ in nested if text)
                bold = bold and all(b for text, b in nested if text)
                continue
            para = self.paragraph(element)
            if para.text:
                texts.append(f"{para.number} {para.text}" if para.number else para.text)
                bold = bold and para.bold
        return " ".join(texts), bold and bool(texts)

    def paragraph(self, p: Element, scanned: list[Element] | None = None) -> _Para:
        """Text, numbering label, heading level and boldness of one w:p (its elements of
        interest, when the body's single pass collected them)."""
        scan = self._scan(p, p.iter(*_SCAN) if scanned is None else scanned)
        style_id = scan.style_id or self.styles.default_paragraph
        style = self.styles.get(style_id)
        number, numbered = self._number(scan, style, style_id)
        outline = scan.outline
        level = outline + 1 if outline is not None and 0 <= outline <= 8 else style.heading if style else None
        kind: BlockKind = "heading" if level is not None else "list_item" if numbered or _list_style(style) else "paragraph"
        return _Para(text=scan.text, kind=kind, level=level, number=number, bold=scan.bold,
                     style=style.name if style is not None else None)

    def _number(self, scan: _Scan, style: Style | None, style_id: str | None) -> tuple[str | None, bool]:
        num_id, ilvl = scan.num_id, scan.ilvl
        if num_id is None and style is not None:
            num_id = style.num_id
        if ilvl is None and style is not None and num_id == style.num_id:
            ilvl = style.ilvl
        if num_id is None or num_id == "0":
            return None, False
        return self.numbering.label(num_id, ilvl, style_id)

    def _scan(self, p: Element, elements: Iterable[Element]) -> _Scan:
        """One pass over the elements of a paragraph that matter, filtered by lxml: the
        properties (w:pPr comes first), then the runs' text, hidden-ness and boldness.
        A paragraph with a text box or moved text takes the careful path that skips them."""
        style_id = num_id = None
        ilvl = outline = None
        parts: list[str] = []
        all_bold, visible, in_run, hidden, settled, style_bold, run_bold = True, False, False, False, False, False, False
        for element in elements:
            tag = element.tag
            if tag in _CAREFUL:
                text, bold = _careful_text_and_bold(p, style_bold, self.styles)
                return _Scan(style_id, num_id, ilvl, outline, text, bold)
            if tag == _R:
                if not in_run:
                    style = self.styles.get(style_id or self.styles.default_paragraph)
                    style_bold = bool(style and style.bold)
                in_run, hidden, run_bold = True, False, style_bold
            elif in_run:
                if tag == _T:
                    text = element.text
                    if text and not hidden:
                        parts.append(text)
                        if not text.isspace():
                            visible, all_bold = True, all_bold and run_bold
                elif tag == _B:
                    run_bold = _on(element)
                elif tag == _RSTYLE:
                    character = self.styles.get(element.get(_VAL))
                    if character is not None and character.bold is not None:
                        run_bold = character.bold
                elif tag == _VANISH:
                    hidden = _on(element)
                elif tag in _RUN_TEXT and not hidden:
                    parts.append(_RUN_TEXT[tag] or "")
            elif settled:
                continue  # the former properties of a tracked change (w:pPrChange)
            elif tag == _PSTYLE:
                style_id = element.get(_VAL)
            elif tag == _NUMID:
                num_id = element.get(_VAL)
            elif tag == _ILVL:
                ilvl = _int(element.get(_VAL))
            elif tag == _OUTLINE:
                outline = _int(element.get(_VAL))
            elif tag == _PPR_CHANGE:
                settled = True
        return _Scan(style_id, num_id, ilvl, outline, " ".join("".join(parts).split()), visible and all_bold)


def _body_items(body: Element) -> Iterator[tuple[Element, list[Element] | None, bool]]:
    """The body's paragraphs, each with its elements of interest, and its tables, in order.

    One lxml pass over the whole body is much cheaper than one per paragraph; tables
    (read cell by cell) and text boxes are skipped over in it. The flag says whether
    a paragraph is a child of the body (it has an index in python-docx's
    ``Document.paragraphs``) rather than inside a content control."""
    items = body.iter(_P, _TBL, *_SCAN)
    paragraph: Element | None = None
    elements: list[Element] = []
    for element in items:
        tag = element.tag
        if tag == _P or tag == _TBL:
            if paragraph is not None:
                yield paragraph, elements, paragraph.getparent() is body
            paragraph, elements = (element, []) if tag == _P else (None, [])
            if tag == _TBL:
                yield element, None, False
                _skip(items, _count_descendants(element))
        else:
            elements.append(element)
            if tag in _CAREFUL:  # its own paragraphs are not the body's
                _skip(items, _count_descendants(element))
    if paragraph is not None:
        yield paragraph, elements, paragraph.getparent() is body


def _skip(items: Iterator[Element], count: int) -> None:
    for _ in range(count):
        next(items, None)


def _count_descendants(element: Element) -> int:
    return int(_descendants_counter()(element))


@cache
def _descendants_counter() -> Any:
    """XPath counting what ``body.iter(_P, _TBL, *_SCAN)`` yields below an element."""
    tags = " | ".join(".//" + _prefixed(tag) for tag in (_P, _TBL, *_SCAN))
    return etree.XPath(f"count({tags})", namespaces=_NS)


def _content(parent: Element, direct: bool) -> Iterator[tuple[Element, bool]]:
    """The w:p and w:tbl of a body or cell, looking into content controls."""
    for child in parent.iterchildren(_P, _TBL, *_CONTENT_CONTAINERS):
        tag = child.tag
        if tag == _P or tag == _TBL:
            yield child, direct
        else:
            content = child.find(_SDT_CONTENT) if tag == _SDT else child
            if content is not None:
                yield from _content(content, direct=False)


def _rows(table: Element) -> Iterator[Element]:
    for child in table.iterchildren(_TR, *_CONTENT_CONTAINERS):
        if child.tag == _TR:
            yield child
        else:
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from content.iterchildren(_TR)


def _cells(row: Element) -> Iterator[Element]:
    for child in row.iterchildren(_TC, *_CONTENT_CONTAINERS):
        if child.tag == _TC:
            yield child
        else:
            content = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if content is not None:
                yield from content.iterchildren(_TC)


def _list_style(style: Style | None) -> bool:
    return bool(style and style.name and style.name.lower().startswith(("list", "lijst")))


# --- runs, the careful way ------------------------------------------------------------


def _careful_text_and_bold(p: Element, style_bold: bool, styles: Styles) -> tuple[str, bool]:
    """Text and boldness from the paragraph's own runs only: not those of text boxes, not moved-away text."""
    parts: list[str] = []
    all_bold = True
    visible = False
    for run in _runs(p):
        rpr = run.find(_RPR)
        if rpr is not None and _on(rpr.find(_VANISH)):
            continue
        text = _run_text(run)
        if not text:
            continue
        parts.append(text)
        if not text.isspace():
            visible = True
            all_bold = all_bold and _run_bold(rpr, style_bold, styles)
    return " ".join("".join(parts).split()), visible and all_bold


def _runs(parent: Element) -> Iterator[Element]:
    for child in parent.iterchildren():
        if child.tag == _R:
            yield child
        elif child.tag in _RUN_CONTAINERS:
            yield from _runs(child)


def _run_text(run: Element) -> str:
    parts: list[str] = []
    for child in run.iterchildren():
        if child.tag in _RUN_TEXT:
            parts.append(_RUN_TEXT[child.tag] or child.text or "")
    return "".join(parts)


def _run_bold(rpr: Element | None, style_bold: bool, styles: Styles) -> bool:
    if rpr is None:
        return style_bold
    direct = rpr.find(_B)
    if direct is not None:
        return _on(direct)
    rstyle = rpr.find(_RSTYLE)
    character = styles.get(rstyle.get(_VAL)) if rstyle is not None else None
    if character is not None and character.bold is not None:
        return character.bold
    return style_bold
