"""An owner is not one of the agreement's parties.

Only a party has agreed to the terms, so only a party can be held to them. An owner who is not listed under
``parties`` has made no commitment here: add them as a party (so they consent) or give the item to a party.

Fires on:
    parties: [{id: maria, ...}, {id: li, ...}]
    deliverables: [{id: d1, owner: sam, ...}]

Passes:
    deliverables: [{id: d1, owner: maria, ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.commitments import owned_items, party_ids
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._answers import not_a_party_hint
from agreed.problem import Severity
from agreed.text.values import OwnerKind, classify_owner


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    parties = party_ids(document)
    for item in owned_items(document):
        owner = item.owner
        if owner is None or classify_owner(owner) is not OwnerKind.SINGLE or owner in parties:
            continue
        yield AtPath((*item.path, "owner"), f"owner {owner!r} is not a party of this agreement"
                     f"{not_a_party_hint(owner, parties)}")


RULE = DocumentRule(code="A204", name="owner-not-party", category=Category.ACCOUNTABILITY, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("F-ACCOUNT", "W-WHAT", "W-MILESTONES"))
