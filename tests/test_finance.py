"""The revenue model: worked examples with hand-checked figures (the
arithmetic is in the comments), rounding properties, formatting, and the
`bbm finance` command."""

from __future__ import annotations

import copy
import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from bbm_contracts.answers import Answers
from bbm_contracts.cli import _Group, main
from bbm_contracts.errors import AnswersError
from bbm_contracts.finance import (
    add_years,
    amount_in_words,
    cents,
    cost_estimate,
    distribute,
    distribution_key,
    format_date,
    format_money,
    format_pct,
    percentages,
    projection_years,
    revenue_model,
    split,
)
from bbm_contracts.finance_cli import finance
from bbm_contracts.intake import parse_answers, read_answers

from .conftest import EXAMPLES, write

D = Decimal


def example(name: str, **finance: Any) -> Answers:
    """A bundled example, with some finance answers replaced."""
    data = yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    data = copy.deepcopy(data)
    data.setdefault("finance", {}).update(finance)
    return Answers.model_validate(data)


def shares_of(model: Any, case: str, year: int) -> dict[str, Decimal]:
    return {s.party: s.share for s in model.scenario_shares if s.case == case and s.year == year}


def year_of(model: Any, case: str, year: int) -> Any:
    return next(y for y in model.scenarios if y.case == case and y.year == year)


# --- rounding --------------------------------------------------------------------------------


def test_split_gives_the_lost_cent_to_the_largest_remainder() -> None:
    # 100.00 in thirds: exact 33.333...; naive rounding gives 3 x 33.33 = 99.99 and loses a cent.
    # Largest remainder: floors 3333 + 3333 + 3333 = 9999 cents, 1 cent left, all remainders
    # equal (1/3): the first part gets it.
    assert split(D("100.00"), [1, 1, 1]) == (D("33.34"), D("33.33"), D("33.33"))
    # 0.05 in halves: 2.5 + 2.5 cents -> 3 + 2
    assert split(D("0.05"), [1, 1]) == (D("0.03"), D("0.02"))
    # a loss splits the same way on its absolute value
    assert split(D("-100.00"), [1, 1, 1]) == (D("-33.34"), D("-33.33"), D("-33.33"))
    # zero weights take nothing; a zero amount needs no weights
    assert split(D("10.00"), [0, 1]) == (D("0.00"), D("10.00"))
    assert split(D("0"), [0, 0]) == (D("0.00"), D("0.00"))
    with pytest.raises(ValueError, match="zero weights"):
        split(D("1.00"), [0, 0])


def test_cents_round_half_up_away_from_zero_at_any_size() -> None:
    # 2.675 is exactly 2.675 as a Decimal (no binary float): half up gives 2.68
    assert [cents(D(v)) for v in ("2.675", "0.005", "-0.005", "-2.675")] == [D("2.68"), D("0.01"), D("-0.01"), D("-2.68")]
    assert split(D("1E+40"), [1, 2]) == (D("3" * 40 + ".33"), D("6" * 40 + ".67"))


def test_percentages_add_up_to_exactly_100() -> None:
    # 2:1 -> 66.666..% and 33.333..%; floors 6666 + 3333 = 9999 hundredths, the cent to the
    # larger remainder (.67 > .33)
    assert percentages([2, 1]) == (D("66.67"), D("33.33"))
    assert percentages([0, 0]) == (D("0.00"), D("0.00"))


@settings(max_examples=200, deadline=None)
@given(
    cents=st.integers(min_value=-10**11, max_value=10**11),
    weights=st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=8).filter(any),
)
def test_split_always_adds_up_and_stays_within_a_cent(cents: int, weights: list[int]) -> None:
    amount = D(cents) / 100
    parts = split(amount, weights)
    assert sum(parts) == amount
    for part, weight in zip(parts, weights, strict=True):
        exact = Fraction(cents, 100) * weight / sum(weights)
        assert abs(Fraction(part) - exact) < Fraction(1, 100)


# --- cost estimate and the cost-contribution key (Kaliber & Knoopwerk) ---------------------------------


