"""The prose analysis the text rules share: masking, term patterns, numbers, dates, sentences and owners.

Every text rule scans :func:`mask` of its statement, so URLs, e-mail addresses, ``code spans`` and quoted phrases are
never flagged, and offsets into the masked text are offsets into the original. Rules build :class:`TermPattern`
values at import, find terms with :func:`scan`, and keep only the hits that their context allows. A term list is
looked up token by token in a trie (each statement is tokenised once), not compiled into a regular expression;
regular expressions are compiled on first use, and only for structure: numbers, dates, "by <agent>" and the like.

This module imports nothing beyond ``re``, ``enum``, ``bisect``, ``dataclasses`` and ``functools`` so that it loads in
a few milliseconds.
"""

from __future__ import annotations

import bisect
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
    "Found",
    "Hit",
    "OwnerKind",
    "Regex",
    "TermPattern",
    "alternation",
    "any_word",
    "classify_owner",
    "clause_around",
    "exempted",
    "has_artefact",
    "has_baseline",
    "has_date",
    "has_measure",
    "has_number",
    "is_non_answer",
    "is_proper_name",
    "mask",
    "may_hold_placeholder",
    "names_owner",
    "phrase_regex",
    "says_there_is_none",
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
    """A regular expression compiled once, on first use, so that modules which build many load in milliseconds.

    ``needs`` is a cheap test that holds for every text in which the expression can match, such as :func:`any_word`
    of words it cannot match without: on any other text the expression is neither run nor compiled.
    """

    source: str
    flags: int = 0
    needs: Callable[[str], object] | None = None

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.source, self.flags)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._for(text).match(text, pos)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self._for(text).search(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self._for(text).fullmatch(text)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        return self._for(text).finditer(text, pos, len(text) if endpos is None else endpos)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self._for(text).sub(replacement, text)

    def split(self, text: str) -> list[str]:
        return self._for(text).split(text)

    def _for(self, text: str) -> re.Pattern[str]:
        """The compiled expression, or one that never matches when ``needs`` rules ``text`` out."""
        return self.regex if self.needs is None or self.needs(text) else _compiled(r"\A(?!)", 0)  # fails at once


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

_TOKEN = Regex(r"(\w+)|[^\w\s\-\u2010\u2011]")
"""A token: a run of word characters, or one other character; whitespace and hyphens only separate tokens."""
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k", "\u2019": "'"})
_SEPARATOR, _WORD_START, _WORD_END = r"[\s\-\u2010\u2011]+", r"(?<![\w\-])", r"(?![\w\-])"
_END = ""
Trie = dict[str, "Trie"]
"""Phrases as nested tokens (after a space when separators come before them); the key ``""`` ends a phrase."""
Found = tuple[int, int, int, int]
"""A match of a :class:`TermPattern`: its start and end, then the start and end of the term it reports."""


def _fold(text: str) -> str:
    """``text`` as ``re.IGNORECASE`` compares it with ASCII terms, character for character: lower case (with the
    four other letters that match an ASCII letter mapped to it) and a curly apostrophe as a straight one."""
    return (text if text.isascii() else text.translate(_FOLD)).lower()


def _is_word(token: str) -> bool:
    return token[:1].isalnum() or token[:1] == "_"


def _phrase_keys(phrase: str) -> list[str]:
    """The folded tokens of ``phrase``, each after a space when separators come before it."""
    folded = _fold(phrase).replace("-", " ")
    words = folded.split()
    if "".join(words).isalnum():  # the common case: words and separators only
        keys = words[:1] + [" " + word for word in words[1:]]
    else:
        keys, previous_end = [], 0
        for match in _TOKEN.finditer(folded.strip()):
            keys.append(match.group() if match.start() == previous_end else " " + match.group())
            previous_end = match.end()
    if not keys or not _is_word(keys[0]):
        raise ValueError(f"a term must start with a letter or digit: {phrase!r}")
    return keys


def _trie(phrases: Iterable[str]) -> Trie:
    root: Trie = {}
    for phrase in phrases:
        node = root
        for key in _phrase_keys(phrase):
            node = node.setdefault(key, {})
        node[_END] = {}
    return root


def phrase_regex(phrases: Iterable[str]) -> str:
    """A regular-expression group matching any of ``phrases`` as whole words, preferring the longest.

    Spaces and hyphens inside a phrase match each other ("user friendly" finds "user-friendly"); an apostrophe
    matches a straight or a curly one. A phrase never matches inside a hyphenated compound ("best" does not match
    in "best-in-class"). :meth:`TermPattern.of` finds the same phrases without a regular expression.
    """
    return _phrase_regex(tuple(phrases))


@functools.cache
def _phrase_regex(phrases: tuple[str, ...]) -> str:
    return "(?:" + _WORD_START + _trie_regex(_trie(phrases), after_word=True) + ")"


def _trie_regex(node: Trie, *, after_word: bool) -> str:
    """The alternation of a trie's branches, a phrase that ends here last; at most one branch can match."""
    last_words = [key for key, child in node.items() if child.keys() == {_END} and _is_word(key.lstrip())]
    branches = [
        _key_regex(key) + _trie_regex(child, after_word=_is_word(key.lstrip()))
        for key, child in node.items()
        if key != _END and key not in last_words
    ]
    for separated in (False, True):  # words that end a phrase, grouped: (?:managers|nurses)(?![\w\-])
        words = [re.escape(key.lstrip()) for key in last_words if key.startswith(" ") is separated]
        if words:
            branches.append((_SEPARATOR if separated else "") + _group(words) + _WORD_END)
    if _END in node:
        branches.append(_WORD_END if after_word else "")
    return _group(branches)


def _key_regex(key: str) -> str:
    token = key.lstrip()
    return (_SEPARATOR if key != token else "") + ("['\u2019]" if token == "'" else re.escape(token))


def _group(branches: list[str]) -> str:
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class _Tokens:
    """The tokens of a folded text: where each starts and ends, what it says, and its key in a trie."""

    __slots__ = ("closes", "ends", "keys", "open_starts", "opens", "starts", "words")

    def __init__(self, folded: str) -> None:
        matches = list(_TOKEN.finditer(folded))
        self.starts = [match.start() for match in matches]
        self.ends = [match.end() for match in matches]
        self.words = [match.group() for match in matches]
        gaps = [start != end for start, end in zip(self.starts, [-1, *self.ends], strict=False)]  # the previous end
        self.keys = [" " + word if gap else word for word, gap in zip(self.words, gaps, strict=True)]
        is_word = [match.lastindex == 1 for match in matches]
        self.closes = [not word or folded[end : end + 1] != "-" for word, end in zip(is_word, self.ends, strict=True)]
        """Whether a phrase may end with the token: it is no word, or no hyphen follows it."""
        self.opens = [
            index for index, start in enumerate(self.starts) if is_word[index] and folded[start - 1 : start] != "-"
        ]
        """The tokens a phrase may start with: words that no hyphen comes before."""
        self.open_starts = [self.starts[index] for index in self.opens]
        """Where each of ``opens`` starts, to find the first at or after a position by bisection."""

    def opens_from(self, pos: int) -> list[int]:
        """The tokens of ``opens`` that start at or after ``pos``: a search need not walk the tokens before it."""
        return self.opens[bisect.bisect_left(self.open_starts, pos) :]

    def open_at(self, pos: int) -> int | None:
        """The token of ``opens`` that starts at ``pos``, if any."""
        found = bisect.bisect_left(self.open_starts, pos)
        return self.opens[found] if found < len(self.opens) and self.open_starts[found] == pos else None


@functools.lru_cache(maxsize=2048)
def _tokenise(text: str) -> _Tokens:
    return _Tokens(_fold(text))  # folding keeps every character's kind: word, space, hyphen or other


def alternation(phrases: Iterable[str]) -> str:
    """A regular-expression group matching any of ``phrases``, tried in turn, with whitespace between their words."""
    return "(?:" + "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases) + ")"


