"""Writing files safely: never overwrite unasked, never leave half a file."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import BbmError, OutputExistsError


def ensure_writable(path: Path, force: bool) -> None:
    """Refuse an existing file unless ``force``; check the folder exists."""
    if path.exists() and not force:
        raise OutputExistsError(path)
    if path.is_dir():
        raise BbmError(f"{path} is a directory; give a file name such as {path / 'agreement.docx'}")
    if not path.parent.exists():
        raise BbmError(f"{path}: folder {path.parent} does not exist")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