def test_kaliber_cost_estimate_per_partner_and_activity() -> None:
    cost = cost_estimate(example("kaliber-knoopwerk"))
    # Kaliber: 7800 x 25 = 195000; 3200 x 25 = 80000; 450 x 25 = 11250 -> 286250
    # Knoopwerk: 1100 x 25 = 27500; annual 15000 -> 42500. Total 328750.
    assert [line.amount for line in cost.lines] == [D(195000), D(80000), D(11250), D(27500), D(15000)]
    assert {p.party: p.annual_cost for p in cost.partners} == {"kaliber": D(286250), "knoopwerk": D(42500)}
    assert cost.total_annual == D("328750.00")
    # 286250 / 328750 = 87.0722..%, 42500 / 328750 = 12.9277..%: floors 8707 + 1292 = 9999
    # hundredths; the last one to Knoopwerk (.77 > .22)
    assert [p.pct for p in cost.partners] == [D("87.07"), D("12.93")]
    # investments before year 0: 60000 (hout) and 25000 (CAPP's)
    assert [p.investment for p in cost.partners] == [D(60000), D(25000)]
    assert cost.total_investment == D(85000)
    # every unit cost has volume 25, so 25 is the base volume; 328750 / 25 = 13150 per kit
    assert cost.volume_per_year == 25 and cost.cost_per_unit == D("13150.00")
    by_activity = {a.activity: a.amount for a in cost.activities}
    assert by_activity["Ontwerp & offerte"] == D(42500)  # 27500 + 15000
    assert cost.missing == ()


def test_kaliber_bottom_up_price_and_middle_scenario() -> None:
    model = revenue_model(example("kaliber-knoopwerk"))
    # bottom-up: 13150 + 20 % mark-up = 15780
    assert model.pricing.method == "bottom-up" and model.pricing.price_per_unit == D("15780.00")
    assert model.years == 3  # 1 Sep 2026 - 31 Aug 2029
    middle = year_of(model, "middle", 1)
    # revenue 25 x 15780 = 394500; margin 394500 - 328750 = 65750
    assert (middle.revenue, middle.cost, middle.margin) == (D(394500), D(328750), D(65750))
    # reinvestment 15 % of 65750 = 9862.50; distributed 55887.50
    assert (middle.reinvestment, middle.distributed) == (D("9862.50"), D("55887.50"))
    # key 286250 : 42500 = 229 : 34 (out of 263): 55887.50 x 229/263 = 48662.50, x 34/263 = 7225
    assert shares_of(model, "middle", 1) == {"kaliber": D("48662.50"), "knoopwerk": D("7225.00")}
    # cumulative: -85000 investments + 65750 = -19250; year 2: +65750 = 46500
    assert [year_of(model, "middle", y).cumulative_margin for y in (1, 2)] == [D(-19250), D(46500)]


def test_margin_on_the_price_instead_of_on_cost() -> None:
    answers = example("kaliber-knoopwerk", pricing={"method": "bottom-up", "target_margin_pct": 20, "margin_basis": "price"})
    # 13150 / (1 - 0.20) = 16437.50
    assert revenue_model(answers).pricing.price_per_unit == D("16437.50")


def test_best_and_worst_case_per_year() -> None:
    answers = example("kaliber-knoopwerk", scenarios=[
        {"case": "worst", "volume_per_year": 20, "price_per_unit": 15000},
        {"case": "best", "volume_pct": 120, "growth_pct": 10},
    ])
    model = revenue_model(answers)
    assert [(y.case, y.year) for y in model.scenarios][:4] == [("best", 1), ("best", 2), ("best", 3), ("middle", 1)]
    best1, best2, worst1 = year_of(model, "best", 1), year_of(model, "best", 2), year_of(model, "worst", 1)
    # best, year 1: 25 x 120 % = 30 kits; unit costs scale x 1.2: 234000 + 96000 + 13500 + 33000,
    # the annual 15000 does not: cost 391500; revenue 30 x 15780 = 473400; margin 81900
    assert (best1.volume, best1.cost, best1.revenue, best1.margin) == (D(30), D(391500), D(473400), D(81900))
    # reinvest 15 % = 12285; distributed 69615; 69615 x 229/263 = 60615.342 -> 60615.34,
    # 69615 x 34/263 = 8999.658 -> 8999.66 (together 69615.00)
    assert best1.distributed == D(69615)
    assert shares_of(model, "best", 1) == {"kaliber": D("60615.34"), "knoopwerk": D("8999.66")}
    # best, year 2: 30 x 1.10 = 33 kits; factor 1.32: 257400 + 105600 + 14850 + 36300 + 15000 = 429150;
    # revenue 33 x 15780 = 520740; margin 91590; cumulative -85000 + 81900 + 91590 = 88490
    assert (best2.volume, best2.cost, best2.margin, best2.cumulative_margin) == (D(33), D(429150), D(91590), D(88490))
    # worst: 20 kits at 15000 = 300000; factor 0.8: 156000 + 64000 + 9000 + 22000 + 15000 = 266000;
    # margin 34000; reinvest 5100; 28900 x 229/263 = 25163.878 -> 25163.88; x 34/263 = 3736.12
    assert (worst1.revenue, worst1.cost, worst1.margin) == (D(300000), D(266000), D(34000))
    assert shares_of(model, "worst", 1) == {"kaliber": D("25163.88"), "knoopwerk": D("3736.12")}


