"""A commitment uses a word your team has declared vague.

Every team has words that sound like commitments and are not: "synergy", "leverage", "best-in-class". List them
under ``vague-terms`` in the configuration (``.agreed.yaml`` or ``[tool.agreed]``) and this rule reports them in
the commitments the built-in vagueness rules read, in any of their forms: "synergy" is also found as "synergies",
"leverage" as "leveraged" and "leveraging". A term inside a proper name ("Synergy Health Ltd") is not reported,
and a built-in vagueness rule does not report the same words again ("Find synergies" is reported here only).
With no terms configured it reports nothing. Words that are precise in your team go under ``allowed-terms``
instead.

Options:
    terms: the vague words and phrases (also set by the top-level ``vague-terms`` setting)

The examples assume ``vague-terms: [synergy]``.

Fires on:
    Realise synergy between the sales and support queues.
    Find synergies between the two queues.

Passes:
    Route 100% of renewal tickets to one shared queue by 2031-03-01.
    Synergy Health Ltd sends the renewal export to Finance by 2031-03-01.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Sequence
from typing import Any

from agreed.lint.rule import Category, OptionValues, TextContext, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan
from agreed.text.names import in_name
from agreed.text.patterns import TermPattern
from agreed.text.term_forms import term_forms

OPTIONS_SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "terms": {"type": "array", "items": {"type": "string", "pattern": r"^\s*[^\W_]",
                                       "description": "A word or phrase that starts with a letter or digit."},
                  "default": []},
    },
}


def check(text: str, context: TextContext, *, pattern: TermPattern | None = None) -> Iterator[TextSpan]:
    if pattern is None:
        return
    for hit in scan(text, pattern, keep=_outside_names):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" is on your team\'s list of vague terms: say what exactly '
                       "will be delivered, in numbers or a checkable criterion")


def _outside_names(hit: Hit) -> bool:
    return not in_name(hit)  # "synergy" is declared vague, "Synergy Health Ltd" is a supplier


def configure(options: OptionValues) -> TextRule:
    terms: Sequence[str] = options.get("terms", [])
    pattern = TermPattern.of(form for term in terms for form in term_forms(term)) if terms else None
    return dataclasses.replace(RULE, check=functools.partial(check, pattern=pattern))


RULE = TextRule(code="V110", name="custom-vague-term", category=Category.VAGUENESS, severity=Severity.WARNING,
                doc=__doc__ or "", check=check, options_schema=OPTIONS_SCHEMA, configure=configure)
