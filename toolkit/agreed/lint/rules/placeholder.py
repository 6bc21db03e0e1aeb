"""A placeholder was left where a value belongs.

"TBD", "XX%", "[owner]", "<date>", "???" or "TODO" mark a decision nobody has made yet. An agreement that still
holds one cannot be consented to as written: the partners would each sign a different promise. Fill in the value,
or take the statement out until it is decided.

Fires on:
    Increase qualified leads by XX% by TBD.
    [owner] will send the vendor shortlist by <date>.
    Budget: N/A.

Passes:
    Increase qualified leads from 120 to 150 per month by 2027-06-30.
    Maria Chen will send the vendor shortlist by 2027-02-15.
    Rename the `TODO_export` job to `ledger_export` by 2027-03-01.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import scan
from agreed.text.patterns import TermPattern
from agreed.text.vocabulary import PLACEHOLDER, may_hold_placeholder

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

_PATTERN = TermPattern.raw(PLACEHOLDER, case_sensitive=True, needs=may_hold_placeholder)


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, _PATTERN):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" is a placeholder: replace it with the agreed value')


RULE = TextRule(
    code="V108",
    name="placeholder",
    category=Category.VAGUENESS,
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
