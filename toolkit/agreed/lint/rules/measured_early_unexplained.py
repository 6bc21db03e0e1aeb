"""A target's result was measured before its planned day, and no note says why.

Each target is measured on a day the partners agreed (its own ``measured_on``, else the celebration's
``measurement.on``), so that the result is judged when it is due. A ``measured`` result taken earlier may be an
interim reading rather than the verdict, and a reader cannot tell which: say in the measurement's ``note`` why it
was taken early and whether the figure is final (or correct the day).

Fires on:
    celebration:
      targets:
        - id: ttv
          measured_on: 2032-07-15
          measured: {value: 28, on: 2032-07-01, by: li, source: CRM onboarding report}

Passes:
    celebration:
      targets:
        - id: ttv
          measured_on: 2032-07-15
          measured: {value: 28, on: 2032-07-15, by: li, source: CRM onboarding report}
        - id: csat
          measured_on: 2032-07-15
          measured: {value: 91, on: 2032-07-10, by: li, source: Survey export, note: Survey closed early.}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import Measured, Target, agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._dates import Dated, date_at, day_at, days
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    agreement = agreement_of(document)
    planned_for_all = date_at(document, "celebration", "measurement", "on")
    for target in agreement.targets:
        measured = target.measured
        if measured is None or _has_note(measured):
            continue
        planned = _planned_day(document, target) or planned_for_all
        taken = day_at(document, (*measured.path, "on"))
        if planned is not None and taken is not None and taken.day < planned.day:
            early = days((planned.day - taken.day).days)
            yield AtPath(taken.path, f"measured on {taken.shown}, {early} before the planned day "
                         f"{planned.shown} ({_named(planned)}): add a `note` saying why it was measured early and "
                         "whether the value is final, or correct the day")


def _has_note(measured: Measured) -> bool:
    return measured.note is not None and bool(measured.note.strip())


def _planned_day(document: Document, target: Target) -> Dated | None:
    return day_at(document, (*target.path, "measured_on"))


def _named(planned: Dated) -> str:
    """Where the planned day is written, as a reader finds it in the file."""
    return "the target's measured_on" if planned.path[-1] == "measured_on" else "celebration.measurement.on"


RULE = DocumentRule(code="C506", name="measured-early-unexplained", category=Category.CELEBRATION,
                    severity=Severity.WARNING, doc=__doc__ or "", check=check,
                    elements=("C-WHEN", "C-TARGETS"))
