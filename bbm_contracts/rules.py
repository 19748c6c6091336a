"""Rule checks on the answers: small named functions, registered in one place.

Each rule yields hits (the answer path it concerns and the values for its
message); the rule's Dutch and English message and fix hint are data, in
``clause_library/rules.yaml``. Rule ids start with their family: RISK-,
TERM-, SCALE-, CONS-, LAW-, TENSION- (and FIN- for the revenue model).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .answers import ABOLISHED_FORMS, Answers
from .draft import Draft
from .errors import FieldProblem
from .finance import RevenueModel, format_money, format_number, format_pct
from .findings import Severity
from .library import Library
from .select import effective_model


@dataclass(frozen=True)
class Hit:
    """One occurrence of a rule: where, and the values its message needs."""

    path: str | None = None
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity | None = None
    location: str | None = None


@dataclass(frozen=True)
class Context:
    """Everything a rule may look at."""

    answers: Answers
    library: Library
    draft: Draft
    settled: frozenset[str]
    cross_problems: tuple[FieldProblem, ...] = ()

    @property
    def model(self) -> str:
        """The business-model type (co-creation when not given)."""
        return effective_model(self.answers)

    @property
    def open_model(self) -> bool:
        """Whether the partners want third parties to be able to join."""
        return self.model == "platform" or self.answers.partnership.openness == "open"

    def texts(self, provision: str) -> str:
        """The drafted text of the articles that provide ``provision``."""
        return "\n".join(p.text for a in self.draft.articles if provision in a.provides for p in a.paragraphs)

    def label(self, party_id: str) -> str:
        """A party's name as the agreement uses it."""
        return next((p.label for p in self.answers.parties if p.id == party_id), party_id)

    @property
    def revenue(self) -> RevenueModel:
        """The revenue model of the answers, computed once with the draft (Annex 2)."""
        return self.draft.frame.revenue


RuleFunction = Callable[[Context], Iterator[Hit]]


@dataclass(frozen=True)
class Rule:
    """A registered rule."""

    id: str
    element: str
    provisions: tuple[str, ...]
    severity: Severity
    check: RuleFunction

    @property
    def doc(self) -> str:
        """What the rule checks (its docstring)."""
        return (self.check.__doc__ or "").strip()


RULES: dict[str, Rule] = {}


def rule(rule_id: str, element: str, provisions: tuple[str, ...], severity: Severity) -> Callable[[RuleFunction], RuleFunction]:
    """Register a rule function under a stable id."""

    def register(func: RuleFunction) -> RuleFunction:
        if rule_id in RULES:
            raise ValueError(f"rule {rule_id} registered twice")
        RULES[rule_id] = Rule(rule_id, element, provisions, severity, func)
        return func

    return register


def _missing(ctx: Context, provision: str, path: str, severity: Severity | None = None) -> Iterator[Hit]:
    if provision not in ctx.settled:
        yield Hit(path, severity=severity)


# --- risk -------------------------------------------------------------------------


@rule("RISK-LIABILITY-MISSING", "risk", ("risk.liability",), "error")
def liability_missing(ctx: Context) -> Iterator[Hit]:
    """No allocation of liability between the partners."""
    yield from _missing(ctx, "risk.liability", "risk.liability.allocation")


@rule("RISK-INSURANCE-MISSING", "risk", ("risk.insurance",), "error")
def insurance_missing(ctx: Context) -> Iterator[Hit]:
    """A party keeps no insurance in the answers."""
    insured = {x.party for x in ctx.answers.risk.insurance}
    for party in ctx.answers.parties:
        if party.id not in insured:
            yield Hit("risk.insurance", {"party": party.label})


@rule("RISK-CAP-MISSING", "risk", ("risk.liability_cap",), "warning")
def cap_missing(ctx: Context) -> Iterator[Hit]:
    """Neither a liability cap nor an exclusion of indirect damage."""
    yield from _missing(ctx, "risk.liability_cap", "risk.liability.cap.kind")


@rule("RISK-INDEMNITY-MISSING", "risk", ("risk.indemnity",), "warning")
def indemnity_missing(ctx: Context) -> Iterator[Hit]:
    """No indemnity (vrijwaring) for claims of third parties."""
    if ctx.answers.risk.indemnities is None:
        yield Hit("risk.indemnities")
    elif ctx.answers.risk.indemnities is False:
        yield Hit("risk.indemnities", severity="info")


