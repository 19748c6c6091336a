"""Property tests of readiness: supplying a provision never lowers its
element's score; scores stay within 0-100; complete answers have no errors."""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bbm_contracts import library_for
from bbm_contracts.answers import Answers
from bbm_contracts.check import check_answers

from .test_check import patched

LIBRARY = library_for()
PARTIES = [
    {"id": "sociaal", "name": "Maatwerkbedrijf Voorbeeld vzw", "legal_form": "vzw", "economy": "social",
     "enterprise_number": "0412.345.614", "seat": "Kerkstraat 1, 3500 Hasselt",
     "representative": {"name": "An Peeters", "capacity": "gedelegeerd bestuurder"}},
    {"id": "regulier", "name": "Voorbeeldbedrijf BV", "legal_form": "BV", "economy": "regular",
     "enterprise_number": "0123.456.749", "seat": "Markt 2, 2000 Antwerpen",
     "representative": {"name": "Bart Claes", "capacity": "zaakvoerder"}},
]

# provision -> answers that settle it, on top of the bare parties
SUPPLY: dict[str, dict[str, Any]] = {
    "partnership.purpose": {"partnership.purpose": "Samen teambuildings aanbieden"},
    "partnership.contributions": {"partnership.contributions": [{"party": "sociaal", "description": "medewerkers"},
                                                                {"party": "regulier", "description": "klanten"}]},
    "partnership.model": {"model": "co-creation"},
    "partnership.openness": {"partnership.openness": "closed"},
    "partnership.exclusivity": {"partnership.exclusivity": {"exclusive": False}},
    "partnership.social_mission": {"partnership.social_mission": {"target_group": "doelgroepwerknemers"}},
    "activities.value_chain": {"activities.value_chain": [{"name": "Verkoop", "lead": "regulier", "support": ["sociaal"]},
                                                          {"name": "Uitvoering", "lead": "sociaal"}]},
    "activities.client_relationship": {"activities.client_relationship": {"owner": "regulier"}},
    "activities.quality": {"activities.quality": {"standards": ["ISO 9001"]}},
    "activities.staff": {"activities.staff": {"onsite_work": False}},
    "activities.ip": {"activities.ip": {"foreground": "joint"}},
    "activities.reporting": {"activities.reporting": {"frequency": "quarterly"}},
    "finance.pricing": {"finance.pricing": {"method": "bottom-up", "target_margin_pct": 15}},
    "finance.costs": {"finance.cost_items": [{"party": "sociaal", "description": "loonkost", "annual_amount": 1000}]},
    "finance.distribution": {"finance.distribution": {"basis": "fixed", "of": "margin", "shares": [
        {"party": "sociaal", "pct": 50}, {"party": "regulier", "pct": 50}]},
        "finance.settlement": {"frequency": "yearly", "payment_term_days": 30}},
    "finance.transparency": {"finance.transparency": {"open_book": True}},
    "finance.investments": {"finance.investments": [{"party": "regulier", "description": "machine", "owner": "regulier"}]},
    "finance.reinvestment": {"finance.reinvestment_pct": 10},
    "finance.key_review": {"finance.key_review": {"frequency": "yearly"}},
    "governance.body": {"governance.body": {"members_per_party": 2}},
    "governance.meetings": {"governance.meetings": {"frequency": "quarterly"}},
    "governance.voting": {"governance.voting": {"rule": "consensus"}},
    "governance.deadlock": {"governance.deadlock": {"escalation_days": 30, "mediation": True}},
    "governance.disputes": {"governance.disputes": {"forum": "court", "court": "Ondernemingsrechtbank Antwerpen"}},
    "governance.autonomy": {"governance.autonomy": ["eigen personeelsbeleid"], "governance.representation": "none"},
    "risk.liability": {"risk.liability.allocation": "own-fault", "risk.indemnities": True},
    "risk.liability_cap": {"risk.liability.cap": {"kind": "insurance"}, "risk.liability.exclude_indirect": True},
    "risk.insurance": {"risk.insurance": [{"party": "sociaal", "kind": "civil", "cover": 1250000},
                                          {"party": "regulier", "kind": "civil", "cover": 1250000}]},
    "risk.force_majeure": {"risk.force_majeure": {"notice_days": 5, "longstop_days": 90}},
    "risk.hardship": {"risk.hardship": "renegotiate"},
    "risk.confidentiality": {"risk.confidentiality": {"years_after": 3}},
    "risk.data_protection": {"risk.personal_data": {"shared": False}},
    "term.start": {"term.start_date": "2027-01-01"},
    "term.duration": {"term.duration": "indefinite"},
    "term.evaluation": {"term.evaluation": {"frequency": "yearly"}},
    "term.notice": {"term.notice": {"months": 6}},
    "term.breach": {"term.breach": {"cure_days": 30}},
    "term.exit": {"term.exit": {"notice_months": 6}},
    "term.consequences": {"term.consequences": {"orders": "afwerken", "clients": "blijven", "assets": "marktwaarde",
                                                "staff": "herplaatsing"}},
    "legal.form": {"legal.form": "contract"},
    "legal.accession": {"legal.accession": {"approver": "all", "conditions": ["sociale missie"]}},
    "legal.new_partner_terms": {"legal.new_partner_terms": {"differences": ["geen"]}},
    "legal.assignment": {"legal.assignment": "consent"},
    "legal.change_of_control": {"legal.change_of_control": "notify"},
    "legal.governing_law": {"legal.governing_law": "belgian"},
}


def answers_with(provisions: list[str]) -> Answers:
    data: dict[str, Any] = {"parties": PARTIES}
    for provision in provisions:
        data = patched(data, SUPPLY[provision])
    return Answers.model_validate(data)


def element_score(answers: Answers, element: str) -> int:
    return check_answers(answers, LIBRARY).readiness.element(element).score


provision_ids = st.sampled_from(sorted(SUPPLY))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(base=st.lists(provision_ids, unique=True, max_size=20), extra=provision_ids)
def test_supplying_a_provision_never_lowers_its_elements_score(base: list[str], extra: str) -> None:
    base = [p for p in base if p != extra]
    element = LIBRARY.provisions[extra].element
    before = element_score(answers_with(base), element)
    after = element_score(answers_with([*base, extra]), element)
    assert after >= before, (extra, before, after)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chosen=st.lists(provision_ids, unique=True))
def test_scores_stay_within_0_and_100(chosen: list[str]) -> None:
    readiness = check_answers(answers_with(chosen), LIBRARY).readiness
    for score in (readiness.score, *(e.score for e in readiness.elements), *(f.score for f in readiness.facets)):
        assert 0 <= score <= 100
    assert readiness.level in ("green", "amber", "red")


def test_complete_answers_have_no_error_findings_and_every_must_present() -> None:
    report = check_answers(answers_with(sorted(SUPPLY)), LIBRARY)
    assert [f.rule for f in report.errors] == []
    assert all(e.level != "red" for e in report.readiness.elements), [(e.id, e.level) for e in report.readiness.elements]