# --- fixed key, top-down pricing (De Wroeter & 37graden) ------------------------------------------------------


def test_wroeter_fixed_key_with_top_down_price() -> None:
    answers = example("wroeter-37graden", pricing={
        "method": "top-down", "market_price": 1000, "premium_pct": 10, "target_margin_pct": 25})
    model = revenue_model(answers)
    # costs: De Wroeter 420 x 40 + 150 x 40 = 22800; 37graden 180 x 40 + 6000 = 13200; total 36000, 900 a unit
    assert model.cost.total_annual == D(36000) and model.cost.cost_per_unit == D(900)
    # top-down 1000 + 10 % = 1100 (chosen); bottom-up 900 + 25 % = 1125 for comparison
    assert model.pricing.chosen is not None and model.pricing.chosen.price_per_unit == D(1100)
    assert [(o.method, o.price_per_unit) for o in model.pricing.alternatives] == [("bottom-up", D(1125))]
    middle = year_of(model, "middle", 1)
    # 40 x 1100 = 44000; margin 8000; reinvest 10 % = 800; 7200 split 50/50
    assert (middle.revenue, middle.margin, middle.reinvestment, middle.distributed) == (D(44000), D(8000), D(800), D(7200))
    assert shares_of(model, "middle", 1) == {"wroeter": D(3600), "37graden": D(3600)}
    # the key next to the cost contributions: 50/50 against 63.33/36.67 (22800 and 13200 of 36000)
    assert [(p.key_pct, p.cost_pct) for p in model.key.parties] == [(D(50), D("63.33")), (D(50), D("36.67"))]
    assert model.years == 3 and model.start == dt.date(2026, 3, 1)  # indefinite term: 3 years
    assert year_of(model, "middle", 2).start == dt.date(2027, 3, 1)


def test_a_loss_is_shared_by_the_key_without_reinvestment() -> None:
    answers = example("wroeter-37graden", pricing={"method": "top-down", "market_price": 800, "premium_pct": 10})
    model = revenue_model(answers)
    middle = year_of(model, "middle", 1)
    # 40 x 880 = 35200 - 36000 = -800: nothing reinvested, -400 each
    assert (middle.margin, middle.reinvestment, middle.distributed) == (D(-800), D(0), D(-800))
    assert shares_of(model, "middle", 1) == {"wroeter": D(-400), "37graden": D(-400)}


def test_the_wroeter_example_has_three_scenarios() -> None:
    model = revenue_model(example("wroeter-37graden"))
    assert model.missing == ()
    # top-down: market price 1100 + 10 % premium = 1210 a team building
    assert model.pricing.price_per_unit == D(1210)
    # best: 60 x 1210 = 72600; cost 60 x (420 + 150 + 180) + 6000 = 51000; margin 21600; reinvest 10 % = 2160
    # middle: 40 x 1210 = 48400 - 36000 = 12400; reinvest 1240; worst: 20 x 1210 = 24200 - 21000 = 3200; 320
    assert [(y.case, y.revenue, y.cost, y.margin, y.distributed) for y in model.scenarios if y.year == 1] == [
        ("best", D(72600), D(51000), D(21600), D(19440)),
        ("middle", D(48400), D(36000), D(12400), D(11160)),
        ("worst", D(24200), D(21000), D(3200), D(2880)),
    ]
    assert shares_of(model, "middle", 1) == {"wroeter": D(5580), "37graden": D(5580)}  # 11160 / 2
    # cumulative after the 8000 of material: 12400 - 8000 = 4400 in year 1, 16800 in year 2
    assert [year_of(model, "middle", y).cumulative_margin for y in (1, 2)] == [D(4400), D(16800)]