@rule("RISK-DATA-PROTECTION-MISSING", "risk", ("risk.data_protection",), "error")
def data_protection_missing(ctx: Context) -> Iterator[Hit]:
    """Personal data are shared with no data-protection roles; or it is not
    said whether personal data are shared (warning)."""
    data = ctx.answers.risk.personal_data
    if (data.shared or data.categories) and not data.roles:
        categories = ", ".join(data.categories) or "-"
        yield Hit("risk.personal_data.roles", {"categories": categories})
    elif data.shared is None and not data.categories:
        yield Hit("risk.personal_data.shared", {"categories": "-"}, severity="warning")


@rule("RISK-FORCE-MAJEURE-MISSING", "risk", ("risk.force_majeure",), "warning")
def force_majeure_missing(ctx: Context) -> Iterator[Hit]:
    """No notice or long-stop period for force majeure."""
    yield from _missing(ctx, "risk.force_majeure", "risk.force_majeure.longstop_days")


# --- termination --------------------------------------------------------------------


@rule("TERM-START-MISSING", "term", ("term.start",), "error")
def start_missing(ctx: Context) -> Iterator[Hit]:
    """No start date."""
    yield from _missing(ctx, "term.start", "term.start_date")


@rule("TERM-DURATION-MISSING", "term", ("term.duration",), "error")
def duration_missing(ctx: Context) -> Iterator[Hit]:
    """No term: neither indefinite nor fixed with an end date."""
    yield from _missing(ctx, "term.duration", "term.end_date" if ctx.answers.term.duration == "fixed" else "term.duration")


@rule("TERM-RENEWAL-MISSING", "term", ("term.renewal",), "warning")
def renewal_missing(ctx: Context) -> Iterator[Hit]:
    """A fixed term without a rule on renewal."""
    if ctx.answers.term.duration == "fixed" and ctx.answers.term.renewal.kind is None:
        yield Hit("term.renewal.kind")


@rule("TERM-NOTICE-MISSING", "term", ("term.notice",), "error")
def notice_missing(ctx: Context) -> Iterator[Hit]:
    """No notice period (an error for an indefinite or unknown term, a
    warning for a fixed term)."""
    if ctx.answers.term.notice.months is None:
        yield Hit("term.notice.months", severity="warning" if ctx.answers.term.duration == "fixed" else None)


def _months_between(start: dt.date, end: dt.date) -> int:
    return round((end - start).days / 30.44)


@rule("TERM-NOTICE-TOO-LONG", "term", ("term.notice", "term.duration"), "error")
def notice_too_long(ctx: Context) -> Iterator[Hit]:
    """A notice period as long as or longer than the fixed term itself."""
    term = ctx.answers.term
    if term.duration != "fixed" or not (term.start_date and term.end_date):
        return
    length = _months_between(term.start_date, term.end_date)
    if length <= 0:
        return  # impossible dates are CONS-DATES
    for path, months in (("term.notice.months", term.notice.months), ("term.renewal.notice_months", term.renewal.notice_months)):
        if months is not None and months >= length:
            yield Hit(path, {"notice": months, "term": length})


@rule("TERM-BREACH-MISSING", "term", ("term.breach",), "error")
def breach_missing(ctx: Context) -> Iterator[Hit]:
    """No cure period before termination for breach."""
    yield from _missing(ctx, "term.breach", "term.breach.cure_days")


@rule("TERM-EXIT-MISSING", "term", ("term.exit",), "warning")
def exit_missing(ctx: Context) -> Iterator[Hit]:
    """No rule for one partner leaving while the others go on (an error in
    the platform model)."""
    yield from _missing(ctx, "term.exit", "term.exit.notice_months", "error" if ctx.model == "platform" else None)


_CONSEQUENCES = ("orders", "clients", "assets", "staff")


@rule("TERM-CONSEQUENCES-MISSING", "term", ("term.consequences",), "warning")
def consequences_missing(ctx: Context) -> Iterator[Hit]:
    """Nothing or too little on what happens at the end (running orders,
    clients, assets and investments, staff)."""
    consequences = ctx.answers.term.consequences
    open_ = [name for name in _CONSEQUENCES if not getattr(consequences, name)]
    if open_:
        yield Hit(f"term.consequences.{open_[0]}", {"topics": ", ".join(open_)})


