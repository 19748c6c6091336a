"""PDF text libraries compared, and what the reader costs on top of its libraries.

1. Libraries: pypdfium2, pypdf and pdfminer.six extract the text of PDFs that
   LibreOffice made from texts we know (5 English and 5 Dutch agreements of
   the corpus, and an agreement the engine drafted, in Dutch and English).
   Quality: difflib ratio of the extracted words to the source's words
   (lower-cased, NFKC, a hyphen at a line end joined); speed: best of 3
   full extractions, per page.
2. Reader: `read_document` on a ~40-page .docx and its PDF, against
   python-docx merely opening the file and pypdfium2 merely extracting the
   page texts.                                                target <= 3x
Usage: python bench/pdf_libraries.py [CORPUS_DIR] [--per-language 5] [--repeat 3]
Needs LibreOffice (soffice); pypdf and pdfminer.six are compared when installed
(pip install pypdf pdfminer.six), pypdfium2 is the project's own.
The last line is one JSON object with every figure.
"""

from __future__ import annotations

import argparse
import copy
import difflib
import io
import json
import re
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import docx

from bbm_contracts import draft_agreement, library_for, load_answers, write_agreement
from bbm_contracts.pdf import find_soffice
from bbm_contracts.reader import read_document

ROOT = Path(__file__).resolve().parent.parent
LICENSES = {"pypdfium2": "Apache-2.0 / BSD-3 (PDFium, C++)", "pypdf": "BSD-3 (pure Python)",
            "pdfminer.six": "MIT (pure Python)"}


# --- the three libraries, each: path -> list of page texts ------------------------------


