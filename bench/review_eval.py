"""Evaluates the review job on a labelled corpus of real agreements.

Usage: python bench/review_eval.py [CORPUS_DIR]   (default ../shared/corpus)

The corpus layout (see its README): en/*.txt, nl/*.txt and labels.csv with
file,provision,present,source,evidence. Only judged (file, provision) pairs
count. Prints per provision document-level precision, recall, F1 and
support; per element precision and recall (an element is present in a file
when any judged provision of it is present); the time per document. The last
line is one JSON object with all figures.

--adjudicated FILE (e.g. bench/label_adjudications.csv: file,provision,present,
reason) also prints the figures with those labels replaced, for the provisions
they touch: where the corpus labels (CUAD's categories) and PROVISIONS.md
disagree, with the quote that decides. The main figures and the JSON line
always use the corpus labels as they are.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

from bbm_contracts import library_for
from bbm_contracts.reader import read_document
from bbm_contracts.review import review_document

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus"


def load_labels(corpus: Path) -> dict[str, dict[str, bool]]:
    """file -> provision -> present."""
    labels: dict[str, dict[str, bool]] = defaultdict(dict)
    with (corpus / "labels.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            labels[row["file"]][row["provision"]] = row["present"].strip() == "1"
    return labels


def _ratio(a: int, b: int) -> float:
    return round(a / b, 3) if b else 1.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--misses", action="store_true", help="also list every false positive and negative")
    parser.add_argument("--adjudicated", type=Path, help="CSV of labels read differently against PROVISIONS.md")
    args = parser.parse_args()
    corpus = args.corpus
    labels = load_labels(corpus)
    found_by_file: dict[str, frozenset[str]] = {}
    library = library_for()
    element_of = {p.id: p.element for p in library.provisions.values()}
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn
    elements: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    seconds = 0.0
    misses: list[str] = []
    for name in sorted(labels):
        path = corpus / name
        if not path.exists():
            print(f"skip {name}: not found", file=sys.stderr)
            continue
        start = time.perf_counter()
        review = review_document(read_document(path), library, language="nl" if name.startswith("nl/") else "en")
        seconds += time.perf_counter() - start
        found = review.present
        found_by_file[name] = found
        judged = labels[name]
        for provision, truth in judged.items():
            predicted = provision in found
            counts[provision][0] += truth and predicted
            counts[provision][1] += predicted and not truth
            counts[provision][2] += truth and not predicted
            if truth != predicted:
                misses.append(f"{'FN' if truth else 'FP'} {provision:<28} {name}")
        for element in {element_of[p] for p in judged if p in element_of}:
            mine = [p for p in judged if element_of.get(p) == element]
            truth = any(judged[p] for p in mine)
            predicted = any(p in found for p in mine)
            elements[element][0] += truth and predicted
            elements[element][1] += predicted and not truth
            elements[element][2] += truth and not predicted
    documents = len([n for n in labels if (corpus / n).exists()])
    provisions = {}
    print(f"{'provision':<30}{'prec':>7}{'rec':>7}{'f1':>7}{'support':>9}")
    for provision in sorted(counts):
        tp, fp, fn = counts[provision]
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        provisions[provision] = {"precision": p, "recall": r, "f1": _f1(p, r), "support": tp + fn}
        print(f"{provision:<30}{p:7.2f}{r:7.2f}{_f1(p, r):7.2f}{tp + fn:9d}")
    element_figures = {}
    print(f"\n{'element':<30}{'prec':>7}{'rec':>7}")
    for element in sorted(elements):
        tp, fp, fn = elements[element]
        element_figures[element] = {"precision": _ratio(tp, tp + fp), "recall": _ratio(tp, tp + fn)}
        print(f"{element:<30}{_ratio(tp, tp + fp):7.2f}{_ratio(tp, tp + fn):7.2f}")
    macro = round(sum(v["f1"] for v in provisions.values()) / len(provisions), 3) if provisions else 0.0
    per_doc = round(seconds / documents, 4) if documents else 0.0
    print(f"\n{documents} documents, macro F1 {macro}, {per_doc * 1000:.1f} ms per document")
    if args.misses:
        print("\n".join(misses))
    if args.adjudicated:
        _print_adjudicated(args.adjudicated, labels, found_by_file, provisions)
    print(json.dumps({"documents": documents, "provisions": provisions, "elements": element_figures,
                      "macro_f1": macro, "seconds_per_document": per_doc}))


def _print_adjudicated(path: Path, labels: dict[str, dict[str, bool]], found: dict[str, frozenset[str]],
                       provisions: dict[str, dict[str, float]]) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.DictReader(handle) if row["file"] in found]
    touched = sorted({row["provision"] for row in rows})
    changed = {(row["file"], row["provision"]): row["present"].strip() == "1" for row in rows}
    print(f"\nwith {len(rows)} labels read against PROVISIONS.md ({path.name}):")
    for provision in touched:
        tp = fp = fn = 0
        for name, judged in labels.items():
            if name not in found or provision not in judged:
                continue
            truth = changed.get((name, provision), judged[provision])
            predicted = provision in found[name]
            tp, fp, fn = tp + (truth and predicted), fp + (predicted and not truth), fn + (truth and not predicted)
        p, r = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
        print(f"{provision:<30}{p:7.2f}{r:7.2f}{_f1(p, r):7.2f}{tp + fn:9d}   (corpus labels: F1 {provisions[provision]['f1']:.2f})")


if __name__ == "__main__":
    main()
