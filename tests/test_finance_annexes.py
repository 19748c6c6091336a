"""Annex 2 (the revenue model) and Annex 4 (the seed's "Oefening 1") in the
drafts of the bundled examples, read back with python-docx; the figures are
checked by hand in the comments. LibreOffice renders them (PDF text)."""

from __future__ import annotations

import copy
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from bbm_contracts import draft_agreement, library_for, write_agreement
from bbm_contracts.answers import Answers
from bbm_contracts.pdf import docx_to_pdf, find_soffice

from .conftest import ALL_EXAMPLES, EXAMPLES

LIBRARY = library_for()
Tables = dict[str, list[list[str]]]

VALUE_CONTRIBUTIONS = [
    {"party": "wroeter", "products_services": ["teambuildings op eigen locaties", "begeleiding door doelgroepwerknemers"],
     "gain_creators": ["sociale meerwaarde voor het team van de klant"], "pain_relievers": ["één aanspreekpunt"]},
    {"party": "37graden", "products_services": ["organisatie en coördinatie van events"],
     "gain_creators": ["commerciële ervaring en klantennetwerk"], "pain_relievers": []},
]


def data(name: str) -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load((EXAMPLES / f"{name}.yaml").read_text(encoding="utf-8")))


def annex_tables(tmp_path: Path, answers: dict[str, Any], lang: str) -> tuple[docx.Document, Tables]:
    """The drafted document and its annex tables by title (the tables that
    follow a "BBM Annex" paragraph, as rows of cell texts)."""
    draft = draft_agreement(Answers.model_validate(answers), LIBRARY, lang)
    document = docx.Document(str(write_agreement(draft, tmp_path / f"draft-{lang}.docx")))
    tables: Tables = {}
    title = None
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = DocxParagraph(child, document)
            if paragraph.style is not None and paragraph.style.name == "BBM Annex":
                title = paragraph.text
        elif child.tag == qn("w:tbl") and title is not None:
            rows = DocxTable(child, document).rows
            tables[title] = [[cell.text for cell in row.cells] for row in rows]
    return document, tables


def row(table: list[list[str]], first: str, occurrence: int = 0) -> list[str]:
    return [r for r in table if r[0] == first][occurrence]


def highlighted(document: docx.Document) -> set[str]:
    return {run.text for table in document.tables for r in table.rows for cell in r.cells
            for p in cell.paragraphs for run in p.runs if run.font.highlight_color is not None}


# --- the four examples -------------------------------------------------------------------------------------


def test_kaliber_cost_estimate_key_and_scenarios(tmp_path: Path) -> None:
    _, tables = annex_tables(tmp_path, data("kaliber-knoopwerk"), "nl")
    costs = tables["Bijlage 2 – Verdienmodel: kosteninschatting per jaar"]
    assert costs[0] == ["Kostenpost", "Kost / stuk", "Vereist (per jaar)", "Projectkost (per jaar)"]
    # Kost / stuk x Vereist = Projectkost: 7.800 x 25 = 195.000
    assert row(costs, "Aankoop: gecertifieerd hout voor een gemiddeld bouwpakket") == [
        "Aankoop: gecertifieerd hout voor een gemiddeld bouwpakket", "€ 7.800,00", "25", "€ 195.000,00"]
    # Kaliber (7.800 + 3.200 + 450) x 25 = 286.250; Knoopwerk 1.100 x 25 + 15.000 (a year) = 42.500
    assert row(costs, "Totaal Kaliber")[3] == "€ 286.250,00" and row(costs, "Totaal Knoopwerk")[3] == "€ 42.500,00"
    assert row(costs, "Ontwerp & offerte: marketing en werking naar architecten")[1:] == ["–", "–", "€ 15.000,00"]
    assert row(costs, "Totaal")[3] == "€ 328.750,00"
    assert row(costs, "Kost per eenheid")[2:] == ["25", "€ 13.150,00"]  # 328.750 / 25
    key = tables["Bijlage 2 – Verdienmodel: verdeelsleutel"]
    # the key follows the costs: 286.250 / 328.750 = 87,07 %; 42.500 / 328.750 = 12,93 %
    assert key[1:] == [["Kaliber", "87,07 %", "87,07 %", "€ 286.250,00"],
                       ["Knoopwerk", "12,93 %", "12,93 %", "€ 42.500,00"],
                       ["Totaal", "100 %", "100 %", "€ 328.750,00"]]
    scenarios = tables["Bijlage 2 – Verdienmodel: scenario's per jaar"]
    assert scenarios[0] == ["Jaar en post", "Middle case"]  # only the middle case is given: two columns
    assert scenarios[1] == ["Jaar 1 (vanaf 1 september 2026)", ""]
    # bottom-up price 13.150 + 20 % = 15.780; 25 x 15.780 = 394.500; margin 65.750; 15 % reinvested = 9.862,50
    assert row(scenarios, "Prijs per eenheid")[1] == "€ 15.780,00"
    assert row(scenarios, "Opbrengsten")[1] == "€ 394.500,00" and row(scenarios, "Marge")[1] == "€ 65.750,00"
    assert row(scenarios, "Herinvestering (15 %)")[1] == "€ 9.862,50"
    assert row(scenarios, "Verdeeld volgens de verdeelsleutel")[1] == "€ 55.887,50"
    # after 85.000 of investments before year 0: 65.750 - 85.000 = -19.250, then +65.750 a year
    assert [row(scenarios, "Cumulatieve marge na investeringen", y)[1] for y in range(3)] == [
        "€ -19.250,00", "€ 46.500,00", "€ 112.250,00"]
    shares = tables["Bijlage 2 – Verdienmodel: aandeel van elke Partij per scenario"]
    # 55.887,50 x 286.250 / 328.750 = 48.662,50; the rest, 7.225, to Knoopwerk
    assert row(shares, "Kaliber")[1] == "€ 48.662,50" and row(shares, "Knoopwerk")[1] == "€ 7.225,00"
    activities = tables["Bijlage 2 – Verdienmodel: kosten per activiteit en Partij"]
    assert row(activities, "Aankoop") == ["Aankoop", "Kaliber", "€ 195.000,00", "59,32 %"]  # 195.000 / 328.750
    investments = tables["Bijlage 2 – Verdienmodel: investeringen vóór jaar 0"]
    assert row(investments, "Kaliber") == ["Kaliber", "opbouw van de houtvoorraad", "€ 60.000,00", "Kaliber"]
    assert row(investments, "Totaal")[2] == "€ 85.000,00"


