"""A small on-disk cache that makes a second `bbm` run start fast: compiled
clause templates (Jinja bytecode) and the checks a library already passed.
Everything is keyed by content hashes; without a writable folder there is
simply no cache."""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path

from ._version import __version__


@lru_cache(maxsize=1)
def cache_dir() -> Path | None:
    """The cache folder ($BBM_CACHE_DIR, else the XDG cache), or None."""
    if os.environ.get("BBM_NO_CACHE"):
        return None
    base = os.environ.get("BBM_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "bbm-contracts")
    path = Path(base) / __version__
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None


def digest(*parts: str) -> str:
    """A stable hash of some texts."""
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


def has_marker(name: str) -> bool:
    """Whether a check with this content hash passed before."""
    folder = cache_dir()
    return folder is not None and (folder / f"{name}.ok").exists()


def set_marker(name: str) -> None:
    """Remember that a check with this content hash passed."""
    folder = cache_dir()
    if folder is not None:
        try:
            (folder / f"{name}.ok").touch()
        except OSError:
            pass
