"""The answers model: what the partners decided, one section per element.

Every field is optional where a first draft can live without it; a missing
answer becomes a highlighted placeholder in the draft. Each field carries a
short Dutch and English label, used for placeholders and reports.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

SCHEMA_VERSION: Literal[1] = 1

Lang = Literal["nl", "en"]
ModelType = Literal["platform", "co-creation"]
PartyId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
Percent = Annotated[Decimal, Field(ge=0, le=100)]
Money = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2)]
Frequency = Literal["monthly", "quarterly", "half-yearly", "yearly"]

TENSION_IDS = (
    "proposition.social_stakeholders",
    "proposition.value_definition",
    "proposition.competition",
    "proposition.scalability",
    "proposition.brand",
    "proposition.other_partners",
    "creation.people_resources",
    "creation.culture",
    "creation.quality",
    "creation.priorities",
    "creation.structure",
    "creation.integration",
    "capture.horizon",
    "capture.partner_value",
    "capture.distribution",
    "capture.asset_valuation",
    "capture.profitability",
    "capture.administration",
)
TensionId = Literal[
    "proposition.social_stakeholders",
    "proposition.value_definition",
    "proposition.competition",
    "proposition.scalability",
    "proposition.brand",
    "proposition.other_partners",
    "creation.people_resources",
    "creation.culture",
    "creation.quality",
    "creation.priorities",
    "creation.structure",
    "creation.integration",
    "capture.horizon",
    "capture.partner_value",
    "capture.distribution",
    "capture.asset_valuation",
    "capture.profitability",
    "capture.administration",
]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The answers section a field holds, looking through Optional and list."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = model_in(arg)
        if found:
            return found
    return None


def ask(nl: str, en: str, default: Any = None, **kwargs: Any) -> Any:
    """A field with a Dutch and English label (the question it answers)."""
    return Field(default, json_schema_extra={"label": {"nl": nl, "en": en}}, **kwargs)


def ask_list(nl: str, en: str, **kwargs: Any) -> Any:
    """A list field, empty when not answered."""
    return Field(
        default_factory=list, json_schema_extra={"label": {"nl": nl, "en": en}}, **kwargs
    )


class Section(BaseModel):
    """Base of every answers section: unknown keys are errors; text is clean."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    @field_validator("*", mode="before")
    @classmethod
    def _no_control_characters(cls, value: Any) -> Any:
        if isinstance(value, str) and _CONTROL.search(value):
            raise ValueError("contains a control character; use plain text")
        return value


# --- parties ---------------------------------------------------------------


class Representative(Section):
    """Who signs for a party, and in which capacity."""

    name: str | None = ask("naam vertegenwoordiger", "representative's name")
    capacity: str | None = ask("hoedanigheid vertegenwoordiger", "representative's capacity")


class Party(Section):
    """One partner of the cooperation."""

    id: PartyId = Field(description="short id used to refer to this party elsewhere")
    name: str = Field(min_length=1, description="full legal name")
    short_name: str | None = ask("verkorte naam", "short name")
    legal_form: str | None = ask("rechtsvorm van de partij", "party's legal form")
    enterprise_number: str | None = ask("ondernemingsnummer (KBO)", "enterprise number (CBE)")
    seat: str | None = ask("adres maatschappelijke zetel", "registered office address")
    representative: Representative = Field(default_factory=Representative)
    economy: Literal["social", "regular"] | None = ask(
        "sociale of reguliere economie", "social or regular economy"
    )
    description: str | None = ask("omschrijving van de partij", "description of the party")
    founder: bool = Field(True, description="founding partner (false: joined later)")
    email: str | None = ask("e-mailadres voor kennisgevingen", "e-mail address for notices")

    @field_validator("enterprise_number")
    @classmethod
    def _kbo(cls, value: str | None) -> str | None:
        if value is None:
            return None
        digits = re.sub(r"[^0-9]", "", value.removeprefix("BE").removeprefix("be"))
        if len(digits) != 10 or digits[0] not in "01":
            raise ValueError("expected a Belgian enterprise number like 0123.456.749")
        if 97 - int(digits[:8]) % 97 != int(digits[8:]):
            raise ValueError(f"{value!r} fails the enterprise-number check digits (modulo 97)")
        return f"{digits[:4]}.{digits[4:7]}.{digits[7:]}"

    @property
    def label(self) -> str:
        """The name used in the running text of the agreement."""
        return self.short_name or self.name