@rule("TERM-EVALUATION-MISSING", "term", ("term.evaluation",), "error")
def evaluation_missing(ctx: Context) -> Iterator[Hit]:
    """No moments at which the partners evaluate the cooperation."""
    yield from _missing(ctx, "term.evaluation", "term.evaluation.frequency")


# --- scalability ----------------------------------------------------------------------


@rule("SCALE-ACCESSION-MISSING", "legal", ("legal.accession",), "error")
def accession_missing(ctx: Context) -> Iterator[Hit]:
    """An open or platform cooperation without an accession procedure."""
    accession = ctx.answers.legal.accession
    if ctx.open_model and not accession.approver and not accession.conditions:
        yield Hit("legal.accession", severity=None if ctx.model == "platform" else "warning")


@rule("SCALE-ACCESSION-INCOMPLETE", "legal", ("legal.accession",), "warning")
def accession_incomplete(ctx: Context) -> Iterator[Hit]:
    """An accession procedure without conditions or without an approver."""
    accession = ctx.answers.legal.accession
    if bool(accession.approver) != bool(accession.conditions):
        path = "legal.accession.conditions" if accession.approver else "legal.accession.approver"
        yield Hit(path)


@rule("SCALE-ACCESSION-UNANIMITY", "legal", ("legal.accession", "governance.voting"), "warning")
def accession_unanimity(ctx: Context) -> Iterator[Hit]:
    """Unanimity required for a new partner to join a platform."""
    answers = ctx.answers
    accession = answers.legal.accession
    unanimous = (
        accession.approver == "all"
        or accession.majority_pct == Decimal(100)
        or (accession.approver == "body" and answers.governance.voting.rule == "unanimity")
    )
    if ctx.model == "platform" and unanimous:
        yield Hit("legal.accession.approver")


@rule("SCALE-ASSIGNMENT-MISSING", "legal", ("legal.assignment",), "warning")
def assignment_missing(ctx: Context) -> Iterator[Hit]:
    """No rule on transferring the agreement to another company."""
    yield from _missing(ctx, "legal.assignment", "legal.assignment")


@rule("SCALE-FOUNDERS-UNDISTINGUISHED", "legal", ("legal.new_partner_terms", "finance.founder_fee"), "warning")
def founders_undistinguished(ctx: Context) -> Iterator[Hit]:
    """Founders receive a fee but nothing says how new partners differ."""
    fee = ctx.answers.finance.founder_fee.pct
    if fee and not ctx.answers.legal.new_partner_terms.differences:
        yield Hit("legal.new_partner_terms.differences", {"pct": _number(fee)})


_CLOSED_FORMS = {"maatschap": "maatschap", "tijdelijke-maatschap": "tijdelijke maatschap", "bv": "BV"}


@rule("SCALE-CLOSED-FORM", "legal", ("legal.form", "partnership.openness"), "warning")
def closed_form(ctx: Context) -> Iterator[Hit]:
    """A legal form that keeps third parties out while the partners want an
    open cooperation."""
    form = ctx.answers.legal.form
    if ctx.open_model and form in _CLOSED_FORMS:
        yield Hit("legal.form", {"form": _CLOSED_FORMS[form]})


# --- consistency ------------------------------------------------------------------------


@rule("CONS-SHARES-SUM", "finance", ("finance.distribution",), "error")
def shares_sum(ctx: Context) -> Iterator[Hit]:
    """The shares of the distribution key do not add up to 100 %."""
    shares = ctx.answers.finance.distribution.shares
    total = sum((s.pct for s in shares), Decimal(0))
    if shares and total != 100:
        yield Hit("finance.distribution.shares", {"total": _number(total)})


@rule("CONS-PARTY-UNKNOWN", "partnership", ("partnership.parties",), "error")
def party_unknown(ctx: Context) -> Iterator[Hit]:
    """An answer names a partner id that is not one of the parties."""
    for problem in ctx.cross_problems:
        if "names no party" in problem.message:
            yield Hit(problem.path, {"value": problem.message.split("'")[1]})


@rule("CONS-DUPLICATE-PARTY", "partnership", ("partnership.parties",), "error")
def duplicate_party(ctx: Context) -> Iterator[Hit]:
    """Two parties share one id."""
    for problem in ctx.cross_problems:
        if problem.message.startswith("duplicate party id"):
            yield Hit(problem.path, {"value": problem.message.split("'")[1]})


