"""A party's name, email or handle differs from the people roster.

Consent is verified against identities (an email on a commit, a handle on a review). If an agreement carries an
old email or a different handle than the roster, consent checks look at the wrong person. Keep the party's
identities equal to the roster's; values the roster does not hold are not compared.

Fires on (roster: {id: maria, email: maria.chen@example.com}):
    parties: [{id: maria, name: Maria Chen, email: m.chen@old.example.com}]

Passes:
    parties: [{id: maria, name: Maria Chen, email: maria.chen@example.com}]
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    if context.people is None:
        return
    for party in agreement_of(document).parties:
        person = context.people.people.get(party.id) if party.id is not None else None
        if person is None:
            continue
        for field, ours, theirs in (("name", party.name, person.name), ("email", party.email, person.email),
                                    ("handle", party.handle, person.handle)):
            if ours is not None and theirs is not None and _normal(field, ours) != _normal(field, theirs):
                yield AtPath((*party.path, field), f"{ours!r} differs from the people roster's {theirs!r}: "
                             "use the roster's value (or update the roster if it is out of date)")


def _normal(field: str, value: str) -> str:
    folded = " ".join(value.split())
    return folded.lower().lstrip("@") if field in ("email", "handle") else folded


RULE = DocumentRule(code="K904", name="identity-mismatch", category=Category.CROSS_FILE, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("K-PARTIES",))
