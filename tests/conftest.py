"""Shared fixtures: the bundled examples, a CLI runner, tiny inline libraries."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from bbm_contracts.cli import main
from bbm_contracts.resources import default_library_dir

ROOT = Path(__file__).resolve().parent.parent


def pytest_configure(config: pytest.Config) -> None:
    # a private cache per test run: tests never depend on a user's cache
    import os
    import tempfile

    os.environ["BBM_CACHE_DIR"] = tempfile.mkdtemp(prefix="bbm-test-cache-")
EXAMPLES = ROOT / "examples"
FULL_EXAMPLES = sorted(p for p in EXAMPLES.glob("*.yaml") if p.stem != "minimal")
ALL_EXAMPLES = sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def cli(tmp_path: Path) -> Callable[..., object]:
    """Run `bbm` in-process; returns the click Result."""
    runner = CliRunner()

    def run(*args: str) -> object:
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return run


def write(path: Path, text: str) -> Path:
    """Write dedented text, creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


TWO_PARTIES = """
parties:
  - id: alfa
    name: Alfa vzw
    economy: social
  - id: beta
    name: Beta bv
    economy: regular
"""


@pytest.fixture
def answers_file(tmp_path: Path) -> Callable[[str], Path]:
    """Write an answers file (YAML) with the given text."""

    def make(text: str, name: str = "answers.yaml") -> Path:
        return write(tmp_path / name, text)

    return make


def clause_yaml(clause_id: str, element: str, nl: str, en: str | None = None, **extra: object) -> str:
    """A clause file's YAML text."""
    data: dict[str, object] = {
        "id": clause_id,
        "element": element,
        "provides": extra.pop("provides", []),
        "title": {"nl": f"Titel {clause_id}", "en": f"Title {clause_id}"},
        "text": {"nl": nl, "en": en if en is not None else nl},
        "note": {"nl": "toelichting", "en": "note"},
    }
    data.update(extra)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


@pytest.fixture
def own_library(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """A user's library folder with the given clause files (relative path -> YAML)."""

    def make(files: dict[str, str]) -> Path:
        root = tmp_path / "mylib"
        for rel, text in files.items():
            write(root / rel, text)
        root.mkdir(exist_ok=True)
        return root

    return make


@pytest.fixture(scope="session")
def default_library_path() -> Path:
    return default_library_dir()