# --- 1. partnership ---------------------------------------------------------


class ValueProposition(Section):
    """The shared value the cooperation creates."""

    economic: str | None = ask("economische waarde", "economic value")
    social: str | None = ask("sociale waarde", "social value")
    ecological: str | None = ask("ecologische waarde", "ecological value")


class Contribution(Section):
    """What one partner brings to the cooperation."""

    party: PartyId
    description: str | None = ask("inbreng van de partner", "what the partner brings")
    kinds: list[
        Literal["people", "locations", "expertise", "clients", "capital", "production", "network"]
    ] = Field(default_factory=list)


class ValueContribution(Section):
    """One partner's contribution to the value proposition (the seed's "Oefening 1")."""

    party: PartyId
    products_services: list[str] = ask_list("producten en diensten van de partner", "the partner's products and services")
    gain_creators: list[str] = ask_list("voordeelverschaffers", "gain creators")
    pain_relievers: list[str] = ask_list("pijnverzachters", "pain relievers")


class Exclusivity(Section):
    """Whether partners may do the same with others."""

    exclusive: bool | None = ask("exclusiviteit (ja/nee)", "exclusivity (yes/no)")
    scope: str | None = ask("activiteiten onder exclusiviteit", "activities covered by exclusivity")
    territory: str | None = ask("grondgebied van de exclusiviteit", "territory of exclusivity")
    months: int | None = ask("duur exclusiviteit (maanden)", "exclusivity period (months)", ge=1, le=120)


class SocialMission(Section):
    """Safeguards for the social goal of the cooperation."""

    target_group: str | None = ask("doelgroep", "target group")
    guidance: str | None = ask("begeleiding van doelgroepwerknemers", "guidance of target-group workers")
    flow_through: str | None = ask("doorstroom naar de reguliere economie", "flow-through to the regular economy")
    jobs_target: int | None = ask("beoogd aantal arbeidsplaatsen", "target number of jobs", ge=0)


class Partnership(Section):
    """Element 1: the partnership."""

    name: str | None = ask("naam van het samenwerkingsproject", "name of the joint project")
    purpose: str | None = ask("voorwerp van de samenwerking", "object of the cooperation")
    value_proposition: ValueProposition = Field(default_factory=ValueProposition)
    customers: str | None = ask("klantensegmenten", "customer segments")
    contributions: list[Contribution] = ask_list("inbreng per partner", "contribution per partner")
    lead_partner: PartyId | None = ask("penvoerder", "lead partner")
    value_contributions: list[ValueContribution] = ask_list(
        "bijdrage aan de waardepropositie per partner", "contribution to the value proposition per partner"
    )
    openness: Literal["open", "closed"] | None = ask("open of gesloten samenwerking", "open or closed cooperation")
    exclusivity: Exclusivity = Field(default_factory=Exclusivity)
    social_mission: SocialMission = Field(default_factory=SocialMission)


# --- 2. activities ------------------------------------------------------------


class Activity(Section):
    """One activity of the value chain with its lead and supporting partners."""

    name: str = Field(min_length=1)
    description: str | None = ask("omschrijving van de activiteit", "description of the activity")
    lead: PartyId | None = ask("trekkende partner", "lead partner of the activity")
    support: list[PartyId] = Field(default_factory=list)


class ClientRelationship(Section):
    """Who owns and keeps the relationship with end clients."""

    owner: PartyId | Literal["joint"] | None = ask("eigenaar klantenrelatie", "owner of the client relationship")
    note: str | None = ask("afspraken klantenrelatie", "arrangements on client relationship")


class Quality(Section):
    """Quality standards and service levels."""

    standards: list[str] = ask_list("kwaliteitsnormen", "quality standards")
    complaints: str | None = ask("behandeling van klachten", "handling of complaints")


