"""Pricing: top-down (market price + premium), bottom-up (cost per unit +
target margin) and a fixed or tiered platform fee; the chosen method and the
others for comparison."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ..answers import Answers, FeeTier, Pricing
from .costs import CostEstimate
from .money import HUNDRED, cents

_PERIODS_PER_YEAR = {"unit": 1, "month": 12, "quarter": 4, "year": 1}


@dataclass(frozen=True)
class PriceOption:
    """The price per unit one pricing method gives."""

    method: str  # top-down | bottom-up | platform-fee
    price_per_unit: Decimal | None  # platform fee: the average per unit (or per user per year) at the base volume
    reference: Decimal | None  # market price | cost per unit | fixed fee
    uplift_pct: Decimal | None  # premium | target margin (None for a platform fee)
    missing: tuple[str, ...]


@dataclass(frozen=True)
class FeeBand:
    """One band of a tiered platform fee: units from_unit..up_to pay fee each."""

    from_unit: int
    up_to: int | None  # None: every unit above from_unit
    fee: Decimal


@dataclass(frozen=True)
class PricingResult:
    """The chosen pricing method and the others for comparison."""

    method: str | None  # chosen method (finance.pricing.method)
    chosen: PriceOption | None
    alternatives: tuple[PriceOption, ...]  # the other methods that can be computed
    agreed_price: Decimal | None  # finance.pricing.price_per_unit
    price_per_unit: Decimal | None  # used in the scenarios: the agreed price, else the chosen method's
    unit: str | None
    margin_basis: str  # cost (mark-up on cost) | price (margin on the price)
    fee_period: str | None
    fee_bands: tuple[FeeBand, ...]
    missing: tuple[str, ...]


def pricing(answers: Answers, cost: CostEstimate) -> PricingResult:
    """Top-down, bottom-up and platform prices; the chosen one and the rest."""
    p = answers.finance.pricing
    options = {
        "top-down": _top_down(p),
        "bottom-up": _bottom_up(p, cost),
        "platform-fee": _platform(p, cost.volume_per_year),
    }
    chosen = options.get(p.method) if p.method else None
    alternatives = tuple(o for m, o in options.items() if m != p.method and o.price_per_unit is not None)
    missing = ["finance.pricing.method"] if p.method is None else []
    missing += list(chosen.missing) if chosen else []
    return PricingResult(
        method=p.method, chosen=chosen, alternatives=alternatives, agreed_price=p.price_per_unit,
        price_per_unit=p.price_per_unit if p.price_per_unit is not None else (chosen.price_per_unit if chosen else None),
        unit=p.unit, margin_basis=p.margin_basis or "cost", fee_period=p.fee_period,
        fee_bands=fee_bands(p), missing=tuple(missing),
    )


def _top_down(p: Pricing) -> PriceOption:
    """Market reference price plus a premium (0 % when none is stated)."""
    if p.market_price is None:
        return PriceOption("top-down", None, None, p.premium_pct, ("finance.pricing.market_price",))
    premium = p.premium_pct or Decimal(0)
    return PriceOption("top-down", cents(p.market_price * (1 + premium / HUNDRED)), p.market_price, premium, ())


def _bottom_up(p: Pricing, cost: CostEstimate) -> PriceOption:
    """Cost per unit plus the target margin, on cost (mark-up) or on the price."""
    missing = [] if cost.lines else ["finance.cost_items"]
    missing += [] if cost.cost_per_unit is not None else ["finance.volume_per_year"]
    if p.target_margin_pct is None:
        missing.append("finance.pricing.target_margin_pct")
    if missing or cost.cost_per_unit is None or p.target_margin_pct is None:
        return PriceOption("bottom-up", None, cost.cost_per_unit, p.target_margin_pct, tuple(missing))
    margin = p.target_margin_pct / HUNDRED
    if p.margin_basis == "price":
        if margin >= 1:
            return PriceOption("bottom-up", None, cost.cost_per_unit, p.target_margin_pct,
                               ("finance.pricing.target_margin_pct",))
        return PriceOption("bottom-up", cents(cost.cost_per_unit / (1 - margin)), cost.cost_per_unit,
                           p.target_margin_pct, ())
    return PriceOption("bottom-up", cents(cost.cost_per_unit * (1 + margin)), cost.cost_per_unit, p.target_margin_pct, ())


def _platform(p: Pricing, volume: int | None) -> PriceOption:
    """A fixed or tiered fee: the average per unit at the base volume."""
    missing = [] if (p.platform_fee is not None or p.fee_tiers) else ["finance.pricing.platform_fee"]
    if p.fee_period is None:
        missing.append("finance.pricing.fee_period")
    if volume is None and p.fee_tiers:
        missing.append("finance.volume_per_year")
    revenue = fee_revenue(p, Decimal(volume)) if volume else None
    average = cents(Fraction(revenue) / volume) if revenue is not None and volume else None
    if average is None and p.platform_fee is not None and not p.fee_tiers:
        average = cents(p.platform_fee * _PERIODS_PER_YEAR[p.fee_period or "unit"])
    return PriceOption("platform-fee", average, p.platform_fee, None, tuple(missing))


def fee_bands(p: Pricing) -> tuple[FeeBand, ...]:
    """The fee tiers as bands, in order; an open tier (no up_to) ends the list
    and a tier that adds no units (up_to not above the one before) is left out."""
    ordered: list[FeeTier] = sorted(p.fee_tiers, key=lambda t: (t.up_to is None, t.up_to or 0))
    bands, lower = [], 0
    for tier in ordered:
        if tier.up_to is not None and tier.up_to <= lower:
            continue
        bands.append(FeeBand(lower + 1, tier.up_to, tier.fee))
        if tier.up_to is None:
            break
        lower = tier.up_to
    return tuple(bands)


def fee_revenue(p: Pricing, volume: Decimal) -> Decimal | None:
    """Yearly platform-fee revenue for ``volume`` units (per unit) or paying
    users (per month, quarter or year). Tiers are graduated: each unit pays
    the fee of its own band; units above the last band pay its fee."""
    periods = _PERIODS_PER_YEAR[p.fee_period or "unit"]
    if p.fee_tiers:
        return cents(_graduated(fee_bands(p), volume) * periods)
    if p.platform_fee is not None:
        return cents(p.platform_fee * volume * periods)
    return None


def _graduated(bands: tuple[FeeBand, ...], volume: Decimal) -> Decimal:
    total, lower = Decimal(0), Decimal(0)
    for band in bands:
        upper = Decimal(band.up_to) if band.up_to is not None else volume
        count = min(volume, upper) - lower
        if count <= 0:
            return total
        total += count * band.fee
        lower = upper
    return total + max(volume - lower, Decimal(0)) * bands[-1].fee
