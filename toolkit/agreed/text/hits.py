"""Scanning a statement for terms: :func:`scan` of the masked text, each :class:`Hit` with the context around it.

Every text rule scans through :func:`scan`, so URLs, e-mail addresses, ``code spans`` and quoted phrases are never
flagged, and keeps only the hits that their context allows.
"""

from __future__ import annotations

import re

from agreed.record import Record
from agreed.text.sentences import clause_around, mask, sentence_around
from agreed.text.subjects import Subject, subject_before

TYPE_CHECKING = False  # ``typing`` is not imported at run time; mypy reads this name as typing.TYPE_CHECKING
if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Mapping

    from agreed.text.patterns import TermPattern

__all__ = [
    "Hit",
    "exempted",
    "scan",
    "text_after",
    "text_before",
]


class Hit(Record):
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

    @property
    def subject(self) -> Subject:
        """The subject of the clause in which the hit stands, and its kind (:mod:`agreed.text.subjects`): who a modal
        or verb at the hit is about."""
        return subject_before(self.masked, self.start)


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
