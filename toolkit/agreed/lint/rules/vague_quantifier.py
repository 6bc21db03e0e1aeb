"""A vague quantity, approximate number or vague frequency stands where a number should be.

"Some", "several", "certain", "a number of", "dozens of" or "enough" leave the size of the promise open (unless a
purpose says what it must be enough for: "enough people to cover 3 shifts"), an approximate number ("about 20",
"~40", "20-ish", "2 hours or so", "a day or two", "10 pages, more or less") gives no tolerance, and a vague
frequency ("regularly", "from time to time", "once in a while", "ongoing", a cadence made rough, "roughly weekly",
"every week or so") gives no cadence: nobody can say when the promise was missed. Give the count, the exact target
(or a stated tolerance such as "40 ± 2") or the recurrence ("every Monday", "monthly"). A promise hedged by how
often it holds ("Li usually answers within 2 hours", "we tend to meet on Fridays", "sometimes longer at weekends")
is kept however often it is broken; said of someone who acts, such an adverb is reported too, while a description of
a thing or a system ("the queue usually peaks on Mondays") is not a promise. "At some point" is a time, not a
quantity: the fuzzy-deadline rule reports it. "As needed" is a frequency after a routine that comes back ("meet as
needed"); after any other action it leaves open whether the action happens at all, which escape-clause reports.

Fires on:
    Onboard several new accounts and run some workshops.
    Offer the renewal discount to certain customers.
    Hire about 20 engineers.
    Allocate enough people to the migration.
    Meet regularly to review progress.
    The two leads sync as needed.
    Li usually answers within 2 hours; the review runs roughly weekly.
    Reply to each ticket within 24h or so.
    Provide enough test accounts, check the logs once in a while and answer within a working day or two.

Passes:
    Onboard 12 new accounts and run 3 workshops by 2027-03-31.
    Review at least 5 and at most 8 candidates each week.
    Meet every Monday at 09:00; publish the notes monthly.
    Make certain that the 12 renewals are signed by 2027-03-31.
    Allocate enough people to cover 3 shifts.
    Li answers each ticket within 2 hours of its arrival; the ticket queue usually peaks on Mondays.
    Release the API as generally available by 2027-03-31.
    Cap the pilot at up to 40 merchants; reply within 2 hours of each call, give or take 5 minutes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.hits import Hit, exempted, scan, text_after, text_before
from agreed.text.measures import has_bounded_purpose, has_number, has_purpose
from agreed.text.patterns import Regex, TermPattern, fold, tokenise, words_together
from agreed.text.subjects import SubjectKind
from agreed.text.vocabulary import ADJECTIVE, CADENCE, NUMBER

if TYPE_CHECKING:
    from collections.abc import Iterator

    from agreed.lint.rule import TextContext

QUANTIFIERS = (
    "some", "several", "many", "a few", "few", "numerous", "a number of", "various", "most", "a lot of", "lots of",
    "a lot", "plenty of", "plenty", "multiple", "a handful of", "a handful", "a couple of", "countless",
    "a great deal of", "a good deal of", "a large number of", "a small number of", "a significant number of",
    "a majority of", "the majority of", "a minority of", "the bulk of", "a variety of", "a range of", "a fraction of",
    "a bit of", "a little", "a certain number of", "a sizeable number of", "a host of", "certain", "enough",
    "dozens of", "scores of", "tens of", "hundreds of", "thousands of", "millions of", "dozens", "hundreds",
    "thousands",
)  # fmt: skip
FREQUENCIES = (
    "regularly", "regular", "on a regular basis", "at regular intervals", "periodically", "periodic", "frequently",
    "frequent", "from time to time", "often", "ongoing", "on an ongoing basis", "continuous", "continuously",
    "continual", "continually", "constantly", "as and when", "occasionally", "occasional", "every so often",
    "now and then", "every now and then", "routinely", "at intervals", "ad hoc", "on an ad hoc basis", "as needed",
    "when needed", "as and when needed", "as and when required", "once in a while", "every once in a while",
    "on occasion", "on occasions", "now and again", "every now and again", "off and on", "on and off",
)  # fmt: skip
HEDGES = (
    "usually", "mostly", "typically", "generally", "normally", "as a rule", "in general", "more often than not",
    "most of the time", "for the most part", "in most cases", "nearly always", "almost always", "tend to",
    "tends to", "tended to", "tend not to", "tends not to", "sometimes", "at times",
)  # fmt: skip
"""Adverbs that say a promise holds only some or most times: who made it can break it and still have kept it."""

_QUANTIFIER = TermPattern.of(QUANTIFIERS, label="quantity")
_HEDGE = TermPattern.of(HEDGES, label="hedge")
_COPULA = Regex(r"(?:is|are|was|were|be|been|am)")
_HEDGED_ACTORS = frozenset((SubjectKind.ACTOR, SubjectKind.NONE))
"""Whose statement an adverb of frequency hedges: someone who acts, or nobody named (an imperative). A thing's or a
system's ("the queue usually peaks on Mondays") describes it."""
_FREQUENCY = TermPattern.of(FREQUENCIES, label="frequency")
_APPROXIMATE_MARKS = ("about", "around", "approx", "roughly", "circa", "c.", "nearly", "almost", "some", "~")
"""Text that a match of _APPROXIMATE holds before its number, in folded form."""
_APPROXIMATE_WORDS = words_together(
    (("ish",),), (("region", "order"), ("of",)), (("give",), ("take",)), (("or",), ("so",))
)
"""The words of a match of _APPROXIMATE that holds none of _APPROXIMATE_MARKS: "10-ish", "in the order of 10", "10 give
or take", "10 or so"."""
_GLUED_ISH = Regex(r"[\d%]ish")
"""The "ish" of "10ish" or "10%ish", which is no word of its own."""


