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

from agreed.document import Document
from agreed.lint.commitments import has_number, items, owned_items
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import is_draft, text_entries
from agreed.problem import Severity

# (list, field naming one party) where a party contributes or receives
_ROLE_FIELDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("results", "buy_in"), "party"),
    (("results", "information"), "from"),
    (("celebration", "handoffs"), "from"),
    (("results", "milestones"), "to"),
    (("celebration", "handoffs"), "to"),
)
# (list of items, field holding a list of receivers)
_RECEIVER_LISTS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("results", "deliverables"), "for"),
    (("results", "information"), "to"),
)


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    if is_draft(document):
        return
    named = _named_parties(document)
    for path, party in items(document, "parties"):
        party_id = party.get("id")
        if isinstance(party_id, str) and party_id not in named:
            yield AtPath((*path, "id"), f"party {party_id!r} owns, does and receives nothing in this agreement: "
                         "give it a deliverable, milestone or area to own, or say what it receives (for_whom, a "
                         "deliverable's `for`, credit), or leave it out")


def _named_parties(document: Document) -> set[str]:
    """Every value that names someone as contributing to, or receiving from, the agreement."""
    named: set[str] = set()
    named.update(item["owner"] for _, item in owned_items(document) if isinstance(item.get("owner"), str))
    for kind in ("for_whom", "by_whom"):
        named.update(entry for _, entry in text_entries(document, "results", kind))
    for section, field in _ROLE_FIELDS:
        named.update(item[field] for _, item in items(document, *section) if isinstance(item.get(field), str))
    for section, field in _RECEIVER_LISTS:
        for path, _ in items(document, *section):
            named.update(entry for _, entry in text_entries(document, *path, field))
    announcer = document.value_at(("celebration", "announcer"))
    if isinstance(announcer, str):
        named.add(announcer)
    for _, credit in items(document, "celebration", "credit"):
        if isinstance(credit.get("party"), str) and has_number(credit, "share") and credit["share"] > 0:
            named.add(credit["party"])
    return named


RULE = DocumentRule(code="P704", name="idle-party", category=Category.PRECONDITIONS, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("P-CONSIDERATION", "P-INTERDEPENDENT"))
