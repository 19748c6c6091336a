"""Rendering to Word, with small inline libraries: escaping, placeholders,
numbering, cross-references, the sandbox, templates, safe writing."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import docx
import pytest
import yaml
from docx.oxml.ns import qn

from bbm_contracts import (
    ClauseRenderError,
    LibraryError,
    TemplateError,
    draft_agreement,
    library_for,
    load_answers,
    load_library,
    parse_answers,
    write_agreement,
)
from bbm_contracts.answers import Answers
from bbm_contracts.resources import default_library_dir, default_template

from .conftest import TWO_PARTIES, clause_yaml, write

PROVISIONS = """
version: 1
elements:
  - {id: partnership, name: {nl: Samenwerkingsverband, en: Partnership}, facet: samenwerkingsmodel}
  - {id: term, name: {nl: Duur en beëindiging, en: Duration and termination}, facet: overeenkomst}
provisions:
  - {id: partnership.purpose, element: partnership, name: {nl: Voorwerp, en: Purpose}, explain: {nl: x, en: x}, weight: must}
  - {id: term.notice, element: term, name: {nl: Opzegging, en: Notice}, explain: {nl: x, en: x}, weight: must}
  - {id: term.breach, element: term, name: {nl: Ontbinding, en: Breach}, explain: {nl: x, en: x}, weight: must}
