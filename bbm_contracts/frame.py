"""The parts of the agreement around the articles: title page, parties
block, closing, signatures and the annex tables."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .answers import Answers
from .formatting import money, percent
from .library import DocumentTexts, Text

Runs = tuple[Any, ...]  # tuple[draft.Run, ...]; kept loose to avoid an import cycle


@dataclass(frozen=True)
class Table:
    """An annex table: a title, column headings and rows of cells."""

    title: str
    intro: Runs
    columns: tuple[str, ...]
    rows: tuple[tuple[Runs, ...], ...]


@dataclass(frozen=True)
class Signature:
    """The signature block of one party."""

    for_: Runs
    by: Runs


@dataclass(frozen=True)
class Frame:
    """Everything of the agreement that is not an article."""

    title: str
    subtitle: Runs
    between: str
    and_word: str
    parties: tuple[Runs, ...]
    parties_defined: str
    recitals_heading: str
    agreed: str
    closing: Runs
    signatures: tuple[Signature, ...]
    annexes: tuple[Table, ...]


RenderRuns = Callable[[str, str, dict[str, Any] | None], Runs]
"""(template source, where, extra names) -> runs with placeholders resolved."""


def build_frame(answers: Answers, texts: DocumentTexts, lang: str, render: RenderRuns, runs_of: Callable[[Any, str], Runs]) -> Frame:
    """Compose the frame; ``render`` turns a template into runs."""

    def t(text: Text, where: str, extra: dict[str, Any] | None = None) -> Runs:
        return render(text(lang), where, extra)

    data_parties = answers.model_dump()["parties"]
    party_runs = []
    signatures = []
    for index, (party, data) in enumerate(zip(answers.parties, data_parties, strict=True)):
        extra = {"party": ({**data, "label": party.label}, f"parties[{index}]")}
        party_runs.append(t(texts.party, f"parties[{index}]", extra))
        signatures.append(Signature(t(texts.signature_for, "signature", extra), t(texts.signature_by, "signature", extra)))
    title = answers.title or texts.title(lang)
    return Frame(
        title=title,
        subtitle=t(texts.subtitle, "title"),
        between=texts.between(lang),
        and_word=texts.and_word(lang),
        parties=tuple(party_runs),
        parties_defined=texts.parties_defined(lang),
        recitals_heading=texts.recitals_heading(lang),
        agreed=texts.agreed(lang),
        closing=t(texts.closing, "closing"),
        signatures=tuple(signatures),
        annexes=_annexes(answers, texts, lang, t, runs_of),
    )


def _annexes(answers: Answers, texts: DocumentTexts, lang: str, t: Callable[..., Runs],
             runs_of: Callable[[Any, str], Runs]) -> tuple[Table, ...]:
    word = texts.annex_word(lang)
    labels = {p.id: p.label for p in answers.parties}
    joint = {"joint": "gezamenlijk" if lang == "nl" else "jointly"}

    def party(value: str | None, path: str) -> Runs:
        return runs_of(labels.get(value, joint.get(value, value)) if value else None, path)

    chain = tuple(
        (
            runs_of(a.name, f"activities.value_chain[{i}].name"),
            party(a.lead, f"activities.value_chain[{i}].lead"),
            runs_of(", ".join(labels[s] for s in a.support) or "–", f"activities.value_chain[{i}].support"),
            runs_of(a.description or "–", f"activities.value_chain[{i}].description"),
        )
        for i, a in enumerate(answers.activities.value_chain)
    ) or ((runs_of(None, "activities.value_chain"), runs_of("", ""), runs_of("", ""), runs_of("", "")),)
    shares = tuple(
        (party(s.party, f"finance.distribution.shares[{i}].party"), runs_of(percent(s.pct, lang), ""))
        for i, s in enumerate(answers.finance.distribution.shares)
    ) or ((runs_of(None, "finance.distribution.shares"), runs_of("", "")),)
    kinds = texts.insurance_kinds[lang]  # type: ignore[index]
    insurance = tuple(
        (
            party(x.party, f"risk.insurance[{i}].party"),
            runs_of(kinds.get(x.kind, x.kind) + (f" – {x.description}" if x.description else ""), ""),
            runs_of(x.insurer, f"risk.insurance[{i}].insurer"),
            runs_of(_cover(x.cover, x.kind, lang), f"risk.insurance[{i}].cover"),
        )
        for i, x in enumerate(answers.risk.insurance)
    ) or ((runs_of(None, "risk.insurance"), runs_of("", ""), runs_of("", ""), runs_of("", "")),)
    return (
        Table(f"{word} 1 – {texts.annex_value_chain(lang)}", (),
              (texts.col_activity(lang), texts.col_lead(lang), texts.col_support(lang), texts.col_description(lang)),
              chain),
        Table(f"{word} 2 – {texts.annex_distribution(lang)}", t(texts.distribution_basis, f"{word} 2"),
              (texts.col_party(lang), texts.col_share(lang)), shares),
        Table(f"{word} 3 – {texts.annex_insurance(lang)}", (),
              (texts.col_party(lang), texts.col_kind(lang), texts.col_insurer(lang), texts.col_cover(lang)),
              insurance),
    )


def _cover(cover: Any, kind: str, lang: str) -> str | None:
    if cover is not None:
        return money(cover, lang)
    if kind == "workers":  # workplace-accident insurance: cover is set by law
        return "wettelijke dekking" if lang == "nl" else "statutory cover"
    return None
