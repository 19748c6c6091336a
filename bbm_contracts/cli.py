"""The `bbm` command line. It only presents: the work happens in the engine.
Errors are shown in exactly one place, with their exit code."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from ._version import __version__
from .answers import Answers
from .draft import Draft
from .engine import draft_agreement, library_for, write_agreement
from .errors import BbmError
from .intake import load_answers
from .library import Library
from .output import ensure_writable
from .render import check_template
from .resources import default_template

EXIT_USAGE = 2


class _Group(click.Group):
    """Maps every BbmError to its message on stderr and its exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BbmError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(exc.exit_code)


@click.group(cls=_Group)
@click.version_option(__version__, prog_name="bbm")
def main() -> None:
    """Draft and check cooperation agreements between social-economy and
    regular-economy enterprises (Blended Business Models)."""


_LANG = click.Choice(["nl", "en"])
_EXISTING = click.Path(path_type=Path)


@main.command()
@click.argument("answers", type=_EXISTING)
@click.option("-o", "--output", "out", type=_EXISTING, required=True, help="The .docx to write.")
@click.option("--lang", type=_LANG, help="Language of the agreement (default: the answers' language).")
@click.option("--template", type=_EXISTING, help="Your own Word template (.docx).")
@click.option("--library", type=_EXISTING, help="Your own clause library, laid over the default one.")
@click.option("--force", is_flag=True, help="Replace OUTPUT (and its PDF) if they exist.")
@click.option("--pdf", is_flag=True, help="Also write a PDF beside it, through LibreOffice.")
@click.option("--explain", is_flag=True, help="Print which clause and answers produced every paragraph.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the one-line summary.")
@click.option("--report", "report_path", type=_EXISTING, help="Also write the check report (.json, .md, .html or .txt).")
def draft(answers: Path, out: Path, lang: str | None, template: Path | None, library: Path | None,
          force: bool, pdf: bool, explain: bool, quiet: bool, report_path: Path | None) -> None:
    """Draft the agreement for an ANSWERS file (.yaml or .json)."""
    if out.suffix.lower() != ".docx":
        raise BbmError(f"{out}: the output must be a .docx file")
    pdf_path = out.with_suffix(".pdf")
    ensure_writable(out, force)
    if pdf:
        ensure_writable(pdf_path, force)
    if report_path is not None:
        ensure_writable(report_path, force)
    parsed = load_answers(answers)
    lib = library_for(library)
    result = draft_agreement(parsed, lib, lang)
    write_agreement(result, out, template, force=force)
    _summary(result, out, quiet)
    from .check import check_answers

    report = check_answers(parsed, lib, source=str(answers), draft=result, language=result.language)
    _readiness_summary(report, result.language)
    if report_path is not None:
        _emit(report, _format_for(report_path), result.language, False, report_path)
    if explain:
        _explain(result)
    if pdf:
        from .pdf import docx_to_pdf

        docx_to_pdf(out, pdf_path)
        click.echo(f"wrote {pdf_path}")


def _summary(result: Draft, out: Path, quiet: bool = False) -> None:
    articles = len(result.articles)
    click.echo(f"wrote {out}: {articles} articles in {len(result.parts)} parts, "
               f"language {result.language}, {result.model} model, {_count(len(result.open_points), 'open point')}")
    if quiet:
        return
    if not result.open_points:
        click.echo("no open points")
        return
    click.echo(f"{_count(len(result.open_points), 'open point')} (highlighted in the document):")
    for point in result.open_points:
        click.echo(f"  {point.path:<44} {point.question}  ({', '.join(point.where)})")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _readiness_summary(report: Any, lang: str) -> None:
    from .readiness import LEGEND

    readiness = report.readiness
    parts = "  ".join(f"{e.id} {e.score} {e.level}" for e in readiness.elements)
    errors = len(report.errors)
    click.echo(f"readiness {readiness.score}/100 {readiness.level} ({LEGEND[readiness.level][lang]}); "
               f"{errors} error{'s' if errors != 1 else ''}, {len(report.findings) - errors} other findings")
    click.echo(f"  {parts}")


def _format_for(path: Path) -> str:
    return {".json": "json", ".md": "markdown", ".html": "html", ".htm": "html"}.get(path.suffix.lower(), "text")


def _explain(result: Draft) -> None:
    click.echo("\nprovenance (paragraph: clause <- answers):")
    for article in result.articles:
        sub = 0
        for paragraph in article.paragraphs:
            sub += paragraph.kind == "subclause"
            label = f"{article.number}.{sub}" if paragraph.kind == "subclause" else (
                f"{article.number} ({paragraph.kind})")
            answers = ", ".join(paragraph.answers) or "-"
            click.echo(f"  {label:<14} {paragraph.clause_id:<34} <- {answers}")
    for paragraph in result.recitals:
        click.echo(f"  {'recital':<14} {paragraph.clause_id:<34} <- {', '.join(paragraph.answers) or '-'}")


