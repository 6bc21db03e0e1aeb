"""How much prose the text rules read: the limits of one run, shared by the engine, the statement check of
``agreed check-text`` and the built-ins' documentation."""

from __future__ import annotations

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
