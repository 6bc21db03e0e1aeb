"""The term-pattern engine: regular expressions compiled on first use, the tokeniser and term lists.

Rules build :class:`TermPattern` values at import. A term list is looked up token by token in a trie (each statement is
tokenised once), not compiled into a regular expression; a :class:`Regex` is compiled on first use, and only for
structure: numbers, dates, "by <agent>" and the like. Nothing here is compiled at import.

Compiling is most of the cost of a one-file run (a few hundred expressions, parsed by ``re`` in Python), so a caller
may keep the compiled programs between runs (:func:`keep_programs`): each expression compiled in this process is
also taken apart into what ``re`` builds a pattern from (:class:`Program`), checked to rebuild a pattern equal to
``re.compile``'s, and a later process rebuilds it from that in microseconds. The programs belong to one interpreter
build (:func:`program_format`); any that cannot be rebuilt is compiled again.
"""

from __future__ import annotations

import array
import bisect
import functools
import os
import re
import sys

from agreed.record import Record

TYPE_CHECKING = False  # ``typing`` is not imported at run time; mypy reads this name as typing.TYPE_CHECKING
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

__all__ = [
    "Found",
    "Program",
    "Regex",
    "TermPattern",
    "Tokens",
    "Trie",
    "alternation",
    "any_word",
    "fold",
    "keep_programs",
    "new_programs",
    "phrase_regex",
    "program_format",
    "program_of",
    "rebuilt",
    "tokenise",
    "word_group",
    "words_together",
]

# --------------------------------------------------------------------------------------------------------------------
# Lazily compiled regular expressions
# --------------------------------------------------------------------------------------------------------------------


ProgramKey = tuple[str, int]
"""An expression's source and the flags it was given."""


class Program(Record):
    """A compiled expression as ``re`` builds its pattern object: the flags that apply (the given ones and those set
    inline), the program for the matching engine (machine words), the number of groups and the group names."""

    flags: int
    code: bytes
    groups: int
    groupindex: dict[str, int]
    indexgroup: tuple[str | None, ...]


class _Programs:
    """Programs kept between runs: those loaded (on the first compile, so that a run compiling nothing reads
    nothing) and those this process made."""

    def __init__(self, load: Callable[[], Mapping[ProgramKey, Program]]) -> None:
        self.load: Callable[[], Mapping[ProgramKey, Program]] | None = load
        self.loaded: Mapping[ProgramKey, Program] = {}
        self.made: dict[ProgramKey, Program] = {}
        self.maker = os.getpid()  # forked workers use the loaded programs; only this process keeps new ones

    def known(self, key: ProgramKey) -> Program | None:
        if self.load is not None:
            load, self.load = self.load, None
            self.loaded = load()
        return self.loaded.get(key)


_programs: _Programs | None = None
_CODE = "I"  # the array type of a program's words: _sre.CODESIZE bytes (4)


def keep_programs(load: Callable[[], Mapping[ProgramKey, Program]] | None) -> None:
    """Rebuild expressions from the programs ``load`` returns (called once, on the first compile) instead of
    compiling them, and take apart every expression compiled here from now on for :func:`new_programs`; with None,
    stop. Expressions already compiled in this process stay as they are."""
    global _programs
    _programs = None if load is None else _Programs(load)


def new_programs() -> dict[ProgramKey, Program]:
    """The programs this process made since :func:`keep_programs`, none of them among those loaded."""
    return dict(_programs.made) if _programs is not None and _programs.maker == os.getpid() else {}


@functools.cache
def program_format() -> str | None:
    """What a program depends on besides its expression: the interpreter build and its matching engine's version;
    None where programs cannot be rebuilt (an interpreter without CPython's ``_sre.compile``)."""
    engine = sys.modules.get("_sre")  # CPython's matching engine, loaded with ``re``
    if engine is None or not hasattr(engine, "compile") or array.array(_CODE).itemsize != engine.CODESIZE:
        return None
    return f"{sys.implementation.cache_tag} {sys.version} sre {engine.MAGIC}"


@functools.cache
def _compiled(source: str, flags: int) -> re.Pattern[str]:
    if _programs is None:
        return re.compile(source, flags)
    key = (source, flags)
    program = _programs.known(key)
    if program is not None and (pattern := rebuilt(source, program)) is not None:
        return pattern
    pattern = re.compile(source, flags)
    if _programs.maker == os.getpid() and (made := program_of(source, flags, pattern)) is not None:
        _programs.made[key] = made
    return pattern


def rebuilt(source: str, program: Program) -> re.Pattern[str] | None:
    """The pattern ``program`` describes, as ``re.compile`` builds it; None when it cannot be rebuilt (the engine
    checks a program before it accepts it)."""
    try:
        code = array.array(_CODE, program.code).tolist()
        pattern: re.Pattern[str] = sys.modules["_sre"].compile(
            source, program.flags, code, program.groups, program.groupindex, program.indexgroup
        )
    except (KeyError, ValueError, TypeError, RuntimeError, OverflowError):
        return None
    return pattern


