"""LibreOffice, a real client, opens every example draft and converts it to
PDF; the PDF text shows the article titles in order."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from bbm_contracts import draft_agreement, library_for, load_answers, write_agreement
from bbm_contracts.errors import ConversionError
from bbm_contracts.pdf import docx_to_pdf, find_soffice

from .conftest import ALL_EXAMPLES

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module", autouse=True)
def _require_libreoffice() -> None:
    # `make test` installs LibreOffice; a missing one is a failure, never a skip
    assert find_soffice(), "LibreOffice (soffice) is not installed; run `make test`, which installs it"
    assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed; run `make test`"


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_libreoffice_converts_the_draft(tmp_path: Path, example: Path, lang: str) -> None:
    draft = draft_agreement(load_answers(example), library_for(), lang)
    docx = write_agreement(draft, tmp_path / f"{example.stem}.docx")
    pdf = tmp_path / f"{example.stem}.pdf"
    docx_to_pdf(docx, pdf)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    position = 0
    word = "Artikel" if lang == "nl" else "Article"
    for article in draft.articles:
        heading = f"{word} {article.number}. {' '.join(article.title.split())}"
        found = flat.find(heading, position)
        assert found >= 0, f"{heading!r} not found in order"
        position = found + len(heading)
        if article.paragraphs[0].kind == "body" and article.paragraphs[0].text.startswith("[●"):
            # the mark of a default text stands, unnumbered, before the sub-clauses
            mark = " ".join(article.paragraphs[0].text.split())
            assert flat.find(mark, position) == position + 1, (article.number, mark)
            position += 1 + len(mark)
        subclauses = sum(p.kind == "subclause" for p in article.paragraphs)
        if subclauses:
            # sub-clause numbering restarts in every article: N.1. ... N.k.
            first = " ".join(next(p for p in article.paragraphs if p.kind == "subclause").text.split())[:30]
            assert flat.find(f"{article.number}.1. {first}", position) == position + 1, (article.number, first)
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert int(next(line.split()[-1] for line in pages.splitlines() if line.startswith("Pages:"))) >= 8


def test_missing_libreoffice_is_said_clearly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli) -> None:
    monkeypatch.setattr("bbm_contracts.pdf.find_soffice", lambda: None)
    out = tmp_path / "a.docx"
    result = cli("draft", ALL_EXAMPLES[0], "-o", out, "--pdf")
    assert result.exit_code == 3
    assert "LibreOffice is not installed, so no PDF was made (the .docx was written)" in result.output
    assert out.exists() and not out.with_suffix(".pdf").exists()
    with pytest.raises(ConversionError):
        docx_to_pdf(out, tmp_path / "b.pdf")


def test_cli_pdf_option_writes_both(tmp_path: Path, cli) -> None:
    out = tmp_path / "a.docx"
    result = cli("draft", ALL_EXAMPLES[0], "-o", out, "--pdf")
    assert result.exit_code == 0, result.output
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def test_libreoffice_opens_an_annotated_review_copy(tmp_path: Path, cli) -> None:
    draft = draft_agreement(load_answers(ALL_EXAMPLES[0]), library_for(), "nl")
    source = write_agreement(draft, tmp_path / "source.docx")
    annotated = tmp_path / "annotated.docx"
    result = cli("review", source, "--annotate", annotated, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    pdf = tmp_path / "annotated.pdf"
    docx_to_pdf(annotated, pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_review_of_our_own_draft_as_pdf_detects_every_provision(tmp_path: Path) -> None:
    from bbm_contracts.reader import read_document
    from bbm_contracts.review import review_document

    library = library_for()
    draft = draft_agreement(load_answers(ALL_EXAMPLES[0]), library, "en")
    pdf = tmp_path / "draft.pdf"
    docx_to_pdf(write_agreement(draft, tmp_path / "draft.docx"), pdf)
    review = review_document(read_document(pdf), library, model=draft.model)
    assert review.document.format == "pdf" and review.language == "en"
    assert sorted(draft.provisions - review.detected) == []
