"""A hedge turns a commitment into an intention.

"Should", "may", "try to", "aim to" or "ideally" tell the partner what someone hopes will happen, not what they
will do: when it does not happen, nothing was broken. Use "will" (or a bare imperative) and commit, or say plainly
that the item is optional. "May" that grants a right ("the Client may terminate with 30 days' notice") is not a
hedge.

Fires on:
    Ops should publish a summary after each incident.
    We will try to share the forecast by 2027-03-01.
    Ideally, Li may send a draft every Friday.

Passes:
    Ops will publish a summary within 2 business days of each Sev-1 incident.
    Either partner may end the agreement with 30 days' written notice.
    Li will send the draft on 15 May 2027.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan, text_after, text_before
from agreed.text.patterns import Regex, TermPattern
from agreed.text.vocabulary import verb_forms

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

TERMS = (
    "should", "may", "might", "could", "ideally", "hopefully", "potentially", "possibly", "perhaps", "where we can",
    "if we can", "when we can", "where they can", "if they can", "where I can", "if I can", "do our best",
    "do my best", "do their best", "do his best", "do her best", "do its best", "aim for", "aims for", "aiming for",
    "would like to", "wish to", "wishes to",
    *verb_forms(
        "try to", "attempt to", "aim to", "strive to", "hope to", "intend to", "plan to", "expect to",
        "endeavour to", "endeavor to", "seek to",
    ),
)  # fmt: skip
_PATTERN = TermPattern.of(TERMS)
_RIGHT = Regex(
    r"(?:also\s+|at\s+any\s+time\s+|instead\s+)?(?:not|terminate|end|cancel|withdraw|request|ask|audit|inspect|decline"
    r"|refuse|reject|opt|choose|elect|renegotiate|reopen|veto|appoint|nominate|delegate|access|attend|invite|call"
    r"|escalate|extend|suspend|pause|substitute|contact|exercise|invoice|charge|claim|object|appeal|propose"
    r"|raise|bring|use|require|rely|recover|retain|keep|withhold)\b"
)
_DESCRIBES_RISK = Regex(
    r"(?:that|which|what|who|anything|something|nothing|there|if|whether|whatever|whoever|when|how|so|as|than"
    r"|issues|risks|problems|changes|events|delays|anyone|everything)$"
)
_MONTH_CONTEXT = Regex(r"(?:in|by|of|from|until|till|since|before|after|during|early|mid|late|end|\d+\w*)$")
_NOUN_BEFORE = Regex(r"(?:a|an|the|our|their|its|this|that)$")


def _keep(hit: Hit) -> bool:
    word = hit.term.lower()
    before = text_before(hit.masked, hit.start, 1)
    after = text_after(hit.masked, hit.end, 3)
    if word == "may" and (_is_month(hit, before, after) or _RIGHT.match(after)):
        return False  # "in May 2027"; "the Client may terminate": a right, not a hedge
    if word in ("may", "might", "could", "should") and _DESCRIBES_RISK.search(before):
        return False  # "anything that could delay the launch", "if the launch should slip"
    if word == "could" and after.startswith("not "):
        return False  # "Priya could not attend" reports a fact
    if hit.term == "Should" and not before and not re.match(r"(?:we|i|you|they|he|she)\b", after):
        return False  # "Should the launch slip, ..." is a condition
    return not (word.startswith(("plan", "aim")) and _NOUN_BEFORE.search(before))  # "a plan to migrate" is a noun


def _is_month(hit: Hit, before: str, after: str) -> bool:
    starts_sentence = not before
    return bool((hit.term == "May" and not starts_sentence) or re.match(r"\d", after) or _MONTH_CONTEXT.search(before))


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, _PATTERN, keep=_keep):
        yield TextSpan(
            hit.start,
            hit.end,
            f'"{hit.term}" is a weak commitment: say "will" and commit, or mark the item as optional',
        )


RULE = TextRule(
    code="V109",
    name="weak-commitment",
    category=Category.WEAK_VERB,
    severity=Severity.INFO,
    doc=__doc__ or "",
    check=check,
)