def pypdfium2_pages(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        pages = []
        for page in pdf:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
        return pages
    finally:
        pdf.close()


def pypdf_pages(path: Path) -> list[str]:
    import pypdf

    return [page.extract_text() or "" for page in pypdf.PdfReader(path).pages]


def pdfminer_pages(path: Path) -> list[str]:
    from pdfminer.high_level import extract_text

    return extract_text(path).split("\f")


LIBRARIES: dict[str, Callable[[Path], list[str]]] = {
    "pypdfium2": pypdfium2_pages, "pypdf": pypdf_pages, "pdfminer.six": pdfminer_pages,
}


# --- sources and PDFs -----------------------------------------------------------------


def pick_sources(corpus: Path, per_language: int) -> list[Path]:
    """Evenly spread over each language's files, so short and long agreements both count."""
    picked: list[Path] = []
    for language in ("en", "nl"):
        files = sorted((corpus / language).glob("*.txt"))
        step = max(1, len(files) // per_language)
        picked.extend(files[::step][:per_language])
    return picked


def convert(files: list[Path], outdir: Path, text_filter: bool) -> None:
    """LibreOffice, with its own profile, converts files to PDF in outdir."""
    soffice = find_soffice()
    if soffice is None:
        sys.exit("LibreOffice (soffice) is needed: sudo apt-get install libreoffice-writer-nogui")
    profile = outdir / "lo_profile"
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    if text_filter:
        command.append("--infilter=Text (encoded):UTF8,LF,Liberation Serif,en-US")
    command += ["--convert-to", "pdf", "--outdir", str(outdir), *map(str, files)]
    subprocess.run(command, check=True, capture_output=True, timeout=600)


def drafted(workdir: Path) -> list[tuple[Path, str]]:
    """The engine's agreement for blm-qjobs, Dutch and English: (.docx, its visible text)."""
    out = []
    for language in ("nl", "en"):
        draft = draft_agreement(load_answers(ROOT / "examples" / "blm-qjobs.yaml"), library_for(), language)
        path = write_agreement(draft, workdir / f"drafted-{language}.docx", force=True)
        out.append((path, visible_text(path)))
    return out


def visible_text(path: Path) -> str:
    """A .docx's text as Word shows it: numbering labels included."""
    return "\n".join(f"{b.number} {b.text}" if b.number else b.text for b in read_document(path).blocks)


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).replace("\ufffe", "-\n").replace("\x02", "-\n").replace("\u00ad", "")
    text = re.sub(r"-[ \t]*\r?\n\s*", "-", text)
    return text.lower().replace("|", " ").split()


def similarity(reference: str, extracted: str) -> float:
    return difflib.SequenceMatcher(None, words(reference), words(extracted), autojunk=False).ratio()


def best_time(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


# --- 1. libraries ---------------------------------------------------------------------


def compare_libraries(cases: list[tuple[Path, str]], repeat: int) -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    for name, extract in LIBRARIES.items():
        try:
            version(name)
        except PackageNotFoundError:
            print(f"  {name}: not installed, left out (pip install {name})", file=sys.stderr)
            continue
        ratios, seconds, pages = [], 0.0, 0
        for pdf, reference in cases:
            texts = extract(pdf)
            ratios.append(similarity(reference, "\n".join(texts)))
            seconds += best_time(lambda pdf=pdf, extract=extract: extract(pdf), repeat)
            pages += len(texts)
        results[name] = {"ms_per_page": 1000 * seconds / pages, "ratio_mean": sum(ratios) / len(ratios),
                         "ratio_min": min(ratios), "pages": pages}
        print(f"  {name}: done", file=sys.stderr)
    return results


def print_libraries(results: dict[str, dict[str, float]], files: int) -> None:
    print(f"\nPDF text libraries on {files} PDFs made by LibreOffice "
          f"({int(next(iter(results.values()))['pages'])} pages)")
    print(f"{'library':14}{'version':>10}{'ms/page':>10}{'words ratio':>13}{'worst file':>12}  license")
    for name, figures in sorted(results.items(), key=lambda item: item[1]["ms_per_page"]):
        print(f"{name:14}{version(name):>10}{figures['ms_per_page']:10.2f}{figures['ratio_mean']:13.4f}"
              f"{figures['ratio_min']:12.4f}  {LICENSES[name]}")


# --- 2. the reader against its libraries ----------------------------------------------


def forty_pages(source: Path, target: Path, extra: float = 0.33) -> Path:
    """A ~40-page agreement: a drafted one (~31 pages) with a third of its body repeated."""
    document = docx.Document(str(source))
    body = document.element.body
    content = [child for child in body if not child.tag.endswith("}sectPr")]
    section = body[-1]
    for child in content[: int(len(content) * extra)]:
        section.addprevious(copy.deepcopy(child))
    document.save(str(target))
    return target


def reader_overhead(docx_path: Path, pdf_path: Path, repeat: int) -> dict[str, float]:
    """Best times, the four measured in turn in every round so that a busy machine hurts them alike."""
    def open_docx() -> object:
        return docx.Document(io.BytesIO(docx_path.read_bytes()))

    runs: dict[str, Callable[[], object]] = {
        "docx_reader_ms": lambda: read_document(docx_path), "docx_python_docx_open_ms": open_docx,
        "pdf_reader_ms": lambda: read_document(pdf_path), "pdf_pypdfium2_text_ms": lambda: pypdfium2_pages(pdf_path),
    }
    best = {name: float("inf") for name in runs}
    for func in runs.values():
        func()  # imports and first calls out of the way
    for _ in range(repeat):
        for name, func in runs.items():
            best[name] = min(best[name], best_time(func, 1) * 1000)
    figures = dict(best)
    figures["docx_ratio"] = figures["docx_reader_ms"] / figures["docx_python_docx_open_ms"]
    figures["pdf_ratio"] = figures["pdf_reader_ms"] / figures["pdf_pypdfium2_text_ms"]
    return figures


def print_overhead(figures: dict[str, float], pages: int, blocks: tuple[int, int]) -> None:
    print(f"\nreader on a {pages}-page agreement ({blocks[0]} .docx blocks, {blocks[1]} PDF blocks), best of runs")
    print(f"{'':44}{'ms':>9}")
    print(f"{'read_document(.docx)':44}{figures['docx_reader_ms']:9.1f}")
    print(f"{'python-docx Document() alone':44}{figures['docx_python_docx_open_ms']:9.1f}")
    print(f"{'  ratio (target <= 3)':44}{figures['docx_ratio']:9.2f}")
    print(f"{'read_document(.pdf)':44}{figures['pdf_reader_ms']:9.1f}")
    print(f"{'pypdfium2 page texts alone':44}{figures['pdf_pypdfium2_text_ms']:9.1f}")
    print(f"{'  ratio (target <= 3)':44}{figures['pdf_ratio']:9.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--per-language", type=int, default=5)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bbm-pdfbench-") as tmp:
        work = Path(tmp)
        sources = pick_sources(args.corpus, args.per_language)
        convert(sources, work, text_filter=True)
        cases = [(work / f"{s.stem}.pdf", s.read_text(encoding="utf-8")) for s in sources]
        agreements = drafted(work)
        long_docx = forty_pages(agreements[0][0], work / "long.docx")
        convert([path for path, _ in agreements] + [long_docx], work, text_filter=False)
        cases += [(path.with_suffix(".pdf"), text) for path, text in agreements]
        results = compare_libraries(cases, args.repeat)
        print_libraries(results, len(cases))
        long_pdf = long_docx.with_suffix(".pdf")
        figures = reader_overhead(long_docx, long_pdf, max(args.repeat, 30))
        pdf_document = read_document(long_pdf)
        print_overhead(figures, pdf_document.pages or 0, (len(read_document(long_docx).blocks), len(pdf_document.blocks)))
        print(json.dumps({"files": [p.name for p, _ in cases], "libraries": results,
                          "reader": {k: round(v, 2) for k, v in figures.items()}, "long_pages": pdf_document.pages}))


if __name__ == "__main__":
    main()
