"""A deadline names a period, a relative time or an undated event instead of a calendar day.

"Q3", "by the end of the year", "next month", "soon", "promptly", "going forward", "before launch" or "once legal
signs off" cannot be placed on a calendar, and they drift: the quarter may be a fiscal one, "next month" moves every
time the agreement is read, and launch or a sign-off may slip. When the day comes, partners disagree about whether
it has passed. Give the calendar day ("by 2027-09-30"), a duration from a dated day ("within 30 days of 2027-01-15"),
a recurrence ("every Monday"), or a service level that restarts at each named event ("within 4 hours of each Sev-1
page"). "ASAP" is reported by escape-clause, not here. A planned milestone of the work (kickoff, go-live, launch,
the next release) can be dated, so "within 30 days of go-live" is reported; a trigger recorded when it happens
(a signature, a request, termination) cannot, so "within 30 days of contract signature" passes. A day written in
numbers that reads as two days ("1/3/2027": 1 March day first, 3 January month first) is reported wherever it stands;
"31/03/2027" can only be one day. A holiday is a day once its year is given ("by Easter 2027"), not before ("by
Easter": which year's?).

Only the deadline of a commitment is read. A clock that restarts at each event of a kind ("every question", "each
contract", "if a build breaks", "reply to email", "each forecast ... before its event", "apply security patches
within 7 days of their release", "once the contract is signed, ... within 2 working days"), a duration counted from a
dated event ("after the go-live on 2027-06-01"), a date that describes something ("the 2026-11 survey", "the 60
starters joining in 2027"), "by" that names who acts ("reported by the pilot customers", "checked by the Finance
audit") or the year of a figure a set is ranked by ("the top 10 accounts by 2030 ARR") and the time a risk may come
true are not deadlines. Nor are a window measured over ("the no-show rate for April to June 2027", "time-to-resolve
under 30 minutes for every P1 incident in 2031", "the lowest monthly availability in 2031", "keep incidents at zero
in 2032", "monthly active merchants in December 2032", "median time to acknowledge, all pages in H1 2032") or how long a
state holds ("keep the current prices until the new list is agreed").

A standing practice (a relationship answer, a party's commitments, how check-ins run) recurs, so its own occasion is
its clock: the partners' meetings ("raise it at the next check-in"), the weekday of a routine ("a note on Tuesday
morning"), a counted window from each occurrence ("orders due in the next 14 days") and a duration from an event the
statement names ("whoever hears of an outage phones the other lead within 2 hours") pass there, while "promptly",
"soon", "later" or "by Q3" fire as anywhere. An item with a day of its own (a milestone's due date, the day results
are communicated) dates an event it happens at ("a slot at the all-hands"). A target's metric names what is counted,
and the target its own day: a period with its year there ("active merchants in Q1 2032") is the window of the count.

Fires on:
    Reduce churn by Q4.
    Ship the billing export early next year, or soon after the reorg.
    Respond to the audit findings within two weeks.
    Launch the partner portal once legal signs off, and share the usage figures going forward.
    Train the support agents within 30 days of go-live.
    Publish the revised rota by 1/3/2027.
    Publish the holiday rota by Thanksgiving.

Passes:
    Ship the billing export by 2027-02-01 (or 1 February 2027, or February 1, 2027).
    Send the revised rota by 31/03/2027.
    Publish the board pack by the 5th business day of each month and review it every Monday.
    Acknowledge each Sev-1 page within 15 minutes; resolve complaints within 10 business days of receipt.
    Answer every sales question in #onboarding within 4 working hours; renew 90 days before each contract ends.
    Train the agents within 3 working days after the go-live on 2027-06-01.
    Retest the faults reported by the 5 pilot customers by 2027-06-30.
    Share the 3 blockers named most often in the 2026-11 survey with Product every Monday.
    Report the no-show rate for April to June 2027; keep the current rota until the new one is signed.
    Fix every open bug before release 4.2 ships on 2027-03-01; make search 20% faster than in release 4.1.
    Attend all 12 monthly reviews in 2027 and keep the rota until the new one is signed.
    Keep time-to-resolve under 30 minutes for every P1 incident in 2031, checked by the Finance audit.
    Rank the top 10 accounts by 2030 ARR; file each forecast at least 30 days before its event.
    Apply security patches within 7 days of their release; publish the holiday rota by Thanksgiving 2027.
    Once the contract is signed, create the tenant within 2 working days.
    Keep Sev-1 incidents caused by releases at zero in 2032; report the monthly active merchants in December 2032.
"""

