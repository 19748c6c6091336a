"""Word's automatic numbering, computed as Word shows it: "Artikel 3.",
"3.2.", "a)".

A paragraph is numbered by its own w:numPr or by its style's (Heading 1
bound to a list). The w:num names an abstract list whose levels give the
start, format (decimal, letters, roman, bullet) and text ("%1.%2.") of each
level. Lists that share an abstract list share their counters, unless a
w:num restarts them with a startOverride; a level restarts when a higher
level is used (or as its lvlRestart says).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from docx.oxml.ns import qn

Element = Any

_VAL, _ILVL, _NUMID = qn("w:val"), qn("w:ilvl"), qn("w:numId")
_LEVELS = 9
_PLACEHOLDER = re.compile(r"%([1-9])")
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"),
          (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def parse_num_pr(num_pr: Element | None) -> tuple[str | None, int | None]:
    """numId and ilvl of a w:numPr (either may be absent)."""
    num_id: str | None = None
    ilvl: int | None = None
    if num_pr is not None:
        for child in num_pr.iterchildren(_NUMID, _ILVL):
            if child.tag == _NUMID:
                num_id = child.get(_VAL)
            else:
                ilvl = _int(child.get(_VAL))
    return num_id, ilvl


@dataclass(frozen=True)
class Level:
    """One level of an abstract list."""

    start: int = 1
    fmt: str = "decimal"
    text: tuple[str | int, ...] = ()  # lvlText split: literal text and 0-based level indexes
    restart: int | None = None
    style: str | None = None
    legal: bool = False


class _Abstract:
    """An abstract list; its levels are read when first used."""

    def __init__(self, element: Element, style_link: str | None) -> None:
        self.element = element
        self.style_link = style_link
        self._levels: dict[int, Level] | None = None

    def levels(self) -> dict[int, Level]:
        if self._levels is None:
            self._levels = _levels(self.element)
        return self._levels


@dataclass(frozen=True)
class _Num:
    abstract: str
    starts: dict[int, int]
    levels: dict[int, Level]


@dataclass(frozen=True)
class _ListState:
    levels: dict[int, Level]
    restarted_by: tuple[int, ...]
    counters: list[int | None]


class Numbering:
    """The numbering part, with the counters of a walk through the document."""

    def __init__(self, root: Element | None, style_num_pr: Callable[[str], tuple[str | None, int | None]]) -> None:
        self._abstracts: dict[str, _Abstract] = {}
        self._nums: dict[str, _Num] = {}
        self._style_num_pr = style_num_pr
        self._counters: dict[str, list[int | None]] = {}
        self._lists: dict[str, _ListState] = {}
        if root is not None:
            self._parse(root)

    def _parse(self, root: Element) -> None:
        for element in root.iterchildren(qn("w:abstractNum")):
            link = element.find(qn("w:numStyleLink"))
            self._abstracts[element.get(qn("w:abstractNumId"))] = _Abstract(
                element=element, style_link=link.get(_VAL) if link is not None else None)
        for element in root.iterchildren(qn("w:num")):
            abstract = element.find(qn("w:abstractNumId"))
            if abstract is not None:
                self._nums[element.get(_NUMID)] = _num(abstract.get(_VAL), element)

    def label(self, num_id: str, ilvl: int | None, style_id: str | None) -> tuple[str | None, bool]:
        """Advance the list's counter for one paragraph; its label (None for a
        bullet) and whether it is numbered at all."""
        state = self._lists.get(num_id) or self._resolve(num_id)
        if state is None:
            return None, False
        levels = state.levels
        if ilvl is None:
            ilvl = next((i for i, level in levels.items() if style_id and level.style == style_id), 0)
        level = levels.get(ilvl)
        if level is None:
            return None, False
        counters = state.counters
        current = counters[ilvl]
        counters[ilvl] = level.start if current is None else current + 1
        for deeper in range(ilvl + 1, _LEVELS):
            if ilvl < state.restarted_by[deeper]:
                counters[deeper] = None
        if level.fmt == "bullet":
            return None, True
        return _format(level, levels, counters) or None, True

    def _resolve(self, num_id: str) -> _ListState | None:
        """A list's levels (overrides applied), what restarts each, and its counters: shared
        with the lists of the same abstract list, its own when it restarts (startOverride)."""
        num = self._nums.get(num_id)
        levels = self._abstract_levels(num.abstract) if num is not None else {}
        if num is None or not levels:
            return None
        levels = {**levels, **num.levels}
        levels = {i: replace(level, start=num.starts.get(i, level.start)) for i, level in levels.items()}
        key = f"num {num_id}" if num.starts else f"abstract {num.abstract}"
        counters = self._counters.setdefault(key, [None] * _LEVELS)
        state = _ListState(levels, tuple(_restarted_by(levels.get(i), i) for i in range(_LEVELS)), counters)
        self._lists[num_id] = state
        return state

    def _abstract_levels(self, abstract_id: str, hops: int = 0) -> dict[int, Level]:
        abstract = self._abstracts.get(abstract_id)
        if abstract is None:
            return {}
        if abstract.style_link is None or hops > 3:
            return abstract.levels()
        linked_num, _ = self._style_num_pr(abstract.style_link)
        linked = self._nums.get(linked_num) if linked_num else None
        if linked is None or linked.abstract == abstract_id:
            return abstract.levels()
        return self._abstract_levels(linked.abstract, hops + 1)

def _restarted_by(level: Level | None, ilvl: int) -> int:
    """A level restarts when a level above this index is used (its lvlRestart, else its own index)."""
    if level is None or level.restart is None:
        return ilvl
    return level.restart


def _levels(abstract: Element) -> dict[int, Level]:
    levels: dict[int, Level] = {}
    for element in abstract.iterchildren(qn("w:lvl")):
        ilvl = _int(element.get(_ILVL))
        if ilvl is not None and 0 <= ilvl < _LEVELS:
            levels[ilvl] = _level(element)
    return levels


def _level(element: Element) -> Level:
    def value(tag: str) -> str | None:
        child = element.find(qn(tag))
        return child.get(_VAL) if child is not None else None

    start = _int(value("w:start"))
    legal = element.find(qn("w:isLgl"))
    return Level(
        start=1 if start is None else start,
        fmt=value("w:numFmt") or "decimal",
        text=_split_text(value("w:lvlText") or ""),
        restart=_int(value("w:lvlRestart")),
        style=value("w:pStyle"),
        legal=legal is not None and (legal.get(_VAL) or "1").lower() not in ("0", "false", "off"),
    )


def _num(abstract_id: str, element: Element) -> _Num:
    starts: dict[int, int] = {}
    levels: dict[int, Level] = {}
    for override in element.iterchildren(qn("w:lvlOverride")):
        ilvl = _int(override.get(_ILVL))
        if ilvl is None or not 0 <= ilvl < _LEVELS:
            continue
        start = override.find(qn("w:startOverride"))
        if start is not None and _int(start.get(_VAL)) is not None:
            starts[ilvl] = _int(start.get(_VAL)) or 0
        level = override.find(qn("w:lvl"))
        if level is not None:
            levels[ilvl] = _level(level)
    return _Num(abstract=abstract_id, starts=starts, levels=levels)


_DEFAULT_LEVEL = Level()


def _split_text(text: str) -> tuple[str | int, ...]:
    """"Artikel %1." -> ("Artikel ", 0, ".")"""
    parts: list[str | int] = []
    for index, piece in enumerate(_PLACEHOLDER.split(text)):
        if index % 2:
            parts.append(int(piece) - 1)
        elif piece:
            parts.append(piece)
    return tuple(parts)


def _format(level: Level, levels: dict[int, Level], counters: list[int | None]) -> str:
    out = []
    for part in level.text:
        if isinstance(part, str):
            out.append(part)
            continue
        shown = levels.get(part) or _DEFAULT_LEVEL
        value = counters[part]
        out.append(format_number(shown.start if value is None else value, "decimal" if level.legal else shown.fmt))
    return "".join(out).strip()


def format_number(value: int, fmt: str) -> str:
    """A counter value in one of Word's number formats."""
    if fmt == "decimal":
        return str(value)
    if fmt == "none":
        return ""
    if value <= 0 or fmt == "bullet":
        return str(value)
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(value)
        return roman.upper() if fmt == "upperRoman" else roman
    return str(value)


def _roman(value: int) -> str:
    out = []
    for amount, numeral in _ROMAN:
        count, value = divmod(value, amount)
        out.append(numeral * count)
    return "".join(out)


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None
