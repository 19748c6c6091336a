"""Presenting a Report: JSON (a versioned schema), terminal text, Markdown, HTML."""

from __future__ import annotations

import io
import json
from typing import Any, Literal

import jinja2
from pydantic import BaseModel, ConfigDict, Field

from .check import Report
from .findings import SEVERITY_NAMES, Finding
from .readiness import LEGEND, Score
from .resources import default_template

Format = Literal["text", "json", "markdown", "html"]
_WORDS = {
    "nl": {"overall": "Totaal", "element": "Element", "facet": "Facet", "score": "Score", "level": "Niveau",
           "findings": "Bevindingen", "fix": "Oplossing", "where": "Waar", "none": "Geen bevindingen.",
           "open": "Open punten", "provision": "Bepaling", "weight": "Gewicht", "present": "aanwezig",
           "missing": "ontbreekt", "placeholders": "open plaatshouders", "errors": "fouten",
           "title": "Toets van de samenwerkingsovereenkomst", "facets": "De vijf facetten (actieonderzoek)",
           "elements": "Per element", "explain": "Uitleg van de score", "cost": "kost"},
    "en": {"overall": "Overall", "element": "Element", "facet": "Facet", "score": "Score", "level": "Level",
           "findings": "Findings", "fix": "Fix", "where": "Where", "none": "No findings.",
           "open": "Open points", "provision": "Provision", "weight": "Weight", "present": "present",
           "missing": "missing", "placeholders": "open placeholders", "errors": "errors",
           "title": "Cooperation agreement check", "facets": "The five facets (action research)",
           "elements": "Per element", "explain": "How the score is made", "cost": "costs"},
}
_COLOURS = {"green": "green", "amber": "dark_orange", "red": "red"}
_SEVERITY_COLOURS = {"error": "red", "warning": "dark_orange", "info": "blue"}


# --- JSON: the documented, versioned schema ------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ProvisionJson(_Model):
    """A provision as it counts in a score."""

    id: str
    weight: Literal["must", "should", "could", "none"]
    present: bool


class ScoreJson(_Model):
    """The readiness of one element or facet."""

    name: str
    score: int = Field(ge=0, le=100)
    level: Literal["green", "amber", "red"]
    legend: str
    placeholders: int = 0
    errors: int = 0
    provisions: list[ProvisionJson]


class FindingJson(_Model):
    """One finding of a rule."""

    rule: str
    family: str
    element: str
    provisions: list[str]
    severity: Literal["error", "warning", "info"]
    message: str
    fix: str
    messages: dict[str, str]
    fixes: dict[str, str]
    path: str | None
    location: str | None


class OpenPointJson(_Model):
    """An answer the draft still needs."""

    path: str
    question: str
    where: list[str]


class DetectionJson(_Model):
    """Review: a provision found in the document, where, and the words that matched."""

    provision: str
    location: str
    via: Literal["heading", "text"]
    matched: list[str]


class ValueJson(_Model):
    """Review: a value read from the document; periods also in days."""

    kind: str
    text: str
    location: str
    days: int | None = None


