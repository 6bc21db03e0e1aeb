"""A party had no real option to decline the agreement.

Consent means something only when saying no was possible. A party that had to sign, because it was told to or
because it had no alternative, has complied rather than agreed, and will keep the terms only as long as someone
enforces them. Settle what would happen if this party declined, and let it decide freely, or recognise the
arrangement as an instruction rather than an agreement. Drafts are not checked: the template starts at false.

Fires on:
    status: proposed
    parties: [{id: maria, could_decline: false, ...}]

Passes:
    status: proposed
    parties: [{id: maria, could_decline: true, ...}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import parties_saying_no
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for path in parties_saying_no(document, "could_decline"):
        yield AtPath(path, "is false: agreeing without a real option to say no is complying, not consenting; settle "
                     "what declining would mean and let this party choose before anyone signs")


RULE = DocumentRule(code="P702", name="no-real-choice", category=Category.PRECONDITIONS, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("P-REFUSAL",))
