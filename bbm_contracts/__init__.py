"""bbm-contracts: drafts, checks and reviews cooperation agreements between
social-economy and regular-economy enterprises (Blended Business Models)."""

from __future__ import annotations

from ._version import __version__
from .answers import Answers
from .draft import Article, Draft, OpenPoint, Paragraph, Part, Run
from .engine import draft_agreement, library_for, write_agreement
from .errors import (
    AnswersError,
    BbmError,
    ClauseRenderError,
    ConversionError,
    InputFileError,
    LibraryError,
    OutputExistsError,
    TemplateError,
)
from .intake import load_answers, parse_answers
from .library import Clause, Library, Provision, load_library

__all__ = [
    "Answers", "AnswersError", "Article", "BbmError", "Clause", "ClauseRenderError",
    "ConversionError", "Draft", "InputFileError", "Library", "LibraryError", "OpenPoint",
    "OutputExistsError", "Paragraph", "Part", "Provision", "Run", "TemplateError",
    "draft_agreement", "library_for", "load_answers", "load_library", "parse_answers",
    "write_agreement", "__version__",
]
