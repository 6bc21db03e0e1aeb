"""A party neither does nor receives anything in the agreement.

Every party should be needed: it owns or does part of the work, and it gets something out of the result. A party
that appears nowhere else in the agreement is a signature without a stake: it owns no deliverable, milestone or
area, is not among the people doing the work, shows no buy-in, shares no information, hands nothing over and
announces nothing; and it receives no deliverable, milestone, information, hand-off or credit, and is not whom the
work is for. Give it its part, or leave it out. Drafts are not checked while the parts are still being handed out.

Fires on:
    status: proposed
    parties: [{id: maria, ...}, {id: daniel, ...}, {id: sam, ...}]
    # sam is named nowhere else

Passes:
    status: proposed
    parties: [{id: maria, ...}, {id: daniel, ...}, {id: sam, ...}]
    credit: [{party: sam, share: 10, how: ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import Agreement, agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    agreement = agreement_of(document)
    if agreement.is_draft:
        return
    named = _named_parties(agreement)
    for party in agreement.parties:
        party_id = party.id
        if party_id is not None and party_id not in named:
            yield AtPath((*party.path, "id"), f"party {party_id!r} owns, does and receives nothing in this agreement: "
                         "give it a deliverable, milestone or area to own, or say what it receives (for_whom, a "
                         "deliverable's `for`, credit), or leave it out")


def _named_parties(agreement: Agreement) -> set[str]:
    """Every value that names someone as contributing to, or receiving from, the agreement."""
    named: set[str | None] = set()
    for owned in (agreement.deliverables, agreement.milestones, agreement.accountability):
        named.update(item.owner for item in owned)
    named.update(milestone.recipient for milestone in agreement.milestones)
    named.update(entry.text for deliverable in agreement.deliverables for entry in deliverable.recipients)
    results, celebration = agreement.results, agreement.celebration
    if results is not None:
        named.update(entry.text for entry in (*results.for_whom, *results.by_whom))
        named.update(buy_in.party for buy_in in results.buy_in)
        named.update(information.source for information in results.information)
        named.update(entry.text for information in results.information for entry in information.recipients)
    if celebration is not None:
        named.update(name for handoff in celebration.handoffs for name in (handoff.giver, handoff.receiver))
        named.add(celebration.announcer)
        named.update(credit.party for credit in celebration.credit if credit.share is not None and credit.share > 0)
    return {name for name in named if name is not None}


RULE = DocumentRule(code="P704", name="idle-party", category=Category.PRECONDITIONS, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("P-CONSIDERATION", "P-INTERDEPENDENT"))
