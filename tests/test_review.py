"""The review job: segmentation, detection with explanations, values, red
flags, readiness, the annotated copy and the round trip through our own drafts."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import docx
import pytest

from bbm_contracts import draft_agreement, library_for, load_answers, write_agreement
from bbm_contracts.check import check_answers
from bbm_contracts.reader import read_document
from bbm_contracts.report import ReportJson
from bbm_contracts.review import REVIEW_RULES, review_document
from bbm_contracts.segment import segment

from .conftest import ALL_EXAMPLES, write

LIBRARY = library_for()

DUTCH = """SAMENWERKINGSOVEREENKOMST

Tussen de ondergetekenden:
Maatwerk Oost vzw, met maatschappelijke zetel te Kerkstraat 1, 3500 Hasselt, ingeschreven onder ondernemingsnummer 0412.345.614, vertegenwoordigd door An Peeters;
en Bouw Noord bv, met zetel te Markt 2, 2000 Antwerpen, vertegenwoordigd door Bart Claes.

Artikel 1 – Voorwerp
De partijen werken samen om houtskeletbouw te produceren met doelgroepwerknemers.

Artikel 2 – Duur
Deze overeenkomst treedt in werking op 1 januari 2027 en wordt gesloten voor een duur van drie jaar. Zij wordt daarna stilzwijgend verlengd.

Artikel 3 – Aansprakelijkheid
Een partij is niet aansprakelijk voor schade, ook niet bij opzet of lichamelijk letsel.

Artikel 4 – Betaling
Facturen worden betaald binnen 90 dagen na ontvangst van de factuur.

Artikel 5 – Toepasselijk recht en bevoegde rechtbank
Deze overeenkomst wordt beheerst door het Belgisch recht. Geschillen behoren tot de bevoegdheid van de ondernemingsrechtbank van Antwerpen.
"""

ENGLISH = """COLLABORATION AGREEMENT

1. TERM
This Agreement shall commence on the Effective Date and continue for a period of five (5) years.

2. TERMINATION FOR CONVENIENCE
Either Party may terminate this Agreement for convenience upon ninety (90) days' prior written notice to the other Party.

3. LIMITATION OF LIABILITY
In no event shall either Party's aggregate liability exceed $1,000,000, except for fraud or wilful misconduct.

