"""Proper names and technical terms: the stretches of a statement that name something, so their words are no smell.

"Good" in "the Good Friday holiday schedule", "best" in "Best Buy" or "quality" in "Quality Assurance" name a day, a
shop and a team; "continuous" in "continuous integration" and "real-time" in "real-time, under 200 ms" are terms of
the trade. The vagueness rules ask :func:`in_name` of each hit and drop the hits that stand inside such a stretch:

- a name: two or more capitalised words in a row, which "of", "for", "and", "&" or "the" may join ("Best Buy",
  "Bank of America", "Best-Practice Guide"); the first word of a sentence, of a list item or of the text after a
  colon is capitalised by grammar, so a run that starts there names nothing with that word; in a sentence written
  in Title Case ("Provide a User-Friendly Interface.", every word capitalised but "a", "of", "and" and their kind)
  capitals are the writer's style and name nothing, unless a legal form ends the run ("Sign With Acme Ltd");
  a title in quotes is blanked before the rules read the statement, so it is never taken for a claim;
- a title: the words after "titled", "called", "named" or "entitled" up to the next punctuation, and a hyphenated
  compound that qualifies a kind of document ("the best-practice guide", "a quick-start checklist");
- a term of the built-in :data:`GLOSSARY`, in any case ("continuous integration", "good manufacturing practice");
- a term of :data:`BOUNDED_TERMS` ("real-time", "high availability") when its sentence gives the bound that makes it
  precise (a number) or it names a kind of component ("a high-availability cluster").

A team adds its own terms with the ``allowed-terms`` setting: no text rule reports inside them (the lint engine
drops those findings for every rule, so they are not looked up here).
"""

from __future__ import annotations

import bisect
import functools
import re

from agreed.text.patterns import Regex, TermPattern
from agreed.text.sentences import sentences

TYPE_CHECKING = False  # ``typing`` is not imported at run time; mypy reads this name as typing.TYPE_CHECKING
if TYPE_CHECKING:
    from agreed.text.hits import Hit

__all__ = [
    "BOUNDED_TERMS",
    "GLOSSARY",
    "capital_is_style",
    "in_name",
    "in_title_case",
    "is_proper_name",
    "name_spans",
    "within_name",
]

GLOSSARY = (
    # software delivery and operations
    "continuous integration", "continuous delivery", "continuous deployment", "continuous improvement process",
    "disaster recovery", "quality assurance", "quality control",
    "quality gate", "quality management system", "user acceptance testing", "smoke test", "smoke tests",
    "clean build", "clean install", "clean architecture", "simple object access protocol",
    "simple mail transfer protocol", "simple notification service", "simple queue service", "simple storage service",
    "secure shell", "secure copy", "secure hash algorithm", "secure sockets layer", "transport layer security",
    "single sign-on", "least privilege", "general availability", "long-term support", "minimum viable product",
    "responsive web design", "accessible rich internet applications", "high-level design", "low-level design",
    "key performance indicator", "key performance indicators", "key management service", "key vault",
    "key rotation", "key pair", "key pairs", "primary key", "foreign key", "api key", "api keys",
    "strong customer authentication", "strong consistency", "eventual consistency", "best-effort delivery",
    "fair queuing", "fair use policy", "easy connect",
    # regulated practice (a named body of rules, not a judgement)
    "good manufacturing practice", "good clinical practice", "good laboratory practice", "good distribution practice",
    "good practice guide", "best available techniques", "best execution", "reasonable assurance",
    "limited assurance", "material weakness", "significant deficiency", "fit and proper", "safe harbor",
    "safe harbour", "most favoured nation", "most favored nation", "clean desk policy", "clean room",
    "good standing", "good faith", "fair value", "fair market value", "true and fair view",
)  # fmt: skip
"""Technical and regulatory terms whose words would otherwise read as vague ("continuous", "good", "best")."""

BOUNDED_TERMS = (
    "real-time", "real time", "near real-time", "near real time", "near-real-time", "realtime", "high availability",
    "high-availability", "highly available",
)  # fmt: skip
"""Terms of the trade that are precise only with their bound in the same sentence ("real-time, under 200 ms") or as
the name of a kind of component ("a high-availability cluster"); alone they claim a quality ("provide high
availability")."""
_COMPONENT = Regex(
    r"\s+(?:clusters?|pairs?|set-?ups?|configurations?|modes?|zones?|replicas?|nodes?|architectures?|deployments?"
    r"|databases?|groups?|tiers?|options?|standbys?|failover)\b",
    re.IGNORECASE,
)
"""A component that a bounded term names the kind of: "high-availability cluster", "real-time mode"."""

_GLOSSARY = TermPattern.of(GLOSSARY)
_BOUNDED = TermPattern.of(BOUNDED_TERMS)
_BOUND = Regex(r"\d\s*(?:ms|milliseconds?|s|sec|secs|seconds?|minutes?|mins?|hz|fps|%)(?![\w])", re.IGNORECASE)