def any_word(*phrases: str) -> Callable[[str], bool]:
    """A ``needs`` test for a :class:`Regex` that cannot match without one of ``phrases`` (words, or words separated
    by spaces, each matched whole): whether a text holds the longest word of one of them, in any case."""
    words = [_fold(phrase).split() for phrase in phrases]
    if not all(word.isalnum() for phrase in words for word in phrase):
        raise ValueError(f"any_word takes words and phrases of words: {phrases}")
    wanted = frozenset(max(phrase, key=len) for phrase in words)
    return lambda text: not wanted.isdisjoint(_tokenise(text).words)


def _phrase_ends(root: Trie, tokens: _Tokens, index: int) -> list[int]:
    """The ends of the phrases of ``root`` that start with token ``index``, longest first."""
    ends: list[int] = []
    node = root.get(tokens.words[index])
    while node is not None:
        if _END in node and tokens.closes[index]:
            ends.append(tokens.ends[index])
        index += 1
        node = node.get(tokens.keys[index]) if index < len(tokens.keys) else None
    return ends[::-1]


_VERBOSE_IGNORECASE = re.VERBOSE | re.IGNORECASE


class TermPattern:
    """What :func:`scan` looks for: a rule's terms, each reported with the pattern's ``label``.

    Build one with :meth:`of` (a term list, looked up token by token), :meth:`raw` (a regular expression) or
    :meth:`either` (several patterns tried in turn, like the branches of a regular expression). A rule with several
    patterns can word its message by the label of the pattern that found a term.
    """

    __slots__ = ("label",)

    def __init__(self, label: str) -> None:
        self.label = label

    def search(self, text: str, pos: int = 0) -> Found | None:
        """The leftmost match at or after ``pos``, as ``re.search`` would find it."""
        raise NotImplementedError

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """The terms of the matches in ``text``, left to right and without overlaps, as ``re.finditer`` finds them."""
        pos = 0
        while (found := self.search(text, pos)) is not None:
            yield found[2], found[3]
            pos = max(found[1], found[0] + 1)

    @staticmethod
    def of(phrases: Iterable[str], *, before: str = "", after: str = "", label: str = "") -> TermPattern:
        """A term list, matched case-insensitively as whole words like :func:`phrase_regex`, longest term first.

        ``before`` and ``after`` are verbose regular expressions for the context around a term. ``before`` is part of
        the match, not of the term, and the term must start where it ends; only its first match at a position is
        tried, so it suits a context that can end in one place only, such as "by" and spaces. The term runs on to the
        end of ``after`` (use a look-ahead to keep context out of it); a shorter term is tried when ``after`` fails.
        """
        return _Phrases(tuple(phrases), before=before, after=after, label=label)

    @staticmethod
    def raw(
        pattern: str, *, case_sensitive: bool = False, needs: Callable[[str], object] | None = None, label: str = ""
    ) -> TermPattern:
        """A verbose regular expression; the term is its first named group that took part, else the whole match.

        ``needs`` spares the expression on texts in which it cannot match, as for :class:`Regex`.
        """
        flags = re.VERBOSE if case_sensitive else _VERBOSE_IGNORECASE
        return _RegexTerms(Regex(pattern, flags, needs), label)

    @staticmethod
    def either(*patterns: TermPattern, label: str = "") -> TermPattern:
        """The patterns as branches of one alternation: at each position, the first that matches there."""
        return _Either(patterns, label)


