"""The parts of the agreement around the articles: title page, parties
block, closing, signatures and the annex tables.

The annexes: 1 the value chain, 2 the revenue model computed by
``bbm_contracts.finance`` (cost estimate, distribution key, scenarios), 3 the
insurance overview and, when answered, 4 each party's contribution to the
value proposition (the seed's "Oefening 1"). The clause texts cite them by
these numbers. Every table has 2 or 4 columns, the shapes the template has.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import lru_cache
from typing import Any

from .answers import Answers
from .finance import (
    CostLine,
    DistributionKey,
    RevenueModel,
    ScenarioYear,
    format_date,
    format_money,
    format_number,
    format_pct,
    percentages,
    split,
)
from .formatting import money
from .library import DocumentTexts, RevenueTexts, Text

Runs = tuple[Any, ...]  # tuple[draft.Run, ...]; kept loose to avoid an import cycle
Row = tuple[Runs, ...]


@dataclass(frozen=True)
class Table:
    """An annex table: a title, column headings and rows of cells."""

    title: str
    intro: Runs
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


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
    revenue: RevenueModel  # the model behind Annex 2, computed once (the check's rules read it too)


_WHERE = {
    "nl": {"parties": "comparitie", "signature": "ondertekening", "title": "titelblad", "closing": "slot"},
    "en": {"parties": "parties block", "signature": "signatures", "title": "title page", "closing": "closing"},
}

RenderRuns = Callable[[str, str, dict[str, Any] | None], Runs]
"""(template source, where, extra names) -> runs with placeholders resolved."""
Template = Callable[[Text, str], Runs]
"""(text, where) -> runs: a text of document.yaml rendered over the answers."""


def build_frame(answers: Answers, texts: DocumentTexts, lang: str, render: RenderRuns,
                runs_of: Callable[[Any, str, str], Runs], revenue: RevenueModel) -> Frame:
    """Compose the frame; ``render`` turns a template into runs; ``revenue``
    is the revenue model behind Annex 2."""

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
        annexes=_annexes(answers, revenue, texts, lang, t, runs_of),
        revenue=revenue,
    )


@dataclass(frozen=True)
class _Cells:
    """Makes the cells of one annex: text, amounts and percentages, and a
    highlighted placeholder where an answer is missing."""

    lang: str
    where: str
    runs_of: Callable[[Any, str, str], Runs]
    names: Mapping[str, str]  # party id, "joint" and "each" -> the words in the agreement

    def at(self, where: str) -> _Cells:
        """The same cells, for another annex."""
        return replace(self, where=where)

    def text(self, value: str) -> Runs:
        """A plain cell; "" is an empty one."""
        return self.runs_of(value, "", self.where)

    def dash(self) -> Runs:
        """A cell with nothing to show."""
        return self.text("–")

    def missing(self, path: str) -> Runs:
        """The placeholder of the answer at ``path``."""
        return self.runs_of(None, path, self.where)

    def answer(self, value: Any, path: str) -> Runs:
        """An answer, or its placeholder when it is missing."""
        return self.runs_of(value, path, self.where)

    def party(self, value: str | None, path: str) -> Runs:
        """A party by its name in the agreement, or its placeholder."""
        return self.answer(self.names.get(value, value) if value else None, path)

    def money(self, value: Decimal | None) -> Runs:
        """'€ 1.234,56' / '€1,234.56', or a dash."""
        return self.text(_formatted(format_money, value, self.lang)) if value is not None else self.dash()

    def pct(self, value: Decimal | None) -> Runs:
        """'87,07 %' / '87.07%', or a dash."""
        return self.text(_formatted(format_pct, value, self.lang)) if value is not None else self.dash()

    def number(self, value: Decimal | int | None) -> Runs:
        """'1.234,5' / '1,234.5', or a dash."""
        return self.text(_formatted(format_number, value, self.lang)) if value is not None else self.dash()


@lru_cache(maxsize=4096)
def _formatted(formatter: Callable[[Any, str], str], value: Decimal | int | dt.date, lang: str) -> str:
    """A figure formatted through babel, remembered: the scenario tables repeat
    figures year after year, and the check drafts on every change."""
    return formatter(value, lang)


def _annexes(answers: Answers, revenue: RevenueModel, texts: DocumentTexts, lang: str, t: Template,
             runs_of: Callable[[Any, str, str], Runs]) -> tuple[Table, ...]:
    word = texts.annex_word(lang)
    where = [f"{word} {n}" for n in (1, 2, 3, 4)]
    names = {p.id: p.label for p in answers.parties}
    names |= {"joint": "gezamenlijk" if lang == "nl" else "jointly", "each": "elke Partij" if lang == "nl" else "each Party"}
    cells = _Cells(lang, where[0], runs_of, names)
    annexes = [
        _chain_table(answers, texts, lang, cells),
        *_revenue_tables(revenue, texts, lang, cells.at(where[1]), t),
        _insurance_table(answers, texts, lang, cells.at(where[2])),
    ]
    if answers.partnership.value_contributions:
        annexes.append(_value_table(answers, texts, lang, cells.at(where[3])))
    return tuple(annexes)


def _chain_table(answers: Answers, texts: DocumentTexts, lang: str, c: _Cells) -> Table:
    chain = tuple(
        (
            c.answer(a.name, f"activities.value_chain[{i}].name"),
            c.party(a.lead, f"activities.value_chain[{i}].lead"),
            c.text(", ".join(c.names[s] for s in a.support) or "–"),
            c.text(a.description or "–"),
        )
        for i, a in enumerate(answers.activities.value_chain)
    ) or ((c.missing("activities.value_chain"), (), (), ()),)
    return Table(f"{c.where} – {texts.annex_value_chain(lang)}", (),
                 (texts.col_activity(lang), texts.col_lead(lang), texts.col_support(lang), texts.col_description(lang)),
                 chain)


def _insurance_table(answers: Answers, texts: DocumentTexts, lang: str, c: _Cells) -> Table:
    kinds = texts.insurance_kinds[lang]  # type: ignore[index]
    insurance = tuple(
        (
            c.party(x.party, f"risk.insurance[{i}].party"),
            c.text(kinds.get(x.kind, x.kind) + (f" – {x.description}" if x.description else "")),
            c.text(x.insurer or "–"),
            c.answer(_cover(x.cover, x.kind, lang), f"risk.insurance[{i}].cover"),
        )
        for i, x in enumerate(answers.risk.insurance)
    ) or ((c.missing("risk.insurance"), (), (), ()),)
    return Table(f"{c.where} – {texts.annex_insurance(lang)}", (),
                 (texts.col_party(lang), texts.col_kind(lang), texts.col_insurer(lang), texts.col_cover(lang)),
                 insurance)


def _cover(cover: Any, kind: str, lang: str) -> str | None:
    if cover is not None:
        return money(cover, lang)
    if kind == "workers":  # workplace-accident insurance: cover is set by law
        return "wettelijke dekking" if lang == "nl" else "statutory cover"
    return None


def _value_table(answers: Answers, texts: DocumentTexts, lang: str, c: _Cells) -> Table:
    """The seed's "Oefening 1": what each party brings to the value proposition."""
    rows = tuple(
        (
            c.party(v.party, f"partnership.value_contributions[{i}].party"),
            c.text("; ".join(v.products_services) or "–"),
            c.text("; ".join(v.gain_creators) or "–"),
            c.text("; ".join(v.pain_relievers) or "–"),
        )
        for i, v in enumerate(answers.partnership.value_contributions)
    )
    return Table(f"{c.where} – {texts.annex_value_contributions(lang)}", (),
                 (texts.col_party(lang), texts.col_products(lang), texts.col_gains(lang), texts.col_pains(lang)), rows)


