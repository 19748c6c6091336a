"""Plain text (.txt, .md) into blocks, and the line grouping that PDF text
shares: lines become paragraphs at blank lines (or vertical gaps), at a
line that looks like an article heading ("Article 3 – Term", "ARTIKEL 5.
DUUR", "3. TERM") and at a numbered line ("12.1 ...", "a)") that follows a
finished sentence; wrapped lines are joined, hyphenated line ends mended.
Typed numbers stay in the text: `Block.number` is Word's numbering only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .reader import Block, BlockKind, Document, check_block_count

_ARTICLE_WORDS = ("article", "artikel", "art.", "section", "clause", "hoofdstuk", "chapter", "afdeling", "annex",
                  "bijlage", "schedule", "exhibit")
_ARTICLE_WORD = re.compile(  # capitalised only: "artikel 44." in running text is a cross-reference
    "(?:" + "|".join(re.escape(form) for word in _ARTICLE_WORDS for form in (word.capitalize(), word.upper())) + ")"
    r"\s+(?:[0-9]{1,3}[a-z]?|[IVXLC]{1,6})(?:\.[0-9]{1,3})*[.:)]?(?=\s|$)"
)
_LABEL = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*\.?|\(?[a-z]\)|\(?(?:i|ii|iii|iv|v|vi|vii|viii|ix|x)\)|[a-z]\.|[•·▪◦*\-–])(?=\s)")
_SENTENCE_END = re.compile(r"(?:[.;:!?]|[;,]\s*(?:and|or|en|of))[\"'”’)]*$", re.IGNORECASE)
_MD_HEADING = re.compile(r"(#{1,6})\s+(.*?)\s*#*$")
_MD_BOLD = re.compile(r"(\*\*|__)(.+)\1")
_HEADING_WORDS = 12
_CONJUNCTIONS = frozenset({"en", "of", "and", "or", "to", "tot", "nor", "noch"})
_PUNCTUATION = ".,;:!?()[]\"'“”‘’«»"


@dataclass(frozen=True)
class Line:
    """One line of text with what its layout says about paragraph breaks."""

    text: str
    page: int | None = None
    gap_before: bool = False  # a blank line, a clear vertical gap, a change of font
    short: bool = False  # ends well before the right margin
    outdent: bool = False  # starts left of the line before it
    indent: bool = False  # starts right of the line before it (a first-line indent)
    hyphen: bool = False  # the line ended in a hyphen at the margin
    bold: bool = False
    heading_level: int | None = None  # a Markdown heading


def read_text(source: Path, data: bytes) -> Document:
    """A .txt or .md file as blocks."""
    text = decode_text(data)
    lines = list(text_lines(text))
    return Document(str(source), "txt", tuple(group_lines(source, lines)), None)


def decode_text(data: bytes) -> str:
    """UTF-16 (with a byte-order mark), UTF-8 (with or without one), else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def text_lines(text: str) -> Iterator[Line]:
    """The non-blank lines of a text file, with blank lines and wrapping as layout."""
    raw = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n").split("\n")]
    width = _wrap_width(raw)
    blank = True
    for number, line in enumerate(raw):
        if not line:
            blank = True
            continue
        heading = _MD_HEADING.fullmatch(line)
        bold = _MD_BOLD.fullmatch(line)
        body = heading.group(2) if heading else bold.group(2) if bold else line
        following = raw[number + 1] if number + 1 < len(raw) else ""
        yield Line(text=body, gap_before=blank or heading is not None, short=_short(line, following, width),
                   bold=bold is not None, heading_level=len(heading.group(1)) if heading else None)
        blank = heading is not None


def _wrap_width(lines: list[str]) -> int | None:
    """The width text was hard-wrapped at; None when its lines are not wrapped (a line per paragraph)."""
    lengths = sorted(len(line) for line in lines if line)
    if len(lengths) < 5:
        return None
    width = lengths[int(len(lengths) * 0.9)]
    return width if width <= 120 else None


