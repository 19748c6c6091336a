"""The bundled examples drafted end to end and read back with python-docx;
golden files of their normalised text and style names."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import docx
import pytest

from bbm_contracts import draft_agreement, library_for, load_answers, write_agreement
from bbm_contracts.questions import field_path

from .conftest import ALL_EXAMPLES, FULL_EXAMPLES

GOLDEN = Path(__file__).parent / "golden"
ELEMENT_TITLES = {
    "nl": ["Samenwerkingsverband", "Activiteiten", "Verdeling van kosten & opbrengsten", "Besluitvorming",
           "Risico's & aansprakelijkheid", "Duur & beëindiging", "Juridische vorm"],
    "en": ["Partnership", "Activities", "Costs and revenues", "Decision-making", "Risks and liability",
           "Duration and termination", "Legal form"],
}
CASES = [(example, lang) for example in ALL_EXAMPLES for lang in ("nl", "en")]


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[Any, docx.Document]]:
    library = library_for()
    out_dir = tmp_path_factory.mktemp("drafts")
    results = {}
    for example, lang in CASES:
        draft = draft_agreement(load_answers(example), library, lang)
        out = write_agreement(draft, out_dir / f"{example.stem}-{lang}.docx")
        results[(example.stem, lang)] = (draft, docx.Document(str(out)))
    return results


def ids(case: tuple[Path, str]) -> str:
    return f"{case[0].stem}-{case[1]}"


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_all_seven_elements_in_order_with_numbered_articles(drafted, case) -> None:
    example, lang = case
    draft, document = drafted[(example.stem, lang)]
    parts = [p.text for p in document.paragraphs if p.style.name == "BBM Part"]
    assert parts == ELEMENT_TITLES[lang]
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == [a.title for a in draft.articles]
    assert [a.number for a in draft.articles] == list(range(1, len(draft.articles) + 1))
    assert len(headings) >= 40


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_no_template_syntax_left_in_the_document(drafted, case) -> None:
    example, lang = case
    _, document = drafted[(example.stem, lang)]
    text = _all_text(document)
    for token in ("{{", "}}", "{%", "%}", "\x01", "\x02", "None", "Missing("):
        assert token not in text, token


def _all_text(document: docx.Document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _value(data: Any, path: str) -> Any:
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", path):
        if part.startswith("["):
            data = data[int(part[1:-1])]
        else:
            data = data.get(part) if isinstance(data, dict) else None
    return data


def _draft_placeholders(draft: Any) -> set[str]:
    frame = draft.frame
    runs = [r for p in draft.recitals for r in p.runs]
    runs += [r for a in draft.articles for p in a.paragraphs for r in p.runs]
    groups = [frame.subtitle, frame.closing, *frame.parties]
    groups += [g for s in frame.signatures for g in (s.for_, s.by)]
    groups += [t.intro for t in frame.annexes] + [cell for t in frame.annexes for row in t.rows for cell in row]
    runs += [r for g in groups for r in g]
    return {r.text for r in runs if r.placeholder}


def _highlighted(document: docx.Document) -> set[str]:
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return {r.text for p in paragraphs for r in p.runs if r.font.highlight_color is not None}


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_placeholders_exactly_where_answers_are_missing(drafted, case) -> None:
    example, lang = case
    draft, document = drafted[(example.stem, lang)]
    data = draft.answers.model_dump()
    for point in draft.open_points:
        assert not point.path.startswith("ref:"), f"unresolved cross-reference {point.path}"
        assert _value(data, point.path) in (None, [], ""), point.path
        assert field_path(point.path)
    assert _highlighted(document) == _draft_placeholders(draft)
    assert set(re.findall(r"\[● [^\]]+\]", _all_text(document))) == _draft_placeholders(draft)


def test_minimal_example_is_mostly_placeholders(drafted) -> None:
    draft, _ = drafted[("minimal", "nl")]
    paths = {p.path for p in draft.open_points}
    for expected in ("partnership.purpose", "term.start_date", "term.end_date", "governance.disputes.court",
                     "risk.insurance", "activities.value_chain", "finance.distribution.shares"):
        assert any(path.startswith(expected) for path in paths), expected


@pytest.mark.parametrize("example", FULL_EXAMPLES, ids=lambda p: p.stem)
def test_full_examples_have_few_open_points(drafted, example: Path) -> None:
    draft, _ = drafted[(example.stem, "nl")]
    minimal, _ = drafted[("minimal", "nl")]
    assert len(draft.open_points) < len(minimal.open_points) / 3


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_annexes_and_signatures(drafted, case) -> None:
    example, lang = case
    draft, document = drafted[(example.stem, lang)]
    annexes = [p.text for p in document.paragraphs if p.style.name == "BBM Annex"]
    word = "Bijlage" if lang == "nl" else "Annex"
    numbers = [int(re.match(rf"{word} (\d) – ", title).group(1)) for title in annexes]  # type: ignore[union-attr]
    assert numbers == sorted(numbers) and set(numbers) == {1, 2, 3}  # the numbers the clause texts cite
    chain = document.tables[1]
    activities = draft.answers.activities.value_chain
    assert len(chain.rows) == 1 + max(1, len(activities))
    for row, activity in zip(chain.rows[1:], activities, strict=False):
        assert row.cells[0].text == activity.name
    signatures = document.tables[0]
    assert len(signatures.rows) == len(draft.answers.parties)
    for row, party in zip(signatures.rows, draft.answers.parties, strict=True):
        assert party.name in row.cells[0].text


def _normalised(document: docx.Document) -> str:
    lines = []
    for paragraph in document.paragraphs:
        text = " ".join(paragraph.text.split())
        if text:
            lines.append(f"{paragraph.style.name} | {text}")
    for index, table in enumerate(document.tables):
        for row in table.rows:
            lines.append(f"table {index} | " + " | ".join(" ".join(c.text.split()) for c in row.cells))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("case", CASES, ids=ids)
def test_golden_text_and_styles(drafted, case) -> None:
    example, lang = case
    _, document = drafted[(example.stem, lang)]
    actual = _normalised(document)
    golden = GOLDEN / f"{example.stem}-{lang}.txt"
    if os.environ.get("BBM_UPDATE_GOLDEN") or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        if not os.environ.get("BBM_UPDATE_GOLDEN"):
            pytest.fail(f"golden file {golden.name} was missing; written now, review and commit it")
    assert actual == golden.read_text(encoding="utf-8")
