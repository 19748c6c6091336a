"""Scenarios best / middle / worst: revenue, cost, margin and every
partner's share, per year of the projection."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..answers import Answers, Scenario
from .costs import CostEstimate
from .key import DistributionKey
from .money import HUNDRED, ZERO, cents
from .prices import PricingResult, fee_revenue
from .waterfall import Distributed, distribute

DEFAULT_YEARS = 3
CASES = ("best", "middle", "worst")


@dataclass(frozen=True)
class ScenarioYear:
    """Revenue, cost and margin of one year of one scenario."""

    case: str  # best | middle | worst
    year: int  # 1..years
    start: dt.date | None  # first day of the year (None without a start date)
    volume: Decimal | None
    price_per_unit: Decimal | None  # for a tiered fee: the average
    revenue: Decimal | None
    cost: Decimal
    margin: Decimal | None  # revenue - cost
    amount: Decimal | None  # what the key distributes (revenue or margin), before reinvestment
    reinvestment: Decimal
    distributed: Decimal | None  # amount - reinvestment
    cumulative_margin: Decimal | None  # margin since year 1, minus the investments before year 0


@dataclass(frozen=True)
class ScenarioShare:
    """One partner's share in one year of one scenario."""

    case: str
    year: int
    party: str
    name: str
    own_cost: Decimal  # the partner's yearly cost in this scenario
    key_share: Decimal
    founders_share: Decimal
    incentive_share: Decimal
    share: Decimal  # key + founders + incentives
    pct: Decimal  # share as % of the amount distributed
    without_incentives: Decimal
    net: Decimal  # margin key: share (costs are covered first); revenue key: share - own cost


def projection_years(answers: Answers) -> int:
    """finance.years, else the years of a fixed term, else 3."""
    if answers.finance.years:
        return answers.finance.years
    term = answers.term
    if term.duration == "fixed" and term.start_date and term.end_date and term.end_date > term.start_date:
        years = 1
        while add_years(term.start_date, years) <= term.end_date:
            years += 1
        return min(years, 30)
    return DEFAULT_YEARS


def add_years(day: dt.date, years: int) -> dt.date:
    """``day`` shifted by whole years (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def scenario_specs(answers: Answers) -> tuple[Scenario, ...]:
    """The scenarios in best, middle, worst order; a middle case from the
    base volume and price is always there."""
    given = {s.case: s for s in answers.finance.scenarios}
    given.setdefault("middle", Scenario(case="middle"))
    return tuple(given[case] for case in CASES if case in given)


def scenarios(answers: Answers, cost: CostEstimate, price: PricingResult,
              key: DistributionKey) -> tuple[tuple[ScenarioYear, ...], tuple[ScenarioShare, ...], tuple[str, ...]]:
    """Every scenario for every year of the projection, with each partner's share."""
    years, rows, shares = projection_years(answers), [], []
    missing: list[str] = []
    for spec in scenario_specs(answers):
        cumulative: Decimal | None = -cost.total_investment
        for year in range(1, years + 1):
            row, share_rows = _scenario_year(answers, cost, price, key, spec, year, cumulative, missing)
            cumulative = row.cumulative_margin
            rows.append(row)
            shares += share_rows
    return tuple(rows), tuple(shares), tuple(dict.fromkeys(missing))


def _volume(spec: Scenario, base: int | None, year: int, missing: list[str]) -> Decimal | None:
    if spec.volume_per_year is not None:
        volume = Decimal(spec.volume_per_year)
    elif base is None:
        missing.append("finance.volume_per_year")
        return None
    else:
        volume = Decimal(base) * (spec.volume_pct if spec.volume_pct is not None else HUNDRED) / HUNDRED
    if year > 1 and spec.growth_pct:
        volume *= (1 + spec.growth_pct / HUNDRED) ** (year - 1)
    return cents(volume)


def _revenue(answers: Answers, price: PricingResult, spec: Scenario,
             volume: Decimal | None) -> tuple[Decimal | None, Decimal | None]:
    """(revenue, price per unit): the scenario's price, the agreed price, a
    platform fee schedule, else the chosen method's price."""
    if volume is None:
        return None, None
    explicit = spec.price_per_unit if spec.price_per_unit is not None else price.agreed_price
    if explicit is None and price.method == "platform-fee":
        revenue = fee_revenue(answers.finance.pricing, volume)
        return revenue, (cents(Fraction(revenue) / Fraction(volume)) if revenue is not None and volume else None)
    unit_price = explicit if explicit is not None else price.price_per_unit
    return (cents(volume * unit_price), unit_price) if unit_price is not None else (None, None)


def _scaled_costs(answers: Answers, cost: CostEstimate, volume: Decimal | None) -> dict[str, Decimal]:
    """Each party's yearly cost: unit costs scale with the volume, annual amounts do not."""
    factor = Fraction(volume) / cost.volume_per_year if volume is not None and cost.volume_per_year else Fraction(1)
    out = {p.id: ZERO for p in answers.parties}
    for line in cost.lines:
        if line.amount is None:
            continue
        scaled = line.unit_cost is not None and line.volume is not None
        out[line.party] = out.get(line.party, ZERO) + (cents(Fraction(line.amount) * factor) if scaled else line.amount)
    return out


def _scenario_year(answers: Answers, cost: CostEstimate, price: PricingResult, key: DistributionKey, spec: Scenario,
                   year: int, cumulative: Decimal | None,
                   missing: list[str]) -> tuple[ScenarioYear, list[ScenarioShare]]:
    volume = _volume(spec, cost.volume_per_year, year, missing)
    revenue, unit_price = _revenue(answers, price, spec, volume)
    party_costs = _scaled_costs(answers, cost, volume)
    total_cost = sum(party_costs.values(), ZERO)
    margin = revenue - total_cost if revenue is not None else None
    amount = revenue if key.of == "revenue" else margin
    result = distribute(key, amount, year) if amount is not None else None
    start = add_years(answers.term.start_date, year - 1) if answers.term.start_date else None
    row = ScenarioYear(
        spec.case, year, start, volume, unit_price, revenue, total_cost, margin, amount,
        result.reinvestment if result else ZERO, result.distributed if result else None,
        cumulative + margin if cumulative is not None and margin is not None else None,
    )
    return row, _scenario_shares(key, spec.case, year, result, party_costs)


def _scenario_shares(key: DistributionKey, case: str, year: int, result: Distributed | None,
                     party_costs: dict[str, Decimal]) -> list[ScenarioShare]:
    if result is None:
        return []
    return [
        ScenarioShare(case, year, s.party, s.name, party_costs.get(s.party, ZERO), s.key_share,
                      s.founders_share, s.incentive_share, s.total, s.pct, s.without_incentives,
                      s.total - party_costs.get(s.party, ZERO) if key.of == "revenue" else s.total)
        for s in result.shares
    ]
