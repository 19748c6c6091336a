"""The distribution key (verdeelsleutel): fixed shares, shares by cost
contribution, or a key per activity with a founders' percentage; the
incentives and the reinvestment share that go with it."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from ..answers import Answers
from .costs import CostEstimate, party_label
from .money import HUNDRED, ZERO, percentages


@dataclass(frozen=True)
class KeyRow:
    """One partner's place in the key of one activity ("" = the whole amount)."""

    activity: str
    activity_pct: Decimal  # the activity's part of the amount for the key, %
    party: str
    name: str
    pct: Decimal  # the partner's % of the activity, after the founders' percentage
    founders_pct: Decimal  # founders' percentage taken from this activity first
    activity_weight: Decimal  # raw weight of the activity (stated % or its cost), exact
    weight: Decimal  # raw weight of the partner in the activity (stated % or its cost), exact


@dataclass(frozen=True)
class KeyParty:
    """One partner's overall key next to its cost contribution."""

    party: str
    name: str
    founder: bool
    key_pct: Decimal  # overall % of the amount for the key, founders' percentage included
    cost_pct: Decimal  # % of the total yearly cost (0 when there are no costs)
    annual_cost: Decimal


@dataclass(frozen=True)
class IncentiveLine:
    """An incentive paid off the top before the key applies."""

    kind: str  # investment | risk | open_partnership
    party: str
    name: str
    pct: Decimal  # % of the amount distributed (after reinvestment)
    note: str


@dataclass(frozen=True)
class DistributionKey:
    """The verdeelsleutel: what is distributed, how, and who gets what share."""

    basis: str  # fixed | cost-contribution | per-activity (the answer, or its default)
    of: str  # revenue | margin | profit (margin when not said; profit is computed as the margin,
    #          revenue - cost items, since no overheads are modelled)
    rows: tuple[KeyRow, ...]
    parties: tuple[KeyParty, ...]
    incentives: tuple[IncentiveLine, ...]
    reinvestment_pct: Decimal
    founders: tuple[str, ...]  # founding party ids, who share the founders' percentage equally
    founders_years: int | None  # founders' percentage applies in years 1..n (None: every year)
    stated_total_pct: Decimal | None  # sum of finance.distribution.shares (None when none given)
    usable: bool  # False when the key cannot split anything yet (see missing)
    missing: tuple[str, ...]


@dataclass(frozen=True)
class _Part:
    activity: str
    weight: Decimal
    founders_pct: Decimal
    shares: tuple[tuple[str, Decimal], ...]


def distribution_key(answers: Answers, cost: CostEstimate) -> DistributionKey:
    """The key from the answers: fixed shares, cost contributions or per
    activity with a founders' percentage; incentives and reinvestment."""
    d, finance = answers.finance.distribution, answers.finance
    basis = d.basis or ("fixed" if d.shares else "cost-contribution")
    missing = [] if d.basis else ["finance.distribution.basis"]
    missing += [] if d.of else ["finance.distribution.of"]
    parts, part_missing = _parts(answers, cost, basis)
    founders = tuple(p.id for p in answers.parties if p.founder)
    if not founders and any(part.founders_pct for part in parts):
        parts = [replace(part, founders_pct=Decimal(0)) for part in parts]
        missing.append("parties.founder")
    rows = _key_rows(answers, parts)
    return DistributionKey(
        basis=basis, of=d.of or "margin", rows=rows, parties=_key_parties(answers, cost, parts, founders),
        incentives=_incentives(answers), reinvestment_pct=finance.reinvestment_pct or Decimal(0),
        founders=founders, founders_years=finance.founder_fee.years,
        stated_total_pct=sum((s.pct for s in d.shares), Decimal(0)) if d.shares else None,
        usable=bool(rows), missing=tuple(missing + part_missing + _incentive_missing(answers)),
    )


def _parts(answers: Answers, cost: CostEstimate, basis: str) -> tuple[list[_Part], list[str]]:
    d, founders_pct = answers.finance.distribution, answers.finance.founder_fee.pct or Decimal(0)
    if basis == "per-activity" and d.per_activity:
        return _activity_parts(answers, cost, founders_pct)
    if basis == "fixed" or (basis == "per-activity" and d.shares):
        shares = _known(answers, [(s.party, s.pct) for s in d.shares])
        path = "finance.distribution.shares"
    else:
        shares = tuple((p.party, p.annual_cost) for p in cost.partners if p.annual_cost > 0)
        path = "finance.cost_items"
    if not shares:
        return [], [path]
    return [_Part("", HUNDRED, founders_pct, shares)], []


