"""What a statement makes checkable: numbers, calendar days, measures, baselines of comparisons and artefacts."""

from __future__ import annotations

import functools
import re

from agreed.text.patterns import Regex, alternation, any_word
from agreed.text.vocabulary import DATE, MONTH, NUMBER, WEEKDAY

__all__ = [
    "has_artefact",
    "has_baseline",
    "has_bounded_purpose",
    "has_date",
    "has_fit_criterion",
    "has_measure",
    "has_number",
    "has_reference",
    "has_service_hours",
    "names_statistic",
    "numeric_day_readings",
    "opens_statistic",
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
    r"\b(?:baseline|audited|recorded|reported|published|measured|benchmark|target|halv|doubl|tripl|twofold|threefold"
    r"|one|single|scale|ladder|matrix|rubric|tiers?|levels|zero|nil|none|\w*\d)",
    re.IGNORECASE,
)


def _may_hold_baseline(text: str) -> bool:
    """Every match of _BASELINE holds a digit or a number word, or starts a word with one of _BASELINE_WORDS."""
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
    | \b(?:at\s+least|no\s+more\s+than|fewer\s+than|less\s+than|more\s+than|other\s+than)\s+(?:one|a\s+single)\b
    | \b(?:cap|limit)(?:s|ped|ping|ed|ing)?\s+(?:\S+\s+){{0,4}}?(?:at|to)\s+(?:{_APPROX})?{_AMOUNT}
    | \b(?:on|along)\s+(?:the|a|an|its|our)\s+(?:[\w\-]+\s+){{0,3}}?(?:scale|ladder|matrix|rubric|tiers?|levels)\b
    | \bthan\s+(?:the\s+)?(?:[A-Z]{{1,4}}[\s-]?\d+|(?:level|tier|severity|priority|grade|band|step)\s+\d+)\b
    | \bof\s+(?:{_APPROX})?{_AMOUNT}{_UNIT}
    | {NUMBER}\s*(?:%|percent|per\s?cent|pp|percentage\s+points?|points|pts|bps|x\b|\u00d7)
    | \b(?:halve|halved|halving|double|doubled|doubling|triple|tripled|twofold|threefold|twice\s+as)\b
    | \b(?:to|down\s+to|at)\s+(?:zero|nil|none)\b
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


def numeric_day_readings(text: str) -> tuple[str, ...]:
    """The calendar days, as YYYY-MM-DD, that a day written in numbers ("1/3/2027", "31.03.2027") can be: day first
    and month first, each that exists, once. "1/3/2027" is 1 March or 3 January, "31/03/2027" only 31 March; a
    two-digit year is read as 20YY. Empty when ``text`` is no such day or neither reading exists ("45/60/2027")."""
    parts = re.fullmatch(r"\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\s*", text)
    if parts is None:
        return ()
    first, second, year = (int(part) for part in parts.groups())
    if len(parts.group(3)) == 2:
        year += 2000
    readings: list[str] = []
    for month, day in ((second, first), (first, second)):
        reading = f"{year:04d}-{month:02d}-{day:02d}"
        if year > 0 and 1 <= month <= 12 and 1 <= day <= _days_in(year, month) and reading not in readings:
            readings.append(reading)
    return tuple(readings)


