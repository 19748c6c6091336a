"""The clause library: provisions and clauses, loaded from data files.

Everything is validated on load; an error names the file and the field.
A user's library is laid over the default one: same id replaces, new id adds.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property
from pathlib import Path
from typing import Any, Literal

import jinja2
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import sandbox
from .cache import digest, has_marker, set_marker
from .errors import FieldProblem, LibraryError

ElementId = Literal["partnership", "activities", "finance", "governance", "risk", "term", "legal"]
Weight = Literal["must", "should", "could", "none"]
Facet = Literal["waardepropositie", "samenwerkingsmodel", "verdienmodel", "schaalbaarheid", "overeenkomst"]
WEIGHT_POINTS = {"must": 3, "should": 2, "could": 1, "none": 0}


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Data):
    """A text in both languages."""

    nl: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.nl if lang == "nl" else self.en


class Element(_Data):
    """One of the seven elements of a cooperation agreement."""

    id: ElementId
    name: Text
    facet: Facet


class Vocabulary(_Data):
    """Words that signal a provision in an agreement's text."""

    headings: list[str] = Field(default_factory=list)
    phrases: list[str] = Field(default_factory=list)
    unless: list[str] = Field(default_factory=list)
    """Words that, in the sentence of a phrase's match, make it not count: the
    matter is deferred ("negotiate", "nader overeen te komen") or only named
    in passing ("withholding"). Headings are not affected."""
    needs: list[str] = Field(default_factory=list)
    """When given, a phrase's match counts only when its sentence also holds
    one of these words: a change of control matters where a consequence is
    attached ("terminate", "consent", "opzeggen"), not in a definition."""


class Provision(_Data):
    """One thing a cooperation agreement must or may settle."""

    id: str = Field(pattern=r"^[a-z]+\.[a-z_]+$")
    element: ElementId
    name: Text
    explain: Text
    weight: Weight | dict[Literal["platform", "co-creation"], Weight]
    must_when: str | None = None
    applies_when: str | None = None
    settled_when: str | None = None
    min_text_hits: int = Field(1, ge=1, le=5)
    facet: Facet | None = None
    detect: dict[Literal["nl", "en"], Vocabulary] = Field(default_factory=dict)

    def weight_for(self, model: str | None) -> Weight:
        """The weight for a business-model type (co-creation when unknown)."""
        if isinstance(self.weight, str):
            return self.weight
        return self.weight.get("platform" if model == "platform" else "co-creation", "none")


class Applies(_Data):
    """When a clause applies."""

    model: list[Literal["platform", "co-creation"]] | None = None
    when: str | None = None


class Clause(_Data):
    """One clause: an article of the agreement, in both languages."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    element: ElementId
    provides: list[str] = Field(default_factory=list)
    order: int = 0
    placement: Literal["articles", "recitals"] = "articles"
    title: Text
    applies: Applies = Field(default_factory=Applies)
    text: Text
    note: Text
    source: str = Field("", exclude=True)


class RevenueTexts(_Data):
    """Titles, column headings and row labels of the revenue model in Annex 2."""

    title: Text
    intro: Text
    cost_estimate: Text
    activity_costs: Text
    investments: Text
    key: Text
    activity_key: Text
    incentives: Text
    scenarios: Text
    scenarios_intro: Text
    scenario_shares: Text
    col_cost_item: Text
    col_unit_cost: Text
    col_required: Text
    col_project_cost: Text
    col_annual_cost: Text
    col_cost_share: Text
    col_key: Text
    col_founders: Text
    col_investment: Text
    col_amount: Text
    col_owner: Text
    col_activity_part: Text
    col_activity_share: Text
    col_incentive: Text
    col_pct: Text
    col_note: Text
    col_item: Text
    total: Text
    per_unit: Text
    no_activity: Text
    founders: Text
    year: Text
    starting: Text
    volume: Text
    price: Text
    revenue: Text
    cost: Text
    margin: Text
    reinvestment: Text
    distributed: Text
    cumulative: Text
    after_costs: Text
    best: Text
    middle: Text
    worst: Text
    investment: Text
    risk: Text
    open_partnership: Text


class DocumentTexts(_Data):
    """The fixed texts around the articles (clause_library/document.yaml)."""

    title: Text
    subtitle: Text
    between: Text
    and_word: Text
    party: Text
    parties_defined: Text
    recitals_heading: Text
    agreed: Text
    default_clause: Text
    """Plain text with {provisions}: the mark on an article the answers do not settle."""
    closing: Text
    signature_for: Text
    signature_by: Text
    annex_word: Text
    annex_value_chain: Text
    annex_insurance: Text
    annex_value_contributions: Text
    col_activity: Text
    col_lead: Text
    col_support: Text
    col_description: Text
    col_party: Text
    col_kind: Text
    col_insurer: Text
    col_cover: Text
    col_products: Text
    col_gains: Text
    col_pains: Text
    distribution_basis: Text
    insurance_kinds: dict[Literal["nl", "en"], dict[str, str]]
    revenue: RevenueTexts


@dataclass(frozen=True)
class Library:
    """The loaded clause library."""

    elements: tuple[Element, ...]
    provisions: dict[str, Provision]
    clauses: dict[str, Clause]
    document: DocumentTexts
    sources: tuple[Path, ...]
    tensions: dict[str, Tension] = dataclass_field(default_factory=dict)
    rule_texts: dict[str, RuleText] = dataclass_field(default_factory=dict)

    @cached_property
    def provision_names(self) -> tuple[tuple[str, str], ...]:
        """(name, provision id) in both languages, longest names first."""
        pairs = {(p.name.nl, p.id) for p in self.provisions.values()} | {(p.name.en, p.id) for p in self.provisions.values()}
        return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))

    def element(self, element_id: str) -> Element:
        """The element with this id."""
        return next(e for e in self.elements if e.id == element_id)

    def clauses_of(self, element_id: str) -> list[Clause]:
        """The clauses of one element in their order."""
        found = [c for c in self.clauses.values() if c.element == element_id]
        return sorted(found, key=lambda c: (c.order, c.id))


class Tension(_Data):
    """A hybrid tension of the seed and the provisions that address it."""

    id: str
    name: Text
    addressed_by: list[str]


class ReviewText(_Data):
    """A rule's message and fix hint as the review job words them."""

    message: Text
    fix: Text


