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

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from agreed.document import Document
from agreed.lint.commitments import items
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import is_draft
from agreed.problem import Severity

# (field, what it is called in messages, its comparable form): emails and handles compare without case, handles
# without their "@", and keys by their type and body (not their comment).
_IDENTITIES: tuple[tuple[str, str, Callable[[str], str]], ...] = (
    ("email", "email", lambda email: email.strip().casefold()),
    ("handle", "handle", lambda handle: handle.strip().lstrip("@").casefold()),
    ("keys", "signing key", lambda key: " ".join(key.split()[:2])),
)


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    draft = is_draft(document)
    first_owner: dict[tuple[str, str], str] = {}
    for path, party in items(document, "parties"):
        party_id = party.get("id")
        name = f"party {party_id!r}" if isinstance(party_id, str) else f"the party at entry {path[-1]}"
        identified = False
        for field, label, comparable in _IDENTITIES:
            for value_path, value in _values(party, field):
                identified = True
                key = (field, comparable(value))
                owner = first_owner.setdefault(key, name)
                if owner != name:
                    yield AtPath((*path, *value_path), f"{label} {value!r} also identifies {owner}: give "
                                 "each party an identity of its own, or consent by one counts for both")
        if not identified and not draft:
            yield AtPath(path, "has neither an email, a handle nor a signing key: consent cannot be checked against "
                         "who gave it; add the party's work email or code-host handle")


def _values(party: Mapping[str, Any], field: str) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """The non-blank text values of ``field`` (a list for keys), with their paths inside the party."""
    value = party.get(field)
    entries = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    for index, entry in entries:
        if isinstance(entry, str) and entry.strip():
            yield ((field,) if index is None else (field, index)), entry


RULE = DocumentRule(code="S102", name="party-unidentifiable", category=Category.STRUCTURE, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("K-PARTIES",))