from __future__ import annotations

import re
from functools import partial
from typing import TYPE_CHECKING

from agreed.lint.rule import Category, TextRule, TextSpan
from agreed.problem import Severity
from agreed.text.clocks import (
    DATED_BY,
    counts_from_dated_day,
    counts_from_named_event,
    dated_elsewhere,
    describes_a_set,
    grants_a_right,
    holds_by_itself,
    in_aside,
    in_purpose,
    is_cadenced,
    is_counted_window,
    is_measurement_window,
    is_occasion_of_practice,
    is_plural_generic,
    is_rate_window,
    is_routine_slot,
    kept_until,
    names_agent,
    ranks_by,
    restarts_each_time,
    serves_each_instance,
    specifies_behaviour,
)
from agreed.text.hits import Hit, scan, text_after, text_before
from agreed.text.measures import has_date, numeric_day_readings
from agreed.text.patterns import Regex
from agreed.text.time_phrases import CONDITION_RE, COUNT, EVENT, PREPOSITION, SPAN_NOUN, TIME_PHRASES, UNIT, YEAR
from agreed.text.vocabulary import DATE, HOLIDAY, MONTH, NUMBER, WEEKDAY

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from agreed.lint.rule import TextContext

_MESSAGES = {
    "period": "is a period, not a day: give the calendar day it ends on, as YYYY-MM-DD",
    "relative": "is relative to when it was written: give the calendar day",
    "duration": "is a duration with no dated start: anchor it to a day or to each named event",
    "fuzzy": "names no deadline: give a calendar day or a duration from a dated event",
    "milestone": "is an undated event: give the calendar day it falls on",
    "condition": "is an undated condition: give the calendar day, or a duration from a dated event",
    "unsettled": "is an undated condition: give the calendar day, or a duration from a dated event",
    "placeholder": "is a placeholder deadline: give the calendar day",
}
_DETERMINER = Regex(r"\b(?:the|a|an|our|their|its|this|that|his|her|whose|each|every|for|of|per|from)$")
_FUNCTION_WORDS = frozenset(
    {
        "and", "or", "but", "with", "to", "for", "at", "on", "by", "in", "of", "from", "the", "a", "an", "we", "i",
        "you", "they", "he", "she", "it", "will", "shall", "must", "should", "would", "can", "could", "may", "might",
        "if", "so", "when", "as", "after", "before", "then", "that", "which", "who", "is", "are", "was", "were", "be",
        "latest", "earliest", "while", "until", "till", "unless", "once", "than", "via", "per", "across", "into",
        "through", "throughout", "over", "under", "within", "without", "including", "except", "plus", "among",
        "against", "towards", "toward", "during", "also", "only", "already", "again", "now", "too",
    }
)  # fmt: skip
_DAY_BEFORE = Regex(r"\d{1,2}(?:st|nd|rd|th)?\s*(?:of)?$")
_RECURRING_BEFORE = Regex(r"\b(?:each|every|per|once\s+a|twice\s+a)$")
_DATE_NEAR = Regex(rf"{DATED_BY}{DATE}", re.IGNORECASE, has_date)
"""A calendar day right after a phrase, or in a bracket or an apposition after it: "on 2027-06-01", "(scheduled
2027-06-01)", ", planned for 2027-06-01", "(go-live: 2027-06-01)"."""
_CALENDAR_RULE = Regex(
    rf"\s+on\s+the\s+(?:first|second|third|fourth|last|1st|2nd|3rd|4th)\s+{WEEKDAY}\s+(?:of|in)\s+(?:each|every|{MONTH})",
    re.IGNORECASE,
)
"""A day given by a calendar rule: "at the AGM on the first Saturday of March"."""
_ANCHOR = Regex(r"\s+(?:of|after|from|following)\s+", re.IGNORECASE)
_TRIGGER = Regex(
    r"(?:\S+\s+){0,3}?(?:receipt|termination|expiry|expiration|signature|signing|notice|notification|request|breach"
    r"|detection|discovery|referral|report|complaint|admission|discharge|arrival|departure|delivery|unloading"
    r"|purchase|order|payment|booking|submission|escalation|incident|failure|outage|alert|page|ticket)s?\b",
    re.IGNORECASE,
)
_PLANNED = Regex(
    rf"(?:the\s+|our\s+|this\s+)?(?:next\s+|first\s+|planned\s+|upcoming\s+)?(?:[\w\-]+\s+)?(?:{EVENT}|{SPAN_NOUN})\b",
    re.IGNORECASE,
)
_SHARED_ANCHOR = Regex(rf"\b(?:within|in)\s+{COUNT}[\s\-]+{UNIT}\s+(?:of|after|from|following)\s+", re.IGNORECASE)
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
_EVENT_AT_END = Regex(rf"{EVENT}$", re.IGNORECASE)
_PERIOD_END = Regex(r"(?:month|quarter|year|week)[\s\-]?end$", re.IGNORECASE)
_NTH_PERIOD = Regex(r"\bthe\s+(?:first|last|final|initial)\s+(?:days?|weeks?|months?|years?|quarters?)$", re.I)
_IN_MAY = Regex(r"(?:in|by|before|until|till)\s+may(?:\s+\d{4})?")
_MONTH_FIRST = Regex(MONTH, re.IGNORECASE)
_WORD = Regex(r"[a-z][\w\-]*")
_PLURAL_INSIDE = Regex(r"[^s\s]s\s+\S", re.IGNORECASE)
_PREPOSITION_FIRST = Regex(PREPOSITION, re.IGNORECASE)
_SCOPING_PREPOSITION = Regex(r"(?:in|during|within|throughout|for)\b", re.IGNORECASE)
_AFTER_PERIOD_END = Regex(
    r"\s+(?:of|after|following|from)\s+(?:the\s+)?(?:(?:month|quarter|year|week)[\s\-]?end|end\s+of\s+(?:the|each)\s+\w+)",
    re.IGNORECASE,
)
_DATED_SPAN = Regex(rf"(?:during|throughout)\s+(?:(?-i:Q[1-4]|H[12])\s+)?{YEAR}$", re.IGNORECASE)
_WEEKDAY_TERM = Regex(rf"\b{WEEKDAY}$", re.IGNORECASE)
_SUBORDINATE_EVENT = Regex(r"(?:when|once|until|till|after|before)\b", re.IGNORECASE)
_ONE_OFF_EVENT = Regex(
    r"\b(?:shall|must|will|should|to)\s+(?:launch|ship|go\s+live|retire|migrate|open|close\s+down"
    r"|be\s+(?:available|ready|live|in\s+place|operational|launched|released|deployed|delivered|replaced|migrated))\b",
    re.IGNORECASE,
)
_HOLIDAY_AT_END = Regex(rf"\b{HOLIDAY}$", re.IGNORECASE)
_YEAR_AFTER = Regex(r",?\s+(?:of\s+)?(?:19|20)\d\d(?![\d\-/])")
_UNTIL = Regex(r"(?:until|till)\b", re.IGNORECASE)
_THAN_BEFORE = Regex(r"\bthan\s*$", re.IGNORECASE)
_EVENT_DATED_AFTER = Regex(
    rf"(?:\s+(?!and\b|or\b|then\b)[\w.\-]+){{1,4}}?\s+(?:on|at|by)\s+{DATE}", re.IGNORECASE, has_date
)
"""The event's own verb and day right after it, in the same clause: "before release 4.2 ships on 2027-03-01"."""
_PLACES_THE_ITEM = Regex(r"(?:at|on|during|throughout|through|around)\b", re.IGNORECASE)
"""A preposition that places the item at an event, rather than bounding it by one ("before launch")."""
_EVENT_IN_SENTENCE = Regex(r"\b(?:when|once|after|as\s+soon\s+as)\s+(?:the|our|their|its)\s+\S+", re.IGNORECASE)
_ITEM_EVENT = Regex(
    r"(?:after|following|upon|on|before|until|by)\s+(?:approval|sign-?off|completion|handover|hand-over|receipt"
    r"|submission|inspection|acceptance)$",
    re.IGNORECASE,
)
"""An event with no determiner that happens to each item of a set ("after approval"), not to the whole project."""
_CODE = Regex(r"(?<![\w\-])(?:Q[1-4]|H[12]|[1-4]Q|[12]H)(?:\s*[/']?\s*\d{2,4})?$")
_YEAR_IN = Regex(r"\d{2,4}|FY", re.IGNORECASE)
_IN_PERIOD = Regex(r"(?:in|during)\s", re.IGNORECASE)
"""With a cadence, "in spring" or "in January" is the slot of each cycle ("twice a year, in spring and autumn")."""
_THE_YEAR = Regex(rf"\bthe\s+{YEAR}$", re.IGNORECASE)
_ON_TIME = Regex(r"on\s+(?:time|schedule)$", re.IGNORECASE)
_PERCENT = Regex(r"\d\s?(?:%|percent|per\s?cent)", re.IGNORECASE)
_AFTER_AT_END = Regex(r"\b(?:after|following)\s*$", re.IGNORECASE)
_DATE_AT_END = Regex(rf"{DATE}\s*$", re.IGNORECASE, has_date)
_STARTING_EVENT = Regex(r"(?:after|following|upon)\b", re.IGNORECASE)
_QUANTIFIED_EVENT = Regex(r"^\S+\s+(?:each|every|any|a|an)\b", re.IGNORECASE)
_PRONOUN_EVENT = Regex(r"^\S+\s+(?:it|they|he|she)\b", re.IGNORECASE)
_OWN_EVENT = Regex(r"\b(?:its|their|his|her)\s+(?:[\w\-]+\s+)?[\w\-]+$", re.IGNORECASE)
"""An event that belongs to what the sentence is about ("before its event", "after their renewal")."""
_OFFSET_BEFORE = Regex(rf"{COUNT}[\s\-]+{UNIT}$", re.IGNORECASE)
_TERM_COMPOUND = Regex(
    r"\s*(?:loans?|lease|leases|let|lets|rentals?|disability|debt|borrowing|financing|investments?|deposits?|memory"
    r"|storage|cache|visas?|credentials?|tokens?|liabilit(?:y|ies)|contracts?|workers?|staff|sickness|absences?"
    r"|parking|accommodation|stays?|assignments?|sick|leave|illness|care|cover)\b",
    re.IGNORECASE,
)