def test_wroeter_three_scenarios_in_english(tmp_path: Path) -> None:
    _, tables = annex_tables(tmp_path, data("wroeter-37graden"), "en")
    key = tables["Annex 2 – Revenue model: distribution key"]
    # a fixed 50/50 key next to the cost shares 22,800 / 36,000 = 63.33% and 13,200 / 36,000 = 36.67%
    assert key[1] == ["De Wroeter", "50%", "63.33%", "€22,800.00"]
    scenarios = tables["Annex 2 – Revenue model: scenarios per year"]
    assert scenarios[0] == ["Year and item", "Best case", "Middle case", "Worst case"]
    assert scenarios[1][0] == "Year 1 (from 1 March 2026)"
    assert row(scenarios, "Volume (teambuilding)")[1:] == ["60", "40", "20"]
    # 1,100 + 10 % = 1,210 a team building; 60 / 40 / 20 of them
    assert row(scenarios, "Revenue")[1:] == ["€72,600.00", "€48,400.00", "€24,200.00"]
    # unit costs follow the volume: 60 x 750 + 6,000 = 51,000; 40 x 750 + 6,000; 20 x 750 + 6,000
    assert row(scenarios, "Costs")[1:] == ["€51,000.00", "€36,000.00", "€21,000.00"]
    assert row(scenarios, "Margin")[1:] == ["€21,600.00", "€12,400.00", "€3,200.00"]
    assert row(scenarios, "Distributed by the key")[1:] == ["€19,440.00", "€11,160.00", "€2,880.00"]  # 10 % reinvested
    shares = tables["Annex 2 – Revenue model: each Party's share per scenario"]
    assert row(shares, "De Wroeter")[1:] == ["€9,720.00", "€5,580.00", "€1,440.00"]  # half of each


