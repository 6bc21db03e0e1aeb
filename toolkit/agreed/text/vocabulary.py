"""The shared vocabulary of the text rules: fragments of regular expressions and word lists.

Modals, months, weekdays, numbers, dates, adjectives, placeholders, plural roles and "by <agent>", with the forms of
verbs and the checks that go with them. The fragments are strings, embedded by the rules' patterns.
"""

from __future__ import annotations

import functools
import re

from agreed.text.patterns import Regex, phrase_regex, tokenise, word_group

__all__ = [
    "ACTION_VERBS",
    "ADJECTIVE",
    "BY_AGENT",
    "DATE",
    "HOLIDAY",
    "MODAL",
    "MONTH",
    "NUMBER",
    "PLACEHOLDER",
    "PLURAL_ROLES",
    "WEEKDAY",
    "may_hold_placeholder",
    "names_owner",
    "verb_forms",
]


ADJECTIVE = (
    r"(?:\w+(?:able|ible|ful|ive|ous|ant|ent|ic|al|ary|less|ing)|likely|recent|recently|used|senior|junior"
    r"|experienced|advanced|popular|common|urgent|difficult|easy|simple|complex|secure|reliable|accurate|robust"
    r"|stable|fast|quick|cheap|clear|safe|new|up[\s-]to[\s-]date)\b"
)
"""A word that looks like an adjective by its ending or is a common one (no leading boundary)."""

ACTION_VERBS = frozenset({
    "achieve", "acquire", "add", "adopt", "align", "allocate", "analyse", "analyze", "announce", "appoint", "approve",
    "arrange", "assess", "assign", "attend", "automate", "calculate", "cancel", "capture", "choose", "clarify",
    "collect", "communicate", "compile", "configure", "confirm", "connect", "consolidate", "create", "decide",
    "decommission", "define", "delete", "deliver", "deploy", "describe", "detect", "determine", "develop", "digitise",
    "digitize", "disable", "distribute", "enable", "encrypt", "enforce", "engage", "enrol", "enroll", "ensure",
    "escalate", "establish", "evaluate", "expand", "extend", "fix", "gather", "generate", "give", "identify",
    "implement", "improve", "increase", "inform", "install", "integrate", "introduce", "invite", "keep", "maintain",
    "make", "maximise", "maximize", "measure", "meet", "migrate", "minimise", "minimize", "modernise", "modernize",
    "modify", "move", "negotiate", "notify", "obtain", "onboard", "optimise", "optimize", "organise", "organize",
    "perform", "prepare", "prevent", "prioritise", "prioritize", "promote", "protect", "provide", "publish", "raise",
    "reach", "recruit", "reduce", "refactor", "remove", "renew", "replace", "resolve", "respond", "restore", "retire",
    "revise", "rewrite", "send", "ship", "simplify", "standardise", "standardize", "streamline", "submit", "teach",
    "terminate", "train", "translate", "upload", "validate", "verify", "write",
})  # fmt: skip
"""Verbs in the base form that open an imperative in a plan or a requirement ("Ship CRM", "Migrate billing"). Verbs
whose base form is as often the noun that opens a heading ("Support model", "Test plan", "Change management",
"Release schedule", "Access control") are left out: one of them at the start of a line tells nothing."""

MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?|aug(?:ust|\.)?"
    r"|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
"""A month name or its abbreviation (no word boundaries)."""

WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
"""A weekday name or its abbreviation (no word boundaries)."""

_NUMBER_WORD = word_group((
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
    "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
    "eighty", "ninety", "hundred", "thousand", "million", "billion", "dozen", "half", "twice", "double", "triple",
    "single",
))
NUMBER = rf"(?:(?<![\w.])[$€£]?\d[\d,]*(?:\.\d+)?|\b{_NUMBER_WORD}\b)"
"""A numeral (digits, not part of a code such as "Q3" or "FY27") or a number word."""

CADENCE = (
    r"(?:daily|nightly|weekly|bi-?weekly|fortnightly|monthly|bi-?monthly|quarterly|annually|yearly|hourly"
    rf"|every\s+(?:other\s+|second\s+|{NUMBER}\s+)?(?:working\s+|business\s+)?"
    r"(?:hour|day|week|fortnight|month|quarter|year|sprint)s?"
    r"|once\s+(?:a|per|every)\s+(?:day|week|fortnight|month|quarter|year|sprint))"
)
"""A stated recurrence: "weekly", "every 2 weeks", "once a month" (no word boundaries)."""

