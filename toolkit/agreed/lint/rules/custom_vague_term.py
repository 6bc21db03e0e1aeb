"""A commitment uses a word your team has declared vague.

Every team has words that sound like commitments and are not: "synergy", "leverage", "best-in-class". List them
under ``vague-terms`` in the configuration (``.agreed.yaml`` or ``[tool.agreed]``) and this rule reports them in
every deliverable, milestone, target, measure and hand-off, like the built-in vagueness rules. With no terms
configured it reports nothing. Words that are precise in your team go under ``allowed-terms`` instead.

Options:
    terms: the vague words and phrases (also set by the top-level ``vague-terms`` setting)

The examples assume ``vague-terms: [synergy]``.

Fires on:
    Realise synergy between the sales and support queues.

Passes:
    Route 100% of renewal tickets to one shared queue by 2031-03-01.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator, Sequence
from typing import Any

from agreed.lint.rule import Category, OptionValues, TextContext, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import scan
from agreed.text.patterns import TermPattern

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
    for hit in scan(text, pattern):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" is on your team\'s list of vague terms: say what exactly '
                       "will be delivered, in numbers or a checkable criterion")


def configure(options: OptionValues) -> TextRule:
    terms: Sequence[str] = options.get("terms", [])
    pattern = TermPattern.of(term.strip() for term in terms) if terms else None
    return dataclasses.replace(RULE, check=functools.partial(check, pattern=pattern))


RULE = TextRule(code="V110", name="custom-vague-term", category=Category.VAGUENESS, severity=Severity.WARNING,
                doc=__doc__ or "", check=check,
                elements=("W-WHAT", "W-MILESTONES", "C-TARGETS", "W-MEASURES", "C-HANDOFFS"),
                options_schema=OPTIONS_SCHEMA, configure=configure)