# --- Annex 2: the revenue model ---------------------------------------------------


def _words(texts: RevenueTexts, lang: str) -> dict[str, str]:
    return {name: value(lang) for name, value in texts if isinstance(value, Text)}


def _revenue_tables(model: RevenueModel, texts: DocumentTexts, lang: str, c: _Cells, t: Template) -> list[Table]:
    """Annex 2: cost estimate, costs per activity, investments, key (per
    activity, incentives) and scenarios, each as a table of its own."""
    w = _words(texts.revenue, lang)
    party = texts.col_party(lang)

    def table(sub: str, intro: Runs, columns: tuple[str, ...], rows: tuple[Row, ...]) -> Table:
        return Table(f"{c.where} – {w['title']}: {w[sub]}", intro, columns, rows)

    tables = [table("cost_estimate", t(texts.revenue.intro, c.where),
                    (w["col_cost_item"], w["col_unit_cost"], w["col_required"], w["col_project_cost"]),
                    _cost_rows(model, w, c))]
    if model.cost.activity_partners:
        tables.append(table("activity_costs", (), (texts.col_activity(lang), party, w["col_annual_cost"],
                                                   w["col_cost_share"]), _activity_cost_rows(model, w, c)))
    if model.cost.investments:
        tables.append(table("investments", (), (party, w["col_investment"], w["col_amount"], w["col_owner"]),
                            _investment_rows(model, w, c)))
    founders = _founders_parts(model.key)
    fourth = w["col_founders"] if founders else w["col_annual_cost"]
    tables.append(table("key", t(texts.distribution_basis, c.where), (party, w["col_key"], w["col_cost_share"], fourth),
                        _key_rows(model, founders, w, c)))
    if any(row.activity for row in model.key.rows) or _activity_key_gaps(model.key):
        tables.append(table("activity_key", (), (texts.col_activity(lang), w["col_activity_part"], party,
                                                 w["col_activity_share"]), _activity_key_rows(model.key, w, c)))
    if model.key.incentives:
        tables.append(table("incentives", (), (party, w["col_incentive"], w["col_pct"], w["col_note"]),
                            tuple((c.text(i.name), c.text(w[i.kind]), c.pct(i.pct), c.text(i.note or "–"))
                                  for i in model.key.incentives)))
    cases = _cases(model)
    columns = (w["col_item"], *(w[case] for case in cases))
    tables.append(table("scenarios", t(texts.revenue.scenarios_intro, c.where), columns,
                        _scenario_rows(model, cases, w, c)))
    tables.append(table("scenario_shares", (), columns, _share_rows(model, cases, w, c)))
    return tables


