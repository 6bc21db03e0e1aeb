"""A placeholder was left where a value belongs.

"TBD", "to be agreed", "XX%", "[owner]", "<date>", "???", "TODO" or a lone "X" or "Y" ("deliver X by Y") mark a
decision nobody has made yet. An agreement that still holds one cannot be consented to as written: the partners
would each sign a different promise. Fill in the value, or take the statement out until it is decided. A letter that
labels something ("Generation X", "product Y", "the X axis", "X-ray") is no placeholder.

Fires on:
    Increase qualified leads by XX% by TBD.
    [owner] will send the vendor shortlist by <date>.
    Budget: N/A.
    Deliver X by Y.
    Deliver the plan in a format to be agreed.

Passes:
    Increase qualified leads from 120 to 150 per month by 2027-06-30.
    Maria Chen will send the vendor shortlist by 2027-02-15.
    Rename the `TODO_export` job to `ledger_export` by 2027-03-01.
    Ship the X-ray viewer for product Y by 2027-03-01.
    Deliver the plan in a format to be agreed by Li Wei by 2027-02-01.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan, text_before
from agreed.text.names import in_name
from agreed.text.patterns import Regex, TermPattern, any_word
from agreed.text.vocabulary import LEFT_TO_AGREE, PLACEHOLDER, may_hold_placeholder

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

_PATTERN = TermPattern.raw(PLACEHOLDER, case_sensitive=True, needs=may_hold_placeholder)
_LETTER = TermPattern.raw(
    r"(?<![\w\-.'\u2019/&])[XYZ](?![\w\-'\u2019/&]|\.\w)",
    case_sensitive=True,
    needs=any_word("x", "y", "z"),
    label="letter",
)
"""A capital X, Y or Z on its own: a value not filled in ("deliver X by Y"), unless it labels something."""
_BLANK = TermPattern.raw(
    r"(?<![\w\-])(?:(?:19|20)(?:\d[X]|XX)|\d{1,2}[/.]XX[/.](?:XX){1,2})(?![\w\-])|(?<!\w)_{3,}(?!\w)",
    case_sensitive=True,
    needs=lambda text: "X" in text or "___" in text,
    label="blank",
)
"""A year or a date not filled in ("Q3 20XX", "202X", "31/XX/2027") and a blank line to write on ("Owner: ____")."""
_LABELLED = frozenset({
    "a", "an", "the", "product", "products", "model", "type", "option", "plan", "phase", "version", "generation",
    "gen", "project", "team", "site", "building", "block", "zone", "ward", "tier", "grade", "class", "series",
    "vitamin", "factor", "axis", "column", "row", "chromosome", "brand", "company", "party", "customer", "client",
    "supplier", "vendor", "region", "area", "line", "level", "stage", "wave", "cohort", "group", "step", "item",
    "figure", "table", "appendix", "annex", "schedule", "exhibit", "section", "form", "route", "gate", "room",
    "floor", "wing", "unit", "format", "variant", "scenario", "case", "lot", "batch", "release", "sprint", "program",
    "programme", "system", "app", "service", "plant", "shift", "pattern", "lane", "dock", "platform", "terminal",
    "hall", "bay", "size", "channel", "account", "entity", "partner", "country", "store", "branch", "office",
    "division", "department", "box", "car", "pack", "kit", "category", "label", "window", "windows", "pillar",
})  # fmt: skip
"""Words after which a capital letter names something: "product Y", "Generation X", "the X axis"."""
_UNSETTLED = TermPattern.raw(
    rf"""(?<![\w\-])to\s+be\s+(?:{LEFT_TO_AGREE})
    (?:\s+(?:upon|on|later|at\s+a\s+later\s+(?:date|stage|point)|in\s+due\s+course|separately))?(?![\w\-])
    (?!\s+(?:by|with|between|in|at|on|before|no\s+later|within)\b)""",
    needs=any_word("agreed", "settled", "worked", "finalised", "finalized", "clarified", "negotiated"),
    label="unsettled",
)
"""A value left to a later agreement ("in a format to be agreed", "a date to be settled later"): "TBD" in words,
unless it says who settles it or where and when ("to be agreed by Li by 2027-02-01", "to be agreed in the kickoff
on 2027-01-10"), a commitment to settle it."""
_DATE_FORMAT = Regex(r"(?:dd|mm|yy)", re.IGNORECASE)
_FORMAT_AFTER = Regex(r"\s+(?:form|format|notation|style|pattern)\b", re.IGNORECASE)
_FORMAT_BEFORE = Regex(r"\b(?:format(?:ted)?|pattern|notation)\s+(?:of\s+|as\s+|is\s+)?$", re.IGNORECASE)
_NOUN_ENDING = Regex(r"(?:tion|sion|ment|ity|ness|ship|ware|s)$")


def _keep(hit: Hit) -> bool:
    if in_name(hit):
        return False  # "Windows X", "Project N"
    if _DATE_FORMAT.match(hit.term) and (_FORMAT_AFTER.match(hit.masked, hit.end) or _FORMAT_BEFORE.search(hit.before)):
        return False  # "a date in YYYY-MM-DD form" describes a format, it is not one left unfilled
    if hit.term not in ("X", "Y", "Z", "N") and not hit.term.startswith(("X ", "N ")):
        return True
    previous = text_before(hit.masked, hit.start, 1)
    if previous in _LABELLED:
        return False
    written = hit.before.rstrip().rsplit(None, 1)[-1:] or [""]
    return not (written[0][:1].isupper() and _NOUN_ENDING.search(previous))  # "Generation X", not "Deliver X"


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, _PATTERN, _UNSETTLED, _LETTER, _BLANK, keep=_keep):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" is a placeholder: replace it with the agreed value')


RULE = TextRule(
    code="V108",
    name="placeholder",
    category=Category.VAGUENESS,
    severity=Severity.ERROR,
    doc=__doc__ or "",
    check=check,
)
