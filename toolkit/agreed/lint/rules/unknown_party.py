"""A buy-in, credit share, hand-off or information source names someone who is not a party.

Buy-in, credit, hand-offs and shared information are promises between the parties: each names the party that makes
or receives it by its id. A name that is not a party id is either a typo, and the promise silently points nowhere,
or someone who has not agreed to anything here. Use the party's id, or add the person as a party so they consent.

Fires on:
    parties: [{id: maria, ...}, {id: daniel, ...}]
    buy_in: [{party: marai, how: ...}]
    credit: [{party: Sales, share: 50, how: ...}]

Passes:
    buy_in: [{party: maria, how: ...}]
    credit: [{party: daniel, share: 50, how: ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.commitments import items, party_ids
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import which_party
from agreed.problem import Severity

# (list, field that names a party, what only a party can do)
_REFERENCES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("results", "buy_in"), "party", "only a party can show buy-in"),
    (("results", "information"), "from", "shared information must come from a party"),
    (("celebration", "credit"), "party", "credit can only go to a party"),
    (("celebration", "handoffs"), "from", "a hand-off must come from a party"),
)


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    parties = party_ids(document)
    for section, field, why in _REFERENCES:
        for path, item in items(document, *section):
            named = item.get(field)
            if isinstance(named, str) and named.strip() and named not in parties:
                yield AtPath((*path, field), f"{why}, and {named!r} is not one: {which_party(named, parties)}")


RULE = DocumentRule(code="W404", name="unknown-party", category=Category.RESULTS, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("W-BUYIN", "W-INFO", "C-CREDIT", "C-HANDOFFS"))
