"""Running an amount through the key: reinvestment, incentives, the
founders' percentage and the partners' shares, exact to the cent."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .key import DistributionKey, IncentiveLine, KeyRow
from .money import HUNDRED, ZERO, cents, percentages, split


@dataclass(frozen=True)
class ShareLine:
    """One partner's part of one distributed amount."""

    party: str
    name: str
    key_share: Decimal  # by the key of the activities
    founders_share: Decimal  # from the founders' percentage
    incentive_share: Decimal  # from incentives
    total: Decimal  # key + founders + incentives
    pct: Decimal  # total as % of the amount distributed (all partners add up to 100)
    without_incentives: Decimal  # what the partner would get without any incentive


@dataclass(frozen=True)
class Distributed:
    """An amount run through the waterfall; shares add up to ``distributed``."""

    amount: Decimal  # before reinvestment
    reinvestment: Decimal  # kept back in the cooperation
    distributed: Decimal  # amount - reinvestment = sum of the shares' totals
    incentives: Decimal
    founders: Decimal
    shares: tuple[ShareLine, ...]


def distribute(key: DistributionKey, amount: Decimal, year: int = 1) -> Distributed | None:
    """Run ``amount`` through reinvestment, incentives, founders' percentage
    and the key (see the package docstring); None when the key is not usable."""
    if not key.usable:
        return None
    amount = cents(amount)
    reinvest, rest = split(amount, [key.reinvestment_pct, HUNDRED - key.reinvestment_pct]) if amount > 0 else (
        ZERO, amount)
    with_incentives = _waterfall(key, rest, year, key.incentives)
    without = _waterfall(key, rest, year, ())
    totals = [sum(with_incentives[p.party], ZERO) for p in key.parties]
    pcts = percentages([abs(total) for total in totals])
    shares = tuple(
        ShareLine(p.party, p.name, k, f, i, total, pct, sum(without[p.party], ZERO))
        for p, total, pct in zip(key.parties, totals, pcts, strict=True)
        for k, f, i in [with_incentives[p.party]]
    )
    return Distributed(amount, reinvest, rest, sum((s.incentive_share for s in shares), ZERO),
                       sum((s.founders_share for s in shares), ZERO), shares)


def _waterfall(key: DistributionKey, amount: Decimal, year: int,
               incentives: tuple[IncentiveLine, ...]) -> dict[str, list[Decimal]]:
    """Per party [key share, founders share, incentive share]."""
    out = {p.party: [ZERO] * 3 for p in key.parties}
    if amount > 0 and incentives:
        pcts = [i.pct for i in incentives]
        *paid, amount = split(amount, [*pcts, max(HUNDRED - sum(pcts), Decimal(0))])
        for incentive, value in zip(incentives, paid, strict=True):
            out[incentive.party][2] += value
    founders_on = amount > 0 and (key.founders_years is None or year <= key.founders_years)
    activities = _group_rows(key.rows)
    for rows, part in zip(activities, split(amount, [rows[0].activity_weight for rows in activities]), strict=True):
        _share_activity(key, rows, part, founders_on, out)
    return out


def _share_activity(key: DistributionKey, rows: list[KeyRow], amount: Decimal, founders_on: bool,
                    out: dict[str, list[Decimal]]) -> None:
    founders_pct = rows[0].founders_pct if founders_on and key.founders else Decimal(0)
    founders, rest = split(amount, [founders_pct, HUNDRED - founders_pct])
    for row, value in zip(rows, split(rest, [row.weight for row in rows]), strict=True):
        out[row.party][0] += value
    for party, value in zip(key.founders, split(founders, [1] * len(key.founders)), strict=True):
        out[party][1] += value


def _group_rows(rows: tuple[KeyRow, ...]) -> list[list[KeyRow]]:
    groups: dict[str, list[KeyRow]] = {}
    for row in rows:
        groups.setdefault(row.activity, []).append(row)
    return list(groups.values())
