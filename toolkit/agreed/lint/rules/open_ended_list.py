"""An open-ended list leaves the set of things promised unbounded.

"Etc.", "and so on", "including but not limited to" or a trailing "..." turn a list of deliverables into an open
set, and "such as" or "e.g." only give examples of it: nobody can tell when every item has been delivered. List
every item, or give the rule that decides what belongs to the set.

Fires on:
    Migrate the CRM, the billing system, etc. by 2027-03-31.
    Share all incident data, including but not limited to logs and timelines.
    Build dashboards for key metrics such as churn and NPS.

Passes:
    Migrate the CRM, the billing system and the data warehouse by 2027-03-31.
    Share the incident log and the timeline of each Sev-1 incident within 2 business days.
    Report the two metrics, namely churn and NPS, every Monday.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan
from agreed.text.patterns import TermPattern

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

TERMS = (
    "etc.", "etc", "etcetera", "et cetera", "and so on", "and so forth", "and the like", "or the like", "or similar",
    "and similar", "and such", "and whatnot", "including but not limited to", "including without limitation",
    "including, but not limited to", "but not limited to", "among others", "amongst others", "among other things",
    "amongst other things", "and anything else", "and whatever else", "and everything else", "such as", "e.g.", "e.g",
    "eg.", "for example", "for instance", "and other", "or other", "and others", "or others",
)  # fmt: skip
_AT_CLAUSE_END = r"(?=\s*(?:[.,;:!?)\]]|$))"

_LIST_WORDS = TermPattern.of(TERMS)
_AND_MORE = TermPattern.of(("and more", "and much more", "and many more", "and lots more"), after=_AT_CLAUSE_END)
_ELLIPSIS = TermPattern.raw(r"(?<=[\w)\]])\s?(?P<term>\.\.\.|…)(?!\w)")


def _keep(hit: Hit) -> bool:
    if hit.term.lower() in ("and other", "or other"):
        return re.match(r"\s*(?:than|hand|way)\b", hit.masked[hit.end :], re.IGNORECASE) is None
    if hit.term in ("...", "\u2026"):
        return "," in hit.before or re.match(r"\s*(?:[.;:)\]]|$)", hit.masked[hit.end :]) is not None
    return True


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, _LIST_WORDS, _AND_MORE, _ELLIPSIS, keep=_keep):
        yield TextSpan(
            hit.start,
            hit.end,
            f'"{hit.term}" leaves the list open: name every item, or the rule that decides what belongs to it',
        )


RULE = TextRule(
    code="V104",
    name="open-ended-list",
    category=Category.VAGUENESS,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