def _days_in(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def has_measure(text: str) -> bool:
    """True when ``text`` holds a number that is not part of a date, a year, a quarter or a time of day."""
    return has_number(_NOT_A_MEASURE.sub(" ", text))


@functools.lru_cache(maxsize=2048)  # asked once per hit, of the hit's whole sentence: many hits share one sentence
def has_baseline(text: str) -> bool:
    """True when a comparison in ``text`` is anchored: "from 8% to 5%", "by 3 points", "to under 300 ms", "20% faster",
    "than the FY2026 audited total", a cap ("cap rework at 10 hours per sprint"). "By 2027" (a year) and "than
    before" (an unmeasured standard) are not baselines."""
    return _BASELINE.search(_NOT_A_MEASURE.sub(" ", text)) is not None


def has_artefact(text: str) -> bool:
    """True when ``text`` produces a checkable artefact ("send a root-cause report", "present a written plan")."""
    return _ARTEFACT.search(text) is not None


_REFERENCE = Regex(
    r"""
      \b(?:table|tab\.|figure|fig\.|section|sect\.|clause|annex|appendix|schedule|chapter|article|art\.|paragraph
          |para\.|requirement|req\.|exhibit|attachment)\s+[A-Z]?\d[\w.\-]*
    | \b(?:annex|appendix|schedule|exhibit|attachment)\s+[A-Z]\b
    | \u00a7\s*\d
    | \bas\s+(?:defined|specified|described|set\s+out|listed|stated|laid\s+down)\s+(?:in|by|under)\b
    | \b(?:in\s+accordance\s+with|conform(?:s|ing)?\s+to|compliant\s+with|certified\s+(?:to|against))
    | \b(?:in\s+line\s+with|meets?|meeting)\s+(?=(?-i:[A-Z]{2,}|[A-Z][\w\-]*\s+\d)|\d)
    | \b(?-i:ISO|IEC|IEEE|EN|BS|NIST|RFC|FIPS|DIN|ANSI|WCAG|SOC|PCI|HL7|ITU-T)(?:/(?-i:IEC|IEEE))*[\s-]*(?:SP\s*)?\d
    | \b(?-i:PCI[\s-]DSS|HIPAA|GDPR|OWASP|ASVS|FHIR|ITIL|COBIT|SOX|FedRAMP|eIDAS|DORA|NIS2)\b
    | \b(?-i:Level|Grade|Tier|Class)\s+(?-i:[A-Z]{1,3}|\d)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_FIT_CONNECTOR = Regex(
    r"""(?:\s+(?!(?:with|by|to|for|in|on|at|and|or)\b)[a-z][\w\-]*){0,3}?
    (?P<connector>\s*(?:[:(\u2013\u2014]|\s-\s|,?\s*i\.e\.|,?\s*(?:that\s+is|meaning|defined\s+as|measured\s+(?:as|by)
    |so\s+that|such\s+that|where|with)\b))""",
    re.IGNORECASE | re.VERBOSE,
)
"""What introduces a fit criterion, right after the quality word or after up to 3 words of the noun it qualifies."""
_PERFORMANCE_BOUND = Regex(
    rf"""(?:under|below|within|less\s+than|at\s+most|at\s+least|no\s+more\s+than|fewer\s+than|above|over
    |more\s+than|up\s+to|[<>\u2264\u2265=])\s*{NUMBER}\s*(?:%|ms|s|sec|secs|seconds?|minutes?|mins?|clicks?|steps?
    |errors?|per\s+cent|percent)(?![\w])
    | {NUMBER}\s*(?:%|ms|per\s+cent|percent)(?![\w]) | \bp(?:50|90|95|99)\b""",
    re.IGNORECASE | re.VERBOSE,
    has_number,
)
_BOUNDED_END = Regex(
    rf"""\s+(?:\S+\s+){{0,3}}?(?:for|to|across|in)\s+(?:\S+\s+){{0,3}}?(?:all|every|each|both|{NUMBER})\b""",
    re.IGNORECASE | re.VERBOSE,
)


_PURPOSE = Regex(
    r"""\s+(?:[\w\-]+\s+){0,2}?to\s+(?!(?:the|a|an|all|each|every|our|their|its|his|her|my|your|this|that|these
    |those|us|them|him|me|you|it)\b)[a-z]+\b""",
    re.IGNORECASE | re.VERBOSE,
)


def has_purpose(text: str) -> bool:
    """True when ``text``, the words right after "enough", say what it must be enough for, in an infinitive ("enough
    to cover 3 shifts", "enough staff to run both clinics"): the purpose is the standard it is judged by."""
    return _PURPOSE.match(text) is not None


def has_reference(text: str) -> bool:
    """True when ``text`` refers to where a property is defined: a table, section or annex ("Table 2", "section 4.3"),
    a standard ("WCAG 2.2 AA", "ISO 27001", "PCI DSS") or a definition ("as defined in the glossary")."""
    return _REFERENCE.search(text) is not None


def has_fit_criterion(text: str) -> bool:
    """True when ``text``, the words right after a quality word, give its fit criterion: a measure after a colon, a
    bracket or "i.e." ("responsive: every page under 1 s"), also after the noun the word qualifies ("a robust retry (5
    attempts, backoff from 1 s)"), or a performance bound ("with p95 under 300 ms", "99.9 %"). A deadline ("within 3
    weeks") is no fit criterion."""
    connector = _FIT_CONNECTOR.match(text)
    if (connector is not None and has_measure(text[connector.end() :])
            and connector.group("connector").strip(" ,") != "with"):
        return True
    return _PERFORMANCE_BOUND.search(text) is not None


_SERIES = r"(?:hourly|daily|nightly|weekly|fortnightly|monthly|quarterly|annual|yearly|p\d{2}(?:\.\d+)?)\b"
"""What makes a quantity a series of measurements: a cadence it is taken at ("monthly availability") or a
percentile of its samples ("p99 latency")."""
_STATISTIC = Regex(
    rf"""\b(?:(?:average|median)\b
    | (?:highest|lowest|longest|shortest|largest|smallest|greatest|fewest|maximum|minimum|peak|worst)\s+
        (?:[\w\-]+\s+)?{_SERIES})""",
    re.IGNORECASE | re.VERBOSE,
)
"""A statistic of measured values: an average, or an extreme of a series ("lowest monthly availability", "highest p99
latency")."""


def names_statistic(text: str) -> bool:
    """True when ``text`` names a statistic of measured values ("the average response time", "lowest monthly
    availability", "highest p99 latency"): a figure read off a series over a window, not a claim about a field."""
    return _STATISTIC.search(text) is not None


def opens_statistic(text: str, start: int) -> bool:
    """True when the words at ``start`` of ``text`` name a statistic (see :func:`names_statistic`): "lowest" in
    "Lowest monthly availability of the API" names the figure measured, it claims no superiority."""
    return _STATISTIC.match(text, start) is not None


_CLOCK_TIME = r"(?:\d{1,2}(?::\d\d)?\s*(?:am|pm)|\d{1,2}:\d\d)"
_SERVICE_HOURS = Regex(
    rf"""\b{_CLOCK_TIME}\s*(?:-|\u2013|to|until|till)\s*{_CLOCK_TIME}(?![\w:])
    | \b{WEEKDAY}\s*(?:-|\u2013|to|through|until)\s*{WEEKDAY}\b
    | (?<![\w/])24\s*/\s*7(?![\w/])""",
    re.IGNORECASE | re.VERBOSE,
    Regex(r"\d|day\b", re.IGNORECASE).search,
)


def has_service_hours(text: str) -> bool:
    """True when ``text`` states the hours a service is given in: a span of clock times ("08:00 to 18:00", "9am-5pm"),
    of weekdays ("Monday to Friday") or round the clock ("24/7"). Support given in stated hours can be checked at any
    hour; support "during the rollout" cannot."""
    return _SERVICE_HOURS.search(text) is not None


def has_bounded_purpose(text: str) -> bool:
    """True when ``text``, the words right after a word of sufficiency, say for what bounded set it must suffice
    ("licences for all 40 agents", "staff to cover every shift")."""
    return _BOUNDED_END.match(text) is not None
