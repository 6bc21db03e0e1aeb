"""A party says it could succeed without the others, or does not say why it needs them.

An alliance holds when each partner knows it cannot get its result alone; a party that could manage on its own
will drift back to doing so as soon as the partnership costs it something. ``needs_partner`` should say what this
party cannot do without the others. An answer that says nothing ("TBD", "n/a"), or one that says the others are
not needed ("No.", "Not really", "We could do it alone", "nice to have"), means the precondition is not met:
rethink who has to be in this agreement, or what each party brings. Empty values are left to the schema.

Fires on:
    parties:
      - {id: maria, needs_partner: Not really, we could do it on our own with more time, ...}
      - {id: daniel, needs_partner: TBD, ...}

Passes:
    parties:
      - {id: maria, needs_partner: Customer Success cannot cut onboarding time alone; Sales decides the scope, ...}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._references import dodged
from agreed.problem import Severity
from agreed.text.patterns import Regex

_ALONE = (
    r"alone|by\s+(?:ourselves|myself|himself|herself|themselves|itself)|on\s+(?:our|my|his|her|their|its)\s+own"
    r"|without\s+(?:them|him|her|you|(?:the\s+)?other\s+part(?:y|ies)|the\s+others?|(?:the\s+|a\s+)?partners?)"
)
_INDEPENDENT = Regex(
    rf"""
      ^(?:no|nope|not\s+really|not\s+strictly|not\s+necessarily|not\s+at\s+all|hardly)\s*(?:[.,;:!\u2013\u2014-]|$)
    | \b(?:could|can|would|will|might)\s+(?!not\b|never\b|hardly\b|barely\b|only\b)(?:\w+\s+){{0,5}}?(?:{_ALONE})\b
    | \bnice\s+to\s+have\b
    | (?:\bnot|n't)\s+(?:strictly|really|absolutely)\s+(?:essential|necessary|needed|required)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_NEGATED = Regex(r"\b(?:no|not|nor|never|neither|none|nobody|nothing)\b|\bno\s+one\b", re.IGNORECASE)
"""A negation shortly before "could ... alone" turns it round: "neither of us could do it alone"."""


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for party in agreement_of(document).parties:
        answer, path = party.needs_partner, party.path
        if dodged(answer):
            yield AtPath((*path, "needs_partner"), f"{answer!r} does not say why this party needs the others: say "
                         "what it cannot achieve without them")
        elif answer is not None and (said := _independence(answer.strip())) is not None:
            yield AtPath((*path, "needs_partner"), f"says the others are not needed ({said!r}): an alliance holds "
                         "only while each party needs the others; say what this party cannot achieve without them, "
                         "or reconsider whether it belongs in this agreement")


def _independence(answer: str) -> str | None:
    """The words of ``answer`` that say its party does not need the others, if any."""
    for match in _INDEPENDENT.finditer(answer):
        before = " ".join(answer[: match.start()].split()[-4:])
        if not _NEGATED.search(before):
            return match.group().strip(" .,;:!\u2013\u2014-")
    return None


RULE = DocumentRule(code="P705", name="needs-no-partner", category=Category.PRECONDITIONS, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("P-INTERDEPENDENT",))
