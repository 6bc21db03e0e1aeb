"""How ``agreed digest`` shows its digests: text lines for a terminal or a script, or a versioned JSON document.

- text: ``sha256:<hex> FILE`` on standard output per file digested, in the order named; a file without a digest has
  its positioned problems and one ``agreed: error:`` line on standard error instead, where it stood.
- json: ``{"version": 1, "tool": ..., "files": [...]}``, each file with its digest, or ``null`` and the error and
  problems (as lint's JSON report gives them) that stand in the way.

Names are shown as given (standard input as ``<stdin>`` or its ``--stdin-filename``); every format writes a byte
of a name that is not UTF-8 as ``\\xNN``, and text escapes control characters (:mod:`agreed.visible`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from agreed.consent.digest import DigestError
from agreed.report.envelope import json_document
from agreed.report.lint.base import Report
from agreed.report.lint.json_report import problem_record
from agreed.report.lint.text_report import problem_line
from agreed.report.registry import Registry
from agreed.visible import visible

if TYPE_CHECKING:
    from agreed.lint.rule import Rule


@dataclass(frozen=True, slots=True)
class Digested:
    """One file named: as it was named, and its digest or why it has none."""

    name: str
    result: str | DigestError

    @property
    def failed(self) -> bool:
        return isinstance(self.result, DigestError)


@dataclass(frozen=True, slots=True)
class Digests:
    """The files of one run in the order named; ``rules`` names the rules of their problems (for JSON)."""

    files: tuple[Digested, ...]
    rules: Mapping[str, Rule] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Written:
    """A piece of the output and its stream: standard output, or standard error for what stands in the way."""

    text: str
    to_stderr: bool = False


def render_text(digests: Digests) -> tuple[Written, ...]:
    return tuple(written for file in digests.files for written in _text(file))


def _text(file: Digested) -> list[Written]:
    if isinstance(file.result, DigestError):
        problems = [Written(problem_line(problem, color=False) + "\n", True) for problem in file.result.problems]
        return [*problems, Written(f"agreed: error: {visible(file.result.message)}\n", True)]
    return [Written(f"{file.result} {visible(file.name)}\n")]


def render_json(digests: Digests) -> tuple[Written, ...]:
    failures = tuple(problem for file in digests.files if isinstance(file.result, DigestError)
                     for problem in file.result.problems)
    report = Report(failures, len(digests.files), dict(digests.rules))
    return (Written(json_document({"files": [_record(file, report) for file in digests.files]})),)


def _record(file: Digested, report: Report) -> dict[str, Any]:
    if isinstance(file.result, DigestError):
        return {"path": file.name, "digest": None, "error": file.result.message,
                "problems": [problem_record(problem, report) for problem in file.result.problems]}
    return {"path": file.name, "digest": file.result}


DIGEST_FORMATS: Final[Registry[Digests, tuple[Written, ...]]] = Registry("digests", {
    "text": render_text, "json": render_json})
