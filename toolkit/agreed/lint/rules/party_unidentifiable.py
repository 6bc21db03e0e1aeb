"""A party cannot be told apart by an identity that consent can be checked against.

Consent is checked against who gave it: the address a commit was made with, the code-host user who approved a
review, or the key that signed. A party with no email, no handle and no signing key can consent only on trust, and
two parties that share an email, handle or key cannot be told apart, so one person could consent for both. Give each
party its own work email or code-host handle (or signing key). A party without any identity is reported once the
agreement leaves draft; a shared identity is reported in every status.

Fires on:
    parties:
      - {id: maria, name: Maria Chen}
      - {id: li, name: Li Wei, email: maria.chen@example.com, handle: mchen}
      - {id: sam, name: Sam Ode, handle: '@MChen'}

Passes:
    parties:
      - {id: maria, name: Maria Chen, email: maria.chen@example.com, handle: mchen}
      - {id: li, name: Li Wei, handle: liwei}
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import is_draft
from agreed.problem import Severity

# (field, what it is called in messages, its comparable form): emails and handles compare without case, handles
# without their "@", and keys by their type and body (not their comment).
_IDENTITIES: dict[str | int, tuple[str, Callable[[str], str]]] = {
    "email": ("email", lambda email: email.strip().casefold()),
    "handle": ("handle", lambda handle: handle.strip().lstrip("@").casefold()),
    "keys": ("signing key", lambda key: " ".join(key.split()[:2])),
}


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    draft = is_draft(document)
    first_owner: dict[tuple[str, str], str] = {}
    for party in agreement_of(document).parties:
        name = f"party {party.id!r}" if party.id is not None else f"the party at entry {party.path[-1]}"
        for identifier in party.identifiers:
            field = identifier.path[len(party.path)]
            label, comparable = _IDENTITIES[field]
            owner = first_owner.setdefault((str(field), comparable(identifier.text)), name)
            if owner != name:
                yield AtPath(identifier.path, f"{label} {identifier.text!r} also identifies {owner}: give "
                             "each party an identity of its own, or consent by one counts for both")
        if not party.identifiers and not draft:
            yield AtPath(party.path, "has neither an email, a handle nor a signing key: consent cannot be checked "
                         "against who gave it; add the party's work email or code-host handle")


RULE = DocumentRule(code="S102", name="party-unidentifiable", category=Category.STRUCTURE, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("K-PARTIES",))