def test_without_a_market_price_there_is_no_revenue() -> None:
    model = revenue_model(example("wroeter-37graden", pricing={"method": "top-down", "premium_pct": 10}))
    assert model.missing == ("finance.pricing.market_price",)
    assert year_of(model, "middle", 1).revenue is None
    assert model.scenario_shares == ()


# --- platform: per activity with founders' percentage ---------------------------------------------------------

PLATFORM = """
model: platform
parties:
  - {id: a, name: Alfa vzw}
  - {id: b, name: Beta bv}
  - {id: c, name: Gamma vzw, founder: false}
activities:
  value_chain:
    - {name: Screening, lead: a}
    - {name: Matching, lead: b}
finance:
  volume_per_year: 120
  pricing: {method: platform-fee, platform_fee: 100, fee_period: unit}
  distribution:
    basis: per-activity
    of: revenue
    per_activity:
      - {activity: Screening, weight_pct: 50, founders_pct: 10, shares: [{party: a, pct: 60}, {party: c, pct: 40}]}
      - {activity: Matching, weight_pct: 50, shares: [{party: b, pct: 100}]}
  founder_fee: {pct: 5, years: 2}
  reinvestment_pct: 10
"""


def test_three_partner_platform_with_founders_percentage() -> None:
    model = revenue_model(parse_answers(PLATFORM))
    # key rows: Screening keeps 10 % for the founders, 60/40 of the rest: a 54 %, c 36 %;
    # Matching keeps the founder fee's 5 % (no own percentage), b 95 %
    assert [(r.activity, r.party, r.pct, r.founders_pct) for r in model.key.rows] == [
        ("Screening", "a", D(54), D(10)), ("Screening", "c", D(36), D(10)), ("Matching", "b", D(95), D(5))]
    # overall: a = .5 x .54 + .5 x .10 / 2 + .5 x .05 / 2 = .3075; b = .5 x .95 + .025 + .0125 = .5125;
    # c (not a founder) = .5 x .36 = .18
    assert [p.key_pct for p in model.key.parties] == [D("30.75"), D("51.25"), D("18.00")]
    # revenue 120 x 100 = 12000; reinvest 10 % = 1200; 10800 distributed, 5400 per activity.
    # Screening: founders 540 (a 270, b 270), rest 4860: a 2916, c 1944.
    # Matching: founders 270 (a 135, b 135), rest 5130 to b.
    # a = 2916 + 270 + 135 = 3321; b = 5130 + 270 + 135 = 5535; c = 1944; together 10800
    year1 = year_of(model, "middle", 1)
    assert (year1.revenue, year1.reinvestment, year1.distributed) == (D(12000), D(1200), D(10800))
    assert shares_of(model, "middle", 1) == {"a": D(3321), "b": D(5535), "c": D(1944)}
    founders = {s.party: s.founders_share for s in model.scenario_shares if s.year == 1}
    assert founders == {"a": D(405), "b": D(405), "c": D(0)}
    # the founders' fee runs two years: in year 3 Screening gives a 3240, c 2160; Matching b 5400
    assert shares_of(model, "middle", 3) == {"a": D(3240), "b": D(5400), "c": D(2160)}


def test_an_incentive_is_paid_off_the_top_and_its_effect_shown() -> None:
    text = PLATFORM + "  incentives:\n    - {kind: risk, party: c, pct: 5, note: draagt het risico}\n"
    model = revenue_model(parse_answers(text))
    # 5 % of 10800 = 540 to c first; 10260 for the key, 5130 per activity.
    # Screening: founders 513 (256.50 each), rest 4617: a 2770.20, c 1846.80.
    # Matching: founders 256.50 (128.25 each), rest 4873.50 to b.
    # a = 2770.20 + 256.50 + 128.25 = 3154.95; b = 4873.50 + 384.75 = 5258.25;
    # c = 1846.80 + 540 = 2386.80; together 10800.00
    assert shares_of(model, "middle", 1) == {"a": D("3154.95"), "b": D("5258.25"), "c": D("2386.80")}
    c = next(s for s in model.scenario_shares if s.year == 1 and s.party == "c")
    # without the incentive c would get 1944 (see above): the incentive is worth 442.80 to c
    assert (c.incentive_share, c.without_incentives, c.share - c.without_incentives) == (D(540), D(1944), D("442.80"))


