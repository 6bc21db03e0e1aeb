"""How ``agreed check-text`` shows its statements: lint's text report, or JSON Lines.

- text: one ``path:line:col: CODE severity message`` line per finding, then the summary line, as ``agreed lint``
  writes them (:mod:`agreed.report.lint.text_report`).
- json: one JSON object per input line (JSON Lines), ``{"line": N, "text": ..., "findings": [...]}``; non-ASCII
  text is kept readable, but NEL, LS and PS are escaped, since line readers (Python's ``splitlines``, JavaScript)
  would break a record at them.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Final

from agreed.lint.engine import StatementFinding
from agreed.lint.run import CheckedLine
from agreed.problem import Problem
from agreed.report.lint import text_report
from agreed.report.lint.base import Report
from agreed.report.registry import Registry


@dataclass(frozen=True, slots=True)
class CheckedStatements:
    """The statements of one input as the lint run checked them (:func:`agreed.lint.run.check_statements`), shown
    under ``path``; ``color`` for a terminal that shows it."""

    path: str
    lines: tuple[CheckedLine, ...]
    color: bool = False

    def problems(self) -> list[Problem]:
        """Every finding as a positioned problem (columns from 1), in input order."""
        return [Problem(self.path, line.number, finding.start + 1, finding.rule, finding.severity, finding.message)
                for line in self.lines for finding in line.findings]


def render_text(checked: CheckedStatements) -> str:
    return text_report.render(Report(tuple(sorted(checked.problems())), 1, {}, color=checked.color))


def render_json_lines(checked: CheckedStatements) -> str:
    return "".join(_json_line({"line": line.number, "text": line.text,
                               "findings": [_record(finding) for finding in line.findings]}) + "\n"
                   for line in checked.lines)


def _json_line(record: dict[str, object]) -> str:
    text = json.dumps(record, ensure_ascii=False)
    return text.replace("\x85", "\\u0085").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _record(finding: StatementFinding) -> dict[str, object]:
    return {"rule": finding.rule, "name": finding.name, "category": finding.category.value,
            "severity": finding.severity.label, "start": finding.start, "end": finding.end,
            "message": finding.message}


STATEMENT_FORMATS: Final[Registry[CheckedStatements, str]] = Registry("statements", {
    "text": render_text, "json": render_json_lines})
