"""Property tests: whatever a user types comes out literally; dates and
shares that validate always draft."""

from __future__ import annotations

import datetime as dt
import io

import docx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bbm_contracts import draft_agreement, library_for, parse_answers
from bbm_contracts.answers import Answers, Party
from bbm_contracts.render import render_docx
from bbm_contracts.resources import default_template

LIBRARY = library_for()

# printable text without control characters (those are rejected on input)
user_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cc", "Cs"), blacklist_characters="\u2028\u2029\x85"),
    min_size=1, max_size=40,
).map(str.strip).filter(bool)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=user_text, purpose=user_text)
def test_user_text_always_comes_out_literally(name: str, purpose: str) -> None:
    answers = Answers(
        parties=[Party(id="a", name=name), Party(id="b", name="Beta bv")],
        partnership={"purpose": purpose},
    )
    draft = draft_agreement(answers, LIBRARY)
    document = docx.Document(io.BytesIO(render_docx(draft, default_template())))
    text = "\n".join(p.text for p in document.paragraphs)
    assert name in text
    assert purpose in text


@settings(max_examples=30, deadline=None)
@given(
    start=st.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2040, 1, 1)),
    days=st.integers(min_value=1, max_value=3650),
    shares=st.lists(st.integers(min_value=0, max_value=100), min_size=2, max_size=2),
)
def test_valid_dates_and_shares_always_draft(start: dt.date, days: int, shares: list[int]) -> None:
    end = start + dt.timedelta(days=days)
    text = f"""
parties:
  - {{id: a, name: A}}
  - {{id: b, name: B}}
term: {{start_date: {start.isoformat()}, end_date: {end.isoformat()}, duration: fixed}}
finance:
  distribution:
    shares: [{{party: a, pct: {shares[0]}}}, {{party: b, pct: {shares[1]}}}]
"""
    draft = draft_agreement(parse_answers(text), LIBRARY)
    texts = " ".join(p.text for a in draft.articles for p in a.paragraphs)
    assert str(end.year) in texts
    assert "term.end_date" not in {p.path for p in draft.open_points}
