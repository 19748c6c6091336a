"""From answers and a clause library to a Draft: ordered, numbered articles
whose paragraphs know the clause and answers that produced them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Literal

import jinja2

from . import sandbox
from .answers import Answers
from .errors import ClauseRenderError
from .finance import RevenueModel, revenue_model
from .frame import Frame, build_frame
from .library import Clause, Library, Provision, Text
from .questions import placeholder_text
from .readiness import weigh
from .select import effective_model, names_evaluator, raw_names, select_clauses, settled_by

Kind = Literal["body", "subclause", "item", "recital"]


@dataclass(frozen=True)
class Run:
    """A piece of paragraph text; a placeholder names the answer it needs."""

    text: str
    placeholder: str | None = None


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of the agreement and where it came from."""

    kind: Kind
    runs: tuple[Run, ...]
    clause_id: str
    answers: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The paragraph's plain text."""
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class Article:
    """One numbered article, produced by one clause."""

    number: int
    clause_id: str
    element: str
    title: str
    provides: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class Part:
    """The articles of one element."""

    element: str
    title: str
    articles: tuple[Article, ...]


@dataclass(frozen=True)
class OpenPoint:
    """An answer the draft still needs, and where it shows."""

    path: str
    question: str
    where: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    """A drafted agreement, before it is written to Word."""

    language: str
    model: str
    answers: Answers
    frame: Frame
    recitals: tuple[Paragraph, ...]
    parts: tuple[Part, ...]
    open_points: tuple[OpenPoint, ...]

    @property
    def articles(self) -> tuple[Article, ...]:
        """All articles in order."""
        return tuple(a for part in self.parts for a in part.articles)

    @property
    def provisions(self) -> frozenset[str]:
        """The provisions the selected clauses provide."""
        return frozenset(p for a in self.articles for p in a.provides)


# --- rendering one clause ----------------------------------------------------------

_MARKER = re.compile(
    f"{sandbox.OPEN}([{sandbox.PLACEHOLDER}{sandbox.REFERENCE}{sandbox.SOURCES}{sandbox.END}])"
    f"([^{sandbox.CLOSE}]*){sandbox.CLOSE}"
)
_INVISIBLE = (sandbox.SOURCES, sandbox.END)


@dataclass(frozen=True)
class _Block:
    kind: Literal["para", "item"]
    raw: str


def answers_data(answers: Answers, revenue: RevenueModel | None = None) -> dict[str, Any]:
    """The answers as plain data for templates, parties with their label, and
    `computed_key`: the cost-contribution key of the revenue model (same shape
    as finance.distribution.shares; empty without a revenue model or when it
    cannot be computed)."""
    data = answers.model_dump()
    for party, model in zip(data["parties"], answers.parties, strict=True):
        party["label"] = model.label
    data["computed_key"] = _computed_key(answers, revenue) if revenue else []
    return data


def _computed_key(answers: Answers, revenue: RevenueModel) -> list[dict[str, Any]]:
    key = revenue.key
    if answers.finance.distribution.basis != "cost-contribution" or not answers.finance.cost_items or not key.usable:
        return []
    return [{"party": p.party, "pct": p.key_pct} for p in key.parties if p.key_pct > 0]


def render_text(source: str, name: str, clause: Clause | None, data: dict[str, Any], lang: str,
                extra: dict[str, Any] | None = None) -> str:
    """Render one template with marker output."""
    parties = {p["id"]: p["label"] for p in data["parties"]}
    rt = sandbox.Runtime(lang, parties)
    names = sandbox.context(data, rt)
    if extra:
        names.update({k: sandbox.wrap(v, path, rt) for k, (v, path) in extra.items()})
    try:
        text = sandbox.compile_text(source).render(names)
    except jinja2.TemplateError as exc:
        where = clause.source if clause else "document.yaml"
        raise ClauseRenderError(clause.id if clause else name, where, f"{name}: {exc}") from None
    except (TypeError, ValueError, ArithmeticError) as exc:
        where = clause.source if clause else "document.yaml"
        raise ClauseRenderError(clause.id if clause else name, where, f"{name}: {type(exc).__name__}: {exc}") from None
    return text + (rt.flush() if rt.pending else "")


def split_blocks(text: str) -> list[_Block]:
    """Paragraphs (blank-line separated) and '- ' list items."""
    blocks: list[_Block] = []
    lines: list[str] = []
    kind: Literal["para", "item"] | None = None
    carry = ""

    def close() -> None:
        nonlocal carry
        joined = " ".join(lines)
        if kind is not None and _visible(joined):
            blocks.append(_Block(kind, carry + joined))
            carry = ""
        else:
            carry += joined
        lines.clear()

    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            close()
            kind = None
        elif not _visible(stripped):
            lines.append(stripped)
        elif stripped.startswith("- "):
            close()
            kind = "item"
            lines.append(stripped[2:])
        else:
            kind = kind or "para"
            lines.append(stripped)
    close()
    if carry and blocks:
        blocks[-1] = _Block(blocks[-1].kind, blocks[-1].raw + carry)
    return blocks


