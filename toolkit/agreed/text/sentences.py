"""Masking and sentence structure: what a rule never scans (URLs, code, quotes, non-normative text), sentences and
clauses.

:func:`mask` keeps length and line breaks, so offsets into the masked text are offsets into the original.
"""

from __future__ import annotations

import bisect
import functools
import re

from agreed.text.nonnormative import non_normative_spans
from agreed.text.patterns import Regex

__all__ = [
    "clause_around",
    "mask",
    "sentence_around",
    "sentences",
]

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
    """Blank URLs, e-mail addresses, code spans, quoted phrases and non-normative text (notes, rationales, examples,
    headings: :mod:`agreed.text.nonnormative`) with spaces; length and line breaks are kept."""
    masked = _MASK.sub(_blank, text)
    for start, end in non_normative_spans(masked):
        masked = masked[:start] + re.sub(r"[^\n]", " ", masked[start:end]) + masked[end:]
    return masked


def _blank(match: re.Match[str]) -> str:
    return re.sub(r"[^\n]", " ", match.group())


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