def test_tiered_fee_where_naive_rounding_would_add_a_cent() -> None:
    answers = example("blm-qjobs", volume_per_year=30)
    model = revenue_model(answers)
    # graduated tiers: 10 x 1250 + 15 x 1100 + 5 x 950 = 12500 + 16500 + 4750 = 33750 (1125 a unit)
    year1 = year_of(model, "middle", 1)
    assert (year1.revenue, year1.price_per_unit) == (D(33750), D(1125))
    # no reinvestment; founders (BLM, Q-Jobs; Kompas joined later) 5 % = 1687.50, 843.75 each.
    # Rest 32062.50 by 45/30/25: 14428.125, 9618.75, 8015.625. Rounding each half up gives
    # 14428.13 + 9618.75 + 8015.63 = 32062.51, a cent too many. Largest remainder: 1442812 +
    # 961875 + 801562 = 3206249 cents, 1 left, BLM and Kompas tie at .5, BLM is listed first:
    # BLM 14428.13, Kompas 8015.62.
    assert shares_of(model, "middle", 1) == {
        "blm": D("15271.88"),  # 14428.13 + 843.75
        "qjobs": D("10462.50"),  # 9618.75 + 843.75
        "kompas": D("8015.62"),
    }
    assert sum(shares_of(model, "middle", 1).values()) == D(33750)


def test_equal_thirds_of_a_margin_keep_every_cent() -> None:
    text = """
parties:
  - {id: a, name: A}
  - {id: b, name: B}
  - {id: c, name: C}
finance:
  volume_per_year: 1
  pricing: {method: bottom-up, target_margin_pct: 10, price_per_unit: 3100}
  cost_items:
    - {party: a, description: x, annual_amount: 1000}
    - {party: b, description: y, annual_amount: 1000}
    - {party: c, description: z, annual_amount: 1000}
  distribution: {basis: cost-contribution, of: margin}
"""
    model = revenue_model(parse_answers(text))
    # agreed price 3100 (bottom-up 3000 + 10 % = 3300 is the computed one, the agreed one wins):
    # margin 3100 - 3000 = 100.00 in thirds: 33.34 + 33.33 + 33.33 (naive: 99.99)
    assert model.pricing.price_per_unit == D(3100)
    assert shares_of(model, "middle", 1) == {"a": D("33.34"), "b": D("33.33"), "c": D("33.33")}


# --- what is missing, and defaults ---------------------------------------------------------------------------


def test_missing_answers_are_listed_not_raised() -> None:
    model = revenue_model(example("minimal"))
    assert model.missing == ("finance.cost_items", "finance.volume_per_year", "finance.pricing.method",
                             "finance.distribution.basis", "finance.distribution.of")
    assert not model.key.usable and model.key.basis == "cost-contribution" and model.key.of == "margin"
    assert [y.revenue for y in model.scenarios] == [None, None, None]
    assert distribute(model.key, D(100)) is None


def test_unstated_pieces_are_named() -> None:
    text = """
parties:
  - {id: a, name: A}
  - {id: b, name: B}
finance:
  pricing: {method: top-down, premium_pct: 5}
  cost_items:
    - {party: a, description: x, unit_cost: 10}
    - {party: b, description: y}
  incentives:
    - {kind: investment, party: a}
  investments:
    - {party: b, description: machine}
"""
    missing = revenue_model(parse_answers(text)).missing
    assert "finance.cost_items[0].volume_per_year" in missing
    assert "finance.cost_items[1].annual_amount" in missing
    assert "finance.pricing.market_price" in missing
    assert "finance.incentives[0].pct" in missing
    assert "finance.investments[0].amount" in missing


def test_unresolved_party_ids_from_the_check_path_do_not_break_the_model(tmp_path: Path) -> None:
    path = write(tmp_path / "a.yaml", """
        parties:
          - {id: a, name: A}
          - {id: b, name: B}
        finance:
          volume_per_year: 10
          pricing: {method: top-down, market_price: 20}
          cost_items:
            - {party: zz, description: onbekend, annual_amount: 100}
            - {party: a, description: werk, unit_cost: 5, volume_per_year: 10}
          distribution:
            basis: per-activity
            of: margin
            per_activity:
              - {activity: Q, shares: [{party: zz, pct: 50}]}
          incentives: [{kind: risk, party: zz, pct: 10}]
        """)
    answers, problems = read_answers(path)
    assert {p.path for p in problems} >= {"finance.cost_items[0].party", "finance.incentives[0].party"}
    model = revenue_model(answers)
    # the share of the unknown id is dropped: activity Q has no key left
    assert not model.key.usable and "finance.distribution.per_activity[0].shares" in model.missing
    assert year_of(model, "middle", 1).revenue == D(200)  # 10 x 20