def _keep(hit: Hit, context: TextContext) -> bool:
    if hit.label == "numeric":
        return len(numeric_day_readings(hit.term)) > 1  # "1/3/2027", 1 March or 3 January; "31/03/2027" is one day
    if context.counted and hit.label == "period" and _YEAR_IN.search(hit.term):
        return False  # "merchants signed in Q1 2032" in a target's metric: the window of the count
    before = text_before(hit.masked, hit.start, 2)
    if _RECURRING_BEFORE.search(before) or _is_dated_after(hit) or in_aside(hit.sentence):
        return False  # "every quarter", "once a month", "on Friday 2027-03-05", "Risk: ... during the peak"
    if _IN_MAY.fullmatch(hit.term):
        return False  # lower-case "may" is the modal verb
    if context.standing and _placed_by_the_practice(hit):
        return False
    if context.dated and hit.label == "milestone" and _PLACES_THE_ITEM.match(hit.term):
        return False  # "a joint slot at the revenue all-hands" in an item with its own day: the event falls on it
    if _UNTIL.match(hit.term) and _holds_a_state(hit, standing=context.standing):
        return False
    if _THAN_BEFORE.search(hit.before):
        return False  # "20% faster than in release 4.2": the time is the baseline compared with, not a deadline
    keep = _KEEP_BY_LABEL.get(hit.label)
    return keep is None or keep(hit, before)


