"""The phrases that time a commitment without a calendar day, as term patterns for :func:`agreed.text.hits.scan`.

Each pattern finds one shape of time and labels it: a ``period`` ("Q3", "by the end of the year", "in March 2027"), a
``relative`` time ("soon", "next week", "going forward"), a ``duration`` with no start ("within two weeks"), a
``fuzzy`` manner ("promptly", "in a timely manner"), a ``milestone`` (an undated event: "before launch", "after the
pilot ends", "during the rollout"), a ``condition`` ("once legal signs off"), a ``placeholder`` ("by <date>") and a
``numeric`` day, which countries read differently ("1/3/2027").
Finding a phrase is not judging it: whether it is the deadline of a commitment or a trigger clock, a description or an
agent is decided by the time rule with :mod:`agreed.text.clocks`. Every pattern is tried only on a text that holds a
word or a character it cannot match without, so most statements are scanned for a few shapes only.
"""

from __future__ import annotations

import re

from agreed.text.patterns import Regex, TermPattern, alternation, any_word, words_together
from agreed.text.vocabulary import HOLIDAY, MONTH, NUMBER, PLACEHOLDER, WEEKDAY, may_hold_placeholder

TYPE_CHECKING = False  # ``typing`` is not imported at run time; mypy reads this name as typing.TYPE_CHECKING
if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = [
    "CONDITION",
    "CONDITION_RE",
    "COUNT",
    "DAY_OF_MONTH",
    "DURATION",
    "EVENT",
    "EVENT_CLAUSE",
    "EVENT_DAY",
    "FUZZY",
    "LETTER_DATE",
    "MILESTONE",
    "NUMERIC_DATE",
    "OFFSET_MILESTONE",
    "PERIODS",
    "PLACEHOLDER_DATE",
    "PLAN_UNIT",
    "PREFIXED_EVENT",
    "PREPOSITION",
    "RELATIVE",
    "SPAN",
    "SPAN_NOUN",
    "TIME_PHRASES",
    "UNIT",
    "YEAR",
]