def _visible(text: str) -> bool:
    if sandbox.OPEN not in text:
        return bool(text.strip())
    return bool(_MARKER.sub(lambda m: "" if m.group(1) in _INVISIBLE else "x", text).strip())


_SPACES = re.compile(r"[ \t]{2,}")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.;:)])")
_DOUBLE_STOP = re.compile(r"(?<!\.)([.!?])\.(?!\.)")


def _tidy(text: str) -> str:
    # answers often end with a full stop the clause adds again: "..", "?."
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    if " " in text:
        text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _DOUBLE_STOP.sub(r"\1", text) if "." in text else text


# --- composing the draft ---------------------------------------------------------


@dataclass
class _Pending:
    clause: Clause
    blocks: list[_Block]


def compose(answers: Answers, library: Library, language: str | None = None) -> Draft:
    """Select, render and number the clauses for a set of answers."""
    lang = language or answers.language
    revenue = revenue_model(answers)
    data = answers_data(answers, revenue)
    names = raw_names(answers, data)
    clauses = select_clauses(answers, library, data, names)
    rendered = [_Pending(c, split_blocks(render_text(c.text(lang), f"text.{lang}", c, data, lang))) for c in clauses]
    numbers, subs = _numbering(rendered)
    resolver = _Resolver(lang, numbers, subs, rendered, library)
    resolver.party_labels = tuple(p.label for p in answers.parties)

    def frame_runs(source: str, where: str, extra: dict[str, Any] | None) -> tuple[Run, ...]:
        text = " ".join(render_text(source, where, None, data, lang, extra).split("\n"))
        return resolver.runs(text, where=where)[0]

    def value_runs(value: Any, path: str, where: str) -> tuple[Run, ...]:
        if value is None:
            return (resolver.placeholder(path, where=where),)
        return (Run(str(value)),) if value != "" else ()

    frame = build_frame(answers, library.document, lang, frame_runs, value_runs, revenue)
    undecided = _undecided(answers, library, names)
    recitals: list[Paragraph] = []
    articles: dict[str, list[Article]] = {}
    for pending in rendered:
        clause = pending.clause
        if clause.placement == "recitals":
            recitals.extend(resolver.paragraphs(pending, recital=True))
            continue
        paragraphs = resolver.paragraphs(pending)
        open_provisions = [p for p in clause.provides if p in undecided]
        if open_provisions:
            paragraphs.insert(0, resolver.default_mark(clause.id, [library.provisions[p] for p in open_provisions]))
        article = Article(
            number=numbers[clause.id],
            clause_id=clause.id,
            element=clause.element,
            title=clause.title(lang),
            provides=tuple(clause.provides),
            paragraphs=tuple(paragraphs),
        )
        articles.setdefault(clause.element, []).append(article)
    parts = tuple(
        Part(e.id, e.name(lang), tuple(articles[e.id])) for e in library.elements if e.id in articles
    )
    return Draft(lang, effective_model(answers), answers, frame, tuple(recitals), parts, _merge_points(resolver.open_points))


def _undecided(answers: Answers, library: Library, names: dict[str, Any]) -> frozenset[str]:
    """Provisions that count for readiness but that the answers do not settle:
    their clause text is the engine's default, to be confirmed by the partners."""
    evaluate = names_evaluator(names)
    settled = settled_by(library, evaluate)
    model = effective_model(answers)
    return frozenset(p.id for p in library.provisions.values()
                     if p.settled_when and p.id not in settled and weigh(p, model, evaluate) != "none")


def _merge_points(points: list[OpenPoint]) -> tuple[OpenPoint, ...]:
    """One open point per answer path, with every place it shows."""
    merged: dict[str, OpenPoint] = {}
    for point in points:
        known = merged.get(point.path)
        where = known.where + point.where if known else point.where
        merged[point.path] = OpenPoint(point.path, point.question, tuple(dict.fromkeys(where)))
    return tuple(merged.values())


def _numbering(rendered: list[_Pending]) -> tuple[dict[str, int], dict[str, int]]:
    numbers: dict[str, int] = {}
    subs: dict[str, int] = {}
    for pending in rendered:
        if pending.clause.placement != "articles":
            continue
        numbers[pending.clause.id] = len(numbers) + 1
        paras = sum(1 for b in pending.blocks if b.kind == "para")
        subs[pending.clause.id] = paras if paras >= 2 else 0
    return numbers, subs


_REF_WORD = Text(nl="artikel", en="Article")
_RECITALS_WORD = Text(nl="overwegingen", en="recitals")


