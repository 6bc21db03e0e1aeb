"""A milestone or deliverable of an agreement in force is past its due date and not recorded as delivered.

An agreement is only as good as its record: once a due date passes, the partners should see either the day the
item was delivered (``delivered_on``) or a renegotiated date. A silent overdue item is the kind of surprise that
erodes trust, because each partner may assume the other knows. This rule depends on today's date and only looks at
``active`` and ``renegotiating`` agreements.

Fires on:
    status: active
    milestones: [{id: m1, due: 2031-03-31, ...}]      # and today is after 2031-03-31

Passes:
    status: active
    milestones: [{id: m1, due: 2031-03-31, delivered_on: 2031-03-28, ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import IN_FORCE
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._dates import days, due_items, status
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    today = context.today
    if today is None or status(document) not in IN_FORCE:
        return
    for due, item in due_items(document):
        if due.day < today and not item.delivered:
            overdue = days((today - due.day).days)
            yield AtPath(due.path, f"was due {due.day.isoformat()}, {overdue} ago, and records no delivered_on: "
                         "record the day it was delivered, or agree a new date with the partners")


RULE = DocumentRule(code="T307", name="milestone-overdue", category=Category.TIME, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("W-MILESTONES", "W-WHAT"), clock=True)