def program_of(source: str, flags: int, pattern: re.Pattern[str]) -> Program | None:
    """``source`` taken apart as ``re.compile`` compiles it, if the result rebuilds a pattern equal to ``pattern``
    (same flags, source and program) with the same groups; else None."""
    if program_format() is None:
        return None
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]

        parsed = _parser.parse(source, flags)
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        code = array.array(_CODE, _compiler._code(parsed, flags)).tobytes()
        program = Program(int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup))
    except (AttributeError, TypeError, ValueError, OverflowError, re.error):
        return None
    again = rebuilt(source, program)
    if again is None or again != pattern or again.groupindex != pattern.groupindex:
        return None
    return program


class Regex(Record):
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

    def may_match(self, text: str) -> bool:
        """False when ``needs`` rules ``text`` out: the expression cannot match anywhere in it."""
        return self.needs is None or bool(self.needs(text))

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.regex.match(text, pos) if self.may_match(text) else None

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        needs = self.needs  # tested here, not through may_match: the rules call this most, for every statement
        if needs is not None and not needs(text):
            return None
        return _compiled(self.source, self.flags).search(text, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.regex.fullmatch(text) if self.may_match(text) else None

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        if not self.may_match(text):
            return iter(())
        return self.regex.finditer(text, pos, len(text) if endpos is None else endpos)

    def sub(self, replacement: str | Callable[[re.Match[str]], str], text: str) -> str:
        return self.regex.sub(replacement, text) if self.may_match(text) else text

    def split(self, text: str) -> list[str]:
        return self.regex.split(text) if self.may_match(text) else [text]


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


def fold(text: str) -> str:
    """``text`` as ``re.IGNORECASE`` compares it with ASCII terms, character for character: lower case (with the
    four other letters that match an ASCII letter mapped to it) and a curly apostrophe as a straight one."""
    return (text if text.isascii() else text.translate(_FOLD)).lower()


def _is_word(token: str) -> bool:
    return token[:1].isalnum() or token[:1] == "_"


def _phrase_keys(phrase: str) -> list[str]:
    """The folded tokens of ``phrase``, each after a space when separators come before it."""
    folded = fold(phrase).replace("-", " ")
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
        words = [key.lstrip() for key in last_words if key.startswith(" ") is separated]
        if words:
            branches.append((_SEPARATOR if separated else "") + _letter_tree(words) + _WORD_END)
    if _END in node:
        branches.append(_WORD_END if after_word else "")
    return _group(branches)


def word_group(words: Iterable[str]) -> str:
    """A regular-expression group matching any of ``words``, letter by letter: "ma(?:nagers|yors)", not
    "managers|mayors". Follow it with a test for the end of a word (a word boundary): then at most one of the words can
    match at a position, so the order in which they are tried changes nothing.

    The matching engine tries the branches of an alternation one by one, and where it compares ignoring case it skips
    none by its first letter: a list of a hundred words costs a hundred tries at every word of the text. Shared starts
    are tried once here."""
    words = tuple(words)
    if not all(word.isalnum() for word in words):
        raise ValueError(f"word_group takes words: {words}")
    return _letter_tree(words)


def _letter_tree(words: Iterable[str]) -> str:
    """An expression matching any of ``words``, letter by letter (see :func:`word_group`)."""
    tree: Trie = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[_END] = {}
    return _letters(tree)


def _letters(node: Trie) -> str:
    branches = [re.escape(letter) + _letters(child) for letter, child in node.items() if letter != _END]
    if _END in node:
        branches.append("")  # the word may end here, or go on
    return _group(branches)


def _key_regex(key: str) -> str:
    token = key.lstrip()
    return (_SEPARATOR if key != token else "") + ("['\u2019]" if token == "'" else re.escape(token))


def _group(branches: list[str]) -> str:
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


class Tokens:
    """The tokens of a folded text: where each starts and ends, what it says, and its key in a trie."""

    __slots__ = ("closes", "ends", "keys", "open_starts", "opens", "starts", "word_set", "words")

    def __init__(self, folded: str) -> None:
        matches = list(_TOKEN.finditer(folded))
        self.starts = [match.start() for match in matches]
        self.ends = [match.end() for match in matches]
        self.words = [match.group() for match in matches]
        self.word_set = frozenset(self.words)
        """The distinct words: many patterns test one text for words they need, and a set answers each at once."""
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
def tokenise(text: str) -> Tokens:
    return Tokens(fold(text))  # folding keeps every character's kind: word, space, hyphen or other


def alternation(phrases: Iterable[str]) -> str:
    """A regular-expression group matching any of ``phrases``, tried in turn, with whitespace between their words."""
    return "(?:" + "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in phrases) + ")"