PREPOSITION = (
    r"(?:by|in|during|before|until|till|through|throughout|within|around|after|towards?|(?:no|not)\s+later\s+than"
    r"|(?:the\s+)?(?:end|start|beginning"
    r"|middle|close)\s+of|early|mid|late)"
)
YEAR = r"(?:FY\s?['\u2019]?\d{2,4}|(?:19|20)\d\d(?![\d\-/]))"
_UNIT_WORDS = ("day", "week", "fortnight", "month", "quarter", "year", "sprint", "hour", "hr", "minute", "min")
UNIT = rf"(?:business\s+|working\s+|calendar\s+)?(?:{'|'.join(f'{word}s?' for word in _UNIT_WORDS)})"
COUNT = rf"(?:{NUMBER}|a|an|one)"
"""How many units a duration or an offset counts: "3", "two", "a"."""
_PERIOD_NOUN = (
    r"(?:year|quarter|month|week|day|sprint|season|term|semester|fiscal\s+year|financial\s+year|calendar\s+year|FY"
    r"|pilot|project|phase|programme|program|engagement|contract|trial|migration|rollout|summer|winter|spring"
    r"|autumn|fall|play|business|fiscal|academic\s+year|school\s+year)"
)
EVENT = (
    r"(?:release|launch|go-live|go\s+live|golive|kick-?off|roll-?out|cut-?over|migration|pilot|re-?org"
    r"|reorganis(?:ation)|reorganiz(?:ation)|holidays|holiday\s+season|handover|hand-over|sign-off|completion|renewal|merger|acquisition|board\s+meeting|offsite|off-site|summit|conference|deadline"
    rf"|code\s+freeze|freeze|launch\s+date|{HOLIDAY}|year-end|quarter-end|month-end|general\s+availability"
    r"|GA|beta|MVP|v\d+(?:\.\d+)*|approval|restructuring|meeting|steering\s+(?:group|committee)|AGM|workshop"
    r"|retreat|trade\s+show|roadshow|trade\s+fair|expo|event|rebrand|relocation|audit|inspection|half[\s\-]?term|term"
    r"|review|retrospective|retro|check-?in|catch-?up|steering\s+review|all[\s\-]hands|town\s*hall|QBR|strategy\s+day"
    r"|away\s+day|planning\s+(?:cycle|session|day|round)|budget(?:ing)?\s+(?:cycle|round|season)|peak(?:\s+season)?"
    r"|(?<=next\s)board|(?<=upcoming\s)board|break|shutdown|busy\s+(?:season|period)|peak\s+period|recess"
    r"|(?:open|induction|training|results|inset)\s+(?:day|evening|week)|(?:funding|investment)\s+round|elections?"
    r"|go/no-go(?:\s+(?:meeting|decision|gate))?|commencement|(?:contract\s+)?award|close-?out|mobili[sz]ation)"
)
SPAN_NOUN = (
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


def _has_fy(text: str) -> bool:
    """Whether ``text`` may hold a fiscal year written "FY27" (upper case only, as the pattern matches it)."""
    return "FY" in text


def _period(pattern: str, needs: Callable[[str], object]) -> TermPattern:
    """One shape of period; each is tried only on texts that hold a word or a digit it cannot match without."""
    return TermPattern.raw(pattern, needs=needs, label="period")


# One pattern per shape, not one alternation: a statement is scanned only for the shapes its words allow.
PERIODS = (
    _period(
        rf"""(?:(?:by\s+)?(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+)?|(?<![\w\-]){PREPOSITION}\s+)?
        (?<![\w\-])(?-i:Q[1-4]|H[12]|[1-4]Q|[12]H)(?:\s*[/']?\s*{YEAR}|['\u2019/]\d{{2}}(?!\d))?(?![\w\-])""",
        _HAS_CODE,
    ),
    _period(
        rf"""(?<![\w\-])(?:{PREPOSITION}\s+)?quarter\s+(?:one|two|three|four|[1-4])(?![\w\-])
        (?!\s+of\s+(?:each|every))
        | (?<![\w\-])(?:{PREPOSITION}\s+)?(?:the\s+)?(?:first|second|third|fourth|last|1st|2nd|3rd|4th)
        \s+(?:quarter|half)(?!\s+of\s+(?:each|every))(?:\s+of\s+(?:the\s+)?(?:year|{YEAR}))?(?![\w\-])""",
        any_word("quarter", "half"),
    ),
    _period(rf"(?<![\w\-]){PREPOSITION}[\s\-]+(?:the\s+)?(?:year\s+)?{YEAR}", _HAS_YEAR),
    _period(r"(?<![\w\-])\d{4}-(?:0[1-9]|1[0-2])(?![\d\-])", _HAS_YEAR_MONTH),
    _period(
        rf"""(?<![\w\-]){PREPOSITION}[\s\-]+{MONTH}(?![a-z])(?:,?\s+(?:of\s+)?(?:19|20)\d\d)?(?!\s+\d{{1,2}}\b)
        | (?<![\w\-]){MONTH}(?![a-z])\s+(?:19|20)\d\d\b""",
        _HAS_MONTH,
    ),
    _period(
        rf"""(?<![\w\-])(?:{PREPOSITION}|this|next|over)[\s\-]+(?:the\s+)?{_SEASON}(?:\s+(?:of\s+)?(?:19|20)\d\d)?(?![\w\-])
        | (?<![\w\-]){_SEASON}\s+(?:19|20)\d\d\b""",
        _HAS_SEASON,
    ),
    _period(
        rf"""(?<![\w\-])(?:by\s+)?(?:the\s+)?(?:end|start|beginning|middle|close)\s+of\s+(?:the\s+|this\s+|next\s+)?
            {_PERIOD_NOUN}(?![\w\-])
        | (?<![\w\-])(?:by\s+)?(?:the\s+)?(?:year|quarter|month|half)[\s\-]end(?![\w\-])""",
        any_word("end", "start", "beginning", "middle", "close"),
    ),
    _period(r"(?<![\w\-])(?-i:EOY|EOQ|EOM|EOW|EOH)(?![\w\-])", any_word("eoy", "eoq", "eom", "eow", "eoh")),
    _period(
        rf"(?<![\w\-])(?:{PREPOSITION}\s+)?(?:the\s+)?(?:mid|half)[\s\-]?(?:year|term|quarter|month|week)(?![\w\-])",
        _has_mid,
    ),
    _period(r"(?<![\w\-])(?-i:FY)\s?['\u2019]?\d{2,4}(?=\s*(?:[.,;:)]|$))", _has_fy),
)
_RELATIVE_WORDS = (  # one of them is in every match of RELATIVE (the test of texts that may hold one)
    "soon", "shortly", "sooner", "eventually", "someday", "some", "tomorrow", "tonight", "today", "due", "down",
    "long", "now", "imminently", "time", "future", "term", "later", "earlier", "this", "next", "coming", "following",
    "few", "couple", "several", "days", "weeks", "months", "week", "month", "quarter", "year", "weekend", "forward",
    "early", "morning", "afternoon", "evening", "lunch", "lunchtime", "cob", "eod", "eob", "play", "sprint", "cycle",
    "iteration", "mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur", "thurs", "thursday",
    "fri", "friday", "sat", "saturday", "sun", "sunday", "years", "quarters", "subsequent",
)  # fmt: skip
_HAS_RELATIVE_WORD = any_word(*_RELATIVE_WORDS)
_WEEKDAYS = (  # every word WEEKDAY matches
    "mon", "monday", "tue", "tues", "tueday", "tuesday", "wed", "wednes", "wedday", "wednesday", "thu", "thur", "thurs",
    "thuday", "thurday", "thursday", "fri", "friday", "sat", "satur", "satday", "saturday", "sun", "sunday",
)  # fmt: skip
_PLURAL_UNITS = ("days", "weeks", "months", "quarters", "years")
_HAS_RELATIVE_SHAPE = words_together(
    (  # a word that only a relative time uses, or uses most of the time
        ("soon", "shortly", "sooner", "eventually", "someday", "tomorrow", "tonight", "today", "imminently", "future",
         "later", "earlier", "few", "couple", "several", "weekend", "lunch", "lunchtime", "subsequent", "cob", "eod",
         "eob", "play", "forward", "early", "long", "now"),
    ),
    (("this", "next", "coming"), ("year", "quarter", "month", "week", "sprint", "release", "cycle", "iteration",
                                  "phase", "season", "term", "semester", "fy", "weekend", "spring", "summer", "autumn",
                                  "fall", "winter", "morning", "afternoon", "evening", *_PLURAL_UNITS, *_WEEKDAYS)),
    (("following", "ahead"), _PLURAL_UNITS),
    (("in", "within"), ("days", "weeks", "months")),
    (("within",), ("week", "month", "quarter", "year", "sprint", "cycle", "iteration")),
    (("some",), ("day", "point", "stage", *_PLURAL_UNITS)),
    (("due",), ("course", "time")),
    (("down",), ("line", "road")),
    (("over",), ("time",)),
    (("these",), ("days",)),
    (("new",), ("year", "quarter", "term")),
    (("short", "near", "medium", "longer"), ("term",)),
    (_WEEKDAYS, ("by", "on", "before", "until", "till")),
)
"""Every match of RELATIVE holds a word of each set of one of these shapes: tighter than _RELATIVE_WORDS, one of
which every match holds too, where those words are common ("this", "days", "time")."""
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
    needs=lambda text: _HAS_RELATIVE_WORD(text) and _HAS_RELATIVE_SHAPE(text),
    label="relative",
)
DAY_OF_MONTH = TermPattern.raw(
    r"(?<![\w\-])(?:by|on|before|until)\s+the\s+\d{1,2}(?:st|nd|rd|th)(?=\s*(?:[.,;:!?)]|$|and\b|or\b))",
    needs=Regex(r"\d(?:st|nd|rd|th)\b", re.IGNORECASE).search,
    label="relative",
)
"""A day of a month that is not named: "by the 15th" moves with the month in which it is read."""
PLAN_UNIT = TermPattern.raw(
    r"""(?<![\w\-])(?:by|in|before|after|during|until|till|for)\s+(?:the\s+end\s+of\s+)?
    (?:sprint|release|milestone|phase|stage|iteration|wave|increment|PI|tranche)\s+\d+(?:\.\d+)*(?![\w\-])""",
    needs=any_word(
        "sprint", "release", "milestone", "phase", "stage", "iteration", "wave", "increment", "pi", "tranche"
    ),
    label="milestone",
)
"""A numbered unit of a plan with no day of its own: "by sprint 3", "in release 2", "by the end of phase 2"."""
_HAS_IN = any_word("within", "in")
_HAS_UNIT = any_word(*_UNIT_WORDS, *(f"{word}s" for word in _UNIT_WORDS))
"""Every word UNIT can end with: a duration or an offset holds one of them."""
DURATION = TermPattern.raw(
    rf"(?<![\w\-])(?:within|in)\s+(?:the\s+next\s+|the\s+first\s+)?{COUNT}[\s\-]+{UNIT}(?![\w\-])",
    needs=lambda text: _HAS_IN(text) and _HAS_UNIT(text),
    label="duration",
)
_BEFORE_MILESTONE = (
    "by", "before", "after", "until", "till", "at", "following", "ahead of", "prior to", "upon", "in time for",
    "through", "around",
)  # fmt: skip
_LEAD_UP = r"in\s+the\s+(?:run|lead)[\s\-]+up\s+to"
_BEFORE_SPAN = ("during", "throughout", "over the course of", "for the duration of")
_BEFORE_EVENT = ("after", "before", "until", "till", "once", "by the time", "as soon as", "when")
_FUZZY_WORDS = (  # one of them is in every match of FUZZY
    "promptly", "swiftly", "speedily", "expeditiously", "timely", "time", "schedule", "delay", "quickly", "away",
    "opportunity", "immediately", "reasonable", "short", "order", "convenience", "agreed", "right", "forthwith",
    "dispatch", "possible",
)  # fmt: skip
FUZZY = TermPattern.raw(
    r"""(?<![\w\-])(?:promptly|swiftly|speedily|expeditiously|timely|in\s+a\s+timely\s+(?:manner|fashion|way)
        |on\s+time|on\s+schedule|without\s+(?:undue\s+|unreasonable\s+)?delay|quickly|right\s+away|straight\s+away
        |at\s+the\s+earliest\s+(?:possible\s+)?(?:opportunity|date|time)|forthwith|with\s+(?:all\s+)?(?:reasonable|due)\s+dispatch
        |in\s+good\s+time|in\s+time(?:\s+for)?|immediately|in\s+short\s+order
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
    {EVENT}(?![\w\-])"""
_HAS_EVENT_PREPOSITION = any_word(*_BEFORE_MILESTONE, "run", "lead")
MILESTONE = TermPattern.raw(rf"(?<![\w\-]){_EVENT_AFTER_PREPOSITION}", needs=_HAS_EVENT_PREPOSITION, label="milestone")
OFFSET_MILESTONE = TermPattern.raw(
    rf"(?<![\w\-])(?:(?:within|in)\s+)?{COUNT}[\s\-]+{UNIT}\s+{_EVENT_AFTER_PREPOSITION}",
    needs=lambda text: _HAS_EVENT_PREPOSITION(text) and _HAS_UNIT(text),
    label="milestone",
)
"""An undated event with an offset: "30 days after go-live", "within 2 weeks after launch", "a fortnight before
launch"."""
SPAN = TermPattern.raw(
    rf"""(?<![\w\-]){alternation(_BEFORE_SPAN)}\s+
    (?:the\s+|this\s+|our\s+)?(?:(?!each|every|any)\w+\s+)?{SPAN_NOUN}(?![\w\-])""",
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
_CONDITION_SOURCE = rf"""(?P<condition>(?<![\w\-])
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
_CONDITION_WORDS = any_word("once", "soon", "when", "until", "till", "time")
CONDITION = TermPattern.raw(_CONDITION_SOURCE, needs=_CONDITION_WORDS, label="condition")
CONDITION_RE = Regex(_CONDITION_SOURCE, re.IGNORECASE | re.VERBOSE, _CONDITION_WORDS)
"""An undated event or condition as the timing of a commitment: "once legal signs off", "when data is available"."""
_SETTLING = (
    r"(?:settles?|settled|stabili[sz]es?|stabili[sz]ed|calms?|calmed|quiets?|quietens?|die|dies|eases?|slows?"
    r"|normali[sz]es?)(?:\s+(?:down|off))?"
)
_BREAK = r"(?:holidays|holiday\s+(?:season|period)|festive\s+(?:season|period|break)|break|summer\s+break)"
UNSETTLED = TermPattern.raw(
    rf"""(?<![\w\-])(?:
      (?:once|when|after|as\s+soon\s+as|until|till)\s+(?:things|(?:the|our|their|its|this|that)\s+(?:[\w\-]+\s+)?
        [\w\-]+)\s+{_SETTLING}
    | (?:once|when|as\s+soon\s+as)\s+(?:(?:they|it|these|those|this|that)\s+(?:are|is|become|becomes|get|gets)\s+)?
        available
    )(?![\w\-])""",
    needs=any_word(
        "settle", "settles", "settled", "stabilise", "stabilize", "stabilises", "stabilizes", "stabilised",
        "stabilized", "calm", "calms", "calmed", "quiet", "quiets", "quieten", "quietens", "die", "dies", "ease",
        "eases", "slow", "slows", "normalise", "normalize", "normalises", "normalizes", "available",
    ),
    label="unsettled",
)
"""A time set by a state nobody dates ("once things settle down", "when the dust settles", "after the launch
stabilises", "after things calm down") and availability with no event behind it ("provide the data once available",
"when they become available")."""
BREAK = _period(
    rf"(?<![\w\-])(?:over|across)\s+the\s+(?:{HOLIDAY}\s+|{_SEASON}\s+)?{_BREAK}(?![\w\-])",
    any_word("holidays", "holiday", "festive", "break"),
)
"""A break with no year: "over the Christmas holidays", "over the summer break"."""
PLACEHOLDER_DATE = TermPattern.raw(
    rf"(?<![\w\-])(?:by|before|until|on|due(?:\s+date)?|deadline|date|when)\s*:?\s+{PLACEHOLDER}",
    needs=may_hold_placeholder,
    label="placeholder",
)
LETTER_DATE = TermPattern.raw(
    r"(?<![\w\-])(?:by|before|until|no\s+later\s+than)\s+(?-i:[XYZ])(?=\s*(?:[,;:!?)]|\.?\s*$))",
    needs=any_word("x", "y", "z"),
    label="placeholder",
)
"""A letter standing for a day: "deliver X by Y" (not an initial: "by J. Smith")."""

NUMERIC_DATE = TermPattern.raw(
    r"""(?<![\w\-./])(?:\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})(?![\w\-/])
    | \d{1,2}\.\d{1,2}\.(?:19|20)\d\d(?![\w\-]|\.\d))""",
    needs=Regex(r"\d[/.]\d").search,
    label="numeric",
)
"""A day written in numbers ("1/3/2027", "31.03.2027"): read as 1 March in one country and 3 January in another; with
dots, only a four-digit year makes it a day rather than a version ("4.2.10")."""

TIME_PHRASES = (
    PLACEHOLDER_DATE, LETTER_DATE, NUMERIC_DATE, *PERIODS, OFFSET_MILESTONE, MILESTONE, PREFIXED_EVENT, EVENT_DAY,
    EVENT_CLAUSE, SPAN, CONDITION, UNSETTLED, BREAK, RELATIVE, DAY_OF_MONTH, PLAN_UNIT, DURATION, FUZZY,
)  # fmt: skip
"""Every pattern, in the order the rule scans them (the leftmost and longest hit wins where they overlap)."""