def _short(line: str, following: str, width: int | None) -> bool:
    """Did the line end before the margin on purpose: would the next line's first word have fit?"""
    if width is None or not following:
        return True
    return len(line) + 1 + len(following.split()[0]) <= width


# --- lines into blocks ----------------------------------------------------------------


def group_lines(source: Path, lines: list[Line]) -> list[Block]:
    """Paragraph blocks from lines in reading order."""
    compounds = _compounds(lines)
    blocks: list[Block] = []
    current: list[Line] = []
    for line in lines:
        if current and _breaks(current, line):
            blocks.append(_block(current, len(blocks), compounds))
            current = []
            check_block_count(source, len(blocks))
        current.append(line)
    if current:
        blocks.append(_block(current, len(blocks), compounds))
    return [block for block in blocks if block.text]


def _compounds(lines: list[Line]) -> frozenset[str]:
    """Hyphenated words the document writes on one line ("Sherpa-partner", "e-mail"): a line
    break after their hyphen keeps it."""
    found: set[str] = set()
    for line in lines:
        if "-" in line.text:
            found.update(_word(word) for word in line.text.split() if "-" in word.strip("-"))
    return frozenset(found)


def _word(text: str) -> str:
    return text.strip(_PUNCTUATION).lower()


def _breaks(block: list[Line], line: Line) -> bool:
    previous = block[-1]
    if line.gap_before or previous.heading_level is not None:
        return True
    if len(block) == 1 and heading_like(previous.text):
        return True  # a heading stands alone
    ended = _ends(previous)
    turned = previous.page != line.page
    if heading_like(line.text) and (ended or previous.short or turned or starts_numbered(line.text)):
        return True
    if starts_numbered(line.text):
        return ended or previous.short or line.outdent or turned
    return ended and (previous.short or line.indent or line.outdent or turned) or line.indent and previous.short


def _ends(line: Line) -> bool:
    return bool(_SENTENCE_END.search(line.text)) and not line.hyphen


def starts_numbered(text: str) -> bool:
    """Does a line start with an article word and number, a clause number or a list label?"""
    return bool(_ARTICLE_WORD.match(text) or _LABEL.match(text))


def heading_like(text: str) -> bool:
    """A short line that reads as a heading: "Article 3 – Term", "ARTIKEL 5. DUUR", "3. TERM", "DEFINITIONS"."""
    words = text.split()
    if not words or len(words) > _HEADING_WORDS or text.endswith((",", ";")):
        return False
    article = _ARTICLE_WORD.match(text)
    if article:
        rest = text[article.end():]
        return not rest.strip() or not rest.rstrip().endswith(".") or _capitals(rest)
    label = _LABEL.match(text)
    rest = text[label.end():] if label and label.group(0)[0].isdigit() else text
    letters = [c for c in rest if c.isalpha()]
    if label is None and (len(words) > 8 or text.endswith(".")):
        return False
    return len(letters) >= 3 and _capitals(rest)


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


def _block(lines: list[Line], index: int, compounds: frozenset[str]) -> Block:
    first = lines[0]
    kind: BlockKind = "heading" if first.heading_level else "list_item" if _LABEL.match(first.text) else "paragraph"
    return Block(text=join_lines(lines, compounds), kind=kind, index=index, level=first.heading_level,
                 bold=all(line.bold for line in lines), page=first.page)


def join_lines(lines: list[Line], compounds: frozenset[str] = frozenset()) -> str:
    """The lines of one paragraph as one line: wrapped lines joined, words hyphenated at a line end mended."""
    out = ""
    for line in lines:
        text = line.text.replace("\u00ad", "")
        if out.endswith("-") and out[-2:-1].isalpha() and text[:1].isalpha():
            left, right = out.split()[-1], text.split()[0]
            if _word(right) in _CONJUNCTIONS:  # a suspended compound: "opvolgings- en coachingsnotities"
                out = f"{out} {text}"
                continue
            keep = not text[:1].islower() or _word(left + right) in compounds or _word(left + right).rstrip("s") in compounds
            out = out + text if keep else out[:-1] + text
        else:
            out = f"{out} {text}" if out else text
    return " ".join(out.split())