@rule("CONS-DATES", "term", ("term.start", "term.duration"), "error")
def impossible_dates(ctx: Context) -> Iterator[Hit]:
    """Impossible dates: an end before the start, or an end date on an
    indefinite term."""
    term = ctx.answers.term
    for problem in ctx.cross_problems:
        if problem.path.startswith("term."):
            detail = f"{term.start_date} → {term.end_date}" if term.duration != "indefinite" else f"∞ / {term.end_date}"
            yield Hit(problem.path, {"detail": detail})


@rule("CONS-PARTY-NO-ROLE", "activities", ("activities.roles", "partnership.contributions"), "warning")
def party_without_role(ctx: Context) -> Iterator[Hit]:
    """A party that leads or supports no activity and brings no contribution."""
    answers = ctx.answers
    if not answers.activities.value_chain and not answers.partnership.contributions:
        return
    involved = {c.party for c in answers.partnership.contributions}
    for activity in answers.activities.value_chain:
        involved.update([activity.lead or "", *activity.support])
    for index, party in enumerate(answers.parties):
        if party.id not in involved:
            yield Hit(f"parties[{index}]", {"party": party.label})


@rule("CONS-FOUNDER-FEE-COCREATION", "finance", ("finance.founder_fee",), "warning")
def founder_fee_cocreation(ctx: Context) -> Iterator[Hit]:
    """A founders' fee in a co-creation model, where all partners are founders."""
    if ctx.model == "co-creation" and ctx.answers.finance.founder_fee.pct:
        yield Hit("finance.founder_fee.pct")


@rule("CONS-SETTLEMENT-MISSING", "finance", ("finance.settlement", "finance.distribution"), "warning")
def settlement_missing(ctx: Context) -> Iterator[Hit]:
    """Revenue or margin is shared but nothing says how often the partners settle."""
    finance = ctx.answers.finance
    if finance.distribution.shares and finance.settlement.frequency is None:
        yield Hit("finance.settlement.frequency")


# --- Belgian-law red flags -----------------------------------------------------------------


@rule("LAW-ABOLISHED-FORM", "legal", ("legal.form",), "error")
def abolished_form(ctx: Context) -> Iterator[Hit]:
    """An abolished legal form (ESV, THV, vennootschap met sociaal oogmerk) chosen as new."""
    if ctx.answers.legal.form in ABOLISHED_FORMS:
        yield Hit("legal.form", {"form": ctx.answers.legal.form.upper()})


@rule("LAW-UNINTENDED-MAATSCHAP", "legal", ("legal.form", "finance.distribution"), "warning")
def unintended_maatschap(ctx: Context) -> Iterator[Hit]:
    """Profit or margin sharing and pooled contributions, with no stated
    vehicle: the cooperation may be requalified as a maatschap with joint and
    several liability."""
    answers = ctx.answers
    shares_profit = answers.finance.distribution.of in ("profit", "margin") or bool(answers.finance.distribution.shares)
    pooled = any(i.owner == "joint" for i in answers.finance.investments) or any(
        "capital" in c.kinds for c in answers.partnership.contributions)
    if shares_profit and pooled and answers.legal.form is None:
        yield Hit("legal.form")


@rule("LAW-PAYMENT-TERM", "finance", ("finance.settlement",), "error")
def payment_term(ctx: Context) -> Iterator[Hit]:
    """A payment term over 60 days between enterprises."""
    days = ctx.answers.finance.settlement.payment_term_days
    if days is not None and days > 60:
        yield Hit("finance.settlement.payment_term_days", {"days": days})


EXCLUSION = {
    "nl": re.compile(r"\b(niet aansprakelijk|uitgesloten|sluit\w* \w+ uit|geen aansprakelijkheid)\b[^.]{0,160}?"
                     r"\b(opzet\w*|bedrog|lichamelijk\w*|fysieke integriteit|overlijden|dood)\b", re.I),
    "en": re.compile(r"\b(not (be )?liable|no liability|exclude[sd]?|disclaim\w*)\b[^.]{0,160}?"
                     r"\b(intentional|wil+ful|fraud\w*|death|personal injury|bodily)\b", re.I),
}
_CARVE_OUT = re.compile(r"\b(behalve|uitgezonderd|met uitzondering|niets in|geen enkele bepaling|geen afbreuk|geldt niet"
                        r"|niet van toepassing|except|save for|nothing in|no provision|does not apply|shall not apply"
                        r"|other than|does not (exclude|limit)|not limit)\b", re.I)