DATE = (
    r"(?:\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?![a-z])(?:,?\s+\d{{4}}\b)?"
    rf"|\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!:)(?:,?\s+\d{{4}}\b)?)"
)
"""A calendar day: ISO (2027-03-31), numeric (31/03/2027), "31 March (2027)" or "March 31(, 2027)"."""

HOLIDAY = (
    r"(?:christmas(?:\s+(?:day|eve))?|boxing\s+day|easter(?:\s+(?:sunday|monday))?|good\s+friday|whit\s+monday"
    r"|pentecost|thanksgiving(?:\s+day)?|new\s+year['\u2019]?s(?:\s+(?:day|eve))|halloween|hanukk?ah|passover"
    r"|diwali|eid(?:\s+al-\w+)?|(?:lunar|chinese)\s+new\s+year|labou?r\s+day|memorial\s+day|independence\s+day"
    r"|ascension\s+day)"
)
"""A named holiday (no word boundaries): its day is fixed for a given year, though some move from year to year."""

MODAL = (
    r"(?:will|'ll|\u2019ll|shall|must|should|would|can|could|may|might|need\s+to|needs\s+to|has\s+to|have\s+to"
    r"|(?:is|are|am)\s+(?:going\s+)?to|ought\s+to)"
)
"""A modal or obligation marker that makes the following verb a commitment ("will", "must", "is to", ...)."""

_SLOT = (
    r"(?:insert\s+|add\s+|your\s+|the\s+)?(?:owner|name|person|date|deadline|amount|number|value|target|company"
    r"|partner|party|team|email|who|when|what|tbd|tbc|x+|n|\?+|placeholder|something|role|metric|figure"
    r"|owner\s+name|due\s+date|[a-z]+\s+here)"
)
LEFT_OPEN = r"determined|confirmed|decided|announced|defined|assigned"
"""What "to be ..." leaves open in a placeholder: "to be determined", "to be confirmed"."""
LEFT_TO_AGREE = r"agreed|settled|worked\s+out|finali[sz]ed|clarified|negotiated"
"""What "to be ..." leaves to a later agreement: "to be agreed", "to be worked out"."""
PLACEHOLDER = (
    rf"(?:(?<![\w\-])(?i:TBD|TBC|TBA|TBDs|to\s+be\s+(?:{LEFT_OPEN}))"
    r"(?![\w\-])"
    r"|(?<![\w\-])(?-i:FIXME|TODO|XXX+|XX+(?:\s?%)?)(?![\w\-])"
    r"|(?<![\w\-])(?-i:[XN])(?:\s?%|(?=\s+(?i:days?|weeks?|months?|hours?|years?|minutes?|percent|points|people"
    r"|customers|accounts|users|k\b|m\b)))"
    r"|(?<=[$€£])(?-i:[XN]+)(?![\w\-])"
    r"|(?<![\w?])\?{2,}(?!\w)"
    r"|(?<![^\s(:=])\?(?![^\s).,;])"
    r"|(?<![\w\-])(?i:dd[/.\-]mm[/.\-]yy(?:yy)?|yyyy-mm(?:-dd)?|lorem\s+ipsum)(?![\w\-])"
    r"|(?<![\w\-])(?i:n/a)(?=\s*$|\s*[.;,)])"
    rf"|(?i:\[\s*{_SLOT}\s*\]|<\s*{_SLOT}\s*>)"
    r"|\{\{?\s*[A-Za-z_][\w .\-]*\}\}?)"
)
"""A placeholder left in place of a value: TBD, TBC, XX%, X days, ???, [owner], <date>, {{name}}, N/A, TODO."""

_PLACEHOLDER_WORDS = frozenset(
    {"tbd", "tbds", "tbc", "tba", "determined", "confirmed", "decided", "announced", "defined", "assigned", "fixme",
     "todo", "dd", "yyyy", "lorem"}
)  # fmt: skip


@functools.lru_cache(maxsize=2048)
def may_hold_placeholder(text: str) -> bool:
    """A ``needs`` test for an expression that embeds :data:`PLACEHOLDER`, with or without ``re.IGNORECASE``: every
    text it matches in holds one of ``?[<{``, a word of ``_PLACEHOLDER_WORDS`` or a word of only X and N, in any case.
    Kept per text: several rules test each statement, as :func:`~agreed.text.patterns.tokenise` keeps its words.
    """
    words = tokenise(text).word_set
    return (
        any(mark in text for mark in "?[<{")
        or not _PLACEHOLDER_WORDS.isdisjoint(words)
        or any(not word.strip("xn") for word in words)
    )