def _placed_by_the_practice(hit: Hit) -> bool:
    """Whether a standing practice places the time by its own occasion, which recurs: the partners' meetings ("at
    the next check-in"), the weekday of a routine ("on Thursday", "at the next Monday stand-up"), a counted window
    from each occurrence ("in the next 14 days"), or a duration from an event the statement names."""
    if hit.label == "milestone":
        return is_occasion_of_practice(hit.term)
    if is_counted_window(hit.term):
        return True
    if hit.label == "relative" and _WEEKDAY_TERM.search(hit.term):
        return is_routine_slot(hit.term) or _names_noun_after(hit)
    return hit.label == "duration" and counts_from_named_event(_period_before(hit))


def _period_before(hit: Hit) -> str:
    """The masked text before ``hit`` since the last full stop: its sentence with the clauses before a semicolon."""
    head = hit.masked[: hit.start]
    stop = max(head.rfind(mark) for mark in (". ", "? ", "! ", "\n"))
    return head[stop + 1 :].lstrip()


def _holds_a_state(hit: Hit, *, standing: bool) -> bool:
    """ "The price is fixed until the contract is renewed", "keep the current prices until the new list is agreed":
    how long a state holds, not a deadline."""
    before = hit.clause[: max(0, hit.clause.find(hit.term))] or hit.before
    if hit.label == "condition" and holds_by_itself(before):
        return True
    return kept_until(before, hit.term, standing=standing) or kept_until(hit.before, hit.term, standing=standing)


