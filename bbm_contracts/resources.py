"""Where the default clause library and Word template live.

In a wheel they are packaged under ``bbm_contracts/_data``; in a source
checkout they are the top-level ``clause_library/`` and ``templates/``.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    packaged = _PACKAGE / "_data" / name
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / name


def default_library_dir() -> Path:
    """The clause library shipped with the engine."""
    return _data_dir("clause_library")


def default_template() -> Path:
    """The house-style Word template shipped with the engine."""
    return _data_dir("templates") / "agreement.docx"
