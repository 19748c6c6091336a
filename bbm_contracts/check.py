"""The check job: answers -> settled provisions -> findings -> readiness."""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from .answers import Answers
from .draft import Draft, OpenPoint, answers_data, compose
from .errors import FieldProblem, LibraryError
from .findings import Finding, sort_key
from .library import Library, ReviewText, RuleText
from .readiness import ProvisionStatus, Readiness, assess, weigh
from .rules import RULES, Context, Hit, Rule
from .select import effective_model, names_evaluator, raw_names, settled_by

if TYPE_CHECKING:  # the check job does not load the review's detector
    from .detect import Detection, Value


@dataclass(frozen=True)
class Report:
    """What the check (or review) job found: findings and readiness."""

    job: Literal["check", "review"]
    source: str
    language: str
    model: str
    readiness: Readiness
    findings: tuple[Finding, ...]
    open_points: tuple[OpenPoint, ...] = ()
    detections: tuple[Detection, ...] = ()
    """Review only: every provision found, where, and the words that matched."""
    values: tuple[Value, ...] = ()
    """Review only: the values read from the document."""

    @property
    def errors(self) -> tuple[Finding, ...]:
        """The findings that block signing."""
        return tuple(f for f in self.findings if f.severity == "error")


def condition_evaluator(answers: Answers) -> Callable[[str], bool]:
    """Evaluates provision and clause expressions over the answers (missing = none)."""
    return names_evaluator(raw_names(answers, answers_data(answers)))


def settled_provisions(answers: Answers, library: Library, evaluate: Callable[[str], bool] | None = None) -> frozenset[str]:
    """The provisions the answers settle (their `settled_when` holds)."""
    return settled_by(library, evaluate or condition_evaluator(answers))


def check_answers(
    answers: Answers,
    library: Library,
    *,
    source: str = "<answers>",
    cross_problems: Sequence[FieldProblem] = (),
    draft: Draft | None = None,
    language: str | None = None,
) -> Report:
    """Run every rule on the answers and score their readiness."""
    lang = language or answers.language
    draft = draft or compose(answers, library, lang)
    evaluate = condition_evaluator(answers)
    settled = settled_provisions(answers, library, evaluate)
    model = effective_model(answers)
    statuses = {p.id: ProvisionStatus(p.id, weigh(p, model, evaluate), p.id in settled) for p in library.provisions.values()}
    context = Context(answers, library, draft, settled, tuple(cross_problems))
    findings = tuple(sorted(run_rules(context, library), key=sort_key))
    readiness = assess(library, statuses, placeholders_per_element(draft), findings)
    return Report("check", source, lang, model, readiness, findings, draft.open_points)


def placeholders_per_element(draft: Draft) -> dict[str, int]:
    """Distinct open answers per element: in its articles; the parties block counts for partnership."""
    paths: dict[str, set[str]] = {}
    for article in draft.articles:
        for paragraph in article.paragraphs:
            for run in paragraph.runs:
                if run.placeholder:
                    paths.setdefault(article.element, set()).add(run.placeholder)
    for runs in draft.frame.parties:
        paths.setdefault("partnership", set()).update(r.placeholder for r in runs if r.placeholder)
    return {element: len(found) for element, found in paths.items()}


def run_rules(context: Context, library: Library, rules: Iterable[Rule] | None = None) -> list[Finding]:
    """Every registered rule's findings."""
    found = []
    for rule in rules or RULES.values():
        for hit in rule.check(context):
            found.append(make_finding(rule, hit, library))
    return found


def make_finding(rule: Rule, hit: Hit, library: Library, location: str | None = None, review: bool = False) -> Finding:
    """A finding with its messages filled in from rules.yaml (its review
    variant for the review job, where there is one)."""
    texts = library.rule_texts.get(rule.id)
    if texts is None:
        raise LibraryError("rules.yaml", [FieldProblem(rule.id, "no message and fix for this rule")])
    chosen: RuleText | ReviewText = texts.review if review and texts.review is not None else texts
    params = {k: str(v) for k, v in hit.params.items()}
    return Finding(
        rule=rule.id,
        element=rule.element,
        provisions=rule.provisions,
        severity=hit.severity or rule.severity,
        message={lang: _format(chosen.message(lang), params, rule.id) for lang in ("nl", "en")},
        fix={lang: _format(chosen.fix(lang), params, rule.id) for lang in ("nl", "en")},
        path=hit.path,
        location=location,
        params=params,
    )


class _PlainFormatter(string.Formatter):
    """str.format without attribute or index access: rule texts are data."""

    def get_field(self, field_name: str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if not field_name.isidentifier():
            raise KeyError(field_name)
        return self.get_value(field_name, args, kwargs), field_name


_FORMATTER = _PlainFormatter()


def _format(template: str, params: dict[str, str], rule_id: str) -> str:
    try:
        return _FORMATTER.format(template, **params)
    except (KeyError, ValueError, IndexError) as exc:
        raise LibraryError("rules.yaml", [FieldProblem(rule_id, f"message uses an unknown field {exc}")]) from None