class Staff(Section):
    """Deployment of staff, incl. target-group workers."""

    onsite_work: bool | None = ask(
        "werken werknemers van een partner op de site van een andere partner",
        "do a partner's workers work on another partner's site",
    )
    host: PartyId | None = ask("partner die de werkplek ter beschikking stelt", "partner hosting the workplace")
    enclave: bool | None = ask("enclavewerking", "enclave work")
    coach: str | None = ask("naam van de begeleider", "name of the job coach")
    supervision: str | None = ask("afspraken over begeleiding en toezicht", "arrangements on supervision")


class IntellectualProperty(Section):
    """Background and foreground intellectual property."""

    foreground: Literal["joint", "creator", "lead"] | None = ask(
        "eigendom van gezamenlijk gecreëerde IE", "ownership of jointly created IP"
    )
    brand: str | None = ask("gebruik van namen en logo's", "use of names and logos")
    licence_after_end: bool | None = ask("licentie na het einde", "licence after the end")


class Reporting(Section):
    """Information and reporting duties."""

    frequency: Frequency | None = ask("frequentie rapportering", "reporting frequency")
    content: str | None = ask("inhoud van de rapportering", "content of reporting")


class Activities(Section):
    """Element 2: activities and roles."""

    value_chain: list[Activity] = ask_list("activiteiten van de waardeketen", "activities of the value chain")
    client_relationship: ClientRelationship = Field(default_factory=ClientRelationship)
    quality: Quality = Field(default_factory=Quality)
    staff: Staff = Field(default_factory=Staff)
    ip: IntellectualProperty = Field(default_factory=IntellectualProperty)
    reporting: Reporting = Field(default_factory=Reporting)


# --- 3. finance ---------------------------------------------------------------


class FeeTier(Section):
    """One step of a tiered platform fee."""

    up_to: int | None = ask("tot aantal eenheden", "up to number of units", ge=1)
    fee: Money = Field(description="fee in EUR for this tier")


class Pricing(Section):
    """How prices are set."""

    method: Literal["top-down", "bottom-up", "platform-fee"] | None = ask("prijszettingsmethode", "pricing method")
    market_reference: str | None = ask("marktalternatieven als referentie", "market alternatives used as reference")
    premium_pct: Percent | None = ask("premie bovenop de marktprijs (%)", "premium over market price (%)")
    target_margin_pct: Percent | None = ask("beoogde marge (%)", "target margin (%)")
    platform_fee: Money | None = ask("vaste platformbijdrage (EUR)", "fixed platform fee (EUR)")
    fee_period: Literal["month", "quarter", "year", "unit"] | None = ask("periode platformbijdrage", "platform fee period")
    fee_tiers: list[FeeTier] = ask_list("getrapte platformbijdrage", "tiered platform fee")
    note: str | None = ask("toelichting prijszetting", "pricing note")
    unit: str | None = ask("eenheid van het aanbod (bv. teambuilding)", "unit of the offer (e.g. team building)")
    market_price: Money | None = ask("marktprijs per eenheid als referentie (EUR)", "market reference price per unit (EUR)")
    margin_basis: Literal["cost", "price"] | None = ask(
        "beoogde marge op de kostprijs (opslag) of op de verkoopprijs", "target margin on cost (mark-up) or on the price"
    )
    price_per_unit: Money | None = ask("afgesproken prijs per eenheid (EUR)", "agreed price per unit (EUR)")


class CostItem(Section):
    """One cost item of the value chain, borne by one partner."""

    party: PartyId
    description: str = Field(min_length=1)
    activity: str | None = ask("activiteit", "activity")
    unit_cost: Money | None = ask("kost per stuk (EUR)", "cost per unit (EUR)")
    volume_per_year: int | None = ask("volume per jaar", "volume per year", ge=0)
    annual_amount: Money | None = ask("jaarlijks bedrag (EUR)", "annual amount (EUR)")
    year0_investment: Money | None = ask("investering vóór jaar 0 voor deze kost (EUR)", "investment before year 0 for this cost (EUR)")


class Share(Section):
    """One partner's share in the distribution key."""

    party: PartyId
    pct: Percent


class ActivityKey(Section):
    """The key of one activity in a per-activity (platform) distribution."""

    activity: str = Field(min_length=1, description="name of an activity of the value chain")
    weight_pct: Percent | None = ask(
        "aandeel van de activiteit in het te verdelen bedrag (%)", "the activity's part of the amount distributed (%)"
    )
    shares: list[Share] = ask_list("verdeelsleutel van de activiteit", "key of the activity")
    founders_pct: Percent | None = ask("oprichterspercentage van de activiteit (%)", "founders' percentage of the activity (%)")


