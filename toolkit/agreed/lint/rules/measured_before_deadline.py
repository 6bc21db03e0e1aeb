"""The results are measured before the outcome deadline, or announced before they are measured.

The targets say what success means by the outcome deadline (``results.deadline``). Measuring them earlier judges
the partners on a result they still had time to reach, and announcing the result before the day it is measured
(``celebration.measurement``) means announcing a guess. Either a date is wrong or the partners have not agreed when
the result counts. The schema already requires ``celebration.measurement.on`` once an agreement leaves draft, so
this rule only compares the dates that are given.

A measurement day may be written relative to the outcome deadline (``deadline``, ``deadline + 15 days``, as the
schema allows for ``measurement.on``, ``communicated_on`` and each target's ``measured_on``): it is on or after the
deadline by construction and moves with it, so moving the deadline is one material change instead of one per
measurement date. Relative days are resolved against the deadline (by the date helper every date rule shares) to
compare the communication day with the measurement day.

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

    results: {deadline: 2032-06-30}
    celebration:
      targets: [{id: ttv, measured_on: deadline + 15 days, ...}]
      measurement: {on: deadline + 15 days, communicated_on: deadline + 22 days}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._dates import date_at, days, item_dates
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    deadline = date_at(document, "results", "deadline")
    measured = date_at(document, "celebration", "measurement", "on")
    if deadline is not None:
        for dated in (measured, *item_dates(document, "measured_on", agreement_of(document).targets)):
            if dated is not None and dated.day < deadline.day:
                early = days((deadline.day - dated.day).days)
                yield AtPath(dated.path, f"measures on {dated.shown}, {early} before the outcome deadline "
                             f"{deadline.day.isoformat()}: measure on or after the deadline, when the result is due")
    communicated = date_at(document, "celebration", "measurement", "communicated_on")
    if measured is not None and communicated is not None and communicated.day < measured.day:
        early = days((measured.day - communicated.day).days)
        yield AtPath(communicated.path, f"communicates the result on {communicated.shown}, {early} before "
                     f"it is measured on {measured.shown}: communicate on or after the measurement day")


RULE = DocumentRule(code="T306", name="measured-before-deadline", category=Category.TIME, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("C-WHEN", "C-TARGETS"))
