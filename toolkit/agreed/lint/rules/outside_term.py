"""A date of the agreement falls outside its term, or the term ends before it starts.

The term (``term.start`` to ``term.end``) is the time the partners have agreed to be bound. A deadline, a due date,
a check-in, a measurement or a hand-off outside it is planned for a time when nobody has promised anything, so it
cannot be relied on. Measurement and hand-offs come after the outcome deadline: end the term after the last of
them, or move the date into the term.

Fires on:
    term: {start: 2031-01-06, end: 2032-06-30}
    results: {deadline: 2032-06-30}
    celebration: {handoffs: [{id: dashboard, due: 2032-09-01, ...}]}

Passes:
    term: {start: 2031-01-06, end: 2032-12-31}
    results: {deadline: 2032-06-30}
    celebration: {handoffs: [{id: dashboard, due: 2032-09-01, ...}]}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._dates import date_at, days, planned_dates
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    start, end = date_at(document, "term", "start"), date_at(document, "term", "end")
    if start is not None and end is not None and end.day < start.day:
        yield AtPath(end.path, f"the term ends {end.day.isoformat()}, before it starts {start.day.isoformat()}: "
                     "correct one of the two dates")
        return  # against a reversed term every date would be outside it
    term = f" (term {start.day.isoformat()} to {end.day.isoformat()})" if start and end else ""
    for dated in planned_dates(document):
        if start is not None and dated.day < start.day:
            early = days((start.day - dated.day).days)
            yield AtPath(dated.path, f"{dated.shown} is {early} before the term starts on "
                         f"{start.day.isoformat()}{term}: move the date into the term or start the term earlier")
        elif end is not None and dated.day > end.day:
            late = days((dated.day - end.day).days)
            yield AtPath(dated.path, f"{dated.shown} is {late} after the term ends on "
                         f"{end.day.isoformat()}{term}: move the date into the term or end the term later")


RULE = DocumentRule(code="T304", name="outside-term", category=Category.TIME, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("W-DEADLINE", "W-WHAT", "W-MILESTONES", "W-PROGRESS", "C-TARGETS", "C-WHEN",
                              "C-HANDOFFS"))