def test_blm_platform_founders_part_and_missing_costs(tmp_path: Path) -> None:
    document, tables = annex_tables(tmp_path, data("blm-qjobs"), "nl")
    costs = tables["Bijlage 2 – Verdienmodel: kosteninschatting per jaar"]
    assert costs[1] == ["[● kostenposten]", "", "", ""]  # the cost exercise is still to be made
    assert "[● kostenposten]" in highlighted(document)
    key = tables["Bijlage 2 – Verdienmodel: verdeelsleutel"]
    assert key[0][3] == "Waarvan oprichtersdeel"
    # 5 % for the two founders (2,5 % each), the rest 45/30/25: BLM 45 x 0,95 + 2,5 = 45,25 %
    assert key[1:] == [["BLM", "45,25 %", "–", "2,5 %"], ["Q-Jobs", "31 %", "–", "2,5 %"],
                       ["Kompas", "23,75 %", "–", "–"], ["Totaal", "100 %", "–", "5 %"]]
    scenarios = tables["Bijlage 2 – Verdienmodel: scenario's per jaar"]
    # graduated fee: 10 x 1.250 + 15 x 1.100 + 5 x 950 = 33.750 for 30 candidates, 1.125 on average
    assert row(scenarios, "Prijs per eenheid")[1] == "€ 1.125,00"
    assert row(scenarios, "Opbrengsten")[1] == "€ 33.750,00"
    assert row(scenarios, "Kosten")[1] == "[● kostenposten]" and row(scenarios, "Marge")[1] == "–"
    shares = tables["Bijlage 2 – Verdienmodel: aandeel van elke Partij per scenario"]
    # 33.750 x 45,25 % = 15.271,875 and 33.750 x 23,75 % = 8.015,625: the odd cent goes to BLM (listed first)
    assert [row(shares, name)[1] for name in ("BLM", "Q-Jobs", "Kompas")] == ["€ 15.271,88", "€ 10.462,50", "€ 8.015,62"]


def test_pronatura_five_years_and_investments(tmp_path: Path) -> None:
    _, tables = annex_tables(tmp_path, data("pronatura-ilva"), "nl")
    investments = tables["Bijlage 2 – Verdienmodel: investeringen vóór jaar 0"]
    assert row(investments, "Totaal")[2] == "€ 615.000,00"  # 420.000 + 45.000 + 150.000
    key = tables["Bijlage 2 – Verdienmodel: verdeelsleutel"]
    # 60/40 after 5 % for the two founders: 57 + 2,5 and 38 + 2,5; costs 185.000 and 152.000 of 337.000
    assert key[1] == ["Pro Natura", "59,5 %", "54,9 %", "2,5 %"]
    assert key[2] == ["IlvA", "40,5 %", "45,1 %", "2,5 %"]
    scenarios = tables["Bijlage 2 – Verdienmodel: scenario's per jaar"]
    assert [r[0] for r in scenarios if r[0].startswith("Jaar ")][-1] == "Jaar 5 (vanaf 1 januari 2031)"  # a fixed 5-year term
    # a platform fee of 12.000 a year from 2 acceding partners against 337.000 of costs
    assert row(scenarios, "Opbrengsten")[1] == "€ 24.000,00" and row(scenarios, "Marge")[1] == "€ -313.000,00"
    assert "Kost per eenheid" not in [r[0] for r in tables["Bijlage 2 – Verdienmodel: kosteninschatting per jaar"]]
    shares = tables["Bijlage 2 – Verdienmodel: aandeel van elke Partij per scenario"]
    # revenue is shared: 24.000 - 20 % = 19.200; Pro Natura 59,5 % = 11.424, minus its own 185.000
    assert row(shares, "Pro Natura")[1] == "€ 11.424,00"
    assert row(shares, "Pro Natura na eigen kosten")[1] == "€ -173.576,00"


@pytest.mark.parametrize("example", ALL_EXAMPLES, ids=lambda p: p.stem)
def test_every_annex_table_has_two_or_four_columns_and_keeps_its_number(tmp_path: Path, example: Path) -> None:
    _, tables = annex_tables(tmp_path, data(example.stem), "nl")
    assert all(len(rows[0]) in (2, 4) and all(len(r) == len(rows[0]) for r in rows) for rows in tables.values())
    numbers = [title.split(" – ")[0] for title in tables]
    assert numbers[0] == "Bijlage 1" and numbers[-1] == "Bijlage 3" and set(numbers) == {"Bijlage 1", "Bijlage 2", "Bijlage 3"}


# --- Annex 4, missing answers -----------------------------------------------------------------------------


def test_value_contributions_become_annex_4(tmp_path: Path) -> None:
    answers = data("wroeter-37graden")
    answers["partnership"]["value_contributions"] = VALUE_CONTRIBUTIONS
    _, tables = annex_tables(tmp_path, answers, "nl")
    exercise = tables["Bijlage 4 – Bijdrage van elke Partij aan de waardepropositie"]
    assert list(tables)[-1] == "Bijlage 4 – Bijdrage van elke Partij aan de waardepropositie"
    assert exercise == [
        ["Partij", "Producten en diensten", "Voordeelverschaffers", "Pijnverzachters"],
        ["De Wroeter", "teambuildings op eigen locaties; begeleiding door doelgroepwerknemers",
         "sociale meerwaarde voor het team van de klant", "één aanspreekpunt"],
        ["37graden", "organisatie en coördinatie van events", "commerciële ervaring en klantennetwerk", "–"],
    ]
    _, english = annex_tables(tmp_path, answers, "en")
    assert english["Annex 4 – Each Party's contribution to the value proposition"][0] == [
        "Party", "Products and services", "Gain creators", "Pain relievers"]


