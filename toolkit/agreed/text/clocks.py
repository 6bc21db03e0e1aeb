"""Whether a time phrase is the deadline of a commitment, or something else that only looks like one.

A time phrase in a statement plays one of several roles, and only one of them is a fuzzy deadline:

- a **trigger clock** restarts at each event of a bounded kind: "within 4 working hours of each question",
  "90 days before each contract ends", "if a build breaks, revert it within 30 minutes", "should the link fail, switch
  within 5 minutes", "reply to email within 1 business day" (each e-mail starts the clock);
- a **dated anchor**: "within 3 working days after the go-live on 2027-06-01" counts from a calendar day;
- a **rate window**: "locked after 5 failed attempts within 15 minutes", "at least one login in 90 days" bound how
  often something happens, not when anything is due;
- a **description** of a set or an event: "the 60 starters joining in 2027", "the 11 reports retired in 2026";
- an **agent**: "reported by the 5 pilot customers", "checked by the Finance audit" ("by" names who reported, not
  when), or a **ranking key**: "the top 10 accounts (by 2030 ARR)";
- an **aside**: the time a risk or a reservation may come true ("Risk: volumes may exceed forecast during the
  peak") or a manner in a purpose ("so that I can pay quickly");
- a **behaviour** of a system, which holds for every case it meets ("The batch job shall complete within 2 hours"),
  a **right** of those the agreement serves ("Customers may cancel within 14 days"), or a slot of a **cadence**
  ("monthly, within 3 working days after month-end");
- a **window** over which something is measured: a range with both ends on the calendar ("for April to June
  2027"), or the span of a level held or a statistic taken ("under 30 minutes for every P1 incident in 2031", "the
  lowest monthly availability in 2031");
- the **occasion** of a standing practice, which recurs: the partners' own meetings ("at the next check-in"), the
  weekday of a routine ("a note on Tuesday morning"), a window counted from each occurrence ("orders due in the next
  14 days"), or the event a statement names before its duration ("whoever hears of an outage phones the other lead
  within 2 hours");
- how long a **state** holds ("the price is fixed until ...", "keep the current prices until the new list is
  agreed").

The functions here read the masked statement (:func:`agreed.text.sentences.mask`) around a phrase and answer yes or
no; the time rules keep a phrase only when none of these roles fits.
"""

from __future__ import annotations

import re

from agreed.text.measures import names_statistic
from agreed.text.patterns import Regex
from agreed.text.sentences import sentence_around
from agreed.text.subjects import SubjectKind, classify_subject, subject_before
from agreed.text.vocabulary import DATE, MONTH, NUMBER, WEEKDAY

__all__ = [
    "DATED_BY",
    "answers_someone",
    "counts_from_dated_day",
    "counts_from_named_event",
    "dated_elsewhere",
    "describes_a_set",
    "grants_a_right",
    "holds_by_itself",
    "in_aside",
    "in_purpose",
    "is_cadenced",
    "is_counted_window",
    "is_measurement_window",
    "is_occasion_of_practice",
    "is_plural_generic",
    "is_rate_window",
    "is_routine_slot",
    "kept_until",
    "names_agent",
    "ranks_by",
    "restarts_each_time",
    "serves_each_instance",
    "specifies_behaviour",
    "takes_up",
]

_CONDITION = Regex(
    r"""(?:^\s*(?:[-*\u2022]\s+)?should\s                             # an inverted condition: "Should the link fail"
    | \b(?:if|whenever|each\s+time|every\s+time|any\s+time|in\s+(?:the\s+)?(?:case|event)\s+(?:of|that))\b
    | \b(?:when|once|after|as\s+soon\s+as|upon|on)\s+(?:a|an|any|each|every|another|i|we|you|they|he|she|it)\b
    | \b(?:on|upon)\s+(?:the\s+)?(?:receipt|receiving|notification|detection|discovery|submission|completion
        |termination|expiry|expiration|cancellation)\b
    | (?:^|[;:]\s*)(?:a|an|any)\s+(?:[\w\-]+\s+){0,3}?(?:is|are|gets)\s+(?:\w+\s+)?[a-z]+(?:ed|en)\b
    | ^\s*(?!(?:the|our|their|its|this|these|those|all|some)\b)[a-z][\w\-]*[^s\W]s\b[^.;]{0,40}?\b(?:are|get)\s+
        (?:\w+ly\s+)?[a-z]+(?:ed|en)\b
    )""",
    re.IGNORECASE | re.VERBOSE,
)
"""A condition that can hold again and again: a conditional clause, an event with an indefinite or a pronoun
subject ("when a customer asks", "when I see a risk"), a recorded trigger ("on receipt of", "upon termination"), or
a passive about any member of a kind ("a broken build is fixed or reverted within 1 hour", "Contracts over EUR
50,000 are approved within 3 working days")."""