class Distribution(Section):
    """The distribution key (verdeelsleutel)."""

    basis: Literal["fixed", "cost-contribution", "per-activity"] | None = ask("basis verdeelsleutel", "basis of the key")
    of: Literal["revenue", "margin", "profit"] | None = ask("wat verdeeld wordt", "what is distributed")
    shares: list[Share] = ask_list("verdeelsleutel per partner", "share per partner")
    parameters: str | None = ask("parameters van de verdeelsleutel", "parameters of the key")
    minimum_effort: str | None = ask("minimale inspanning per partner", "minimum effort per partner")
    per_activity: list[ActivityKey] = ask_list("verdeelsleutel per activiteit", "key per activity")

    @field_validator("per_activity")
    @classmethod
    def _one_key_per_activity(cls, value: list[ActivityKey]) -> list[ActivityKey]:
        names = [key.activity for key in value]
        twice = sorted({name for name in names if names.count(name) > 1})
        if twice:
            raise ValueError(f"activity {twice[0]!r} has more than one key")
        return value


class Transparency(Section):
    """Open-book arrangements."""

    open_book: bool | None = ask("open boekhouding", "open-book accounting")
    audit_right: bool | None = ask("inzagerecht", "inspection right")
    audit_notice_days: int | None = ask("aankondigingstermijn inzage (dagen)", "notice before inspection (days)", ge=1, le=90)


class Settlement(Section):
    """Invoicing and settlement between the partners."""

    invoicing_party: PartyId | Literal["each"] | None = ask("partner die de klant factureert", "partner invoicing the client")
    frequency: Frequency | None = ask("frequentie van de afrekening", "settlement frequency")
    payment_term_days: int | None = ask("betalingstermijn (dagen)", "payment term (days)", ge=1, le=365)
    basis: str | None = ask("grondslag van de afrekening", "basis of settlement")


class Investment(Section):
    """An investment a partner makes, and who owns the asset."""

    party: PartyId
    description: str = Field(min_length=1)
    amount: Money | None = ask("bedrag investering (EUR)", "investment amount (EUR)")
    owner: PartyId | Literal["joint"] | None = ask("eigenaar van het actief", "owner of the asset")


class KeyReview(Section):
    """When and how the distribution key is reviewed."""

    frequency: Frequency | None = ask("frequentie herziening verdeelsleutel", "key review frequency")
    trigger: str | None = ask("aanleiding herziening verdeelsleutel", "trigger for key review")


class FounderFee(Section):
    """Compensation for the founding partner(s) of a platform."""

    pct: Percent | None = ask("oprichterspercentage (%)", "founders' percentage (%)")
    years: int | None = ask("duur oprichtersvergoeding (jaren)", "founders' fee period (years)", ge=1, le=50)


class Scenario(Section):
    """One case (best, middle, worst) of the revenue projection."""

    case: Literal["best", "middle", "worst"]
    volume_per_year: int | None = ask("volume per jaar in dit scenario", "volume per year in this scenario", ge=0)
    volume_pct: Decimal | None = ask("volume in % van het basisvolume", "volume as % of the base volume", ge=0, le=1000)
    growth_pct: Decimal | None = ask("jaarlijkse groei van het volume (%)", "yearly growth of the volume (%)", ge=-100, le=1000)
    price_per_unit: Money | None = ask("prijs per eenheid in dit scenario (EUR)", "price per unit in this scenario (EUR)")
    note: str | None = ask("toelichting scenario", "note on the scenario")


class Incentive(Section):
    """A bonus for one partner on top of the key (investment, risk, open partnership)."""

    kind: Literal["investment", "risk", "open_partnership"]
    party: PartyId
    pct: Percent | None = ask("incentive in % van het verdeelde bedrag", "incentive as % of the amount distributed")
    note: str | None = ask("toelichting incentive", "note on the incentive")