_RUN = Regex(
    r"(?<![\w\-'\u2019])[A-Z][\w'\u2019]*(?:-[\w'\u2019]+)*"
    r"(?:\s+(?:(?:of|for|and|&|the|de|von|van)\s+(?=[A-Z]))?(?:[A-Z][\w'\u2019]*(?:-[\w'\u2019]+)*|\d+(?:\.\d+)*))+(?![\w\-])",
    0,
    Regex(r"[A-Z]\w*\s+\S*[A-Z]").search,  # two capitalised words near each other
)
"""Capitalised words (and numbers) in a row, which "of", "for", "and", "&" or "the" may join."""
_TITLE_CASE = Regex(r"\b[A-Z][a-z]")
"""A run names something only if one of its words is written in title case: "ASAP TBD" and "WCAG 2.2 AA" do not."""
_OPENER = Regex(r"(?:^|[:\u2022*\-\u2013\u2014]|\b(?:[A-Z]{1,3}\d+|\d+(?:\.\d+)*)[.):]?)\s*$")
"""What may come before a word that grammar capitalises: nothing, a colon, a bullet, a dash, "KR1", "3.2"."""
_LEGAL_FORM = Regex(r"\s(?:Ltd|Limited|Inc|LLC|LLP|plc|PLC|GmbH|AG|SA|SAS|BV|NV|Corp|Corporation|Pty|KK)\.?$")
"""The legal form that ends a company's name ("Synergy Health Ltd", "Acme Corp.")."""
_WORD = Regex(r"[A-Za-z][\w'\u2019]*(?:-[\w'\u2019]+)*")
_MINOR_WORDS = frozenset((
    "a", "an", "the", "and", "or", "nor", "but", "for", "of", "to", "in", "on", "at", "by", "with", "from", "as",
    "per", "via", "vs", "into", "onto", "off", "up", "out", "over", "than", "de", "von", "van",
))  # fmt: skip
"""The articles, conjunctions and short prepositions that Title Case leaves in lower case."""
_AFTER_LABEL = Regex(r"[^:]+")
"""A sentence's words between colons, each of which grammar may capitalise at its start."""
_MIN_TITLE_CASE_CAPITALS = 2
"""How many capitalised words after the first make a sentence with no other lower-case word read as Title Case."""
_NEXT_NAME_WORD = Regex(r"\S+\s+(?:(?:of|for|and|&|the|de|von|van)\s+)?")
_TITLE = Regex(
    r"\b(?:titled|entitled|called|named|headed)\s+(?P<title>[^\s,.;:()]+(?:\s+[^\s,.;:()]+){0,7})",
    re.IGNORECASE,
    Regex(r"titled|called|named|headed", re.IGNORECASE).search,
)
_DOCUMENT_KIND = Regex(
    r"""(?<![\w\-])(?P<title>[a-z]+(?:-[a-z]+)*-(?:practices?|start|reference|level|step|how|case))\s+(?:guide|guides|guideline|guidelines|handbook|manual|policy
    |playbook|checklist|template|document|framework|specification|charter|code\s+of\s+conduct)\b""",
    re.IGNORECASE | re.VERBOSE,
    Regex(r"\w-\w").search,
)


def in_name(hit: Hit, *, modifier: bool = False) -> bool:
    """Whether the hit stands inside a proper name, a title or a technical term of its statement.

    ``modifier``: the hit is an adjective or another word that can start a name, so that a capitalised run that opens
    a sentence ("Good Friday rotas are published") counts with its first word; a verb ("Reduce AWS spend") does not.
    """
    return within_name(hit.masked, hit.start, hit.end, modifier=modifier)


def is_proper_name(hit: Hit) -> bool:
    """True when the hit is capitalised in the middle of a sentence, as in a name ("Best Buy", "Smart Ltd"), and the
    capital is not the style of a Title Case sentence ("Offer The Best Service"), where every word has one."""
    return (
        hit.term[:1].isupper()
        and bool(hit.before.strip())
        and not hit.before.rstrip().endswith((":", "-", "•"))
        and not capital_is_style(hit.masked, hit.start)
    )


def within_name(masked: str, start: int, end: int, *, modifier: bool = False) -> bool:
    """Whether ``masked[start:end]`` (a masked statement, see :func:`agreed.text.sentences.mask`) stands inside a
    name, a title or a technical term; ``modifier`` as for :func:`in_name`."""
    if modifier and any(run_start == start and end <= run_end for run_start, run_end in _opening_runs(masked)):
        return True
    spans = name_spans(masked)
    index = bisect.bisect_right(spans, (start, len(masked))) - 1  # the last span that starts at or before ``start``
    return index >= 0 and end <= spans[index][1]  # the spans do not overlap: no earlier one reaches further


@functools.lru_cache(maxsize=2048)  # each rule asks about the same statement: found once
def name_spans(masked: str) -> tuple[tuple[int, int], ...]:
    """The names, titles and technical terms of a masked statement, ordered by start; a name that opens a sentence
    starts after its first word."""
    found = [*_name_runs(masked)[0], *_titles(masked), *_GLOSSARY.spans(masked), *_bounded_terms(masked)]
    return tuple(sorted(_merged(found)))


def _opening_runs(masked: str) -> tuple[tuple[int, int], ...]:
    """The capitalised runs that open a sentence, with their first word."""
    return _name_runs(masked)[1]


