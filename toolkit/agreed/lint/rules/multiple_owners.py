"""A commitment names more than one accountable owner ("maria and li", "maria/li").

Shared ownership of one commitment blurs who answers when it slips. Split it into one commitment per owner, or
choose one owner and list the others under ``by_whom``.

Fires on:
    owner: maria and li
    owner: maria/li
    owner: [maria, li]

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

_ADVICE = "choose the one party accountable for it, or split the commitment"


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for item in owned_items(document):
        owner = item.owner_written
        if owner is None:
            continue
        if owner.length is not None and owner.length > 1:
            yield AtPath(owner.path, f"names {owner.length} owners: {_ADVICE}")
        elif owner.text is not None and classify_owner(owner.text) is OwnerKind.MULTIPLE:
            yield AtPath(owner.path, f"owner {owner.text!r} names several parties: {_ADVICE}")


RULE = DocumentRule(code="A203", name="multiple-owners", category=Category.ACCOUNTABILITY, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("F-ACCOUNT", "W-WHAT", "W-MILESTONES"))
