"""The prose analysis the text rules share: masking, term patterns, numbers, dates, sentences and owners.

Every text rule scans :func:`mask` of its statement, so URLs, e-mail addresses, ``code spans`` and quoted phrases are
never flagged, and offsets into the masked text are offsets into the original. Rules build one
:class:`TermPattern` from their term list at import (a trie-shaped regular expression, compiled on first use), find
terms with :func:`scan`, and keep only the hits that their context allows.

This module imports nothing beyond ``re``, ``enum``, ``dataclasses`` and ``functools`` so that it loads in a few
milliseconds.
"""

from __future__ import annotations

import enum
import functools
import re
from dataclasses import dataclass

TYPE_CHECKING = False  # ``typing`` is not imported at run time; mypy reads this name as typing.TYPE_CHECKING
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

__all__ = [
    "ADJECTIVE",
    "BY_AGENT",
    "DATE",
    "MODAL",
    "MONTH",
    "NUMBER",
    "PLACEHOLDER",
    "PLURAL_ROLES",
    "WEEKDAY",
    "Hit",
    "OwnerKind",
    "Regex",
    "TermPattern",
    "classify_owner",
    "clause_around",
    "exempted",
    "has_artefact",
    "has_baseline",
    "has_date",
    "has_measure",
    "has_number",
    "is_proper_name",
    "mask",
    "names_owner",
    "phrase_regex",
    "scan",
    "sentence_around",
    "sentences",
    "text_after",
    "text_before",
    "verb_forms",
]

# --------------------------------------------------------------------------------------------------------------------
# Lazily compiled regular expressions
# --------------------------------------------------------------------------------------------------------------------


@functools.cache
def _compiled(source: str, flags: int) -> re.Pattern[str]:
    return re.compile(source, flags)


