"""The check job: every rule triggered and not triggered, messages in both
languages, readiness, reports and exit codes."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from bbm_contracts import library_for
from bbm_contracts.check import check_answers
from bbm_contracts.intake import read_answers
from bbm_contracts.report import ReportJson
from bbm_contracts.rules import RULES

from .conftest import EXAMPLES, clause_yaml, write

LIBRARY = library_for()
CO_CREATION = yaml.safe_load((EXAMPLES / "wroeter-37graden.yaml").read_text(encoding="utf-8"))
PLATFORM = yaml.safe_load((EXAMPLES / "blm-qjobs.yaml").read_text(encoding="utf-8"))


def patched(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """A deep copy of ``base`` with dotted paths set (None removes the key)."""
    data = copy.deepcopy(base)
    for dotted, value in patch.items():
        *parents, last = dotted.split(".")
        node = data
        for key in parents:
            node = node.setdefault(key, {})
        if value is None:
            node.pop(last, None)
        else:
            node[last] = value
    return data


def run(tmp_path: Path, data: dict[str, Any], library: Path | None = None):
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    answers, problems = read_answers(path)
    return check_answers(answers, library_for(library) if library else LIBRARY, source=str(path), cross_problems=problems)


def rules_of(report) -> list[str]:
    return [f.rule for f in report.findings]


EXTRA_PARTY = {"id": "derde", "name": "Derde Partij bv", "economy": "regular"}

# rule id -> (base, patch that triggers it, severity expected, a fragment of the Dutch message parameters)
CASES: dict[str, tuple[dict[str, Any], dict[str, Any], str]] = {
    "RISK-LIABILITY-MISSING": (CO_CREATION, {"risk.liability.allocation": None}, "error"),
    "RISK-INSURANCE-MISSING": (CO_CREATION, {"risk.insurance": [{"party": "wroeter", "kind": "civil"}]}, "error"),
    "RISK-CAP-MISSING": (CO_CREATION, {"risk.liability": {"allocation": "own-fault"}}, "warning"),
    "RISK-INDEMNITY-MISSING": (CO_CREATION, {"risk.indemnities": None}, "warning"),
    "RISK-DATA-PROTECTION-MISSING": (CO_CREATION, {"risk.personal_data": {"shared": True, "categories": ["contactgegevens"]}}, "error"),
    "RISK-FORCE-MAJEURE-MISSING": (CO_CREATION, {"risk.force_majeure": {}}, "warning"),
    "TERM-START-MISSING": (CO_CREATION, {"term.start_date": None}, "error"),
    "TERM-DURATION-MISSING": (CO_CREATION, {"term.duration": None, "term.end_date": None}, "error"),
    "TERM-RENEWAL-MISSING": (CO_CREATION, {"term.duration": "fixed", "term.end_date": "2030-12-31", "term.renewal": {}}, "warning"),
    "TERM-NOTICE-MISSING": (CO_CREATION, {"term.notice": {}}, "error"),
    "TERM-NOTICE-TOO-LONG": (CO_CREATION, {"term.duration": "fixed", "term.start_date": "2027-01-01",
                                           "term.end_date": "2027-12-31", "term.notice": {"months": 12},
                                           "term.renewal": {"kind": "explicit"}}, "error"),
    "TERM-BREACH-MISSING": (CO_CREATION, {"term.breach": {}}, "error"),
    "TERM-EXIT-MISSING": (PLATFORM, {"term.exit": {}}, "error"),
    "TERM-CONSEQUENCES-MISSING": (CO_CREATION, {"term.consequences": {"orders": "Lopende opdrachten worden afgewerkt"}}, "warning"),
    "TERM-EVALUATION-MISSING": (CO_CREATION, {"term.evaluation": {}}, "error"),
    "SCALE-ACCESSION-MISSING": (PLATFORM, {"legal.accession": {}}, "error"),
    "SCALE-ACCESSION-INCOMPLETE": (PLATFORM, {"legal.accession": {"approver": "body"}}, "warning"),
    "SCALE-ACCESSION-UNANIMITY": (PLATFORM, {"legal.accession.approver": "all"}, "warning"),
    "SCALE-ASSIGNMENT-MISSING": (CO_CREATION, {"legal.assignment": None}, "warning"),
    "SCALE-FOUNDERS-UNDISTINGUISHED": (PLATFORM, {"finance.founder_fee": {"pct": 5}, "legal.new_partner_terms": {}}, "warning"),
    "SCALE-CLOSED-FORM": (PLATFORM, {"legal.form": "tijdelijke-maatschap"}, "warning"),
    "CONS-SHARES-SUM": (CO_CREATION, {"finance.distribution.shares": [{"party": "wroeter", "pct": 60}, {"party": "37graden", "pct": 50}]}, "error"),
    "CONS-PARTY-UNKNOWN": (CO_CREATION, {"partnership.lead_partner": "niemand"}, "error"),
    "CONS-DUPLICATE-PARTY": (CO_CREATION, {"parties": CO_CREATION["parties"] + [dict(CO_CREATION["parties"][0])]}, "error"),
    "CONS-DATES": (CO_CREATION, {"term.duration": "fixed", "term.start_date": "2027-01-01", "term.end_date": "2026-01-01"}, "error"),
    "CONS-PARTY-NO-ROLE": (CO_CREATION, {"parties": CO_CREATION["parties"] + [EXTRA_PARTY],
                                         "risk.insurance": CO_CREATION["risk"]["insurance"] + [{"party": "derde", "kind": "civil"}]},
                           "warning"),
    "CONS-FOUNDER-FEE-COCREATION": (CO_CREATION, {"finance.founder_fee": {"pct": 5}}, "warning"),
    "CONS-SETTLEMENT-MISSING": (CO_CREATION, {"finance.settlement.frequency": None}, "warning"),
    "LAW-ABOLISHED-FORM": (CO_CREATION, {"legal.form": "esv"}, "error"),
    "LAW-UNINTENDED-MAATSCHAP": (CO_CREATION, {"legal.form": None, "finance.investments": [
        {"party": "wroeter", "description": "Gezamenlijk materiaal", "amount": 5000, "owner": "joint"}]}, "warning"),
    "LAW-PAYMENT-TERM": (CO_CREATION, {"finance.settlement.payment_term_days": 90}, "error"),
    "LAW-TACIT-RENEWAL": (CO_CREATION, {"term.duration": "fixed", "term.end_date": "2030-12-31",
                                        "term.renewal": {"kind": "tacit", "months": 12}}, "error"),
    "LAW-ENCLAVE-COACH": (CO_CREATION, {"activities.staff": {"onsite_work": True, "enclave": True, "host": "37graden"}}, "error"),
    "LAW-ENCLAVE-HOST-AUTHORITY": (CO_CREATION, {"activities.staff": {
        "onsite_work": True, "enclave": True, "host": "37graden", "coach": "Els Janssens",
        "supervision": "37graden geeft de dagelijkse instructies aan de werknemers van De Wroeter."}}, "error"),
    "LAW-VZW-PROFIT-SHARE": (CO_CREATION, {"finance.distribution.of": "profit", "legal.form": "vzw"}, "error"),
    "TENSION-UNADDRESSED": (CO_CREATION, {"tensions": [{"id": "capture.asset_valuation"}], "finance.investments": []}, "warning"),
    # De Wroeter bears 63,33 % of the costs (€ 22.800 of € 36.000); a 30/70 key without parameters is 33,33 points off
    "FIN-KEY-FAR-FROM-COSTS": (CO_CREATION, {"finance.distribution.parameters": None, "finance.distribution.shares": [
        {"party": "wroeter", "pct": 30}, {"party": "37graden", "pct": 70}]}, "warning"),
    # 40 team buildings at € 550 (€ 500 + 10 %) = € 22.000 against € 36.000 of costs: a loss every year, margin shared
    "FIN-NEGATIVE-MARGIN": (CO_CREATION, {"finance.pricing.market_price": 500, "finance.scenarios": []}, "error"),
    "FIN-PRICING-MISSING": (CO_CREATION, {"finance.pricing.method": None}, "error"),
    "FIN-INVESTMENT-OWNER-MISSING": (PLATFORM, {"finance.investments": [
        {"party": "blm", "description": "ontwikkeling van de gezamenlijke screeningtool", "amount": 18000}]}, "warning"),
}


def test_every_rule_has_a_case_and_texts_in_both_languages() -> None:
    text_rules = {"LAW-LIABILITY-EXCLUSION", "LAW-WELFARE-CLAUSES"}  # tested with their own libraries below
    assert set(CASES) | text_rules == set(RULES)
    for rule_id in RULES:
        texts = LIBRARY.rule_texts[rule_id]
        assert texts.message.nl and texts.message.en and texts.fix.nl and texts.fix.en
        assert texts.message.nl != texts.message.en


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires_on_its_case_and_not_on_the_complete_example(tmp_path: Path, rule_id: str) -> None:
    base, patch, severity = CASES[rule_id]
    assert rule_id not in rules_of(run(tmp_path, base))
    report = run(tmp_path, patched(base, patch))
    found = [f for f in report.findings if f.rule == rule_id]
    assert found, rules_of(report)
    finding = found[0]
    assert finding.severity == severity
    assert finding.element == RULES[rule_id].element
    assert finding.message["nl"] and finding.message["en"] and finding.message["nl"] != finding.message["en"]
    assert finding.fix["nl"] and finding.fix["en"]
    assert "{" not in finding.message["nl"] + finding.message["en"] + finding.fix["nl"] + finding.fix["en"]
    for value in finding.params.values():
        assert value in finding.message["nl"] + finding.fix["nl"] or value in finding.message["en"] + finding.fix["en"] \
            or len(finding.params) > 1


def test_insurance_finding_names_the_uninsured_party(tmp_path: Path) -> None:
    base, patch, _ = CASES["RISK-INSURANCE-MISSING"]
    finding = next(f for f in run(tmp_path, patched(base, patch)).findings if f.rule == "RISK-INSURANCE-MISSING")
    assert "37graden" in finding.message["nl"] and "37graden" in finding.message["en"]
    assert finding.path == "risk.insurance"


def test_payment_term_finding_states_the_days(tmp_path: Path) -> None:
    base, patch, _ = CASES["LAW-PAYMENT-TERM"]
    finding = next(f for f in run(tmp_path, patched(base, patch)).findings if f.rule == "LAW-PAYMENT-TERM")
    assert "90" in finding.message["nl"] and "90" in finding.message["en"]
    assert "60" in finding.fix["nl"] + finding.message["nl"]


def test_exit_is_an_error_for_platforms_and_a_warning_for_co_creation(tmp_path: Path) -> None:
    co = [f for f in run(tmp_path, patched(CO_CREATION, {"term.exit": {}})).findings if f.rule == "TERM-EXIT-MISSING"]
    assert [f.severity for f in co] == ["warning"]


def test_a_vzw_partner_with_a_profit_share_is_a_warning(tmp_path: Path) -> None:
    report = run(tmp_path, patched(CO_CREATION, {"finance.distribution.of": "profit"}))
    found = [f for f in report.findings if f.rule == "LAW-VZW-PROFIT-SHARE"]
    assert [(f.severity, f.params["party"]) for f in found] == [("warning", "De Wroeter")]


def test_key_far_from_costs_states_both_figures(tmp_path: Path) -> None:
    base, patch, _ = CASES["FIN-KEY-FAR-FROM-COSTS"]
    finding = next(f for f in run(tmp_path, patched(base, patch)).findings if f.rule == "FIN-KEY-FAR-FROM-COSTS")
    # De Wroeter: a 30 % key against 22.800 / 36.000 = 63,33 % of the costs, 33,33 points apart
    assert "De Wroeter 30 %" in finding.message["nl"] and "63,33 %" in finding.message["nl"] and "33,33" in finding.message["nl"]
    assert "30%" in finding.message["en"] and "63.33%" in finding.message["en"] and "33.33" in finding.message["en"]
    assert finding.path == "finance.distribution.parameters"
    within = patched(base, {**patch, "finance.distribution.shares": [{"party": "wroeter", "pct": 50}, {"party": "37graden", "pct": 50}]})
    assert "FIN-KEY-FAR-FROM-COSTS" not in rules_of(run(tmp_path, within))  # 13,33 points: within 15


def test_negative_margin_names_the_year_and_the_amount(tmp_path: Path) -> None:
    base, patch, _ = CASES["FIN-NEGATIVE-MARGIN"]
    finding = next(f for f in run(tmp_path, patched(base, patch)).findings if f.rule == "FIN-NEGATIVE-MARGIN")
    # 40 x (500 + 10 %) = 22.000 - 36.000 = -14.000 in year 1 (and in all 3 years)
    assert "jaar 1" in finding.message["nl"] and "€ -14.000,00" in finding.message["nl"] and "3 van de 3" in finding.message["nl"]
    assert "-€14,000.00" in finding.message["en"]
    # 825 a team building against 750 of unit costs and 6.000 a year: 40, 80, 160 of them (growth 100 %)
    # year 1: 33.000 - 36.000 = -3.000; year 2: 66.000 - 66.000 = 0; year 3: 132.000 - 126.000 = 6.000
    start_up = patched(base, {"finance.pricing.market_price": 750, "finance.scenarios": [
        {"case": "middle", "volume_per_year": 40, "growth_pct": 100}]})
    found = [f for f in run(tmp_path, start_up).findings if f.rule == "FIN-NEGATIVE-MARGIN"]
    assert [(f.severity, f.params["year"], f.params["years"]) for f in found] == [("warning", "1", "1")]
    shared_revenue = patched(base, {**patch, "finance.distribution.of": "revenue"})
    found = [f for f in run(tmp_path, shared_revenue).findings if f.rule == "FIN-NEGATIVE-MARGIN"]
    assert [f.severity for f in found] == ["warning"]  # each partner bears its own costs: no loss is shared


def test_pricing_missing_is_a_warning_when_a_price_is_agreed(tmp_path: Path) -> None:
    report = run(tmp_path, patched(CO_CREATION, {"finance.pricing.method": None, "finance.pricing.price_per_unit": 1200}))
    assert [f.severity for f in report.findings if f.rule == "FIN-PRICING-MISSING"] == ["warning"]
    answers, problems = read_answers(EXAMPLES / "minimal.yaml")
    assert "FIN-PRICING-MISSING" not in rules_of(check_answers(answers, LIBRARY, cross_problems=problems))


def test_enclave_supervision_by_the_coach_is_not_flagged(tmp_path: Path) -> None:
    staff = {"onsite_work": True, "enclave": True, "host": "37graden", "coach": "Els Janssens",
             "supervision": "De begeleiding gebeurt door de begeleider van De Wroeter op de site van 37graden."}
    report = run(tmp_path, patched(CO_CREATION, {"activities.staff": staff}))
    assert "LAW-ENCLAVE-HOST-AUTHORITY" not in rules_of(report)


def test_data_protection_unknown_is_a_warning(tmp_path: Path) -> None:
    report = run(tmp_path, patched(CO_CREATION, {"risk.personal_data": {}}))
    assert [f.severity for f in report.findings if f.rule == "RISK-DATA-PROTECTION-MISSING"] == ["warning"]


def test_liability_exclusion_in_a_clause_text_is_a_red_flag(tmp_path: Path) -> None:
    own = tmp_path / "own"
    write(own / "risk" / "risk-liability.yaml", clause_yaml(
        "risk-liability", "risk", "Een Partij is niet aansprakelijk voor schade, ook niet bij opzet of lichamelijk letsel.",
        en="A Party shall not be liable for any damage, including wilful misconduct or personal injury.",
        provides=["risk.liability"]))
    report = run(tmp_path, CO_CREATION, library=own)
    found = [f for f in report.findings if f.rule == "LAW-LIABILITY-EXCLUSION"]
    assert found and found[0].severity == "error"
    assert "opzet" in found[0].params["quote"]


def test_the_default_liability_clauses_carve_out_intent(tmp_path: Path) -> None:
    for cap in ("amount", "none", "fees"):
        report = run(tmp_path, patched(CO_CREATION, {"risk.liability.cap": {"kind": cap, "amount": 100000}}))
        assert "LAW-LIABILITY-EXCLUSION" not in rules_of(report)


def test_welfare_clauses_missing_from_a_library_is_an_error(tmp_path: Path) -> None:
    onsite = patched(CO_CREATION, {"activities.staff.onsite_work": True})
    assert "LAW-WELFARE-CLAUSES" not in rules_of(run(tmp_path, onsite))
    own = tmp_path / "own"
    for clause_id in ("activities-welfare-onsite", "activities-staff", "activities-enclave"):
        write(own / "activities" / f"{clause_id}.yaml",
              clause_yaml(clause_id, "activities", "Elke Partij zet haar eigen personeel in.", provides=["activities.staff"]))
    found = [f for f in run(tmp_path, onsite, library=own).findings if f.rule == "LAW-WELFARE-CLAUSES"]
    assert [f.severity for f in found] == ["error"]


# --- readiness ---------------------------------------------------------------------------


def test_minimal_example_is_red_on_every_element(tmp_path: Path) -> None:
    answers, problems = read_answers(EXAMPLES / "minimal.yaml")
    report = check_answers(answers, LIBRARY, cross_problems=problems)
    assert {e.id: e.level for e in report.readiness.elements} == dict.fromkeys(
        ["partnership", "activities", "finance", "governance", "risk", "term", "legal"], "red")
    assert report.readiness.level == "red"
    rules = rules_of(report)
    for key in ("RISK-LIABILITY-MISSING", "RISK-INSURANCE-MISSING", "TERM-NOTICE-MISSING", "TERM-BREACH-MISSING",
                "TERM-EVALUATION-MISSING", "TERM-START-MISSING", "SCALE-ASSIGNMENT-MISSING"):
        assert key in rules, key
    families = [f.family for f in report.findings]
    assert families == sorted(families, key=["RISK", "TERM", "SCALE", "CONS", "LAW", "TENSION", "FIN"].index)


EXPECTED = {
    # example: (overall score, level, errors, element levels)
    "wroeter-37graden": (99, "amber", 0, "ggggggA"),
    "kaliber-knoopwerk": (94, "amber", 0, "ggAggAA"),
    "pronatura-ilva": (88, "red", 1, "gAAgRgA"),
    "blm-qjobs": (95, "red", 0, "ggRggAg"),
    "minimal": (0, "red", 8, "RRRRRRR"),
}
_LEVEL = {"g": "green", "A": "amber", "R": "red"}


@pytest.mark.parametrize("example", sorted(EXPECTED))
def test_bundled_examples_scores_and_findings(example: str) -> None:
    answers, problems = read_answers(EXAMPLES / f"{example}.yaml")
    report = check_answers(answers, LIBRARY, cross_problems=problems)
    score, level, errors, levels = EXPECTED[example]
    actual = (report.readiness.score, report.readiness.level, len(report.errors),
              "".join(next(k for k, v in _LEVEL.items() if v == e.level) for e in report.readiness.elements))
    assert actual == (score, level, errors, levels)


def test_explain_and_formats(cli, tmp_path: Path) -> None:
    result = cli("check", EXAMPLES / "minimal.yaml", "--explain", "--lang", "en")
    assert result.exit_code == 1
    assert "How the score is made" in result.output
    assert "risk.insurance" in result.output and "must" in result.output
    as_json = cli("check", EXAMPLES / "wroeter-37graden.yaml", "--format", "json")
    data = json.loads(as_json.output)
    ReportJson.model_validate(data)
    assert data["schema"] == "bbm-report" and data["version"] == 1
    assert set(data["elements"]) == {"partnership", "activities", "finance", "governance", "risk", "term", "legal"}
    assert set(data["facets"]) == {"waardepropositie", "samenwerkingsmodel", "verdienmodel", "schaalbaarheid", "overeenkomst"}
    markdown = cli("check", EXAMPLES / "minimal.yaml", "--format", "markdown")
    assert markdown.output.startswith("# Toets van de samenwerkingsovereenkomst")
    assert "| Risico's & aansprakelijkheid | 0 | 🔴 Nog aan te brengen onderwerp |" in markdown.output
    html = tmp_path / "r.html"
    result = cli("check", EXAMPLES / "minimal.yaml", "--format", "html", "-o", html)
    page = html.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "Nog aan te brengen onderwerp" in page and "RISK-INSURANCE-MISSING" in page


def test_exit_codes_gate_a_pipeline(cli, tmp_path: Path) -> None:
    assert cli("check", EXAMPLES / "wroeter-37graden.yaml").exit_code == 0
    assert cli("check", EXAMPLES / "wroeter-37graden.yaml", "--min-score", "100").exit_code == 1
    assert cli("check", EXAMPLES / "minimal.yaml").exit_code == 1
    bad = write(tmp_path / "bad.yaml", "parties: 3\n")
    assert cli("check", bad).exit_code == 2


def test_report_output_is_not_overwritten_without_force(cli, tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    out.write_text("keep")
    result = cli("check", EXAMPLES / "minimal.yaml", "--format", "json", "-o", out)
    assert result.exit_code == 2 and out.read_text() == "keep"


def test_draft_prints_readiness_and_writes_the_report(cli, tmp_path: Path) -> None:
    report = tmp_path / "r.json"
    result = cli("draft", EXAMPLES / "minimal.yaml", "-o", tmp_path / "a.docx", "--report", report)
    assert result.exit_code == 0
    assert "readiness 0/100 red (Nog aan te brengen onderwerp)" in result.output
    assert json.loads(report.read_text())["level"] == "red"


def test_rules_lists_every_rule(cli) -> None:
    result = cli("rules", "--lang", "en")
    assert result.exit_code == 0
    for rule_id in RULES:
        assert rule_id in result.output
    first_ids = [line.split()[0] for line in result.output.splitlines() if line and not line.startswith(" ")]
    assert first_ids[0].startswith("RISK-")
