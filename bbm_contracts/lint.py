"""Static checks of clause templates: every answer a text uses must exist on
the answers model. Runs over the Jinja syntax tree, so branches a test
answers file never takes are checked too."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args, get_origin

import jinja2
from jinja2 import nodes
from pydantic import BaseModel

from .answers import Answers, Party
from .library import Library

LIST = "[]"
_GLOBALS = {"ref", "placeholder", "loop", "range", "true", "false", "none", "True", "False", "None",
            "namespace", "dict", "lipsum", "cycler", "joiner", "bbm"}
_PARTY_LISTS = {"parties", "founders", "social_partners", "regular_partners"}


@dataclass(frozen=True)
class Problem:
    """A name a clause template uses that the answers model lacks."""

    clause_id: str
    field: str
    message: str


def check_library(library: Library) -> list[Problem]:
    """Every unknown answer path used by any clause or document text."""
    problems: list[Problem] = []
    env = jinja2.Environment()
    for clause in library.clauses.values():
        sources = [("text.nl", clause.text.nl), ("text.en", clause.text.en)]
        if clause.applies.when:
            sources.append(("applies.when", "{{ " + clause.applies.when + " }}"))
        for field, source in sources:
            problems.extend(Problem(clause.id, field, m) for m in check_source(env.parse(source)))
    for provision in library.provisions.values():
        for field in ("must_when", "applies_when", "settled_when"):
            expression = getattr(provision, field)
            if expression:
                tree = env.parse("{{ " + expression + " }}")
                problems.extend(Problem("provisions.yaml", f"{provision.id}: {field}", m) for m in check_source(tree))
    for name, value in library.document:
        if hasattr(value, "nl"):
            for lang in ("nl", "en"):
                tree = env.parse(getattr(value, lang))
                problems.extend(Problem("document.yaml", f"{name}.{lang}", m)
                                for m in check_source(tree, {"party": ("parties", LIST)}))
    return problems


def check_source(tree: nodes.Template, extra: dict[str, tuple[str, ...]] | None = None) -> list[str]:
    """Problems in one parsed template."""
    scope: dict[str, tuple[str, ...] | None] = dict(extra or {})
    return list(_walk(tree, scope))


def _walk(node: nodes.Node, scope: dict[str, tuple[str, ...] | None]) -> Iterator[str]:
    if isinstance(node, nodes.For):
        yield from _walk(node.iter, scope)
        inner = dict(scope)
        base = _path(node.iter, scope)
        for target in _names(node.target):
            inner[target] = (*base, LIST) if base else None
        for child in (*node.body, *node.else_, *( [node.test] if node.test else [])):
            yield from _walk(child, inner)
        return
    if isinstance(node, nodes.Assign):
        yield from _walk(node.node, scope)
        for target in _names(node.target):
            scope[target] = _path(node.node, scope)
        return
    if isinstance(node, (nodes.Getattr, nodes.Getitem, nodes.Name)):
        path = _path(node, scope)
        if path is not None:
            problem = _resolve(path)
            if problem:
                yield problem
            if isinstance(node, nodes.Getitem):
                yield from _walk(node.arg, scope)
            return
        if isinstance(node, nodes.Name) and node.ctx == "load" and node.name not in scope and node.name not in _GLOBALS:
            yield f"unknown name {node.name!r}"
            return
    for child in node.iter_child_nodes():
        yield from _walk(child, scope)


def _names(target: nodes.Node) -> list[str]:
    if isinstance(target, nodes.Name):
        return [target.name]
    if isinstance(target, nodes.Tuple):
        return [n.name for n in target.items if isinstance(n, nodes.Name)]
    return []


def _path(node: nodes.Node, scope: dict[str, tuple[str, ...] | None]) -> tuple[str, ...] | None:
    if isinstance(node, nodes.Name):
        if node.name in scope:
            return scope[node.name]
        if node.name in _PARTY_LISTS:
            return ("parties",)
        if node.name == "computed_key":  # computed rows shaped like finance.distribution.shares
            return ("finance", "distribution", "shares")
        if node.name in Answers.model_fields:
            return (node.name,)
        return None
    if isinstance(node, nodes.Getattr):
        base = _path(node.node, scope)
        return (*base, node.attr) if base is not None else None
    if isinstance(node, nodes.Getitem):
        base = _path(node.node, scope)
        if base is None:
            return None
        if isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, str):
            return (*base, node.arg.value)
        if isinstance(node.arg, nodes.Slice):
            return base
        return (*base, LIST)
    return None


def _resolve(path: tuple[str, ...]) -> str | None:
    """None when ``path`` exists on the answers model, else the problem."""
    current: Any = Answers
    for index, part in enumerate(path):
        if part == LIST:
            if get_origin(current) is not list:
                return f"{'.'.join(path[:index])} is not a list"
            current = get_args(current)[0]
            continue
        model = _model(current)
        if model is None:
            return f"{'.'.join(path[:index])} has no field {part!r}"
        if model is Party and part == "label":
            current = str
            continue
        if part not in model.model_fields:
            return f"unknown answer {'.'.join(p for p in path[: index + 1] if p != LIST)!r}"
        current = model.model_fields[part].annotation
    return None


def _model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return None
