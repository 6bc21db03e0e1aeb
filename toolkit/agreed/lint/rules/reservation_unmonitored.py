"""A reservation's monitoring says neither who watches it nor when.

Naming a reservation out loud is half of its value; the other half is that someone keeps an eye on it. Monitoring
that names no party and no rhythm ("we keep an eye on it", "to be watched closely") is a wish: nobody will look
until the concern has already come true. Say which party watches, or how often and at which occasion it is checked.

Fires on:
    reservations: [{id: r1, concern: Quota pressure at quarter close, monitoring: We keep a close eye on it.}]

Passes:
    reservations: [{id: r1, concern: Quota pressure at quarter close, monitoring: Daniel reviews it.}]
    reservations: [{id: r1, concern: Quota pressure at quarter close, monitoring: Reviewed at each check-in.}]
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._answers import answer, mentioned_parties, party_names
from agreed.problem import Severity
from agreed.text.measures import has_number
from agreed.text.patterns import Regex

# Months and weekdays are spelt out: "may", "sat" and "sun" are words too.
_WHEN = Regex(
    r"""(?<![\w-])(?:hourly|daily|weekly|fortnightly|biweekly|monthly|quarterly|yearly|annually|every|each|per
    |a\s+(?:day|week|fortnight|month|quarter|year)|check-?ins?|stand-?ups?
    |(?:mon|tues|wednes|thurs|fri|satur|sun)days?
    |january|february|march|april|june|july|august|september|october|november|december)(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    names = party_names(document)
    relationship = agreement_of(document).relationship
    for reservation in relationship.reservations if relationship is not None else ():
        monitoring = answer(reservation.monitoring)
        if monitoring is None or mentioned_parties(monitoring, names) or _says_when(monitoring):
            continue
        yield AtPath((*reservation.path, "monitoring"), "says neither who watches this concern nor when: name the "
                     "party who monitors it and how often (e.g. 'Daniel reviews it at every check-in')")


def _says_when(text: str) -> bool:
    return has_number(text) or _WHEN.search(text) is not None


RULE = DocumentRule(code="R602", name="reservation-unmonitored", category=Category.RELATIONSHIP,
                    severity=Severity.WARNING, doc=__doc__ or "", check=check,
                    elements=("R-RESERVATIONS",))