def _may_approximate(text: str) -> bool:
    """A ``needs`` test for _APPROXIMATE: substring and word tests first, as most statements hold a number (words such
    as "publish", "given" and "orders" hold the letters of a mark, not the mark)."""
    folded = fold(text)
    if not (any(mark in folded for mark in _APPROXIMATE_MARKS) or _APPROXIMATE_WORDS(text)
            or ("ish" in folded and _GLUED_ISH.search(folded))):
        return False
    return has_number(text)


_APPROXIMATE = TermPattern.raw(
    rf"""(?P<term>
      (?<![\w\-])(?:about|around|approximately|approx\.|approx|roughly|circa|c\.|nearly|almost|some
        |in\s+the\s+(?:region|order)\s+of|~)\s*(?:(?:eur|usd|gbp|chf)\s?)?{NUMBER}(?:\s*%|\s*[kmb]\b)?
    | {NUMBER}\s*%?(?:\s*-\s*ish|ish|(?:\s*[a-z]+)?(?:\s*-\s*ish|\s+or\s+so|\s+give\s+or\s+take(?:\s+\S+)?))
      (?![\w\-])
    )""",
    needs=_may_approximate,
    label="approximation",
)
_ROUGHLY = ("more or less", "or thereabouts", "give or take")
"""Words that make whatever they stand by approximate ("10 pages, more or less", "in 2 hours, give or take"), unless a
tolerance follows ("give or take 5 minutes")."""
_LOOSE = TermPattern.of(_ROUGHLY, after=rf"(?![\s(]*{NUMBER})", label="approximation")


def _may_be_indefinite(text: str) -> bool:
    """A ``needs`` test for _INDEFINITE: "or" with "so" or "two"."""
    words = tokenise(text).word_set
    return "or" in words and not words.isdisjoint(("so", "two"))


_INDEFINITE = TermPattern.raw(
    r"""(?P<term>(?<![\w\-])(?:a|an|one)\s+(?:[a-z\-]+\s+)?[a-z]+\s+or\s+(?:so|two(?!\s+[a-z]+s\b)))(?![\w\-])""",
    needs=_may_be_indefinite,
    label="approximation",
)
"""One unit made rough with no number: "within a day or so", "a working day or two"."""
_ROUGH_MARKS = ("roughly", "approx", "circa", "more or less", "~", "about", "around", "ish", "or so", "give or take")


