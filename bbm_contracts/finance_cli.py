"""`bbm finance`: the revenue model of an answers file as tables in the
terminal (rich), as JSON, or as a spreadsheet the partners keep working in
(openpyxl). It only presents: the figures come from ``bbm_contracts.finance``."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import click

from .errors import BbmError
from .finance import RevenueModel, as_data, format_date, format_money, format_number, format_pct, revenue_model
from .intake import load_answers
from .output import ensure_writable, write_atomic
from .questions import question

_SUFFIX_FORMATS = {".json": "json", ".xlsx": "xlsx"}

# label: (Dutch, English)
_LABELS: dict[str, tuple[str, str]] = {
    "title": ("Verdienmodel", "Revenue model"),
    "costs": ("Kosteninschatting (per jaar)", "Cost estimate (per year)"),
    "partners": ("Kosten per partner", "Cost per partner"),
    "pricing": ("Prijszetting", "Pricing"),
    "key": ("Verdeelsleutel", "Distribution key"),
    "key_parties": ("Verdeelsleutel en kostenbijdrage", "Key and cost contribution"),
    "incentives": ("Incentives bovenop de verdeelsleutel", "Incentives on top of the key"),
    "scenarios": ("Scenario's", "Scenarios"),
    "shares": ("Aandeel per partner", "Share per partner"),
    "missing": ("Nog te beantwoorden", "Still to answer"),
    "party": ("Partner", "Partner"),
    "activity": ("Activiteit", "Activity"),
    "cost": ("Kost", "Cost"),
    "unit_cost": ("Kost / stuk", "Cost / unit"),
    "volume": ("Vereist", "Required"),
    "units": ("Volume", "Volume"),
    "amount": ("Projectkost", "Project cost"),
    "investment": ("Investering vóór jaar 0", "Investment before year 0"),
    "total": ("Totaal", "Total"),
    "annual": ("Kost per jaar", "Cost per year"),
    "cost_pct": ("% van de kosten", "% of costs"),
    "method": ("Methode", "Method"),
    "price": ("Prijs per eenheid", "Price per unit"),
    "reference": ("Referentie", "Reference"),
    "uplift": ("Premie / marge", "Premium / margin"),
    "chosen": ("gekozen", "chosen"),
    "comparison": ("ter vergelijking", "for comparison"),
    "agreed": ("afgesproken prijs", "agreed price"),
    "pct": ("Aandeel", "Share"),
    "founders": ("Oprichters", "Founders"),
    "key_pct": ("Verdeelsleutel", "Key"),
    "kind": ("Soort", "Kind"),
    "case": ("Scenario", "Scenario"),
    "year": ("Jaar", "Year"),
    "start": ("Begin", "Start"),
    "revenue": ("Omzet", "Revenue"),
    "margin": ("Marge", "Margin"),
    "reinvest": ("Herinvestering", "Reinvestment"),
    "distributed": ("Verdeeld", "Distributed"),
    "cumulative": ("Cumulatief", "Cumulative"),
    "path": ("Antwoord", "Answer"),
    "question": ("Vraag", "Question"),
    "whole": ("(geheel)", "(whole)"),
    "none": ("(geen)", "(none)"),
    "basis": ("grondslag", "basis"),
    "of": ("verdeeld wordt", "distributed"),
    "years": ("jaar", "years"),
    "best": ("best", "best"),
    "middle": ("middle", "middle"),
    "worst": ("worst", "worst"),
    "fee_band": ("eenheden", "units"),
    "top-down": ("top-down (markt + premie)", "top-down (market + premium)"),
    "bottom-up": ("bottom-up (kost + marge)", "bottom-up (cost + margin)"),
    "platform-fee": ("platformbijdrage", "platform fee"),
    "fixed": ("vaste verdeling", "fixed shares"),
    "cost-contribution": ("bijdrage aan de kosten", "contribution to costs"),
    "per-activity": ("per activiteit", "per activity"),
    "revenue_of": ("de omzet", "the revenue"),
    "margin_of": ("de marge", "the margin"),
    "profit_of": ("de winst", "the profit"),
    "investment_kind": ("investering", "investment"),
    "risk": ("ondernemersrisico", "entrepreneurial risk"),
    "open_partnership": ("open partnership", "open partnership"),
    "all_answered": ("Alle antwoorden voor het verdienmodel zijn gegeven.", "Every answer the revenue model needs is given."),
}
_T = {lang: {key: pair[i] for key, pair in _LABELS.items()} for i, lang in enumerate(("nl", "en"))}


@click.command("finance")
@click.argument("answers", type=click.Path(path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["text", "json", "xlsx"]),
              help="text (tables), json or xlsx (default: from the -o suffix, else text).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), help="Write to this file (needed for xlsx).")
@click.option("--force", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--lang", type=click.Choice(["nl", "en"]), help="Language (default: the answers' language).")
def finance(answers: Path, fmt: str | None, out: Path | None, force: bool, lang: str | None) -> None:
    """The revenue model of an ANSWERS file: cost estimate, pricing,
    distribution key and scenarios (best, middle, worst) per year."""
    fmt = fmt or (_SUFFIX_FORMATS.get(out.suffix.lower(), "text") if out else "text")
    _check_output(fmt, out, force)
    parsed = load_answers(answers)
    model = revenue_model(parsed)
    data = _render(model, fmt, lang or parsed.language, colour=out is None and sys.stdout.isatty())
    if out is None:
        click.echo(data.decode("utf-8"), nl=False)
    else:
        write_atomic(out, data)
        click.echo(f"wrote {out}")


def _render(model: RevenueModel, fmt: str, lang: str, colour: bool) -> bytes:
    if fmt == "xlsx":
        return render_xlsx(model, lang)
    text = render_json(model) if fmt == "json" else render_text(model, lang, colour)
    return text.encode("utf-8")


def _check_output(fmt: str, out: Path | None, force: bool) -> None:
    if fmt == "xlsx" and out is None:
        raise BbmError("--format xlsx writes a spreadsheet: give its file with -o FILE.xlsx")
    if fmt == "xlsx" and out is not None and out.suffix.lower() != ".xlsx":
        raise BbmError(f"{out}: a spreadsheet must be an .xlsx file")
    if out is not None:
        ensure_writable(out, force)


def render_json(model: RevenueModel) -> str:
    """The model as JSON (money as exact decimal strings)."""
    return json.dumps(as_data(model), indent=2, ensure_ascii=False) + "\n"


# --- text (rich) -------------------------------------------------------------------------------


def render_text(model: RevenueModel, lang: str, colour: bool = False) -> str:
    """The model as terminal tables."""
    from rich.console import Console

    buffer = io.StringIO()
    console = Console(file=buffer, width=150, force_terminal=colour, no_color=not colour, highlight=False)
    t = _T[lang]
    head = f"{t['title']} — EUR, {model.years} {t['years']}"
    console.print(head + (f", {format_date(model.start, lang)}" if model.start else ""))
    for table in (_cost_table, _partner_table, _pricing_table, _key_table, _key_party_table, _incentive_table,
                  _scenario_table, _scenario_share_table, _missing_table):
        rendered = table(model, lang)
        if rendered is not None:
            console.print(rendered)
    return buffer.getvalue()


def _table(title: str, headers: Sequence[str], rows: Sequence[Sequence[str]], right_from: int = 1,
           caption: str | None = None) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for i, header in enumerate(headers):
        right = i >= right_from
        # figures are never wrapped or cut: their column is as wide as the widest figure
        widest = max((len(row[i]) for row in rows), default=0) if right else None
        table.add_column(header, justify="right" if right else "left", no_wrap=right, min_width=widest)
    for row in rows:
        table.add_row(*row)
    return table


def _money(value: Decimal | None, lang: str) -> str:
    return format_money(value, lang) if value is not None else "—"


def _cost_table(model: RevenueModel, lang: str) -> Any:
    t, cost = _T[lang], model.cost
    rows = [[line.name, line.activity or "—", line.description, _money(line.unit_cost, lang),
             _number(Decimal(line.volume) if line.volume is not None else None, lang), _money(line.amount, lang),
             _money(line.year0_investment or None, lang)] for line in cost.lines]
    rows.append([t["total"], "", "", "", "", _money(cost.total_annual, lang), _money(cost.total_investment, lang)])
    headers = [t["party"], t["activity"], t["cost"], t["unit_cost"], t["volume"], t["amount"], t["investment"]]
    return _table(t["costs"], headers, rows, right_from=3)


def _partner_table(model: RevenueModel, lang: str) -> Any:
    t = _T[lang]
    rows = [[p.name, _money(p.annual_cost, lang), format_pct(p.pct, lang), _money(p.investment, lang)]
            for p in model.cost.partners]
    return _table(t["partners"], [t["party"], t["annual"], t["cost_pct"], t["investment"]], rows)


def _pricing_table(model: RevenueModel, lang: str) -> Any:
    t, result = _T[lang], model.pricing
    options = ([(result.chosen, t["chosen"])] if result.chosen else []) + [(o, t["comparison"]) for o in result.alternatives]
    rows = [[t.get(o.method, o.method), _money(o.price_per_unit, lang), _money(o.reference, lang),
             format_pct(o.uplift_pct, lang) if o.uplift_pct is not None else "—", note] for o, note in options]
    if result.agreed_price is not None:
        rows.append([t["agreed"], _money(result.agreed_price, lang), "", "", ""])
    rows += [[f"  {band.from_unit}–{band.up_to or '…'} {t['fee_band']}", _money(band.fee, lang), "", "", ""]
             for band in result.fee_bands]
    return _table(t["pricing"], [t["method"], t["price"], t["reference"], t["uplift"], ""], rows)


def _key_table(model: RevenueModel, lang: str) -> Any:
    t, key = _T[lang], model.key
    caption = (f"{t['basis']}: {t.get(key.basis, key.basis)}; {t['of']}: {t.get(key.of + '_of', key.of)}; "
               f"{t['reinvest']}: {format_pct(key.reinvestment_pct, lang)}")
    rows = [[row.activity or t["whole"], format_pct(row.activity_pct, lang), row.name, format_pct(row.pct, lang),
             format_pct(row.founders_pct, lang)] for row in key.rows]
    return _table(t["key"], [t["activity"], "%", t["party"], t["pct"], t["founders"]],
                  rows or [[t["none"], "", "", "", ""]], caption=caption)


def _key_party_table(model: RevenueModel, lang: str) -> Any:
    t = _T[lang]
    rows = [[p.name, format_pct(p.key_pct, lang), format_pct(p.cost_pct, lang), _money(p.annual_cost, lang)]
            for p in model.key.parties]
    return _table(t["key_parties"], [t["party"], t["key_pct"], t["cost_pct"], t["annual"]], rows)


def _incentive_table(model: RevenueModel, lang: str) -> Any:
    t = _T[lang]
    if not model.key.incentives:
        return None
    kinds = {"investment": t["investment_kind"], "risk": t["risk"], "open_partnership": t["open_partnership"]}
    rows = [[i.name, kinds[i.kind], format_pct(i.pct, lang), i.note] for i in model.key.incentives]
    return _table(t["incentives"], [t["party"], t["kind"], "%", ""], rows, right_from=2)


def _scenario_table(model: RevenueModel, lang: str) -> Any:
    t = _T[lang]
    rows = [[t[y.case], str(y.year), _number(y.volume, lang), _money(y.price_per_unit, lang), _money(y.revenue, lang),
             _money(y.cost, lang), _money(y.margin, lang), _money(y.reinvestment, lang), _money(y.distributed, lang),
             _money(y.cumulative_margin, lang)] for y in model.scenarios]
    headers = [t["case"], t["year"], t["units"], t["price"], t["revenue"], t["cost"], t["margin"], t["reinvest"],
               t["distributed"], t["cumulative"]]
    return _table(t["scenarios"], headers, rows, right_from=1)


def _scenario_share_table(model: RevenueModel, lang: str) -> Any:
    t = _T[lang]
    if not model.scenario_shares:
        return None
    parties = [(p.party, p.name) for p in model.key.parties]
    shares = {(s.case, s.year, s.party): s.share for s in model.scenario_shares}
    rows = [[t[y.case], str(y.year), *[_money(shares.get((y.case, y.year, p)), lang) for p, _ in parties]]
            for y in model.scenarios]
    return _table(t["shares"], [t["case"], t["year"], *[name for _, name in parties]], rows)


def _number(value: Decimal | None, lang: str) -> str:
    return format_number(value, lang) if value is not None else "—"


def _missing_table(model: RevenueModel, lang: str) -> Any:
    t = _T[lang]
    if not model.missing:
        return t["all_answered"]
    return _table(t["missing"], [t["path"], t["question"]], [[path, question(path, lang)] for path in model.missing],
                  right_from=2)


# --- spreadsheet (openpyxl) ----------------------------------------------------------------------

_MONEY = '"€" #,##0.00'
_PCT = "0.00%"


def render_xlsx(model: RevenueModel, lang: str) -> bytes:
    """The model as an .xlsx workbook: one sheet per table; the project cost
    of a cost item and the totals are formulas, so partners can keep working."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    t = _T[lang]
    for title, fill in ((t["costs"], _xlsx_costs), (t["partners"], _xlsx_partners), (t["pricing"], _xlsx_pricing),
                        (t["key"], _xlsx_key), (t["scenarios"], _xlsx_scenarios), (t["missing"], _xlsx_missing)):
        fill(workbook.create_sheet(_sheet_title(title)), model, lang)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _sheet_title(title: str) -> str:
    return title.split(" (")[0][:31]


