"""Like ``text``, but each problem is followed by its source line and a caret under its column."""

from __future__ import annotations

from agreed.problem import Problem
from agreed.report.base import Report
from agreed.report.text_report import SEVERITY_COLORS, paint, problem_line

INDENT = "    "


def snippet(problem: Problem, source: str, color: bool = False) -> list[str]:
    """The problem's source line and a caret line under its column; empty when the line is not in ``source``."""
    lines = source.split("\n")
    if not 1 <= problem.line <= len(lines):
        return []
    text = lines[problem.line - 1].removesuffix("\r")
    # Keep tabs in the padding so the caret lines up however the terminal expands them.
    padding = "".join("\t" if char == "\t" else " " for char in text[: max(problem.col - 1, 0)])
    padding += " " * max(problem.col - 1 - len(text), 0)
    return [f"{INDENT}{text}", f"{INDENT}{padding}{paint('^', SEVERITY_COLORS[problem.severity], color)}"]


def render(report: Report) -> str:
    lines: list[str] = []
    for p in report.problems:
        lines.append(problem_line(p, report.color))
        source = report.sources.get(p.path)
        if source is not None:
            lines.extend(snippet(p, source, report.color))
    lines.append(report.summary())
    return "\n".join(lines) + "\n"