@dataclass(frozen=True, slots=True)
class Regex:
    """A regular expression compiled once, on first use, so that modules which build many load in milliseconds."""

    source: str
    flags: int = 0

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.source, self.flags)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.match(text, pos)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.search(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(text)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        return self.regex.finditer(text, pos, len(text) if endpos is None else endpos)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.regex.sub(replacement, text)

    def split(self, text: str) -> list[str]:
        return self.regex.split(text)


# --------------------------------------------------------------------------------------------------------------------
# Masking
# --------------------------------------------------------------------------------------------------------------------

_MASK = Regex(
    r"""
      (?<!`)(`+)(?!`)[^\n]+?(?<!`)\1(?!`)                 # `code span`, ``code `with` ticks``
    | \b(?:[a-z][a-z0-9+.\-]*://|www\.)[^\s<>"'`]*[^\s<>"'`.,;:!?)\]]  # URL
    | \b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+                   # e-mail address
    | "[^"\n]*"                                           # "double quotes"
    | “[^”\n]*”                                           # “curly double quotes”
    | „[^“”\n]*[“”]                                       # „low double quotes“
    | «[^»\n]*»                                           # «guillemets»
    | (?<![\w'\u2019])'(?=[^\s'])[^'\n]*?(?<=[^\s'])'(?![\w'\u2019])  # 'single quotes' around a phrase, not apostrophes
    | (?<![\w'\u2019])\u2018(?=\S)[^\u2019\n]*?(?<=\S)\u2019(?![\w'\u2019])  # curly single quotes
    """,
    re.VERBOSE | re.IGNORECASE,
)


@functools.lru_cache(maxsize=2048)
def mask(text: str) -> str:
    """Blank URLs, e-mail addresses, code spans and quoted phrases with spaces; length and line breaks are kept."""
    return _MASK.sub(_blank, text)


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


# --------------------------------------------------------------------------------------------------------------------
# Term patterns
# --------------------------------------------------------------------------------------------------------------------

_WORD_START = r"(?<![\w\-])"
_SEPARATOR, _WORD_END, _PUNCTUATION_END = "\x00", "\x01", "\x02"  # trie tokens besides plain characters
_TOKEN_REGEX = {
    _SEPARATOR: r"[\s\-\u2010\u2011]+",
    _WORD_END: r"(?![\w\-])",
    _PUNCTUATION_END: "",
    "'": "['\u2019]",
}
Trie = dict[str, "Trie"]


def phrase_regex(phrases: Iterable[str]) -> str:
    """A regular-expression group matching any of ``phrases`` as whole words, preferring the longest.

    Spaces and hyphens inside a phrase match each other ("user friendly" finds "user-friendly"); an apostrophe
    matches a straight or a curly one. A phrase never matches inside a hyphenated compound ("best" does not match
    in "best-in-class"). The phrases are merged into a trie, so one pattern over hundreds of phrases stays fast.
    """
    word_initial: Trie = {}
    other: Trie = {}
    for phrase in set(phrases):
        node = word_initial if re.match(r"\w", phrase) else other
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
    branches = [_WORD_START + _trie_regex(word_initial) if word_initial else "", _trie_regex(other)]
    return "(?:" + "|".join(branch for branch in branches if branch) + ")"


def _tokens(phrase: str) -> list[str]:
    tokens: list[str] = []
    for index, part in enumerate(re.split(r"[\s\-]+", phrase.strip())):
        tokens.extend([_SEPARATOR] if index else [])
        tokens.extend(part)
    tokens.append(_WORD_END if re.search(r"\w$", phrase) else _PUNCTUATION_END)
    return tokens


def _trie_regex(node: Trie) -> str:
    """The alternation of a trie's branches; longer continuations come before a phrase that ends here."""
    if not node:
        return ""
    branches = [
        _TOKEN_REGEX.get(token, re.escape(token)) + _trie_regex(child)
        for token, child in sorted(node.items(), key=lambda item: (item[0] in (_WORD_END, _PUNCTUATION_END), item[0]))
    ]
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@dataclass(frozen=True, slots=True)
class TermPattern(Regex):
    """One pattern for a rule's whole term list, optionally with context before and after it.

    ``before`` and ``after`` are regular expressions glued to the alternation (use look-arounds to keep them out of
    the match); the term itself is the named group ``term``. ``label`` is handed on to every :class:`Hit`, so a
    rule with several patterns can word its message by the kind of term found.
    """

    label: str = ""

    @classmethod
    def of(
        cls,
        phrases: Iterable[str],
        *,
        before: str = "",
        after: str = "",
        case_sensitive: bool = False,
        label: str = "",
    ) -> TermPattern:
        flags = 0 if case_sensitive else re.IGNORECASE
        return cls(before + "(?P<term>" + phrase_regex(phrases) + ")" + after, flags, label)

    @classmethod
    def raw(cls, pattern: str, *, case_sensitive: bool = False, label: str = "") -> TermPattern:
        """A pattern written directly as a verbose regular expression (with or without a ``term`` group)."""
        return cls(pattern, re.VERBOSE if case_sensitive else re.VERBOSE | re.IGNORECASE, label)


@dataclass(frozen=True, slots=True)
class Hit:
    """A term found in a statement: ``text[start:end]`` of the original statement is ``term``.

    ``masked`` is the whole masked statement and ``label`` the label of the pattern that found the term.
    """

    start: int
    end: int
    term: str
    masked: str
    label: str = ""

    @property
    def sentence(self) -> str:
        """The masked sentence the hit stands in."""
        start, end = sentence_around(self.masked, self.start, self.end)
        return self.masked[start:end]

    @property
    def clause(self) -> str:
        """The masked clause (between commas, semicolons, colons, dashes or brackets) the hit stands in."""
        start, end = clause_around(self.masked, self.start, self.end)
        return self.masked[start:end]

    @property
    def before(self) -> str:
        """The masked text of the hit's sentence before the hit."""
        return self.masked[sentence_around(self.masked, self.start, self.end)[0] : self.start]

    @property
    def after(self) -> str:
        """The masked text of the hit's sentence after the hit."""
        return self.masked[self.end : sentence_around(self.masked, self.start, self.end)[1]]


def scan(text: str, *patterns: TermPattern, keep: Callable[[Hit], bool] | None = None) -> Iterator[Hit]:
    """Find every term of ``patterns`` in the masked ``text``, leftmost-longest and without overlaps.

    A hit covers the first named group that took part in the match (``term`` by convention), else the whole match.
    ``keep`` drops hits that their context makes precise.
    """
    masked = mask(text)
    hits: list[Hit] = []
    for pattern in patterns:
        for match in pattern.finditer(masked):
            start, end = _reported_span(match)
            if start < end and masked[start:end] == text[start:end]:  # never across a URL, code span or quote
                hits.append(Hit(start, end, text[start:end], masked, pattern.label))
    last_end = -1
    for hit in sorted(hits, key=lambda hit: (hit.start, -hit.end)):
        if hit.start >= last_end and (keep is None or keep(hit)):
            last_end = hit.end
            yield hit


def _reported_span(match: re.Match[str]) -> tuple[int, int]:
    """The span of the first named group that took part in the match, else of the whole match."""
    for name in match.re.groupindex:
        if match.group(name) is not None:
            return match.span(name)
    return match.span()


def text_before(masked: str, start: int, words: int = 3) -> str:
    """Up to ``words`` words of ``masked`` before ``start`` within the sentence, lower-cased."""
    sentence_start = sentence_around(masked, start, start)[0]
    return " ".join(masked[sentence_start:start].split()[-words:]).lower()


def text_after(masked: str, end: int, words: int = 3) -> str:
    """Up to ``words`` words of ``masked`` after ``end`` within the sentence, lower-cased."""
    sentence_end = sentence_around(masked, end, end)[1]
    return " ".join(masked[end:sentence_end].split()[:words]).lower()


def exempted(key: str, hit: Hit, *, after: Mapping[str, str], before: Mapping[str, str]) -> bool:
    """True when the context makes the term ``key`` precise: the two words after ``hit`` match ``after[key]``, or
    the word before it matches ``before[key]`` (anchor with ``$``). Example: "good" before "faith".
    """
    following, preceding = text_after(hit.masked, hit.end, 2), text_before(hit.masked, hit.start, 1)
    return bool(
        (key in after and re.match(after[key], following)) or (key in before and re.search(before[key], preceding))
    )


def is_proper_name(hit: Hit) -> bool:
    """True when the hit is capitalised in the middle of a sentence, as in a name ("Best Buy", "Smart Ltd")."""
    return hit.term[:1].isupper() and bool(hit.before.strip()) and not hit.before.rstrip().endswith((":", "-", "•"))


def verb_forms(*bases: str) -> tuple[str, ...]:
    """The regular forms of each verb: "improve" gives improve, improves, improved, improving.

    For a phrasal verb ("look into") the first word is inflected and the rest is kept.
    """
    forms: list[str] = []
    for base in bases:
        head, _, tail = base.partition(" ")
        rest = f" {tail}" if tail else ""
        forms.extend(form + rest for form in _inflect(head))
    return tuple(forms)


def _inflect(verb: str) -> tuple[str, ...]:
    if verb.endswith("e"):
        return verb, verb + "s", verb + "d", verb[:-1] + "ing"
    if re.search(r"[^aeiou]y$", verb):
        return verb, verb[:-1] + "ies", verb[:-1] + "ied", verb + "ing"
    if re.search(r"(?:s|x|z|ch|sh)$", verb):
        return verb, verb + "es", verb + "ed", verb + "ing"
    return verb, verb + "s", verb + "ed", verb + "ing"


ADJECTIVE = (
    r"(?:\w+(?:able|ible|ful|ive|ous|ant|ent|ic|al|ary|less|ing)|likely|recent|recently|used|senior|junior"
    r"|experienced|advanced|popular|common|urgent|difficult|easy|simple|complex|secure|reliable|accurate|robust"
    r"|stable|fast|quick|cheap|clear|safe|new|up[\s-]to[\s-]date)\b"
)
"""A word that looks like an adjective by its ending or is a common one (no leading boundary)."""

# --------------------------------------------------------------------------------------------------------------------
# Numbers, dates, baselines
# --------------------------------------------------------------------------------------------------------------------

MONTH = (
    r"(?:jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?|aug(?:ust|\.)?"
    r"|sep(?:t(?:ember|\.)?|\.)?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
"""A month name or its abbreviation (no word boundaries)."""

WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
"""A weekday name or its abbreviation (no word boundaries)."""

_NUMBER_WORD = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen"
    r"|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|billion"
    r"|dozen|half|twice|double|triple|single)"
)
NUMBER = rf"(?:(?<![\w.])[$€£]?\d[\d,]*(?:\.\d+)?|\b{_NUMBER_WORD}\b)"
"""A numeral (digits, not part of a code such as "Q3" or "FY27") or a number word."""

DATE = (
    r"(?:\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}(?![a-z])(?:,?\s+\d{{4}}\b)?"
    rf"|\b{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?!:)(?:,?\s+\d{{4}}\b)?)"
)
"""A calendar day: ISO (2027-03-31), numeric (31/03/2027), "31 March (2027)" or "March 31(, 2027)"."""

_NUMBER_RE = Regex(NUMBER, re.IGNORECASE)
_DATE_RE = Regex(DATE, re.IGNORECASE)
_NOT_A_MEASURE = Regex(
    rf"{DATE}|\b(?:19|20)\d\d(?:-\d\d)?\b(?!\s*%)|\b{MONTH}\s+\d{{4}}\b|\b(?:FY|Q|H)\s?\d+\b|\b\d{{1,2}}:\d\d\b",
    re.IGNORECASE,
)

_UNIT = (
    r"(?:%|\s?(?:percent|per\s?cent|pp|percentage\s+points?|points?|pts|bps|basis\s+points|x|\u00d7|times|k|m|bn|ms"
    r"|milliseconds?|seconds?|secs?|minutes?|mins?|hours?|hrs?|h|days?|business\s+days?|working\s+days?|weeks?"
    r"|months?|years?|eur|usd|gbp|chf|people|fte|hires?|users?|customers?|accounts?|leads?|deals?|tickets?"
    r"|incidents?|defects?|bugs?|releases?|stores?|sites?|branches?|units?|items?|steps?|clicks?))(?![\w])"
)
_QUANTITY = rf"(?:(?:eur|usd|gbp|chf)\s?)?(?:{NUMBER})(?:{_UNIT})?"
_APPROX = r"(?:about|around|approximately|approx\.?|roughly|nearly|almost|some|circa|c\.|~)\s*"
_VAGUE_STANDARD = (
    r"(?:before|usual|normal|now|today|currently|ever|expected|others?|competitors?|the\s+competition|our\s+peers"
    r"|peers|the\s+industry|industry|previously|in\s+the\s+past|last\s+time|the\s+old\b|the\s+current\b"
    r"|the\s+existing\b|the\s+status\s+quo|it\s+is|they\s+are|we\s+do|planned|anticipated)"
)
_BASELINE = Regex(
    rf"""
      \b(?:than|compared\s+(?:to|with)|relative\s+to|versus|vs\.?|against|below|under|above|over|beyond)\s+
          (?!{_VAGUE_STANDARD})(?:\S+\s+){{0,4}}?(?:{NUMBER}|baseline|audited|recorded|reported|published|measured
          |benchmark|target)
    | \bfrom\s+(?:{_APPROX})?{_QUANTITY}\s*(?:to|->|→|\u2013|-)\s*(?:{_APPROX})?{_QUANTITY}
    | \b(?:by|to|below|under|above|over|beyond|within|at\s+least|at\s+most|no\s+more\s+than|fewer\s+than
          |less\s+than|more\s+than|up\s+to|down\s+to|target(?:\s+of)?|from)\s+(?:{_APPROX})?{_QUANTITY}
    | \bof\s+(?:{_APPROX})?(?:(?:eur|usd|gbp|chf)\s?)?{NUMBER}{_UNIT}
    | {NUMBER}\s*(?:%|percent|per\s?cent|pp|percentage\s+points?|points|pts|bps|x\b|\u00d7)
    | \b(?:halve|halved|halving|double|doubled|doubling|triple|tripled|twofold|threefold|twice\s+as)\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_PRODUCE = (
    r"(?:deliver|send|write|publish|produce|present|submit|share|create|draft|prepare|issue|circulate|provide|hand"
    r"|return|file|sign|recommend|make|build|ship|release|propose|document|record|report|agree|raise|open|close"
    r"|merge|deploy|upload|post|email|give|table|bring)(?:s|es|ed|d|ing)?"
)
_ARTEFACT = Regex(
    rf"""\b{_PRODUCE}\s+(?:\S+\s+){{0,4}}?(?:reports?|write[\s-]?ups?|post[\s-]?mortems?|root[\s-]cause\s+analysis
    |recommendations?|proposals?|plans?|roadmaps?|summar(?:y|ies)|memos?|decks?|dashboards?|documents?|specs?
    |specifications?|prototypes?|drafts?|briefs?|business\s+cases?|decisions?|shortlists?|lists?|budgets?|forecasts?
    |contracts?|runbooks?|playbooks?|checklists?|templates?|designs?|estimates?|analys[ie]s|findings|go/no[\s-]go
    |pull\s+requests?|releases?|patch(?:es)?|fix(?:es)?|tickets?|minutes|options?|answers?|responses?|replies)\b""",
    re.IGNORECASE | re.VERBOSE,
)


def has_number(text: str) -> bool:
    """True when ``text`` holds a numeral or a number word (dates and years count; "Q3" and "FY27" do not)."""
    return _NUMBER_RE.search(text) is not None


def has_date(text: str) -> bool:
    """True when ``text`` names a calendar day ("2027-03-31", "31 March 2027", "March 31", "31/03/2027")."""
    return _DATE_RE.search(text) is not None


def has_measure(text: str) -> bool:
    """True when ``text`` holds a number that is not part of a date, a year, a quarter or a time of day."""
    return has_number(_NOT_A_MEASURE.sub(" ", text))


def has_baseline(text: str) -> bool:
    """True when a comparison in ``text`` is anchored: "from 8% to 5%", "by 3 points", "to under 300 ms", "20% faster",
    "than the FY2026 audited total". "By 2027" (a year) and "than before" (an unmeasured standard) are not baselines.
    """
    return _BASELINE.search(_NOT_A_MEASURE.sub(" ", text)) is not None


def has_artefact(text: str) -> bool:
    """True when ``text`` produces a checkable artefact ("send a root-cause report", "present a written plan")."""
    return _ARTEFACT.search(text) is not None


# --------------------------------------------------------------------------------------------------------------------
# Sentences and clauses
# --------------------------------------------------------------------------------------------------------------------

_SENTENCE_BREAK = Regex(
    r"""(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bvs\.)(?<!\bcf\.)(?<!\bno\.)(?<=[.!?])\s+(?=[^\sa-z])
    | \s*;\s+ | \n\s*\n | \n(?=\s*(?:[-*•]|\d+[.)])\s)""",
    re.VERBOSE,
)
_CLAUSE_BREAK = Regex(r"[,;:()\[\]]|\s[\u2013\u2014-]\s|\bbut\b|\bwhile\b|\bwhereas\b")


@functools.lru_cache(maxsize=2048)
def sentences(text: str) -> tuple[tuple[int, int], ...]:
    """The ``(start, end)`` offsets of the sentences of ``text`` (split at . ! ? ; blank lines and bullets)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_BREAK.finditer(text):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(text)))
    return tuple(bounds)


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence of ``text`` that holds ``text[start:end]``."""
    for bounds in sentences(text):
        if bounds[0] <= start <= bounds[1]:
            return bounds[0], max(bounds[1], end)
    return start, end


def clause_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the clause (within its sentence) that holds ``text[start:end]``."""
    sentence_start, sentence_end = sentence_around(text, start, end)
    clause_start, clause_end = sentence_start, sentence_end
    for match in _CLAUSE_BREAK.finditer(text, sentence_start, sentence_end):
        if match.end() <= start:
            clause_start = match.end()
        elif match.start() >= end:
            clause_end = match.start()
            break
    return clause_start, clause_end