def _activity_parts(answers: Answers, cost: CostEstimate, founders_pct: Decimal) -> tuple[list[_Part], list[str]]:
    keys = answers.finance.distribution.per_activity
    missing: list[str] = []
    weights = _activity_weights(answers, cost, missing)
    parts = []
    for i, key in enumerate(keys):
        shares = _activity_shares(answers, cost, key.activity, [(s.party, s.pct) for s in key.shares])
        if not shares:
            missing.append(f"finance.distribution.per_activity[{i}].shares")
            continue
        pct = key.founders_pct if key.founders_pct is not None else founders_pct
        parts.append(_Part(key.activity, weights[i], pct, shares))
    if sum(part.weight for part in parts) == 0:
        parts = [replace(part, weight=Decimal(1)) for part in parts]
    return parts, missing


def _activity_weights(answers: Answers, cost: CostEstimate, missing: list[str]) -> list[Decimal]:
    """Stated weights; when none is stated, each activity's cost, else equal."""
    keys = answers.finance.distribution.per_activity
    if any(key.weight_pct is not None for key in keys):
        missing += [f"finance.distribution.per_activity[{i}].weight_pct" for i, k in enumerate(keys) if k.weight_pct is None]
        return [key.weight_pct or Decimal(0) for key in keys]
    costs = {a.activity: a.amount for a in cost.activities}
    weights = [costs.get(key.activity, Decimal(0)) for key in keys]
    return weights if any(weights) else [Decimal(1)] * len(keys)


def _activity_shares(answers: Answers, cost: CostEstimate, activity: str,
                     stated: list[tuple[str, Decimal]]) -> tuple[tuple[str, Decimal], ...]:
    """Stated shares; else the partners' costs in the activity; else the overall shares."""
    if stated:
        return _known(answers, stated)
    costs = tuple((c.party, c.amount) for c in cost.activity_partners if c.activity == activity)
    if costs:
        return costs
    return _known(answers, [(s.party, s.pct) for s in answers.finance.distribution.shares])


def _known(answers: Answers, shares: list[tuple[str, Decimal]]) -> tuple[tuple[str, Decimal], ...]:
    """Positive shares of parties that exist (intake reports unknown ids)."""
    ids = {p.id for p in answers.parties}
    return tuple((party, pct) for party, pct in shares if pct > 0 and party in ids)


def _key_rows(answers: Answers, parts: list[_Part]) -> tuple[KeyRow, ...]:
    activity_pcts = percentages([part.weight for part in parts])
    rows = []
    for part, activity_pct in zip(parts, activity_pcts, strict=True):
        total = sum((Fraction(w) for _, w in part.shares), Fraction(0))
        exact = [Fraction(w) / total * Fraction(HUNDRED - part.founders_pct) for _, w in part.shares]
        pcts = percentages([*exact, part.founders_pct])[:-1]  # with the founders' %, they add up to 100
        for (party, weight), pct in zip(part.shares, pcts, strict=True):
            rows.append(KeyRow(part.activity, activity_pct, party, party_label(answers, party), pct,
                               part.founders_pct, part.weight, weight))
    return tuple(rows)


def _key_parties(answers: Answers, cost: CostEstimate, parts: list[_Part],
                 founders: tuple[str, ...]) -> tuple[KeyParty, ...]:
    exact = _effective(answers, parts, founders)
    key_pcts = percentages(exact) if parts else tuple(ZERO for _ in answers.parties)
    return tuple(
        KeyParty(p.id, p.label, p.founder, key_pct, c.pct, c.annual_cost)
        for p, c, key_pct in zip(answers.parties, cost.partners, key_pcts, strict=True)
    )


def _effective(answers: Answers, parts: list[_Part], founders: tuple[str, ...]) -> list[Fraction]:
    """Each party's exact overall share of the key amount (fractions of 1)."""
    total_weight = sum((Fraction(part.weight) for part in parts), Fraction(0))
    out = {p.id: Fraction(0) for p in answers.parties}
    for part in parts:
        activity = Fraction(part.weight) / total_weight
        founders_share = Fraction(part.founders_pct) / 100
        share_total = sum((Fraction(w) for _, w in part.shares), Fraction(0))
        for party, weight in part.shares:
            out[party] = out.get(party, Fraction(0)) + activity * (1 - founders_share) * Fraction(weight) / share_total
        for party in founders if founders_share else ():
            out[party] += activity * founders_share / len(founders)
    return [out[p.id] for p in answers.parties]


def _incentives(answers: Answers) -> tuple[IncentiveLine, ...]:
    return tuple(
        IncentiveLine(i.kind, i.party, party_label(answers, i.party), i.pct, i.note or "")
        for i in answers.finance.incentives if i.pct is not None and i.party in {p.id for p in answers.parties}
    )


def _incentive_missing(answers: Answers) -> list[str]:
    return [f"finance.incentives[{i}].pct" for i, inc in enumerate(answers.finance.incentives) if inc.pct is None]
