"""A deliverable, milestone or area of responsibility names no owner.

Every commitment needs one person who is accountable for it; without an owner, each partner can reasonably
believe someone else is on it, and nobody is. The owner is a party id from ``parties``.

Fires on:
    deliverables: [{id: d1, what: Publish the onboarding checklist, due: 2031-03-01}]
    milestones: [{id: m1, what: Draft to Li, due: 2031-02-01, owner: ""}]

Passes:
    deliverables: [{id: d1, what: Publish the onboarding checklist, due: 2031-03-01, owner: maria}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.commitments import owned_items
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for item in owned_items(document):
        owner = item.owner_written
        if owner is None or (owner.text is not None and not owner.text.strip()):
            yield AtPath(item.path if owner is None else owner.path,
                         "names no owner: add 'owner:' with the id of the one party accountable for it")


RULE = DocumentRule(code="A201", name="owner-missing", category=Category.ACCOUNTABILITY, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("F-ACCOUNT", "W-WHAT", "W-MILESTONES"))