def _is_dated_after(hit: Hit) -> bool:
    """Whether a calendar day, or a rule that gives one, follows the phrase ("before launch (2027-03-01)"), or a year
    follows a holiday ("by Easter 2027": fixed for that year, however it moves from year to year)."""
    return bool(
        _DATE_NEAR.match(hit.masked, hit.end)
        or _CALENDAR_RULE.match(hit.masked, hit.end)
        or (hit.label == "milestone" and _EVENT_DATED_AFTER.match(hit.masked, hit.end))
        or (_HOLIDAY_AT_END.search(hit.term) and _YEAR_AFTER.match(hit.masked, hit.end))
    )


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
        or grants_a_right(hit.masked, hit.start)  # "Customers may cancel within 14 days": each from their own start
    )


def _is_behaviour_bound(hit: Hit) -> bool:
    """ "The batch job shall complete within 2 hours" bounds every run of a system's behaviour; "The portal will
    launch within 6 months" times one event of a project, which is a deadline."""
    return not _ONE_OFF_EVENT.search(hit.sentence) and specifies_behaviour(hit.masked, hit.start)


_COUNTED_SET = Regex(
    rf"{NUMBER}\s+(?:daily|weekly|fortnightly|monthly|quarterly)\s+(?:[\w\-]+\s+){{0,2}}[\w\-]+s\s*$",
    re.IGNORECASE,
)
"""A counted set of recurring occasions just before a period ("attend all 12 monthly reviews in 2027"): the period
scopes which occasions are meant, it sets no deadline ("ship it for all 120 stores in Q3 2027" still has one)."""
_ZERO_COUNT = Regex(r"\b(?:zero|0)\s+(?:[\w\-]+\s+){0,3}[\w\-]+\s*$", re.IGNORECASE)
"""A count of none just before a period: the events counted over it, a window measured over, not a deadline."""