def exclusion_of_intent(text: str) -> Iterator[str]:
    """Sentences that exclude liability for intent, fraud or bodily harm (art. 5.89 BW)."""
    for sentence in re.split(r"(?<=\.)\s+", text):
        for pattern in EXCLUSION.values():
            if pattern.search(sentence) and not _CARVE_OUT.search(sentence):
                yield sentence.strip()
                break


@rule("LAW-LIABILITY-EXCLUSION", "risk", ("risk.liability", "risk.liability_cap"), "error")
def liability_exclusion(ctx: Context) -> Iterator[Hit]:
    """The liability text excludes liability for intentional fault, fraud or
    harm to life or physical integrity (deemed unwritten, art. 5.89 BW)."""
    text = ctx.texts("risk.liability") + "\n" + ctx.texts("risk.liability_cap")
    for sentence in exclusion_of_intent(text):
        yield Hit("risk.liability", {"quote": sentence[:160]})


@rule("LAW-TACIT-RENEWAL", "term", ("term.renewal",), "error")
def tacit_renewal(ctx: Context) -> Iterator[Hit]:
    """Tacit renewal without a reasonable notice period to stop it (grey list, WER VI.91/5)."""
    renewal = ctx.answers.term.renewal
    if renewal.kind == "tacit" and not renewal.notice_months:
        yield Hit("term.renewal.notice_months")


_WELFARE = re.compile(r"welzijn|well-being|welfare|health and safety", re.I)


@rule("LAW-WELFARE-CLAUSES", "activities", ("activities.staff",), "error")
def welfare_clauses(ctx: Context) -> Iterator[Hit]:
    """A partner's workers work on another partner's site, but the agreement
    lacks the three welfare clauses (werken met derden)."""
    staff = ctx.answers.activities.staff
    if (staff.onsite_work or staff.enclave) and len(_WELFARE.findall(ctx.texts("activities.staff"))) < 3:
        yield Hit("activities.staff.onsite_work")


@rule("LAW-ENCLAVE-COACH", "activities", ("activities.staff",), "error")
def enclave_coach(ctx: Context) -> Iterator[Hit]:
    """Enclave work without a named, qualified coach (begeleider)."""
    staff = ctx.answers.activities.staff
    if staff.enclave and not staff.coach:
        yield Hit("activities.staff.coach")


_INSTRUCTS = re.compile(r"\b(instructies?|instrueert|opdrachten|opdracht|leiding|gezag|instruct\w*|direct(s|ions?)|orders"
                        r"|supervis\w*)\b", re.I)
_NEGATION = re.compile(r"\b(geen|niet|nooit|no|not|never)\b", re.I)


@rule("LAW-ENCLAVE-HOST-AUTHORITY", "activities", ("activities.staff",), "error")
def enclave_host_authority(ctx: Context) -> Iterator[Hit]:
    """Enclave work where the host gives the instructions: the host may not
    take employer authority (risk of prohibited hiring-out)."""
    staff = ctx.answers.activities.staff
    if not (staff.enclave and staff.host and staff.supervision):
        return
    host = ctx.label(staff.host)
    for sentence in re.split(r"(?<=[.;])\s+", staff.supervision):
        if host.lower() in sentence.lower() and _INSTRUCTS.search(sentence) and not _NEGATION.search(sentence):
            yield Hit("activities.staff.supervision", {"host": host})
            return


@rule("LAW-VZW-PROFIT-SHARE", "finance", ("finance.distribution", "legal.form"), "error")
def vzw_profit_share(ctx: Context) -> Iterator[Hit]:
    """A VZW receives a share of profit (art. 1:2 WVV forbids distribution to members)."""
    answers = ctx.answers
    if answers.finance.distribution.of != "profit":
        return
    if answers.legal.form == "vzw":
        yield Hit("finance.distribution.of", {"party": answers.legal.vehicle_name or "VZW"})
        return
    # a partner that is a VZW may receive a share, but must not pass it on to
    # its members: a point to check, not an error
    shares = {s.party: s.pct for s in answers.finance.distribution.shares}
    for party in answers.parties:
        if re.search(r"\bvzw\b|\basbl\b", f"{party.legal_form or ''} {party.name}", re.I) and shares.get(party.id):
            yield Hit("finance.distribution.shares", {"party": party.label}, severity="warning")


