"""The answers example in the README is a valid answers file."""

from __future__ import annotations

import re

from bbm_contracts import parse_answers

from .conftest import ROOT


def test_readme_answers_example_is_valid() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    assert blocks
    answers = parse_answers(blocks[0], source="README.md")
    assert answers.parties[0].enterprise_number == "0412.345.614"
    assert answers.finance.distribution.shares[0].pct == 50
