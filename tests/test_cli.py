"""The `bbm` command line: output, exit codes, never overwriting unasked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx

from .conftest import EXAMPLES, TWO_PARTIES, write


def test_draft_writes_and_reports_open_points(cli, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    result = cli("draft", EXAMPLES / "minimal.yaml", "-o", out)
    assert result.exit_code == 0, result.output
    assert f"wrote {out}:" in result.output
    assert "open points (highlighted in the document):" in result.output
    assert "term.start_date" in result.output and "datum van inwerkingtreding" in result.output
    assert docx.Document(str(out)).paragraphs


def test_no_overwrite_without_force(cli, tmp_path: Path) -> None:
    out = tmp_path / "a.docx"
    out.write_bytes(b"precious")
    answers = write(tmp_path / "a.yaml", TWO_PARTIES)
    result = cli("draft", answers, "-o", out)
    assert result.exit_code == 2
    assert "already exists; use --force to replace it" in result.output
    assert out.read_bytes() == b"precious"
    result = cli("draft", answers, "-o", out, "--force")
    assert result.exit_code == 0
    assert out.read_bytes() != b"precious"


def test_existing_pdf_is_not_overwritten_either(cli, tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"old pdf")
    answers = write(tmp_path / "a.yaml", TWO_PARTIES)
    result = cli("draft", answers, "-o", tmp_path / "a.docx", "--pdf")
    assert result.exit_code == 2
    assert "a.pdf already exists" in result.output
    assert not (tmp_path / "a.docx").exists()


def test_output_must_be_docx_in_an_existing_folder(cli, tmp_path: Path) -> None:
    answers = write(tmp_path / "a.yaml", TWO_PARTIES)
    result = cli("draft", answers, "-o", tmp_path / "a.txt")
    assert result.exit_code == 2 and "must be a .docx file" in result.output
    result = cli("draft", answers, "-o", tmp_path / "no" / "a.docx")
    assert result.exit_code == 2 and "does not exist" in result.output


def test_explain_prints_provenance(cli, tmp_path: Path) -> None:
    result = cli("draft", EXAMPLES / "wroeter-37graden.yaml", "-o", tmp_path / "a.docx", "--explain")
    assert result.exit_code == 0, result.output
    assert "provenance (paragraph: clause <- answers):" in result.output
    lines = [line for line in result.output.splitlines() if "<-" in line and "term.notice" in line]
    assert lines, result.output


def test_language_switch(cli, tmp_path: Path) -> None:
    out = tmp_path / "en.docx"
    result = cli("draft", EXAMPLES / "minimal.yaml", "-o", out, "--lang", "en")
    assert result.exit_code == 0
    assert "language en" in result.output
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "Cooperation Agreement" in text and "IT IS AGREED AS FOLLOWS:" in text


def test_schema_is_json_schema_of_the_answers(cli) -> None:
    result = cli("schema")
    schema = json.loads(result.output)
    assert schema["title"] == "Answers"
    assert "parties" in schema["required"]
    assert {"partnership", "activities", "finance", "governance", "risk", "term", "legal", "tensions"} <= set(
        schema["properties"])


def test_clauses_list_and_show(cli) -> None:
    result = cli("clauses", "list", "--element", "term")
    assert result.exit_code == 0
    assert result.output.startswith("term — Duur & beëindiging")
    first = result.output.splitlines()[1].split()[0]
    shown = cli("clauses", "show", first, "--lang", "en")
    assert shown.exit_code == 0
    assert "Drafting note:" in shown.output
    missing = cli("clauses", "show", first + "x")
    assert missing.exit_code == 2
    assert f"did you mean {first}" in missing.output


def test_provisions_lists_every_provision_with_its_clauses(cli) -> None:
    result = cli("provisions", "--lang", "en")
    assert result.exit_code == 0
    assert "clauses: NONE" not in result.output
    assert result.output.count("clauses:") == 54


def test_template_check(cli, tmp_path: Path) -> None:
    assert cli("template-check").exit_code == 0
    bare = tmp_path / "bare.docx"
    docx.Document().save(str(bare))
    result = cli("template-check", bare)
    assert result.exit_code == 2
    assert "missing required tag" in result.output


def test_python_m_runs_the_cli() -> None:
    result = subprocess.run([sys.executable, "-m", "bbm_contracts", "--version"], capture_output=True, text=True,
                            check=False)
    assert result.returncode == 0
    assert result.stdout.startswith("bbm, version")
