"""Money: rounding to the cent, largest-remainder splits, and Belgian
(nl_BE) and English formatting of amounts, percentages, dates and amounts in
words. The rounding rule is stated in the package docstring."""

from __future__ import annotations

import datetime as dt
import decimal
import math
import re
from collections.abc import Sequence
from contextlib import AbstractContextManager
from decimal import Decimal
from fractions import Fraction

CURRENCY = "EUR"
CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal("0.00")

Number = Decimal | Fraction | int


def cents(value: Number) -> Decimal:
    """``value`` rounded half up (away from zero) to the cent, in exact
    integer arithmetic, so no amount is too large to round."""
    exact = Fraction(value) * 100
    units = math.floor(abs(exact) + Fraction(1, 2))
    return from_cents(units if exact >= 0 else -units)


def from_cents(units: int) -> Decimal:
    """A whole number of cents as an exact two-decimal ``Decimal``."""
    return Decimal(f"{units}E-2")


def to_cents(amount: Decimal) -> int:
    """An amount, rounded to the cent, as a whole number of cents."""
    return int(Fraction(cents(amount)) * 100)


def split(amount: Decimal, weights: Sequence[Number]) -> tuple[Decimal, ...]:
    """Split ``amount`` (rounded to the cent) in proportion to ``weights`` by
    the largest-remainder method: the parts add up exactly to the amount."""
    exact = [Fraction(w) for w in weights]
    if any(w < 0 for w in exact):
        raise ValueError("weights must not be negative")
    total = sum(exact, Fraction(0))
    units = to_cents(amount)
    if units == 0:
        return tuple(ZERO for _ in exact)
    if total == 0:
        raise ValueError("cannot split a non-zero amount over zero weights")
    sign, units = (-1 if units < 0 else 1), abs(units)
    quotas = [units * w / total for w in exact]
    parts = [q.numerator // q.denominator for q in quotas]
    ranked = sorted(range(len(parts)), key=lambda i: (parts[i] - quotas[i], i))
    for i in ranked[: units - sum(parts)]:
        parts[i] += 1
    return tuple(from_cents(sign * part) for part in parts)


def percentages(weights: Sequence[Number]) -> tuple[Decimal, ...]:
    """Each weight's share in %, to the hundredth, adding up to exactly 100
    (all zeros when the weights are all zero)."""
    if sum((Fraction(w) for w in weights), Fraction(0)) == 0:
        return tuple(ZERO for _ in weights)
    return split(HUNDRED, weights)


# --- formatting ---------------------------------------------------------------

_LOCALES = {"nl": "nl_BE", "en": "en"}


def format_money(value: Decimal, lang: str) -> str:
    """'€ 1.234,56' (nl_BE) / '€1,234.56' (en), through babel; a plain space
    as in the rest of the agreement's text."""
    from babel.numbers import format_currency

    value = cents(value)
    with _wide_enough(value):
        text: str = format_currency(value, CURRENCY, locale=_LOCALES[lang])
    return text.replace("\xa0", " ")


def format_number(value: Decimal | int, lang: str, decimals: int = 2) -> str:
    """'1.234,5' (nl_BE) / '1,234.5' (en), at most ``decimals`` decimals."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    with _wide_enough(Decimal(value)):
        return str(format_decimal(value, format=pattern, locale=_LOCALES[lang]))


def _wide_enough(value: Decimal) -> AbstractContextManager[decimal.Context]:
    """A decimal context with room for every digit of ``value`` and its cents
    (babel rounds in the current context, 28 digits by default)."""
    return decimal.localcontext(prec=max(28, value.adjusted() + 8))


def format_pct(value: Decimal, lang: str) -> str:
    """'12,5 %' (nl_BE) / '12.5%' (en)."""
    return f"{format_number(value, lang)} %" if lang == "nl" else f"{format_number(value, lang)}%"


def format_date(value: dt.date, lang: str) -> str:
    """'1 januari 2025' / '1 January 2025', through babel."""
    from babel.dates import format_date as babel_date

    return str(babel_date(value, "d MMMM y", locale=_LOCALES[lang]))


def amount_in_words(value: Decimal, lang: str) -> str:
    """'duizend tweehonderdvierendertig euro en zesenvijftig cent' /
    'one thousand, two hundred and thirty-four euros and fifty-six cents'."""
    value = cents(value)
    if value < 0:
        return ("min " if lang == "nl" else "minus ") + amount_in_words(-value, lang)
    euros, rest = divmod(to_cents(value), 100)
    if lang == "nl":
        text = f"{_words(euros, 'nl')} euro"
        return f"{text} en {_words(rest, 'nl')} cent" if rest else text
    text = f"{_words(euros, 'en')} euro{'' if euros == 1 else 's'}"
    return f"{text} and {_words(rest, 'en')} cent{'' if rest == 1 else 's'}" if rest else text


def _words(number: int, lang: str) -> str:
    from num2words import num2words

    text = str(num2words(number, lang=lang))
    if lang != "nl":
        return text
    # Taalunie: one word up to a thousand, a space after "duizend"; "een" without accents inside a word
    text = re.sub(r"duizend(?=\S)", "duizend ", text)
    return re.sub(r"(?<=\S)één\b", "een", text)
