"""Readiness: a score 0-100 and the seed's three-level legend, per element,
per facet and overall, explained provision by provision.

A provision counts with its weight (must 3, should 2, could 1) when it
applies; present provisions earn their weight. An element's score is the
share of weight earned, lowered by its open placeholders (2 points each, at
most 20) and its error findings (10 points each, at most 40).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from .findings import Finding
from .library import WEIGHT_POINTS, Library, Provision, Weight

Level = Literal["green", "amber", "red"]
LEGEND: dict[Level, dict[str, str]] = {
    "green": {"nl": "Volledig uitgeklaard", "en": "Fully settled"},
    "amber": {"nl": "Open punten die verdere verfijning vereisen", "en": "Open points that need further refinement"},
    "red": {"nl": "Nog aan te brengen onderwerp", "en": "Subject still to be addressed"},
}
FACETS = ("waardepropositie", "samenwerkingsmodel", "verdienmodel", "schaalbaarheid", "overeenkomst")
FACET_NAMES = {
    "waardepropositie": {"nl": "Waardepropositie", "en": "Value proposition"},
    "samenwerkingsmodel": {"nl": "Samenwerkingsmodel", "en": "Cooperation model"},
    "verdienmodel": {"nl": "Verdienmodel", "en": "Revenue model"},
    "schaalbaarheid": {"nl": "Schaalbaarheid", "en": "Scalability"},
    "overeenkomst": {"nl": "Overeenkomst", "en": "Agreement"},
}
PLACEHOLDER_COST, PLACEHOLDER_CAP = 2, 20
ERROR_COST, ERROR_CAP = 10, 40


@dataclass(frozen=True)
class ProvisionStatus:
    """One provision as it counts for readiness."""

    id: str
    weight: Weight
    present: bool

    @property
    def points(self) -> int:
        """The provision's weight in points."""
        return WEIGHT_POINTS[self.weight]


@dataclass(frozen=True)
class Score:
    """The readiness of one element or facet."""

    id: str
    name: dict[str, str]
    score: int
    level: Level
    provisions: tuple[ProvisionStatus, ...]
    placeholders: int = 0
    errors: int = 0

    @property
    def deductions(self) -> tuple[tuple[str, int], ...]:
        """What placeholders and error findings cost, in points."""
        out = []
        if self.placeholders:
            out.append(("placeholders", min(PLACEHOLDER_CAP, PLACEHOLDER_COST * self.placeholders)))
        if self.errors:
            out.append(("errors", min(ERROR_CAP, ERROR_COST * self.errors)))
        return tuple(out)


@dataclass(frozen=True)
class Readiness:
    """Scores and levels per element, per facet of the seed, and overall."""

    score: int
    level: Level
    elements: tuple[Score, ...]
    facets: tuple[Score, ...]

    def element(self, element_id: str) -> Score:
        """The score of one element."""
        return next(e for e in self.elements if e.id == element_id)


def weigh(provision: Provision, model: str, condition: Callable[[str], bool]) -> Weight:
    """The weight a provision has for these answers ('none' when it does not apply)."""
    if provision.applies_when and not condition(provision.applies_when):
        return "none"
    weight = provision.weight_for(model)
    if weight != "none" and provision.must_when and condition(provision.must_when):
        return "must"
    return weight


def _score(statuses: Iterable[ProvisionStatus], placeholders: int, errors: int) -> tuple[int, Level]:
    counted = [s for s in statuses if s.points]
    total = sum(s.points for s in counted)
    earned = sum(s.points for s in counted if s.present)
    base = 100 * earned / total if total else 100.0
    deduction = min(PLACEHOLDER_CAP, PLACEHOLDER_COST * placeholders) + min(ERROR_CAP, ERROR_COST * errors)
    score = max(0, min(100, round(base - deduction)))
    if any(s.weight == "must" and not s.present for s in counted):
        level: Level = "red"
    elif any(not s.present for s in counted) or placeholders or errors:
        level = "amber"
    else:
        level = "green"
    return score, level


def assess(
    library: Library,
    statuses: dict[str, ProvisionStatus],
    placeholders: dict[str, int],
    findings: Iterable[Finding],
) -> Readiness:
    """Readiness from provision statuses, open placeholders per element and findings."""
    errors: dict[str, int] = {}
    for finding in findings:
        if finding.severity == "error":
            errors[finding.element] = errors.get(finding.element, 0) + 1
    elements = []
    for element in library.elements:
        mine = tuple(statuses[p.id] for p in library.provisions.values() if p.element == element.id)
        score, level = _score(mine, placeholders.get(element.id, 0), errors.get(element.id, 0))
        elements.append(Score(element.id, {"nl": element.name.nl, "en": element.name.en}, score, level, mine,
                              placeholders.get(element.id, 0), errors.get(element.id, 0)))
    facets = []
    for facet in FACETS:
        mine = tuple(
            statuses[p.id] for p in library.provisions.values()
            if (p.facet or library.element(p.element).facet) == facet
        )
        score, level = _score(mine, 0, 0)
        facets.append(Score(facet, FACET_NAMES[facet], score, level, mine))
    overall = round(sum(e.score for e in elements) / len(elements)) if elements else 0
    order = {"red": 0, "amber": 1, "green": 2}
    level = min((e.level for e in elements), key=lambda lv: order[lv], default="green")
    return Readiness(overall, level, tuple(elements), tuple(facets))
