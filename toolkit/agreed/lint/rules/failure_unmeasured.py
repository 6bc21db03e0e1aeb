"""Failure is not defined as a checkable threshold, or its accountability is not carried together.

Partners who define success in numbers but failure in words leave the hardest conversation for the day it is
needed, when each will read the words in their own favour. Failure should be as checkable as success: a number, a
date or one of the agreed targets. And because neither partner could have reached the result alone, neither
should carry a miss alone: the accountability for failure says how the partners face it together.

Fires on:
    failure: {definition: "The programme clearly underdelivers."}
    failure: {accountability: "Daniel explains the miss to the CRO."}

Passes:
    failure: {definition: "Median onboarding above 45 days on 2032-07-15."}
    failure: {accountability: "Maria and Daniel present the shortfall together, with one recovery plan."}
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.lint.rules._answers import answer, mentioned_parties, party_names
from agreed.problem import Severity
from agreed.text.measures import has_date, has_number
from agreed.text.patterns import Regex

_FAILURE = ("celebration", "failure")
_GROUP_SIZE = r"(?:two|three|four|five|six|seven|eight|nine|ten|\d+)"
_SHARED = Regex(
    rf"""(?<![\w-])(?:jointly|joint|both|together|shared|share|mutual(?:ly)?|collective(?:ly)?|we|us|our
    |all\s+of\s+us|each\s+of\s+us|(?:the|all|every|each)\s+(?:parties|partners|party|partner)
    |(?:the|all)\s+{_GROUP_SIZE})(?![\w-])""",
    re.IGNORECASE | re.VERBOSE,
)


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    definition = answer(document.value_at((*_FAILURE, "definition")))
    if definition is not None and not _is_checkable(definition, _target_ids(document)):
        yield AtPath((*_FAILURE, "definition"),
                     "names no number, date or target: define failure as a threshold anyone can check "
                     "(e.g. 'median onboarding above 45 days on 2032-07-15')")
    accountability = answer(document.value_at((*_FAILURE, "accountability")))
    if accountability is not None and _SHARED.search(accountability) is None:
        names = party_names(document)
        mentioned = mentioned_parties(accountability, names)
        if len(mentioned) < 2:
            alone = f"puts failure on {names[mentioned[0]]!r} alone" if mentioned else "does not say who carries it"
            yield AtPath((*_FAILURE, "accountability"),
                         f"{alone}: say how the partners carry a miss together "
                         "(e.g. 'both present the shortfall with one recovery plan')")


def _target_ids(document: Document) -> list[str]:
    return [target.id for target in agreement_of(document).targets if target.id]


def _is_checkable(definition: str, target_ids: list[str]) -> bool:
    return has_number(definition) or has_date(definition) or any(
        re.search(rf"(?<![\w-]){re.escape(target_id)}(?![\w-])", definition, re.IGNORECASE)
        for target_id in target_ids)


RULE = DocumentRule(code="C501", name="failure-unmeasured", category=Category.CELEBRATION, severity=Severity.WARNING,
                    doc=__doc__ or "", check=check,
                    elements=("C-FAILURE",))
