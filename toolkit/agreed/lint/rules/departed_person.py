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

from agreed.agreement import FINAL_STATUSES, agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    agreement = agreement_of(document)
    if context.people is None or agreement.status in FINAL_STATUSES:
        return
    for party in agreement.parties:
        person = context.people.people.get(party.id) if party.id is not None else None
        if person is not None and person.gone:
            note = f" ({person.note})" if person.note else ""
            yield AtPath((*party.path, "id"), f"{person.name} has left{note}: agree a successor with the other "
                         "parties and renegotiate, or end the agreement")


RULE = DocumentRule(code="K903", name="departed-person", category=Category.CROSS_FILE, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("K-PARTIES", "K-STATUS"))