def test_absurd_sizes_do_not_crash() -> None:
    answers = Answers.model_validate({"parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}], "finance": {
        "cost_items": [{"party": "a", "description": "x", "unit_cost": "999999999999.99", "volume_per_year": 10**9}],
        "pricing": {"method": "bottom-up", "target_margin_pct": 50}, "years": 30,
        "scenarios": [{"case": "best", "volume_pct": 1000, "growth_pct": 1000}]}})
    model = revenue_model(answers)
    assert len(model.scenarios) == 60
    assert format_money(D("1E+32"), "nl").startswith("€ 100.000.000")


def test_projection_years() -> None:
    assert projection_years(example("kaliber-knoopwerk")) == 3  # 2026-09-01 .. 2029-08-31
    assert projection_years(example("pronatura-ilva")) == 5  # 2027-01-01 .. 2031-12-31
    assert projection_years(example("kaliber-knoopwerk", years=7)) == 7
    assert projection_years(example("wroeter-37graden")) == 3  # indefinite term
    assert add_years(dt.date(2028, 2, 29), 1) == dt.date(2029, 2, 28)


def test_new_answers_are_validated() -> None:
    with pytest.raises(AnswersError, match="the best case is given more than once"):
        parse_answers("parties: [{id: a, name: A}, {id: b, name: B}]\n"
                      "finance: {scenarios: [{case: best}, {case: best}]}\n")
    with pytest.raises(AnswersError, match=r"finance.incentives\[0\].party: 'cc' names no party"):
        parse_answers("parties: [{id: a, name: A}, {id: b, name: B}]\n"
                      "finance: {incentives: [{kind: risk, party: cc, pct: 5}]}\n")
    with pytest.raises(AnswersError, match=r"partnership.value_contributions\[0\].party: 'x' names no party"):
        parse_answers("parties: [{id: a, name: A}, {id: b, name: B}]\n"
                      "partnership: {value_contributions: [{party: x, gain_creators: [snel]}]}\n")
    with pytest.raises(AnswersError, match="activity 'S' has more than one key"):
        parse_answers("parties: [{id: a, name: A}, {id: b, name: B}]\n"
                      "finance: {distribution: {per_activity: [{activity: S}, {activity: S}]}}\n")


def test_a_reinvestment_share_over_100_is_refused_when_read() -> None:
    # no FIN-REINVESTMENT-OVER-100 rule: the answers model allows 0 to 100, so the file is refused with its line
    with pytest.raises(AnswersError, match=r"line 2: finance.reinvestment_pct: expected less than or equal to 100, got 150"):
        parse_answers("parties: [{id: a, name: A}, {id: b, name: B}]\n"
                      "finance: {reinvestment_pct: 150}\n")


# --- properties of the key ---------------------------------------------------------------------------------------

money_cents = st.integers(min_value=0, max_value=10**9)


def _cost_answers(costs: list[int], **finance: Any) -> Answers:
    parties = [{"id": f"p{i}", "name": f"P{i}"} for i in range(len(costs))]
    items = [{"party": f"p{i}", "description": "kost", "annual_amount": str(D(c) / 100)}
             for i, c in enumerate(costs) if c]
    return Answers.model_validate({"parties": parties, "finance": {
        "cost_items": items, "distribution": {"basis": "cost-contribution", "of": "margin"}, **finance}})


@settings(max_examples=100, deadline=None)
@given(costs=st.lists(money_cents, min_size=2, max_size=5).filter(any), factor=st.integers(min_value=2, max_value=1000),
       amount=st.integers(min_value=-10**9, max_value=10**9))
def test_scaling_all_costs_changes_no_share(costs: list[int], factor: int, amount: int) -> None:
    base, scaled = _cost_answers(costs), _cost_answers([c * factor for c in costs])
    key, scaled_key = (distribution_key(a, cost_estimate(a)) for a in (base, scaled))
    assert [p.key_pct for p in key.parties] == [p.key_pct for p in scaled_key.parties]
    assert [p.cost_pct for p in key.parties] == [p.cost_pct for p in scaled_key.parties]
    money = D(amount) / 100
    first, second = distribute(key, money), distribute(scaled_key, money)
    assert first is not None and second is not None
    assert [s.total for s in first.shares] == [s.total for s in second.shares]


