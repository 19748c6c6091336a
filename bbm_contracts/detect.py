"""Detecting provisions in an agreement's sections, with the words that
matched, and extracting values (notice periods, term, caps, shares, law,
court, payment terms).

The vocabulary is data: `detect` in provisions.yaml, per language, heading
words and body phrases (`re:` marks a regular expression). A section
provides a provision when its heading matches, or its body matches at least
one phrase.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

import ahocorasick

from .library import Library
from .segment import Section, normalise

_NOT_APPLICABLE = re.compile(
    r"\b(niet van toepassing|n\.v\.t\.|not applicable|intentionally (left )?(blank|omitted)|\[reserved\]|reserved\.?$)", re.I)


CONTEXT = 250


@dataclass(frozen=True)
class Matcher:
    """The compiled vocabulary of one provision in one language.

    Plain phrases (headings and body) are found by the vocabulary's one
    Aho-Corasick pass; a `re:` entry runs only when the text contains the
    literal word every match of it must contain (or always, without one)."""

    provision: str
    heading_literals: tuple[str, ...]
    heading_patterns: tuple[re.Pattern[str], ...]
    literals: tuple[str, ...]
    patterns: tuple[tuple[Clauses, re.Pattern[str]], ...]
    unless: re.Pattern[str] | None = None
    """In the sentence of a body match, these words make it not count."""
    needs: re.Pattern[str] | None = None
    """When set, a body match counts only when its sentence holds one of these words."""

    def counts_at(self, body: str, position: int) -> bool:
        """Whether a body match at this position counts, by the words around it."""
        spans = context_spans(body, position)
        if self.unless is not None and any(self.unless.search(body, a, b) for a, b in spans):
            return False
        return self.needs is None or any(self.needs.search(body, a, b) for a, b in spans)


def context_spans(body: str, position: int) -> list[tuple[int, int]]:
    """Where to look for the words that qualify a match: its sentence, or in an
    enumeration ("may terminate upon any of the following: (a) ...; (b) a change
    of control; ...") its own item and the lead-in before the colon; at most
    CONTEXT characters each."""
    start = body.rfind(". ", 0, position) + 1
    end = body.find(". ", position)
    end = end if end >= 0 else len(body)
    colon = body.rfind(": ", start, position)
    item_start = body.rfind("; ", max(start, colon), position)
    item_end = body.find("; ", position, end)
    spans = []
    if colon >= 0 or item_start >= 0 or item_end >= 0:
        begin = max(colon, item_start, start) + 1
        spans.append((max(begin, position - CONTEXT), min(item_end if item_end >= 0 else end, position + CONTEXT)))
        if colon >= 0:
            spans.append((max(start, colon - CONTEXT), colon))
    else:
        spans.append((max(start, position - CONTEXT), min(end, position + CONTEXT)))
    return spans


@dataclass(frozen=True)
class Vocabulary:
    """Every provision's matcher for one language, and one automaton over all their plain words."""

    matchers: tuple[Matcher, ...]
    automaton: ahocorasick.Automaton
    """Finds every plain word in a text; its value is the word's index in `uses`."""
    uses: tuple[tuple[tuple[str, int, int], ...], ...]
    """Per word: (kind, matcher, index) for each heading word, phrase or pattern trigger it is."""
    gates: dict[tuple[int, int], tuple[frozenset[int], ...]]
    """Per (matcher, pattern) triggered by a word: the other clauses of its required words, as word indexes."""
    always: tuple[tuple[int, int], ...]
    """(matcher, pattern) pairs of `re:` entries without required words: run on every section."""
    heading_patterns: frozenset[int]
    """Matchers with `re:` heading entries (tried on every heading)."""
    index: dict[str, int]
    """Each plain word's index in `uses` (the automaton's value for it)."""
    positional: frozenset[int]
    """The words whose positions matter: phrases of matchers with `unless` or `needs`."""


MIN_REQUIRED = 3
Clauses = tuple[frozenset[str], ...]


def required_words(pattern: str) -> Clauses:
    """What every match of `pattern` contains, read off the pattern: clauses,
    each a set of plain words of which a match holds at least one (best, that
    is rarest-looking, first); () when nothing can be said.

    `\\b(doel|voorwerp) van (deze|de) (overeenkomst|regeling)` gives
    ({"overeenkomst", "regeling"}, {"doel", "voorwerp"}, {"van"}); words are
    3+ characters or a symbol such as "%"; an optional part never counts. A
    text lacking every word of some clause cannot match, so the pattern need
    not run on it."""
    branches = _split_top(pattern)
    if len(branches) > 1:
        union: set[str] = set()
        for branch in branches:
            clauses = required_words(branch)
            if not clauses:
                return ()
            union |= clauses[0]
        return (frozenset(union),)
    found: list[frozenset[str]] = []
    for item, optional in _atoms(pattern):
        if optional:
            continue
        if item.startswith("("):
            inner = _group_body(item)
            found.extend(required_words(inner) if inner is not None else ())
        elif _usable(item.strip()):
            found.append(frozenset({item.strip()}))
    return tuple(sorted(set(found), key=_rank))


def _usable(word: str) -> bool:
    if word != word.lower() or not word:
        return False
    return len(word) >= MIN_REQUIRED or not any(c.isalnum() or c.isspace() for c in word)


def _rank(clause: frozenset[str]) -> tuple[int, int, tuple[str, ...]]:
    # longer words are rarer; a symbol ("%", "€") is as rare as a long word
    shortest = min(len(w) if any(c.isalnum() for c in w) else 8 for w in clause)
    return -shortest, len(clause), tuple(sorted(clause))


@functools.lru_cache(maxsize=256)
def _clauses_of(pattern: str) -> Clauses:
    return required_words(pattern)


def may_match(pattern: re.Pattern[str], normalised: str) -> bool:
    """False when the (normalised, lowercase) text lacks every word of one of
    the clauses each match of the pattern must satisfy: then it need not run."""
    return all(any(word in normalised for word in clause) for clause in _clauses_of(pattern.pattern))


def _atoms(pattern: str) -> Iterator[tuple[str, bool]]:
    """The top-level parts of a pattern without alternation: runs of plain
    characters and whole groups, each with whether it may be absent. Escapes
    and character classes end a run and are not returned."""
    i, run = 0, ""
    while i < len(pattern):
        char = pattern[i]
        if char == "\\" or char == "[" or char == "." or char in "^$":
            end = _end_of_class(pattern, i) if char == "[" else i + (2 if char == "\\" else 1)
            if run:
                yield run, False
            run = ""
            i = _skip_quantifier(pattern, end)[0]
            continue
        if char == "(":
            end = _end_of_group(pattern, i)
            if run:
                yield run, False
            run = ""
            after, optional = _skip_quantifier(pattern, end)
            yield pattern[i:end], optional
            i = after
            continue
        after, optional = _skip_quantifier(pattern, i + 1)
        if after != i + 1:  # a quantified character: it ends the run, and counts only when required
            if run:
                yield run + ("" if optional else char), False
            run = ""
            i = after
            continue
        run += char
        i += 1
    if run:
        yield run, False


def _skip_quantifier(pattern: str, i: int) -> tuple[int, bool]:
    """Past a quantifier at i (and its lazy/possessive mark), and whether it allows zero."""
    if i >= len(pattern):
        return i, False
    char = pattern[i]
    if char in "?*+":
        end = i + 1
        if end < len(pattern) and pattern[end] in "?+":
            end += 1
        return end, char != "+"
    if char == "{":
        close = pattern.find("}", i)
        body = pattern[i + 1:close] if close > 0 else ""
        if close > 0 and re.fullmatch(r"\d*(,\d*)?", body):
            end = close + 1
            if end < len(pattern) and pattern[end] in "?+":
                end += 1
            return end, body.split(",")[0] in ("", "0")
    return i, False


def _end_of_class(pattern: str, i: int) -> int:
    j = i + 1
    if j < len(pattern) and pattern[j] == "^":
        j += 1
    if j < len(pattern) and pattern[j] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _end_of_group(pattern: str, i: int) -> int:
    depth, j = 0, i
    while j < len(pattern):
        char = pattern[j]
        if char == "\\":
            j += 2
            continue
        if char == "[":
            j = _end_of_class(pattern, j)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return j + 1
        j += 1
    return j


def _group_body(group: str) -> str | None:
    """The pattern inside a group; None for lookarounds, flags and back-references."""
    inner = group[1:-1]
    if not inner.startswith("?"):
        return inner
    if inner.startswith("?:"):
        return inner[2:]
    named = re.match(r"\?P<\w+>", inner)
    return inner[named.end():] if named else None


def _split_top(pattern: str) -> list[str]:
    """The pattern's top-level alternatives."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _end_of_class(pattern, i)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return parts


_COMPILED: dict[tuple[int, str], tuple[Library, Vocabulary]] = {}


def vocabulary(library: Library, lang: str) -> Vocabulary:
    """The compiled vocabulary of every provision for a language (compiled once per library)."""
    key = (id(library), lang)
    if key not in _COMPILED:  # the library is kept with its vocabulary, so its id is never reused
        _COMPILED[key] = (library, _compile_all(library, lang))
    return _COMPILED[key][1]


def matchers(library: Library, lang: str) -> tuple[Matcher, ...]:
    """The compiled vocabulary of every provision for a language."""
    return vocabulary(library, lang).matchers


def _any_of(words: list[str]) -> re.Pattern[str] | None:
    return re.compile("|".join(re.escape(w.lower()) for w in words)) if words else None


def _compile_all(library: Library, lang: str) -> Vocabulary:
    out = []
    for provision in library.provisions.values():
        words = provision.detect.get(lang)  # type: ignore[call-overload]
        if words is None:
            continue
        out.append(Matcher(
            provision.id,
            tuple(e.lower() for e in words.headings if not e.startswith("re:")),
            tuple(re.compile(e[3:]) for e in words.headings if e.startswith("re:")),
            tuple(e.lower() for e in words.phrases if not e.startswith("re:")),
            tuple((required_words(e[3:]), re.compile(e[3:])) for e in words.phrases if e.startswith("re:")),
            _any_of(words.unless),
            _any_of(words.needs),
        ))
    # one automaton over every plain word: each key knows which matchers use it and how
    uses: dict[str, list[tuple[str, int, int]]] = {}
    always = []
    for m, matcher in enumerate(out):
        for n, literal in enumerate(matcher.heading_literals):
            uses.setdefault(literal, []).append(("heading", m, n))
        for n, literal in enumerate(matcher.literals):
            uses.setdefault(literal, []).append(("phrase", m, n))
        for n, (clauses, _) in enumerate(matcher.patterns):
            if not clauses:
                always.append((m, n))
            for clause_index, clause in enumerate(clauses):
                for word in clause:  # the first clause triggers the pattern; the others gate it
                    use = uses.setdefault(word, [])
                    if clause_index == 0:
                        use.append(("pattern", m, n))
    index = {word: key for key, word in enumerate(uses)}
    gates = {(m, n): tuple(frozenset(index[w] for w in clause) for clause in clauses[1:])
             for m, matcher in enumerate(out) for n, (clauses, _) in enumerate(matcher.patterns) if clauses}
    automaton = ahocorasick.Automaton()
    for word, key in index.items():
        automaton.add_word(word, key)
    automaton.make_automaton()
    with_patterns = frozenset(m for m, matcher in enumerate(out) if matcher.heading_patterns)
    positional = frozenset(index[w] for matcher in out if matcher.unless or matcher.needs for w in matcher.literals)
    return Vocabulary(tuple(out), automaton, tuple(tuple(use) for use in uses.values()), gates, tuple(always), with_patterns,
                      index, positional)


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
    found: list[Detection] = []
    words = vocabulary(library, lang)
    for index, section in enumerate(sections):
        body = section.normalised
        if len(body) < 200 and _NOT_APPLICABLE.search(body):
            continue
        found.extend(_section_detections(words, index, section, section.normalised_heading, body))
    return tuple(found)


def _section_detections(words: Vocabulary, index: int, section: Section, heading: str, body: str) -> list[Detection]:
    # per matcher: heading words (vocabulary order), phrases (vocabulary order), patterns to run
    headings: dict[int, set[int]] = {}
    phrases: dict[int, set[int]] = {}
    patterns: dict[int, set[int]] = {}
    if heading:
        for key in {key for _, key in words.automaton.iter(heading)}:
            for kind, m, n in words.uses[key]:
                if kind == "heading":
                    headings.setdefault(m, set()).add(n)
    ends: dict[int, list[int]] = {}
    if body:
        hits = list(words.automaton.iter(body))
        present = {key for _, key in hits}
        if not words.positional.isdisjoint(present):
            # where they occur matters only for the words of matchers with `unless` or `needs`
            for end, key in hits:
                if key in words.positional:
                    ends.setdefault(key, []).append(end)
        for key in present:
            for kind, m, n in words.uses[key]:
                if kind == "phrase":
                    phrases.setdefault(m, set()).add(n)
                elif kind == "pattern" and all(not gate.isdisjoint(present) for gate in words.gates[m, n]):
                    patterns.setdefault(m, set()).add(n)
        for m, n in words.always:
            patterns.setdefault(m, set()).add(n)
    out = []
    for m in sorted(headings.keys() | phrases.keys() | patterns.keys() | words.heading_patterns):
        matcher = words.matchers[m]
        heading_hit = _heading_hit(matcher, heading, headings.get(m))
        qualified = matcher.unless is not None or matcher.needs is not None  # its words' context matters
        matched = [matcher.literals[n] for n in sorted(phrases.get(m, ()))
                   if not qualified or any(matcher.counts_at(body, end) for end in ends[words.index[matcher.literals[n]]])]
        for n in sorted(patterns.get(m, ())):
            matched.extend(hit.group(0) for hit in matcher.patterns[n][1].finditer(body)
                           if not qualified or matcher.counts_at(body, hit.end() - 1))
        matched = list(dict.fromkeys(matched))
        if heading_hit:
            out.append(Detection(matcher.provision, index, section.location, "heading", tuple([heading_hit, *matched][:5])))
        elif matched:
            out.append(Detection(matcher.provision, index, section.location, "text", tuple(matched[:5])))
    return out


def _heading_hit(matcher: Matcher, heading: str, literals: set[int] | None) -> str | None:
    if literals:
        return matcher.heading_literals[min(literals)]
    if heading:
        for pattern in matcher.heading_patterns:
            hit = pattern.search(heading)
            if hit:
                return hit.group(0)
    return None


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
    "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "achttien": 18,
    "twintig": 20, "vierentwintig": 24, "dertig": 30, "zesendertig": 36, "veertig": 40, "vijfenveertig": 45,
    "vijftig": 50, "zestig": 60, "negentig": 90, "honderdtwintig": 120, "honderdtachtig": 180,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "eighteen": 18,
    "twenty": 20, "twenty-four": 24, "thirty": 30, "thirty-six": 36, "forty": 40, "forty-five": 45, "fifty": 50,
    "sixty": 60, "ninety": 90, "one hundred twenty": 120, "one hundred eighty": 180,
}
_COUNT = r"(\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
# a period is found from its unit backwards: units are few and rare, counts are everywhere
_PERIOD_UNIT = re.compile(r"(?:dagen|dag|days?|weken|week|weeks|maanden|maand|months?|jaren|jaar|years?)\b")
_PERIOD_COUNT = re.compile(r"\b" + _COUNT + r"\s*(?:\(\d+\)\s*)?(?:kalender|werk|calendar |business )?$")
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
    location: str
    days: int | None = None

def periods(text: str) -> Iterator[tuple[str, int]]:
    """Each period in the text ("30 dagen", "six (6) months") with its length in days."""
    lower = text.lower()
    for unit in _PERIOD_UNIT.finditer(lower):
        count = _PERIOD_COUNT.search(lower, max(0, unit.start() - 40), unit.start())
        if count:
            source = text if len(lower) == len(text) else lower
            yield source[count.start():unit.end()], _count(count.group(1)) * _UNIT_DAYS.get(unit.group(0), 1)


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS.get(word.lower(), 0)

def _found(pattern: re.Pattern[str], text: str, lowered: str) -> Iterator[re.Match[str]]:
    return pattern.finditer(text) if may_match(pattern, lowered) else iter(())


def extract_values(sections: tuple[Section, ...], detections: tuple[Detection, ...]) -> tuple[Value, ...]:
    """Notice periods, term, caps, shares, law, court and payment terms."""
    by_section: dict[int, set[str]] = {}
    for d in detections:
        by_section.setdefault(d.section, set()).add(d.provision)
    values: list[Value] = []
    for index, provisions in by_section.items():
        section = sections[index]
        text = " ".join((section.heading + "\n" + section.text).split())
        lowered = normalise(section.heading) + " " + section.normalised

        if provisions & {"term.notice", "term.exit", "term.renewal", "term.duration", "term.breach"}:
            values.extend(Value("period", found, index, section.location, days) for found, days in periods(text))
        if provisions & {"risk.liability_cap", "risk.liability", "risk.insurance"}:
            values.extend(Value("amount", m.group(0), index, section.location) for m in _found(_MONEY, text, lowered))
        if "finance.distribution" in provisions:
            values.extend(Value("percentage", m.group(0), index, section.location) for m in _found(_PERCENT, text, lowered))
        if "legal.governing_law" in provisions:
            values.extend(Value("governing_law", m.group(0), index, section.location) for m in _found(_LAW, text, lowered))
        if "governance.disputes" in provisions or "legal.governing_law" in provisions:
            values.extend(Value("court", m.group(0), index, section.location) for m in _found(_COURT, text, lowered))
        if "finance.settlement" in provisions:
            for match in _found(_PAYMENT, text, lowered):
                values.append(Value("payment_term", match.group(0), index, section.location, _count(match.group(1))))
    return tuple(dict.fromkeys(values))  # the same period repeated in one section is one value

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

