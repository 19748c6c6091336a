"""Check benchmark: in-process `check` of the largest example (target: well
under 50 ms, since the web interview runs it on every change).

Usage: python bench/check_bench.py [ANSWERS] [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from bbm_contracts import library_for
from bbm_contracts.check import check_answers
from bbm_contracts.intake import read_answers

ROOT = Path(__file__).resolve().parent.parent
TARGET_MS = 50.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("answers", nargs="?", type=Path)
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    path = args.answers or max((ROOT / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size)
    library = library_for()

    def once() -> object:
        answers, problems = read_answers(path)
        return check_answers(answers, library, cross_problems=problems)

    once()
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        report = once()
        times.append((time.perf_counter() - start) * 1000)
    best, median = min(times), statistics.median(times)
    print(f"example: {path.name}; {len(report.findings)} findings; score {report.readiness.score}")  # type: ignore[attr-defined]
    print(f"check in-process (parse + draft + rules + readiness): best {best:.1f} ms, median {median:.1f} ms; "
          f"target < {TARGET_MS:.0f} ms; ratio to target {median / TARGET_MS:.2f}")
    print(json.dumps({"example": path.name, "best_ms": round(best, 1), "median_ms": round(median, 1), "target_ms": TARGET_MS}))


if __name__ == "__main__":
    main()
