"""An owner is a group or a placeholder ("we", "the team", "everyone", "TBD"), not one party.

When a group owns a commitment, each member can assume another will act; a placeholder owner means the question
of who is accountable was postponed. Name the one party who answers for it; others can still do the work
(``by_whom``).

Fires on:
    owner: the team
    owner: we
    owner: TBD

Passes:
    owner: maria
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.commitments import owned_items
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity
from agreed.text.values import OwnerKind, classify_owner

_REASONS = {
    OwnerKind.COLLECTIVE: "is a group, not one accountable party",
    OwnerKind.PLACEHOLDER: "is a placeholder, not an accountable party",
}


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for item in owned_items(document):
        owner = item.owner
        if owner is None or not owner.strip():
            continue
        reason = _REASONS.get(classify_owner(owner))
        if reason is not None:
            yield AtPath((*item.path, "owner"), f"owner {owner!r} {reason}: name the one party id who answers for it")


RULE = DocumentRule(code="A202", name="collective-owner", category=Category.ACCOUNTABILITY, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("F-ACCOUNT", "W-WHAT", "W-MILESTONES"))