# --------------------------------------------------------------------------------------------------------------------
# Shared fragments
# --------------------------------------------------------------------------------------------------------------------

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
PLACEHOLDER = (
    r"(?:(?<![\w\-])(?i:TBD|TBC|TBA|TBDs|to\s+be\s+(?:determined|confirmed|decided|announced|defined|assigned))"
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
    "planners", "organisers", "organizers", "facilitators", "hosts", "accountants", "lawyers", "counsel", "clerks",
    "cashiers", "associates", "heads", "chairs", "leaders", "founders", "marketers", "writers", "editors",
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
    r"\b(?:owner|accountable|responsible|dri|assignee|lead)\s*[:=]\s*\w"
    r"|\b(?-i:[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\s+(?:owns|is\s+accountable|is\s+responsible|leads)\b",
    re.IGNORECASE,
)


def names_owner(text: str) -> bool:
    """True when the statement names its owner outside the clause ("Owner: Ana Ruiz", "Ana owns the rollout")."""
    return _OWNER_NAMED.search(text) is not None


# --------------------------------------------------------------------------------------------------------------------
# Owners
# --------------------------------------------------------------------------------------------------------------------


_PLACEHOLDER_VALUE = Regex(PLACEHOLDER)


class OwnerKind(enum.Enum):
    """What an owner value names: one accountable actor, a group, a placeholder or several actors."""

    SINGLE = "single"
    COLLECTIVE = "collective"
    PLACEHOLDER = "placeholder"
    MULTIPLE = "multiple"