def _cost_rows(model: RevenueModel, w: Mapping[str, str], c: _Cells) -> tuple[Row, ...]:
    """The seed's "Kost / stuk - Vereist - Projectkost", partner by partner."""
    cost = model.cost
    if not cost.lines:
        return ((c.missing("finance.cost_items"), (), (), ()),)
    rows: list[Row] = []
    for party in dict.fromkeys(line.party for line in cost.lines):
        lines = [line for line in cost.lines if line.party == party]
        subtotal = sum((line.amount for line in lines if line.amount is not None), Decimal(0))
        rows.append((c.text(lines[0].name), (), (), ()))
        rows += [_cost_line(line, c) for line in lines]
        rows.append((c.text(f"{w['total']} {lines[0].name}"), (), (), c.money(subtotal)))
    rows.append((c.text(w["total"]), (), (), c.money(cost.total_annual)))
    if model.pricing.method != "platform-fee" or (model.pricing.fee_period or "unit") == "unit":
        volume = c.number(cost.volume_per_year) if cost.volume_per_year else c.missing("finance.volume_per_year")
        rows.append((c.text(w["per_unit"]), (), volume, c.money(cost.cost_per_unit)))
    return tuple(rows)


def _cost_line(line: CostLine, c: _Cells) -> Row:
    unit, volume, amount = c.money(line.unit_cost), c.number(line.volume), c.money(line.amount)
    path = f"finance.cost_items[{line.index}]"
    if line.amount is None:  # the placeholder goes where the missing answer belongs
        if line.unit_cost is not None:
            volume = c.missing(f"{path}.volume_per_year")
        elif line.volume is not None:
            unit = c.missing(f"{path}.unit_cost")
        else:
            amount = c.missing(f"{path}.annual_amount")
    item = f"{line.activity}: {line.description}" if line.activity else line.description
    return (c.text(item), unit, volume, amount)


