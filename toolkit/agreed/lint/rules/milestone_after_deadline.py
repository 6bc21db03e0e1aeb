"""A milestone or deliverable is due after the agreement's outcome deadline.

A step that lands after the outcome it leads to cannot serve it: either the milestone date or the outcome
deadline (``results.deadline``) is wrong, and the partners should settle which.

Fires on:
    results: {deadline: 2031-06-30, milestones: [{id: m1, due: 2031-07-15, ...}]}

Passes:
    results: {deadline: 2031-06-30, milestones: [{id: m1, due: 2031-05-15, ...}]}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import Deliverable, Milestone, agreement_of
from agreed.document import Document
from agreed.lint.commitments import parse_date
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    agreement = agreement_of(document)
    deadline = parse_date(agreement.results.deadline) if agreement.results is not None else None
    if deadline is None:
        return
    dated: tuple[Milestone | Deliverable, ...] = (*agreement.milestones, *agreement.deliverables)
    for item in dated:
        due = parse_date(item.due)
        if due is not None and due > deadline:
            late = (due - deadline).days
            yield AtPath((*item.path, "due"), f"is due {due.isoformat()}, {late} day{'s' if late != 1 else ''} "
                             f"after the outcome deadline {deadline.isoformat()}")


RULE = DocumentRule(code="T302", name="milestone-after-deadline", category=Category.TIME, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("W-DEADLINE", "W-MILESTONES", "W-WHAT"))
