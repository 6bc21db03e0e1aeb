"""``path:line:col: CODE severity message``, one line per problem, then a summary line."""

from __future__ import annotations

from agreed.problem import Problem, Severity
from agreed.report.lint.base import Report
from agreed.visible import visible

SEVERITY_COLORS = {Severity.ERROR: "31", Severity.WARNING: "33", Severity.INFO: "36"}


def paint(text: str, code: str, enabled: bool) -> str:
    """``text`` in an ANSI colour when ``enabled``."""
    return f"\x1b[{code}m{text}\x1b[0m" if enabled else text


def problem_line(problem: Problem, color: bool) -> str:
    p = problem
    return (f"{paint(f'{visible(p.path)}:{p.line}:{p.col}:', '1', color)} {p.rule} "
            f"{paint(p.severity.label, SEVERITY_COLORS[p.severity], color)} {visible(p.message)}")


def render(report: Report) -> str:
    lines = [problem_line(problem, report.color) for problem in report.problems]
    lines.append(report.summary())
    return "\n".join(lines) + "\n"
