"""The fast detector: what it skips it may skip, and it finds exactly what a
plain scan of every phrase and pattern over every section finds."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bbm_contracts import draft_agreement, library_for, load_answers, write_agreement
from bbm_contracts.detect import detect, extract_values, matchers, may_match, periods, required_words
from bbm_contracts.reader import read_document
from bbm_contracts.review import _ABOLISHED, _ONSITE, _PERSONAL_DATA, _TACIT, review_document
from bbm_contracts.rules import EXCLUSION
from bbm_contracts.segment import Section, normalise, segment

from .conftest import ALL_EXAMPLES

LIBRARY = library_for()


@pytest.mark.parametrize(("pattern", "clauses"), [
    (r"\bkbo\b", [{"kbo"}]),
    (r"\b(doel|voorwerp) van (deze|de) (overeenkomst|regeling)\b", [{"overeenkomst", "regeling"}, {"doel", "voorwerp"}, {"van"}]),
    (r"\d+\s?%\s*(van de|van het)", [{"%"}, {"van de", "van het"}]),
    (r"\b(bankrupt|insolven)\w*[^.]{0,150}\bterminat|\bterminat\w*[^.]{0,150}insolv", [{"terminat"}]),
    (r"colou?r", [{"colo"}]),
    (r"sub(?:-)?contract", [{"contract"}, {"sub"}]),
    (r"\b(commit|devote)s? ([\w-]+ ){0,3}to", [{"commit", "devote"}]),
    (r"(?<!europees )\beconomisch samenwerkingsverband", [{"economisch samenwerkingsverband"}]),
    # nothing can be said: a short alternative, only classes, a case-insensitive group
    (r"\b(?:a|b)c\b", []),
    (r"\d+\s?[a-z]+", []),
    (r"(?i:Belgisch) recht", [{"recht"}]),
])
def test_required_words_read_off_a_pattern(pattern: str, clauses: list[set[str]]) -> None:
    assert [set(c) for c in required_words(pattern)] == clauses


def _all_patterns() -> list[str]:
    found = {pattern.pattern for lang in ("nl", "en") for m in matchers(LIBRARY, lang) for _, pattern in m.patterns}
    found |= {p.pattern for p in (_TACIT, _ABOLISHED, *EXCLUSION.values())} | {_ONSITE, _PERSONAL_DATA}
    return sorted(found)


@pytest.mark.parametrize("pattern", _all_patterns())
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_every_match_of_a_vocabulary_pattern_holds_its_required_words(pattern: str, data: st.DataObject) -> None:
    """Soundness of the skip: a text matching the pattern always passes the word test."""
    text = data.draw(st.from_regex(re.compile(pattern), fullmatch=False))
    if re.search(pattern, text) is None:  # from_regex's \b and lookbehinds are approximate
        return
    # the gate reads normalised text; every match must still pass it
    match = re.search(pattern, text)
    assert match is not None
    assert may_match(re.compile(pattern), match.group(0).lower())


def _naive(sections: tuple[Section, ...], lang: str) -> set[tuple[str, int, str, frozenset[str]]]:
    """Every heading word, phrase and pattern tried on every section (at every
    occurrence, for `unless`/`needs`), no shortcuts."""
    out = set()
    for index, section in enumerate(sections):
        body, heading = section.normalised, section.normalised_heading
        if len(body) < 200 and re.search(r"niet van toepassing|not applicable|reserved", body):
            continue
        for m in matchers(LIBRARY, lang):
            words = {lit for lit in m.literals
                     if any(m.counts_at(body, hit.end() - 1) for hit in re.finditer(re.escape(lit), body))}
            words |= {hit.group(0) for _, p in m.patterns for hit in p.finditer(body) if m.counts_at(body, hit.end() - 1)}
            by_heading = heading and (any(h in heading for h in m.heading_literals)
                                      or any(p.search(heading) for p in m.heading_patterns))
            if by_heading or words:
                out.add((m.provision, index, "heading" if by_heading else "text", frozenset(words)))
    return out


@pytest.fixture(scope="module")
def drafted(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, tuple[Section, ...]]]:
    folder = tmp_path_factory.mktemp("detect")
    out = []
    for example in ALL_EXAMPLES:
        for lang in ("nl", "en"):
            path = write_agreement(draft_agreement(load_answers(example), LIBRARY, lang), folder / f"{example.stem}-{lang}.docx")
            out.append((lang, segment(read_document(path))))
    return out


def test_fast_detection_equals_a_plain_scan_of_every_phrase(drafted: list[tuple[str, tuple[Section, ...]]]) -> None:
    for lang, sections in drafted:
        fast = {(d.provision, d.section, d.via) for d in detect(sections, LIBRARY, lang)}
        naive = _naive(sections, lang)
        assert fast == {(p, i, via) for p, i, via, _ in naive}
        # the explanation lists matched words the plain scan also found (up to five)
        words = {(p, i): w for p, i, _, w in naive}
        for d in detect(sections, LIBRARY, lang):
            assert set(d.matched) - words[d.provision, d.section] <= {d.matched[0]} if d.via == "heading" else set(d.matched) <= words[d.provision, d.section]


@pytest.mark.parametrize(("text", "expected"), [
    ("binnen dertig (30) kalenderdagen na", [("dertig (30) kalenderdagen", 30)]),
    ("een opzegtermijn van zes maanden", [("zes maanden", 180)]),
    ("veertien dagen", [("veertien dagen", 14)]),  # not "tien dagen"
    ("Fourteen Days' notice", [("Fourteen Days", 14)]),
    ("for a period of five (5) years", [("five (5) years", 1825)]),
    ("the 2027 agreement", []),
])
def test_periods_are_read_with_their_length_in_days(text: str, expected: list[tuple[str, int]]) -> None:
    assert list(periods(text)) == expected


def test_values_are_extracted_only_where_the_section_provides_the_provision(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Artikel 1 – Duur\nDeze overeenkomst geldt voor drie jaar.\n\n"
                    "Artikel 2 – Prijs\nDe prijs bedraagt € 3.000 per jaar, betaalbaar binnen 30 dagen.\n", encoding="utf-8")
    sections = segment(read_document(path))
    values = extract_values(sections, detect(sections, LIBRARY, "nl"))
    assert ("period", "drie jaar", 0, 1095) in {(v.kind, v.text, v.section, v.days) for v in values}
    assert normalise("Artikel 1 – Duur") == "artikel 1 - duur"


def _provisions(tmp_path: Path, text: str) -> set[str]:
    path = tmp_path / "agreement.txt"
    path.write_text(text, encoding="utf-8")
    return set(review_document(read_document(path), LIBRARY).detected)


def test_a_change_of_control_counts_where_a_consequence_is_attached(tmp_path: Path) -> None:
    defined = ("1. DEFINITIONS\n\"Change of Control\" means the acquisition of more than half of the voting shares of a Party.\n\n"
               "2. SUCCESSORS\nThis Agreement shall be binding upon the parties and their successors, including by merger of a party.\n")
    assert "legal.change_of_control" not in _provisions(tmp_path, defined)
    listed = ("3. TERMINATION\nEither Party may terminate this Agreement upon the occurrence of any of the following: "
              "(a) a material breach; (b) the insolvency of the other Party; (c) a change of control of the other Party.\n")
    assert "legal.change_of_control" in _provisions(tmp_path, defined + "\n" + listed)
    dutch = ("Artikel 9 – Slotbepalingen\nBij een wijziging van zeggenschap over een partij kan elke andere partij "
             "de overeenkomst opzeggen met een termijn van drie maanden.\n")
    assert "legal.change_of_control" in _provisions(tmp_path, dutch)


def test_a_distribution_left_to_later_negotiation_does_not_count(tmp_path: Path) -> None:
    deferred = ("5. FUTURE PROGRAMS\nThe terms (including pricing and revenue sharing) of each such program shall be "
                "covered by a separate written agreement which the parties agree to negotiate in good faith.\n")
    assert "finance.distribution" not in _provisions(tmp_path, deferred)
    settled = "6. REVENUE\nThe parties shall split the net revenues 60/40 and report the revenue sharing quarterly.\n"
    assert "finance.distribution" in _provisions(tmp_path, deferred + "\n" + settled)


def test_renewal_only_by_a_new_mutual_agreement_is_no_renewal_provision(tmp_path: Path) -> None:
    term = "1. TERM\nThis Agreement commences on the Effective Date and continues for three (3) years.\n"
    mutual = term + "This Agreement may be renewed upon mutual written agreement of the parties.\n"
    assert "term.renewal" not in _provisions(tmp_path, mutual)
    automatic = term + ("Thereafter it is renewed automatically for successive one-year periods unless a party gives "
                        "notice of non-renewal at least ninety (90) days before the end of the then-current term.\n")
    assert "term.renewal" in _provisions(tmp_path, automatic)