@settings(max_examples=100, deadline=None)
@given(costs=st.lists(money_cents, min_size=1, max_size=4).filter(any), amount=st.integers(min_value=-10**9, max_value=10**9),
       reinvest=st.integers(min_value=0, max_value=100))
def test_a_partner_without_costs_gets_nothing_under_the_cost_key(costs: list[int], amount: int, reinvest: int) -> None:
    answers = _cost_answers([0, *costs], reinvestment_pct=reinvest)
    key = distribution_key(answers, cost_estimate(answers))
    assert key.parties[0].key_pct == 0
    result = distribute(key, D(amount) / 100)
    assert result is not None and result.shares[0].total == 0


share_pcts = st.lists(st.integers(min_value=0, max_value=100), min_size=2, max_size=5).filter(any)


@settings(max_examples=150, deadline=None)
@given(pcts=share_pcts, amount=st.integers(min_value=-10**11, max_value=10**11),
       reinvest=st.integers(min_value=0, max_value=100), founders=st.integers(min_value=0, max_value=100),
       incentives=st.lists(st.integers(min_value=0, max_value=60), max_size=3),
       founder_flags=st.lists(st.booleans(), min_size=5, max_size=5))
def test_shares_always_add_up_to_the_amount_distributed(pcts: list[int], amount: int, reinvest: int, founders: int,
                                                         incentives: list[int], founder_flags: list[bool]) -> None:
    parties = [{"id": f"p{i}", "name": f"P{i}", "founder": founder_flags[i]} for i in range(len(pcts))]
    answers = Answers.model_validate({"parties": parties, "finance": {
        "distribution": {"basis": "fixed", "of": "margin",
                         "shares": [{"party": f"p{i}", "pct": p} for i, p in enumerate(pcts)]},
        "reinvestment_pct": reinvest, "founder_fee": {"pct": founders},
        "incentives": [{"kind": "risk", "party": f"p{i % len(pcts)}", "pct": p} for i, p in enumerate(incentives)],
    }})
    key = distribution_key(answers, cost_estimate(answers))
    result = distribute(key, D(amount) / 100)
    assert result is not None
    assert result.reinvestment + result.distributed == D(amount) / 100
    assert sum(s.total for s in result.shares) == result.distributed
    assert sum(s.without_incentives for s in result.shares) == result.distributed
    assert sum(s.key_share + s.founders_share + s.incentive_share for s in result.shares) == result.distributed
    if result.distributed:
        assert sum(s.pct for s in result.shares) == 100


# --- formatting -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "lang", "text"), [
    (D("1234.56"), "nl", "€ 1.234,56"),
    (D("1234.56"), "en", "€1,234.56"),
    (D("1250000"), "nl", "€ 1.250.000,00"),
    (D("0.5"), "nl", "€ 0,50"),
])
def test_money_is_formatted_the_belgian_way(value: Decimal, lang: str, text: str) -> None:
    assert format_money(value, lang) == text


def test_dates_and_percentages() -> None:
    assert format_date(dt.date(2025, 1, 1), "nl") == "1 januari 2025"
    assert format_date(dt.date(2025, 1, 1), "en") == "1 January 2025"
    assert format_pct(D("12.50"), "nl") == "12,5 %"
    assert format_pct(D("12.50"), "en") == "12.5%"


@pytest.mark.parametrize(("value", "lang", "words"), [
    (D("1234.56"), "nl", "duizend tweehonderdvierendertig euro en zesenvijftig cent"),
    (D("1234.56"), "en", "one thousand, two hundred and thirty-four euros and fifty-six cents"),
    (D("18000"), "nl", "achttienduizend euro"),
    (D("101"), "nl", "honderdeen euro"),
    (D("1250000"), "nl", "een miljoen tweehonderdvijftigduizend euro"),
    (D("1"), "nl", "één euro"),
    (D("1.01"), "en", "one euro and one cent"),
])
def test_amounts_in_words(value: Decimal, lang: str, words: str) -> None:
    assert amount_in_words(value, lang) == words


# --- the command ---------------------------------------------------------------------------------------------------


@pytest.fixture
def bbm() -> Any:
    """`bbm` with the finance command, run in-process (as main.add_command(finance) will)."""
    group = _Group(name="bbm", commands={**main.commands, "finance": finance})
    runner = CliRunner()

    def run(*args: object) -> Any:
        return runner.invoke(group, [str(a) for a in args], catch_exceptions=False)

    return run