def test_no_annex_4_without_value_contributions(tmp_path: Path) -> None:
    _, tables = annex_tables(tmp_path, data("wroeter-37graden"), "nl")
    assert not any(title.startswith("Bijlage 4") for title in tables)


def test_missing_finance_answers_are_highlighted_placeholders(tmp_path: Path) -> None:
    answers = data("wroeter-37graden")
    del answers["finance"]["pricing"]["market_price"]
    answers["finance"]["cost_items"][0].pop("volume_per_year")
    answers["finance"]["investments"][0].pop("owner")
    document, tables = annex_tables(tmp_path, answers, "nl")
    costs = tables["Bijlage 2 – Verdienmodel: kosteninschatting per jaar"]
    item = row(costs, "Begeleiden teambuilding: begeleiding door doelgroepwerknemers en een begeleider")
    assert item == [item[0], "€ 420,00", "[● volume per jaar]", "–"]  # the placeholder sits where the answer belongs
    investment = row(tables["Bijlage 2 – Verdienmodel: investeringen vóór jaar 0"], "De Wroeter")
    assert investment[3] == "[● eigenaar van het actief]"
    scenarios = tables["Bijlage 2 – Verdienmodel: scenario's per jaar"]
    assert row(scenarios, "Prijs per eenheid")[1:] == ["[● marktprijs per eenheid als referentie (EUR)]"] * 3
    assert row(scenarios, "Opbrengsten")[1:] == ["–"] * 3
    assert {"[● volume per jaar]", "[● eigenaar van het actief]",
            "[● marktprijs per eenheid als referentie (EUR)]"} <= highlighted(document)


# --- LibreOffice ---------------------------------------------------------------------------------------------


class TestLibreOffice:
    """LibreOffice, a real client, renders the revenue-model tables."""

    pytestmark = pytest.mark.libreoffice

    def test_pdf_shows_the_cost_estimate_and_the_scenarios(self, tmp_path: Path) -> None:
        # `make test` installs LibreOffice; a missing one is a failure, never a skip
        assert find_soffice(), "LibreOffice (soffice) is not installed; run `make test`, which installs it"
        assert shutil.which("pdftotext"), "pdftotext (poppler-utils) is not installed; run `make test`"
        draft = draft_agreement(Answers.model_validate(data("wroeter-37graden")), LIBRARY, "nl")
        pdf = tmp_path / "wroeter.pdf"
        docx_to_pdf(write_agreement(draft, tmp_path / "wroeter.docx"), pdf)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        flat = " ".join(text.split())
        position = 0
        for expected in (
            "Bijlage 2 – Verdienmodel: kosteninschatting per jaar",
            "Kostenpost Kost / stuk Vereist (per jaar) Projectkost (per jaar)",
            "€ 420,00 40 € 16.800,00",  # Kost / stuk x Vereist = Projectkost
            "Totaal € 36.000,00",
            "De Wroeter 50 % 63,33 % € 22.800,00",
            "Bijlage 2 – Verdienmodel: scenario's per jaar",
            "Best case Middle case Worst case",
            "Opbrengsten € 72.600,00 € 48.400,00 € 24.200,00",
            "Marge € 21.600,00 € 12.400,00 € 3.200,00",
            "De Wroeter € 9.720,00 € 5.580,00 € 1.440,00",
            "Bijlage 3 – Overzicht verzekeringen",
        ):
            found = flat.find(expected, position)
            assert found >= 0, f"{expected!r} not found in order in the PDF text"
            position = found + len(expected)


def test_liability_cap_is_written_in_figures_and_words() -> None:
    from bbm_contracts import draft_agreement, library_for, load_answers

    from .conftest import EXAMPLES

    for lang, expected in (("nl", "€ 250.000,00 (tweehonderdvijftigduizend euro)"),
                           ("en", "€250,000.00 (two hundred and fifty thousand euros)")):
        draft = draft_agreement(load_answers(EXAMPLES / "kaliber-knoopwerk.yaml"), library_for(), lang)
        texts = [p.text for a in draft.articles if "risk.liability_cap" in a.provides for p in a.paragraphs]
        assert any(expected in t for t in texts), texts