def any_word(*phrases: str) -> Callable[[str], bool]:
    """A ``needs`` test for a :class:`Regex` that cannot match without one of ``phrases`` (words, or words separated
    by spaces, each matched whole): whether a text holds the longest word of one of them, in any case."""
    words = [fold(phrase).split() for phrase in phrases]
    if not all(word.isalnum() for phrase in words for word in phrase):
        raise ValueError(f"any_word takes words and phrases of words: {phrases}")
    wanted = frozenset(max(phrase, key=len) for phrase in words)
    return lambda text: not wanted.isdisjoint(tokenise(text).word_set)


def words_together(*shapes: tuple[tuple[str, ...], ...]) -> Callable[[str], bool]:
    """A ``needs`` test for a :class:`Regex` every match of which holds, for one of ``shapes``, a word of each of its
    sets ("down" with "line" or "road"): a shape is a tuple of sets of words, each word matched whole, in any case.
    Tighter than :func:`any_word` where the words a match cannot do without are common ones."""
    wanted = tuple(tuple(frozenset(fold(word) for word in words) for words in shape) for shape in shapes)
    if not all(word.isalnum() for shape in wanted for words in shape for word in words):
        raise ValueError(f"words_together takes single words: {shapes}")

    def holds(text: str) -> bool:
        present = tokenise(text).word_set
        return any(all(not words.isdisjoint(present) for words in shape) for shape in wanted)

    return holds


def _phrase_ends(root: Trie, tokens: Tokens, index: int) -> list[int]:
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
        root, tokens = self.root, tokenise(text)
        if root.keys().isdisjoint(tokens.word_set):
            return None  # the common case: no term starts with any word of the text
        words = tokens.words
        if self._before is None:  # a match starts with its term: walked here, the common case costs no generator
            starts = tokens.starts
            for index in tokens.opens_from(pos):
                if words[index] in root and (found := self._match(root, text, tokens, index, starts[index])):
                    return found
            return None
        for start, index in self._after_context(text, pos, tokens, self._before):
            if words[index] in root and (found := self._match(root, text, tokens, index, start)) is not None:
                return found
        return None

    @staticmethod
    def _after_context(text: str, pos: int, tokens: Tokens, before: Regex) -> Iterator[tuple[int, int]]:
        """Where a match may start (where ``before`` matches), and the token its term would start with."""
        while (context := before.search(text, pos)) is not None:
            if (index := tokens.open_at(context.end())) is not None:
                yield context.start(), index
            pos = context.start() + 1

    def _match(self, root: Trie, text: str, tokens: Tokens, index: int, start: int) -> Found | None:
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

    __slots__ = ("_needs", "regex")

    def __init__(self, regex: Regex, label: str) -> None:
        super().__init__(label)
        self.regex = regex
        self._needs = regex.needs

    def search(self, text: str, pos: int = 0) -> Found | None:
        match = self.regex.search(text, pos)
        return None if match is None else (match.start(), match.end(), *_reported_span(match))

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        needs = self._needs
        if needs is not None and not needs(text):
            return iter(())  # most patterns on most texts: no generator, no expression run
        return (_reported_span(match) for match in self.regex.regex.finditer(text))


class _Either(TermPattern):
    """Patterns as the branches of one alternation: the leftmost match wins, and the first branch at a tie."""

    __slots__ = ("_patterns",)

    def __init__(self, patterns: tuple[TermPattern, ...], label: str) -> None:
        super().__init__(label)
        self._patterns = patterns

    def search(self, text: str, pos: int = 0) -> Found | None:
        found = [match for pattern in self._patterns if (match := pattern.search(text, pos)) is not None]
        return min(found, key=_start, default=None)

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        """As :meth:`TermPattern.spans`, but a branch is searched again only once a match has passed its last one: a
        branch's leftmost match at or after one position is also its leftmost at or after any later position up to
        it, and a branch that finds nothing finds nothing further on."""
        ahead = [pattern.search(text) for pattern in self._patterns]
        while (found := min(filter(None, ahead), key=_start, default=None)) is not None:
            yield found[2], found[3]
            pos = max(found[1], found[0] + 1)
            ahead = [
                match if match is None or match[0] >= pos else pattern.search(text, pos)
                for pattern, match in zip(self._patterns, ahead, strict=True)
            ]


def _start(match: Found) -> int:
    return match[0]


def _reported_span(match: re.Match[str]) -> tuple[int, int]:
    """The span of the first named group that took part in the match, else of the whole match."""
    for name in match.re.groupindex:
        if match.group(name) is not None:
            return match.span(name)
    return match.span()
