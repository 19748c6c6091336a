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


_WHERE = {
    "nl": {"parties": "comparitie", "signature": "ondertekening", "title": "titelblad", "closing": "slot"},
    "en": {"parties": "parties block", "signature": "signatures", "title": "title page", "closing": "closing"},
}

RenderRuns = Callable[[str, str, dict[str, Any] | None], Runs]
"""(template source, where, extra names) -> runs with placeholders resolved."""


def build_frame(answers: Answers, texts: DocumentTexts, lang: str, render: RenderRuns,
                runs_of: Callable[[Any, str, str], Runs]) -> Frame:
    """Compose the frame; ``render`` turns a template into runs."""

    def t(text: Text, where: str, extra: dict[str, Any] | None = None) -> Runs:
        return render(text(lang), _WHERE[lang].get(where, where), extra)

    data_parties = answers.model_dump()["parties"]
    party_runs = []
    signatures = []
    for index, (party, data) in enumerate(zip(answers.parties, data_parties, strict=True)):
        extra = {"party": ({**data, "label": party.label}, f"parties[{index}]")}
        party_runs.append(t(texts.party, "parties", extra))
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
             runs_of: Callable[[Any, str, str], Runs]) -> tuple[Table, ...]:
    word = texts.annex_word(lang)
    labels = {p.id: p.label for p in answers.parties}
    joint = {"joint": "gezamenlijk" if lang == "nl" else "jointly", "each": "elke Partij" if lang == "nl" else "each Party"}
    where = [f"{word} {n}" for n in (1, 2, 3)]

    def cell(value: Any, path: str, annex: int) -> Runs:
        return runs_of(value, path, where[annex - 1])

    def party(value: str | None, path: str, annex: int) -> Runs:
        return cell(labels.get(value, joint.get(value, value)) if value else None, path, annex)

    chain = tuple(
        (
            cell(a.name, f"activities.value_chain[{i}].name", 1),
            party(a.lead, f"activities.value_chain[{i}].lead", 1),
            cell(", ".join(labels[s] for s in a.support) or "–", "", 1),
            cell(a.description or "–", "", 1),
        )
        for i, a in enumerate(answers.activities.value_chain)
    ) or ((cell(None, "activities.value_chain", 1), (), (), ()),)
    shares = tuple(
        (party(s.party, f"finance.distribution.shares[{i}].party", 2), cell(percent(s.pct, lang), "", 2))
        for i, s in enumerate(answers.finance.distribution.shares)
    ) or ((cell(None, "finance.distribution.shares", 2), ()),)
    kinds = texts.insurance_kinds[lang]  # type: ignore[index]
    insurance = tuple(
        (
            party(x.party, f"risk.insurance[{i}].party", 3),
            cell(kinds.get(x.kind, x.kind) + (f" – {x.description}" if x.description else ""), "", 3),
            cell(x.insurer or "–", "", 3),
            cell(_cover(x.cover, x.kind, lang), f"risk.insurance[{i}].cover", 3),
        )
        for i, x in enumerate(answers.risk.insurance)
    ) or ((cell(None, "risk.insurance", 3), (), (), ()),)
    return (
        Table(f"{where[0]} – {texts.annex_value_chain(lang)}", (),
              (texts.col_activity(lang), texts.col_lead(lang), texts.col_support(lang), texts.col_description(lang)),
              chain),
        Table(f"{where[1]} – {texts.annex_distribution(lang)}", t(texts.distribution_basis, where[1]),
              (texts.col_party(lang), texts.col_share(lang)), shares),
        Table(f"{where[2]} – {texts.annex_insurance(lang)}", (),
              (texts.col_party(lang), texts.col_kind(lang), texts.col_insurer(lang), texts.col_cover(lang)),
              insurance),
    )


def _cover(cover: Any, kind: str, lang: str) -> str | None:
    if cover is not None:
        return money(cover, lang)
    if kind == "workers":  # workplace-accident insurance: cover is set by law
        return "wettelijke dekking" if lang == "nl" else "statutory cover"
    return None