class _Phrases(TermPattern):
    """A term list, looked up token by token in a trie that is built on first use."""

    __slots__ = ("_after", "_before", "_phrases", "_root")

    def __init__(self, phrases: tuple[str, ...], *, before: str, after: str, label: str) -> None:
        super().__init__(label)
        self._phrases = phrases
        self._root: Trie | None = None
        self._before = Regex(before, _VERBOSE_IGNORECASE) if before else None
        self._after = Regex(after, _VERBOSE_IGNORECASE) if after else None

    @property
    def root(self) -> Trie:
        if self._root is None:
            self._root = _trie(self._phrases)
        return self._root

    def search(self, text: str, pos: int = 0) -> Found | None:
        root, tokens = self.root, _tokenise(text)
        if root.keys().isdisjoint(tokens.words):
            return None  # the common case: no term starts with any word of the text
        for start, index in self._candidates(text, pos, tokens):
            if tokens.words[index] in root and (found := self._match(root, text, tokens, index, start)) is not None:
                return found
        return None

    def _candidates(self, text: str, pos: int, tokens: _Tokens) -> Iterator[tuple[int, int]]:
        """Where a match may start, and the token its term would start with."""
        if self._before is None:
            yield from ((tokens.starts[index], index) for index in tokens.opens_from(pos))
            return
        while (context := self._before.search(text, pos)) is not None:
            if (index := tokens.open_at(context.end())) is not None:
                yield context.start(), index
            pos = context.start() + 1

    def _match(self, root: Trie, text: str, tokens: _Tokens, index: int, start: int) -> Found | None:
        """The match from ``start`` whose term starts with token ``index``: the longest term ``after`` accepts."""
        term_start = tokens.starts[index]
        for end in _phrase_ends(root, tokens, index):
            if self._after is None:
                return start, end, term_start, end
            if (after := self._after.match(text, end)) is not None:
                return start, after.end(), term_start, after.end()
        return None


