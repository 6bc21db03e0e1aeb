"""The announcer of the result is not one of the parties.

Announcing the result is a visible share of the credit, so who does it is worth agreeing before there is anything
to announce. It must be one party: an outsider has agreed to nothing here, and "both" or "we" leaves the choice to
the day of the announcement, which is when it is hardest to make. If the partners announce together, name who
speaks and say how the other is credited under ``credit``.

Fires on:
    parties: [{id: maria, ...}, {id: daniel, ...}]
    celebration: {announcer: both}
    celebration: {announcer: cro}

Passes:
    celebration: {announcer: daniel}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.document import Document
from agreed.lint.commitments import party_ids
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._answers import not_a_party_hint
from agreed.problem import Severity
from agreed.text.values import OwnerKind, classify_owner, is_non_answer

_ANNOUNCER = ("celebration", "announcer")


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    announcer = document.value_at(_ANNOUNCER)
    parties = party_ids(document)
    if not isinstance(announcer, str) or not announcer.strip() or announcer in parties:
        return
    kind = classify_owner(announcer)
    if kind is OwnerKind.PLACEHOLDER or is_non_answer(announcer):
        yield AtPath(_ANNOUNCER, f"{announcer!r} names no announcer: agree now which one party announces the result")
    elif kind is not OwnerKind.SINGLE:
        yield AtPath(_ANNOUNCER, f"{announcer!r} is not one party: name the one party who announces the result, "
                     "and say under credit how the others are named")
    elif parties:
        yield AtPath(_ANNOUNCER, f"announcer {announcer!r} is not a party of this agreement"
                     f"{not_a_party_hint(announcer, parties)}")


RULE = DocumentRule(code="C502", name="announcer-not-party", category=Category.CELEBRATION, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("C-ANNOUNCER",))
