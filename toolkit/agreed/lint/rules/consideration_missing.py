"""A party gives or receives nothing anyone could name.

An agreement holds when each party puts something real in and gets something of value out; a party that receives
nothing has no reason to keep its word when its own priorities press, and a contribution nobody can count ("our
support", "goodwill") cannot be missed, so it cannot be relied on. Say what each party contributes (people, hours,
budget, access, decisions) and what it gets in return. Goodwill is not counted: it is welcome, but no partner can
plan with it or tell when it was withheld. Empty values are left to the schema.

Fires on:
    parties:
      - {id: maria, gives: Our support, receives: Four onboarding managers at 50% of their time, ...}
      - {id: daniel, gives: Two solution engineers at 50%, receives: nothing, ...}

Passes:
    parties:
      - {id: maria, gives: Four onboarding managers at 50%, receives: Deals with a complete scope, ...}
"""

from __future__ import annotations

from collections.abc import Iterator

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint.rule import AtPath, Category, DocumentRule, LintContext
from agreed.problem import Severity
from agreed.text.values import is_non_answer

# Whole answers that name no contribution or benefit anyone could count or miss (after "our"/"their" are dropped).
_EMPTY_VALUE = frozenset(
    {
        "nothing in particular", "nothing specific", "nothing directly", "nothing much", "not much", "very little",
        "little", "no direct benefit", "no benefit", "no real benefit", "goodwill", "good will", "support", "help",
        "moral support", "best effort", "best efforts", "time", "some time", "resources", "some resources",
        "whatever is needed", "whatever it takes", "whatever we can", "the result", "the results", "the outcome",
        "success", "thanks", "gratitude", "the satisfaction", "satisfaction", "a good feeling",
    }
)  # fmt: skip
_ADVICE = {
    "gives": "say what this party puts in: people, hours, budget, access or decisions",
    "receives": "say what this party gets out of it that it values; without that its consent rests on nothing",
}


def check(document: Document, context: LintContext) -> Iterator[AtPath]:
    for party in agreement_of(document).parties:
        for field, value in (("gives", party.gives), ("receives", party.receives)):
            if value is not None and value.strip() and _says_nothing(value):
                yield AtPath((*party.path, field), f"{field} {value!r} names nothing of value: {_ADVICE[field]}")


def _says_nothing(value: str) -> bool:
    words = value.casefold().strip(" .!").split()
    if words[:1] in (["our"], ["their"], ["his"], ["her"], ["my"]):
        words = words[1:]
    return is_non_answer(value) or " ".join(words) in _EMPTY_VALUE


RULE = DocumentRule(code="P701", name="consideration-missing", category=Category.PRECONDITIONS, severity=Severity.ERROR,
                    doc=__doc__ or "", check=check,
                    elements=("P-CONSIDERATION",))
