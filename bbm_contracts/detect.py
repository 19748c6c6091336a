"""Detecting provisions in an agreement's sections, with the words that
matched, and extracting values (notice periods, term, caps, shares, law,
court, payment terms).

The vocabulary is data: `detect` in provisions.yaml, per language, heading
words and body phrases (`re:` marks a regular expression). A section
provides a provision when its heading matches, or its body matches at least
one phrase.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from .library import Library
from .segment import Section

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
_HEADING_NUMBER = re.compile(r"^\s*((artikel|article|art\.|section|clause)\s+)?[\divxlc]+[a-z]?(\.\d+)*[.):\-\s]*", re.I)
_NOT_APPLICABLE = re.compile(
    r"\b(niet van toepassing|n\.v\.t\.|not applicable|intentionally (left )?(blank|omitted)|\[reserved\]|reserved\.?$)", re.I)

def normalise(text: str) -> str:
    """Lowercase, straight quotes, single spaces."""
    return _SPACE.sub(" ", text.translate(_QUOTES)).strip().lower()

@dataclass(frozen=True)
class Matcher:
    """The compiled vocabulary of one provision in one language."""

    provision: str
    headings: re.Pattern[str] | None
    literals: tuple[str, ...]
    patterns: tuple[tuple[str | None, re.Pattern[str]], ...]

def _compile(entries: Iterable[str]) -> re.Pattern[str] | None:
    parts = [e[3:] if e.startswith("re:") else re.escape(e.lower()) for e in entries]
    return re.compile("|".join(f"(?:{p})" for p in parts)) if parts else None

def _split(entries: Iterable[str]) -> tuple[tuple[str, ...], tuple[tuple[str | None, re.Pattern[str]], ...]]:
    # plain phrases are found with a fast substring test; a `re:` entry runs only
    # when the text contains the literal word every match of it must contain
    entries = list(entries)
    literals = tuple(e.lower() for e in entries if not e.startswith("re:"))
    patterns = tuple((required_literal(e[3:]), re.compile(e[3:])) for e in entries if e.startswith("re:"))
    return literals, patterns

def required_literal(pattern: str) -> str | None:
    """A run of plain letters (4+) outside any group, class or quantifier: every match contains it."""
    if "|" in _top_level(pattern):
        return None
    best = ""
    depth = 0
    current = ""
    i = 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            current, i = "", i + 2
            continue
        if char in "([{":
            depth += 1
            current = ""
        elif char in ")]}":
            depth -= 1
            current = ""
        elif char in "?*+":
            current = current[:-1]  # the last character is optional or repeated
            best = max(best, current, key=len)
            current = ""
        elif depth == 0 and (char.isalpha() or char in " -'"):
            current += char
            best = max(best, current, key=len) if i + 1 == len(pattern) or pattern[i + 1] not in "?*+{" else best
        else:
            best = max(best, current, key=len)
            current = ""
        i += 1
    best = max(best, current, key=len).strip()
    return best if len(best) >= 4 else None

def _top_level(pattern: str) -> str:
    out, depth, i = [], 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif depth == 0:
            out.append(char)
        i += 1
    return "".join(out)

_COMPILED: dict[tuple[int, str], tuple[Library, tuple[Matcher, ...]]] = {}

def matchers(library: Library, lang: str) -> tuple[Matcher, ...]:
    """The compiled vocabulary of every provision for a language (compiled once per library)."""
    key = (id(library), lang)
    if key not in _COMPILED:  # the library is kept with its matchers, so its id is never reused
        _COMPILED[key] = (library, _compile_all(library, lang))
    return _COMPILED[key][1]

def _compile_all(library: Library, lang: str) -> tuple[Matcher, ...]:
    out = []
    for provision in library.provisions.values():
        vocabulary = provision.detect.get(lang)  # type: ignore[call-overload]
        if vocabulary is None:
            continue
        literals, patterns = _split(vocabulary.phrases)
        out.append(Matcher(provision.id, _compile(vocabulary.headings), literals, patterns))
    return tuple(out)

@dataclass(frozen=True)
class Detection:
    """A provision found in a section, and why."""

    provision: str
    section: int
    location: str
    via: Literal["heading", "text"]
    matched: tuple[str, ...]

def detect(sections: tuple[Section, ...], library: Library, lang: str) -> tuple[Detection, ...]:
    """Every provision found in every section."""
    found = []
    compiled = matchers(library, lang)
    for index, section in enumerate(sections):
        heading = _HEADING_NUMBER.sub("", normalise(section.heading))
        body = normalise(section.text)
        if _NOT_APPLICABLE.search(body[:200]) and len(body) < 200:
            continue
        for matcher in compiled:
            detection = _match(matcher, heading, body, index, section)
            if detection:
                found.append(detection)
    return tuple(found)

def _match(matcher: Matcher, heading: str, body: str, index: int, section: Section) -> Detection | None:
    if heading and matcher.headings is not None:
        hit = matcher.headings.search(heading)
        if hit:
            words = [hit.group(0)] + _phrases(matcher, body)
            return Detection(matcher.provision, index, section.location, "heading", tuple(words[:5]))
    words = _phrases(matcher, body)
    if words:
        return Detection(matcher.provision, index, section.location, "text", tuple(words[:5]))
    return None

def _phrases(matcher: Matcher, body: str) -> list[str]:
    if not body:
        return []
    found = [literal for literal in matcher.literals if literal in body]
    for literal, pattern in matcher.patterns:
        if literal is None or literal in body:
            found.extend(m.group(0) for m in pattern.finditer(body))
    return list(dict.fromkeys(found))

# --- language ------------------------------------------------------------------------

_DUTCH = re.compile(r"\b(de|het|een|van|en|partijen|overeenkomst|wordt|worden|zijn|niet|voor|met|bij)\b")
_ENGLISH = re.compile(r"\b(the|of|and|parties|agreement|shall|be|is|not|for|with|any|such)\b")

def guess_language(text: str) -> str:
    """'nl' or 'en', by counting common words."""
    sample = text[:20000].lower()
    return "nl" if len(_DUTCH.findall(sample)) > len(_ENGLISH.findall(sample)) else "en"

# --- values ----------------------------------------------------------------------------

_NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8, "negen": 9,
    "tien": 10, "twaalf": 12, "achttien": 18, "vierentwintig": 24, "dertig": 30, "zestig": 60, "negentig": 90,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twelve": 12, "eighteen": 18, "twenty-four": 24, "thirty": 30, "forty-five": 45, "sixty": 60, "ninety": 90,
}
_COUNT = r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_PERIOD = re.compile(_COUNT + r"\s*(?:\(\d+\)\s*)?(kalender|werk|calendar|business )?"
                     r"(dagen|dag|days?|weken|week|weeks|maanden|maand|months?|jaren|jaar|years?)\b", re.I)
_MONEY = re.compile(r"(?:€|eur(?:o)?|usd|\$|£)\s?\d(?:[\d.,]*\d)?(?:\s?(?:miljoen|million|k)\b)?|\d(?:[\d.,]*\d)?\s?(?:€|euro|eur)\b", re.I)
_PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s?(?:%|procent|percent)")
_LAW = re.compile(r"\b(?i:belgisch|nederlands|frans|duits|luxemburgs|engels)e? recht\b|"
                  r"laws? of (?:the )?(?:(?i:state|kingdom|commonwealth|republic) of )?([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?)")
_COURT = re.compile(r"\b((?:ondernemings)?rechtbank(?:en)?|hof van beroep|court(?:s)?)\b[^.;]{0,40}?\b(?:van|te|of|in)\s+"
                    r"(?:het arrondissement\s+|the (?:city|county|state) of\s+)?([A-Z][\w'-]+(?: [A-Z][\w'-]+)?)")
_PAYMENT = re.compile(r"\b(?:binnen|within|uiterlijk|no later than)\s+" + _COUNT + r"\s*(?:\(\d+\)\s*)?(?:kalender|calendar )?"
                      r"(?:dagen|days)\b", re.I)
_UNIT_DAYS = {"dag": 1, "dagen": 1, "day": 1, "days": 1, "week": 7, "weken": 7, "weeks": 7,
              "maand": 30, "maanden": 30, "month": 30, "months": 30, "jaar": 365, "jaren": 365, "year": 365, "years": 365}

@dataclass(frozen=True)
class Value:
    """A value extracted from a section: what, the text, and a number where useful."""

    kind: str
    text: str
    section: int
    days: int | None = None

def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 0)

def extract_values(sections: tuple[Section, ...], detections: tuple[Detection, ...]) -> tuple[Value, ...]:
    """Notice periods, term, caps, shares, law, court and payment terms."""
    by_section: dict[int, set[str]] = {}
    for d in detections:
        by_section.setdefault(d.section, set()).add(d.provision)
    values: list[Value] = []
    for index, provisions in by_section.items():
        raw = sections[index].heading + "\n" + sections[index].text
        text = _SPACE.sub(" ", raw)
        if provisions & {"term.notice", "term.exit", "term.renewal", "term.duration", "term.breach"}:
            for match in _PERIOD.finditer(text):
                unit = match.group(3).lower().strip()
                values.append(Value("period", match.group(0), index, _count(match.group(1)) * _UNIT_DAYS.get(unit, 1)))
        if provisions & {"risk.liability_cap", "risk.liability", "risk.insurance"}:
            values.extend(Value("amount", m.group(0), index) for m in _MONEY.finditer(text))
        if "finance.distribution" in provisions:
            values.extend(Value("percentage", m.group(0), index) for m in _PERCENT.finditer(text))
        if "legal.governing_law" in provisions:
            values.extend(Value("governing_law", m.group(0), index) for m in _LAW.finditer(text))
        if "governance.disputes" in provisions or "legal.governing_law" in provisions:
            values.extend(Value("court", m.group(0), index) for m in _COURT.finditer(text))
        if "finance.settlement" in provisions:
            for match in _PAYMENT.finditer(text):
                values.append(Value("payment_term", match.group(0), index, _count(match.group(1))))
    return tuple(values)

def provisions_found(detections: Iterable[Detection], library: Library) -> frozenset[str]:
    """The provisions the document has: a heading names it, or its phrases
    match in at least `min_text_hits` sections or with that many different
    phrases (provisions.yaml; 1 unless a provision's words also occur in
    passing in other clauses)."""
    return frozenset(p for p, found in _by_provision(detections).items() if counts(found, library.provisions[p].min_text_hits))


def _by_provision(detections: Iterable[Detection]) -> dict[str, list[Detection]]:
    out: dict[str, list[Detection]] = {}
    for detection in detections:
        out.setdefault(detection.provision, []).append(detection)
    return out


def counts(found: list[Detection], min_text_hits: int) -> bool:
    """Whether these detections of one provision are enough to count it."""
    if min_text_hits <= 1 or any(d.via == "heading" for d in found):
        return bool(found)
    phrases = {word for d in found for word in d.matched}
    return len({d.section for d in found}) >= min_text_hits or len(phrases) >= min_text_hits

