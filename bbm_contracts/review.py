"""The review job: an existing agreement -> sections -> detected provisions
-> the check job's rule families and readiness, with document locations."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from .answers import Answers
from .check import Report, condition_evaluator, make_finding
from .detect import Detection, Value, detect, extract_values, guess_language, may_match, provisions_found
from .findings import Finding, sort_key
from .library import Library
from .reader import Document
from .readiness import ProvisionStatus, assess, weigh
from .rules import EXCLUSION, RULES, Hit, exclusion_of_intent
from .segment import Section, normalise, segment

PLACEHOLDER_MARK = "[●"


@dataclass(frozen=True)
class Review:
    """What the review found in one document."""

    document: Document
    language: str
    model: str
    sections: tuple[Section, ...]
    detections: tuple[Detection, ...]
    values: tuple[Value, ...]
    report: Report
    detected: frozenset[str]
    """The provisions the document has (see detect.provisions_found)."""
    present: frozenset[str]
    """Of those, the ones whose own article has no open placeholder ("[● ...]"
    as the draft job writes them): they count as settled for readiness."""


@dataclass(frozen=True)
class _Context:
    library: Library
    model: str
    sections: tuple[Section, ...]
    detections: tuple[Detection, ...]
    values: tuple[Value, ...]
    present: frozenset[str]
    full_text: str
    """The whole document, normalised: rules look here first and read sections only when it matches."""
    mentioned: dict[str, bool] = field(default_factory=dict)

    def location(self, provision: str) -> str | None:
        return next((d.location for d in self.detections if d.provision == provision), None)

    def mentions(self, pattern: str) -> bool:
        if pattern not in self.mentioned:
            compiled = re.compile(pattern)
            self.mentioned[pattern] = may_match(compiled, self.full_text) and compiled.search(self.full_text) is not None
        return self.mentioned[pattern]


ReviewRule = Callable[[_Context], Iterator[Hit]]
REVIEW_RULES: dict[str, ReviewRule] = {}

# rule id -> the provision whose absence it reports (same ids as the check job)
_MISSING = {
    "RISK-LIABILITY-MISSING": "risk.liability",
    "RISK-INSURANCE-MISSING": "risk.insurance",
    "RISK-CAP-MISSING": "risk.liability_cap",
    "RISK-INDEMNITY-MISSING": "risk.indemnity",
    "RISK-FORCE-MAJEURE-MISSING": "risk.force_majeure",
    "TERM-START-MISSING": "term.start",
    "TERM-DURATION-MISSING": "term.duration",
    "TERM-NOTICE-MISSING": "term.notice",
    "TERM-BREACH-MISSING": "term.breach",
    "TERM-CONSEQUENCES-MISSING": "term.consequences",
    "TERM-EVALUATION-MISSING": "term.evaluation",
    "SCALE-ASSIGNMENT-MISSING": "legal.assignment",
}
_PERSONAL_DATA = r"persoonsgegevens|\bavg\b|\bgdpr\b|personal data|personal information|data protection"
_ONSITE = r"\benclave|werken met derden|op de (werk)?(plek|site|locatie) van|on the premises of|at the site of"


def _review_rule(rule_id: str) -> Callable[[ReviewRule], ReviewRule]:
    def register(func: ReviewRule) -> ReviewRule:
        REVIEW_RULES[rule_id] = func
        return func

    return register


def _missing_rule(provision: str) -> ReviewRule:
    def check(ctx: _Context) -> Iterator[Hit]:
        if provision not in ctx.present:
            yield Hit(None)

    return check


for _rule_id, _provision in _MISSING.items():
    REVIEW_RULES[_rule_id] = _missing_rule(_provision)


@_review_rule("RISK-DATA-PROTECTION-MISSING")
def _data_protection(ctx: _Context) -> Iterator[Hit]:
    if "risk.data_protection" not in ctx.present and ctx.mentions(_PERSONAL_DATA):
        yield Hit(None)


@_review_rule("TERM-EXIT-MISSING")
def _exit(ctx: _Context) -> Iterator[Hit]:
    if "term.exit" not in ctx.present:
        yield Hit(None, severity="error" if ctx.model == "platform" else None)


@_review_rule("TERM-RENEWAL-MISSING")
def _renewal(ctx: _Context) -> Iterator[Hit]:
    fixed = any(v.kind == "period" and (v.days or 0) >= 180 for v in ctx.values
                if "term.duration" in {d.provision for d in ctx.detections if d.section == v.section})
    if fixed and "term.renewal" not in ctx.present and not ctx.mentions(r"onbepaalde duur|indefinite"):
        yield Hit(None)


@_review_rule("SCALE-ACCESSION-MISSING")
def _accession(ctx: _Context) -> Iterator[Hit]:
    if "legal.accession" in ctx.present:
        return
    if ctx.model == "platform":
        yield Hit(None)
    elif "partnership.openness" in ctx.present:
        yield Hit(None, location=ctx.location("partnership.openness"), severity="warning")


def may_exclude_intent(text: str) -> bool:
    """False when `exclusion_of_intent` cannot find anything in this
    normalised text (a quick test by the words its patterns need)."""
    return any(may_match(pattern, text) for pattern in EXCLUSION.values())


@_review_rule("LAW-LIABILITY-EXCLUSION")
def _liability_exclusion(ctx: _Context) -> Iterator[Hit]:
    for section in ctx.sections:
        if not may_exclude_intent(section.normalised):
            continue
        for sentence in exclusion_of_intent(section.text):
            yield Hit(None, {"quote": sentence[:160]}, location=section.location)


_TACIT = re.compile(r"stilzwijgend\w* verlengd|automatisch verlengd|stilzwijgende verlenging|automatically renew\w*|"
                    r"renew\w* automatically|tacit\w* renew\w*|auto-renew", re.I)


_NOT_TACIT = re.compile(r"\b(niet|geen|nooit|not|no|never)\b[^.]{0,30}(stilzwijgend|automati|tacit)", re.I)


@_review_rule("LAW-TACIT-RENEWAL")
def _tacit_renewal(ctx: _Context) -> Iterator[Hit]:
    for index, section in enumerate(ctx.sections):
        if not may_match(_TACIT, section.normalised):
            continue
        sentences = [s for s in re.split(r"(?<=\.)\s+", section.text) if _TACIT.search(s) and not _NOT_TACIT.search(s)]
        if sentences:
            periods = [v for v in ctx.values if v.section == index and v.kind == "period"]
            notice = re.search(r"opzeg|weiger|beëindig|kennisgev|vóór|voor het einde|notice|terminat|refus|before|prior",
                               section.text, re.I)
            if not (periods and notice):
                yield Hit(None, location=section.location)


@_review_rule("LAW-PAYMENT-TERM")
def _payment_term(ctx: _Context) -> Iterator[Hit]:
    for value in ctx.values:
        if value.kind == "payment_term" and value.days and value.days > 60:
            yield Hit(None, {"days": value.days}, location=ctx.sections[value.section].location)


_ABOLISHED = re.compile(r"(?<!europees )\beconomisch samenwerkingsverband\b|\btijdelijke handelsvennootschap\b|"
                        r"\bvennootschap met sociaal oogmerk\b")


@_review_rule("LAW-ABOLISHED-FORM")
def _abolished(ctx: _Context) -> Iterator[Hit]:
    if not (may_match(_ABOLISHED, ctx.full_text) and _ABOLISHED.search(ctx.full_text)):
        return
    for section in ctx.sections:
        match = _ABOLISHED.search(section.normalised + " " + normalise(section.heading))
        if match:
            yield Hit(None, {"form": match.group(0)}, location=section.location)
            return


_WELFARE_WORDS = ("welzijn", "well-being", "welfare", "health and safety")


@_review_rule("LAW-WELFARE-CLAUSES")
def _welfare(ctx: _Context) -> Iterator[Hit]:
    if ctx.mentions(_ONSITE) and sum(ctx.full_text.count(word) for word in _WELFARE_WORDS) < 3:
        yield Hit(None)


@_review_rule("LAW-ENCLAVE-COACH")
def _enclave_coach(ctx: _Context) -> Iterator[Hit]:
    if ctx.mentions(r"\benclave") and not ctx.mentions(r"begeleider|job coach|\bcoach\b"):
        yield Hit(None)


def review_document(document: Document, library: Library, model: str | None = None, language: str | None = None) -> Review:
    """Detect provisions, run the rule families, score the readiness."""
    full_text = "\n".join(b.text for b in document.blocks)
    lang = language or guess_language(full_text)
    sections = segment(document)
    detections = detect(sections, library, lang)
    values = extract_values(sections, detections)
    detected = provisions_found(detections, library)
    marks = placeholder_marks(sections, library)
    present = settled(sections, detections, detected, marks)
    effective = model or "co-creation"
    context = _Context(library, effective, sections, detections, values, present, normalise(full_text))
    findings = tuple(sorted(_findings(context, library), key=sort_key))
    statuses = _statuses(library, effective, present, context)
    readiness = assess(library, statuses, _placeholders(marks, detections, library), findings)
    report = Report("review", document.source, lang, effective, readiness, findings, (), detections, values)
    return Review(document, lang, effective, sections, detections, values, report, detected, present)


def settled(sections: tuple[Section, ...], detections: tuple[Detection, ...], detected: frozenset[str],
            marks: list[list[frozenset[str]]]) -> frozenset[str]:
    """The detected provisions that no default-text mark leaves open.

    The draft job marks each article whose text is its own default, not the
    partners' decision ("[● Default text on liability: the Parties have not
    decided this point yet ...]"): the provisions such a mark names are not
    settled, as in the check job. Any other placeholder ("[● liability cap
    (EUR)]") is an open point that costs readiness points, not a missing
    provision; nor is a heading over no text (a part title) anyone's article.
    `marks`: per section, per placeholder, the provisions it names (see
    `placeholder_marks`)."""
    marked = {p for section in marks for named in section for p in named}
    with_text = {d.provision for d in detections if sections[d.section].blocks}
    return frozenset(p for p in detected if p in with_text and p not in marked)


def placeholder_marks(sections: tuple[Section, ...], library: Library) -> list[list[frozenset[str]]]:
    """Per section, its placeholders ("[● ...]"), each as the provisions it names
    (a default-text mark) or none (any other placeholder)."""
    return [[default_mark_provisions(mark, library) for mark in _PLACEHOLDER.findall(section.text)]
            if PLACEHOLDER_MARK in section.text else [] for section in sections]


_PLACEHOLDER = re.compile(r"\[●[^\]]*\]?")


def default_mark_provisions(mark: str, library: Library) -> frozenset[str]:
    """The provisions a draft's default-text mark names ("[● Default text on
    liability and insurance: ...]", document.yaml `default_clause`); empty for
    any other placeholder."""
    text = normalise(mark.strip("[]● "))
    for template in (library.document.default_clause.nl, library.document.default_clause.en):
        before, _, after = template.partition("{provisions}")
        lead, stop = normalise(before), after[:1]
        if text.startswith(lead) and stop and stop in text[len(lead):]:
            return provisions_named(text[len(lead):text.index(stop, len(lead))], library)
    return frozenset()


def provisions_named(text: str, library: Library) -> frozenset[str]:
    """The provisions whose name (Dutch or English) a text contains, longest names first."""
    text = normalise(text)
    found = set()
    for raw, provision in library.provision_names:
        name = normalise(raw)
        if name in text:
            found.add(provision)
            text = text.replace(name, "#")
    return frozenset(found)


def _findings(context: _Context, library: Library) -> list[Finding]:
    found = []
    for rule_id, check in REVIEW_RULES.items():
        rule = RULES[rule_id]
        for hit in check(context):
            found.append(make_finding(rule, hit, library, location=hit.location, review=True))
    return found


@functools.lru_cache(maxsize=4)
def _stand_in(model: str) -> Answers:
    """Answers with nothing but the model: weights whose conditions the text cannot decide."""
    return Answers.model_validate({"model": model, "parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]})


def _statuses(library: Library, model: str, present: frozenset[str], context: _Context) -> dict[str, ProvisionStatus]:
    stand_in = _stand_in(model)
    personal = context.mentions(_PERSONAL_DATA)
    onsite = context.mentions(_ONSITE)
    evaluate = condition_evaluator(stand_in)

    def condition(expression: str) -> bool:
        # conditions on answers the document cannot give: decided from its text
        if "personal_data" in expression:
            return personal
        if "staff.onsite_work" in expression or "staff.enclave" in expression:
            return onsite
        return evaluate(expression)

    return {p.id: ProvisionStatus(p.id, weigh(p, model, condition), p.id in present) for p in library.provisions.values()}


def _placeholders(marks: list[list[frozenset[str]]], detections: tuple[Detection, ...], library: Library) -> dict[str, int]:
    """Open placeholders ("[● ...]", as the draft job writes them) per element:
    a default-text mark counts for the elements of the provisions it names,
    any other placeholder for the element its section's heading (else its
    first match) names."""
    counts: dict[str, int] = {}
    for index, section_marks in enumerate(marks):
        if not section_marks:
            continue
        mine = [d for d in detections if d.section == index]
        own = [d for d in mine if d.via == "heading"] or mine
        for named in section_marks:
            elements = {library.provisions[p].element for p in named} if named else (
                {library.provisions[own[0].provision].element} if own else set())
            for element in elements:
                counts[element] = counts.get(element, 0) + 1
    return counts
