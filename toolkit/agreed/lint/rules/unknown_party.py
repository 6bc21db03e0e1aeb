"""A buy-in, credit share, hand-off, information source or measurement names someone who is not a party.

Buy-in, credit, hand-offs and shared information are promises between the parties: each names the party that makes
or receives it by its id, and a target's measured result names the party who measured it and answers for the figure.
A name that is not a party id is either a typo, and the promise silently points nowhere, or someone who has not
agreed to anything here. Use the party's id, or add the person as a party so they consent.

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

from agreed.agreement import Agreement, agreement_of
from agreed.document import Document, JsonPath
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import which_party
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    agreement = agreement_of(document)
    parties = agreement.party_ids
    for path, named, why in _references(agreement):
        if named is not None and named.strip() and named not in parties:
            yield AtPath(path, f"{why}, and {named!r} is not one: {which_party(named, parties)}")


def _references(agreement: Agreement) -> Iterator[tuple[JsonPath, str | None, str]]:
    """Each field that must name a party: its path, its text and what only a party can do."""
    results, celebration = agreement.results, agreement.celebration
    if results is not None:
        yield from (((*item.path, "party"), item.party, "only a party can show buy-in") for item in results.buy_in)
        yield from (((*item.path, "from"), item.source, "shared information must come from a party")
                    for item in results.information)
    if celebration is not None:
        yield from (((*item.path, "party"), item.party, "credit can only go to a party") for item in celebration.credit)
        yield from (((*item.path, "from"), item.giver, "a hand-off must come from a party")
                    for item in celebration.handoffs)
        yield from (((*target.measured.path, "by"), target.measured.by, "a measured result is answered for by a party")
                    for target in celebration.targets if target.measured is not None)


RULE = DocumentRule(code="W404", name="unknown-party", category=Category.RESULTS, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("W-BUYIN", "W-INFO", "C-CREDIT", "C-HANDOFFS", "C-TARGETS"))