_CADENCE_MARKS = (
    "daily", "nightly", "weekly", "fortnightly", "monthly", "quarterly", "annually", "yearly", "hourly", "every",
    "once",
)  # fmt: skip
"""Text that every match of CADENCE holds, in folded form ("bi-weekly" holds "weekly")."""


def _may_roughen(text: str) -> bool:
    """A ``needs`` test for _ROUGH_CADENCE: one of the marks that make a cadence rough, and a cadence."""
    folded = fold(text)
    return any(mark in folded for mark in _ROUGH_MARKS) and any(mark in folded for mark in _CADENCE_MARKS)


_ROUGH_CADENCE = TermPattern.raw(
    rf"""(?P<term>(?<![\w\-])(?:
        (?:roughly|approximately|approx\.?|circa|more\s+or\s+less|~)\s*{CADENCE}
      | (?:about|around)\s+(?=every\b|once\b){CADENCE}
      | {CADENCE}(?:\s*-\s*ish|ish|\s+or\s+so|\s+give\s+or\s+take)
    ))(?![\w\-])""",
    needs=_may_roughen,
    label="frequency",
)
"""A cadence made rough: "roughly weekly", "about every 2 weeks", "weekly-ish", "every week or so"."""
_NUMBER_AHEAD = Regex(rf"[\s(]*{NUMBER}", re.IGNORECASE, has_number)
_ADJECTIVE = Regex(ADJECTIVE)
_MODIFIER = (
    r"(?!(?:to|for|as|in|on|at|of|by|with|that|this|it|its|and|or|but|so|if|when|the|a|an|we|they|you|he|she|us"
    r"|is|are|was|were|be|has|does|not|yet|now|here|there|his|hers|yours|ours|theirs)\b)[a-z\-]+"
)
"""A word that can be a noun or stand before one as part of it ("enough test accounts"), not a word of grammar that
opens a clause or a phrase ("fast enough as the test defines it")."""
_EXEMPT_AFTER = {
    # "at some point", "some time next year": a time, which fuzzy-deadline reads; "spend some time on it" stays
    "some": r"(?:point|stage|day|moment|juncture|date|week|month|quarter|year"
    r"|time\s+(?:next|this|last|in|during|before|after|between|around|within|by|later|soon|early|late)\b)\b",
    "certain": r"(?:that|to|of|about|whether|if|and|or|enough)\b|\W|$",  # "we are certain that": sure, not a number
    "most": r"(?:likely|recent|recently|often)\b",
    "multiple": r"of\b",
    "regular": r"(?:expression|season|hours)\b",
    "continuous": r"(?:integration|delivery|deployment|improvement\s+process)\b",
    "a lot": r"(?:more|less|fewer)\b",
    "ad hoc": r"[a-z]+s\b",  # "ad hoc reports": a kind of report, not how often
    "at times": r"(?:of|when|set|agreed|listed|defined|given|shown|stated|specified|named|in|on)\b",  # times of day
    "dozens": r"of\b",  # "dozens of": the whole phrase is the term
    "hundreds": r"of\b",
    "thousands": r"of\b",
    "as needed": r"(?:to|for|by|in|on)\b",  # "as needed to run the pilot": a purpose, which escape-clause reads
    "when needed": r"(?:to|for|by|in|on)\b",
    # an amount of something ("enough people", "enough time together"); after a word it grades ("fast enough", "fair
    # enough") it is that word's measure, or a remark
    "enough": rf"(?!(?:{_MODIFIER}\s+)?{_MODIFIER}s\b|(?:people|staff|time|capacity|budget|money|funding|resource"
    r"|headcount|room|space|notice|data|information|detail|support|help|training|cover|coverage|slack|buffer|runway|stock)\b)",
}
_EXEMPT_BEFORE = {
    "certain": r"(?:make|makes|made|making|be|is|are|am|was|were|been|being|feel|feels|not|quite|very|fairly"
    r"|absolutely|almost|reasonably|less|more|seems?|appears?|become|becomes)$",
    "most": r"(?:at|the)$",
    "frequent": r"(?:most|least|more|less)$",  # "the 10 most frequent errors": a ranking by count, not a cadence
    "many": r"(?:how|as)$",
    "often": r"(?:most|least)$",  # "the blockers named most often": a ranking by how often, counted and bounded
    "few": r"(?:a|the|next|last|first|past|coming)$",
    "about": r"(?:talk|talks|talked|speak|think|care|know|ask|tell|inform|write|hear|worry|complain|say|learn)$",
    "around": r"(?:turn|turns|turned|turning|get|gets|go|goes|come|comes|work|works|move|moves|walk|show|pass|hand"
    r"|gather|centred|centered|based|built|organised|organized)$",
}
_MESSAGES = {
    "approximation": "is an approximate number with no tolerance: give the exact target or a range",
    "quantity": "is a vague quantity: give the number",
    "frequency": 'is a vague frequency: state the cadence (e.g. "every Monday", "monthly")',
    "hedge": "says the promise does not always hold: state what is done every time, or the share of times it must "
    'hold (e.g. "95% within 2 hours")',
}