class RuleText(_Data):
    """A rule's message and fix hint (clause_library/rules.yaml)."""

    message: Text
    fix: Text
    review: ReviewText | None = None


class _ProvisionsFile(_Data):
    version: Literal[1]
    elements: list[Element]
    provisions: list[Provision]
    tensions: list[Tension] = Field(default_factory=list)


def load_library(*dirs: str | Path) -> Library:
    """Load the library from one or more directories, later ones overriding."""
    elements: tuple[Element, ...] = ()
    provisions: dict[str, Provision] = {}
    clauses: dict[str, Clause] = {}
    document: DocumentTexts | None = None
    tensions: dict[str, Tension] = {}
    rule_texts: dict[str, RuleText] = {}
    paths = tuple(Path(d) for d in dirs)
    for directory in paths:
        if not directory.is_dir():
            raise LibraryError(directory, [FieldProblem("", "is not a directory")])
        provisions_file = directory / "provisions.yaml"
        if provisions_file.exists():
            data = _load_provisions(provisions_file)
            elements = tuple(data.elements)
            provisions.update({p.id: p for p in data.provisions})
            tensions.update({t.id: t for t in data.tensions})
        rules_file = directory / "rules.yaml"
        if rules_file.exists():
            rule_texts.update(_load_rule_texts(rules_file))
        document_file = directory / "document.yaml"
        if document_file.exists():
            document = _load_document(document_file)
        for path in sorted(directory.glob("*/*.yaml")):
            clause = _load_clause(path)
            clauses[clause.id] = clause
    if not elements:
        raise LibraryError(paths[0] if paths else "?", [FieldProblem("provisions.yaml", "no provisions.yaml found")])
    if document is None:
        raise LibraryError(paths[0] if paths else "?", [FieldProblem("document.yaml", "no document.yaml found")])
    library = Library(elements, provisions, clauses, document, paths, tensions, rule_texts)
    _check_references(library)
    _check_templates(library)
    return library


def _all_templates(library: Library) -> list[tuple[str, str, str]]:
    """(source file, field, template) for every text of the library."""
    out = [(c.source, f"{c.id}: {field}", text) for c in library.clauses.values() for field, text in _templates(c)]
    texts = [*library.document, *((f"revenue.{name}", value) for name, value in library.document.revenue)]
    for name, value in texts:
        if isinstance(value, Text):
            out.extend(("document.yaml", f"{name}.{lang}", value(lang)) for lang in ("nl", "en"))
    for provision in library.provisions.values():
        for field in ("must_when", "applies_when", "settled_when"):
            expression = getattr(provision, field)
            if expression:
                out.append(("provisions.yaml", f"{provision.id}: {field}", "{{ " + expression + " }}"))
    return out