class Finance(Section):
    """Element 3: costs and revenues."""

    pricing: Pricing = Field(default_factory=Pricing)
    cost_items: list[CostItem] = ask_list("kostenposten", "cost items")
    distribution: Distribution = Field(default_factory=Distribution)
    transparency: Transparency = Field(default_factory=Transparency)
    settlement: Settlement = Field(default_factory=Settlement)
    investments: list[Investment] = ask_list("investeringen", "investments")
    reinvestment_pct: Percent | None = ask("herinvesteringspercentage (%)", "reinvestment share (%)")
    key_review: KeyReview = Field(default_factory=KeyReview)
    founder_fee: FounderFee = Field(default_factory=FounderFee)
    volume_per_year: int | None = ask("verwacht volume per jaar (eenheden)", "expected volume per year (units)", ge=0)
    years: int | None = ask("aantal jaren in de projectie", "number of years projected", ge=1, le=30)
    scenarios: list[Scenario] = ask_list("scenario's (best, middle, worst case)", "scenarios (best, middle, worst case)")
    incentives: list[Incentive] = ask_list("incentives bovenop de verdeelsleutel", "incentives on top of the key")

    @field_validator("scenarios")
    @classmethod
    def _one_scenario_per_case(cls, value: list[Scenario]) -> list[Scenario]:
        cases = [scenario.case for scenario in value]
        twice = sorted({case for case in cases if cases.count(case) > 1})
        if twice:
            raise ValueError(f"the {twice[0]} case is given more than once")
        return value


# --- 4. governance ------------------------------------------------------------


class Body(Section):
    """The body that steers the cooperation."""

    name: str | None = ask("naam van het overlegorgaan", "name of the steering body")
    members_per_party: int | None = ask("leden per partner", "members per partner", ge=1, le=10)
    chair: PartyId | Literal["rotating"] | None = ask("voorzitter", "chair")


class Meetings(Section):
    """Regular consultation."""

    frequency: Frequency | None = ask("vergaderfrequentie", "meeting frequency")
    convener: PartyId | None = ask("partner die bijeenroept", "partner who convenes")
    notice_days: int | None = ask("oproepingstermijn (dagen)", "notice of meeting (days)", ge=1, le=60)


class Voting(Section):
    """How decisions are taken."""

    rule: Literal["consensus", "unanimity", "majority", "qualified"] | None = ask("besluitvormingsregel", "decision rule")
    qualified_pct: Percent | None = ask("gekwalificeerde meerderheid (%)", "qualified majority (%)")
    quorum: Literal["all", "majority"] | None = ask("aanwezigheidsquorum", "quorum")
    reserved_matters: list[str] = ask_list("voorbehouden beslissingen", "reserved matters")
    reserved_rule: Literal["unanimity", "qualified"] | None = ask("regel voorbehouden beslissingen", "rule for reserved matters")


class Deadlock(Section):
    """What happens when the partners cannot agree."""

    escalation_days: int | None = ask("termijn escalatie (dagen)", "escalation period (days)", ge=1, le=180)
    mediation: bool | None = ask("bemiddeling bij impasse", "mediation on deadlock")


class Disputes(Section):
    """Dispute resolution."""

    mediation: bool | None = ask("bemiddeling voor geschillen", "mediation before litigation")
    forum: Literal["court", "arbitration"] | None = ask("rechtbank of arbitrage", "court or arbitration")
    court: str | None = ask("bevoegde rechtbank", "competent court")
    arbitration_seat: str | None = ask("plaats van arbitrage", "seat of arbitration")


class Governance(Section):
    """Element 4: decision-making."""

    body: Body = Field(default_factory=Body)
    meetings: Meetings = Field(default_factory=Meetings)
    voting: Voting = Field(default_factory=Voting)
    deadlock: Deadlock = Field(default_factory=Deadlock)
    disputes: Disputes = Field(default_factory=Disputes)
    autonomy: list[str] = ask_list("wat elke partner zelf beslist", "what each partner decides alone")
    representation: Literal["none", "lead", "all"] | None = ask("vertegenwoordiging naar derden", "representation towards third parties")


# --- 5. risks -----------------------------------------------------------------


class Cap(Section):
    """Limitation of liability."""

    kind: Literal["none", "amount", "fees", "insurance"] | None = ask("soort aansprakelijkheidsbeperking", "kind of liability cap")
    amount: Money | None = ask("plafond aansprakelijkheid (EUR)", "liability cap (EUR)")