@functools.lru_cache(maxsize=2048)
def _name_runs(masked: str) -> tuple[tuple[tuple[int, int], ...], tuple[tuple[int, int], ...]]:
    """The names of ``masked``, and the capitalised runs that open a sentence (their first word may be a verb)."""
    runs: list[tuple[int, int]] = []
    opening: list[tuple[int, int]] = []
    for match in _RUN.finditer(masked):
        start, end = match.span()
        if _TITLE_CASE.search(match.group()) is None:
            continue
        if _LEGAL_FORM.search(match.group()) is None and in_title_case(masked, start):
            start = _past_preposition(masked, start, end)  # "Close On Good Friday": the name follows "On"
            if start >= end or capital_is_style(masked, start):
                continue  # "Provide a User-Friendly Interface.": the capitals are the style of the whole sentence
        if _opens_sentence(masked, start) and _LEGAL_FORM.search(match.group()) is None:
            # a capital that grammar asks for names nothing: the name starts after it (a company's name, which ends
            # in its legal form, is one name from its first word: "Synergy Health Ltd")
            opening.append((start, end))
            start = _next_name_word(masked, start)
            if " " not in masked[start:end].strip():
                continue
        if _TITLE_CASE.search(masked[start:end]) is not None:
            runs.append((start, end))
    return tuple(runs), tuple(opening)


def in_title_case(masked: str, position: int) -> bool:
    """Whether the sentence of ``masked`` at ``position`` is written in Title Case, where a capital is the writer's
    style and no evidence of a name. After a colon the words are a sentence of their own ("Owner: Head of Care")."""
    return any(start <= position < end for start, end in _title_case_sentences(masked))


def capital_is_style(masked: str, position: int) -> bool:
    """Whether the capital at ``position`` is the style of a Title Case sentence rather than the mark of a name: so
    it is unless the word is the object of a preposition with no article ("Ship to Best Buy", "Close on Good
    Friday"), which a name is and a common noun in Title Case ("a User-Friendly Interface") is not."""
    if not in_title_case(masked, position):
        return False
    before = _WORD_BEFORE.search(masked[:position])
    return before is None or before.group(1).lower() not in _NAME_PREPOSITIONS


def _past_preposition(masked: str, start: int, end: int) -> int:
    """Where the name in a capitalised run of a Title Case sentence may start: after the run's last preposition,
    which Title Case capitalised too ("Close On Good Friday" gives "Good Friday"), else at its start."""
    words = list(_WORD.finditer(masked[:end], start))
    for index in range(len(words) - 1):
        if words[index].group().lower() in _NAME_PREPOSITIONS:
            start = words[index + 1].start()
    return start


_WORD_BEFORE = Regex(r"(\w+)\s+$")
_NAME_PREPOSITIONS = frozenset(("to", "at", "from", "with", "for", "on", "by", "via", "in", "into", "near", "of"))
"""Prepositions whose object, written without an article, is a name when capitalised in a Title Case sentence."""


@functools.lru_cache(maxsize=2048)
def _title_case_sentences(masked: str) -> tuple[tuple[int, int], ...]:
    found: list[tuple[int, int]] = []
    for start, end in sentences(masked):
        for match in _AFTER_LABEL.finditer(masked, start, end):
            if _is_title_case(match.group()):
                found.append(match.span())
    return tuple(found)


def _is_title_case(sentence: str) -> bool:
    """Whether every word of ``sentence`` after its first is capitalised but the minor words, and at least
    :data:`_MIN_TITLE_CASE_CAPITALS` are: "Provide a User-Friendly Interface" is; "Ship 200 units to Best Buy" is not.
    """
    capitals = 0
    for word in [match.group() for match in _WORD.finditer(sentence)][1:]:
        if word[0].isupper():
            capitals += 1
        elif word.lower() not in _MINOR_WORDS:
            return False
    return capitals >= _MIN_TITLE_CASE_CAPITALS


def _opens_sentence(masked: str, start: int) -> bool:
    sentence_start = max((bounds[0] for bounds in sentences(masked) if bounds[0] <= start), default=0)
    return _OPENER.search(masked[sentence_start:start]) is not None


def _next_name_word(masked: str, start: int) -> int:
    """Where the word after the one at ``start`` starts, past any joiner ("Maria and Li" gives "Li")."""
    word = _NEXT_NAME_WORD.match(masked, start)
    return word.end() if word is not None else len(masked)


def _titles(masked: str) -> list[tuple[int, int]]:
    return [match.span("title") for pattern in (_TITLE, _DOCUMENT_KIND) for match in pattern.finditer(masked)]


def _bounded_terms(masked: str) -> list[tuple[int, int]]:
    spans = list(_BOUNDED.spans(masked))
    if not spans:
        return []
    return [(start, end) for start, end in spans
            if _COMPONENT.match(masked, end) is not None or _BOUND.search(_sentence_of(masked, start)) is not None]


def _sentence_of(masked: str, position: int) -> str:
    for start, end in sentences(masked):
        if start <= position <= end:
            return masked[start:end]
    return masked


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans as one, so that a hit is inside one span when it is inside their union."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