_PLACEHOLDER_OWNERS = frozenset(
    {
        "", "?", "??", "???", "-", "--", "\u2014", "\u2013", "tbd", "tbc", "tba", "n/a", "na", "none", "null", "nil",
        "nobody", "no one", "someone", "somebody", "anyone", "anybody", "whoever", "owner", "the owner", "owner name",
        "name", "person", "x", "xx", "xxx", "todo", "fixme", "unknown", "unassigned", "pending", "to be determined",
        "to be confirmed", "to be decided", "to be assigned", "to be agreed", "not assigned", "not yet assigned",
    }
)  # fmt: skip
_COLLECTIVE_OWNERS = frozenset(
    {
        "we", "us", "our", "ours", "all", "both", "everyone", "everybody", "all of us", "both of us", "all parties",
        "both parties", "the parties", "parties", "partners", "the partners", "both partners", "all partners",
        "both sides", "stakeholders", "all stakeholders", "the stakeholders", "the business", "business",
        "management", "leadership", "the organisation", "the organization", "the company", "the group", "the team",
        "team", "our team", "the whole team", "whole team", "joint", "jointly", "shared", "together", "people",
        "they", "them", "staff", "all staff", "everyone involved", "the teams", "teams", "relevant teams",
        "the project team", "project team", "the working group", "working group", "our people", "collective",
    }
)  # fmt: skip
_GROUP_WORDS = Regex(
    r"^(?:the\s+|our\s+|all\s+|both\s+)?(?:\w+\s+)*?(?:teams|parties|partners|stakeholders|staff)$"
)
_OWNER_SPLIT = Regex(r"\s+(?:and|or|und|et)\s+|\s*(?:&|\+|/|,|;|\band/or\b)\s*")
_ROLE_WORDS = Regex(
    r"\b(?:vp|svp|evp|head|director|lead|manager|ceo|cto|cfo|coo|cio|ciso|cmo|cro|chief|officer|president|engineer"
    r"|owner|chair|partner|principal|sponsor|analyst|counsel)\b"
)
_EMAIL_OR_HANDLE = Regex(r"<[^<>]*>|\([^()]*\)|\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+")


