"""Choosing the clauses that apply to a set of answers."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import jinja2

from . import sandbox
from .answers import Answers
from .errors import ClauseRenderError
from .library import Clause, Library


def effective_model(answers: Answers) -> str:
    """The business-model type drafted for: co-creation when not given."""
    return answers.model or "co-creation"


def applies(clause: Clause, answers: Answers, names: dict[str, Any]) -> bool:
    """Whether a clause applies; ``names`` are the raw answers (see raw_names)."""
    if clause.applies.model and effective_model(answers) not in clause.applies.model:
        return False
    if not clause.applies.when:
        return True
    try:
        condition = sandbox.compile_condition(clause.applies.when)
        return bool(condition(**names))
    except jinja2.TemplateError as exc:
        raise ClauseRenderError(clause.id, clause.source, f"applies.when: {exc}") from None


def raw_names(answers: Answers, data: dict[str, Any]) -> dict[str, Any]:
    """The answers as conditions see them: a missing answer is none."""
    return sandbox.context(data, sandbox.Runtime(answers.language, {}, raw=True))


def names_evaluator(names: dict[str, Any]) -> Callable[[str], bool]:
    """Evaluates provision expressions (provisions.yaml) over raw answers."""

    def evaluate(expression: str) -> bool:
        try:
            return bool(sandbox.compile_condition(expression)(**names))
        except jinja2.TemplateError as exc:
            raise ClauseRenderError("provisions.yaml", expression, str(exc)) from None

    return evaluate


def settled_by(library: Library, evaluate: Callable[[str], bool]) -> frozenset[str]:
    """The provisions the answers settle (their `settled_when` holds)."""
    return frozenset(p.id for p in library.provisions.values() if p.settled_when and evaluate(p.settled_when))


def select_clauses(answers: Answers, library: Library, data: dict[str, Any],
                   names: dict[str, Any] | None = None) -> list[Clause]:
    """The applicable clauses, element by element, in their order (``names``:
    raw_names of the same answers, when the caller has them already)."""
    names = names if names is not None else raw_names(answers, data)
    chosen: list[Clause] = []
    for element in library.elements:
        chosen.extend(c for c in library.clauses_of(element.id) if applies(c, answers, names))
    return chosen