class _RegexTerms(TermPattern):
    """A regular expression; its term is the first named group that took part in a match, else the whole match."""

    __slots__ = ("regex",)

    def __init__(self, regex: Regex, label: str) -> None:
        super().__init__(label)
        self.regex = regex

    def search(self, text: str, pos: int = 0) -> Found | None:
        match = self.regex.search(text, pos)
        return None if match is None else (match.start(), match.end(), *_reported_span(match))

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        return (_reported_span(match) for match in self.regex.finditer(text))


class _Either(TermPattern):
    """Patterns as the branches of one alternation: the leftmost match wins, and the first branch at a tie."""

    __slots__ = ("_patterns",)

    def __init__(self, patterns: tuple[TermPattern, ...], label: str) -> None:
        super().__init__(label)
        self._patterns = patterns

    def search(self, text: str, pos: int = 0) -> Found | None:
        found = [match for pattern in self._patterns if (match := pattern.search(text, pos)) is not None]
        return min(found, key=lambda match: match[0], default=None)


def _reported_span(match: re.Match[str]) -> tuple[int, int]:
    """The span of the first named group that took part in the match, else of the whole match."""
    for name in match.re.groupindex:
        if match.group(name) is not None:
            return match.span(name)
    return match.span()


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

    ``keep`` drops hits that their context makes precise.
    """
    masked = mask(text)
    hits: list[Hit] = []
    for pattern in patterns:
        for start, end in pattern.spans(masked):
            if start < end and masked[start:end] == text[start:end]:  # never across a URL, code span or quote
                hits.append(Hit(start, end, text[start:end], masked, pattern.label))
    last_end = -1
    for hit in sorted(hits, key=lambda hit: (hit.start, -hit.end)):
        if hit.start >= last_end and (keep is None or keep(hit)):
            last_end = hit.end
            yield hit


def text_before(masked: str, start: int, words: int = 3) -> str:
    """Up to ``words`` words of ``masked`` before ``start`` within the sentence, lower-cased."""
    sentence_start = sentence_around(masked, start, start)[0]
    return " ".join(masked[sentence_start:start].rsplit(None, words)[-words:]).lower()  # rsplit stops after `words`


def text_after(masked: str, end: int, words: int = 3) -> str:
    """Up to ``words`` words of ``masked`` after ``end`` within the sentence, lower-cased."""
    sentence_end = sentence_around(masked, end, end)[1]
    return " ".join(masked[end:sentence_end].split(None, words)[:words]).lower()


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


@functools.lru_cache(maxsize=2048)
def _sentence_starts(text: str) -> tuple[int, ...]:
    return tuple(start for start, _ in sentences(text))


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The offsets of the sentence of ``text`` that holds ``text[start:end]``."""
    index = bisect.bisect_right(_sentence_starts(text), start) - 1  # the last sentence that starts at or before it
    if index >= 0:
        bounds = sentences(text)[index]
        if start <= bounds[1]:
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

