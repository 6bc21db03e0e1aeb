"""What a statement makes checkable: numbers, calendar days, measures, baselines of comparisons and artefacts."""

from __future__ import annotations

import functools
import re

from agreed.text.patterns import Regex, alternation, any_word
from agreed.text.vocabulary import DATE, MONTH, NUMBER

__all__ = [
    "has_artefact",
    "has_baseline",
    "has_date",
    "has_measure",
    "has_number",
]

_NUMBER_RE = Regex(NUMBER, re.IGNORECASE)
_DATE_RE = Regex(DATE, re.IGNORECASE, Regex(r"\b\d").search)  # every date has a word that starts with a digit
_NOT_A_MEASURE = Regex(
    rf"{DATE}|\b(?:19|20)\d\d(?:-\d\d)?\b(?!\s*%)|\b{MONTH}\s+\d{{4}}\b|\b(?:FY|Q|H)\s?\d+\b|\b\d{{1,2}}:\d\d\b",
    re.IGNORECASE,
    Regex(r"\d").search,
)

_UNIT = (
    r"(?:%|\s?(?:percent|per\s?cent|pp|percentage\s+points?|points?|pts|bps|basis\s+points|x|\u00d7|times|k|m|bn|ms"
    r"|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|business\s+days?|working\s+days?|weeks?"
    r"|months?|years?|eur|usd|gbp|chf|people|fte|hires?|users?|customers?|accounts?|leads?|deals?|tickets?"
    r"|incidents?|defects?|bugs?|releases?|stores?|sites?|branches?|units?|items?|steps?|clicks?))(?![\w])"
)
_AMOUNT = rf"(?:(?:eur|usd|gbp|chf)\s?)?(?:{NUMBER})"
_APPROX = r"(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|circa|c\.|~)\s*"
_VAGUE_STANDARD = (
    r"(?:before|usual|normal|now|today|currently|ever|expected|others?|competitors?|the\s+competition|our\s+peers"
    r"|peers|the\s+industry|industry|previously|in\s+the\s+past|last\s+time|the\s+old\b|the\s+current\b"
    r"|the\s+existing\b|the\s+status\s+quo|it\s+is|they\s+are|we\s+do|planned|anticipated)"
)
_BASELINE_WORDS = Regex(
    r"\b(?:baseline|audited|recorded|reported|published|measured|benchmark|target|halv|doubl|tripl|twofold|threefold)",
    re.IGNORECASE,
)


def _may_hold_baseline(text: str) -> bool:
    """Every match of _BASELINE holds a number or starts a word with one of _BASELINE_WORDS."""
    return _NUMBER_RE.search(text) is not None or _BASELINE_WORDS.search(text) is not None


# Only ever searched for (has_baseline asks yes or no), so it stays small: "from 8% to 5%" needs no branch of its own
# ("from 8%" already is a baseline) and nothing optional follows an amount.
_BASELINE = Regex(
    rf"""
      \b(?:than|compared\s+(?:to|with)|relative\s+to|versus|vs\.?|against|below|under|above|over|beyond)\s+
          (?!{_VAGUE_STANDARD})(?:\S+\s+){{0,4}}?(?:{NUMBER}|baseline|audited|recorded|reported|published|measured
          |benchmark|target)
    | \b(?:by|to|below|under|above|over|beyond|within|at\s+least|at\s+most|no\s+more\s+than|fewer\s+than
          |less\s+than|more\s+than|up\s+to|down\s+to|target(?:\s+of)?|from)\s+(?:{_APPROX})?{_AMOUNT}
    | \bof\s+(?:{_APPROX})?{_AMOUNT}{_UNIT}
    | {NUMBER}\s*(?:%|percent|per\s?cent|pp|percentage\s+points?|points|pts|bps|x\b|\u00d7)
    | \b(?:halve|halved|halving|double|doubled|doubling|triple|tripled|twofold|threefold|twice\s+as)\b
    """,
    re.IGNORECASE | re.VERBOSE,
    _may_hold_baseline,
)
_PRODUCE_VERBS = (
    "deliver", "send", "write", "publish", "produce", "present", "submit", "share", "create", "draft", "prepare",
    "issue", "circulate", "provide", "hand", "return", "file", "sign", "recommend", "make", "build", "ship", "release",
    "propose", "document", "record", "report", "agree", "raise", "open", "close", "merge", "deploy", "upload", "post",
    "email", "give", "table", "bring",
)  # fmt: skip
_PRODUCE_ENDINGS = ("s", "es", "ed", "d", "ing")
_PRODUCE = rf"{alternation(_PRODUCE_VERBS)}{alternation(_PRODUCE_ENDINGS)}?"
_ARTEFACT = Regex(
    rf"""\b{_PRODUCE}\s+(?:\S+\s+){{0,4}}?(?:reports?|write[\s-]?ups?|post[\s-]?mortems?|root[\s-]cause\s+analysis
    |recommendations?|proposals?|plans?|roadmaps?|summar(?:y|ies)|memos?|decks?|dashboards?|documents?|specs?
    |specifications?|prototypes?|drafts?|briefs?|business\s+cases?|decisions?|shortlists?|lists?|budgets?|forecasts?
    |contracts?|runbooks?|playbooks?|checklists?|templates?|designs?|estimates?|analys[ie]s|findings|go/no[\s-]go
    |pull\s+requests?|releases?|patch(?:es)?|fix(?:es)?|tickets?|minutes|options?|answers?|responses?|replies)\b""",
    re.IGNORECASE | re.VERBOSE,
    any_word(*(verb + ending for verb in _PRODUCE_VERBS for ending in ("", *_PRODUCE_ENDINGS))),
)


@functools.lru_cache(maxsize=2048)
def has_number(text: str) -> bool:
    """True when ``text`` holds a numeral or a number word (dates and years count; "Q3" and "FY27" do not)."""
    return _NUMBER_RE.search(text) is not None


def has_date(text: str) -> bool:
    """True when ``text`` names a calendar day ("2027-03-31", "31 March 2027", "March 31", "31/03/2027")."""
    return _DATE_RE.search(text) is not None


def has_measure(text: str) -> bool:
    """True when ``text`` holds a number that is not part of a date, a year, a quarter or a time of day."""
    return has_number(_NOT_A_MEASURE.sub(" ", text))


@functools.lru_cache(maxsize=2048)  # asked once per hit, of the hit's whole sentence: many hits share one sentence
def has_baseline(text: str) -> bool:
    """True when a comparison in ``text`` is anchored: "from 8% to 5%", "by 3 points", "to under 300 ms", "20% faster",
    "than the FY2026 audited total". "By 2027" (a year) and "than before" (an unmeasured standard) are not baselines.
    """
    return _BASELINE.search(_NOT_A_MEASURE.sub(" ", text)) is not None


def has_artefact(text: str) -> bool:
    """True when ``text`` produces a checkable artefact ("send a root-cause report", "present a written plan")."""
    return _ARTEFACT.search(text) is not None
