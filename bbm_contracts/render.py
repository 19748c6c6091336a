"""Writing a Draft to Word: the one adapter around docxtpl and python-docx.

The engine owns numbering: articles and sub-clauses get a multilevel list
bound to their styles (so Word renumbers when an article is inserted), and
each lettered list gets its own restart.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docxtpl import DocxTemplate
from markupsafe import Markup

from .cache import has_marker, set_marker
from .draft import Draft, Paragraph, Run
from .errors import TemplateError

REQUIRED_TAGS = ("parts", "parties", "signatures")
RECOMMENDED_TAGS = ("recitals", "annexes", "closing")
REQUIRED_STYLES = ("Heading 1", "BBM Subclause", "BBM List")
ARTICLE_STYLE, SUBCLAUSE_STYLE, LIST_STYLE, RECITAL_STYLE = (
    "Heading 1", "BBM Subclause", "BBM List", "BBM Recital",
)
_WORDS = {
    "nl": {"article": "Artikel", "page": "pagina", "draft": "Ontwerp – laat het juridisch nakijken vóór ondertekening",
           "open": "open punten", "open_one": "open punt"},
    "en": {"article": "Article", "page": "page", "draft": "Draft – have it reviewed by a lawyer before signing",
           "open": "open points", "open_one": "open point"},
}


def runs_xml(runs: Iterable[Run]) -> Markup:
    """WordprocessingML runs; placeholders highlighted. Text is escaped."""
    out = []
    for run in runs:
        props = '<w:rPr><w:b/><w:highlight w:val="yellow"/></w:rPr>' if run.placeholder else ""
        out.append(f'<w:r>{props}<w:t xml:space="preserve">{escape(run.text)}</w:t></w:r>')
    return Markup("".join(out))


def _para(paragraph: Paragraph) -> dict[str, Any]:
    return {"kind": paragraph.kind, "text": runs_xml(paragraph.runs)}


def template_context(draft: Draft) -> dict[str, Any]:
    """The values the Word template sees."""
    frame = draft.frame
    words = _WORDS[draft.language]
    return {
        "frame": frame,
        "subtitle": runs_xml(frame.subtitle),
        "party_names": " – ".join(p.name for p in draft.answers.parties),
        "draft_note": f"{words['draft']} ({len(draft.open_points)} {words['open_one' if len(draft.open_points) == 1 else 'open']})",
        "page_word": words["page"],
        "parties": [runs_xml(p) for p in frame.parties],
        "recitals": [_para(p) for p in draft.recitals],
        "parts": [
            {
                "title": part.title,
                "articles": [
                    {"title": a.title, "number": a.number, "paragraphs": [_para(p) for p in a.paragraphs]}
                    for a in part.articles
                ],
            }
            for part in draft.parts
        ],
        "closing": runs_xml(frame.closing),
        "signatures": [{"for_": runs_xml(s.for_), "by": runs_xml(s.by)} for s in frame.signatures],
        "annexes": [
            {
                "title": t.title,
                "intro": runs_xml(t.intro) if t.intro else "",
                "columns": list(t.columns),
                "rows": [[runs_xml(cell) for cell in row] for row in t.rows],
            }
            for t in frame.annexes
        ],
    }


@dataclass(frozen=True)
class TemplateReport:
    """What a template check found: errors stop rendering, warnings do not."""

    errors: tuple[str, ...]
    warnings: tuple[str, ...]


def open_template(path: Path) -> DocxTemplate:
    """Open a Word template, with a clear error when it is not one."""
    if not path.exists():
        raise TemplateError(path, ["no such file"])
    if not zipfile.is_zipfile(path):
        raise TemplateError(path, ["not a Word .docx file (it is not a zip package)"])
    try:
        template = DocxTemplate(str(path))
        template.init_docx()
    except Exception as exc:  # noqa: BLE001 - any failure to open is the same user error
        raise TemplateError(path, [f"not a readable Word document: {exc}"]) from None
    return template


def check_template(path: Path) -> TemplateReport:
    """Report missing required tags and styles of a Word template."""
    if not path.exists():
        raise TemplateError(path, ["no such file"])
    try:
        key = "template-" + hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise TemplateError(path, [f"cannot be read: {exc.strerror}"]) from None
    if has_marker(key):
        return TemplateReport((), ())
    report = _check_template(path.resolve(), key)
    if not report.errors and not report.warnings:
        set_marker(key)
    return report


@lru_cache(maxsize=16)
def _check_template(path: Path, key: str) -> TemplateReport:
    template = open_template(path)
    errors: list[str] = []
    warnings: list[str] = []
    try:
        names = template.get_undeclared_template_variables()
    except Exception as exc:  # noqa: BLE001 - jinja syntax errors in the template body
        raise TemplateError(path, [f"template tags cannot be parsed: {exc}"]) from None
    for tag in REQUIRED_TAGS:
        if tag not in names:
            errors.append(f"missing required tag {{{{ {tag} }}}} (e.g. {{%p for part in parts %}} ... {{%p endfor %}})"
                          if tag == "parts" else f"missing required tag '{tag}'")
    warnings.extend(f"no '{tag}' tag: that part of the agreement will be left out" for tag in RECOMMENDED_TAGS if tag not in names)
    styles = {s.name for s in template.docx.styles}
    errors.extend(f"missing paragraph style '{name}'" for name in REQUIRED_STYLES if name not in styles)
    return TemplateReport(tuple(errors), tuple(warnings))


def render_docx(draft: Draft, template_path: Path) -> bytes:
    """The agreement as .docx bytes."""
    report = check_template(template_path)
    if report.errors:
        raise TemplateError(template_path, list(report.errors))
    template = open_template(template_path)
    try:
        template.render(template_context(draft), autoescape=True)
    except Exception as exc:  # noqa: BLE001 - docxtpl raises jinja and lxml errors alike
        raise TemplateError(template_path, [f"rendering failed: {exc}"]) from None
    document = template.docx
    apply_numbering(document, draft.language)
    keep_marks_with_text(document)
    _properties(document, draft)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def keep_marks_with_text(document: DocxDocument) -> None:
    """A default-text mark opening an article ("[● Default text on ...]") stays on
    the page of the text it is about (keep with next), like the heading above it."""
    article_id = _style_id(_styles_by_name(document, (ARTICLE_STYLE,)), ARTICLE_STYLE)
    previous_heading = False
    for paragraph in document.element.body.iterchildren(qn("w:p")):
        ppr = paragraph.find(qn("w:pPr"))
        style = ppr.find(_PSTYLE) if ppr is not None else None
        style_id = style.get(_VAL) if style is not None else None
        if previous_heading and ppr is not None and "".join(paragraph.itertext()).startswith("[●"):
            if ppr.find(qn("w:keepNext")) is None:
                keep = OxmlElement("w:keepNext")
                ppr.insert(1 if style is not None else 0, keep)
        previous_heading = style_id is not None and style_id == article_id


# --- numbering -------------------------------------------------------------------

_ABSTRACT = """<w:abstractNum {ns} w:abstractNumId="{id}"><w:multiLevelType w:val="{multi}"/>{levels}</w:abstractNum>"""
_LEVEL = (
    '<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>{style}'
    '<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/><w:suff w:val="{suff}"/>'
    '<w:pPr><w:ind w:left="{left}" w:hanging="{hanging}"/></w:pPr></w:lvl>'
)


def _level(ilvl: int, fmt: str, text: str, style: str | None, suff: str, left: int, hanging: int) -> str:
    pstyle = f'<w:pStyle w:val="{style}"/>' if style else ""
    return _LEVEL.format(ilvl=ilvl, fmt=fmt, text=text, style=pstyle, suff=suff, left=left, hanging=hanging)


def apply_numbering(document: DocxDocument, lang: str) -> None:
    """Bind article, sub-clause and recital numbering to their styles; give
    every lettered list its own restart."""
    numbering = document.part.numbering_part.element
    styles = _styles_by_name(document, (ARTICLE_STYLE, SUBCLAUSE_STYLE, RECITAL_STYLE, LIST_STYLE))
    article_word = _WORDS[lang]["article"]
    ids = _next_ids(numbering)
    article_abs, recital_abs, list_abs = ids, ids + 1, ids + 2
    article_levels = (
        _level(0, "decimal", f"{article_word} %1.", _style_id(styles, ARTICLE_STYLE), "space", 0, 0)
        + _level(1, "decimal", "%1.%2.", _style_id(styles, SUBCLAUSE_STYLE), "tab", 567, 567)
    )
    _add_abstract(numbering, article_abs, "multilevel", article_levels)
    _add_abstract(numbering, recital_abs, "singleLevel",
                  _level(0, "upperLetter", "%1.", _style_id(styles, RECITAL_STYLE), "tab", 567, 567))
    _add_abstract(numbering, list_abs, "singleLevel", _level(0, "lowerLetter", "%1)", None, "tab", 992, 425))
    article_num = _add_num(numbering, article_abs, restart=False)
    recital_num = _add_num(numbering, recital_abs, restart=False)
    _bind_style(styles.get(ARTICLE_STYLE), article_num, 0)
    _bind_style(styles.get(SUBCLAUSE_STYLE), article_num, 1)
    _bind_style(styles.get(RECITAL_STYLE), recital_num, 0)
    for run_of_items in _lists(document, _style_id(styles, LIST_STYLE)):
        num = _add_num(numbering, list_abs, restart=True)
        for p in run_of_items:
            _set_num(p.get_or_add_pPr(), num, 0)


def _next_ids(numbering: Any) -> int:
    used = [int(a.get(qn("w:abstractNumId"))) for a in numbering.findall(qn("w:abstractNum"))]
    return max(used, default=0) + 100


def _styles_by_name(document: DocxDocument, names: tuple[str, ...]) -> dict[str, Any]:
    """The w:style elements with these names (without building every style proxy)."""
    wanted = {name.lower(): name for name in names}
    found = {}
    for style in document.styles.element.iterchildren(qn("w:style")):
        name = style.find(qn("w:name"))
        key = name.get(_VAL).lower() if name is not None else ""
        if key in wanted:
            found[wanted[key]] = style
    return found


def _style_id(styles: dict[str, Any], name: str) -> str | None:
    style = styles.get(name)
    return style.get(qn("w:styleId")) if style is not None else None


def _add_abstract(numbering: Any, abstract_id: int, multi: str, levels: str) -> None:
    element = parse_xml(_ABSTRACT.format(ns=nsdecls("w"), id=abstract_id, multi=multi, levels=levels))
    nums = numbering.findall(qn("w:num"))
    if nums:
        nums[0].addprevious(element)
    else:
        numbering.append(element)


def _add_num(numbering: Any, abstract_id: int, restart: bool) -> int:
    num_id = max((int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))), default=0) + 1
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
    ))
    return num_id


_NUMPR, _PSTYLE, _VAL = qn("w:numPr"), qn("w:pStyle"), qn("w:val")


def _set_num(ppr: Any, num_id: int, ilvl: int) -> None:
    existing = ppr.find(_NUMPR)
    if existing is not None:
        ppr.remove(existing)
    numpr = OxmlElement("w:numPr")
    level, number = OxmlElement("w:ilvl"), OxmlElement("w:numId")
    level.set(_VAL, str(ilvl))
    number.set(_VAL, str(num_id))
    numpr.append(level)
    numpr.append(number)
    pstyle = ppr.find(_PSTYLE)
    if pstyle is not None:
        pstyle.addnext(numpr)
    else:
        ppr.insert(0, numpr)


def _bind_style(style: Any, num_id: int, ilvl: int) -> None:
    if style is None:
        return
    ppr = style.get_or_add_pPr()
    _set_num(ppr, num_id, ilvl)


def _lists(document: DocxDocument, list_style: str | None) -> list[list[Any]]:
    """Consecutive 'BBM List' paragraphs (their w:p elements), one group per list."""
    groups: list[list[Any]] = []
    previous_was_item = False
    ppr_tag = qn("w:pPr")
    for p in document.element.body.iterchildren(qn("w:p")):
        ppr = p.find(ppr_tag)
        style = ppr.find(_PSTYLE) if ppr is not None else None
        is_item = style is not None and style.get(_VAL) == list_style
        if is_item and not previous_was_item:
            groups.append([])
        if is_item:
            groups[-1].append(p)
        previous_was_item = is_item
    return groups


def _properties(document: DocxDocument, draft: Draft) -> None:
    props = document.core_properties
    props.title = draft.frame.title
    props.subject = " – ".join(p.name for p in draft.answers.parties)
    props.language = "nl-BE" if draft.language == "nl" else "en-GB"
    props.keywords = f"samenwerkingsovereenkomst; blended business model; {draft.model}"
    props.author = "bbm-contracts"
    props.comments = f"{len(draft.open_points)} open points"
    _default_language(document, props.language)


def _default_language(document: DocxDocument, tag: str) -> None:
    rpr = document.styles["Normal"].element.get_or_add_rPr()
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), tag)