def _keep_period(hit: Hit, before: str) -> bool:
    if _MONTH_FIRST.match(hit.term) and _DAY_BEFORE.search(before):
        return False  # "31 March 2027" is a day
    return not (
        _is_label(hit, before)
        or _is_scope(hit)
        or describes_a_set(hit.before)
        or is_rate_window(hit.before)
        or _ZERO_COUNT.search(hit.before)  # "zero Sev-1 incidents in March 2027": a count measured over the month
        or _COUNTED_SET.search(hit.before)
        or is_measurement_window(hit.before, hit.term)  # "the no-show rate for April to June 2027"
        or (ranks_by(hit.before, hit.term) and _names_noun_after(hit))  # "the top 10 accounts (by 2030 ARR)"
        or _DATED_SPAN.match(hit.term)  # "during 2027, keep P1 response under 15 minutes": a span with both ends
        or _is_each_period_end(hit)
        or (_IN_PERIOD.match(hit.term) and not _YEAR_IN.search(hit.term) and is_cadenced(hit.sentence))
        or _DATE_AT_END.search(hit.before)  # "before the 2027-09-01 start of term"
        or _DEFINING_CLAUSE.match(hit.masked, hit.end)  # "the end of the month in which the breach occurred"
    )


def _keep_milestone(hit: Hit, before: str) -> bool:
    """An event, a span or an event clause is kept when it is one undated occurrence that times the commitment."""
    return not (_recurs(hit) or _only_describes(hit) or _is_dated_elsewhere(hit) or _starts_a_clock(hit))


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
    if _OWN_EVENT.search(hit.term) and restarts_each_time(hit.sentence):
        return True  # "each forecast ... 30 days before its event": every item's own event
    if _RECURRENT_MODIFIER.search(hit.term) and not _SINGLE_OCCURRENCE.search(hit.term):
        return True  # "at the monthly review" is a cadence, not a deadline
    if _ITEM_EVENT.search(hit.term) and restarts_each_time(hit.sentence):
        return True  # "pays approved expense claims ... after approval": each claim's own approval
    if _is_each_period_end(hit):
        return True
    # "each apprentice ... during the first year": each one's own first year
    return bool(_NTH_PERIOD.search(hit.term)) and restarts_each_time(hit.sentence)


def _is_each_period_end(hit: Hit) -> bool:
    """Whether a month-end or a year-end is every one of them: "monthly, within 3 working days after month-end", "Each
    manager submits the count on the first working day after month-end"."""
    if not _PERIOD_END.search(hit.term):
        return False
    after = _STARTING_EVENT.match(hit.term) or _AFTER_AT_END.search(hit.before)
    return is_cadenced(hit.sentence) or (after is not None and restarts_each_time(hit.sentence))


def _only_describes(hit: Hit) -> bool:
    """Whether the event starts the work, names the noun after it or names who acts, rather than timing the work."""
    if _STARTING_EVENT.match(hit.term) and has_date(hit.sentence):
        return True  # "Following the Q4 review, ... by 2027-03-19": the event starts the work, the day ends it
    following = _WORD.match(text_after(hit.masked, hit.end, 1))
    head = following.group() if following is not None else ""
    if head and head not in _FUNCTION_WORDS and not _EVENT_HEAD.match(head):
        return True  # "by the pilot customers": the event word only describes the noun after it
    return hit.term.lower().startswith("by") and names_agent(hit.before, hit.term)


def _is_dated_elsewhere(hit: Hit) -> bool:
    """Whether the statement dates the event, in the phrase ("before the 2027-09-01 start of term") or elsewhere ("The
    CRM goes live on 2027-04-01; ... before go-live")."""
    if has_date(hit.term):
        return True
    event = _EVENT_AT_END.search(hit.term)
    return event is not None and dated_elsewhere(hit.masked, event.group())


