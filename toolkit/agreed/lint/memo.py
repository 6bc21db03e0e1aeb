"""What the text rules found in each value of one buffer, kept from one check to the next, so that a check after an
edit reads again only the values the edit changed (the language server checks a buffer after every pause in typing).
``agreed lint`` reads each value once and keeps nothing.

What a text rule finds in a value depends on the rule (with its options), the team's allowed terms, the value's text
as the budget lets it be read, and its :class:`TextContext` (owned, measured, the party, the partners' names...),
nothing else: not where the value stands. So the memo keeps spans (offsets in the value), looked up by text and
context, and the engine places them in the document of each check: lines added above a value, or a list item moved,
cost nothing and can never leave a finding at a stale line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from agreed.lint.rule import TextContext, TextRule, TextSpan

_Value = tuple[str, TextContext]
Found = dict[int, list[TextSpan]]
"""What the rules found in one value so far: by the rule's place in the rules of the check, its spans."""


@dataclass(slots=True, eq=False)
class TextMemo:
    """The spans of each text rule in each value read by the last check of one buffer.

    Bounded by one agreement: a check keeps what it used and drops the rest of what the check before it kept, so
    however many edits a buffer goes through, the memo holds at most the values of its last check. Bound to the
    reader of a check (a configured linter: rules, options, allowed terms) and the rules it runs, each by identity:
    a check by another configuration, another day's linter, or with other rules switched off, starts empty."""

    _reader: object = None
    _rules: tuple[TextRule, ...] = ()
    _used: dict[_Value, Found] = field(default_factory=dict)
    _before: dict[_Value, Found] = field(default_factory=dict)

    def begin(self, reader: object, rules: Sequence[TextRule]) -> None:
        """A check starts: what the last one used stays at hand when ``reader`` and ``rules`` are the same."""
        same = reader is self._reader and len(rules) == len(self._rules) and all(
            mine is theirs for mine, theirs in zip(self._rules, rules, strict=True))
        self._before = self._used if same else {}
        self._used = {}
        self._reader, self._rules = reader, tuple(rules)

    def end(self) -> None:
        """The check is over: what it did not use is dropped."""
        self._before = {}

    def found(self, text: str, context: TextContext) -> Found:
        """What the rules found in a value so far; the caller adds what a rule finds the first time it reads it."""
        value = (text, context)
        known = self._used.get(value)
        if known is None:
            known = self._before.pop(value, None)
            if known is None:
                known = {}
            self._used[value] = known
        return known

    def __len__(self) -> int:
        """How many values the memo holds."""
        return len(self._used) + len(self._before)
