"""How much prose the text rules read: the limits of one run, and the one walk that spends them, shared by the
engine (an agreement's statements), the statement check of ``agreed check-text`` (an input's lines) and the
built-ins' documentation."""

from __future__ import annotations

import enum
from collections.abc import Iterator, Sequence

from agreed.record import Record


class TextBudget(Record):
    """How much prose the text rules read, and how many findings one rule reports in one value.

    Commitments are a few sentences; the limits sit far above that, so that a pasted document or a generated
    megabyte costs a fraction of a second and a screenful of findings instead of minutes and a flood. Text past
    a limit is not read, and a finding says so at the value; findings past the cap are counted in one summary.
    """

    value_chars: int = 10_000
    """Characters of one value the text rules read."""
    document_chars: int = 100_000
    """Characters of commitment prose of one agreement the text rules read, all values together; and of one input
    of ``agreed check-text``, all lines together."""
    findings_per_value: int = 10
    """Findings one rule reports in one value; the rest are summed up in one more finding."""


DEFAULT_BUDGET = TextBudget()


class Cut(enum.Enum):
    """Why the text rules read less than all of one text of a sequence."""

    NONE = "read whole"
    VALUE = "cut by the cap of one value; the texts after it are read"
    TOTAL = "cut by what the whole sequence had left; the next text is the last one walked"
    SPENT = "the whole sequence's budget was spent before it: none of it, nor anything after it, is read"


class Reading(Record):
    """How much of the text at ``at`` (its index) of a sequence the text rules read."""

    at: int
    read: int
    cut: Cut


def readings(texts: Sequence[str], budget: TextBudget) -> Iterator[Reading]:
    """How much of each text the text rules read, in order, within ``budget``: each text up to
    ``budget.value_chars``, all of them together up to ``budget.document_chars``. The walk ends with the first text
    the whole's budget leaves entirely unread (a ``SPENT`` reading), so every caller says the same about where
    reading stopped."""
    left = budget.document_chars
    for index, text in enumerate(texts):
        if left <= 0 and text:
            yield Reading(index, 0, Cut.SPENT)
            return
        allowance = min(budget.value_chars, left)
        read = read_length(text, allowance)
        if read == len(text):
            yield Reading(index, read, Cut.NONE)
        elif allowance == budget.value_chars:  # the whole had more left than one value may use
            yield Reading(index, read, Cut.VALUE)
        else:
            yield Reading(index, read, Cut.TOTAL)
            read = left  # what remained is spent: nothing after this text is read
        left -= read


def read_length(text: str, limit: int) -> int:
    """How much of ``text`` the text rules read: all of it up to ``limit`` characters, else up to the last break
    (sentence, line or word) before the limit, so that no word is cut in two."""
    return len(text) if len(text) <= limit else break_before(text, 0, limit)


def break_before(text: str, start: int, limit: int) -> int:
    """Where to end a piece of ``text[start:]`` of at most ``limit - start`` characters: after the last sentence end
    or line break in its second half, else after the last space there, else at ``limit``."""
    half = start + (limit - start) // 2  # a break in the first half would waste most of the piece
    cut = max(text.rfind(". ", half, limit) + 2, text.rfind("\n", half, limit) + 1)
    if cut <= half:
        cut = text.rfind(" ", half, limit) + 1
    return cut if half < cut <= limit else limit
