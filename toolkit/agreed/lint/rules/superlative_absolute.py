"""A superlative or an unscoped absolute promises something nobody can check or keep.

"The best", "the fastest" or "industry standard" compare against a field nobody has measured, and "always",
"zero defects", "all issues" or "fully tested" promise perfection over a set with no edge: a single exception
breaks the promise, so partners stop taking it literally. Write a rate or a scoped rule instead. An absolute over a
set the statement defines is precise: a counted ranking ("the 40 largest suppliers"), a restricted set ("every defect
that is reported in the pilot", "zero critical vulnerabilities open longer than 30 days"), or a rule that each case
can be checked against ("never deploy on a Friday after 15:00", "always attach the signed form to the ticket").
An extreme of a measured series ("the lowest monthly availability", "the highest p99 latency") is a statistic, the
figure a target is set on, not a claim to be the best. A superlative judged by a named benchmark or ranking, or a
rank out of a counted field ("as measured by the 2032 Baymard Institute benchmark (rank 1 of 50)"), can be checked.

Fires on:
    Offer the best onboarding experience in the region.
    Always respond to partner questions.
    Ship the release fully tested, with zero defects and no errors.

Passes:
    Migrate all 14 branches by 2027-06-30.
    Approve every invoice above EUR 5,000 within 2 business days.
    Record zero Sev-1 incidents in March 2027.
    Never share customer names outside the steering group.
    Publish the 10 most common onboarding blockers by 2027-02-01.
    Keep zero critical vulnerabilities open longer than 30 days.
    Always attach the signed form to the ticket.
    Keep the lowest monthly availability of the Payments API at or above 99.95 % in 2031.
    The fastest checkout in Europe, as measured by the 2032 Baymard Institute benchmark (rank 1 of 50).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.bounded import (
    bounded_before,
    checkable_rule,
    counts_ranking,
    counts_ranking_after,
    restricted_set,
    scoped_field,
)
from agreed.text.hits import Hit, scan, text_after, text_before
from agreed.text.measures import has_number, opens_statistic
from agreed.text.names import in_name, is_proper_name
from agreed.text.patterns import Regex, TermPattern, alternation, any_word
from agreed.text.vocabulary import ADJECTIVE, MODAL

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

SUPERLATIVES = (
    "best", "fastest", "quickest", "highest", "lowest", "greatest", "biggest", "largest", "cheapest", "easiest",
    "simplest", "strongest", "safest", "smartest", "finest", "smoothest", "best practice", "best practices",
    "industry standard", "industry standards", "industry-standard", "gold standard", "second to none", "unmatched",
    "unparalleled", "unbeatable", "top-notch", "first-class",
)  # fmt: skip
ABSOLUTES = (
    "always", "never", "at all times", "without fail", "no matter what", "under all circumstances", "in all cases",
    "in every case", "whatever it takes", "perfect", "perfectly", "flawless", "flawlessly", "fully", "completely",
    "totally", "entirely", "everything", "any and all", "each and every", "every single", "error-free", "bug-free",
    "defect-free", "risk-free", "100% of the time", "100% of everything",
)  # fmt: skip
_UNBOUNDED = (
    r"(?:issues?|problems?|bugs?|defects?|errors?|mistakes?|incidents?|risks?|concerns?|complaints?|outages?"
    r"|downtime|delays?|failures?|surprises?|regressions?|vulnerabilit(?:y|ies)|blockers?|glitches?|disruptions?"
    r"|interruptions?|requests?|questions?|requirements?|needs|feedback|cases|scenarios|aspects|areas|things"
    r"|matters|topics|expectations|stakeholders|tasks|work|items|details|information|data|documentation)"
)
_HARM = r"(?:loss|losses|leaks?|leakage|breach(?:es)?|corruption)"
"""The head of a compound whose first noun is in _UNBOUNDED: "zero data loss" is one thing, not "zero data"."""
_WORDS = TermPattern.of(SUPERLATIVES + ABSOLUTES)
_MOST = TermPattern.raw(
    rf"(?P<term>(?<![\w\-])(?:(?:the\s+)?most\s+{ADJECTIVE}|the\s+most(?![\w\-])))", needs=any_word("most")
)
_NOT_SUPERLATIVE = Regex(r".*\b(?:likely|recent|recently|used)$", re.IGNORECASE)
_ALL_WORDS = ("all", "every", "any", "zero", "no")
_UNSCOPED = TermPattern.raw(
    rf"""(?P<term>(?<![\w\-])(?:{alternation(_ALL_WORDS)}|100\s?%\s+of)\s+(?:(?:of\s+)?(?:the|our|your|their|its)\s+)?
    (?:(?!{MODAL}\b)[a-z\-]+\s+){{0,2}}?{_UNBOUNDED}(?:\s+{_HARM})?)(?![\w\-])""",
    needs=any_word(*_ALL_WORDS, "100"),
    label="unscoped",
)
_HUNDRED = TermPattern.raw(
    r"""(?P<term>100\s?(?:%|percent|per\s?cent)\s+(?:customer\s+)?(?:satisfaction|quality|success|accuracy
    |reliability|uptime|availability|compliance|accurate|reliable|satisfied|happy|committed|correct|complete))\b"""
)
_DISCLOSURE = Regex(
    r"(?:\w+\s+)?(?:share|shares|disclose|discloses|discuss|reveal|forward|publish|mention|name|quote|leak|post"
    r"|pass\s+on|talk\s+about|speak\s+about|comment\s+on)\b"
)
_EXEMPT_AFTER = Regex(r"(?:efforts?|endeavou?rs?|of\s+(?:my|our|their|his|her|its)\s+)")
_ACTING = Regex(rf"(?<=stakeholders)\s+(?:\w+ly\s+)?{MODAL}\b", re.IGNORECASE)
_ORDER = Regex(r"\s+(?:first|last)\b", re.IGNORECASE)
_CLOSING_ABSOLUTES = frozenset(("at all times", "without fail", "in all cases", "in every case",
                                "under all circumstances"))
"""Absolutes that close the clause whose rule they make absolute, as "always" opens it."""
_JUDGED_BY = Regex(
    r"""\b(?:as\s+)?(?:measured|ranked|rated|scored|judged)\s+(?:by|in|on)\s+(?:the\s+)?(?:\d{4}\s+)?
        (?-i:[A-Z][\w&\-]*)(?:\s+(?-i:[A-Z][\w&\-]*|\d[\w.]*)){0,4}\s+
        (?:benchmark|ranking|rankings|index|survey|study|league\s+table|leaderboard|report)\b
    | \b(?:according\s+to|per)\s+(?:the\s+)?(?:\d{4}\s+)?(?-i:[A-Z][\w&\-]*)(?:\s+[\w&\-]+){0,4}?\s+
        (?:benchmark|ranking|rankings|index|survey|study|league\s+table|leaderboard)\b
    | \brank(?:ed)?\s+(?:\#\s*)?\d+\s+(?:of|out\s+of)\s+\d+""",
    re.IGNORECASE | re.VERBOSE,
)
"""A superlative judged by a named benchmark or ranking ("as measured by the 2032 Baymard Institute benchmark"), or
a rank out of a counted field ("rank 1 of 50"): the field and the measure are said, and the claim can be checked."""
_POSSESSIVE = Regex(r"\b(?:our|my|their|his|her|its|your|at|to\s+the)$")


