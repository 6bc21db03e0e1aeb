"""Credit shares do not add up to 100, or one party has two credit entries.

Credit is one of the few things partners divide rather than multiply, and shares that add up to 90 or 120 mean the
partners have not yet divided it: someone's share is only imagined. A party listed twice makes its share a sum
that nobody wrote down. Settle the split now, while it costs nothing; after the result it is a quarrel.

Fires on:
    credit: [{party: maria, share: 60}, {party: daniel, share: 50}]
    credit: [{party: maria, share: 50}, {party: maria, share: 50}]

Passes:
    credit: [{party: maria, share: 50}, {party: daniel, share: 50}]
    credit: [{party: maria, share: 33.33}, {party: daniel, share: 33.33}, {party: li, share: 33.34}]
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeGuard

from agreed.agreement import Credit, agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity

_CREDIT = ("celebration", "credit")
_TOLERANCE = 0.01 + 1e-9  # rounded shares such as 33.33 + 33.33 + 33.33 still count as 100


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    celebration = agreement_of(document).celebration
    yield from _repeated_parties(celebration.credit if celebration is not None else ())
    total = _total(document.value_at(_CREDIT))
    if total is not None and abs(total - 100) > _TOLERANCE:
        yield AtPath(_CREDIT, f"credit shares add up to {round(total, 2):g}, not 100: "
                     "change the shares so that together they give out all the credit, and no more")


def _total(credit: object) -> float | None:
    """The sum of the shares once every entry has a numeric share; a missing share is the schema's to report (or
    still open in a draft)."""
    if not isinstance(credit, list) or not credit:
        return None
    shares = [entry.get("share") if isinstance(entry, dict) else None for entry in credit]
    numeric = [share for share in shares if _is_number(share)]
    return sum(numeric) if len(numeric) == len(shares) else None


def _repeated_parties(credit: tuple[Credit, ...]) -> Iterator[AtPath]:
    first_entry: dict[str, int] = {}
    for item in credit:
        party, path = item.party, item.path
        if party is None:
            continue
        if party in first_entry:
            yield AtPath((*path, "party"), f"{party!r} already has a credit entry (entry {first_entry[party]}): "
                         "merge the two into one share")
        else:
            first_entry[party] = int(path[-1])


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


RULE = DocumentRule(code="C503", name="credit-not-100", category=Category.CELEBRATION, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("C-CREDIT",))
