"""Reading a PDF's text layer into blocks, with pypdfium2 (PDFium).

PDFium gives the text of a page line by line; one look at the first and
last character of each line gives its position, size and weight. Lines
become paragraphs at vertical gaps, changes of font, indentation and
numbered lines (`reader_text.group_lines`). Page numbers and running
headers/footers (the same line at the top or bottom of most pages) are
dropped; words hyphenated at a line end are joined.
"""

from __future__ import annotations

import ctypes
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from .errors import InputFileError
from .reader import Document, check_page_count
from .reader_text import Line, group_lines, starts_numbered

_LINE_END = re.compile(r"\r\n|\r|\n|\ufffe|\x02")  # PDFium marks a hyphen at a line end with U+FFFE (or 0x02)
_PAGE_NUMBER = re.compile(
    r"[\s\-–—(\[]*(?:(?:page|pagina|blz\.?|p\.)\s*)?(?:\d{1,4}|[ivxlcdm]{1,7})"
    r"(?:\s*(?:/|of|van|sur|de)\s*\d{1,4})?[\s\-–—)\]]*",
    re.IGNORECASE,
)
_EDGE_LINES = 3
_BOLD_NAME = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass(frozen=True)
class _Placed:
    """A line of a page with its geometry (PDF units, y upwards)."""

    text: str
    page: int
    x: float
    right: float
    y: float
    size: float
    bold: bool
    hyphen: bool


def read_pdf(source: Path, data: bytes) -> Document:
    """The text of a PDF as blocks."""
    pdf = _open(source, data)
    try:
        count = len(pdf)
        check_page_count(source, count)
        pages = [_page_lines(pdf, number) for number in range(count)]
    finally:
        pdf.close()
    if not any(pages):
        raise InputFileError(source, "has no text layer (it looks like a scanned image); OCR is not supported: "
                                     "use the original .docx or a PDF exported from the word processor")
    lines = _layout(_drop_furniture(pages))
    return Document(str(source), "pdf", tuple(group_lines(source, lines)), count)


def _open(source: Path, data: bytes) -> Any:
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise InputFileError(source, "is a password-protected PDF; remove the password (for instance by "
                                         "printing it to a new PDF) or use the original .docx") from None
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise InputFileError(source, "is encrypted with a security handler we cannot open; use an unprotected "
                                         "PDF or the original .docx") from None
        raise InputFileError(source, "is not a readable PDF (damaged or truncated); export it again from the "
                                     "word processor or use the original .docx") from None


# --- lines of a page ------------------------------------------------------------------


def _page_lines(pdf: Any, number: int) -> list[_Placed]:
    page = pdf[number]
    textpage = page.get_textpage()
    try:
        return list(_lines(textpage, textpage.get_text_range(), number + 1))
    finally:
        textpage.close()
        page.close()