class _Resolver:
    """Turns marked-up text into runs: placeholders, references, provenance."""

    def __init__(self, lang: str, numbers: dict[str, int], subs: dict[str, int],
                 rendered: list[_Pending], library: Library) -> None:
        self.lang = lang
        self.numbers = numbers
        self.subs = subs
        self.providers: dict[str, str] = {}
        for pending in rendered:
            if pending.clause.placement == "articles":
                for provision in pending.clause.provides:
                    self.providers.setdefault(provision, pending.clause.id)
        self.library = library
        self.party_labels: tuple[str, ...] = ()
        self.open_points: list[OpenPoint] = []
        self._where = ""

    def paragraphs(self, pending: _Pending, recital: bool = False) -> list[Paragraph]:
        """The paragraphs of one rendered clause."""
        clause = pending.clause
        numbered = self.subs.get(clause.id, 0) >= 2
        out = []
        sub = 0
        for block in pending.blocks:
            if recital:
                kind: Kind = "recital" if block.kind == "para" else "item"
            elif block.kind == "item":
                kind = "item"
            else:
                kind = "subclause" if numbered else "body"
            if kind == "subclause":
                sub += 1
            number = self.numbers.get(clause.id)
            self._where = f"{_REF_WORD(self.lang)} {number}.{sub}" if sub else (
                f"{_REF_WORD(self.lang)} {number}" if number else _RECITALS_WORD(self.lang))
            runs, sources = self.runs(block.raw)
            out.append(Paragraph(kind, runs, clause.id, sources))
        return out

    def runs(self, raw: str, where: str | None = None) -> tuple[tuple[Run, ...], tuple[str, ...]]:
        """Runs and answer paths of one marked-up paragraph."""
        if where is not None:
            self._where = where
        if sandbox.OPEN not in raw:
            return _finish([Run(_tidy(raw))]), ()
        runs: list[Run] = []
        pieces: list[str] = []
        sources: list[str] = []
        in_value = False
        position = 0

        def text(piece: str) -> None:
            # template text is tidied; answers (inside a value) stay as typed
            if not in_value:
                piece = _tidy(piece)
                if piece[:1] == "." and pieces and pieces[-1][-1:] in ".!?":
                    piece = piece[1:]
            if piece:
                pieces.append(piece)

        def add(run: Run) -> None:
            if run.placeholder is None:
                text(run.text)
                return
            if pieces:
                runs.append(Run("".join(pieces)))
                pieces.clear()
            runs.append(run)

        for match in _MARKER.finditer(raw):
            if match.start() > position:
                text(raw[position:match.start()])
            position = match.end()
            kind, payload = match.group(1), match.group(2)
            if kind == sandbox.SOURCES:
                sources.extend(p for p in payload.split(";") if p)
                in_value = True
            elif kind == sandbox.END:
                in_value = False
            elif kind == sandbox.PLACEHOLDER:
                add(self._placeholder(payload))
                sources.append(payload)
            else:
                add(self._reference(payload))
        text(raw[position:])
        runs.append(Run("".join(pieces)))
        return _finish(runs), tuple(dict.fromkeys(sources))

    def default_mark(self, clause_id: str, provisions: list[Provision]) -> Paragraph:
        """The first paragraph of an article whose text is a default: a visible open point."""
        number = self.numbers[clause_id]
        self._where = f"{_REF_WORD(self.lang)} {number}"
        names = "; ".join(p.name(self.lang).lower() for p in provisions)
        text = self.library.document.default_clause(self.lang).replace("{provisions}", names)
        path = f"default:{clause_id}"
        self.open_points.append(OpenPoint(path, text, (self._where,)))
        return Paragraph("body", (Run(f"[● {text}]", placeholder=path),), clause_id)

    def placeholder(self, path: str, where: str) -> Run:
        """A placeholder run for a missing answer shown at ``where``."""
        self._where = where
        return self._placeholder(path)

    def _placeholder(self, path: str) -> Run:
        text, question = placeholder_text(path, self.lang, self.party_labels)
        self.open_points.append(OpenPoint(path, question, (self._where,)))
        return Run(text, placeholder=path)

    def _reference(self, payload: str) -> Run:
        target, _, sub = payload.partition("|")
        clause_id = target if target in self.numbers else self.providers.get(target)
        if clause_id is None or (sub and int(sub) > self.subs.get(clause_id, 0)):
            path = f"ref:{payload.rstrip('|')}"
            text = f"[● {_REF_WORD(self.lang)} ?: {target}{'.' + sub if sub else ''}]"
            self.open_points.append(OpenPoint(path, text, (self._where,)))
            return Run(text, placeholder=path)
        number = f"{self.numbers[clause_id]}.{sub}" if sub else str(self.numbers[clause_id])
        return Run(f"{_REF_WORD(self.lang)} {number}")


def _finish(runs: list[Run]) -> tuple[Run, ...]:
    """Trim the paragraph's ends, drop empty runs."""
    tidy = list(runs)
    if tidy and tidy[0].placeholder is None:
        tidy[0] = Run(tidy[0].text.lstrip())
    if tidy and tidy[-1].placeholder is None:
        tidy[-1] = Run(tidy[-1].text.rstrip())
    return tuple(r for r in tidy if r.text)