def _keep(hit: Hit) -> bool:
    word = hit.term.lower()
    if is_proper_name(hit) or in_name(hit, modifier=True) or _NOT_SUPERLATIVE.match(word):
        return False  # "Best Buy"; "the most recent version", "most likely"
    if word in ("always", "never"):
        if word == "never" and _DISCLOSURE.match(text_after(hit.masked, hit.end, 2)):
            return False  # "never share customer names" is a rule
        return not checkable_rule(hit.masked, hit.end)  # "never deploy on a Friday after 15:00"
    if word in _CLOSING_ABSOLUTES:  # "keeps the error rate below 0.1 % at all times": the rule stands before it
        return not (checkable_rule(hit.masked, hit.end) or bounded_before(hit.masked, hit.start))
    if counts_ranking(hit.masked, hit.start) or _ORDER.match(hit.masked, hit.end):
        return False  # "the 40 largest suppliers", "the 10 most common blockers"; "lowest first" orders a list
    if word not in ABSOLUTES and (counts_ranking_after(hit.masked, hit.end) or scoped_field(hit.masked, hit.end)):
        return False  # "the largest 20 accounts"; "the fastest checkout among the 5 competitors benchmarked"
    if word in SUPERLATIVES:
        if opens_statistic(hit.masked, hit.start):
            return False  # "lowest monthly availability", "highest p99 latency": a figure read off a series
        if _JUDGED_BY.search(hit.after):
            return False  # "the fastest checkout in Europe, as measured by the 2032 Baymard Institute benchmark"
        before = text_before(hit.masked, hit.start, 2)
        return not (_POSSESSIVE.search(before) or _EXEMPT_AFTER.match(text_after(hit.masked, hit.end, 3)))
    if hit.label == "unscoped" and _ACTING.match(hit.masked, hit.end):
        return False  # "All stakeholders will sign off": a group as the actor, which collective-actor reports
    if hit.label == "unscoped":  # "all 14 branches"; "the 25-query suite in each of 3 environments with zero failures"
        around = f"{text_before(hit.masked, hit.start, 8)} {hit.term} {text_after(hit.masked, hit.end, 3)}"
        return not (has_number(around) or restricted_set(hit.masked, hit.start, hit.end))
    return True


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, _UNSCOPED, _HUNDRED, _MOST, _WORDS, keep=_keep):
        yield TextSpan(
            hit.start,
            hit.end,
            f'"{hit.term}" is a superlative or an unscoped absolute: write a rate or a scoped, checkable rule',
        )


RULE = TextRule(
    code="V106",
    name="superlative-absolute",
    category=Category.VAGUENESS,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