_PLACEHOLDER_WORDS = frozenset(
    {"tbd", "tbds", "tbc", "tba", "determined", "confirmed", "decided", "announced", "defined", "assigned", "fixme",
     "todo", "dd", "yyyy", "lorem"}
)  # fmt: skip


def may_hold_placeholder(text: str) -> bool:
    """A ``needs`` test for an expression that embeds :data:`PLACEHOLDER`, with or without ``re.IGNORECASE``: every
    text it matches in holds one of ``?[<{``, a word of ``_PLACEHOLDER_WORDS`` or a word of only X and N, in any case.
    """
    words = _tokenise(text).words
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


_PLACEHOLDER_VALUE = Regex(PLACEHOLDER, re.VERBOSE, may_hold_placeholder)  # compiled as the placeholder rule's


_NON_ANSWERS = frozenset(
    {
        "", "?", "??", "???", "-", "--", "\u2014", "\u2013", "...", "\u2026", "tbd", "tbc", "tba", "n/a", "na",
        "none", "nothing", "null", "nil", "no", "nope", "x", "xx", "xxx", "todo", "fixme", "unknown", "pending",
        "later", "not yet", "not sure", "unsure", "dunno", "whatever", "whatever works", "same", "same as above",
        "see above", "as above", "ditto", "as usual", "the usual", "business as usual", "as needed", "as required",
        "ad hoc", "ad-hoc", "to be determined", "to be confirmed", "to be decided", "to be agreed", "to be defined",
        "to be discussed", "to be announced", "not applicable", "does not apply", "we will see", "we'll see",
        "let's see", "depends", "it depends", "various", "etc", "misc", "other", "none yet", "nothing yet",
        "none for now", "nothing for now",
    }
)  # fmt: skip


_LONGEST_NON_ANSWER = 40  # characters; every stock non-answer and whole-value placeholder is shorter


def is_non_answer(value: str) -> bool:
    """Whether a whole answer says nothing: empty, a placeholder ("TBD", "???") or a stock dodge ("see above")."""
    stripped = value.strip()
    if len(stripped) > _LONGEST_NON_ANSWER:  # a real answer: spares the normalising and the placeholder scan
        return False
    normal = _normal_answer(stripped)
    return normal in _NON_ANSWERS or normal in NOTHING_TO_RAISE or bool(_PLACEHOLDER_VALUE.fullmatch(stripped))


NOTHING_TO_RAISE = frozenset(
    {
        "none", "nothing", "no", "nil", "n/a", "na", "not applicable", "does not apply", "nothing else",
        "nothing more", "nothing further", "nothing to add", "nothing to raise", "nothing to report", "none known",
        "none at this time", "nothing at this time", "no other", "no others", "nothing other", "none other",
    }
)  # fmt: skip
"""The ways of saying "there is none": an answer to a question that may truly have none (what else to raise, what
personal life to share), and a non-answer anywhere else (:func:`is_non_answer` holds for each)."""


def says_there_is_none(value: str) -> bool:
    """Whether a whole answer says there is none ("none", "n/a", "Nothing else.", "not applicable")."""
    stripped = value.strip()
    return len(stripped) <= _LONGEST_NON_ANSWER and _normal_answer(stripped) in NOTHING_TO_RAISE


def _normal_answer(stripped: str) -> str:
    """A short answer as the stock-answer lists hold it: folded, lower case, single spaces, no closing stop."""
    return " ".join(_fold(stripped).strip(".:!").lower().split())


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
