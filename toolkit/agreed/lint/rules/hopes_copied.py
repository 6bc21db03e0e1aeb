"""Two parties state the same hopes, word for word.

What each person hopes to get from working together, beyond the business result, is personal: one wants to learn
how the other side works, another wants visibility for a promotion. When two parties carry the same sentence, one
of them copied it or it was written for both, and the partners still do not know what the other hopes for. Ask
each party to write their own.

Fires on:
    parties:
      - {id: maria, hopes: "A stronger relationship between our teams."}
      - {id: daniel, hopes: "A stronger relationship between our teams."}

Passes:
    parties:
      - {id: maria, hopes: "Learn how enterprise deals are shaped before signature."}
      - {id: daniel, hopes: "Be considered for the CRO succession plan."}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._answers import answer, normalised
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    first_party: dict[str, str] = {}
    for party in agreement_of(document).parties:
        hopes = answer(party.hopes)
        key = normalised(hopes) if hopes is not None else ""
        if not key:
            continue
        reference = party.id if party.id else f"entry {party.path[-1]}"
        if key in first_party:
            addressee = party.name.strip() if party.name is not None and party.name.strip() else reference
            yield AtPath((*party.path, "hopes"), f"repeats the hopes of {first_party[key]!r} word for word: hopes are "
                         f"personal, so ask {addressee} what they hope to get from this partnership")
        else:
            first_party[key] = reference


RULE = DocumentRule(code="R601", name="hopes-copied", category=Category.RELATIONSHIP, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("R-HOPES",))
