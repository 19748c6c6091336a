"""PDF conversion through LibreOffice headless, one profile per process."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from .errors import ConversionError

TIMEOUT_SECONDS = 180


def find_soffice() -> str | None:
    """The LibreOffice binary, if installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: Path, pdf: Path) -> None:
    """Convert ``docx`` to ``pdf`` (written atomically)."""
    soffice = find_soffice()
    if soffice is None:
        raise ConversionError(
            "LibreOffice is not installed, so no PDF was made (the .docx was written). "
            "Install it with: sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui"
        )
    with tempfile.TemporaryDirectory(prefix="bbm-lo-") as work:
        profile = Path(work) / "profile"
        outdir = Path(work) / "out"
        command = [
            soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(outdir), str(docx),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
        except subprocess.TimeoutExpired:
            raise ConversionError(f"LibreOffice did not finish converting {docx} within {TIMEOUT_SECONDS} s") from None
        produced = outdir / (docx.stem + ".pdf")
        if result.returncode != 0 or not produced.exists():
            detail = (result.stderr or result.stdout).strip().splitlines()
            raise ConversionError(f"LibreOffice could not convert {docx}: {detail[-1] if detail else 'no output'}")
        tmp = pdf.with_name(f".{pdf.name}.tmp")
        shutil.move(str(produced), tmp)
        tmp.replace(pdf)
