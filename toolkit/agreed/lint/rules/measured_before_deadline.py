"""The results are measured before the outcome deadline, or announced before they are measured.

The targets say what success means by the outcome deadline (``results.deadline``). Measuring them earlier judges
the partners on a result they still had time to reach, and announcing the result before the day it is measured
(``celebration.measurement``) means announcing a guess. Either a date is wrong or the partners have not agreed when
the result counts. The schema already requires ``celebration.measurement.on`` once an agreement leaves draft, so
this rule only compares the dates that are given.

Fires on:
    results: {deadline: 2032-06-30}
    celebration:
      targets: [{id: ttv, measured_on: 2032-05-15, ...}]
      measurement: {on: 2032-07-15, communicated_on: 2032-07-01}

Passes:
    results: {deadline: 2032-06-30}
    celebration:
      targets: [{id: ttv, measured_on: 2032-07-15, ...}]
      measurement: {on: 2032-07-15, communicated_on: 2032-07-22}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.rule import Category, Finding, LintContext, Rule
from agreed.lint.rules._dates import date_at, days, item_dates
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[Finding]:
    deadline = date_at(document, "results", "deadline")
    measured = date_at(document, "celebration", "measurement", "on")
    if deadline is not None:
        for dated in (measured, *item_dates(document, "measured_on", "celebration", "targets")):
            if dated is not None and dated.day < deadline.day:
                early = days((deadline.day - dated.day).days)
                yield Finding(dated.path, f"measures on {dated.day.isoformat()}, {early} before the outcome deadline "
                              f"{deadline.day.isoformat()}: measure on or after the deadline, when the result is due")
    communicated = date_at(document, "celebration", "measurement", "communicated_on")
    if measured is not None and communicated is not None and communicated.day < measured.day:
        early = days((measured.day - communicated.day).days)
        yield Finding(communicated.path, f"communicates the result on {communicated.day.isoformat()}, {early} before "
                      f"it is measured on {measured.day.isoformat()}: communicate on or after the measurement day")


RULE = Rule(code="T306", name="measured-before-deadline", category=Category.TIME, severity=Severity.ERROR,
            summary=(__doc__ or "").partition("\n")[0], doc=__doc__ or "", check_document=check,
            elements=("C-WHEN", "C-TARGETS"))