class Liability(Section):
    """How liability is allocated."""

    allocation: Literal["own-fault", "proportional"] | None = ask("verdeling aansprakelijkheid", "allocation of liability")
    cap: Cap = Field(default_factory=Cap)
    exclude_indirect: bool | None = ask("uitsluiting indirecte schade", "exclusion of indirect damage")


class Insurance(Section):
    """One insurance a partner keeps."""

    party: PartyId
    kind: Literal["civil", "professional", "workers", "property", "other"]
    description: str | None = ask("omschrijving verzekering", "insurance description")
    insurer: str | None = ask("verzekeraar", "insurer")
    cover: Money | None = ask("minimale dekking (EUR)", "minimum cover (EUR)")


class ForceMajeure(Section):
    """Force majeure."""

    notice_days: int | None = ask("meldingstermijn overmacht (dagen)", "force majeure notice (days)", ge=1, le=60)
    longstop_days: int | None = ask("termijn waarna beëindiging mogelijk is (dagen)", "long-stop period (days)", ge=1, le=730)


class Confidentiality(Section):
    """Confidential information."""

    years_after: int | None = ask("duur geheimhouding na einde (jaren)", "confidentiality after end (years)", ge=0, le=20)


class PersonalData(Section):
    """Personal data shared between the partners."""

    shared: bool | None = ask("worden persoonsgegevens gedeeld", "are personal data shared")
    categories: list[str] = ask_list("categorieën persoonsgegevens", "categories of personal data")
    subjects: str | None = ask("betrokkenen", "data subjects")
    roles: Literal["separate", "joint", "processor"] | None = ask("rollen onder de AVG", "roles under the GDPR")
    processor: PartyId | None = ask("verwerker", "processor")


class Risk(Section):
    """Element 5: risks and liability."""

    liability: Liability = Field(default_factory=Liability)
    indemnities: bool | None = ask("wederzijdse vrijwaring", "mutual indemnities")
    insurance: list[Insurance] = ask_list("verzekeringen per partner", "insurance per partner")
    force_majeure: ForceMajeure = Field(default_factory=ForceMajeure)
    hardship: Literal["renegotiate", "exclude"] | None = ask("regeling gewijzigde omstandigheden", "hardship rule")
    confidentiality: Confidentiality = Field(default_factory=Confidentiality)
    personal_data: PersonalData = Field(default_factory=PersonalData)


# --- 6. term ------------------------------------------------------------------


class Renewal(Section):
    """Renewal at the end of a fixed term."""

    kind: Literal["none", "tacit", "explicit"] | None = ask("verlenging", "renewal")
    months: int | None = ask("duur van een verlenging (maanden)", "renewal period (months)", ge=1, le=120)
    notice_months: int | None = ask("opzegtermijn vóór verlenging (maanden)", "notice before renewal (months)", ge=1, le=24)


class Evaluation(Section):
    """Periodic evaluation of the cooperation."""

    frequency: Frequency | None = ask("frequentie evaluatie", "evaluation frequency")
    moments: list[str] = ask_list("evaluatiemomenten", "evaluation moments")
    criteria: list[str] = ask_list("evaluatiecriteria", "evaluation criteria")


class Notice(Section):
    """Termination by notice."""

    months: int | None = ask("opzegtermijn (maanden)", "notice period (months)", ge=1, le=36)
    earliest: dt.date | None = ask("vroegste opzegdatum", "earliest notice date")


class Breach(Section):
    """Termination for serious breach."""

    cure_days: int | None = ask("hersteltermijn na ingebrekestelling (dagen)", "cure period after notice of default (days)", ge=1, le=180)


class Exit(Section):
    """Exit of one partner while the others continue."""

    notice_months: int | None = ask("opzegtermijn uittreding (maanden)", "notice for withdrawal (months)", ge=1, le=36)
    conditions: str | None = ask("voorwaarden uittreding", "conditions for withdrawal")
    exclusion: bool | None = ask("uitsluiting van een partner mogelijk", "may a partner be excluded")


