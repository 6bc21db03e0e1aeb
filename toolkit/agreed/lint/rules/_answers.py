"""What the framing, celebration and relationship rules share: where free-text answers live, which of them say
something, and which parties a piece of prose names.

Private to the rules non_answer, failure_unmeasured, announcer_not_party, credit_not_100, handoff_incomplete,
hopes_copied, reservation_unmonitored, confidentiality_contradiction, renegotiation_without_trigger and
grade_good_enough.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator

from agreed.agreement import agreement_of
from agreed.document import Document, JsonPath
from agreed.lint.rules._references import close_party
from agreed.text.patterns import Regex
from agreed.text.values import is_non_answer

EACH = "*"
"""In a path pattern: every item of the list at that point."""


def is_draft(document: Document) -> bool:
    return agreement_of(document).is_draft


def values_at(document: Document, pattern: tuple[str, ...]) -> Iterator[tuple[JsonPath, object]]:
    """The values at ``pattern`` (a path whose :data:`EACH` steps stand for every list index), with their paths."""
    yield from _expand(document, (), pattern)


def _expand(document: Document, prefix: JsonPath, rest: tuple[str, ...]) -> Iterator[tuple[JsonPath, object]]:
    if not rest:
        yield prefix, document.value_at(prefix)
        return
    step, remaining = rest[0], rest[1:]
    if step != EACH:
        if isinstance(document.value_at(prefix), dict):
            yield from _expand(document, (*prefix, step), remaining)
        return
    listed = document.value_at(prefix)
    if isinstance(listed, list):
        for index in range(len(listed)):
            yield from _expand(document, (*prefix, index), remaining)


def answer(value: object) -> str | None:
    """``value`` when it is prose that says something; None when it is absent, not text, blank or a non-answer
    ("TBD", "see above"), which rule S104 or the schema reports."""
    if not isinstance(value, str) or is_non_answer(value):
        return None
    return value


_NOT_WORD = Regex(r"[^\w%]+")
_NAME_WORD = Regex(r"[\w'\u2019-]+")


def normalised(text: str) -> str:
    """``text`` for comparing answers: lower case, words only, single spaces."""
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


def party_names(document: Document) -> dict[str, str]:
    """Each party id with its display name (the id when the party has no usable name)."""
    names: dict[str, str] = {}
    for party in agreement_of(document).parties:
        if party.id is not None and party.shown_name is not None and party.id not in names:
            names[party.id] = party.shown_name
    return names


def mentioned_parties(text: str, names: dict[str, str]) -> list[str]:
    """The ids of the parties that ``text`` names, by id or by any capitalised word of their name ("Maria",
    "Okafor", "Maria Chen"); ids in the order of ``names``. Names are matched case-sensitively so that a party
    called Will is not found in "will"."""
    return [party_id for party_id, name in names.items() if _names_party(text, party_id, name)]


def _names_party(text: str, party_id: str, name: str) -> bool:
    words = [word for word in _NAME_WORD.regex.findall(name) if len(word) > 1 and word[0].isupper()]
    return any(_stands_alone(word, text) for word in [party_id, *words])


def _stands_alone(word: str, text: str) -> bool:
    """Whether ``word`` occurs in ``text`` with no letter, digit, underscore or hyphen on either side (a search for
    the plain string: an expression per party word would be compiled anew for every agreement)."""
    start = text.find(word)
    while start != -1:
        end = start + len(word)
        if not (start > 0 and _joins(text[start - 1])) and not (end < len(text) and _joins(text[end])):
            return True
        start = text.find(word, start + 1)
    return False


def _joins(char: str) -> bool:
    """Whether ``char`` continues a word, as ``[\\w-]`` matches it."""
    return char.isalnum() or char in "_-"


def not_a_party_hint(value: str, parties: Collection[str]) -> str:
    """The end of a message about ``value`` not being a party: the closest party id, or the list of ids."""
    close = close_party(value, frozenset(parties))
    return f" (did you mean {close!r}?)" if close is not None else f"; parties are: {', '.join(sorted(parties))}"