4. GOVERNING LAW
This Agreement shall be governed by the laws of the State of Delaware.
"""


def review_text(tmp_path: Path, text: str, name: str = "agreement.txt", **kwargs: object):
    path = write(tmp_path / name, text)
    return review_document(read_document(path), LIBRARY, **kwargs)


@pytest.mark.parametrize(("text", "headings"), [
    ("Artikel 3 – Duur\nDe overeenkomst duurt drie jaar.\n\nArtikel 4 – Opzegging\nOpzeg met zes maanden.\n",
     [("3", "Duur"), ("4", "Opzegging")]),
    ("3. DUUR\nDe overeenkomst duurt drie jaar.\n\n4. OPZEGGING\nOpzeg met zes maanden.\n", [("3", "DUUR"), ("4", "OPZEGGING")]),
    ("ARTICLE 3 TERM\nThis Agreement lasts three years.\n\nARTICLE 4 NOTICE\nSix months' notice.\n",
     [("3", "TERM"), ("4", "NOTICE")]),
])
def test_segmentation_finds_numbered_headings_in_many_styles(tmp_path: Path, text: str, headings: list[tuple[str, str]]) -> None:
    sections = segment(read_document(write(tmp_path / "a.txt", text)))
    assert [(s.number, s.heading) for s in sections if s.heading] == headings


def test_bold_paragraphs_as_headings_and_no_headings_at_all(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph().add_run("Vertrouwelijkheid").bold = True
    document.add_paragraph("De partijen houden alle informatie geheim gedurende vijf jaar.")
    document.add_paragraph().add_run("Overmacht").bold = True
    document.add_paragraph("Geen partij is aansprakelijk bij overmacht.")
    document.save(str(tmp_path / "bold.docx"))
    sections = segment(read_document(tmp_path / "bold.docx"))
    assert [s.heading for s in sections] == ["Vertrouwelijkheid", "Overmacht"]
    plain = segment(read_document(write(tmp_path / "plain.txt", "Eerste alinea over de duur.\n\nTweede alinea over de prijs.\n")))
    assert len(plain) == 2 and all(s.heading == "" for s in plain)


def test_detections_explain_themselves_and_values_are_extracted(tmp_path: Path) -> None:
    review = review_text(tmp_path, ENGLISH)
    assert review.language == "en"
    by_provision = {d.provision: d for d in review.detections}
    for provision in ("term.duration", "term.notice", "risk.liability_cap", "legal.governing_law"):
        assert provision in by_provision, provision
    notice = by_provision["term.notice"]
    assert "TERMINATION FOR CONVENIENCE" in notice.location and notice.matched
    kinds = {(v.kind, v.text) for v in review.values}
    assert ("period", "ninety (90) days") in kinds
    assert any(k == "amount" and "1,000,000" in t for k, t in kinds)
    assert any(k == "governing_law" and "Delaware" in t for k, t in kinds)


def test_red_flags_found_in_the_text(tmp_path: Path) -> None:
    review = review_text(tmp_path, DUTCH)
    assert review.language == "nl"
    rules = {f.rule: f for f in review.report.findings}
    assert rules["LAW-LIABILITY-EXCLUSION"].severity == "error"
    assert "Aansprakelijkheid" in (rules["LAW-LIABILITY-EXCLUSION"].location or "")
    assert rules["LAW-PAYMENT-TERM"].params["days"] == "90"
    assert "LAW-TACIT-RENEWAL" in rules
    assert any(v.kind == "court" and "Antwerpen" in v.text for v in review.values)
    assert any(v.kind == "governing_law" and "belgisch" in v.text.lower() for v in review.values)


def test_missing_provisions_are_findings_and_the_score_is_red(tmp_path: Path) -> None:
    review = review_text(tmp_path, ENGLISH)
    rules = {f.rule for f in review.report.findings}
    for rule in ("RISK-INSURANCE-MISSING", "TERM-BREACH-MISSING", "TERM-EVALUATION-MISSING", "SCALE-ASSIGNMENT-MISSING"):
        assert rule in rules
    insurance = next(f for f in review.report.findings if f.rule == "RISK-INSURANCE-MISSING")
    assert insurance.message["en"].startswith("The agreement has no insurance clause")
    assert review.report.readiness.level == "red"


def test_platform_model_makes_exit_an_error(tmp_path: Path) -> None:
    co = review_text(tmp_path, ENGLISH)
    platform = review_text(tmp_path, ENGLISH, model="platform")
    assert [f.severity for f in co.report.findings if f.rule == "TERM-EXIT-MISSING"] == ["warning"]
    assert [f.severity for f in platform.report.findings if f.rule == "TERM-EXIT-MISSING"] == ["error"]


@pytest.fixture(scope="module")
def drafts(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], tuple[object, Path]]:
    folder = tmp_path_factory.mktemp("round-trip")
    out = {}
    for example in ALL_EXAMPLES:
        for lang in ("nl", "en"):
            draft = draft_agreement(load_answers(example), LIBRARY, lang)
            out[(example.stem, lang)] = (draft, write_agreement(draft, folder / f"{example.stem}-{lang}.docx"))
    return out


ROUND_TRIP = [(e.stem, lang) for e in ALL_EXAMPLES for lang in ("nl", "en")]


@pytest.mark.parametrize("case", ROUND_TRIP, ids=lambda c: f"{c[0]}-{c[1]}")
def test_round_trip_detects_every_provision_our_clauses_provide(drafts, case) -> None:
    draft, path = drafts[case]
    review = review_document(read_document(path), LIBRARY, model=draft.model)
    assert review.language == case[1]
    assert sorted(draft.provisions - review.detected) == []


@pytest.mark.parametrize("case", [(e.stem, lang) for e in ALL_EXAMPLES for lang in ("nl", "en")], ids=lambda c: f"{c[0]}-{c[1]}")
def test_round_trip_review_score_is_close_to_the_check_score(drafts, case) -> None:
    draft, path = drafts[case]
    review = review_document(read_document(path), LIBRARY, model=draft.model)
    check = check_answers(draft.answers, LIBRARY, draft=draft, language=case[1])
    assert abs(review.report.readiness.score - check.readiness.score) <= 5, (review.report.readiness.score, check.readiness.score)


def test_annotated_copy_has_comments_and_leaves_the_input_untouched(drafts, cli, tmp_path: Path) -> None:
    _, path = drafts[("minimal", "nl")]
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    out = tmp_path / "annotated.docx"
    result = cli("review", path, "--annotate", out, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    comments = list(docx.Document(str(out)).comments)
    assert comments
    assert comments[0].text.startswith("Toets bbm-contracts — Score")
    assert "Risico's & aansprakelijkheid" in comments[0].text


def test_review_cli_json_follows_the_report_schema_with_locations(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "nl.txt", DUTCH)
    result = cli("review", path, "--format", "json", "--explain")
    assert result.exit_code == 1
    data = json.loads(result.output)  # --explain adds nothing to a JSON report: it carries the evidence
    ReportJson.model_validate(data)
    assert data["job"] == "review"
    assert any(f["location"] and "Betaling" in f["location"] for f in data["findings"] if f["rule"] == "LAW-PAYMENT-TERM")
    duration = next(d for d in data["detections"] if d["provision"] == "term.duration")
    assert duration["via"] == "heading" and duration["location"].startswith("§2 · Duur")
    assert {"kind": "period", "text": "drie jaar", "location": duration["location"], "days": 1095} in data["values"]
    assert {"kind": "payment_term", "text": "binnen 90 dagen", "days": 90} in [
        {k: v for k, v in value.items() if k != "location"} for value in data["values"]]


def test_review_explain_lists_detections(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "en.txt", ENGLISH)
    result = cli("review", path, "--explain")
    assert "detected provisions" in result.output
    assert "term.notice" in result.output and "TERMINATION FOR CONVENIENCE" in result.output


def test_annotate_needs_a_docx(cli, tmp_path: Path) -> None:
    path = write(tmp_path / "en.txt", ENGLISH)
    result = cli("review", path, "--annotate", tmp_path / "o.docx")
    assert result.exit_code == 2 and "needs a .docx input" in result.output


@pytest.mark.parametrize(("content", "message"), [
    (b"", "is empty"),
    (b"%PDF-1.4\n%%EOF\n", "PDF"),
    (b"PK\x03\x04 not really a zip", "zip"),
])
def test_review_of_unusable_files_exits_2_with_one_line(cli, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "contract.docx"
    path.write_bytes(content)
    result = cli("review", path)
    assert result.exit_code == 2
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(path) in lines[0] and message.lower() in lines[0].lower(), result.output


def test_a_default_mark_leaves_its_provision_open_a_plain_placeholder_costs_points(tmp_path: Path) -> None:
    base = ("Artikel 1 – Beperking van aansprakelijkheid\nDe aansprakelijkheid van een Partij is beperkt tot "
            "[● plafond aansprakelijkheid (EUR)] per schadegeval.\n\n"
            "Artikel 2 – Controlewijziging\n{mark}Bij een controlewijziging kan elke andere Partij de overeenkomst "
            "opzeggen met een termijn van drie maanden.\n")
    plain = review_text(tmp_path, base.format(mark=""))
    assert {"risk.liability_cap", "legal.change_of_control"} <= plain.present
    assert next(e for e in plain.report.readiness.elements if e.id == "risk").placeholders == 1
    marked = review_text(tmp_path, base.format(
        mark="[● Standaardtekst over controlewijziging: de Partijen hebben dit punt nog niet beslist. Bevestig of pas aan]\n"))
    assert "legal.change_of_control" in marked.detected and "legal.change_of_control" not in marked.present
    assert next(e for e in marked.report.readiness.elements if e.id == "legal").placeholders == 1


_ANSWER_PATH = re.compile(r"\b[a-z_]+\.[a-z_]+(?:\.[a-z_]+)*\b|--library")


@pytest.mark.parametrize("rule_id", sorted(REVIEW_RULES))
def test_review_findings_speak_of_the_document_not_of_answers_fields(rule_id: str) -> None:
    """A reviewer has no answers file: the review wording names no answers path."""
    texts = LIBRARY.rule_texts[rule_id].review
    assert texts is not None, rule_id
    for lang in ("nl", "en"):
        for text in (getattr(texts.message, lang), getattr(texts.fix, lang)):
            assert not _ANSWER_PATH.search(text.replace("bv.", "").replace("e.g.", "").replace("art.", "")), (rule_id, lang, text)


def test_severities_are_named_in_the_report_language(cli, tmp_path: Path) -> None:
    dutch = cli("review", write(tmp_path / "nl.txt", DUTCH))
    assert "fout" in dutch.output and "LAW-PAYMENT-TERM" in dutch.output and " error " not in dutch.output
    markdown = cli("review", write(tmp_path / "en.txt", ENGLISH), "--format", "markdown")
    assert "- **warning** `" in markdown.output or "- **error** `" in markdown.output