def _keep_condition(hit: Hit, before: str) -> bool:
    """An undated condition is kept when one event is meant ("once legal signs off"), not a kind of event that recurs
    ("when customers are onboarded"), and no calendar day in its clause gives the deadline."""
    match = CONDITION_RE.match(hit.masked, hit.start)
    subject = (match.group("subject") if match is not None else None) or ""
    plural_inside = _PLURAL_INSIDE.search(subject) is not None
    if plural_inside or is_plural_generic(subject) or has_date(hit.sentence):
        return False  # "when customers ask": a kind of event that recurs; "..., by 2027-03-01": the day is the deadline
    if restarts_each_time(hit.sentence):
        return False  # "Refunds are processed once the returned item is inspected": each item's own event
    if _starts_a_clock(hit):
        return False
    return not specifies_behaviour(hit.masked, hit.start)  # "The system shall allow edits until the batch is posted"


def _keep_unsettled(hit: Hit, before: str) -> bool:
    """A state nobody dates ("once things calm down", "when they become available") happens once, whoever it is
    said of: it is kept unless a calendar day in its sentence gives the deadline."""
    return not has_date(hit.sentence)


_RECORDED_TRIGGER = Regex(
    r"\b(?:(?:is|are|has\s+been|have\s+been|gets)\s+(?:\w+ly\s+)?(?:signed|countersigned|received|requested"
    r"|submitted|terminated|reported|notified|paid|ordered|booked|placed|filed|cancell?ed|canceled)"
    r"|signs|countersigns|requests|submits|terminates|reports|notifies|pays|orders|books|files|cancels)$",
    re.IGNORECASE,
)
"""An event recorded when it happens, which nobody can date in advance (a signature, a request, a payment): like
"within 2 days of contract signature", a duration after it counts from it."""
_DURATION_AFTER = Regex(rf"\b(?:within|in)\s+{COUNT}[\s\-]+{UNIT}\b", re.IGNORECASE)


def _starts_a_clock(hit: Hit) -> bool:
    """ "Once the contract is signed, ... within 2 working days": an event recorded when it happens starts the clock
    of a duration after it, as in "within 2 days of contract signature"; "once the migration is complete" is a
    milestone of the work, which can be dated."""
    return _RECORDED_TRIGGER.search(hit.term) is not None and _DURATION_AFTER.search(hit.after) is not None


def _keep_fuzzy(hit: Hit, before: str) -> bool:
    if hit.term.lower() == "immediately" and specifies_behaviour(hit.masked, hit.start):
        return False  # "The system shall lock the account immediately after the 5th failed attempt": in the same step
    if _ON_TIME.match(hit.term) and (_PERCENT.search(hit.sentence) or _names_noun_after(hit)):
        return False  # "95 % of trains on time" is a measure of punctuality; "on time delivery" names one
    return not in_purpose(hit.before)  # "so that I can pay quickly": the manner of a benefit


def _names_noun_after(hit: Hit) -> bool:
    """Whether the word after ``hit`` is a noun it describes ("on time delivery", "H2 tables")."""
    word = _WORD.match(text_after(hit.masked, hit.end, 1))
    return word is not None and word.group() not in _FUNCTION_WORDS


def _keep_relative(hit: Hit, before: str) -> bool:
    term = hit.term.lower()
    if _WEEKDAY_TERM.search(term) and is_cadenced(hit.sentence):
        return False  # "meet every Monday and share updates by Friday": each week's Friday
    if term == "early":
        return not _OFFSET_BEFORE.search(hit.before.rstrip())  # "10 minutes early" is measured
    if term.endswith("term"):
        return not _TERM_COMPOUND.match(hit.masked, hit.end)  # "short-term loans" is a kind of loan
    return not _after_each_period(hit)


_NEXT_PERIOD = Regex(r"\b(?:next|following)\s+(week|month|quarter|year)\b", re.IGNORECASE)
_ADJECTIVE_OF = {"week": "weekly", "month": "monthly", "quarter": "quarterly", "year": "yearly|annual"}


