"""``path:line:col: CODE severity message``, one line per problem, then a summary line."""

from __future__ import annotations

from agreed.problem import Severity
from agreed.report.base import Report

_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def _paint(text: str, code: str, enabled: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def render(report: Report) -> str:
    lines = [
        f"{_paint(f'{p.path}:{p.line}:{p.col}:', '1', report.color)} {p.rule} "
        f"{_paint(p.severity.label, _COLORS[p.severity], report.color)} {p.message}"
        for p in report.problems
    ]
    lines.append(report.summary())
    return "\n".join(lines) + "\n"
