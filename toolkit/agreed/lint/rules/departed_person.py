"""A party of a live agreement has left, by the people roster.

A person marked ``status: gone`` in the roster can no longer keep promises. An agreement that is still being
negotiated or kept (draft, proposed, active, renegotiating) and names them as a party needs a successor and a
renegotiation. Fulfilled and ended agreements are records of the past and are left alone.

Fires on (roster: {id: sam, status: gone}):
    status: active
    parties: [{id: maria, ...}, {id: sam, ...}]

Passes:
    status: ended
    parties: [{id: maria, ...}, {id: sam, ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.commitments import items
from agreed.lint.rule import Category, DocumentRule, Finding, LintContext
from agreed.problem import Severity

FINAL_STATUSES = frozenset({"fulfilled", "ended"})


def check(document: Document, context: LintContext) -> Iterator[Finding]:
    if context.people is None or document.value_at(("status",)) in FINAL_STATUSES:
        return
    for path, party in items(document, "parties"):
        party_id = party.get("id")
        person = context.people.people.get(party_id) if isinstance(party_id, str) else None
        if person is not None and person.gone:
            note = f" ({person.note})" if person.note else ""
            yield Finding((*path, "id"), f"{person.name} has left{note}: agree a successor with the other "
                          "parties and renegotiate, or end the agreement")


RULE = DocumentRule(code="K903", name="departed-person", category=Category.CROSS_FILE, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("K-PARTIES", "K-STATUS"))