def _after_each_period(hit: Hit) -> bool:
    """Whether "the next month" follows each period the sentence counts in ("for each calendar month by the 5th
    working day of the next month", "that month's fee"): the month after each one, not after the writing."""
    period = _NEXT_PERIOD.search(hit.term)
    if period is None:
        return False
    unit = period.group(1).lower()
    each = rf"\b(?:(?:each|every|per|that|the\s+same)\s+(?:calendar\s+|financial\s+)?{unit}|{_ADJECTIVE_OF[unit]})\b"
    return re.search(each, hit.before, re.IGNORECASE) is not None


_KEEP_BY_LABEL: dict[str, Callable[[Hit, str], bool]] = {
    "duration": _keep_duration,
    "period": _keep_period,
    "milestone": _keep_milestone,
    "condition": _keep_condition,
    "unsettled": _keep_unsettled,
    "fuzzy": _keep_fuzzy,
    "relative": _keep_relative,
}


def _is_anchored(hit: Hit) -> bool:
    """ "Within 30 days of termination" restarts at a recorded trigger; "after the go-live on 2027-06-01" counts from a
    calendar day; "of go-live" names an undated milestone."""
    anchor = _ANCHOR.match(hit.masked, hit.end)
    if anchor is None:
        return False
    if counts_from_dated_day(hit.masked, hit.end) or _each_own_event(hit, anchor.end()):
        return True
    return _TRIGGER.match(hit.masked, anchor.end()) is not None or _PLANNED.match(hit.masked, anchor.end()) is None


_THEIR = Regex(r"their\b", re.IGNORECASE)
_GENERIC_PLURAL = Regex(r"[\w\-]*[^\Ws]s\s*$", re.IGNORECASE)
_ONE_SET = Regex(r"\b(?:the|these|those|our|your|its|their|his|her)\s+(?:[\w\-]+\s+){0,2}$", re.IGNORECASE)


def _each_own_event(hit: Hit, anchor: int) -> bool:
    """ "Apply security patches within 7 days of their release": "their" takes up a plural with no determiner just
    before the duration, a kind whose members each have their own release, so each starts its own clock ("the
    patches ... of their release" is one set, and one release)."""
    if not _THEIR.match(hit.masked, anchor):
        return False
    return _GENERIC_PLURAL.search(hit.before) is not None and _ONE_SET.search(hit.before) is None


def _is_label(hit: Hit, before: str) -> bool:
    """ "The Q3 2027 promotion committee", "the Q4 review": the period names a thing, it is no deadline."""
    names_noun = _names_noun_after(hit)
    if names_noun and (_CODE.search(hit.term) or _THE_YEAR.search(hit.term)):
        return True  # "store it in H2 tables", "through the 2027 peak": the code or year names the noun after it
    if _PREPOSITION_FIRST.match(hit.term):
        return False
    return bool(_DETERMINER.search(before)) or names_noun


def _is_scope(hit: Hit) -> bool:
    """ "Falls reported in 2026 ... by 2027-02-09": with a calendar day given, "in <period>" scopes the data."""
    return bool(_SCOPING_PREPOSITION.match(hit.term)) and has_date(hit.sentence)


def check(text: str, context: TextContext) -> Iterator[TextSpan]:
    for hit in scan(text, *TIME_PHRASES, keep=partial(_keep, context=context)):
        yield TextSpan(hit.start, hit.end, f'"{hit.term}" {_message(hit)}')


def _message(hit: Hit) -> str:
    if hit.label != "numeric":
        return _MESSAGES[hit.label]
    day_first, month_first = numeric_day_readings(hit.term)
    return f"is ambiguous, {day_first} read day first or {month_first} month first: write the day as YYYY-MM-DD"


RULE = TextRule(
    code="T301",
    name="fuzzy-deadline",
    category=Category.TIME,
    severity=Severity.WARNING,
    doc=__doc__ or "",
    check=check,
)