PLURAL_ROLES = (
    "managers", "leads", "nurses", "doctors", "clinicians", "physicians", "surgeons", "pharmacists", "therapists",
    "carers", "caregivers", "agents", "reps", "representatives", "engineers", "developers", "analysts", "designers",
    "testers", "architects", "admins", "administrators", "teachers", "tutors", "lecturers", "instructors", "governors",
    "trustees", "directors", "executives", "officers", "supervisors", "coordinators", "volunteers", "employees",
    "staff", "members", "students", "parents", "participants", "attendees", "trainees", "interns", "apprentices",
    "contractors", "consultants", "vendors", "suppliers", "partners", "owners", "approvers", "reviewers", "sellers",
    "buyers", "recruiters", "mentors", "coaches", "champions", "advisers", "advisors", "auditors", "inspectors",
    "operators", "technicians", "drivers", "workers", "colleagues", "departments", "units", "sites", "stores",
    "branches", "schools", "clinics", "wards", "offices", "squads", "specialists", "professionals", "practitioners",
    "planners", "organisers", "organizers", "facilitators", "hosts", "accountants", "lawyers", "clerks",
    "cashiers", "associates", "heads", "chairs", "leaders", "founders", "marketers", "writers", "editors",
    "subcontractors", "providers",
)  # fmt: skip
"""Plural nouns for people in a role or for units ("managers", "nurses", "stores"): a group, not one owner."""

_NOT_AN_AGENT = (
    rf"(?:\d|[$€£~]|Q[1-4]\b|H[12]\b|FY|{MONTH}(?![a-z])|{WEEKDAY}\b|TBD|TBC|TBA|<|\[|\?"
    r"|(?:the\s+|a\s+|an\s+)?(?:end|start|beginning|middle|close|time|date|deadline|latest|earliest|same|following"
    r"|next|last|first|second|third|fourth|fifth|\d+\w*|half|factor|way|means|default|hand|mail|post|phone|email"
    r"|e-mail|courier|chat|message|consensus|vote|majority|law|design|agreement|month|week|year|quarter|day|then"
    r"|now|far|noon|midnight|launch|release|go-live|go\s+live|kick-?off|cutover|rollout|holidays?|summer|winter"
    r"|spring|autumn|fall|weekend|lunchtime|tomorrow|today|tonight|this|that|mid|early|late|close\s+of|cob|eod"
    r"|eow|eom|eoq|eoy|at\s+least|at\s+most|up\s+to|about|around|approximately|roughly|percent|points?|half"
    r"|twice|double|\w+fold|itself|themselves|mutual|written|signed)\b)"
)
BY_AGENT = (
    rf"(?<![\w\-])by\s+(?:(?!{_NOT_AN_AGENT})(?P<agent>[\w'\u2019]+(?:[\s\-]+[\w'\u2019]+){{0,3}})"
    rf"|(?P<people>{NUMBER}\s+(?:[\w\-]+\s+)?{phrase_regex(PLURAL_ROLES)}))"
)
"""'by' followed by an actor ("by Maria Chen", "by the CFO"), not by a date, an amount or a means ("by Friday")."""

_OWNER_NAMED = Regex(
    r"\b(?:owner|accountable|responsible|dri|assignee|lead)\s*[:=]\s*(?!(?:TBD|TBC|TBA|N/A|none|unknown)\b)\w"
    r"|\b(?!(?:Both|All|Each|Every|Our|The|Their|Team|Teams|Two|Three|Several|Many|Some)\b)"
    r"(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:owns|is\s+accountable|is\s+responsible|leads(?!\s+(?:will|shall|must"
    r"|should|may|can|to|are|and|or)\b))\b",
    re.IGNORECASE,
)


def names_owner(text: str) -> bool:
    """True when the statement names its owner outside the clause ("Owner: Ana Ruiz", "Ana owns the rollout")."""
    return _OWNER_NAMED.search(text) is not None