@main.command()
@click.option("--report", "of_report", is_flag=True, help="The schema of the check/review JSON report instead.")
def schema(of_report: bool) -> None:
    """Print the JSON Schema of the answers file (or of the JSON report)."""
    if of_report:
        from .report import report_schema

        click.echo(json.dumps(report_schema(), indent=2, ensure_ascii=False))
        return
    click.echo(json.dumps(Answers.model_json_schema(), indent=2, ensure_ascii=False))


_FORMATS = click.Choice(["text", "json", "markdown", "html"])


def _report_options(func: Callable[..., None]) -> Callable[..., None]:
    """The options check and review share: format, gate, output, library."""
    for option in reversed((
        click.option("--format", "fmt", type=_FORMATS, default="text", show_default=True),
        click.option("--min-score", type=click.IntRange(0, 100), default=0, show_default=True,
                     help="Exit 1 when the overall score is below this."),
        click.option("-o", "--output", "out", type=_EXISTING, help="Write the report to this file."),
        click.option("--force", is_flag=True, help="Replace files that exist (the report, an annotated copy)."),
        click.option("--library", type=_EXISTING, help="Your own clause library, laid over the default one."),
    )):
        func = option(func)
    return func


def _gate(report: Any, min_score: int) -> None:
    """Exit 1 on an error finding or a score below --min-score."""
    if report.errors or report.readiness.score < min_score:
        raise SystemExit(1)


@main.command()
@click.argument("answers", type=_EXISTING)
@click.option("--lang", type=_LANG, help="Language of the report (default: the answers' language).")
@_report_options
@click.option("--explain", is_flag=True, help="Show per element which provisions count and what findings cost.")
def check(answers: Path, lang: str | None, fmt: str, min_score: int, out: Path | None, force: bool,
          library: Path | None, explain: bool) -> None:
    """Check an ANSWERS file: findings and readiness score.

    Exit code 0 when the score reaches --min-score and no finding is an
    error, 1 otherwise, 2 when the input cannot be used."""
    from .check import check_answers
    from .intake import read_answers

    if out is not None:
        ensure_writable(out, force)
    parsed, problems = read_answers(answers)
    report = check_answers(parsed, library_for(library), source=str(answers), cross_problems=problems, language=lang)
    _emit(report, fmt, lang or parsed.language, explain, out)
    _gate(report, min_score)


def _emit(report: Any, fmt: str, lang: str, explain: bool, out: Path | None) -> None:
    from .output import write_atomic
    from .report import render_report

    colour = out is None and fmt == "text" and sys.stdout.isatty()
    text = render_report(report, fmt, lang, explain=explain, colour=colour)  # type: ignore[arg-type]
    if out is None:
        click.echo(text, nl=False)
    else:
        write_atomic(out, text.encode("utf-8"))
        click.echo(f"wrote {out}")


@main.command()
@click.argument("file", type=_EXISTING)
@click.option("--lang", type=click.Choice(["auto", "nl", "en"]), default="auto", show_default=True,
              help="Language of the agreement.")
@click.option("--model", type=click.Choice(["platform", "co-creation"]), help="Business-model type (weights; default co-creation).")
@click.option("--annotate", "annotated", type=_EXISTING, help="Write a copy of a .docx with Word comments.")
@_report_options
@click.option("--explain", is_flag=True, help="Show every detected provision with its location and matched words "
              "(the JSON report always has them).")
def review(file: Path, lang: str, model: str | None, fmt: str, annotated: Path | None, min_score: int,
           out: Path | None, force: bool, library: Path | None, explain: bool) -> None:
    """Review an existing agreement (.docx, .pdf, .txt): which provisions it
    has, which it lacks, red flags, and a readiness score.

    Exit code 0 when the score reaches --min-score and no finding is an
    error, 1 otherwise, 2 when the file cannot be read."""
    from .reader import read_document
    from .review import review_document

    for target in (out, annotated):
        if target is not None:
            ensure_writable(target, force)
    if annotated is not None and annotated.resolve() == file.resolve():
        raise BbmError(f"{annotated}: the annotated copy must not replace the reviewed file")
    document = read_document(file)
    if annotated is not None and document.format != "docx":
        raise BbmError(f"{file}: --annotate needs a .docx input (this is a {document.format} file)")
    result = review_document(document, library_for(library), model, None if lang == "auto" else lang)
    _emit(result.report, fmt, result.language, False, out)
    if explain and (fmt == "text" or out is not None):  # a JSON report carries them itself
        click.echo("\ndetected provisions (provision: where <- matched words):")
        for d in result.detections:
            click.echo(f"  {d.provision:<30} {d.location}  <- {', '.join(d.matched)}")
        for v in result.values:
            click.echo(f"  value {v.kind:<14} {v.text!r} ({v.location})")
    if annotated is not None:
        from .annotate import annotate
        from .output import write_atomic

        write_atomic(annotated, annotate(result, file))
        click.echo(f"wrote {annotated}")
    _gate(result.report, min_score)


