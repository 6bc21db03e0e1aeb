"""A comparative or change verb has no baseline and no target, so any change at all fulfils it.

"Reduce churn", "faster onboarding", "more qualified leads" or "costs will go down" promise a direction, not a
result: one more lead or a millisecond less meets the words, and partners will judge the same figure differently.
Say where the measure starts and where it must end up ("from 8% to 5%"), by how much it changes ("by 3 points"),
or the threshold it must cross ("to under 300 ms"). A comparison with an unmeasured standard ("than before", "than
competitors") is no baseline; a defined scale or count is ("more than one approver", "a higher severity on the
P1-P4 scale"). The rule is silent when the item states its numbers in its own fields, and inside proper names
("Faster Payments").

Fires on:
    Reduce churn and improve onboarding.
    Deliver faster releases than before.
    Grow the partner pipeline by Q4.
    Support costs will go down after the migration.
    Onboarding is noticeably slower and the reports are worse.
    Keep downtime to a minimum.

Passes:
    Reduce churn from 8% to 5% by 2027-12-31.
    Cut p95 checkout latency to under 300 ms.
    Raise the approval limit 20% above the FY2026 audited total.
    Require more than one approver for every payment over EUR 10,000.
    Give outages a higher severity on the P1-P4 scale than slow pages.
    Keep the retained records to the minimum required by the 2026 retention policy.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, scan, text_after, text_before
from agreed.text.measures import has_baseline, has_number
from agreed.text.names import in_name
from agreed.text.patterns import Regex, TermPattern
from agreed.text.vocabulary import NUMBER, verb_forms

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

CHANGE_VERBS = verb_forms(
    "improve", "increase", "reduce", "decrease", "enhance", "optimise", "optimize", "boost", "streamline", "maximise",
    "maximize", "minimise", "minimize", "accelerate", "strengthen", "expand", "deepen", "broaden", "widen", "tighten",
    "shorten", "lessen", "lower", "speed up", "scale up", "ramp up", "step up", "drive down", "drive up", "bring down",
    "uplift", "revamp", "overhaul", "transform", "modernise", "modernize", "rework", "revitalise", "revitalize",
    "reinvigorate",
)  # fmt: skip
TERMS = (
    *CHANGE_VERBS,
    "grow", "grows", "grew", "grown", "growing", "growth", "cut", "cuts", "cutting", "improvement", "improvements",
    "reduction", "reductions", "enhancement", "enhancements", "optimisation", "optimization", "acceleration",
    "expansion", "more", "less", "fewer", "faster", "quicker", "better", "higher", "greater", "smaller", "larger",
    "bigger", "cheaper", "shorter", "stronger", "easier", "simpler", "clearer", "tighter", "closer", "deeper", "wider",
    "broader", "richer", "smarter", "safer", "leaner", "sharper", "sooner", "slower", "longer", "worse", "weaker",
    "harder", "poorer", "narrower", "looser", "heavier", "costlier", "riskier", "thinner",
)  # fmt: skip

_INTRANSITIVE = (
    *(verb + direction for direction in (" down", " up", " downward", " upward")
      for verb in ("go", "goes", "went", "gone", "going", "trend", "trends", "trended", "trending")),
    "come down", "comes down", "came down", "coming down",
)  # fmt: skip
"""Change verbs that take no object: "costs will go down" promises a direction as much as "reduce costs" does."""
_MOVES = ("rise", "fall", "drop", "decline", "shrink", "climb")
_DEGREE = TermPattern.of(
    ("more", "less"),
    after=r"""\s+(?:(?:[a-z]+-)+[a-z]+|[a-z]+(?:able|ible|ful|ive|ous|ic|al|ent|ant|ly)|robust|secure|clear|simple
    |stable|quick|fast|easy|safe|smooth|lean|proactive|visible)(?![\w\-])(?!\s+(?:than|of)\b)""",
)
"""More or less of a quality: the span takes the quality word with it ("more robust", "less consistently")."""
_THAN_VAGUE = r"""\s+than\s+(?:before|usual|normal|now|today|ever|expected|(?:our\s+|the\s+)?competitors['\u2019]?
    |the\s+competition|our\s+peers|peers|others|last\s+year|previously|the\s+industry|the\s+current\s+\w+|the\s+old\s+\w+)(?![\w\-])"""
_LEAST = TermPattern.of(
    tuple(f"to {article} {degree}minimum" for article in ("a", "the", "an") for degree in ("", "bare ", "absolute ")
          if (article == "an") == (degree == "absolute ")),
    after=r"(?!\s+(?:of|required|permitted|allowed|set|needed|stated|defined|agreed|in|under|by|extent|degree)\b)",
)  # fmt: skip
"""A measure kept as low as it goes ("keep downtime to a minimum") is "minimise downtime" in other words: no target;
"to the minimum required by law" names one."""
_PATTERN = TermPattern.either(
    _LEAST,
    TermPattern.of(_INTRANSITIVE),
    _DEGREE,
    TermPattern.of(_MOVES, before=r"(?<![\w\-])(?:will|shall|should|must|to|would)\s+(?:\w+ly\s+)?"),
    TermPattern.of(TERMS, after=f"(?:{_THAN_VAGUE})?"),  # "faster than before" whole, else the word alone
)
_VERBS = frozenset((*CHANGE_VERBS, *_MOVES, "grow", "grows", "grew", "grown", "growing", "cut", "cuts", "cutting"))
"""Terms that are verbs: at the start of a sentence they give an order ("Reduce AWS spend"), they open no name."""
_IDIOM_BEFORE = Regex(r"(?<![\w'\u2019])(?:once|any|no|what['\u2019]s|or)$")
_IDIOM_AFTER = Regex(r"(?:or\s+less|or\s+more|of\b)")
_OBJECT_AFTER = Regex(r"(?:the|a|an|our|their|its|his|her|your|this|that|these|those|any|all|support)\b")
"""A verb of _MOVES with an object is no change of a measure: "drop the legacy report", "decline the request"."""
_NAMED_KIND = Regex(
    r"(?:plan|plans|programme|programmes|program|programs|project|projects|roadmap|backlog|register|log|proposal"
    r"|proposals|workshop|workshops|board|team|initiative|ticket|tickets|request|requests|template|form)\b"
)
"""A change noun naming the kind of a thing: "an improvement plan of 10 actions" promises a plan, not a change."""
_CHANGE_NOUNS = frozenset((
    "improvement", "improvements", "reduction", "reductions", "enhancement", "enhancements", "optimisation",
    "optimization", "acceleration", "expansion", "growth",
))  # fmt: skip
_OPEN_LIST_END = Regex(r"\s*(?:[.,;:!?)\]]|$)")
_COUNT_BEFORE = Regex(rf"{NUMBER}[\s-]*(?:%|percent|pp|points?|x|\u00d7|times|[a-z]+)?$", re.IGNORECASE, has_number)


def _keep(hit: Hit) -> bool:
    word = hit.term.lower()
    if in_name(hit, modifier=word not in _VERBS):
        return False  # "Faster Payments", "Continuous Improvement Board"
    if word in _CHANGE_NOUNS and _NAMED_KIND.match(text_after(hit.masked, hit.end, 1)):
        return False
    if word in _MOVES and _OBJECT_AFTER.match(text_after(hit.masked, hit.end, 1)):
        return False
    before, after = text_before(hit.masked, hit.start, 1), text_after(hit.masked, hit.end, 2)
    if word in ("more", "less", "higher", "lower", "greater", "longer") and (
        _IDIOM_BEFORE.search(before) or _IDIOM_AFTER.match(after)
    ):
        return False  # "once more", "no more", "more or less", "the higher of", "grade B or higher"
    if before == "and" and " " not in word and _OPEN_LIST_END.match(hit.masked, hit.end):
        return False  # "and more" closing a list: open-ended-list reports it
    if _COUNT_BEFORE.search(text_before(hit.masked, hit.start, 2)):
        return False  # "20% faster", "two more engineers", "a 5-point increase"
    return not has_baseline(hit.sentence)


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    if context.measured:
        return
    for hit in scan(text, _PATTERN, keep=_keep):
        yield TextSpan(
            hit.start,
            hit.end,
            f'"{hit.term}" has no baseline or target: say from what to what, or by how much (e.g. "from 8% to 5%")',
        )


RULE = TextRule(
    code="V105",
    name="comparative-without-baseline",
    category=Category.VAGUENESS,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