def verb_forms(*bases: str) -> tuple[str, ...]:
    """The forms of each verb: "improve" gives improve, improves, improved, improving; "give" gives give, gives, gave,
    given, giving; "plan" gives plan, plans, planned, planning.

    For a phrasal verb ("look into") the first word is inflected and the rest is kept.
    """
    forms: list[str] = []
    for base in bases:
        head, _, tail = base.partition(" ")
        rest = f" {tail}" if tail else ""
        forms.extend(form + rest for form in _inflect(head))
    return tuple(forms)


_IRREGULAR = {
    "be": ("is are am", "was were", "been", "being"), "have": ("has", "had"), "do": ("does", "did", "done"),
    "go": ("goes", "went", "gone"), "begin": ("", "began", "begun"), "bring": ("", "brought"), "build": ("", "built"),
    "buy": ("", "bought"), "catch": ("", "caught"), "choose": ("", "chose", "chosen"), "cut": ("", "cut"),
    "draw": ("", "drew", "drawn"), "drive": ("", "drove", "driven"), "feed": ("", "fed"), "find": ("", "found"),
    "forget": ("", "forgot", "forgotten"), "get": ("", "got", "got gotten"), "give": ("", "gave", "given"),
    "grow": ("", "grew", "grown"), "hold": ("", "held"), "keep": ("", "kept"), "know": ("", "knew", "known"),
    "lead": ("", "led"), "lend": ("", "lent"), "make": ("", "made"), "meet": ("", "met"),
    "oversee": ("", "oversaw", "overseen"), "pay": ("", "paid"), "put": ("", "put"), "run": ("", "ran", "run"),
    "see": ("", "saw", "seen"), "seek": ("", "sought"), "sell": ("", "sold"), "send": ("", "sent"),
    "set": ("", "set"), "show": ("", "showed", "shown"), "speak": ("", "spoke", "spoken"),
    "speed": ("", "sped speeded"), "spend": ("", "spent"), "strive": ("", "strove strived", "striven strived"),
    "take": ("", "took", "taken"), "teach": ("", "taught"), "tell": ("", "told"), "think": ("", "thought"),
    "undertake": ("", "undertook", "undertaken"), "win": ("", "won"), "write": ("", "wrote", "written"),
}  # fmt: skip
"""Verbs whose forms no spelling rule gives: the third person, the past and the participle, each a space-separated
list of words ("" where the regular form holds; a missing participle is the past)."""
_STRESSED_LAST = frozenset(
    {"admit", "commit", "compel", "control", "deter", "equip", "expel", "forget", "omit", "occur", "patrol", "permit",
     "prefer", "propel", "refer", "regret", "submit", "transfer", "upset"}
)  # fmt: skip
"""Verbs of two syllables stressed on the last, which double their final consonant ("commit", "committed")."""
_DOUBLES = Regex(r"^[^aeiouy]*[aeiou][b-df-hj-np-tvz]$")
"""One syllable ending in one vowel and one consonant (not w, x or y): "plan", "stop", "step" double it."""


def _inflect(verb: str) -> tuple[str, ...]:
    regular = _regular(verb)
    irregular = _IRREGULAR.get(verb, ())
    third = (irregular[0] if irregular else "") or regular[0]
    past = (irregular[1] if len(irregular) > 1 else "") or regular[1]
    participle = irregular[2] if len(irregular) > 2 else past if len(irregular) > 1 else regular[2]
    present = (irregular[3] if len(irregular) > 3 else "") or regular[3]
    words = [verb, *third.split(), *past.split(), *participle.split(), *present.split()]
    return tuple(dict.fromkeys(words))  # in order, each once ("put", "set": the past is the participle is the base)


def _regular(verb: str) -> tuple[str, str, str, str]:
    """The third person, past, participle and present participle that the spelling rules give."""
    if verb.endswith("ee"):
        return verb + "s", verb + "d", verb + "d", verb + "ing"
    if verb.endswith("e"):
        return verb + "s", verb + "d", verb + "d", verb[:-1] + "ing"
    if verb[-1:] == "y" and verb[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        return verb[:-1] + "ies", verb[:-1] + "ied", verb[:-1] + "ied", verb + "ing"
    if verb.endswith(("s", "x", "z", "ch", "sh")):
        return verb + "es", verb + "ed", verb + "ed", verb + "ing"
    if verb in _STRESSED_LAST or _DOUBLES.match(verb):
        stem = verb + verb[-1]
        return verb + "s", stem + "ed", stem + "ed", stem + "ing"
    return verb + "s", verb + "ed", verb + "ed", verb + "ing"
