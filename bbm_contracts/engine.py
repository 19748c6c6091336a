"""The pipeline in one place: answers -> clauses -> draft -> Word."""

from __future__ import annotations

from pathlib import Path

from .answers import Answers
from .draft import Draft, compose
from .library import Library, load_library
from .output import ensure_writable, write_atomic
from .render import render_docx
from .resources import default_library_dir, default_template


def library_for(extra: str | Path | None = None) -> Library:
    """The default clause library, with a user's library laid over it."""
    dirs: list[str | Path] = [default_library_dir()]
    if extra is not None:
        dirs.append(extra)
    return load_library(*dirs)


def draft_agreement(answers: Answers, library: Library | None = None, language: str | None = None) -> Draft:
    """Compose the draft agreement for a set of answers."""
    return compose(answers, library or library_for(), language)


def write_agreement(draft: Draft, out: str | Path, template: str | Path | None = None, force: bool = False) -> Path:
    """Render ``draft`` to a .docx at ``out`` (atomically; no overwrite unless ``force``)."""
    target = Path(out)
    ensure_writable(target, force)
    data = render_docx(draft, Path(template) if template else default_template())
    write_atomic(target, data)
    return target