class Consequences(Section):
    """What happens at the end."""

    orders: str | None = ask("lopende opdrachten", "running orders")
    clients: str | None = ask("klanten", "clients")
    assets: str | None = ask("activa en investeringen", "assets and investments")
    staff: str | None = ask("personeel", "staff")
    redeployment_months: int | None = ask("termijn herplaatsing personeel (maanden)", "redeployment period for staff (months)", ge=1, le=24)


class Term(Section):
    """Element 6: duration and termination."""

    start_date: dt.date | None = ask("datum van inwerkingtreding", "start date")
    conditions_precedent: str | None = ask("opschortende voorwaarden", "conditions precedent")
    duration: Literal["fixed", "indefinite"] | None = ask("bepaalde of onbepaalde duur", "fixed or indefinite term")
    end_date: dt.date | None = ask("einddatum", "end date")
    renewal: Renewal = Field(default_factory=Renewal)
    evaluation: Evaluation = Field(default_factory=Evaluation)
    notice: Notice = Field(default_factory=Notice)
    breach: Breach = Field(default_factory=Breach)
    exit: Exit = Field(default_factory=Exit)
    consequences: Consequences = Field(default_factory=Consequences)


# --- 7. legal form ------------------------------------------------------------

LegalForm = Literal[
    "contract", "maatschap", "tijdelijke-maatschap", "cv", "bv", "vzw", "eesv",
    "esv", "thv", "vso",
]
ABOLISHED_FORMS = ("esv", "thv", "vso")


class Accession(Section):
    """How a new partner joins."""

    conditions: list[str] = ask_list("toetredingsvoorwaarden", "conditions for accession")
    approver: Literal["body", "all"] | None = ask("wie keurt toetreding goed", "who approves accession")
    majority_pct: Percent | None = ask("meerderheid voor toetreding (%)", "majority for accession (%)")
    entry_fee: Money | None = ask("toetredingsvergoeding (EUR)", "entry fee (EUR)")


class NewPartnerTerms(Section):
    """What differs between founding and new partners."""

    differences: list[str] = ask_list("verschillen oprichters en nieuwe partners", "differences founders vs new partners")


class Legal(Section):
    """Element 7: legal form and scalability."""

    form: LegalForm | None = ask("rechtsvorm van de samenwerking", "legal form of the cooperation")
    vehicle_name: str | None = ask("naam van de entiteit", "name of the vehicle")
    social_enterprise: bool | None = ask("erkenning als sociale onderneming", "recognition as social enterprise")
    accession: Accession = Field(default_factory=Accession)
    new_partner_terms: NewPartnerTerms = Field(default_factory=NewPartnerTerms)
    assignment: Literal["forbidden", "consent", "affiliates"] | None = ask("overdracht van de overeenkomst", "assignment of the agreement")
    change_of_control: Literal["terminate", "notify", "none"] | None = ask("controlewijziging", "change of control")
    governing_law: Literal["belgian"] | None = ask("toepasselijk recht", "governing law")


# --- whole intake ---------------------------------------------------------------


class Tension(Section):
    """A hybrid tension the partners identified."""

    id: TensionId
    note: str | None = ask("toelichting spanning", "note on the tension")


class Signing(Section):
    """Where and when the agreement is signed."""

    place: str | None = ask("plaats van ondertekening", "place of signing")
    date: dt.date | None = ask("datum van ondertekening", "date of signing")


class Answers(Section):
    """Everything the partners decided: the input of every job."""

    schema_version: Literal[1] = SCHEMA_VERSION
    language: Lang = "nl"
    model: ModelType | None = ask("type business model", "business-model type")
    title: str | None = ask("titel van de overeenkomst", "title of the agreement")
    parties: list[Party] = Field(min_length=2, description="two or more partners")
    partnership: Partnership = Field(default_factory=Partnership)
    activities: Activities = Field(default_factory=Activities)
    finance: Finance = Field(default_factory=Finance)
    governance: Governance = Field(default_factory=Governance)
    risk: Risk = Field(default_factory=Risk)
    term: Term = Field(default_factory=Term)
    legal: Legal = Field(default_factory=Legal)
    tensions: list[Tension] = Field(default_factory=list)
    signing: Signing = Field(default_factory=Signing)

    def party(self, party_id: str) -> Party:
        """The party with this id."""
        for party in self.parties:
            if party.id == party_id:
                return party
        raise KeyError(party_id)
