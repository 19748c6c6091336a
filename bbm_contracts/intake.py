"""Reading an answers file (YAML or JSON) into validated ``Answers``.

Every problem is reported at once, each with its dotted field path and the
line in the file, so a user fixes the whole file in one go.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .answers import Answers, model_in
from .errors import AnswersError, FieldProblem, InputFileError

Loc = tuple[str | int, ...]
MAX_ANSWERS_BYTES = 5_000_000


def load_answers(path: str | Path) -> Answers:
    """Read, parse and validate an answers file."""
    answers, problems = read_answers(path)
    if problems:
        raise AnswersError(path, list(problems))
    return answers


def read_answers(path: str | Path) -> tuple[Answers, tuple[FieldProblem, ...]]:
    """Read an answers file; cross-field problems (a party id that names no
    party, impossible dates) are returned instead of raised, for the check job."""
    path = Path(path)
    text = _read_text(path)
    return _validate(text, str(path), path.suffix.lower() == ".json")


def parse_answers(text: str, source: str = "<answers>", is_json: bool = False) -> Answers:
    """Parse and validate answers given as YAML or JSON text."""
    answers, problems = _validate(text, source, is_json)
    if problems:
        raise AnswersError(source, list(problems))
    return answers


def _validate(text: str, source: str, is_json: bool) -> tuple[Answers, tuple[FieldProblem, ...]]:
    data, lines = _parse(text, source, is_json)
    if not isinstance(data, dict):
        raise AnswersError(source, [FieldProblem("", "expected a mapping of sections (parties:, term:, ...)", 1)])
    try:
        answers = Answers.model_validate(data)
    except ValidationError as exc:
        raise AnswersError(source, _problems(exc, lines)) from None
    problems = tuple(
        FieldProblem(dotted(loc), message, _line_of(loc, lines))
        for loc, message in cross_field_problems(answers)
    )
    return answers, problems


def _read_text(path: Path) -> str:
    if not path.exists():
        raise InputFileError(path, "no such file")
    if path.is_dir():
        raise InputFileError(path, "is a directory, expected an answers file (.yaml or .json)")
    if path.stat().st_size > MAX_ANSWERS_BYTES:
        raise InputFileError(path, f"larger than {MAX_ANSWERS_BYTES // 1_000_000} MB; not an answers file")
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputFileError(path, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise InputFileError(path, f"cannot be read: {exc.strerror}") from None


def _parse(text: str, source: str, is_json: bool) -> tuple[Any, dict[Loc, int]]:
    if is_json:
        try:
            return json.loads(text), {}
        except json.JSONDecodeError as exc:
            raise InputFileError(source, f"line {exc.lineno}: invalid JSON: {exc.msg}") from None
    loader = _UniqueKeyLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        where = f"line {line}: " if line else ""
        raise InputFileError(source, f"{where}invalid YAML: {exc.problem}") from None
    except (yaml.YAMLError, ValueError, RecursionError) as exc:
        raise InputFileError(source, f"invalid YAML: {exc}") from None
    finally:
        loader.dispose()
    lines: dict[Loc, int] = {}
    if node is not None:
        _collect_lines(node, (), lines)
    return data, lines


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[valid-type,misc]
    """Safe YAML that refuses a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} appears twice", key_node.start_mark
                )
            seen.add(key)
        mapping: dict[Any, Any] = super().construct_mapping(node, deep=deep)
        return mapping


def _timestamp_as_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> str:
    # dates are validated by the answers model, which gives a located error
    return str(loader.construct_scalar(node))


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_as_text)


def _collect_lines(node: yaml.Node, loc: Loc, out: dict[Loc, int]) -> None:
    out[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            child = (*loc, str(key_node.value))
            _collect_lines(value_node, child, out)
            out[child] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect_lines(item, (*loc, index), out)


def _line_of(loc: Loc, lines: dict[Loc, int]) -> int | None:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return None


def dotted(loc: Loc) -> str:
    """('a', 0, 'b') -> 'a[0].b'."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _problems(exc: ValidationError, lines: dict[Loc, int]) -> list[FieldProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        loc = tuple(p for p in error["loc"] if not _is_union_tag(p))
        message = _message(error, loc)
        problems.append(FieldProblem(dotted(loc), message, _line_of(loc, lines)))
    return problems


def _is_union_tag(part: str | int) -> bool:
    # pydantic adds the tried member type ("literal['joint']", "str") to locs of unions
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "constrained-str"})


def _message(error: Any, loc: Loc) -> str:
    kind = error["type"]
    if kind == "extra_forbidden":
        known = _known_fields(loc[:-1])
        hint = difflib.get_close_matches(str(loc[-1]), known, n=1)
        suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
        return f"unknown field{suggestion} (expected one of: {', '.join(sorted(known))})"
    if kind == "missing":
        return "is required"
    if kind == "literal_error":
        return f"{error['msg'].replace('Input should be', 'expected')}, got {error['input']!r}"
    if kind == "string_pattern_mismatch":
        return f"{error['input']!r} is not a valid id (lowercase letters, digits, - and _)"
    text = str(error["msg"])
    text = text.removeprefix("Value error, ").replace("Input should be", "expected")
    if "input" in error and not isinstance(error["input"], (dict, list)):
        return f"{text}, got {error['input']!r}"
    return text


def _known_fields(loc: Loc) -> list[str]:
    model: type[BaseModel] | None = Answers
    for part in loc:
        if model is None:
            return []
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        model = model_in(field.annotation) if field else None
    return list(model.model_fields) if model else []


# --- cross-field checks ------------------------------------------------------


def cross_field_problems(answers: Answers) -> list[tuple[Loc, str]]:
    """Problems no single field can see: unknown party ids, impossible dates."""
    ids = [p.id for p in answers.parties]
    problems: list[tuple[Loc, str]] = []
    seen: set[str] = set()
    for index, party_id in enumerate(ids):
        if party_id in seen:
            problems.append((("parties", index, "id"), f"duplicate party id {party_id!r}"))
        seen.add(party_id)
    for loc, value in _party_references(answers):
        if value not in seen:
            hint = difflib.get_close_matches(value, ids, n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            problems.append((loc, f"{value!r} names no party{suggestion} (parties: {', '.join(ids)})"))
    term = answers.term
    if term.start_date and term.end_date and term.end_date <= term.start_date:
        problems.append((("term", "end_date"), f"end date {term.end_date} is not after the start date {term.start_date}"))
    if term.duration == "indefinite" and term.end_date:
        problems.append((("term", "end_date"), "an indefinite term has no end date; remove it or set duration: fixed"))
    return problems


_SPECIAL_REFS = {"joint", "each", "rotating"}


def _party_references(answers: Answers) -> Iterator[tuple[Loc, str]]:
    for loc, value in _walk(answers.model_dump(exclude={"parties"}), ()):
        key = next((p for p in reversed(loc) if isinstance(p, str)), "")
        if key in _PARTY_FIELDS and isinstance(value, str) and value not in _SPECIAL_REFS:
            yield loc, value


_PARTY_FIELDS = {
    "party", "lead", "support", "lead_partner", "owner", "host", "invoicing_party",
    "chair", "convener", "processor",
}


def _walk(value: Any, loc: Loc) -> Iterator[tuple[Loc, Any]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _walk(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*loc, index))
    else:
        yield loc, value
