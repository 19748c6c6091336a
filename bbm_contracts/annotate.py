"""An annotated copy of a reviewed .docx: Word comments at each article with a
finding, and a summary comment at the top. The input file is never modified."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from docx.text.paragraph import Paragraph

from .findings import SEVERITY_NAMES, Finding
from .readiness import LEGEND
from .review import Review

AUTHOR, INITIALS = "bbm-contracts", "BBM"
_WORDS = {
    "nl": {"title": "Toets bbm-contracts", "score": "Score", "missing": "Ontbrekende bepalingen", "none": "geen",
           "fix": "Oplossing"},
    "en": {"title": "bbm-contracts review", "score": "Score", "missing": "Missing provisions", "none": "none",
           "fix": "Fix"},
}


def annotate(review: Review, source: Path) -> bytes:
    """The annotated copy of ``source`` as .docx bytes."""
    document = docx.Document(str(source))
    paragraphs = document.paragraphs
    lang = review.language
    first = _commentable(paragraphs, 0)
    if first is not None:
        document.add_comment(first.runs, text=summary(review), author=AUTHOR, initials=INITIALS)
    for paragraph_index, findings in _findings_by_paragraph(review).items():
        target = _commentable(paragraphs, paragraph_index)
        if target is None:
            continue
        text = "\n\n".join(f"{SEVERITY_NAMES[f.severity][lang].upper()} {f.rule}: {f.message[lang]}\n"
                           f"{_WORDS[lang]['fix']}: {f.fix[lang]}"
                           for f in findings)
        document.add_comment(target.runs, text=text, author=AUTHOR, initials=INITIALS)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def summary(review: Review) -> str:
    """The summary comment: score, legend per element, missing provisions."""
    lang = review.language
    words = _WORDS[lang]
    readiness = review.report.readiness
    library_names = {e.id: e.name[lang] for e in readiness.elements}
    lines = [f"{words['title']} — {words['score']} {readiness.score}/100: {LEGEND[readiness.level][lang]}"]
    for element in readiness.elements:
        missing = [p.id for p in element.provisions if p.points and not p.present]
        lines.append(f"{library_names[element.id]} ({element.score}/100, {LEGEND[element.level][lang]}): "
                     f"{words['missing'].lower()}: {', '.join(missing) or words['none']}")
    return "\n".join(lines)


def _findings_by_paragraph(review: Review) -> dict[int, list[Finding]]:
    by_location = {section.location: section for section in review.sections}
    blocks = review.document.blocks
    out: dict[int, list[Finding]] = {}
    for finding in review.report.findings:
        section = by_location.get(finding.location or "")
        if section is None:
            continue
        block = next((b for b in blocks[section.start:] if b.source_index is not None), None)
        if block is not None and block.source_index is not None:
            out.setdefault(block.source_index, []).append(finding)
    return out


def _commentable(paragraphs: list[Paragraph], start: int) -> Paragraph | None:
    """The first paragraph from ``start`` on that has text runs to anchor a comment."""
    for paragraph in paragraphs[start:]:
        if paragraph.runs and paragraph.text.strip():
            return paragraph
    return None
