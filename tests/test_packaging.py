"""The default library and template ship inside the wheel; a non-editable
install drafts without the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from .conftest import ROOT


def test_wheel_ships_library_and_template_and_drafts_from_site_packages(tmp_path: Path) -> None:
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                    "-w", str(wheels), str(ROOT)], check=True, capture_output=True)
    wheel = next(wheels.glob("bbm_contracts-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "bbm_contracts/_data/clause_library/provisions.yaml" in names
    assert "bbm_contracts/_data/clause_library/document.yaml" in names
    assert "bbm_contracts/_data/templates/agreement.docx" in names
    assert any(n.startswith("bbm_contracts/_data/clause_library/term/") for n in names)
    assert any(n.endswith("entry_points.txt") for n in names)

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    out = tmp_path / "o.docx"
    env = {**os.environ, "PYTHONPATH": str(target), "BBM_TARGET": str(target)}
    code = (
        "import os, sys; from bbm_contracts.resources import default_library_dir;"
        "assert str(default_library_dir()).startswith(os.environ['BBM_TARGET']), default_library_dir();"
        "from bbm_contracts.cli import main; main()"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, "draft", str(ROOT / "examples" / "minimal.yaml"), "-o", str(out)],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert out.exists()
