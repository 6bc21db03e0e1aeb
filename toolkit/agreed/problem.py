"""The one finding type every part of agreed produces: a positioned, frozen Problem."""

from __future__ import annotations

import enum

from agreed.record import Record

TYPE_CHECKING = False  # ``typing`` is not imported at run time; mypy reads this name as typing.TYPE_CHECKING
if TYPE_CHECKING:
    from collections.abc import Iterable


class Severity(enum.IntEnum):
    """How serious a finding is; ordered so that thresholds compare naturally."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """Read a severity name (``info``, ``warning``, ``error``); raises ValueError otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            names = ", ".join(member.label for member in cls)
            raise ValueError(f"unknown severity {text!r} (expected one of: {names})") from None


class Problem(Record):
    """One finding at a 1-based ``line`` and ``col`` of ``path``; ``end_col`` is the column just after the words at
    fault when they lie on ``line`` as written (a text rule's span), else 0: not known."""

    path: str
    line: int
    col: int
    rule: str
    severity: Severity
    message: str
    end_col: int = 0


def at_or_above(problems: Iterable[Problem], threshold: Severity | None) -> bool:
    """Whether any problem reaches ``threshold`` (None: never)."""
    return threshold is not None and any(problem.severity >= threshold for problem in problems)
