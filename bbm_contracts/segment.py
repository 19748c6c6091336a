"""Segmenting an agreement into articles: heading, number, body, location.

Robust to "Artikel 3 – Duur", "3. DUUR", "ARTICLE 3 TERM", Word heading
styles or numbering, bold paragraphs used as headings, and no headings at
all (then every paragraph is its own segment).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from .reader import Block, Document

_WORD = r"(?:artikel|article|art\.|section|clause|hoofdstuk|titel|chapter|paragraaf|afdeling)"
_NUMBER = r"(?:\d+[a-z]?(?:\.\d+)*|[ivxlcdm]+)\b"
ARTICLE_HEADING = re.compile(rf"^\s*{_WORD}\s+({_NUMBER})\s*[.:)\-–—]*\s*(.*)$", re.I)
NUMBERED_CAPS = re.compile(r"^\s*(\d+(?:\.\d+)*)\.?\s+([A-ZÀ-Þ][A-ZÀ-Þ0-9 &,'’/()\-–]{2,90})\s*$")
NUMBERED_TITLE = re.compile(r"^\s*(\d+(?:\.\d+)*)[.)]\s+([A-ZÀ-Þ][^.;:]{2,70})\s*$")
_LABEL_NUMBER = re.compile(r"(\d+(?:\.\d+)*)")
MAX_HEADING_CHARS = 120
_QUOTES = (("“", '"'), ("”", '"'), ("‘", "'"), ("’", "'"), ("–", "-"), ("—", "-"))
# "Artikel 3 -", "3.2.", "IV." before a heading's words; a Roman numeral only with its
# dot or bracket, so that "Vergaderingen" or "Civil liability" keep their first letters
_HEADING_NUMBER = re.compile(r"^\s*(?:(?:artikel|article|art\.|section|clause)\s+(?:\d+[a-z]?(?:\.\d+)*|[ivxlc]+\b)"
                             r"|\d+[a-z]?(?:\.\d+)*|[ivxlc]+[.)])[.):\-\s]*", re.I)


def normalise(text: str) -> str:
    """Lowercase, straight quotes and dashes, single spaces (any Unicode space)."""
    for curly, straight in _QUOTES:
        if curly in text:
            text = text.replace(curly, straight)
    return " ".join(text.split()).lower()


@dataclass(frozen=True)
class Section:
    """One article (or, without headings, one paragraph) of an agreement."""

    heading: str
    number: str | None
    blocks: tuple[Block, ...]
    start: int
    page: int | None

    @cached_property
    def text(self) -> str:
        """The body text (without the heading)."""
        return "\n".join(b.text for b in self.blocks)

    @cached_property
    def normalised(self) -> str:
        """The body text normalised for matching (see `normalise`)."""
        return normalise(self.text)

    @cached_property
    def normalised_heading(self) -> str:
        """The heading normalised for matching, without its number ("Artikel 3.")."""
        return _HEADING_NUMBER.sub("", normalise(self.heading))

    @property
    def location(self) -> str:
        """Where the section is, for a reader: number and heading, paragraph, page."""
        parts = []
        if self.number:
            parts.append(f"§{self.number}")
        if self.heading:
            parts.append(self.heading[:60])
        parts.append(f"paragraph {self.start + 1}")
        if self.page:
            parts.append(f"page {self.page}")
        return " · ".join(parts)


@dataclass(frozen=True)
class _Heading:
    number: str | None
    title: str


def heading_of(block: Block) -> _Heading | None:
    """The heading a block stands for, or None when it is body text."""
    text = block.text.strip()
    if not text or len(text) > MAX_HEADING_CHARS and block.kind != "heading":
        return None
    match = ARTICLE_HEADING.match(text)
    if match and _title_like(match.group(2)):
        return _Heading(match.group(1), match.group(2).strip(" .:-–—"))
    number = _number_from_label(block.number)
    if block.kind == "heading":
        return _Heading(number, text)
    if block.kind not in ("paragraph", "list_item"):
        return None
    match = NUMBERED_CAPS.match(text)
    if match:
        return _Heading(match.group(1), match.group(2).strip())
    short = len(text) <= 90 and not text.endswith((".", ";", ",", ":")) and len(text.split()) <= 12
    if short and block.bold:
        return _Heading(number, text)
    match = NUMBERED_TITLE.match(text)
    if match and block.number is None and len(match.group(2).split()) <= 8 and "." not in match.group(1):
        return _Heading(match.group(1), match.group(2).strip())
    if short and text.isupper() and len(text) >= 4 and sum(c.isalpha() for c in text) >= 4:
        return _Heading(number, text)
    return None


def _title_like(rest: str) -> bool:
    """After "Artikel 3": a short title, not the rest of a sentence."""
    rest = rest.strip(" .:-–—")
    return not rest or (len(rest.split()) <= 10 and not rest.endswith((";", ",")) and not rest[:1].islower())


def _number_from_label(label: str | None) -> str | None:
    if not label:
        return None
    match = _LABEL_NUMBER.search(label)
    return match.group(1) if match else None


def segment(document: Document) -> tuple[Section, ...]:
    """The document's sections in order."""
    sections: list[Section] = []
    heading: _Heading | None = None
    body: list[Block] = []
    start = 0
    page: int | None = None
    found_heading = False
    for block in document.blocks:
        candidate = heading_of(block)
        if candidate is not None:
            found_heading = True
            if heading is not None or body:
                sections.append(_section(heading, body, start, page))
            heading, body, start, page = candidate, [], block.index, block.page
            continue
        if heading is None and not body:
            start, page = block.index, block.page
        body.append(block)
    if heading is not None or body:
        sections.append(_section(heading, body, start, page))
    if not found_heading:
        return tuple(Section("", b.number, (b,), b.index, b.page) for b in document.blocks)
    return tuple(sections)


def _section(heading: _Heading | None, body: list[Block], start: int, page: int | None) -> Section:
    if heading is None:
        return Section("", None, tuple(body), start, page)
    return Section(heading.title, heading.number, tuple(body), start, page)
