"""Draft benchmark: the engine against raw docxtpl, in-process and as a process.

Prints, side by side in one run:
  1. in-process: answers -> draft -> .docx bytes for the largest example, against
     raw docxtpl rendering of the same final document (same template, same
     context, same save).                                     target ratio <= 1.5
  2. process: the whole `bbm draft` command, against
     `python -c "import docxtpl, docx, pydantic, click"` plus the raw render.
                                                              target ratio <= 2.0
Usage: python bench/draft_bench.py [ANSWERS] [--repeat N]
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from docxtpl import DocxTemplate

from bbm_contracts import draft_agreement, library_for, load_answers
from bbm_contracts.render import render_docx, template_context
from bbm_contracts.resources import default_template

ROOT = Path(__file__).resolve().parent.parent


def largest_example() -> Path:
    return max((ROOT / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size)


def best_of(func: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times), statistics.median(times)


def raw_render(context: dict) -> bytes:
    template = DocxTemplate(str(default_template()))
    template.render(context, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("answers", nargs="?", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    answers_path = args.answers or largest_example()
    library = library_for()

    def engine() -> bytes:
        draft = draft_agreement(load_answers(answers_path), library)
        return render_docx(draft, default_template())

    draft = draft_agreement(load_answers(answers_path), library)
    context = template_context(draft)
    engine()
    raw_render(context)
    engine_best, engine_median = best_of(engine, args.repeat)
    raw_best, raw_median = best_of(lambda: raw_render(context), args.repeat)
    cold_best, _ = best_of(lambda: library_for(), max(3, args.repeat // 4))

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "o.docx"
        bbm = [sys.executable, "-m", "bbm_contracts", "draft", str(answers_path), "-o", str(out), "--force"]
        imports = [sys.executable, "-c", "import docxtpl, docx, pydantic, click"]
        process_best, _ = best_of(lambda: subprocess.run(bbm, check=True, capture_output=True), max(3, args.repeat // 4))
        import_best, _ = best_of(lambda: subprocess.run(imports, check=True), max(3, args.repeat // 4))

    ratio_inproc = engine_best / raw_best
    floor = import_best + raw_best
    ratio_process = process_best / floor
    articles = len(draft.articles)
    paragraphs = sum(len(a.paragraphs) for a in draft.articles)
    print(f"example: {answers_path.name} ({articles} articles, {paragraphs} paragraphs)")
    print(f"{'':34}{'best ms':>10}{'median ms':>11}")
    print(f"{'engine in-process draft':34}{engine_best*1000:10.1f}{engine_median*1000:11.1f}")
    print(f"{'raw docxtpl render, same doc':34}{raw_best*1000:10.1f}{raw_median*1000:11.1f}")
    print(f"{'  ratio (target <= 1.5)':34}{ratio_inproc:10.2f}")
    print(f"{'library load (cold, in-process)':34}{cold_best*1000:10.1f}")
    print(f"{'bbm draft process':34}{process_best*1000:10.1f}")
    print(f"{'python -c import 4 libs':34}{import_best*1000:10.1f}")
    print(f"{'  imports + raw render':34}{floor*1000:10.1f}")
    print(f"{'  ratio (target <= 2.0)':34}{ratio_process:10.2f}")
    print(json.dumps({
        "example": answers_path.name, "engine_ms": round(engine_best * 1000, 1), "raw_render_ms": round(raw_best * 1000, 1),
        "inprocess_ratio": round(ratio_inproc, 2), "process_ms": round(process_best * 1000, 1),
        "imports_ms": round(import_best * 1000, 1), "process_ratio": round(ratio_process, 2),
    }))


if __name__ == "__main__":
    main()