def _activity_cost_rows(model: RevenueModel, w: Mapping[str, str], c: _Cells) -> tuple[Row, ...]:
    cost = model.cost
    cells = list(zip(cost.activity_partners, percentages([x.amount for x in cost.activity_partners]), strict=True))
    rows: list[Row] = []
    for activity in cost.activities:
        mine = [(x, pct) for x, pct in cells if x.activity == activity.activity]
        name = activity.activity or w["no_activity"]
        for index, (x, pct) in enumerate(mine):
            rows.append((c.text("" if index else name), c.text(x.name), c.money(x.amount), c.pct(pct)))
        if len(mine) > 1:
            rows.append(((), c.text(f"{w['total']} {name}"), c.money(activity.amount), c.pct(activity.pct)))
    rows.append((c.text(w["total"]), (), c.money(cost.total_annual), c.pct(Decimal(100))))
    return tuple(rows)


def _investment_rows(model: RevenueModel, w: Mapping[str, str], c: _Cells) -> tuple[Row, ...]:
    rows: list[Row] = []
    for inv in model.cost.investments:
        own = inv.source.startswith("finance.investments")  # an item's year-0 investment has no owner field
        amount = c.money(inv.amount) if inv.amount is not None else c.missing(f"{inv.source}.amount")
        owner = c.party(inv.owner, f"{inv.source}.owner") if own else c.dash()
        rows.append((c.text(inv.name), c.text(inv.description), amount, owner))
    rows.append((c.text(w["total"]), (), c.money(model.cost.total_investment), ()))
    return tuple(rows)


def _founders_parts(key: DistributionKey) -> dict[str, Decimal]:
    """Each founding party's part of the whole amount from the founders'
    percentage, in %; empty when there is none."""
    activities = {row.activity: row.activity_pct * row.founders_pct for row in key.rows}
    total = sum(activities.values(), Decimal(0)) / 100
    if not key.founders or not total:
        return {}
    return dict(zip(key.founders, split(total, [1] * len(key.founders)), strict=True))


def _key_gap(key: DistributionKey) -> str:
    """The answer that keeps the key from splitting anything: its basis
    first, when that is not chosen yet."""
    needed = ("finance.distribution.basis", "finance.distribution.shares", "finance.cost_items",
              "finance.distribution.per_activity")
    return next((path for path in key.missing if path.startswith(needed)), "finance.distribution.shares")


def _key_rows(model: RevenueModel, founders: Mapping[str, Decimal], w: Mapping[str, str], c: _Cells) -> tuple[Row, ...]:
    """Each party's key next to its cost contribution, and its founders' part
    (platform) or its yearly cost."""
    key = model.key
    if not key.usable:
        return ((c.missing(_key_gap(key)), (), (), ()),)
    costs = model.cost.total_annual != 0
    rows: list[Row] = []
    for p in key.parties:
        cost = c.money(p.annual_cost) if costs else c.dash()
        fourth = (c.pct(founders[p.party]) if p.party in founders else c.dash()) if founders else cost
        rows.append((c.text(p.name), c.pct(p.key_pct), c.pct(p.cost_pct) if costs else c.dash(), fourth))
    total_cost = c.money(model.cost.total_annual) if costs else c.dash()
    total = c.pct(sum(founders.values(), Decimal(0))) if founders else total_cost
    rows.append((c.text(w["total"]), c.pct(Decimal(100)), c.pct(Decimal(100)) if costs else c.dash(), total))
    return tuple(rows)


def _activity_key_rows(key: DistributionKey, w: Mapping[str, str], c: _Cells) -> tuple[Row, ...]:
    rows: list[Row] = []
    for activity in dict.fromkeys(row.activity for row in key.rows):
        mine = [row for row in key.rows if row.activity == activity]
        for index, row in enumerate(mine):
            rows.append((c.text("" if index else activity or w["no_activity"]), () if index else c.pct(row.activity_pct),
                         c.text(row.name), c.pct(row.pct)))
        if mine[0].founders_pct and key.founders:
            rows.append(((), (), c.text(w["founders"]), c.pct(mine[0].founders_pct)))
    rows += [(c.missing(path), (), (), ()) for path in _activity_key_gaps(key)]
    return tuple(rows)


