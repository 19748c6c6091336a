"""Review benchmark: reading and reviewing a ~40-page .docx and its PDF,
against python-docx / the PDF library merely loading the same file (target <= 3x).

Two references for the .docx: python-docx opening it (`Document(path)`, which
parses the XML but reads no text), and python-docx opening it and reading
the text of every paragraph and table cell (what the review needs at least).
For the PDF the reference is pypdfium2 opening it and extracting every page.

The document is built from the engine's own drafts (no external files): the
largest example drafted in Dutch followed by the English articles, converted
to PDF with LibreOffice for the PDF case.

Usage: python bench/review_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import docx

from bbm_contracts import draft_agreement, library_for, load_answers, write_agreement
from bbm_contracts.pdf import docx_to_pdf
from bbm_contracts.reader import read_document
from bbm_contracts.review import review_document

ROOT = Path(__file__).resolve().parent.parent


def build(folder: Path) -> tuple[Path, Path, int]:
    library = library_for()
    example = max((ROOT / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size)
    answers = load_answers(example)
    nl = write_agreement(draft_agreement(answers, library, "nl"), folder / "nl.docx")
    en = write_agreement(draft_agreement(answers, library, "en"), folder / "en.docx")
    base, extra = docx.Document(str(nl)), docx.Document(str(en))
    body = base.element.body
    sect = body[-1]
    paragraphs = list(extra.element.body.iterchildren())[:-1]
    for element in paragraphs[: int(len(paragraphs) * 0.45)]:
        sect.addprevious(copy.deepcopy(element))
    big = folder / "agreement.docx"
    base.save(str(big))
    pdf = folder / "agreement.pdf"
    docx_to_pdf(big, pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    return big, pdf, pages


def _pdfium_text(path: Path) -> list[str]:
    """What the PDF library alone needs: open the file and extract every page's text."""
    import pypdfium2

    pdf = pypdfium2.PdfDocument(str(path))
    try:
        return [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    finally:
        pdf.close()


def _python_docx_text(path: Path) -> list[str]:
    """python-docx opening the file and reading every paragraph's and table cell's text."""
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return texts


def best(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    library = library_for()
    with tempfile.TemporaryDirectory() as tmp:
        big, pdf, pages = build(Path(tmp))
        rows = {}
        for label, path, floor in (
            ("docx", big, lambda: docx.Document(str(big))),
            ("pdf", pdf, lambda: _pdfium_text(pdf)),
        ):
            review_document(read_document(path), library)
            read_ms = best(lambda p=path: read_document(p), args.repeat)
            review_ms = best(lambda p=path: review_document(read_document(p), library), args.repeat)
            floor_ms = best(floor, args.repeat)
            rows[label] = {"read_ms": round(read_ms, 1), "review_ms": round(review_ms, 1), "load_only_ms": round(floor_ms, 1),
                           "read_ratio": round(read_ms / floor_ms, 2), "review_ratio": round(review_ms / floor_ms, 2)}
            print(f"{label:<5} {pages} pages: library load only {floor_ms:7.1f} ms | read {read_ms:7.1f} ms "
                  f"({read_ms / floor_ms:.2f}x) | read + review {review_ms:7.1f} ms ({review_ms / floor_ms:.2f}x; target <= 3x)")
            if label == "docx":
                text_ms = best(lambda: _python_docx_text(big), args.repeat)
                rows[label].update({"load_and_text_ms": round(text_ms, 1), "review_ratio_to_text": round(review_ms / text_ms, 2)})
                print(f"      python-docx load + every paragraph's and cell's text {text_ms:7.1f} ms | "
                      f"read + review {review_ms / text_ms:.2f}x of that")
        print(json.dumps({"pages": pages, **rows}))


if __name__ == "__main__":
    main()
