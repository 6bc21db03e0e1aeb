"""A party is not in the people roster.

When the repository keeps a people roster (``people:`` in the configuration), every party must be one of its
people, under the roster's id. An unknown id is usually a typo or a nickname, and it breaks what relies on
identities: consent records, history by person and cross-agreement views. Without a roster this rule is silent.

Drafts are left alone: they are still being written, and the template that ``agreed init`` writes names placeholder
parties (``party-a``, ``party-b``). From ``proposed`` on, every party must be in the roster.

Fires on (roster lists maria and li):
    status: proposed
    parties: [{id: maria, ...}, {id: lee, ...}]

Passes:
    status: proposed
    parties: [{id: maria, ...}, {id: li, ...}]

Passes (a draft, still being written):
    status: draft
    parties: [{id: party-a, ...}, {id: party-b, ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import close_party
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    agreement = agreement_of(document)
    if context.people is None or agreement.is_draft:
        return
    known = context.people.people
    for party in agreement.parties:
        party_id = party.id
        if party_id is None or party_id in known:
            continue
        close = close_party(party_id, frozenset(known), cutoff=0.75)
        hint = f" (did you mean '{close}'?)" if close is not None else ""
        yield AtPath((*party.path, "id"), f"{party_id!r} is not in the people roster {context.people.path}{hint}: "
                     "use the roster's id, or add the person there")


RULE = DocumentRule(code="K902", name="unknown-person", category=Category.CROSS_FILE, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("K-PARTIES",))
