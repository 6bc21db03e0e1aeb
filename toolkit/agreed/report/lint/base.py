"""What every reporter receives: the problems of one run and the facts needed to describe it."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from agreed.printable import printable
from agreed.problem import Problem, Severity
from agreed.record import Record

if TYPE_CHECKING:
    from agreed.lint.rule import Rule


class Report(Record):
    problems: tuple[Problem, ...]
    files: int
    rules: Mapping[str, Rule]
    color: bool = False
    sources: Mapping[str, str] = MappingProxyType({})  # path -> file text, for reporters that quote it
    docs: str | None = None  # the base URL of the rules' documentation given for this run (rule_docs.docs_url)

    def counts(self) -> Counter[Severity]:
        return Counter(problem.severity for problem in self.problems)

    def summary(self) -> str:
        counts = self.counts()
        files = f"{self.files} file{'s' if self.files != 1 else ''}"
        if not self.problems:
            return f"No problems in {files}."
        parts = [f"{counts[severity]} {_plural(severity.label, counts[severity])}"
                 for severity in sorted(counts, reverse=True)]
        total = len(self.problems)
        return f"Found {total} problem{'s' if total != 1 else ''} ({', '.join(parts)}) in {files}."


def _plural(label: str, count: int) -> str:
    return label if count == 1 or label == "info" else f"{label}s"


def posix_path(path: str) -> str:
    return path.replace("\\", "/")


def fingerprint_keys(problems: Sequence[Problem]) -> list[str]:
    """For each problem, a key that survives moved lines: rule, path, message and which identical finding it is."""
    seen: Counter[tuple[str, str, str]] = Counter()
    keys = []
    for problem in problems:
        identity = (problem.rule, printable(posix_path(problem.path)), printable(problem.message))
        keys.append("\0".join((*identity, str(seen[identity]))))
        seen[identity] += 1
    return keys