_ON_DEMAND = frozenset({"as needed", "when needed", "as and when needed", "as and when required"})
_ROUTINE = Regex(
    r"""\b(?:meet|meets|meeting|meetings|sync|syncs|check[\s\-]?ins?|catch[\s\-]?ups?|stand[\s\-]?ups?|huddles?
    |convene|convenes|visit|visits|attend|attends|breaks?|maintenance|service|services|servicing|spend\s+time
    |spends\s+time|rotate|rotates|repeat|repeats|refresh|refreshes)\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""A routine that comes back (a meeting, a visit, a break, maintenance): after it, "as needed" says how often ("meet
as needed"); after any other action it says whether the action is taken at all, an escape clause ("escalate
blockers as needed"), which escape-clause reports."""


def _hedges_a_promise(hit: Hit) -> bool:
    """Whether an adverb of frequency hedges what someone does ("Li usually answers"), not an adjective ("generally
    available", "normally distributed") or what a thing does."""
    subject = hit.subject
    next_word = text_after(hit.masked, hit.end, 1).rstrip(".,;:!?)")
    if _ADJECTIVE.match(next_word) or next_word.endswith("ed") or next_word in ("is", "was"):
        return False  # "generally available"; "sometimes is not a word we use": the word named, not used
    if _COPULA.fullmatch(text_before(hit.masked, hit.start, 1)) and next_word in ("the", "a", "an"):
        return False  # "Q4 is usually the busiest quarter": what something is, not what anyone does
    return subject.kind in _HEDGED_ACTORS and not subject.subordinate


def _keep(hit: Hit) -> bool:
    if hit.label == "hedge":
        return _hedges_a_promise(hit) and not exempted(hit.term.lower(), hit, after=_EXEMPT_AFTER, before={})
    word = hit.term.lower()
    if word in _ON_DEMAND and not _ROUTINE.search(hit.before):
        return False  # "escalate blockers as needed": a condition, which escape-clause reads, not a frequency
    key = word.split()[0] if hit.label == "approximation" else word
    if exempted(key, hit, after=_EXEMPT_AFTER, before=_EXEMPT_BEFORE):
        return False
    if word == "most" and _ADJECTIVE.match(text_after(hit.masked, hit.end, 1)):
        return False  # "most reliable" is a superlative: superlative-absolute reports it
    if word == "enough" and (has_purpose(hit.after) or has_bounded_purpose(hit.after)):
        return False  # "enough people to cover 3 shifts": judged by what it must be enough for
    return not (hit.label == "quantity" and _NUMBER_AHEAD.match(hit.masked, hit.end))


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    patterns = (_APPROXIMATE, _ROUGH_CADENCE, _INDEFINITE, _LOOSE, _QUANTIFIER, _FREQUENCY, _HEDGE)
    for hit in scan(text, *patterns, keep=_keep):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" {_MESSAGES[hit.label]}')


RULE = TextRule(
    code="V102",
    name="vague-quantifier",
    category=Category.VAGUENESS,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