def classify_owner(value: str) -> OwnerKind:
    """Classify an owner field's value: one actor, a collective, a placeholder or several actors.

    >>> classify_owner("Maria Chen").name, classify_owner("the team").name
    ('SINGLE', 'COLLECTIVE')
    >>> classify_owner("TBD").name, classify_owner("Maria / Li").name
    ('PLACEHOLDER', 'MULTIPLE')
    """
    normal = " ".join(value.strip().strip(".:").lower().split())
    if normal in _PLACEHOLDER_OWNERS or _PLACEHOLDER_VALUE.fullmatch(value.strip()):
        return OwnerKind.PLACEHOLDER
    if normal.startswith(("someone ", "somebody ", "anyone ")):
        return OwnerKind.PLACEHOLDER
    if normal.startswith(("a member of ", "a representative of ", "members of ")):
        return OwnerKind.COLLECTIVE
    if normal in _COLLECTIVE_OWNERS or _GROUP_WORDS.match(normal):
        return OwnerKind.COLLECTIVE
    parts = [part for part in _OWNER_SPLIT.split(_owner_names(normal)) if part.strip()]
    if len(parts) > 1 and not (len(parts) == 2 and _ROLE_WORDS.search(parts[1]) and "," in normal):
        return OwnerKind.MULTIPLE
    if normal.startswith(("both ", "jointly ", "joint ", "co-owned ")):
        return OwnerKind.COLLECTIVE
    return OwnerKind.SINGLE


def _owner_names(normal: str) -> str:
    """The owner value without e-mail addresses, bracketed handles and in-word joiners such as "R&D"."""
    without_contacts = _EMAIL_OR_HANDLE.sub(" ", normal)
    return re.sub(r"\b(\w)\s*[&+/]\s*(\w)\b", r"\1\2", without_contacts).strip(" ,;")
