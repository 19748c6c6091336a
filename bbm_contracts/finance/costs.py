"""The cost estimate: the seed's table "Kost / stuk - Vereist - Projectkost"
per cost item, per partner and per activity, and the investments before
year 0."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..answers import Answers, CostItem
from .money import ZERO, cents, percentages


@dataclass(frozen=True)
class CostLine:
    """One cost item: the seed's row "Kost / stuk - Vereist - Projectkost"."""

    index: int  # position in finance.cost_items
    party: str
    name: str  # the party's label
    activity: str  # "" when the item names no activity
    description: str
    unit_cost: Decimal | None  # "Kost / stuk"
    volume: int | None  # "Vereist" (units per year)
    amount: Decimal | None  # "Projectkost" per year: unit_cost x volume, else the annual amount
    year0_investment: Decimal  # investment before year 0 tied to this item (0 when none)


@dataclass(frozen=True)
class PartnerCost:
    """One partner's yearly cost, its share of the total and its investments."""

    party: str
    name: str
    annual_cost: Decimal
    pct: Decimal  # % of the total yearly cost (all partners add up to 100, or all 0)
    investment: Decimal  # before year 0: finance.investments + cost items' year0_investment


@dataclass(frozen=True)
class ActivityCost:
    """The yearly cost of one activity of the value chain."""

    activity: str  # "" for cost items that name no activity
    lead: str  # lead party id ("" when none)
    amount: Decimal
    pct: Decimal  # % of the total yearly cost


@dataclass(frozen=True)
class ActivityPartnerCost:
    """One partner's yearly cost in one activity (only non-zero cells)."""

    activity: str
    party: str
    name: str
    amount: Decimal


@dataclass(frozen=True)
class InvestmentLine:
    """An investment before year 0, from finance.investments or a cost item."""

    party: str
    name: str
    description: str
    amount: Decimal | None
    owner: str | None  # party id, "joint" or None (not said)
    source: str  # answer path it comes from


@dataclass(frozen=True)
class CostEstimate:
    """The cost estimate: per item, per partner, per activity, investments."""

    lines: tuple[CostLine, ...]
    partners: tuple[PartnerCost, ...]
    activities: tuple[ActivityCost, ...]
    activity_partners: tuple[ActivityPartnerCost, ...]
    investments: tuple[InvestmentLine, ...]
    total_annual: Decimal
    total_investment: Decimal
    volume_per_year: int | None  # base volume (units per year)
    cost_per_unit: Decimal | None  # total_annual / volume_per_year
    missing: tuple[str, ...]


def cost_estimate(answers: Answers) -> CostEstimate:
    """The yearly cost per item, partner and activity, and the investments."""
    items = answers.finance.cost_items
    lines = tuple(_cost_line(answers, i, item) for i, item in enumerate(items))
    total = sum((line.amount or Decimal(0) for line in lines), ZERO)
    investments = _investments(answers, lines)
    volume = base_volume(answers)
    return CostEstimate(
        lines=lines,
        partners=_partner_costs(answers, lines, investments),
        activities=_activity_costs(answers, lines),
        activity_partners=_activity_partner_costs(answers, lines),
        investments=investments,
        total_annual=total,
        total_investment=sum((inv.amount or Decimal(0) for inv in investments), ZERO),
        volume_per_year=volume,
        cost_per_unit=cents(Fraction(total) / volume) if volume else None,
        missing=tuple(_cost_missing(answers, lines, investments, volume)),
    )


def item_amount(item: CostItem) -> Decimal | None:
    """The yearly amount of a cost item: unit cost x volume, else its annual amount."""
    if item.unit_cost is not None and item.volume_per_year is not None:
        return cents(item.unit_cost * item.volume_per_year)
    return cents(item.annual_amount) if item.annual_amount is not None else None


