"""The revenue model (verdienmodel): cost estimate, pricing, distribution key
and scenarios, computed from the answers.

Pure functions over ``Answers`` returning frozen dataclasses whose rows are
flat (strings, ``Decimal``, ``int``, dates), one table row each, so annexes
and reports can loop over them. ``revenue_model`` chains the stages. A
missing answer never raises: each result lists the answer paths it still
needs in ``missing`` (``finance.pricing.market_price``) and computes what it
can without them.

Money is ``Decimal`` in euro (EUR), always a whole number of cents.

Rounding rule. A product of answers (unit cost x volume, price x volume, a
scaled cost) is rounded half up to the cent. An amount that is split
(reinvestment, incentives, founders' percentage, activities, partners) is
split with the largest-remainder method: the exact quota of every part is
computed as a fraction of whole cents, every part gets the floor of its
quota, and the cents left over go one at a time to the parts with the
largest remainders (on a tie, the part listed first: the earlier party in
the answers). The parts therefore always add up exactly to the amount split,
and no part is more than one cent from its exact quota. A negative amount (a
loss) is split the same way on its absolute value. Percentages shown are
rounded the same way to hundredths, so they add up to exactly 100. Rounding
and splitting are done in integer cents, so they are exact for any amount;
sums follow Python's decimal context (28 significant digits), i.e. they are
exact below 10^26 euro and merely rounded, never failing, above it.

The distribution waterfall, per year and scenario: the amount to distribute
(revenue, or margin = revenue - costs) -> the reinvestment share is kept
back (only from a positive amount) -> incentives are paid off the top ->
the rest goes to the activities by their weight -> in each activity the
founders' percentage goes to the founding partners in equal parts -> the
rest follows the activity's key. A loss is shared by the key alone. The
key is the one agreed on the cost estimate (base volume): a scenario changes
revenue and costs, not the key.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from ..answers import Answers
from .costs import (
    ActivityCost,
    ActivityPartnerCost,
    CostEstimate,
    CostLine,
    InvestmentLine,
    PartnerCost,
    base_volume,
    cost_estimate,
    item_amount,
)
from .key import DistributionKey, IncentiveLine, KeyParty, KeyRow, distribution_key
from .money import (
    CURRENCY,
    amount_in_words,
    cents,
    format_date,
    format_money,
    format_number,
    format_pct,
    percentages,
    split,
)
from .prices import FeeBand, PriceOption, PricingResult, fee_bands, fee_revenue, pricing
from .scenarios import (
    CASES,
    DEFAULT_YEARS,
    ScenarioShare,
    ScenarioYear,
    add_years,
    projection_years,
    scenario_specs,
    scenarios,
)
from .waterfall import Distributed, ShareLine, distribute


@dataclass(frozen=True)
class RevenueModel:
    """Cost estimate, pricing, key and scenarios of one answers file."""

    currency: str
    years: int
    start: dt.date | None
    cost: CostEstimate
    pricing: PricingResult
    key: DistributionKey
    scenarios: tuple[ScenarioYear, ...]
    scenario_shares: tuple[ScenarioShare, ...]
    missing: tuple[str, ...]  # every answer path still needed, each once, in order


def revenue_model(answers: Answers) -> RevenueModel:
    """The whole revenue model: cost -> pricing -> key -> scenarios."""
    cost = cost_estimate(answers)
    price = pricing(answers, cost)
    key = distribution_key(answers, cost)
    years, shares, scenario_missing = scenarios(answers, cost, price, key)
    missing = (*cost.missing, *price.missing, *key.missing, *scenario_missing)
    return RevenueModel(CURRENCY, projection_years(answers), answers.term.start_date, cost, price, key,
                        years, shares, tuple(dict.fromkeys(missing)))


def as_data(model: RevenueModel) -> dict[str, Any]:
    """The model as JSON-ready data: money and percentages as strings (exact), dates ISO."""
    data: dict[str, Any] = {"schema": "bbm-finance", "version": 1}
    data.update(_plain(asdict(model)))
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value



__all__ = [
    "CASES", "CURRENCY", "DEFAULT_YEARS", "ActivityCost", "ActivityPartnerCost", "CostEstimate", "CostLine",
    "Distributed", "DistributionKey", "FeeBand", "IncentiveLine", "InvestmentLine", "KeyParty", "KeyRow",
    "PartnerCost", "PriceOption", "PricingResult", "RevenueModel", "ScenarioShare", "ScenarioYear", "ShareLine",
    "add_years", "amount_in_words", "as_data", "base_volume", "cents", "cost_estimate", "distribute",
    "distribution_key", "fee_bands", "fee_revenue", "format_date", "format_money", "format_number", "format_pct",
    "item_amount", "percentages", "pricing", "projection_years", "revenue_model", "scenario_specs", "scenarios",
    "split",
]
