"""The outcome deadline or the end of the term has passed while the agreement is still in force.

After the deadline the result is either reached or not, and the status should say so: an agreement that stays
``active`` past its deadline keeps partners bound to dates nobody is working to any more, and the recognition or
accountability agreed under celebration never happens. Record the outcome and move the status to ``fulfilled`` or
``ended``, or renegotiate the deadline. This rule depends on today's date and only looks at ``active`` and
``renegotiating`` agreements.

Fires on:
    status: active
    term: {start: 2031-01-06, end: 2032-12-31}
    results: {deadline: 2032-06-30}                   # and today is after 2032-06-30

Passes:
    status: fulfilled
    results: {deadline: 2032-06-30}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import IN_FORCE
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._dates import date_at, days, status
from agreed.problem import Severity

_PASSED = (
    (("results", "deadline"), "the outcome deadline passed"),
    (("term", "end"), "the term ended"),
)


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    today, current = context.today, status(document)
    if today is None or current not in IN_FORCE:
        return
    for path, what in _PASSED:
        dated = date_at(document, *path)
        if dated is not None and dated.day < today:
            ago = days((today - dated.day).days)
            yield AtPath(dated.path, f"{what} on {dated.day.isoformat()}, {ago} ago, but the status is still "
                         f"{current!r}: record the outcome and move the status to 'fulfilled' or 'ended', or "
                         "renegotiate the date")


RULE = DocumentRule(code="T308", name="deadline-passed", category=Category.TIME, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("W-DEADLINE", "K-STATUS"), clock=True)