def base_volume(answers: Answers) -> int | None:
    """Units per year: finance.volume_per_year, else the one volume all unit
    costs share (not for a platform fee per period, whose units are users)."""
    finance = answers.finance
    if finance.volume_per_year is not None:
        return finance.volume_per_year
    pricing = finance.pricing
    if pricing.method == "platform-fee" and (pricing.fee_period or "unit") != "unit":
        return None
    volumes = {i.volume_per_year for i in finance.cost_items if i.unit_cost is not None and i.volume_per_year is not None}
    return volumes.pop() if len(volumes) == 1 else None


def _cost_line(answers: Answers, index: int, item: CostItem) -> CostLine:
    return CostLine(
        index=index, party=item.party, name=party_label(answers, item.party), activity=item.activity or "",
        description=item.description, unit_cost=item.unit_cost, volume=item.volume_per_year,
        amount=item_amount(item), year0_investment=item.year0_investment or ZERO,
    )


def _investments(answers: Answers, lines: tuple[CostLine, ...]) -> tuple[InvestmentLine, ...]:
    own = [
        InvestmentLine(inv.party, party_label(answers, inv.party), inv.description, inv.amount, inv.owner,
                       f"finance.investments[{i}]")
        for i, inv in enumerate(answers.finance.investments)
    ]
    tied = [
        InvestmentLine(line.party, line.name, line.description, line.year0_investment, None,
                       f"finance.cost_items[{line.index}].year0_investment")
        for line in lines if line.year0_investment > 0
    ]
    return tuple(own + tied)


def _partner_costs(answers: Answers, lines: tuple[CostLine, ...],
                   investments: tuple[InvestmentLine, ...]) -> tuple[PartnerCost, ...]:
    costs = [_sum(line.amount for line in lines if line.party == p.id) for p in answers.parties]
    pcts = percentages(costs)
    return tuple(
        PartnerCost(p.id, p.label, cost, pct, _sum(inv.amount for inv in investments if inv.party == p.id))
        for p, cost, pct in zip(answers.parties, costs, pcts, strict=True)
    )


def _activity_names(answers: Answers, lines: Iterable[CostLine]) -> list[str]:
    names = [a.name for a in answers.activities.value_chain]
    for line in lines:
        if line.activity not in names and line.activity:
            names.append(line.activity)
    return names


def _activity_costs(answers: Answers, lines: tuple[CostLine, ...]) -> tuple[ActivityCost, ...]:
    names = _activity_names(answers, lines)
    if any(not line.activity for line in lines):
        names.append("")
    amounts = [_sum(line.amount for line in lines if line.activity == name) for name in names]
    leads = {a.name: a.lead or "" for a in answers.activities.value_chain}
    return tuple(
        ActivityCost(name, leads.get(name, ""), amount, pct)
        for name, amount, pct in zip(names, amounts, percentages(amounts), strict=True)
    )


def _activity_partner_costs(answers: Answers, lines: tuple[CostLine, ...]) -> tuple[ActivityPartnerCost, ...]:
    cells = []
    for name in [*_activity_names(answers, lines), ""]:
        for party in answers.parties:
            amount = _sum(line.amount for line in lines if line.activity == name and line.party == party.id)
            if amount:
                cells.append(ActivityPartnerCost(name, party.id, party.label, amount))
    return tuple(cells)


def _cost_missing(answers: Answers, lines: tuple[CostLine, ...], investments: tuple[InvestmentLine, ...],
                  volume: int | None) -> list[str]:
    missing = [] if lines else ["finance.cost_items"]
    for line in lines:
        if line.amount is None:
            field = "volume_per_year" if line.unit_cost is not None else (
                "unit_cost" if line.volume is not None else "annual_amount")
            missing.append(f"finance.cost_items[{line.index}].{field}")
    missing += [f"{inv.source}.amount" for inv in investments if inv.amount is None]
    if volume is None:
        missing.append("finance.volume_per_year")
    return missing


def _sum(values: Iterable[Decimal | None]) -> Decimal:
    return sum((v for v in values if v is not None), ZERO)


def party_label(answers: Answers, party_id: str) -> str:
    """The label of a party, or its id when no party has it."""
    try:
        return answers.party(party_id).label
    except KeyError:
        return party_id
