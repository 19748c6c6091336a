"""Findings: what a rule found, in both languages, with where and how to fix it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Severity = Literal["error", "warning", "info"]
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
SEVERITY_NAMES: dict[str, dict[str, str]] = {
    "error": {"nl": "fout", "en": "error"},
    "warning": {"nl": "waarschuwing", "en": "warning"},
    "info": {"nl": "info", "en": "info"},
}
"""How a report names a severity to its reader."""

FAMILIES = ("RISK", "TERM", "SCALE", "CONS", "LAW", "TENSION", "FIN")


@dataclass(frozen=True)
class Finding:
    """One problem found in the answers (check) or in a document (review)."""

    rule: str
    element: str
    provisions: tuple[str, ...]
    severity: Severity
    message: dict[str, str]
    fix: dict[str, str]
    path: str | None = None
    location: str | None = None
    params: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def family(self) -> str:
        """The rule family: RISK, TERM, SCALE, CONS, LAW, TENSION or FIN."""
        return self.rule.split("-", 1)[0]


def sort_key(finding: Finding) -> tuple[int, int, str]:
    """Risk, termination and scalability first, then by severity."""
    family = FAMILIES.index(finding.family) if finding.family in FAMILIES else len(FAMILIES)
    return (family, SEVERITY_ORDER[finding.severity], finding.rule)
