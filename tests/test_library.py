"""The default clause library as a whole: coverage, both languages, variants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bbm_contracts import draft_agreement, library_for, load_answers, parse_answers
from bbm_contracts.draft import answers_data
from bbm_contracts.lint import check_library
from bbm_contracts.select import select_clauses

from .conftest import ALL_EXAMPLES, TWO_PARTIES, clause_yaml, write

# The provision ids of the spec (PROVISIONS.md), in its order.
SPEC_PROVISIONS = """
partnership.parties partnership.purpose partnership.contributions partnership.model partnership.openness
partnership.exclusivity partnership.social_mission
activities.value_chain activities.roles activities.client_relationship activities.quality activities.staff
activities.ip activities.reporting
finance.pricing finance.costs finance.distribution finance.transparency finance.settlement finance.investments
finance.reinvestment finance.key_review finance.founder_fee
governance.body governance.meetings governance.voting governance.deadlock governance.disputes governance.autonomy
risk.liability risk.liability_cap risk.indemnity risk.insurance risk.force_majeure risk.hardship
risk.confidentiality risk.data_protection
term.start term.duration term.renewal term.evaluation term.notice term.breach term.exit term.consequences
legal.form legal.accession legal.new_partner_terms legal.assignment legal.change_of_control legal.governing_law
legal.amendments legal.entire_agreement legal.notices
""".split()

ELEMENTS = ["partnership", "activities", "finance", "governance", "risk", "term", "legal"]


@pytest.fixture(scope="module")
def library():
    return library_for()


def test_provisions_match_the_spec(library) -> None:
    assert list(library.provisions) == SPEC_PROVISIONS
    assert [e.id for e in library.elements] == ELEMENTS
    for provision in library.provisions.values():
        assert provision.id.split(".")[0] == provision.element
        assert provision.name.nl and provision.name.en and provision.explain.nl and provision.explain.en
        for lang in ("nl", "en"):
            vocabulary = provision.detect[lang]
            assert vocabulary.headings or vocabulary.phrases, (provision.id, lang)


def test_every_provision_is_provided_by_a_clause(library) -> None:
    provided = {p for c in library.clauses.values() for p in c.provides}
    assert set(SPEC_PROVISIONS) - provided == set()


def test_every_answer_a_clause_uses_exists_on_the_model(library) -> None:
    assert check_library(library) == []


def test_every_clause_has_both_languages_and_a_drafting_note(library) -> None:
    for clause in library.clauses.values():
        assert clause.text.nl.strip() and clause.text.en.strip(), clause.id
        assert clause.title.nl.strip() and clause.title.en.strip(), clause.id
        assert len(clause.note.nl) > 40 and len(clause.note.en) > 40, clause.id


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_both_languages_draft_the_same_articles_and_paragraph_structure(library, example: Path) -> None:
    answers = load_answers(example)
    nl = draft_agreement(answers, library, "nl")
    en = draft_agreement(answers, library, "en")
    assert [a.clause_id for a in nl.articles] == [a.clause_id for a in en.articles]
    for a_nl, a_en in zip(nl.articles, en.articles, strict=True):
        assert [p.kind for p in a_nl.paragraphs] == [p.kind for p in a_en.paragraphs], a_nl.clause_id
    assert [p.kind for p in nl.recitals] == [p.kind for p in en.recitals]
    assert {p.path for p in nl.open_points} == {p.path for p in en.open_points}


@pytest.mark.parametrize("model", ["platform", "co-creation"])
def test_model_variants_exist_where_the_seed_says_the_models_differ(library, model: str) -> None:
    answers = parse_answers(f"model: {model}\n" + TWO_PARTIES)
    chosen = select_clauses(answers, library, answers_data(answers))
    for provision in ("partnership.openness", "finance.pricing", "finance.distribution", "governance.body",
                      "governance.voting", "term.exit", "legal.accession"):
        providers = [c for c in chosen if provision in c.provides]
        assert len(providers) == 1, (provision, [c.id for c in providers])
        assert providers[0].applies.model == [model], providers[0].id
    founder = [c for c in chosen if "finance.founder_fee" in c.provides]
    assert bool(founder) == (model == "platform")


ALTERNATIVES = [
    ("term.duration", "term:\n  duration: {}\n", ["fixed", "indefinite", None]),
    ("legal.form", "legal:\n  form: {}\n",
     ["contract", "maatschap", "tijdelijke-maatschap", "cv", "bv", "vzw", "eesv", "esv", "thv", "vso", None]),
    ("risk.liability_cap", "risk:\n  liability:\n    cap:\n      kind: {}\n", ["none", "amount", "fees", "insurance", None]),
    ("governance.disputes", "governance:\n  disputes:\n    forum: {}\n", ["court", "arbitration", None]),
    ("risk.hardship", "risk:\n  hardship: {}\n", ["renegotiate", "exclude", None]),
    ("term.notice", "term:\n  duration: {}\n", ["fixed", "indefinite", None]),
    ("partnership.exclusivity", "partnership:\n  exclusivity:\n    exclusive: {}\n", ["true", "false", None]),
]


@pytest.mark.parametrize(("provision", "snippet", "values"), ALTERNATIVES, ids=[a[0] for a in ALTERNATIVES])
@pytest.mark.parametrize("model", ["platform", "co-creation"])
def test_exactly_one_alternative_applies_whatever_the_answer(library, provision: str, snippet: str,
                                                             values: list[str | None], model: str) -> None:
    for value in values:
        text = f"model: {model}\n" + TWO_PARTIES + (snippet.format(value) if value is not None else "")
        answers = parse_answers(text)
        chosen = [c.id for c in select_clauses(answers, library, answers_data(answers)) if provision in c.provides]
        assert len(chosen) == 1, (value, chosen)


def test_minimal_answers_still_draft_every_must_provision(library) -> None:
    for model in ("platform", "co-creation"):
        answers = parse_answers(f"model: {model}\n" + TWO_PARTIES)
        draft = draft_agreement(answers, library)
        musts = {p.id for p in library.provisions.values() if p.weight_for(model) == "must" and not p.applies_when}
        assert musts - draft.provisions == set(), model


def test_welfare_and_enclave_clauses_appear_only_when_needed(library) -> None:
    base = parse_answers(TWO_PARTIES)
    onsite = parse_answers(TWO_PARTIES + "activities:\n  staff:\n    onsite_work: true\n    enclave: true\n")
    ids_base = {a.clause_id for a in draft_agreement(base, library).articles}
    ids_onsite = {a.clause_id for a in draft_agreement(onsite, library).articles}
    extra = ids_onsite - ids_base
    assert len(extra) >= 2, extra
    texts = " ".join(p.text for a in draft_agreement(onsite, library).articles if a.clause_id in extra
                     for p in a.paragraphs)
    assert "welzijn" in texts.lower() and "begeleider" in texts.lower()


def test_own_library_overrides_by_id_and_adds_clauses(tmp_path: Path, library) -> None:
    some_id = next(c.id for c in library.clauses.values() if c.element == "term" and not c.applies.when
                   and not c.applies.model)
    own = tmp_path / "own"
    write(own / "term" / "x.yaml", clause_yaml(some_id, "term", "Eigen tekst van het kantoor.", provides=["term.start"]))
    write(own / "legal" / "y.yaml", clause_yaml("legal-extra", "legal", "Bijkomend artikel.", order=999))
    merged = library_for(own)
    assert merged.clauses[some_id].text.nl == "Eigen tekst van het kantoor."
    assert "legal-extra" in merged.clauses
    assert len(merged.clauses) == len(library.clauses) + 1
    draft = draft_agreement(parse_answers(TWO_PARTIES), merged)
    texts = [p.text for a in draft.articles for p in a.paragraphs]
    assert "Eigen tekst van het kantoor." in texts and "Bijkomend artikel." in texts


def test_own_library_errors_name_the_file(tmp_path: Path, cli) -> None:
    own = tmp_path / "own"
    write(own / "term" / "bad.yaml", "id: term-bad\nelement: term\ntitle: {nl: a}\n")
    answers = write(tmp_path / "a.yaml", TWO_PARTIES)
    result = cli("draft", answers, "-o", tmp_path / "o.docx", "--library", own)
    assert result.exit_code == 2
    assert "bad.yaml" in result.output and "title.en: Field required" in result.output


def test_red_flags_are_respected_in_the_clause_texts(library) -> None:
    everything = " ".join(c.text.nl + " " + c.text.en for c in library.clauses.values()).lower()
    assert not re.search(r"(?<!europees )economisch samenwerkingsverband", everything)
    assert "tijdelijke handelsvennootschap" not in everything
    liability = " ".join(c.text.nl for c in library.clauses.values() if "risk.liability" in c.provides).lower()
    assert "opzet" in liability and ("lichamelijke" in liability or "fysieke" in liability)