class ReportJson(_Model):
    """The report of the check and review jobs (schema 'bbm-report', version 1)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    schema_: Literal["bbm-report"] = Field("bbm-report", alias="schema")
    version: Literal[1] = 1
    job: Literal["check", "review"]
    source: str
    language: Literal["nl", "en"]
    model: str
    score: int = Field(ge=0, le=100)
    level: Literal["green", "amber", "red"]
    legend: str
    elements: dict[str, ScoreJson]
    facets: dict[str, ScoreJson]
    counts: dict[Literal["error", "warning", "info"], int]
    findings: list[FindingJson]
    open_points: list[OpenPointJson]
    detections: list[DetectionJson] = Field(default_factory=list)
    """Review only: every provision found, with its location and matched words."""
    values: list[ValueJson] = Field(default_factory=list)
    """Review only: notice periods, term, caps, shares, law, court, payment terms."""


def _score_json(score: Score, lang: str) -> ScoreJson:
    return ScoreJson(
        name=score.name[lang], score=score.score, level=score.level, legend=LEGEND[score.level][lang],
        placeholders=score.placeholders, errors=score.errors,
        provisions=[ProvisionJson(id=p.id, weight=p.weight, present=p.present) for p in score.provisions],
    )


def report_json(report: Report, lang: str) -> ReportJson:
    """The report as its JSON model."""
    readiness = report.readiness
    return ReportJson(
        schema="bbm-report", version=1, job=report.job, source=report.source, language=lang, model=report.model,  # type: ignore[arg-type]
        score=readiness.score, level=readiness.level, legend=LEGEND[readiness.level][lang],
        elements={e.id: _score_json(e, lang) for e in readiness.elements},
        facets={f.id: _score_json(f, lang) for f in readiness.facets},
        counts={s: sum(f.severity == s for f in report.findings) for s in ("error", "warning", "info")},
        findings=[
            FindingJson(rule=f.rule, family=f.family, element=f.element, provisions=list(f.provisions),
                        severity=f.severity, message=f.message[lang], fix=f.fix[lang], messages=f.message,
                        fixes=f.fix, path=f.path, location=f.location)
            for f in report.findings
        ],
        open_points=[OpenPointJson(path=p.path, question=p.question, where=list(p.where)) for p in report.open_points],
        detections=[DetectionJson(provision=d.provision, location=d.location, via=d.via, matched=list(d.matched))
                    for d in report.detections],
        values=[ValueJson(kind=v.kind, text=v.text, location=v.location, days=v.days) for v in report.values],
    )


def report_schema() -> dict[str, Any]:
    """The JSON Schema of the report."""
    return ReportJson.model_json_schema(by_alias=True)


# --- rendering -------------------------------------------------------------------------


def render_report(report: Report, fmt: Format, lang: str, explain: bool = False, colour: bool = False) -> str:
    """The report in one of the formats."""
    if fmt == "json":
        return json.dumps(report_json(report, lang).model_dump(by_alias=True), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return _markdown(report, lang, explain)
    if fmt == "html":
        return _html(report, lang)
    return _text(report, lang, explain, colour)


def _where(finding: Finding) -> str:
    return finding.location or finding.path or ""


def _text(report: Report, lang: str, explain: bool, colour: bool) -> str:
    from rich.console import Console
    from rich.table import Table

    words = _WORDS[lang]
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=colour, no_color=not colour, width=120, highlight=False)
    readiness = report.readiness
    level = readiness.level
    console.print(f"[bold]{words['title']}[/bold] — {report.source} ({report.model})")
    console.print(f"{words['overall']}: [bold]{readiness.score}/100[/bold]  "
                  f"[{_COLOURS[level]}]● {LEGEND[level][lang]}[/{_COLOURS[level]}]")
    for title, scores, key in ((words["elements"], readiness.elements, "element"), (words["facets"], readiness.facets, "facet")):
        table = Table(title=title, title_justify="left", show_lines=False)
        table.add_column(words[key])
        table.add_column(words["score"], justify="right")
        table.add_column(words["level"])
        for score in scores:
            colour_name = _COLOURS[score.level]
            table.add_row(score.name[lang], str(score.score), f"[{colour_name}]● {LEGEND[score.level][lang]}[/{colour_name}]")
        console.print(table)
    console.print(f"[bold]{words['findings']}[/bold] ({len(report.findings)})")
    if not report.findings:
        console.print(f"  {words['none']}")
    for finding in report.findings:
        colour_name = _SEVERITY_COLOURS[finding.severity]
        severity = SEVERITY_NAMES[finding.severity][lang]
        console.print(f"  [{colour_name}]{severity:<12}[/{colour_name}] {finding.rule}  {finding.message[lang]}")
        if _where(finding):
            console.print(f"          {words['where']}: {_where(finding)}")
        console.print(f"          {words['fix']}: {finding.fix[lang]}")
    if explain:
        _explain_text(console, report, lang)
    return buffer.getvalue()


def _explain_text(console: Any, report: Report, lang: str) -> None:
    words = _WORDS[lang]
    console.print(f"\n[bold]{words['explain']}[/bold]")
    for score in report.readiness.elements:
        counted = [p for p in score.provisions if p.points]
        total = sum(p.points for p in counted)
        earned = sum(p.points for p in counted if p.present)
        console.print(f"{score.name[lang]}: {earned}/{total} {words['weight'].lower()} → {score.score}/100 "
                      f"({LEGEND[score.level][lang]})")
        for p in score.provisions:
            state = words["present"] if p.present else words["missing"]
            console.print(f"    {p.id:<30} {p.weight:<7} {p.points}  {state}")
        for reason, points in score.deductions:
            console.print(f"    − {points} {words['cost']}: {getattr(score, reason)} {words[reason]}")
        for finding in (f for f in report.findings if f.element == score.id and f.severity == "error"):
            console.print(f"      {finding.rule} ({_where(finding)})")


def _markdown(report: Report, lang: str, explain: bool) -> str:
    words = _WORDS[lang]
    readiness = report.readiness
    lines = [f"# {words['title']}", "", f"`{report.source}` — {report.model}", "",
             f"**{words['overall']}: {readiness.score}/100 — {LEGEND[readiness.level][lang]}**", ""]
    for title, scores, key in ((words["elements"], readiness.elements, "element"), (words["facets"], readiness.facets, "facet")):
        lines += [f"## {title}", "", f"| {words[key]} | {words['score']} | {words['level']} |", "|---|---:|---|"]
        lines += [f"| {s.name[lang]} | {s.score} | {_dot(s.level)} {LEGEND[s.level][lang]} |" for s in scores]
        lines.append("")
    lines += [f"## {words['findings']} ({len(report.findings)})", ""]
    if not report.findings:
        lines.append(words["none"])
    for f in report.findings:
        where = f" — `{_where(f)}`" if _where(f) else ""
        lines.append(f"- **{SEVERITY_NAMES[f.severity][lang]}** `{f.rule}`{where}: {f.message[lang]}  \n  {words['fix']}: {f.fix[lang]}")
    if explain:
        lines += ["", f"## {words['explain']}", ""]
        for score in readiness.elements:
            lines.append(f"### {score.name[lang]} — {score.score}/100")
            lines += [f"- `{p.id}` {p.weight} ({p.points}): {words['present'] if p.present else words['missing']}"
                      for p in score.provisions]
            lines += [f"- − {pts} {words['cost']}: {getattr(score, reason)} {words[reason]}" for reason, pts in score.deductions]
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _dot(level: str) -> str:
    return {"green": "🟢", "amber": "🟠", "red": "🔴"}[level]


def _html(report: Report, lang: str) -> str:
    folder = default_template().parent
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    template = env.get_template("report.html.j2")
    return template.render(report=report, data=report_json(report, lang), words=_WORDS[lang], lang=lang, legend=LEGEND,
                           severity_names={k: v[lang] for k, v in SEVERITY_NAMES.items()})
