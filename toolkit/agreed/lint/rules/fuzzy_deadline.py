"""A deadline names a period, a relative time or an undated event instead of a calendar day.

"Q3", "by the end of the year", "next month", "soon", "promptly", "going forward", "before launch" or "once legal
signs off" cannot be placed on a calendar, and they drift: the quarter may be a fiscal one, "next month" moves every
time the agreement is read, and launch or a sign-off may slip. When the day comes, partners disagree about whether
it has passed. Give the calendar day ("by 2027-09-30"), a duration from a dated day ("within 30 days of 2027-01-15"),
a recurrence ("every Monday"), or a service level that restarts at each named event ("within 4 hours of each Sev-1
page"). "ASAP" is reported by escape-clause, not here.

Only the deadline of a commitment is read. A clock that restarts at each event of a kind ("every question", "each
contract", "if a build breaks", "reply to email"), a duration counted from a dated event ("after the go-live on
2027-06-01"), a date that describes something ("the 2026-11 survey", "the 60 starters joining in 2027"), "by" that
names who acts ("reported by the pilot customers") and the time a risk may come true are not deadlines.

Fires on:
    Reduce churn by Q4.
    Ship the billing export early next year, or soon after the reorg.
    Respond to the audit findings within two weeks.
    Launch the partner portal once legal signs off, and share the usage figures going forward.

Passes:
    Ship the billing export by 2027-02-01 (or 1 February 2027, or February 1, 2027).
    Publish the board pack by the 5th business day of each month and review it every Monday.
    Acknowledge each Sev-1 page within 15 minutes; resolve complaints within 10 business days of receipt.
    Answer every sales question in #onboarding within 4 working hours; renew 90 days before each contract ends.
    Train the agents within 3 working days after the go-live on 2027-06-01.
    Retest the faults reported by the 5 pilot customers by 2027-06-30.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.clocks import (
    counts_from_dated_day,
    dated_elsewhere,
    describes_a_set,
    in_aside,
    in_purpose,
    is_cadenced,
    is_plural_generic,
    is_rate_window,
    names_agent,
    restarts_each_time,
    serves_each_instance,
    specifies_behaviour,
)
from agreed.text.hits import Hit, scan, text_after, text_before
from agreed.text.measures import has_date
from agreed.text.patterns import Regex, TermPattern, alternation, any_word
from agreed.text.vocabulary import DATE, MONTH, NUMBER, PLACEHOLDER, WEEKDAY, may_hold_placeholder

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from agreed.lint.rule import TextContext

_PREP = (
    r"(?:by|in|during|before|until|till|through|throughout|within|around|after|towards?|(?:no|not)\s+later\s+than"
    r"|(?:the\s+)?(?:end|start|beginning"
    r"|middle|close)\s+of|early|mid|late)"
)
_YEAR = r"(?:FY\s?['\u2019]?\d{2,4}|(?:19|20)\d\d(?![\d\-/]))"
_UNIT = (
    r"(?:business\s+|working\s+|calendar\s+)?(?:days?|weeks?|fortnights?|months?|quarters?|years?|sprints?|hours?|hrs?"
    r"|minutes?|mins?)"
)
_PERIOD_NOUN = (
    r"(?:year|quarter|month|week|day|sprint|season|term|semester|fiscal\s+year|financial\s+year|calendar\s+year|FY"
    r"|pilot|project|phase|programme|program|engagement|contract|trial|migration|rollout|summer|winter|spring"
    r"|autumn|fall|play|business|fiscal|academic\s+year|school\s+year)"
)
_MILESTONE = (
    r"(?:release|launch|go-live|go\s+live|golive|kick-?off|roll-?out|cut-?over|migration|pilot|re-?org"
    r"|reorganis(?:ation)|reorganiz(?:ation)|holidays|holiday\s+season|handover|hand-over|sign-off|completion|renewal|merger|acquisition|board\s+meeting|offsite|off-site|summit|conference|deadline"
    r"|code\s+freeze|freeze|launch\s+date|christmas|easter|year-end|quarter-end|month-end|general\s+availability"
    r"|GA|beta|MVP|v\d+(?:\.\d+)*|approval|restructuring|meeting|steering\s+(?:group|committee)|AGM|workshop"
    r"|retreat|trade\s+show|roadshow|trade\s+fair|expo|event|rebrand|relocation|audit|inspection|half[\s\-]?term|term"
    r"|review|retrospective|retro|check-?in|catch-?up|steering\s+review|all[\s\-]hands|town\s*hall|QBR|strategy\s+day"
    r"|away\s+day|planning\s+(?:cycle|session|day|round)|budget(?:ing)?\s+(?:cycle|round|season)|peak(?:\s+season)?"
    r"|(?<=next\s)board|(?<=upcoming\s)board|break|shutdown)"
)
_SPAN = (
    r"(?:process|project|programme|program|transition|implementation|engagement|phase|trial|pilot|rollout|roll-out"
    r"|migration|reorg|re-org|restructuring|integration|onboarding|term|contract|period|year|quarter|month|peak|cycle"
    r"|peak\s+(?:season|period|time)|busy\s+(?:season|period)|season)"
)
_SEASON = r"(?:spring|summer|autumn|fall|winter)"
_RELATIVE_NOUN = (
    rf"(?:year|quarter|month|week|sprint|release|cycle|iteration|phase|season|term|semester|fiscal\s+year"
    rf"|financial\s+year|FY|weekend|{_SEASON}|few\s+(?:days|weeks|months)|couple\s+of\s+(?:days|weeks|months)"
    rf"|{WEEKDAY})"
)

# The first character is a class of its own so that the expression engine skips ahead to it (four times faster).
_HAS_CODE = Regex(r"[QHEF](?:(?<=[QH])[1-4]|(?<=[1-4][QH])|(?<=E)O[YQMWH]|(?<=F)Y)").search
_HAS_YEAR = Regex(r"(?:19|20)\d\d(?![\d\-/])|FY", re.IGNORECASE).search
"""A year that is not part of a calendar day ("2027", "FY27"; not "2027-03-31")."""
_HAS_YEAR_MONTH = Regex(r"\d{4}-\d\d(?![\d\-])").search
_HAS_MONTH = any_word(
    "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "jun", "june", "jul", "july", "aug",
    "august", "sep", "sept", "september", "oct", "october", "nov", "november", "dec", "december",
)  # fmt: skip
_HAS_SEASON = any_word("spring", "summer", "autumn", "fall", "winter")


def _has_mid(text: str) -> bool:
    """Whether ``text`` may hold "mid-year", "midterm" or "half-year" (a substring test, cheaper than a scan)."""
    folded = text.lower()
    return "mid" in folded or "half" in folded


def _period(pattern: str, needs: Callable[[str], object]) -> TermPattern:
    """One shape of period; each is tried only on texts that hold a word or a digit it cannot match without."""
    return TermPattern.raw(pattern, needs=needs, label="period")


# One pattern per shape, not one alternation: a statement is scanned only for the shapes its words allow.
PERIODS = (
    _period(
        rf"""(?:(?:by\s+)?(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+)?|(?<![\w\-]){_PREP}\s+)?
        (?<![\w\-])(?-i:Q[1-4]|H[12]|[1-4]Q|[12]H)(?:\s*[/']?\s*{_YEAR}|['\u2019/]\d{{2}}(?!\d))?(?![\w\-])""",
        _HAS_CODE,
    ),
    _period(
        rf"""(?<![\w\-])(?:{_PREP}\s+)?quarter\s+(?:one|two|three|four|[1-4])(?![\w\-])(?!\s+of\s+(?:each|every))
        | (?<![\w\-])(?:{_PREP}\s+)?(?:the\s+)?(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+(?:quarter|half)
        (?!\s+of\s+(?:each|every))(?:\s+of\s+(?:the\s+)?(?:year|{_YEAR}))?(?![\w\-])""",
        any_word("quarter", "half"),
    ),
    _period(rf"(?<![\w\-]){_PREP}[\s\-]+(?:the\s+)?(?:year\s+)?{_YEAR}", _HAS_YEAR),
    _period(r"(?<![\w\-])\d{4}-(?:0[1-9]|1[0-2])(?![\d\-])", _HAS_YEAR_MONTH),
    _period(
        rf"""(?<![\w\-]){_PREP}[\s\-]+{MONTH}(?![a-z])(?:,?\s+(?:of\s+)?(?:19|20)\d\d)?(?!\s+\d{{1,2}}\b)
        | (?<![\w\-]){MONTH}(?![a-z])\s+(?:19|20)\d\d\b""",
        _HAS_MONTH,
    ),
    _period(
        rf"""(?<![\w\-])(?:{_PREP}|this|next|over)[\s\-]+(?:the\s+)?{_SEASON}(?:\s+(?:of\s+)?(?:19|20)\d\d)?(?![\w\-])
        | (?<![\w\-]){_SEASON}\s+(?:19|20)\d\d\b""",
        _HAS_SEASON,
    ),
    _period(
        rf"""(?<![\w\-])(?:by\s+)?(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+|this\s+|next\s+)?
            {_PERIOD_NOUN}(?![\w\-])
        | (?<![\w\-])(?:by\s+)?(?:the\s+)?(?:year|quarter|month|half)[\s\-]end(?![\w\-])""",
        any_word("end", "start", "beginning", "middle", "close"),
    ),
    _period(r"(?<![\w\-])(?-i:EOY|EOQ|EOM|EOW|EOH)(?![\w\-])", _HAS_CODE),
    _period(
        rf"(?<![\w\-])(?:{_PREP}\s+)?(?:the\s+)?(?:mid|half)[\s\-]?(?:year|term|quarter|month|week)(?![\w\-])", _has_mid
    ),
    _period(r"(?<![\w\-])(?-i:FY)\s?['\u2019]?\d{2,4}(?=\s*(?:[.,;:)]|$))", _HAS_CODE),
)
_RELATIVE_WORDS = (  # one of them is in every match of RELATIVE
    "soon", "shortly", "sooner", "eventually", "someday", "some", "tomorrow", "tonight", "today", "due", "one", "down",
    "long", "now", "imminently", "time", "future", "term", "later", "earlier", "this", "next", "coming", "following",
    "few", "couple", "several", "days", "weeks", "months", "week", "month", "quarter", "year", "weekend", "forward",
    "early", "new", "ahead", "after", "run", "morning", "afternoon", "evening", "lunch", "lunchtime", "cob", "eod",
    "eob", "play", "sprint", "cycle", "iteration", "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday",
    "thu", "thur", "thurs", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday",
)  # fmt: skip
RELATIVE = TermPattern.raw(
    rf"""(?<![\w\-])(?:(?:(?:starting|beginning|from)\s+)?(?:(?<!as\s)soon(?!\s+as\b)|shortly)
            (?:\s+(?:thereafter|afterwards)|\s+(?:after|before|following)\s+(?:the\s+)?[\w\-]+(?:\s+(?:close|end|start))?)?
        |sooner\s+or\s+later|eventually|someday|some\s+day|tomorrow|tonight|today
        |in\s+due\s+course|in\s+due\s+time|at\s+some\s+(?:point|stage)|one\s+of\s+these\s+days
        |down\s+the\s+(?:line|road)
        |before\s+long|any\s+day\s+now|imminently|over\s+time|in\s+the\s+near\s+(?:future|term)|in\s+the\s+future
        |at\s+a\s+later\s+(?:date|stage|time|point)|later\s+on|(?:later|earlier)\s+(?:this|next)\s+(?:year|quarter
            |month|week)|(?:later|earlier)\s+in\s+the\s+(?:year|quarter|month|week|season|process|project|cycle)
        |later(?=\s+(?:this|in\s+the|next|that))
        |(?<!no\s)later(?!\s+than)(?=\s*(?:[.,;:!?)]|$|and\b|or\b))
        |(?:this|next|the\s+coming|coming)\s+{_RELATIVE_NOUN}
        |(?:in|over|during|within)\s+the\s+(?:coming|next|following)\s+(?:few\s+|couple\s+of\s+|\w+\s+)?
            (?:days|weeks|months|quarters|years)
        |(?:in|within)\s+(?:a\s+few|a\s+couple\s+of|the\s+next|several|some)\s+(?:days|weeks|months|years)
        |(?:within|in)\s+(?:days|weeks|months)|within\s+the\s+(?:week|month|quarter|year|sprint|cycle|iteration)
        |(?:by|over|before|until|after)\s+the\s+weekend|this\s+(?:morning|afternoon|evening)|by\s+lunch(?:time)?
        |(?:early|mid|late)[\s\-]+(?:this|next)\s+(?:year|quarter|month|week)
        |(?:in|by|during)\s+the\s+new\s+(?:year|financial\s+year|fiscal\s+year|academic\s+year|school\s+year
            |quarter|term)
        |in\s+the\s+(?:days|weeks|months|years|quarters)\s+ahead|the\s+(?:week|month)\s+after\s+next
        |in\s+the\s+long(?:er)?[\s\-](?:term|run)
        |in\s+a\s+(?:later|future|subsequent)\s+(?:phase|release|stage|version|iteration|sprint|wave)
        |by\s+(?:(?-i:COB|EOD|EOB)|close\s+of\s+play)
        |(?:going|moving)\s+forward(?!\s+with)|from\s+now\s+on|(?:in\s+the\s+)?(?:short|near|medium)[\s\-]term
        |(?<!\bas\s)(?<!\btoo\s)(?<!\bthe\s)(?<!\ban\s)early(?=\s*(?:[.,;:!?)]|$|(?:if|when|and|or|so|enough|on)\b))
        )(?![\w\-])
    | (?<![\w\-])(?:by|on|this|next|before|until|till|coming)\s+{WEEKDAY}(?![\w\-])(?!\s*,?\s*(?:the\s+)?\d)
    """,
    needs=any_word(*_RELATIVE_WORDS),
    label="relative",
)
DAY_OF_MONTH = TermPattern.raw(
    r"(?<![\w\-])(?:by|on|before|until)\s+the\s+\d{1,2}(?:st|nd|rd|th)(?=\s*(?:[.,;:!?)]|$|and\b|or\b))",
    needs=Regex(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE).search,
    label="relative",
)
"""A day of a month that is not named: "by the 15th" moves with the month in which it is read."""
DURATION = TermPattern.raw(
    rf"(?<![\w\-])(?:within|in)\s+(?:the\s+next\s+|the\s+first\s+)?(?:{NUMBER}|a|an|one)[\s\-]+{_UNIT}(?![\w\-])",
    needs=any_word("within", "in"),
    label="duration",
)
_BEFORE_MILESTONE = (
    "by", "before", "after", "until", "till", "at", "following", "ahead of", "prior to", "upon", "in time for",
    "through", "around",
)  # fmt: skip
_LEAD_UP = r"in\s+the\s+(?:run|lead)[\s\-]+up\s+to"
_HAS_UNIT = any_word(
    "day", "days", "week", "weeks", "month", "months", "quarter", "quarters", "year", "years", "sprint", "sprints",
    "hour", "hours", "hr", "hrs", "minute", "minutes", "min", "mins",
)  # fmt: skip
_BEFORE_SPAN = ("during", "throughout", "over the course of", "for the duration of")
_BEFORE_EVENT = ("after", "before", "until", "till", "once", "by the time", "as soon as", "when")
_FUZZY_WORDS = (  # one of them is in every match of FUZZY
    "promptly", "swiftly", "speedily", "expeditiously", "timely", "time", "schedule", "delay", "quickly", "away",
    "opportunity", "immediately", "reasonable", "short", "order", "convenience", "agreed", "right",
)  # fmt: skip
FUZZY = TermPattern.raw(
    r"""(?<![\w\-])(?:promptly|swiftly|speedily|expeditiously|timely|in\s+a\s+timely\s+(?:manner|fashion|way)
        |on\s+time|on\s+schedule|without\s+(?:undue\s+|unreasonable\s+)?delay|quickly|right\s+away|straight\s+away
        |at\s+the\s+earliest\s+opportunity|in\s+good\s+time|in\s+time(?:\s+for)?|immediately|in\s+short\s+order
        |at\s+(?:your|our|their|the)\s+earliest\s+convenience
        |(?:with)?in\s+a\s+(?:reasonable|short)\s+(?:time|period|timeframe|time\s+frame|time\s+period)
        |(?:by|on|before)\s+the\s+agreed\s+date(?!\s*(?:of\s+|[(:,]\s*)?\d)
        |(?:with)?in\s+(?:the|an)\s+agreed\s+(?:time|timeframe|time\s+frame|period)
        |at\s+the\s+right\s+(?:time|moment)|when\s+the\s+time\s+is\s+right
        )(?![\w\-])""",
    needs=any_word(*_FUZZY_WORDS),
    label="fuzzy",
)
_EVENT_AFTER_PREPOSITION = rf"""(?:{alternation(_BEFORE_MILESTONE)}|{_LEAD_UP})\s+
    (?:the\s+)?(?:next\s+|first\s+|upcoming\s+|planned\s+|new\s+|our\s+|their\s+)?(?:(?!each|every|any)\w+\s+)?
    {_MILESTONE}(?![\w\-])"""
_HAS_EVENT_PREPOSITION = any_word(*_BEFORE_MILESTONE, "run", "lead")
MILESTONE = TermPattern.raw(
    rf"(?<![\w\-]){_EVENT_AFTER_PREPOSITION}", needs=_HAS_EVENT_PREPOSITION, label="milestone"
)
OFFSET_MILESTONE = TermPattern.raw(
    rf"(?<![\w\-])(?:(?:within|in)\s+)?{NUMBER}\s+{_UNIT}\s+{_EVENT_AFTER_PREPOSITION}",
    needs=lambda text: _HAS_EVENT_PREPOSITION(text) and _HAS_UNIT(text),
    label="milestone",
)
"""An undated event with an offset: "30 days after go-live", "within 2 weeks after launch"."""
SPAN = TermPattern.raw(
    rf"""(?<![\w\-]){alternation(_BEFORE_SPAN)}\s+
    (?:the\s+|this\s+|our\s+)?(?:(?!each|every|any)\w+\s+)?{_SPAN}(?![\w\-])""",
    needs=any_word(*_BEFORE_SPAN),
    label="milestone",
)
PREFIXED_EVENT = TermPattern.raw(
    r"(?<![\w\-])(?:post|pre)[\s\-]?(?:launch|go-?live|release|migration|pilot|merger|rollout|roll-out|cut-?over)(?![\w\-])",
    needs=lambda text: "post" in text.lower() or "pre" in text.lower(),
    label="milestone",
)
EVENT_DAY = TermPattern.raw(
    r"(?<![\w\-])on\s+(?:the\s+)?(?:launch|go-?live|release|migration|cut-?over|rollout)\s+(?:day|date|weekend)(?![\w\-])",
    needs=any_word("day", "date", "weekend"),
    label="milestone",
)
EVENT_CLAUSE = TermPattern.raw(
    rf"""(?<![\w\-]){alternation(_BEFORE_EVENT)}\s+(?:the\s+|our\s+|this\s+)?
    (?:[\w\-]+\s+){{0,2}}?(?:starts?|begins?|ends|finish(?:es)?|wraps(?:\s+up)?|closes|launches|goes\s+live
    |kicks\s+off|completes|runs\s+out|expires|lapses|is\s+(?:over|complete|done|finished|launched|live|approved
    |signed(?:\s+off)?|agreed|finali[sz]ed|published|released|ratified|funded|appointed))(?![\w\-])""",
    needs=any_word(*_BEFORE_EVENT),
    label="milestone",
)
_NO_SUBJECT = (
    "a", "an", "any", "each", "every", "another", "i", "we", "you", "they", "he", "she", "it", "there", "this", "that",
    "these", "those", "per", "more", "again", "only", "possible", "needed", "required", "necessary", "appropriate",
    "applicable", "ready", "practicable", "feasible", "further",
)  # fmt: skip
_NOT_AN_EVENT = (  # "once we have ...", "until we can ...": a state or an ability, not one event
    "have", "are", "can", "could", "need", "see", "get", "do", "know", "think", "want", "may", "might", "will",
    "would", "should", "must", "feel", "believe", "hear",
)  # fmt: skip
_CONDITION_SOURCE = (
    rf"""(?P<condition>(?<![\w\-])
    (?:once|as\s+soon\s+as|until|till|by\s+the\s+time)\s+(?:we|they)\s+(?!{alternation(_NOT_AN_EVENT)}(?![\w\-]))
        [a-z]+(?<!ly)(?:\s+(?:off|up|out|live))?
    | (?:once|when)\s+(?:ready|approved|signed\s+off|finali[sz]ed|agreed)
    | (?:(?P<once>once|as\s+soon\s+as|until|till|by\s+the\s+time)|when)\s+
    (?!{alternation(_NO_SUBJECT)}(?![\w\-]))
    (?P<subject>(?:(?:the|our|their|its|all)\s+)?(?:[\w\-]+\s+){{0,2}}?[\w\-]+)\s+
    (?:(?:is|are|has\s+been|have\s+been|becomes|gets)\s+(?:fully\s+|formally\s+|finally\s+)?
        (?:[a-z]+ed|available|ready|complete|live|done|final|finished|over|in\s+place|agreed|signed\s+off)
    | (?(once)(?!is\b|was\b|has\b|does\b|needs\b|means\b|allows\b|permits\b|remains\b|seems\b)
        [a-z]+(?<=[^su\s]s)(?:\s+(?:off|up|out|over|through|down|back|live))?|(?!))
    ))(?![\w\-])"""
)
_CONDITION_WORDS = any_word("once", "soon", "when", "until", "till", "time")
CONDITION = TermPattern.raw(_CONDITION_SOURCE, needs=_CONDITION_WORDS, label="condition")
_CONDITION_RE = Regex(_CONDITION_SOURCE, re.IGNORECASE | re.VERBOSE, _CONDITION_WORDS)
"""An undated event or condition as the timing of a commitment: "once legal signs off", "when data is available"."""
PLACEHOLDER_DATE = TermPattern.raw(
    rf"(?<![\w\-])(?:by|before|until|on|due(?:\s+date)?|deadline|date|when)\s*:?\s+{PLACEHOLDER}",
    needs=may_hold_placeholder,
    label="placeholder",
)
_MESSAGES = {
    "period": "is a period, not a day: give the calendar day it ends on, as YYYY-MM-DD",
    "relative": "is relative to when it was written: give the calendar day",
    "duration": "is a duration with no dated start: anchor it to a day or to each named event",
    "fuzzy": "names no deadline: give a calendar day or a duration from a dated event",
    "milestone": "is an undated event: give the calendar day it falls on",
    "condition": "is an undated condition: give the calendar day, or a duration from a dated event",
    "placeholder": "is a placeholder deadline: give the calendar day",
}
_DETERMINER = Regex(r"\b(?:the|a|an|our|their|its|this|that|his|her|whose|each|every|for|of|per|from)$")
_FUNCTION_WORDS = frozenset(
    {
        "and", "or", "but", "with", "to", "for", "at", "on", "by", "in", "of", "from", "the", "a", "an", "we", "i",
        "you", "they", "he", "she", "it", "will", "shall", "must", "should", "would", "can", "could", "may", "might",
        "if", "so", "when", "as", "after", "before", "then", "that", "which", "who", "is", "are", "was", "were", "be",
        "latest", "earliest", "while", "until", "till", "unless", "once", "than", "via", "per",
    }
)  # fmt: skip
_DAY_BEFORE = Regex(r"\d{1,2}(?:st|nd|rd|th)?\s*(?:of)?$")
_RECURRING_BEFORE = Regex(r"(?:each|every|per|once\s+a|twice\s+a)$")
_DATE_NEAR = Regex(rf"\s*[,(]?\s*(?:on\s+|at\s+)?(?:\(\s*)?{DATE}", re.IGNORECASE, has_date)
_ANCHOR = Regex(r"\s+(?:of|after|from|following)\s+", re.IGNORECASE)
_TRIGGER = Regex(
    r"(?:\S+\s+){0,3}?(?:receipt|termination|expiry|expiration|signature|signing|notice|notification|request|breach"
    r"|detection|discovery|referral|report|complaint|admission|discharge|arrival|departure|delivery|unloading"
    r"|purchase|order|payment|booking|submission|escalation|incident|failure|outage|alert|page|ticket)s?\b",
    re.IGNORECASE,
)
_PLANNED = Regex(
    rf"(?:the\s+|our\s+|this\s+)?(?:next\s+|first\s+|planned\s+|upcoming\s+)?(?:[\w\-]+\s+)?(?:{_MILESTONE}|{_SPAN})\b",
    re.IGNORECASE,
)
_SHARED_ANCHOR = Regex(
    rf"\b(?:within|in)\s+(?:{NUMBER}|a|an|one)[\s\-]+{_UNIT}\s+(?:of|after|from|following)\s+", re.IGNORECASE
)
"""An anchored duration earlier in the sentence, whose anchor a later bare one shares ("... and to 100 % within 12
hours")."""
_DEFINING_CLAUSE = Regex(r"\s+(?:(?:in|during|after|before)\s+which|when|that)\b", re.IGNORECASE)
_OWN_TERM = Regex(r"(?:during|throughout|over|for\s+the\s+duration\s+of)\s+the\s+(?:contract|agreement|term)$", re.I)
_EVENT_HEAD = Regex(
    r"(?:dates?|days?|deadlines?|events?|reviews?|meetings?|party|window|phase|period|weekend|week|month|milestone"
    r"|ceremony|call|session|demo|gate|checkpoint|readiness|cut-?off|rehearsal)$",
    re.IGNORECASE,
)
_RECURRENT_MODIFIER = Regex(
    r"\b(?:daily|weekly|fortnightly|monthly|quarterly|annual|yearly|regular|bi-?weekly|bi-?monthly)\b(?<!next\s)",
    re.IGNORECASE,
)
_SINGLE_OCCURRENCE = Regex(r"\b(?:next|first|upcoming|coming|last|final)\b", re.IGNORECASE)
_EVENT_AT_END = Regex(rf"{_MILESTONE}$", re.IGNORECASE)
_PERIOD_END = Regex(r"(?:month|quarter|year|week)[\s\-]?end$", re.IGNORECASE)
_NTH_PERIOD = Regex(r"\bthe\s+(?:first|last|final|initial)\s+(?:days?|weeks?|months?|years?|quarters?)$", re.I)
_AFTER_PERIOD_END = Regex(
    r"\s+(?:of|after|following|from)\s+(?:the\s+)?(?:(?:month|quarter|year|week)[\s\-]?end|end\s+of\s+(?:the|each)\s+\w+)",
    re.IGNORECASE,
)
_DATED_SPAN = Regex(rf"(?:during|throughout)\s+(?:(?-i:Q[1-4]|H[12])\s+)?{_YEAR}$", re.IGNORECASE)
_WEEKDAY_TERM = Regex(rf"\b{WEEKDAY}$", re.IGNORECASE)
_SUBORDINATE_EVENT = Regex(r"(?:when|once|until|till|after|before)\b", re.IGNORECASE)
_ONE_OFF_EVENT = Regex(
    r"\b(?:shall|must|will|should|to)\s+(?:launch|ship|go\s+live|retire|migrate|open|close\s+down"
    r"|be\s+(?:available|ready|live|in\s+place|operational|launched|released|deployed|delivered|replaced|migrated))\b",
    re.IGNORECASE,
)
_UNTIL = Regex(r"(?:until|till)\b", re.IGNORECASE)
_STATE_BEFORE = Regex(
    r"\b(?:apply|applies|remains?|stays?|lasts?|holds?|(?:is|are)\s+(?:valid|fixed|frozen|locked|open|closed|capped))\b",
    re.IGNORECASE,
)
_EVENT_IN_SENTENCE = Regex(r"\b(?:when|once|after|as\s+soon\s+as)\s+(?:the|our|their|its)\s+\S+", re.IGNORECASE)
_ITEM_EVENT = Regex(
    r"(?:after|following|upon|on|before|until|by)\s+(?:approval|sign-?off|completion|handover|hand-over|receipt"
    r"|submission|inspection|acceptance)$",
    re.IGNORECASE,
)
"""An event with no determiner that happens to each item of a set ("after approval"), not to the whole project."""
_STARTING_EVENT = Regex(r"(?:after|following|upon)\b", re.IGNORECASE)
_QUANTIFIED_EVENT = Regex(r"^\S+\s+(?:each|every|any|a|an)\b", re.IGNORECASE)
_PRONOUN_EVENT = Regex(r"^\S+\s+(?:it|they|he|she)\b", re.IGNORECASE)
_OFFSET_BEFORE = Regex(rf"(?:{NUMBER}|a|an|one)[\s\-]+{_UNIT}$", re.IGNORECASE)
_TERM_COMPOUND = Regex(
    r"\s*(?:loans?|lease|leases|let|lets|rentals?|disability|debt|borrowing|financing|investments?|deposits?|memory"
    r"|storage|cache|visas?|credentials?|tokens?|liabilit(?:y|ies)|contracts?|workers?|staff|sickness|absences?"
    r"|parking|accommodation|stays?|assignments?|sick|leave|illness|care|cover)\b",
    re.IGNORECASE,
)


def _keep(hit: Hit) -> bool:
    before = text_before(hit.masked, hit.start, 2)
    if _RECURRING_BEFORE.search(before) or _DATE_NEAR.match(hit.masked, hit.end) or in_aside(hit.sentence):
        return False  # "every quarter", "once a month", "on Friday 2027-03-05", "Risk: ... during the peak"
    if re.fullmatch(r"(?:in|by|before|until|till)\s+may(?:\s+\d{4})?", hit.term):
        return False  # lower-case "may" is the modal verb
    keep = _KEEP_BY_LABEL.get(hit.label)
    return keep is None or keep(hit, before)


def _keep_duration(hit: Hit, before: str) -> bool:
    """A duration is kept when nothing starts its clock: no anchor, no condition or set whose members each start it,
    no anchored duration before it, and it bounds no count of events."""
    return not (
        _is_anchored(hit)
        or restarts_each_time(hit.sentence)
        or _SHARED_ANCHOR.search(hit.before)
        or is_rate_window(hit.before)
        or (is_cadenced(hit.sentence) and _AFTER_PERIOD_END.match(hit.masked, hit.end))
        or _is_behaviour_bound(hit)
        or _EVENT_IN_SENTENCE.search(hit.sentence)  # "When the budget is approved, ... within 2 days": counted from it
    )


def _is_behaviour_bound(hit: Hit) -> bool:
    """"The batch job shall complete within 2 hours" bounds every run of a system's behaviour; "The portal will
    launch within 6 months" times one event of a project, which is a deadline."""
    return not _ONE_OFF_EVENT.search(hit.sentence) and specifies_behaviour(hit.masked, hit.start)


def _keep_period(hit: Hit, before: str) -> bool:
    if re.match(MONTH, hit.term, re.IGNORECASE) and _DAY_BEFORE.search(before):
        return False  # "31 March 2027" is a day
    return not (
        _is_label(hit, before)
        or _is_scope(hit)
        or describes_a_set(hit.before)
        or is_rate_window(hit.before)
        or _DATED_SPAN.match(hit.term)  # "during 2027, keep P1 response under 15 minutes": a span with both ends
        or (_PERIOD_END.search(hit.term) is not None and is_cadenced(hit.sentence))
        or _DEFINING_CLAUSE.match(hit.masked, hit.end)  # "the end of the month in which the breach occurred"
    )


def _keep_milestone(hit: Hit, before: str) -> bool:
    """An event, a span or an event clause is kept when it is one undated occurrence that times the commitment."""
    return not (_recurs(hit) or _only_describes(hit) or _is_dated_elsewhere(hit))


def _recurs(hit: Hit) -> bool:
    """Whether the event recurs, each occurrence starting its own clock."""
    if _SUBORDINATE_EVENT.match(hit.term) and specifies_behaviour(hit.masked, hit.start):
        return True  # "When the window closes, the system locks the form": for every window
    if serves_each_instance(hit.term) or _OWN_TERM.search(hit.term):
        return True  # "during its onboarding", "for the duration of the contract": dated by each instance or the term
    if _QUANTIFIED_EVENT.search(hit.term):
        return True  # "before each contract ends": a trigger clock
    if _PRONOUN_EVENT.search(hit.term) and _OFFSET_BEFORE.search(hit.before.rstrip()):
        return True  # "at least 5 working days before it starts": each window starts its own clock
    if _RECURRENT_MODIFIER.search(hit.term) and not _SINGLE_OCCURRENCE.search(hit.term):
        return True  # "at the monthly review" is a cadence, not a deadline
    if _ITEM_EVENT.search(hit.term) and restarts_each_time(hit.sentence):
        return True  # "pays approved expense claims ... after approval": each claim's own approval
    if _PERIOD_END.search(hit.term) and is_cadenced(hit.sentence):
        return True  # "monthly, within 3 working days after month-end": each month's end
    # "each apprentice ... during the first year": each one's own first year
    return bool(_NTH_PERIOD.search(hit.term)) and restarts_each_time(hit.sentence)


def _only_describes(hit: Hit) -> bool:
    """Whether the event starts the work, names the noun after it or names who acts, rather than timing the work."""
    if _STARTING_EVENT.match(hit.term) and has_date(hit.sentence):
        return True  # "Following the Q4 review, ... by 2027-03-19": the event starts the work, the day ends it
    following = re.match(r"[a-z][\w\-]*", text_after(hit.masked, hit.end, 1))
    head = following.group() if following is not None else ""
    if head and head not in _FUNCTION_WORDS and not _EVENT_HEAD.match(head):
        return True  # "by the pilot customers": the event word only describes the noun after it
    return hit.term.lower().startswith("by") and names_agent(hit.before, hit.term)


def _is_dated_elsewhere(hit: Hit) -> bool:
    """Whether the statement dates the same event elsewhere ("The CRM goes live on 2027-04-01; ... before go-live")."""
    event = _EVENT_AT_END.search(hit.term)
    return event is not None and dated_elsewhere(hit.masked, event.group())


def _keep_condition(hit: Hit, before: str) -> bool:
    """An undated condition is kept when one event is meant ("once legal signs off"), not a kind of event that recurs
    ("when customers are onboarded"), and no calendar day in its clause gives the deadline."""
    match = _CONDITION_RE.match(hit.masked, hit.start)
    subject = (match.group("subject") if match is not None else None) or ""
    plural_inside = re.search(r"[^s\s]s\s+\S", subject, re.IGNORECASE) is not None
    if plural_inside or is_plural_generic(subject) or has_date(hit.sentence):
        return False  # "when customers ask": a kind of event that recurs; "..., by 2027-03-01": the day is the deadline
    if restarts_each_time(hit.sentence):
        return False  # "Refunds are processed once the returned item is inspected": each item's own event
    if _UNTIL.match(hit.term) and _STATE_BEFORE.search(hit.clause[: max(0, hit.clause.find(hit.term))] or hit.before):
        return False  # "The price is fixed until the contract is renewed": how long a state holds, not a deadline
    return not specifies_behaviour(hit.masked, hit.start)  # "The system shall allow edits until the batch is posted"


def _keep_fuzzy(hit: Hit, before: str) -> bool:
    if hit.term.lower() == "immediately" and specifies_behaviour(hit.masked, hit.start):
        return False  # "The system shall lock the account immediately after the 5th failed attempt": in the same step
    return not in_purpose(hit.before)  # "so that I can pay quickly": the manner of a benefit


def _keep_relative(hit: Hit, before: str) -> bool:
    term = hit.term.lower()
    if _WEEKDAY_TERM.search(term) and is_cadenced(hit.sentence):
        return False  # "meet every Monday and share updates by Friday": each week's Friday
    if term == "early":
        return not _OFFSET_BEFORE.search(hit.before.rstrip())  # "10 minutes early" is measured
    if term.endswith("term"):
        return not _TERM_COMPOUND.match(hit.masked, hit.end)  # "short-term loans" is a kind of loan
    return True


_KEEP_BY_LABEL: dict[str, Callable[[Hit, str], bool]] = {
    "duration": _keep_duration,
    "period": _keep_period,
    "milestone": _keep_milestone,
    "condition": _keep_condition,
    "fuzzy": _keep_fuzzy,
    "relative": _keep_relative,
}


def _is_anchored(hit: Hit) -> bool:
    """"Within 30 days of termination" restarts at a recorded trigger; "after the go-live on 2027-06-01" counts from a
    calendar day; "of go-live" names an undated milestone."""
    anchor = _ANCHOR.match(hit.masked, hit.end)
    if anchor is None:
        return False
    if counts_from_dated_day(hit.masked, hit.end):
        return True
    return _TRIGGER.match(hit.masked, anchor.end()) is not None or _PLANNED.match(hit.masked, anchor.end()) is None


def _is_label(hit: Hit, before: str) -> bool:
    """"The Q3 2027 promotion committee", "the Q4 review": the period names a thing, it is no deadline."""
    if re.match(_PREP, hit.term, re.IGNORECASE):
        return False
    following = text_after(hit.masked, hit.end, 1)
    return bool(_DETERMINER.search(before)) or (following.isalpha() and following not in _FUNCTION_WORDS)


def _is_scope(hit: Hit) -> bool:
    """"Falls reported in 2026 ... by 2027-02-09": with a calendar day given, "in <period>" scopes the data."""
    return bool(re.match(r"(?:in|during|within|throughout|for)\b", hit.term, re.IGNORECASE)) and has_date(hit.sentence)


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    patterns = (
        PLACEHOLDER_DATE, *PERIODS, OFFSET_MILESTONE, MILESTONE, PREFIXED_EVENT, EVENT_DAY, EVENT_CLAUSE, SPAN,
        CONDITION, RELATIVE, DAY_OF_MONTH, DURATION, FUZZY,
    )  # fmt: skip
    for hit in scan(text, *patterns, keep=_keep):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" {_MESSAGES[hit.label]}')


RULE = TextRule(
    code="T301",
    name="fuzzy-deadline",
    category=Category.TIME,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