def _header(sheet: Any, headers: Sequence[str]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for i, header in enumerate(headers, start=1):
        sheet.column_dimensions[get_column_letter(i)].width = max(12, len(header) + 2)


def _formats(sheet: Any, columns: Sequence[str], number_format: str) -> None:
    for column in columns:
        for cell in sheet[column][1:]:
            cell.number_format = number_format


def _xlsx_costs(sheet: Any, model: RevenueModel, lang: str) -> None:
    t = _T[lang]
    _header(sheet, [t["party"], t["activity"], t["cost"], t["unit_cost"], t["volume"], t["amount"], t["investment"]])
    for row, line in enumerate(model.cost.lines, start=2):
        amount: Any = f"=D{row}*E{row}" if line.unit_cost is not None and line.volume is not None else line.amount
        sheet.append([line.name, line.activity, line.description, line.unit_cost, line.volume, amount,
                      line.year0_investment or None])
    last = len(model.cost.lines) + 1
    sheet.append([t["total"], None, None, None, None, f"=SUM(F2:F{last})", f"=SUM(G2:G{last})"])
    _formats(sheet, "DFG", _MONEY)


def _xlsx_partners(sheet: Any, model: RevenueModel, lang: str) -> None:
    t = _T[lang]
    _header(sheet, [t["party"], t["annual"], t["cost_pct"], t["investment"]])
    for p in model.cost.partners:
        sheet.append([p.name, p.annual_cost, p.pct / 100, p.investment])
    _formats(sheet, "BD", _MONEY)
    _formats(sheet, "C", _PCT)


def _xlsx_pricing(sheet: Any, model: RevenueModel, lang: str) -> None:
    t, result = _T[lang], model.pricing
    _header(sheet, [t["method"], t["price"], t["reference"], t["uplift"], ""])
    options = ([(result.chosen, t["chosen"])] if result.chosen else []) + [(o, t["comparison"]) for o in result.alternatives]
    for option, note in options:
        uplift = option.uplift_pct / 100 if option.uplift_pct is not None else None
        sheet.append([t.get(option.method, option.method), option.price_per_unit, option.reference, uplift, note])
    if result.agreed_price is not None:
        sheet.append([t["agreed"], result.agreed_price])
    for band in result.fee_bands:
        sheet.append([f"{band.from_unit}–{band.up_to or '…'} {t['fee_band']}", band.fee])
    _formats(sheet, "BC", _MONEY)
    _formats(sheet, "D", _PCT)


def _xlsx_key(sheet: Any, model: RevenueModel, lang: str) -> None:
    t, key = _T[lang], model.key
    _header(sheet, [t["activity"], "%", t["party"], t["pct"], t["founders"]])
    for row in key.rows:
        sheet.append([row.activity or t["whole"], row.activity_pct / 100, row.name, row.pct / 100, row.founders_pct / 100])
    sheet.append([])
    sheet.append([t["party"], t["key_pct"], t["cost_pct"], t["annual"]])
    for p in key.parties:
        sheet.append([p.name, p.key_pct / 100, p.cost_pct / 100, p.annual_cost])
    sheet.append([])
    sheet.append([t["reinvest"], key.reinvestment_pct / 100])
    for incentive in key.incentives:
        sheet.append([f"{t['incentives']}: {incentive.kind}", incentive.pct / 100, incentive.name, incentive.note])
    _formats(sheet, "BDE", _PCT)


def _xlsx_scenarios(sheet: Any, model: RevenueModel, lang: str) -> None:
    t = _T[lang]
    parties = [(p.party, p.name) for p in model.key.parties]
    shares = {(s.case, s.year, s.party): s.share for s in model.scenario_shares}
    _header(sheet, [t["case"], t["year"], t["start"], t["units"], t["price"], t["revenue"], t["cost"], t["margin"],
                    t["reinvest"], t["distributed"], *[name for _, name in parties], t["cumulative"]])
    for y in model.scenarios:
        sheet.append([t[y.case], y.year, y.start, y.volume, y.price_per_unit, y.revenue, y.cost, y.margin,
                      y.reinvestment, y.distributed, *[shares.get((y.case, y.year, p)) for p, _ in parties],
                      y.cumulative_margin])
    from openpyxl.utils import get_column_letter

    _formats(sheet, [get_column_letter(i) for i in range(5, 12 + len(parties))], _MONEY)
    _formats(sheet, "C", "yyyy-mm-dd")


def _xlsx_missing(sheet: Any, model: RevenueModel, lang: str) -> None:
    t = _T[lang]
    _header(sheet, [t["path"], t["question"]])
    for path in model.missing:
        sheet.append([path, question(path, lang)])