_ENGINE_FILES = ("answers.py", "lint.py", "sandbox.py", "library.py")


def _check_templates(library: Library) -> None:
    """Syntax and answer names of every text; skipped when this exact
    library passed before (see cache.py)."""
    templates = _all_templates(library)
    engine = [(Path(__file__).parent / name).read_text(encoding="utf-8") for name in _ENGINE_FILES]
    key = "library-" + digest(*engine, *(t for _, _, t in templates))
    if has_marker(key):
        return
    for source, field, text in templates:
        try:
            sandbox.compile_text(text)
        except jinja2.TemplateSyntaxError as exc:
            raise LibraryError(source, [FieldProblem(field, f"template syntax error: {exc.message}", exc.lineno)]) from None
    _check_answers_used(library)
    set_marker(key)


def _check_answers_used(library: Library) -> None:
    from .lint import check_library

    problems = check_library(library)
    if problems:
        first = problems[0].clause_id
        source = library.clauses[first].source if first in library.clauses else "document.yaml"
        raise LibraryError(source, [FieldProblem(f"{p.clause_id}: {p.field}", p.message) for p in problems])


_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - safe loader
    except yaml.MarkedYAMLError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise LibraryError(path, [FieldProblem("", f"invalid YAML: {exc.problem}", line)]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise LibraryError(path, [FieldProblem("", f"cannot be read: {exc}")]) from None


def _validation_problems(exc: ValidationError) -> list[FieldProblem]:
    problems = []
    for error in exc.errors(include_url=False):
        path = ".".join(str(p) for p in error["loc"])
        problems.append(FieldProblem(path, str(error["msg"])))
    return problems


def _load_provisions(path: Path) -> _ProvisionsFile:
    try:
        return _ProvisionsFile.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise LibraryError(path, _validation_problems(exc)) from None


def _load_rule_texts(path: Path) -> dict[str, RuleText]:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise LibraryError(path, [FieldProblem("", "expected a mapping of rule ids to message and fix")])
    texts: dict[str, RuleText] = {}
    problems: list[FieldProblem] = []
    for rule_id, value in data.items():
        try:
            texts[str(rule_id)] = RuleText.model_validate(value)
        except ValidationError as exc:
            problems.extend(FieldProblem(f"{rule_id}.{p.path}", p.message) for p in _validation_problems(exc))
    if problems:
        raise LibraryError(path, problems)
    return texts


def _load_document(path: Path) -> DocumentTexts:
    try:
        document = DocumentTexts.model_validate(_read_yaml(path))
    except ValidationError as exc:
        raise LibraryError(path, _validation_problems(exc)) from None
    return document


def _load_clause(path: Path) -> Clause:
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise LibraryError(path, [FieldProblem("", "expected a mapping with id, element, title, text, note")])
    try:
        clause = Clause.model_validate({**data, "source": str(path)})
    except ValidationError as exc:
        raise LibraryError(path, _validation_problems(exc)) from None
    problems = []
    if path.parent.name != clause.element:
        problems.append(FieldProblem("element", f"{clause.element!r} but the file is in {path.parent.name}/"))
    if not clause.id.startswith(clause.element):
        problems.append(FieldProblem("id", f"{clause.id!r} should start with its element {clause.element!r}"))
    if problems:
        raise LibraryError(path, problems)
    return clause


def _templates(clause: Clause) -> list[tuple[str, str]]:
    out = [("text.nl", clause.text.nl), ("text.en", clause.text.en)]
    if clause.applies.when:
        out.append(("applies.when", "{{ " + clause.applies.when + " }}"))
    return out


def _check_references(library: Library) -> None:
    known_elements = {e.id for e in library.elements}
    for tension in library.tensions.values():
        unknown = [p for p in tension.addressed_by if p not in library.provisions]
        if unknown:
            raise LibraryError("provisions.yaml", [FieldProblem(f"tensions.{tension.id}", f"unknown provision {unknown[0]!r}")])
    for clause in library.clauses.values():
        problems = [
            FieldProblem("provides", f"unknown provision {p!r}{_suggest(p, library.provisions)}")
            for p in clause.provides
            if p not in library.provisions
        ]
        if clause.element not in known_elements:
            problems.append(FieldProblem("element", f"unknown element {clause.element!r}"))
        if problems:
            raise LibraryError(clause.source, problems)
    for provision in library.provisions.values():
        if provision.element not in known_elements:
            raise LibraryError("provisions.yaml", [FieldProblem(provision.id, f"unknown element {provision.element!r}")])


def _suggest(name: str, known: Any) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""