@main.command()
@click.option("--lang", type=_LANG, default="nl", show_default=True)
@click.option("--library", type=_EXISTING, help="Your own clause library, laid over the default one.")
def rules(lang: str, library: Path | None) -> None:
    """List the rules of the check job, risk, termination and scalability first."""
    from .findings import FAMILIES
    from .rules import RULES

    lib = library_for(library)
    ordered = sorted(RULES.values(), key=lambda r: (FAMILIES.index(r.id.split("-")[0]), r.id))
    for rule in ordered:
        texts = lib.rule_texts.get(rule.id)
        click.echo(f"{rule.id:<32} {rule.severity:<8} {rule.element:<12} {', '.join(rule.provisions) or '-'}")
        click.echo(f"{'':<32} {rule.doc.splitlines()[0] if rule.doc else ''}")
        if texts:
            click.echo(f"{'':<32} {texts.fix(lang)}")


@main.group(cls=_Group)
def clauses() -> None:
    """Browse the clause library."""


@clauses.command("list")
@click.option("--library", type=_EXISTING, help="Your own clause library, laid over the default one.")
@click.option("--element", help="Only this element (partnership, activities, finance, ...).")
@click.option("--lang", type=_LANG, default="nl", show_default=True)
def clauses_list(library: Path | None, element: str | None, lang: str) -> None:
    """List the clauses, element by element."""
    lib = library_for(library)
    for el in lib.elements:
        if element and el.id != element:
            continue
        click.echo(f"{el.id} — {el.name(lang)}")
        for clause in lib.clauses_of(el.id):
            condition = _condition(clause.applies.model, clause.applies.when)
            click.echo(f"  {clause.id:<36} {clause.title(lang):<40} {', '.join(clause.provides)}{condition}")


def _condition(model: Sequence[str] | None, when: str | None) -> str:
    parts = []
    if model:
        parts.append("model: " + "/".join(model))
    if when:
        parts.append(f"when: {when}")
    return f"  [{'; '.join(parts)}]" if parts else ""


@clauses.command("show")
@click.argument("clause_id")
@click.option("--library", type=_EXISTING, help="Your own clause library, laid over the default one.")
@click.option("--lang", type=_LANG, default="nl", show_default=True)
def clauses_show(clause_id: str, library: Path | None, lang: str) -> None:
    """Show one clause: its text, conditions and drafting note."""
    lib = library_for(library)
    clause = _find_clause(lib, clause_id)
    click.echo(f"{clause.id} — {clause.title(lang)}  ({clause.source})")
    click.echo(f"element: {clause.element}; provides: {', '.join(clause.provides) or '-'}"
               f"{_condition(clause.applies.model, clause.applies.when)}")
    click.echo("\n" + clause.text(lang).rstrip())
    click.echo("\n" + ("Toelichting" if lang == "nl" else "Drafting note") + ": " + clause.note(lang).strip())


def _find_clause(lib: Library, clause_id: str) -> Any:
    if clause_id in lib.clauses:
        return lib.clauses[clause_id]
    import difflib

    close = difflib.get_close_matches(clause_id, list(lib.clauses), n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise BbmError(f"no clause {clause_id!r}{hint} (see `bbm clauses list`)")


@main.command()
@click.option("--library", type=_EXISTING, help="Your own clause library, laid over the default one.")
@click.option("--lang", type=_LANG, default="nl", show_default=True)
def provisions(library: Path | None, lang: str) -> None:
    """List the provisions: the vocabulary shared by clauses, checks and review."""
    lib = library_for(library)
    for el in lib.elements:
        click.echo(f"{el.id} — {el.name(lang)}")
        for p in (p for p in lib.provisions.values() if p.element == el.id):
            weight = p.weight if isinstance(p.weight, str) else ", ".join(f"{k}: {v}" for k, v in p.weight.items())
            providers = [c.id for c in lib.clauses.values() if p.id in c.provides]
            click.echo(f"  {p.id:<28} {weight:<28} {p.name(lang)} — {p.explain(lang)}")
            click.echo(f"  {'':<28} clauses: {', '.join(providers) or 'NONE'}")


@main.command("template-check")
@click.argument("template", type=_EXISTING, required=False)
def template_check(template: Path | None) -> None:
    """Check a Word template for the tags and styles the engine needs."""
    path = template or default_template()
    report = check_template(path)
    for warning in report.warnings:
        click.echo(f"warning: {warning}")
    if report.errors:
        for error in report.errors:
            click.echo(f"error: {error}", err=True)
        raise SystemExit(EXIT_USAGE)
    click.echo(f"{path}: usable template")


from .finance_cli import finance  # noqa: E402 - registered after the group is defined

main.add_command(finance)