def _activity_key_gaps(key: DistributionKey) -> list[str]:
    """The answers an activity's key still needs (its shares or its weight)."""
    return [path for path in key.missing if path.startswith("finance.distribution.per_activity[")]


def _cases(model: RevenueModel) -> tuple[str, ...]:
    """The scenario columns: the middle case alone, or all three."""
    given = tuple(dict.fromkeys(s.case for s in model.scenarios))
    return given if given in ((), ("middle",)) else ("best", "middle", "worst")


def _year_label(model: RevenueModel, year: int, w: Mapping[str, str], lang: str) -> str:
    start = next((s.start for s in model.scenarios if s.year == year and s.start), None)
    return f"{w['year']} {year}" + (f" ({w['starting']} {_formatted(format_date, start, lang)})" if start else "")


ScenarioLine = tuple[str, Callable[[ScenarioYear], Runs]]


def _scenario_lines(model: RevenueModel, w: Mapping[str, str], c: _Cells) -> list[ScenarioLine]:
    """The rows of each year: label and how a scenario-year fills its cell."""
    costs = bool(model.cost.lines)
    price_gap = next(iter(model.pricing.missing), "finance.pricing.price_per_unit")

    def price(s: ScenarioYear) -> Runs:
        return c.money(s.price_per_unit) if s.price_per_unit is not None or s.volume is None else c.missing(price_gap)

    lines: list[ScenarioLine] = [
        (w["volume"] + (f" ({model.pricing.unit})" if model.pricing.unit else ""),
         lambda s: c.number(s.volume) if s.volume is not None else c.missing("finance.volume_per_year")),
        (w["price"], price),
        (w["revenue"], lambda s: c.money(s.revenue)),
        (w["cost"], lambda s: c.money(s.cost) if costs else c.missing("finance.cost_items")),
        (w["margin"], lambda s: c.money(s.margin) if costs else c.dash()),
    ]
    if model.key.reinvestment_pct:
        lines.append((f"{w['reinvestment']} ({format_pct(model.key.reinvestment_pct, c.lang)})",
                      lambda s: c.money(s.reinvestment)))
    lines.append((w["distributed"], lambda s: c.money(s.distributed)))
    if costs:
        lines.append((w["cumulative"], lambda s: c.money(s.cumulative_margin)))
    return lines


def _scenario_rows(model: RevenueModel, cases: tuple[str, ...], w: Mapping[str, str], c: _Cells) -> tuple[Row, ...]:
    """Per year: a heading row, then volume, price, revenue, cost, margin,
    reinvestment, the amount distributed and the cumulative margin."""
    by_case = {(s.case, s.year): s for s in model.scenarios}
    lines = _scenario_lines(model, w, c)
    rows: list[Row] = []
    for year in range(1, model.years + 1):
        found = [by_case.get((case, year)) for case in cases]
        rows.append((c.text(_year_label(model, year, w, c.lang)), *(() for _ in cases)))
        rows += [(c.text(label), *(cell(s) if s else c.dash() for s in found)) for label, cell in lines]
    return tuple(rows)


def _share_rows(model: RevenueModel, cases: tuple[str, ...], w: Mapping[str, str], c: _Cells) -> tuple[Row, ...]:
    """Per year: each party's share of the amount distributed (and, when
    revenue is shared, what is left after its own costs)."""
    shares = {(s.case, s.year, s.party): s for s in model.scenario_shares}
    net = model.key.of == "revenue" and bool(model.cost.lines)
    rows: list[Row] = []
    for year in range(1, model.years + 1):
        rows.append((c.text(_year_label(model, year, w, c.lang)), *(() for _ in cases)))
        for p in model.key.parties:
            found = [shares.get((case, year, p.party)) for case in cases]
            rows.append((c.text(p.name), *(c.money(s.share if s else None) for s in found)))
            if net:
                rows.append((c.text(f"{p.name} {w['after_costs']}"), *(c.money(s.net if s else None) for s in found)))
    return tuple(rows)