"""


def tiny_library(root: Path, clauses: dict[str, str]):
    write(root / "provisions.yaml", PROVISIONS)
    shutil.copy(default_library_dir() / "document.yaml", root / "document.yaml")
    for rel, text in clauses.items():
        write(root / rel, text)
    return load_library(root)


def render(tmp_path: Path, clauses: dict[str, str], answers: str = TWO_PARTIES, **kwargs: object) -> docx.Document:
    library = tiny_library(tmp_path / "lib", clauses)
    draft = draft_agreement(parse_answers(answers), library, **kwargs)
    out = tmp_path / "out.docx"
    write_agreement(draft, out, force=True)
    return docx.Document(str(out))


def body(document: docx.Document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.text.strip()]


PURPOSE = clause_yaml("partnership-purpose", "partnership", "Het voorwerp is {{ partnership.purpose }}.",
                      provides=["partnership.purpose"])


def test_user_text_is_data_never_a_template(tmp_path: Path) -> None:
    answers = """
    parties:
      - {id: a, name: "Widget & Co <b>{{ 7*7 }}</b>", short_name: "W&C {% raw %}"}
      - {id: b, name: "B <Plc>"}
    partnership:
      purpose: "{{ 7*7 }} & <i>teambuilding</i> {% for x in y %}"
    """
    document = render(tmp_path, {"partnership/p.yaml": PURPOSE}, __import__("textwrap").dedent(answers))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Het voorwerp is {{ 7*7 }} & <i>teambuilding</i> {% for x in y %}." in text
    assert "Widget & Co <b>{{ 7*7 }}</b>" in text
    assert 'hierna "W&C {% raw %}" genoemd' in text
    assert "49" not in text


def test_missing_answer_is_a_highlighted_placeholder(tmp_path: Path) -> None:
    document = render(tmp_path, {"partnership/p.yaml": PURPOSE})
    paragraph = next(p for p in document.paragraphs if p.text.startswith("Het voorwerp"))
    assert paragraph.text == "Het voorwerp is [● voorwerp van de samenwerking]."
    highlighted = [r for r in paragraph.runs if r.font.highlight_color is not None]
    assert [r.text for r in highlighted] == ["[● voorwerp van de samenwerking]"]


def test_open_points_name_the_answer_and_where_it_shows(tmp_path: Path) -> None:
    library = tiny_library(tmp_path / "lib", {"partnership/p.yaml": PURPOSE})
    draft = draft_agreement(parse_answers(TWO_PARTIES), library)
    points = {p.path: p for p in draft.open_points}
    assert points["partnership.purpose"].where == ("artikel 1",)
    assert points["partnership.purpose"].question == "voorwerp van de samenwerking"
    assert points["parties[0].seat"].question == "adres maatschappelijke zetel van Alfa vzw"


TWO_LISTS = {
    "partnership/p.yaml": clause_yaml(
        "partnership-purpose", "partnership",
        "Eerste lid.\n\nTweede lid:\n- een\n- twee\n\nDerde lid.", provides=["partnership.purpose"]),
    "term/t.yaml": clause_yaml("term-notice", "term", "Lijst:\n- drie\n- vier\n", provides=["term.notice"]),
}


def _num_id(paragraph) -> str | None:
    numpr = paragraph._p.pPr.find(qn("w:numPr")) if paragraph._p.pPr is not None else None
    return numpr.find(qn("w:numId")).get(qn("w:val")) if numpr is not None else None


def test_articles_and_subclauses_use_multilevel_numbering_bound_to_styles(tmp_path: Path) -> None:
    document = render(tmp_path, TWO_LISTS)
    styles = {s.name: s for s in document.styles}
    h1 = styles["Heading 1"].element.pPr.find(qn("w:numPr"))
    sub = styles["BBM Subclause"].element.pPr.find(qn("w:numPr"))
    assert h1.find(qn("w:ilvl")).get(qn("w:val")) == "0"
    assert sub.find(qn("w:ilvl")).get(qn("w:val")) == "1"
    num_id = h1.find(qn("w:numId")).get(qn("w:val"))
    assert sub.find(qn("w:numId")).get(qn("w:val")) == num_id
    numbering = document.part.numbering_part.element
    num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
    abstract_id = num.find(qn("w:abstractNumId")).get(qn("w:val"))
    abstract = next(a for a in numbering.findall(qn("w:abstractNum")) if a.get(qn("w:abstractNumId")) == abstract_id)
    levels = abstract.findall(qn("w:lvl"))
    assert levels[0].find(qn("w:lvlText")).get(qn("w:val")) == "Artikel %1."
    assert levels[0].find(qn("w:suff")).get(qn("w:val")) == "space"
    assert levels[1].find(qn("w:lvlText")).get(qn("w:val")) == "%1.%2."
    assert levels[1].find(qn("w:lvlRestart")) is None  # restarts after every article (level 0)
    assert [(s, t) for s, t in body(document) if s in ("Heading 1", "BBM Subclause")] == [
        ("Heading 1", "Titel partnership-purpose"),
        ("BBM Subclause", "Eerste lid."),
        ("BBM Subclause", "Tweede lid:"),
        ("BBM Subclause", "Derde lid."),
        ("Heading 1", "Titel term-notice"),
    ]


def test_each_lettered_list_restarts(tmp_path: Path) -> None:
    document = render(tmp_path, TWO_LISTS)
    items = [p for p in document.paragraphs if p.style.name == "BBM List"]
    assert [p.text for p in items] == ["een", "twee", "drie", "vier"]
    ids = [_num_id(p) for p in items]
    assert ids[0] == ids[1] and ids[2] == ids[3] and ids[0] != ids[2]
    numbering = document.part.numbering_part.element
    for num_id in (ids[0], ids[2]):
        num = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == num_id)
        assert num.find(qn("w:lvlOverride")).find(qn("w:startOverride")).get(qn("w:val")) == "1"


def test_english_numbering_says_article(tmp_path: Path) -> None:
    document = render(tmp_path, TWO_LISTS, language="en")
    numbering = document.part.numbering_part.element
    texts = [lvl.find(qn("w:lvlText")).get(qn("w:val")) for lvl in numbering.iter(qn("w:lvl"))]
    assert "Article %1." in texts


REFS = {
    "partnership/a.yaml": clause_yaml("partnership-a", "partnership", "Optioneel.",
                                      applies={"when": "partnership.openness == 'open'"}, order=10),
    "partnership/b.yaml": clause_yaml("partnership-b", "partnership",
                                      "Zie {{ ref('term.breach', 2) }} en {{ ref('term-notice') }}.", order=20,
                                      provides=["partnership.purpose"]),
    "term/n.yaml": clause_yaml("term-notice", "term", "Opzegging.", provides=["term.notice"], order=10),
    "term/b.yaml": clause_yaml("term-breach", "term", "Eerste lid.\n\nTweede lid.", provides=["term.breach"], order=20),
}


@pytest.mark.parametrize(("openness", "expected"), [
    ("open", "Zie artikel 4.2 en artikel 3."),
    ("closed", "Zie artikel 3.2 en artikel 2."),
])
def test_cross_references_follow_clauses_that_drop_out(tmp_path: Path, openness: str, expected: str) -> None:
    answers = TWO_PARTIES + f"partnership:\n  openness: {openness}\n"
    library = tiny_library(tmp_path / "lib", REFS)
    draft = draft_agreement(parse_answers(answers), library)
    texts = [p.text for a in draft.articles for p in a.paragraphs]
    assert expected in texts
    assert [a.number for a in draft.articles] == list(range(1, len(draft.articles) + 1))


def test_reference_to_an_absent_provision_is_an_open_point(tmp_path: Path) -> None:
    clauses = {"partnership/b.yaml": clause_yaml("partnership-b", "partnership", "Zie {{ ref('term.breach') }}.")}
    library = tiny_library(tmp_path / "lib", clauses)
    draft = draft_agreement(parse_answers(TWO_PARTIES), library)
    assert draft.articles[0].paragraphs[0].text == "Zie [● artikel ?: term.breach]."
    assert "ref:term.breach" in {p.path for p in draft.open_points}


@pytest.mark.parametrize("template", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ parties.__class__ }}",
    "{{ partnership._data }}",
    "{{ cycler.__init__.__globals__ }}",
    "{{ bbm.pending }}",
    "{{ range.__self__ }}",
])
def test_foreign_library_cannot_reach_python_internals(tmp_path: Path, cli, template: str) -> None:
    lib = tmp_path / "evil"
    write(lib / "partnership" / "x.yaml", clause_yaml("partnership-purpose", "partnership", template))
    answers = write(tmp_path / "a.yaml", TWO_PARTIES)
    out = tmp_path / "o.docx"
    result = cli("draft", answers, "-o", out, "--library", lib)
    assert result.exit_code == 2, result.output
    assert "partnership-purpose" in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_a_misspelt_answer_in_a_clause_is_a_library_error(tmp_path: Path) -> None:
    clauses = {"term/n.yaml": clause_yaml("term-notice", "term", "{{ term.notice.monthz }}")}
    with pytest.raises(LibraryError) as info:
        tiny_library(tmp_path / "lib", clauses)
    assert "unknown answer 'term.notice.monthz'" in str(info.value)
    assert "term-notice: text.nl" in str(info.value)


def test_unknown_filter_and_syntax_errors_name_file_and_field(tmp_path: Path) -> None:
    with pytest.raises(LibraryError) as info:
        tiny_library(tmp_path / "lib1", {"term/n.yaml": clause_yaml("term-notice", "term", "{{ 3 | bogus }}")})
    assert "n.yaml" in str(info.value) and "text.nl" in str(info.value) and "bogus" in str(info.value)
    with pytest.raises(LibraryError) as info:
        tiny_library(tmp_path / "lib2", {"term/n.yaml": clause_yaml("term-notice", "term", "{% if %}")})
    assert "text.nl: template syntax error" in str(info.value)


def test_clause_with_unknown_provision_suggests_the_right_one(tmp_path: Path) -> None:
    clauses = {"term/n.yaml": clause_yaml("term-notice", "term", "x", provides=["term.notise"])}
    with pytest.raises(LibraryError) as info:
        tiny_library(tmp_path / "lib", clauses)
    assert "unknown provision 'term.notise'; did you mean 'term.notice'?" in str(info.value)


def test_clause_with_a_missing_field_names_it(tmp_path: Path) -> None:
    with pytest.raises(LibraryError) as info:
        tiny_library(tmp_path / "lib", {"term/n.yaml": "id: term-notice\nelement: term\n"})
    message = str(info.value)
    assert "n.yaml" in message and "title: Field required" in message and "text: Field required" in message


def test_runtime_error_in_a_clause_names_the_clause(tmp_path: Path) -> None:
    library = tiny_library(tmp_path / "lib", {"term/n.yaml": clause_yaml("term-notice", "term", "{{ 1 / 0 }}")})
    with pytest.raises(ClauseRenderError) as info:
        draft_agreement(parse_answers(TWO_PARTIES), library)
    assert "clause 'term-notice'" in str(info.value)


def test_document_properties(tmp_path: Path) -> None:
    document = render(tmp_path, {"partnership/p.yaml": PURPOSE})
    props = document.core_properties
    assert props.title == "Samenwerkingsovereenkomst"
    assert props.subject == "Alfa vzw – Beta bv"
    assert props.language == "nl-BE"


def test_template_without_required_tags_is_refused(tmp_path: Path) -> None:
    bare = tmp_path / "bare.docx"
    docx.Document().save(str(bare))
    library = tiny_library(tmp_path / "lib", {"partnership/p.yaml": PURPOSE})
    draft = draft_agreement(parse_answers(TWO_PARTIES), library)
    with pytest.raises(TemplateError) as info:
        write_agreement(draft, tmp_path / "o.docx", template=bare)
    message = str(info.value)
    assert "missing required tag {{ parts }}" in message
    assert "missing paragraph style 'BBM Subclause'" in message
    assert not (tmp_path / "o.docx").exists()


def test_not_a_docx_template(tmp_path: Path, cli) -> None:
    fake = write(tmp_path / "t.docx", "hello")
    answers = write(tmp_path / "a.yaml", TWO_PARTIES)
    result = cli("draft", answers, "-o", tmp_path / "o.docx", "--template", fake)
    assert result.exit_code == 2
    assert "not a Word .docx file" in result.output


def test_own_template_is_used(tmp_path: Path) -> None:
    template = tmp_path / "firm.docx"
    document = docx.Document(str(default_template()))
    document.paragraphs[0].text = "Advocatenkantoor Voorbeeld"
    document.save(str(template))
    library = tiny_library(tmp_path / "lib", {"partnership/p.yaml": PURPOSE})
    draft = draft_agreement(parse_answers(TWO_PARTIES), library)
    out = write_agreement(draft, tmp_path / "o.docx", template=template)
    assert docx.Document(str(out)).paragraphs[0].text == "Advocatenkantoor Voorbeeld"


def test_failed_render_leaves_no_file(tmp_path: Path) -> None:
    template = tmp_path / "broken.docx"
    document = docx.Document(str(default_template()))
    document.add_paragraph("{{ parts | nosuchfilter }}")
    document.save(str(template))
    library = tiny_library(tmp_path / "lib", {"partnership/p.yaml": PURPOSE})
    draft = draft_agreement(parse_answers(TWO_PARTIES), library)
    before = set(tmp_path.iterdir())
    with pytest.raises(TemplateError):
        write_agreement(draft, tmp_path / "o.docx", template=template)
    assert set(tmp_path.iterdir()) == before


def test_output_is_a_valid_zip_with_no_leftover_jinja(tmp_path: Path) -> None:
    render(tmp_path, TWO_LISTS)
    with zipfile.ZipFile(tmp_path / "out.docx") as package:
        xml = package.read("word/document.xml").decode()
    assert "{{" not in xml and "{%" not in xml


def test_an_article_the_answers_do_not_settle_opens_with_a_default_mark(tmp_path: Path) -> None:
    """Wroeter's answers leave the change of control open: the article keeps
    the library's default text, marked, kept with it on the page, and listed
    as an open point; answering the question removes the mark."""
    example = Path(__file__).resolve().parent.parent / "examples" / "wroeter-37graden.yaml"
    answers = load_answers(example)
    draft = draft_agreement(answers, library_for(), "nl")
    article = next(a for a in draft.articles if "legal.change_of_control" in a.provides)
    mark = article.paragraphs[0]
    assert mark.text == ("[● Standaardtekst over controlewijziging: de Partijen hebben dit punt nog niet beslist. "
                         "Bevestig of pas aan]")
    assert any(p.path == f"default:{article.clause_id}" and p.where == (f"artikel {article.number}",)
               for p in draft.open_points)
    # only this article is marked: every other provision of Wroeter is settled
    assert [a.number for a in draft.articles if a.paragraphs[0].text.startswith("[● Standaardtekst")] == [article.number]
    path = write_agreement(draft, tmp_path / "a.docx")
    paragraphs = docx.Document(str(path)).paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == mark.text)
    assert paragraphs[index - 1].style.name == "Heading 1"
    assert paragraphs[index].paragraph_format.keep_with_next is True

    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    data.setdefault("legal", {})["change_of_control"] = "notify"
    decided = draft_agreement(Answers.model_validate(data), library_for(), "nl")
    assert not any(p.text.startswith("[● Standaardtekst") for a in decided.articles for p in a.paragraphs)