# --- hybrid tensions ---------------------------------------------------------------------


@rule("TENSION-UNADDRESSED", "partnership", (), "warning")
def tension_unaddressed(ctx: Context) -> Iterator[Hit]:
    """A hybrid tension the partners named that no settled provision of the
    agreement addresses (table in PROVISIONS.md)."""
    provided = ctx.draft.provisions
    for index, tension in enumerate(ctx.answers.tensions):
        spec = ctx.library.tensions.get(tension.id)
        if spec is None:
            continue
        if not any(p in provided and p in ctx.settled for p in spec.addressed_by):
            yield Hit(f"tensions[{index}]", {"tension": spec.name.nl, "tension_en": spec.name.en,
                                              "provisions": ", ".join(spec.addressed_by)})


# --- revenue model --------------------------------------------------------------------------
# Shares not adding up to 100 % are CONS-SHARES-SUM. A reinvestment share over
# 100 % needs no rule: the answers model allows 0 to 100 (intake error).

KEY_COST_GAP = Decimal(15)
"""Percentage points a stated key may differ from a partner's cost share without a stated reason."""


@rule("FIN-KEY-FAR-FROM-COSTS", "finance", ("finance.distribution",), "warning")
def key_far_from_costs(ctx: Context) -> Iterator[Hit]:
    """A stated key (fixed shares, or per activity) gives a partner more than
    15 percentage points more or less than its share of the costs, and the
    key's parameters give no reason."""
    model = ctx.revenue
    key = model.key
    if key.basis == "cost-contribution" or not key.usable or model.cost.total_annual <= 0:
        return
    if ctx.answers.finance.distribution.parameters:
        return
    gap, party = max(((abs(p.key_pct - p.cost_pct), p) for p in key.parties), key=lambda pair: pair[0])
    if gap > KEY_COST_GAP:
        yield Hit("finance.distribution.parameters", {
            "party": party.name,
            **_localised("key", lambda lang: format_pct(party.key_pct, lang)),
            **_localised("cost", lambda lang: format_pct(party.cost_pct, lang)),
            **_localised("gap", lambda lang: format_number(gap, lang)),
        })


@rule("FIN-NEGATIVE-MARGIN", "finance", ("finance.pricing", "finance.costs"), "warning")
def negative_margin(ctx: Context) -> Iterator[Hit]:
    """The middle scenario makes a loss in a year: revenue below the costs
    (an error when the margin is what the key distributes and it is negative
    in every year)."""
    model = ctx.revenue
    if not model.cost.lines:
        return
    middle = [s for s in model.scenarios if s.case == "middle" and s.margin is not None]
    negative = [s for s in middle if s.margin is not None and s.margin < 0]
    if not negative:
        return
    first, margin = negative[0], negative[0].margin or Decimal(0)
    every = len(negative) == model.years
    yield Hit("finance.pricing", {
        "year": first.year, "years": len(negative), "of": model.years,
        **_localised("amount", lambda lang: format_money(margin, lang)),
    }, severity="error" if every and model.key.of != "revenue" else None)


@rule("FIN-PRICING-MISSING", "finance", ("finance.pricing",), "error")
def pricing_missing(ctx: Context) -> Iterator[Hit]:
    """The partners share revenue or margin, or budget costs, but chose no
    pricing method (a warning when a price per unit is agreed)."""
    model = ctx.revenue
    if model.pricing.method is not None:
        return
    if model.cost.lines or model.key.usable or ctx.answers.finance.distribution.of:
        yield Hit("finance.pricing.method", severity="warning" if model.pricing.agreed_price is not None else None)


@rule("FIN-INVESTMENT-OWNER-MISSING", "finance", ("finance.investments",), "warning")
def investment_owner_missing(ctx: Context) -> Iterator[Hit]:
    """An investment with no owner of the asset it pays for (a cost item's
    year-0 investment has no owner field at all)."""
    for investment in ctx.revenue.cost.investments:
        if investment.owner is None:
            own = investment.source.startswith("finance.investments")
            yield Hit(f"{investment.source}.owner" if own else investment.source,
                      {"party": investment.name, "investment": investment.description})


def _localised(name: str, text: Callable[[str], str]) -> dict[str, str]:
    """A message value in Belgian Dutch ("87,07 %") under ``name`` and in
    English ("87.07%") under ``name_en``."""
    return {name: text("nl"), f"{name}_en": text("en")}


def _number(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