def test_cli_text_tables(bbm: Any) -> None:
    result = bbm("finance", EXAMPLES / "kaliber-knoopwerk.yaml")
    assert result.exit_code == 0, result.output
    for text in ("Kosteninschatting", "€ 328.750,00", "87,07 %", "bottom-up", "€ 15.780,00", "€ 48.662,50",
                 "1 september 2026", "Alle antwoorden"):
        assert text in result.output
    english = bbm("finance", EXAMPLES / "wroeter-37graden.yaml", "--lang", "en")
    assert english.exit_code == 0
    assert "Cost estimate" in english.output and "€36,000.00" in english.output
    assert "€48,400.00" in english.output and "Every answer the revenue model needs is given." in english.output


def test_cli_json_to_stdout_and_file(bbm: Any, tmp_path: Path) -> None:
    result = bbm("finance", EXAMPLES / "kaliber-knoopwerk.yaml", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert (data["schema"], data["version"], data["currency"]) == ("bbm-finance", 1, "EUR")
    assert data["cost"]["total_annual"] == "328750.00"
    assert data["scenario_shares"][0]["share"] == "48662.50"
    out = tmp_path / "model.json"
    assert bbm("finance", EXAMPLES / "kaliber-knoopwerk.yaml", "-o", out).exit_code == 0  # format from the suffix
    assert json.loads(out.read_text(encoding="utf-8")) == data


def test_cli_xlsx_reads_back(bbm: Any, tmp_path: Path) -> None:
    out = tmp_path / "verdienmodel.xlsx"
    result = bbm("finance", EXAMPLES / "kaliber-knoopwerk.yaml", "--format", "xlsx", "-o", out)
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Kosteninschatting", "Kosten per partner", "Prijszetting", "Verdeelsleutel",
                               "Scenario's", "Nog te beantwoorden"]
    costs = book["Kosteninschatting"]
    assert [c.value for c in costs[1]][:6] == ["Partner", "Activiteit", "Kost", "Kost / stuk", "Vereist", "Projectkost"]
    assert (costs["A2"].value, costs["D2"].value, costs["E2"].value, costs["F2"].value) == ("Kaliber", 7800, 25, "=D2*E2")
    assert costs["F6"].value == 15000  # an annual amount is a value, not a formula
    assert costs["F7"].value == "=SUM(F2:F6)"
    partners = book["Kosten per partner"]
    assert D(str(partners["C2"].value)) == D("0.8707") and partners["C2"].number_format == "0.00%"
    scenarios = book["Scenario's"]
    header = [c.value for c in scenarios[1]]
    assert D(str(scenarios.cell(2, header.index("Kaliber") + 1).value)) == D("48662.50")
    assert D(str(scenarios.cell(2, header.index("Marge") + 1).value)) == D(65750)


def test_cli_never_overwrites_without_force(bbm: Any, tmp_path: Path) -> None:
    for name, fmt in (("a.xlsx", "xlsx"), ("a.json", "json")):
        out = tmp_path / name
        out.write_bytes(b"precious")
        result = bbm("finance", EXAMPLES / "kaliber-knoopwerk.yaml", "--format", fmt, "-o", out)
        assert result.exit_code == 2 and "already exists; use --force to replace it" in result.output
        assert out.read_bytes() == b"precious"
        assert bbm("finance", EXAMPLES / "kaliber-knoopwerk.yaml", "--format", fmt, "-o", out, "--force").exit_code == 0
        assert out.read_bytes() != b"precious"


def test_cli_bad_input_exits_2(bbm: Any, tmp_path: Path) -> None:
    bad = write(tmp_path / "bad.yaml", """
        parties:
          - {id: a, name: A}
          - {id: b, name: B}
        finance:
          incentives: [{kind: luck, party: a}]
        """)
    result = bbm("finance", bad)
    assert result.exit_code == 2 and "finance.incentives[0].kind" in result.output
    assert bbm("finance", tmp_path / "nothing.yaml").exit_code == 2
    result = bbm("finance", EXAMPLES / "minimal.yaml", "--format", "xlsx")
    assert result.exit_code == 2 and "-o FILE.xlsx" in result.output
    result = bbm("finance", EXAMPLES / "minimal.yaml", "--format", "xlsx", "-o", tmp_path / "a.csv")
    assert result.exit_code == 2 and "must be an .xlsx file" in result.output
