"""Answers files: parsing, validation, and the errors a user sees."""

from __future__ import annotations

from pathlib import Path

import pytest

from bbm_contracts import AnswersError, InputFileError, load_answers, parse_answers

from .conftest import TWO_PARTIES, write


def problems_of(text: str) -> list[str]:
    with pytest.raises(AnswersError) as info:
        parse_answers(text, source="a.yaml")
    return [p.format() for p in info.value.problems]


def test_minimal_two_parties_is_valid() -> None:
    answers = parse_answers(TWO_PARTIES)
    assert [p.id for p in answers.parties] == ["alfa", "beta"]
    assert answers.language == "nl"
    assert answers.term.notice.months is None


def test_json_answers_are_read(tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '{"language": "en", "parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}]}')
    assert load_answers(path).language == "en"


def test_schema_version_is_accepted_and_checked() -> None:
    assert parse_answers("schema_version: 1\n" + TWO_PARTIES).schema_version == 1
    assert any("schema_version" in p for p in problems_of("schema_version: 7\n" + TWO_PARTIES))


def test_every_problem_is_reported_at_once_with_lines() -> None:
    text = TWO_PARTIES + "term:\n  notice:\n    months: three\n  breach:\n    cure_dayz: 10\nlanguage: fr\n"
    problems = problems_of(text)
    assert len(problems) == 3
    assert any(p.startswith("line 11: term.notice.months: expected a valid integer") for p in problems)
    assert any(p.startswith("line 13: term.breach.cure_dayz: unknown field; did you mean 'cure_days'?") for p in problems)
    assert any(p.startswith("line 14: language: expected 'nl' or 'en', got 'fr'") for p in problems)


# Bad input through the CLI: (answers text, expected message fragment).
BAD_ANSWERS = [
    ("parties: [\n", "invalid YAML"),
    ("parties:\n  - {id: a, name: A}\nparties: []\n", "key 'parties' appears twice"),
    ("- a\n- b\n", "expected a mapping of sections"),
    ("partys:\n  - {id: a, name: A}\n", "partys: unknown field; did you mean 'parties'?"),
    (TWO_PARTIES + "term:\n  notice:\n    month: 3\n", "term.notice.month: unknown field; did you mean 'months'?"),
    (TWO_PARTIES + "term:\n  notice:\n    months: drie\n", "term.notice.months: expected a valid integer"),
    (TWO_PARTIES + "finance:\n  distribution:\n    shares:\n      - {party: alfa, pct: 140}\n",
     "finance.distribution.shares[0].pct: expected less than or equal to 100"),
    (TWO_PARTIES + "activities:\n  value_chain:\n    - {name: Planning, lead: alpha}\n",
     "activities.value_chain[0].lead: 'alpha' names no party; did you mean 'alfa'?"),
    (TWO_PARTIES + "term:\n  start_date: 2026-06-01\n  end_date: 2025-01-01\n",
     "term.end_date: end date 2025-01-01 is not after the start date 2026-06-01"),
    ("parties:\n  - {id: a, name: A}\n", "parties: List should have at least 2 items"),
    ("parties:\n  - {id: a, name: A, enterprise_number: '0123.456.789'}\n  - {id: b, name: B}\n",
     "fails the enterprise-number check digits"),
    ("language: fr\n" + TWO_PARTIES, "language: expected 'nl' or 'en', got 'fr'"),
    ("model: platfrom\n" + TWO_PARTIES, "model: expected 'platform' or 'co-creation', got 'platfrom'"),
    ("parties:\n  - {id: a, name: \"A\\u0007\"}\n  - {id: b, name: B}\n", "contains a control character"),
    ("parties:\n  - {id: a, name: A}\n  - {id: a, name: B}\n", "parties[1].id: duplicate party id 'a'"),
    (TWO_PARTIES + "term:\n  start_date: 2026-13-01\n", "term.start_date"),
    ("parties:\n  - {id: A B, name: A}\n  - {id: b, name: B}\n", "'A B' is not a valid id"),
    (TWO_PARTIES + "term:\n  duration: indefinite\n  end_date: 2030-01-01\n", "an indefinite term has no end date"),
    (TWO_PARTIES + "risk:\n  insurance:\n    - {party: beta, kind: fire}\n", "risk.insurance[0].kind"),
]


@pytest.mark.parametrize(("text", "message"), BAD_ANSWERS)
def test_bad_answers_give_a_clear_error_and_exit_2(cli, answers_file, tmp_path: Path, text: str, message: str) -> None:
    path = answers_file(text)
    out = tmp_path / "out.docx"
    result = cli("draft", path, "-o", out)
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert str(path) in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_missing_file(cli, tmp_path: Path) -> None:
    result = cli("draft", tmp_path / "nope.yaml", "-o", tmp_path / "o.docx")
    assert result.exit_code == 2
    assert "nope.yaml: no such file" in result.output


def test_directory_instead_of_file(cli, tmp_path: Path) -> None:
    result = cli("draft", tmp_path, "-o", tmp_path / "o.docx")
    assert result.exit_code == 2
    assert "is a directory" in result.output


def test_not_utf8(cli, tmp_path: Path) -> None:
    path = tmp_path / "latin1.yaml"
    path.write_bytes("parties:\n  - {id: a, name: Caf\xe9}\n".encode("latin-1"))
    result = cli("draft", path, "-o", tmp_path / "o.docx")
    assert result.exit_code == 2
    assert "not UTF-8 text" in result.output


def test_invalid_json(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "a.json", '{"parties": [}')
    result = cli("draft", path, "-o", tmp_path / "o.docx")
    assert result.exit_code == 2
    assert "line 1: invalid JSON" in result.output


def test_yaml_error_names_the_line() -> None:
    with pytest.raises(InputFileError) as info:
        parse_answers("parties:\n  - id: a\n    name: [unclosed\n", source="x.yaml")
    assert "x.yaml: line" in str(info.value)
