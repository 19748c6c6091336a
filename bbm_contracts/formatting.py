"""Belgian (nl) and English formatting of dates, money, numbers and lists."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli",
           "augustus", "september", "oktober", "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July",
           "August", "September", "October", "November", "December"),
}
_UNITS = {
    "nl": {"day": ("dag", "dagen"), "month": ("maand", "maanden"), "year": ("jaar", "jaar")},
    "en": {"day": ("day", "days"), "month": ("month", "months"), "year": ("year", "years")},
}
_FREQUENCY = {
    "nl": {"monthly": "maandelijks", "quarterly": "driemaandelijks",
           "half-yearly": "halfjaarlijks", "yearly": "jaarlijks"},
    "en": {"monthly": "monthly", "quarterly": "quarterly",
           "half-yearly": "half-yearly", "yearly": "yearly"},
}
_FREQUENCY_NOUN = {
    "nl": {"monthly": "elke maand", "quarterly": "elk kwartaal",
           "half-yearly": "elk halfjaar", "yearly": "elk jaar"},
    "en": {"monthly": "every month", "quarterly": "every quarter",
           "half-yearly": "every six months", "yearly": "every year"},
}
_FORMS = {
    "nl": {"contract": "samenwerkingsovereenkomst zonder rechtspersoonlijkheid",
           "maatschap": "maatschap", "tijdelijke-maatschap": "tijdelijke maatschap",
           "cv": "coöperatieve vennootschap", "bv": "besloten vennootschap",
           "vzw": "vereniging zonder winstoogmerk",
           "eesv": "Europees economisch samenwerkingsverband",
           "esv": "economisch samenwerkingsverband (afgeschaft)",
           "thv": "tijdelijke handelsvennootschap (afgeschaft)",
           "vso": "vennootschap met sociaal oogmerk (afgeschaft)"},
    "en": {"contract": "contractual cooperation without legal personality",
           "maatschap": "partnership (maatschap)",
           "tijdelijke-maatschap": "temporary partnership (tijdelijke maatschap)",
           "cv": "cooperative company (CV)", "bv": "private limited company (BV)",
           "vzw": "non-profit association (VZW)",
           "eesv": "European economic interest grouping (EEIG)",
           "esv": "economic interest grouping (ESV, abolished)",
           "thv": "temporary trading company (THV, abolished)",
           "vso": "company with a social purpose (abolished)"},
}


def long_date(value: dt.date | str, lang: str) -> str:
    """'1 januari 2025' / '1 January 2025'."""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day} {_MONTHS[lang][value.month - 1]} {value.year}"


def _group(digits: str, sep: str) -> str:
    out: list[str] = []
    while len(digits) > 3:
        out.insert(0, digits[-3:])
        digits = digits[:-3]
    out.insert(0, digits)
    return sep.join(out)


def money(value: Decimal, lang: str) -> str:
    """'€ 1.250.000,00' (nl_BE) / '€1,250,000.00' (en)."""
    value = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    sign = "-" if value < 0 else ""
    whole, cents = f"{abs(value):.2f}".split(".")
    if lang == "nl":
        return f"{sign}€ {_group(whole, '.')},{cents}"
    return f"{sign}€{_group(whole, ',')}.{cents}"


def number(value: Decimal | int, lang: str) -> str:
    """A number without trailing zeros, Belgian or English decimal mark."""
    text = format(Decimal(value).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",") if lang == "nl" else text


def percent(value: Decimal, lang: str) -> str:
    """'50 %' (nl) / '50%' (en)."""
    return f"{number(value, lang)} %" if lang == "nl" else f"{number(value, lang)}%"


def quantity(value: int, unit: str, lang: str) -> str:
    """'3 maanden' / '1 month'."""
    singular, plural = _UNITS[lang][unit]
    return f"{value} {singular if value == 1 else plural}"


def frequency(value: str, lang: str) -> str:
    """'driemaandelijks' / 'quarterly'."""
    return _FREQUENCY[lang].get(value, value)


def frequency_noun(value: str, lang: str) -> str:
    """'elk kwartaal' / 'every quarter'."""
    return _FREQUENCY_NOUN[lang].get(value, value)


def legal_form_name(value: str, lang: str) -> str:
    """The full name of a legal form id."""
    return _FORMS[lang].get(value, value)


def join_and(items: list[str], lang: str) -> str:
    """'A, B en C' / 'A, B and C'."""
    word = " en " if lang == "nl" else " and "
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + word + items[-1]
