"""A party is not willing to be in the room to make the agreement.

Terms agreed through go-betweens, or sent for signature, leave each side with its own reading of them, and the first
disagreement turns into a dispute about what was meant. The partners should sit down together, hear each other's
hopes and reservations, and settle the terms face to face or on a call. Drafts are not checked: the template starts
at false.

Fires on:
    status: proposed
    parties: [{id: omar, in_room: false, ...}]

Passes:
    status: proposed
    parties: [{id: omar, in_room: true, ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import parties_saying_no
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for path in parties_saying_no(document, "in_room"):
        yield AtPath(path, "is false: terms that the partners do not settle together are read differently by each "
                     "side; meet and agree them together before moving on")


RULE = DocumentRule(code="P703", name="not-in-room", category=Category.PRECONDITIONS, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("P-INROOM",))