def _lines(textpage: Any, text: str, page: int) -> Any:
    start = 0
    for match in [*_LINE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        hyphen = match is not None and match.group(0) in ("\ufffe", "\x02")
        chunk = text[start:end]
        if chunk.strip():
            first = start + len(chunk) - len(chunk.lstrip())
            last = start + len(chunk.rstrip()) - 1
            yield _placed(textpage, chunk.strip() + ("-" if hyphen else ""), page, first, last, hyphen)
        start = match.end() if match else end


def _placed(textpage: Any, text: str, page: int, first: int, last: int, hyphen: bool) -> _Placed:
    raw = textpage.raw
    first_char = _char_index(raw, first)
    last_char = _char_index(raw, last)
    x, y = ctypes.c_double(), ctypes.c_double()
    pdfium_c.FPDFText_GetCharOrigin(raw, first_char, x, y)
    left, right, bottom, top = (ctypes.c_double() for _ in range(4))
    pdfium_c.FPDFText_GetCharBox(raw, last_char, left, right, bottom, top)
    size = pdfium_c.FPDFText_GetFontSize(raw, first_char)
    bold = _bold(raw, first_char) and _bold(raw, last_char)
    return _Placed(text=text, page=page, x=x.value, right=right.value, y=y.value, size=size, bold=bold, hyphen=hyphen)


def _char_index(raw: Any, text_index: int) -> int:
    index = pdfium_c.FPDFText_GetCharIndexFromTextIndex(raw, text_index)
    return int(index) if index >= 0 else text_index


def _bold(raw: Any, index: int) -> bool:
    if pdfium_c.FPDFText_GetFontWeight(raw, index) >= 600:
        return True
    buffer = ctypes.create_string_buffer(96)
    flags = ctypes.c_int()
    pdfium_c.FPDFText_GetFontInfo(raw, index, buffer, 96, flags)
    return bool(_BOLD_NAME.search(buffer.value.decode("latin-1")))


# --- page furniture -------------------------------------------------------------------


def _drop_furniture(pages: list[list[_Placed]]) -> list[list[_Placed]]:
    """Pages without page numbers and without lines repeated at the top or bottom of most pages."""
    seen: Counter[str] = Counter()
    for page in pages:
        seen.update({_furniture_key(line.text) for line in _edges(page)})
    repeated = {key for key, count in seen.items() if count >= 3 and count >= len(pages) / 2}
    kept = []
    for page in pages:
        edges = {id(line) for line in _edges(page)}
        kept.append([line for line in page if id(line) not in edges or not _furniture(line.text, repeated)])
    return kept


def _edges(page: list[_Placed]) -> list[_Placed]:
    by_height = sorted(page, key=lambda line: -line.y)
    if len(by_height) <= 2 * _EDGE_LINES:
        return by_height
    return by_height[:_EDGE_LINES] + by_height[-_EDGE_LINES:]


def _furniture_key(text: str) -> str:
    return " ".join(re.sub(r"\d+", "#", text.lower()).split())


def _furniture(text: str, repeated: set[str]) -> bool:
    return _furniture_key(text) in repeated or bool(_PAGE_NUMBER.fullmatch(text))


# --- layout into line hints -----------------------------------------------------------


def _layout(pages: list[list[_Placed]]) -> list[Line]:
    """Lines with the hints paragraph grouping needs: gaps, indents, short lines."""
    spacing = _usual_spacing(pages)
    lines: list[Line] = []
    previous: _Placed | None = None
    for page in pages:
        right = max((line.right for line in page), default=0.0)
        for number, line in enumerate(page):
            following = page[number + 1] if number + 1 < len(page) else None
            lines.append(_hints(line, previous, spacing, _short(line, following, right)))
            previous = line
    return lines


def _short(line: _Placed, following: _Placed | None, right: float) -> bool:
    """Did the line end before the margin on purpose: would the next line's first word have fit?"""
    if following is None or following.y >= line.y:
        return line.right < right - 4 * max(line.size, 1.0)
    per_char = (following.right - following.x) / max(len(following.text), 1)
    word = len(following.text.split()[0]) + 1
    return line.right + word * per_char < right - 0.5 * max(line.size, 1.0)


def _usual_spacing(pages: list[list[_Placed]]) -> float:
    """The usual distance between two lines of one paragraph, relative to the font size."""
    ratios = [
        (a.y - b.y) / b.size
        for page in pages for a, b in zip(page, page[1:], strict=False)
        if b.size > 0 and abs(a.size - b.size) < 0.5 and 0 < a.y - b.y < 3 * b.size
    ]
    return statistics.median(ratios) if ratios else 1.2


def _hints(line: _Placed, previous: _Placed | None, spacing: float, short: bool) -> Line:
    size = max(line.size, 1.0)
    gap = False
    indent = outdent = False
    if previous is not None:
        distance = previous.y - line.y
        font_changed = abs(previous.size - line.size) > 0.5 or previous.bold != line.bold
        if previous.page != line.page:
            gap = font_changed
        else:
            gap = distance < -size or distance > (spacing + 0.35) * size or (font_changed and distance > 0.3 * size)
        indent = line.x > previous.x + size and not starts_numbered(previous.text)  # not a hanging indent
        outdent = line.x < previous.x - size
    return Line(text=line.text, page=line.page, gap_before=gap, short=short, outdent=outdent, indent=indent,
                hyphen=line.hyphen, bold=line.bold)

