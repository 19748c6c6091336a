"""The question behind each answer path, for placeholders and reports."""

from __future__ import annotations

import re
from functools import lru_cache

from pydantic import BaseModel

from .answers import Answers, model_in

_INDEX = re.compile(r"\[(\d+)\]")
_FALLBACK = {"nl": "nog in te vullen", "en": "to be completed"}


def field_path(path: str) -> tuple[str, ...]:
    """'parties[0].seat' -> ('parties', 'seat')."""
    return tuple(part for part in _INDEX.sub("", path).split(".") if part)


@lru_cache(maxsize=4096)
def question(path: str, lang: str) -> str:
    """The label of the field at ``path`` (indices ignored)."""
    model: type[BaseModel] | None = Answers
    label: dict[str, str] | None = None
    for part in field_path(path):
        if model is None or part not in model.model_fields:
            return _FALLBACK[lang] + f" ({path})"
        info = model.model_fields[part]
        extra = info.json_schema_extra
        label = extra.get("label") if isinstance(extra, dict) else None  # type: ignore[assignment]
        model = model_in(info.annotation)
    if label:
        return str(label[lang])
    return path.rsplit(".", 1)[-1].replace("_", " ")


def placeholder_text(path: str, lang: str, parties: tuple[str, ...] = ()) -> tuple[str, str]:
    """The visible placeholder for a missing answer, and its question."""
    label = question(path.replace("computed_key", "finance.distribution.shares"), lang)
    match = re.match(r"parties\[(\d+)\]", path)
    if match and parties and int(match.group(1)) < len(parties):
        label = f"{label} {'van' if lang == 'nl' else 'of'} {parties[int(match.group(1))]}"
    return f"[● {label}]", label