_BOUNDED_SET = Regex(r"\b(?:each|every|per|any)\b|\ball\s+(?!the\b)", re.IGNORECASE)
"""A quantifier over a set whose members each start a clock ("each question", "every P1", "all requests")."""

_INBOUND = Regex(
    r"""\b(?:tickets|requests|pages|incidents|complaints|alerts|invoices|orders|escalations|calls|e-?mails?|messages
    |queries|claims|bugs|defects|cases|leads|applications|submissions|refunds|returns|changes|pull\s+requests|PRs
    |outages|breaches|enquiries|inquiries|questions|chats?|voicemails?|referrals|bookings|disagreements|disputes
    |objections|grievances|appeals|concerns|issues|blockers|problems|faults|errors|failures|mentions|pings|DMs
    |comments|notifications|invitations|decisions|action\s+items)\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""Items that keep arriving ("tickets", "email")."""
_ARRIVING = Regex(
    r"""\b(?:reported|received|submitted|raised|logged|flagged|filed|opened|referred|requested|detected|returned)\b
    | \b(?:confirms?|acknowledges?)\s+receipt\b
    | \b(?:(?-i:P[0-5]|S[1-4])|sev(?:erity)?[\s\-]?[0-5]|priority\s+[0-5])\s+(?:in|within|(?:[\w\-]+\s+)?
        (?:response|resolution|fix|tickets?|incidents?|issues?|bugs?|defects?|alerts?|pages?|calls?|cases?))\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""Items that arrive: a participle ("defects reported by users"), a receipt to confirm, or a priority class of
tickets ("P1 response in 15 minutes", "Severity 2")."""
_ONE_SET = Regex(r"\b(?:the|these|those|this|our|its|their|your|his|her)\s+(?:[\w\-]+\s+)?$", re.IGNORECASE)
"""A determiner before such a noun makes the items one set ("the booking pages"), not items that keep arriving."""

DATED_BY = (
    r"(?:\s+(?:on|of|at)\s+|\s*\(\s*(?:[\w\-]+:?\s+){0,2}|\s*:\s*|\s+"
    r"|\s*,\s*(?:(?:planned|scheduled|due|expected|set|from|between)(?:\s+(?:for|on))?\s+)?)"
)
"""What may stand between an event and its calendar day: "on", "(", "(scheduled ", "(go-live: ", ", planned for "."""
_ANCHOR_DATED = Regex(
    rf"\s+(?:of|after|from|following|before)\s+(?:[\w\-]+\s+){{0,3}}?[\w\-]+{DATED_BY}{DATE}", re.IGNORECASE
)
_DATED_NOUN_PHRASE = Regex(rf"\s+(?:of|after|from|following|before)\s+the\s+{DATE}", re.IGNORECASE)
_CADENCE = Regex(r"\b(?:daily|nightly|weekly|fortnightly|monthly|quarterly|annually|yearly)\b", re.IGNORECASE)
_EVERY_PERIOD = Regex(
    rf"""\b(?:every|each)\s+(?:other\s+)?(?:{WEEKDAY}|day|week|fortnight|month|quarter|year|sprint)\b
    | \b(?:once|twice|\w+\s+times)\s+(?:a|per|each)\s+(?:day|week|fortnight|month|quarter|year)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_THRESHOLD = Regex(
    rf"""(?:\bafter|\bat\s+least|\bat\s+most|\bmore\s+than|\bfewer\s+than|\bless\s+than|\bover|\bunder|\bper
    |\bminimum\s+of|\bmaximum\s+of|\bup\s+to|\bno\s+more\s+than)\s+(?:(?:eur|usd|gbp|chf|[$\u20ac\u00a3])\s?)?
    (?:{NUMBER}|one|a\s+single)(?:\s+[\w\-]+){{0,4}}\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""A bounded count or amount just before a time: "after 5 failed attempts" + "within 15 minutes", "at most EUR 20,000"
+ "in 2027"."""

_IRREGULAR_PARTICIPLE = (
    r"(?:held|run|done|made|built|sent|written|paid|sold|found|seen|given|taken|begun|known|shown|drawn|grown|left"
    r"|lost|kept|won|set|put|cut|read|met|brought|bought|taught|caught|spent|led|fed|hired|fired)"
)
_PARTICIPLE = rf"(?:\w+(?:ed|ing)|{_IRREGULAR_PARTICIPLE})"
_PAST_PARTICIPLE = rf"(?:\w+ed|{_IRREGULAR_PARTICIPLE})"
_BY_WHOM = r"(?:\s+by\s+(?:[\w\-]+\s+){0,2}?[\w\-]+)?"
"""Who or what did what a participle says, if given: "caused by releases", "signed by the sales team"."""
_COUNTED_PARTICIPLE = Regex(
    rf"""\b(?:the|all|every|each|these|those|zero|{NUMBER})\s+(?:{NUMBER}\s+)?(?:[\w\-]+\s+){{0,2}}?[\w\-]+s
    \s+{_PARTICIPLE}{_BY_WHOM}$
    | (?<!\bget\s)(?<!\bgets\s)(?<!\bhave\s)(?<!\bhas\s)(?<![\w\-])(?!(?:gets|has|is|was|does|needs)\s)
        [\w\-]*[^\Ws]s\s+{_PAST_PARTICIPLE}{_BY_WHOM}$""",
    re.IGNORECASE | re.VERBOSE,
)
"""A plural noun with a participle after it: "the 11 reports retired", "60 starters joining", "zero Sev-1 incidents
caused by releases"; with no determiner, a past participle only ("merchants signed"): "Maria finishes testing" is a
verb and its object, and "get contracts signed" or "the contract gets signed" a result to bring about."""

_AGENT_BEFORE_BY = Regex(rf"\b{_PARTICIPLE}(?:\s+(?:off|up|out|over|through|back))?$", re.IGNORECASE)
"""A participle before "by", with its particle if any ("reported", "signed off")."""
_GROUP = Regex(
    r"\b(?:committee|group|board|panel|team|council|forum|customers?|users?|staff|partners?)$", re.IGNORECASE
)
_EXAMINER = Regex(r"(?:audit|review|inspection|assessment)s?$", re.IGNORECASE)
_JUDGED = Regex(
    r"""\b(?:checked|verified|approved|signed\s+off|reviewed|confirmed|validated|audited|tested|assessed|accepted
    |certified|inspected|endorsed|ratified|rejected|found|flagged|raised|reported|identified|measured|monitored)$""",
    re.IGNORECASE | re.VERBOSE,
)
"""What an examination does to what it examines: it is the agent of "checked by the Finance audit", while "finished
by the audit" is timed by it."""
_HINDERED = Regex(
    r"""\b(?:delayed|held\s+up|blocked|slowed(?:\s+down)?|disrupted|interrupted|affected|impacted|caused|prevented
    |hampered|hindered|stalled|postponed|triggered|driven|broken|stopped|halted)$""",
    re.IGNORECASE | re.VERBOSE,
)
"""What a cause does: "by" after it names what caused it ("delayed by the migration"), not a day."""
_ONE_OCCASION = Regex(r"\b(?:next|upcoming|coming|first|final|last|end|start)\b", re.IGNORECASE)
"""A word that makes an examination one occasion in time ("checked by the next review")."""
_ASIDE = Regex(
    r"^\s*(?:[-*\u2022]\s+)?(?:risks?|reservations?|assumptions?|dependenc(?:y|ies)|constraints?|issues?)"
    r"(?:\s+\d+)?\s*:",
    re.IGNORECASE,
)
_MAIN_MODAL = Regex(r"\b(?:shall|must|will|should|may|can)\b(?!\s+(?:not\s+)?be\s+\w+(?:ed|en)\b)", re.IGNORECASE)
"""The modal of the main clause, unless a passive follows ("the dashboard will be published": someone publishes it)."""
_MAIN_CLAUSE = Regex(r",\s*(?P<subject>(?:[\w\-]+\s+){1,4}?)[a-z]+(?<=[^su]s)\b")
"""The main clause after a leading subordinate one, with a verb in the present tense: its subject and verb."""
_PERMISSION = Regex(r"\b(?:may|can)\b", re.IGNORECASE)
_PURPOSE = Regex(r"\b(?:so\s+that|in\s+order\s+to|so\s+as\s+to)\b", re.IGNORECASE)
_OCCASION = Regex(
    r"""\b(?:check-?ins?|stand-?ups?|catch-?ups?|sync(?:-?ups?)?|huddles?|retros?|retrospectives?|one-on-ones?|1:1s?
    |reviews?|meetings?)$""",
    re.IGNORECASE | re.VERBOSE,
)
"""The partners' own meetings, which a standing practice runs at (not another body's, a board's or an all-hands, nor
a one-off meeting of the project, a kick-off or a launch review)."""
_OTHER_BODY = Regex(
    r"\b(?:board|steering|executive|investor|shareholder|supplier|customer|client|go/no-go|gate|budget|design|code"
    r"|security|audit|legal|contract|annual|performance|kick-?off|launch|go-live|handover|hand-over|closing|close-out"
    r"|planning|offsite|off-site|inception|initial|introductory|opening|final)\s+(?:[\w\-]+\s+)?[\w\-]+$",
    re.IGNORECASE,
)
_ROUTINE_SLOT = Regex(rf"^(?:on|by)\s+{WEEKDAY}$", re.IGNORECASE)
_COUNTED_WINDOW = Regex(
    rf"""^(?:in|over|during|within)\s+the\s+(?:next|coming|following|last|past|previous)\s+(?:{NUMBER}|one)[\s\-]+
    (?:business\s+|working\s+|calendar\s+)?(?:days|weeks|months|quarters|hours)$""",
    re.IGNORECASE | re.VERBOSE,
)
_EVENT_SUBJECT = Regex(
    r"""\s*(?:(?:the|any|each|every|a|an|whichever)\s+(?:[\w\-]+\s+){0,2}?[\w\-]+\s+
        (?:(?:that|who|which)\s+[a-z]+|[a-z]+ed\b|found\b|seen\b)
    | whoever\s+[a-z]+)""",
    re.IGNORECASE | re.VERBOSE,
)
"""A subject defined by an event, opening a clause ("the party that learns of a surprise", "any consumer found",
"whoever spots it"): the practice starts at each such event."""
_ONE_PARTNER_ACTS = Regex(
    r"\s*(?:either|neither|whichever|one\s+of\s+(?:us|them|the\s+[\w\-]+)|(?:one|any)\s+(?:party|partner|lead|side))\b",
    re.IGNORECASE,
)
"""A clause whose subject is any one of the partners ("Either party sets the status", "one lead flags it"): what that
partner does is an occasion, which the partners then answer together ("we meet", "both meet")."""
_ANSWERS_SOMEONE = Regex(
    r"""\b(?:answer(?:s|ing)?|(?:repl(?:y|ies|ying)|respond(?:s|ing)?|gets?\s+back|getting\s+back|writes?\s+back
    |reverts?)\s+to|calls?\s+back)\s+(?P<object>[^;:]+?)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""A verb of answering at the end of a clause, with its object: "answers Maria", "replies to the other lead"."""
_PERSON_OBJECT = Regex(r"\b(?:him|her|them|me|each\s+other|one\s+another)$", re.IGNORECASE)
_POINTS_BACK = Regex(
    r"""\b(?:both|either|neither|the\s+other|each\s+other|one\s+another|it|they|them|this|these|those|such|then
    |thereafter|afterwards|follows?|following)\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""A word by which a clause takes up the one before it ("either lead flags it; both meet ...")."""
_NOT_CONTENT = frozenset(
    {
        "with", "within", "will", "shall", "must", "should", "would", "could", "from", "that", "what", "when", "where",
        "which", "while", "whom", "whose", "into", "onto", "over", "under", "after", "before", "until", "than", "also",
        "only", "each", "every", "some", "their", "there", "here", "have", "been", "being", "does", "done", "make",
        "makes", "made", "gets", "take", "takes", "more", "most", "less", "least", "very", "just", "about", "again",
        "your", "ours", "yours", "hour", "hours", "days", "week", "weeks", "month", "months", "working", "business",
        "calendar", "minute", "minutes", "year", "years", "quarter", "quarters",
    }
)  # fmt: skip
_STATE_VERB = Regex(
    r"""\b(?:apply|applies|remains?|stays?|lasts?|holds?|continues?\s+to\s+(?:apply|hold|run)
    |(?:is|are)\s+(?:valid|fixed|frozen|locked|open|closed|capped|in\s+force))\b""",
    re.IGNORECASE | re.VERBOSE,
)
"""A state that holds by itself: "the price is fixed", "the terms remain"."""
_KEEP_VERB = Regex(
    r"\b(?:keeps?|kept|keeping|holds?|held|holding|retains?|retained|retaining|continues?|continued|continuing"
    r"|stays?\s+(?:on|with)|remains?\s+(?:on|with))\b",
    re.IGNORECASE,
)
"""Keeping something in a state ("keep the current prices"), which lasts until the state ends."""
_CURRENT = Regex(r"\b(?:current|existing|present|old|previous|interim|temporary)\b", re.IGNORECASE)
_REPLACEMENT = Regex(r"\b(?:new|next|revised|replacement|successor)\b", re.IGNORECASE)
_ITS_REPLACEMENT = Regex(
    r"\b(?:new|next|revised|replacement|successor)\s+(?:one|version)\b|\b(?:replacement|successor)\b", re.IGNORECASE
)
"""A condition that names the replacement of the very thing kept ("until the new one is signed")."""
_WINDOW_START = Regex(
    rf"""\b(?:for|over|during|between|from|in|throughout)\s+(?:the\s+)?(?:months?\s+(?:of\s+)?)?{MONTH}(?![a-z])
    (?:\s+(?:19|20)\d\d)?\s*(?:to|through|thru|until|till|and|-|\u2013|\u2014)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""The first month of a range, after a word that opens a window: "for July to", "between July and"."""
_WITH_YEAR = Regex(r"(?:19|20)\d\d\b")
_OVER_SPAN = Regex(r"(?:in|during|throughout|over|for|across|of)\b", re.IGNORECASE)
"""A preposition that spans a period rather than bounds it ("in 2031", not "by 2031")."""
_CLAUSE_BREAK = Regex(r"[,;:]")
_HELD_LEVEL = Regex(
    rf"""(?<!\bto\s)(?<!\bfrom\s)\b(?:under|below|above|over|within|at\s+least|at\s+most
    |at\s+or\s+(?:above|below|over|under)|(?:no\s+)?(?:more|less|fewer|higher|lower)\s+than
    |not\s+(?:above|below|over|under|exceeding))\s+{NUMBER}
    | \b(?:keep|keeps|kept|keeping|hold|holds|held|holding|maintain|maintains|maintained|maintaining)\b
        [^,;:]*?\bat\s+(?:zero|nil|{NUMBER}(?:\s*(?:%|percent|per\s?cent))?)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""A level held ("under 30 minutes", "at least 99.95 %", "keep incidents at zero" right before the span), not one
reached ("to under 3 %", "from 8 % to 5 %")."""
_PER_PERIOD_COUNT = Regex(
    r"\b(?:daily|weekly|monthly|quarterly|annual|yearly)\s+(?:[\w\-]+\s+)?[\w\-]*[^\Ws]s\s*$", re.IGNORECASE
)
"""A count taken per period just before a span ("monthly active merchants in December 2032"): counted over it."""
_STARTS = Regex(
    r"\b(?:start|begin|introduce|launch|adopt|set\s+up|roll\s+out|move\s+to|switch\s+to|switches\s+to)(?:s|ed|ing)?\b",
    re.IGNORECASE,
)
"""A verb that starts something ("start monthly reviews in Q3 2032"): the span is when it starts, a deadline."""
_UNITS_OF = Regex(
    r"(?<!\d\s)(?<!\bone\s)\b(?:(?:calendar|working|business)\s+)?(?:days|weeks|weekends|months|quarters|sprints)\s*$",
    re.IGNORECASE,
)
"""The units of time that fall in a span after them ("calendar months in 2032"), not a duration ("3 days in Q3")."""
_APPOSED_SET = Regex(r"\s*(?:all|every|each|any)\s+(?:[\w\-]+\s+){0,2}?[\w\-]+\s*", re.IGNORECASE)
"""A clause that only names the set a figure before it is taken over ("median time to acknowledge, all pages")."""
_REACHED = Regex(
    rf"\b(?:to|from)\s+(?:(?:under|below|above|over|at\s+least|at\s+most)\s+)?(?:(?:eur|usd|gbp|chf)\s?)?{NUMBER}",
    re.IGNORECASE,
)
"""A level to reach: "to EUR 50", "to under 3 %", "from 68 % to 75 %"."""
_RANKED = Regex(
    rf"""\b(?:top|bottom|first|largest|biggest|smallest|highest|lowest)\s+{NUMBER}\b
    | \b(?:rank|ranks|ranked|ranking|sort|sorts|sorted|order|orders|ordered)\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
"""A ranking that "by" gives the key of: "the top 10 accounts (by", "ranked by"."""
_BY_FIGURE = Regex(r"by\s+(?:the\s+)?(?:FY\s?['\u2019]?)?\d{2,4}$", re.IGNORECASE)
"""The year of a figure ("by 2030" in "by 2030 ARR"); the figure itself is the noun after it."""
_OWN_SPAN = Regex(r"^(?:during|throughout|over|for\s+the\s+duration\s+of)\s+(?:its|their|his|her)\b", re.IGNORECASE)


def restarts_each_time(sentence: str) -> bool:
    """Whether a duration in ``sentence`` is a trigger clock: the sentence states a condition that can hold again,
    quantifies over a set whose members each start the clock, or answers items that keep arriving."""
    if any(pattern.search(sentence) is not None for pattern in (_CONDITION, _BOUNDED_SET, _ARRIVING)):
        return True
    return any(_ONE_SET.search(sentence[: item.start()]) is None for item in _INBOUND.finditer(sentence))


def counts_from_dated_day(masked: str, end: int) -> bool:
    """Whether the anchor after a duration ending at ``end`` is dated: "after the go-live on 2027-06-01",
    "after practical completion (2027-09-17)", "of the 2027-03-31 launch"."""
    return bool(_ANCHOR_DATED.match(masked, end) or _DATED_NOUN_PHRASE.match(masked, end))


def is_rate_window(before: str) -> bool:
    """Whether a time after ``before`` bounds a count of events or an amount ("after 5 failed attempts within 15
    minutes", "at least one login in 90 days", "at most EUR 20,000 in 2027"): a rate or a cap, not a deadline."""
    return _THRESHOLD.search(before) is not None


def describes_a_set(before: str) -> bool:
    """Whether a period after ``before`` tells which members of a counted set are meant ("the 11 reports retired in
    2026", "the 60 starters joining in 2027") rather than when anything is due."""
    return _COUNTED_PARTICIPLE.search(before.rstrip()) is not None


def names_agent(before: str, phrase: str) -> bool:
    """Whether "by" after ``before`` names who acts, after a participle ("reported by", "signed off by"): a noun
    ``phrase`` that ends in a body of people ("the steering committee", "the pilot customers"), or in an examination
    after a verb of examining, unless it is one occasion ("checked by the Finance audit", not "checked by the next
    review"); and any phrase after a verb of hindrance, which names a cause ("no close delayed by the migration")."""
    participle = _AGENT_BEFORE_BY.search(before.rstrip())
    if participle is None:
        return False
    if _GROUP.search(phrase) is not None or _HINDERED.search(participle.group()) is not None:
        return True
    judged = _JUDGED.search(participle.group()) is not None
    return judged and _EXAMINER.search(phrase) is not None and _ONE_OCCASION.search(phrase) is None


def in_aside(sentence: str) -> bool:
    """Whether ``sentence`` is a risk, a reservation, an assumption or a dependency, whose times say when it may come
    true, not when anything is due."""
    return _ASIDE.match(sentence) is not None


def in_purpose(before: str) -> bool:
    """Whether a phrase after ``before`` stands in a purpose ("so that I can pay quickly"): the manner of a benefit."""
    return _PURPOSE.search(before) is not None


def serves_each_instance(term: str) -> bool:
    """Whether a span is each instance's own ("during its onboarding", "throughout their trial")."""
    return _OWN_SPAN.match(term) is not None


def is_plural_generic(words: str) -> bool:
    """Whether ``words`` (a subject) is a plural without a determiner ("customers", "new hires"): a kind, not one."""
    return re.fullmatch(r"(?:[\w\-]+\s+)?[\w\-]+s", words.strip(), re.IGNORECASE) is not None and not re.match(
        r"(?:the|our|their|its|this|that)\b", words.strip(), re.IGNORECASE
    )


def specifies_behaviour(masked: str, position: int) -> bool:
    """Whether the sentence around ``position`` specifies what a system does ("The system shall allow the clerk to
    correct an amount until the batch is posted"): its conditions hold for every case the system meets, so they are
    triggers of a behaviour, not the deadline of a promise."""
    start, end = sentence_around(masked, position, position)
    modal = _MAIN_MODAL.search(masked[start:end])
    if modal is not None:
        return subject_before(masked, start + modal.start()).kind is SubjectKind.SYSTEM
    main = _MAIN_CLAUSE.search(masked[start:end])  # "When the window closes, the portal locks the form."
    return main is not None and classify_subject(main.group("subject")) is SubjectKind.SYSTEM


def is_cadenced(sentence: str) -> bool:
    """Whether ``sentence`` repeats on a cadence ("reports monthly, within 3 days after month-end", "meet every
    Monday and share updates by Friday")."""
    return _CADENCE.search(sentence) is not None or _EVERY_PERIOD.search(sentence) is not None


def dated_elsewhere(masked: str, event: str) -> bool:
    """Whether ``masked`` gives a calendar day to a mention of ``event`` ("go-live" is dated by "goes live on
    2027-04-01", "launch" by "the launch (2027-05-03)"), so that a duration before or after it is dated too."""
    stems = [re.escape(part) + r"\w*" for part in re.split(r"[\s\-]+", event.strip()) if part]
    if not stems:
        return False
    mention = r"[\s\-]+".join(stems)
    dated = rf"\b{mention}(?:\s+[\w\-]+){{0,2}}?\s*(?:on\s+|of\s+|\(\s*|,\s*|:\s*)?{DATE}"
    return re.search(dated, masked, re.IGNORECASE) is not None


def grants_a_right(masked: str, position: int) -> bool:
    """Whether the sentence around ``position`` gives a right to those the agreement serves ("Customers may cancel
    within 14 days"): each of them has the right from their own start, so its duration is no deadline."""
    start, end = sentence_around(masked, position, position)
    modal = _PERMISSION.search(masked[start:end])
    return modal is not None and subject_before(masked, start + modal.start()).kind is SubjectKind.RECIPIENT


def is_occasion_of_practice(event: str) -> bool:
    """Whether ``event`` (an event phrase, "at the next check-in") is one of the partners' own meetings, the occasion
    on which a standing practice recurs, rather than another body's event or a milestone of the project."""
    return _OCCASION.search(event) is not None and _OTHER_BODY.search(event) is None


def is_routine_slot(term: str) -> bool:
    """Whether ``term`` is the weekday of a routine ("on Thursday", "by Friday"): in a standing practice it comes back
    each week."""
    return _ROUTINE_SLOT.match(term.strip()) is not None


def is_counted_window(term: str) -> bool:
    """Whether ``term`` is a window of a counted length next to now ("in the next 14 days"): in a standing practice,
    counted from each occurrence; "in the coming weeks" has no length and stays vague."""
    return _COUNTED_WINDOW.match(term.strip()) is not None


def counts_from_named_event(before: str) -> bool:
    """Whether the sentence before a duration (``before``) names the event it counts from: a clause of its own before
    it ("one lead marks the plan at risk; both meet within 3 working days"), a subject defined by an event ("the lead
    who hears of an outage phones the other within 2 hours") or a person answered ("answers Maria within 1 day")."""
    *earlier, own = before.split(";")
    if answers_someone(own):
        return True  # "answers Maria within 1 working day": from each message of hers
    if any(_EVENT_SUBJECT.match(part) is not None for part in own.split(":")):
        return True
    # a clause of its own states the event the practice answers ("X sets the status; both meet ..."), if the
    # duration's clause takes it up or one of the partners acts in it ("Either party sets the status; we meet ..."):
    # "We ship the notes on Fridays; we deliver the plan within 2 weeks" does neither
    return any(
        len(clause.split()) > 1 and (_ONE_PARTNER_ACTS.match(clause) is not None or takes_up(clause, own))
        for clause in earlier
    )


def takes_up(earlier: str, clause: str) -> bool:
    """Whether ``clause`` refers back to the ``earlier`` clause before it: by a word that points back ("both",
    "the other", "it", "then") or by naming again one of its nouns ("flags a blocker; the blocker is ...")."""
    if _POINTS_BACK.search(clause) is not None:
        return True
    return not _content_words(earlier).isdisjoint(_content_words(clause))


def _content_words(text: str) -> set[str]:
    """The words of ``text`` that name something (four letters or more, no function word), without a plural -s."""
    words = (word.lower() for word in re.findall(r"[A-Za-z][\w\-]{3,}", text))
    return {word.removesuffix("s") for word in words if word not in _NOT_CONTENT}


def answers_someone(before: str) -> bool:
    """Whether ``before`` ends with a verb of answering and a person as its object ("answers Maria", "replies to the
    other lead", "gets back to them"): each message from that person is an occasion, so a duration after it counts
    from each message; "responds to the audit findings" answers one set of things, once."""
    answer = _ANSWERS_SOMEONE.search(before)
    if answer is None:
        return False
    person = answer.group("object")
    return _PERSON_OBJECT.fullmatch(person) is not None or classify_subject(person) in {
        SubjectKind.ACTOR,
        SubjectKind.RECIPIENT,
    }


def holds_by_itself(before: str) -> bool:
    """Whether ``before`` ends in a state that holds by itself ("the price is fixed", "the terms remain"), so that
    "until" after it says how long the state lasts."""
    return _STATE_VERB.search(before) is not None


def kept_until(before: str, condition: str, *, standing: bool) -> bool:
    """Whether "until ``condition``" after ``before`` says how long something is kept rather than when something is
    due: something kept until its replacement comes ("keep the current prices until the new list is agreed"); in a
    standing practice, anything kept ("keep the weekly call until the pilot is over")."""
    kept = _KEEP_VERB.search(before)
    if kept is None:
        return False
    if standing or _ITS_REPLACEMENT.search(condition) is not None:
        return True  # "keep the rota until the new one is signed": "one" takes up the thing kept
    return _CURRENT.search(before, kept.end()) is not None and _REPLACEMENT.search(condition) is not None


def is_measurement_window(before: str, term: str) -> bool:
    """Whether a period (``term``, after ``before``) is a window over which something is measured rather than a
    deadline: the end of a month range that opens a window ("for April to June 2027", "between July and September
    2025"), or a span after a level held ("time-to-resolve under 30 minutes for every P1 incident in 2031",
    "keep incidents at zero in 2032") or a statistic ("lowest monthly availability of the API in 2031") in its clause
    or in the clause whose set a clause names ("median time to acknowledge, all pages in H1 2032"), or after a count
    per period or units of time ("monthly active merchants in December 2032", "calendar months in 2032")."""
    if _WITH_YEAR.search(term) is not None and _WINDOW_START.search(before) is not None:
        return True
    if _OVER_SPAN.match(term) is None:
        return False  # "by 2031", "before Q3": a bound, whatever is measured
    *earlier, clause = _CLAUSE_BREAK.split(before)
    if earlier and _APPOSED_SET.fullmatch(clause):
        clause = f"{earlier[-1]} {clause}"  # ", all pages in H1 2032": the set of the figure named before it
    if _REACHED.search(clause) is not None:
        return False  # "raise the average order value to EUR 50 in Q3": a level to reach, by a deadline
    if (_PER_PERIOD_COUNT.search(clause) and not _STARTS.search(clause)) or _UNITS_OF.search(clause):
        return True  # "monthly active merchants in December 2032", "calendar months in 2032"
    return _HELD_LEVEL.search(clause) is not None or names_statistic(clause)


def ranks_by(before: str, phrase: str) -> bool:
    """Whether "by" + a period (``phrase``, after ``before``) is the key of a ranking, a year's figure by which a set
    is ordered ("the top 10 accounts (by 2030 ARR)", "suppliers ranked by 2026 spend"), not a deadline."""
    return _RANKED.search(before) is not None and _BY_FIGURE.match(phrase) is not None
