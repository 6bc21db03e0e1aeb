"""Like ``text``, but each problem is followed by its source line and a caret under its column.

A long line is shown as a window of at most :data:`WIDTH` characters around the column, with "…" where it was
cut, so the report stays about as long as the text report whatever the file holds. Each file's line starts are
found once per report, and only the window of a line is ever copied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from agreed.lines import line_starts
from agreed.problem import Problem
from agreed.report.lint.base import Report
from agreed.report.lint.text_report import SEVERITY_COLORS, paint, problem_line
from agreed.visible import visible

INDENT = "    "
WIDTH = 100
"""Characters of a source line shown at most; a longer line is cut around the column."""
ELLIPSIS = "\u2026"

def snippet(problem: Problem, source: str, color: bool = False, starts: Sequence[int] | None = None) -> list[str]:
    """The problem's source line (a window of it when long) and a caret line under its column; empty when the line
    is not in ``source``. ``starts`` are the line starts of ``source``, when the caller has them already."""
    starts = line_starts(source) if starts is None else starts
    if not 1 <= problem.line <= len(starts):
        return []
    begin = starts[problem.line - 1]
    end = len(source)
    if problem.line < len(starts):  # the line ends where the next starts, before the line break between them
        end = starts[problem.line]
        end -= 2 if source[end - 2 : end] == "\r\n" else 1
    column = max(problem.col - 1, 0)
    first, last = _window(end - begin, column)
    window = source[begin + first : begin + last]
    before = ELLIPSIS if first > 0 else ""
    after = ELLIPSIS if last < end - begin else ""
    # The caret's column is counted on the line as shown, where an escaped control character is several wide;
    # tabs stay in the padding so the caret lines up however the terminal expands them.
    padding = " " * len(before) + "".join("\t" if char == "\t" else " " for char in visible(window[: column - first]))
    padding += " " * max(column - first - len(window), 0)
    return [f"{INDENT}{before}{visible(window)}{after}",
            f"{INDENT}{padding}{paint('^', SEVERITY_COLORS[problem.severity], color)}"]


def _window(length: int, column: int) -> tuple[int, int]:
    """The character range of a line of ``length`` characters to show: all of it when it fits in :data:`WIDTH`,
    else :data:`WIDTH` characters with ``column`` near the middle (the caret may stand just past the end)."""
    if length <= WIDTH:
        return 0, length
    first = min(max(column - WIDTH // 2, 0), length - WIDTH)
    return first, first + WIDTH


def render(report: Report) -> str:
    lines: list[str] = []
    starts_of = _line_starts_once()
    for problem in report.problems:
        lines.append(problem_line(problem, report.color))
        source = report.sources.get(problem.path)
        if source is not None:
            lines.extend(snippet(problem, source, report.color, starts_of(problem.path, source)))
    lines.append(report.summary())
    return "\n".join(lines) + "\n"


def _line_starts_once() -> Callable[[str, str], list[int]]:
    """A look-up of each file's line starts that finds them on the first request for that file only."""
    found: dict[str, list[int]] = {}

    def starts(path: str, source: str) -> list[int]:
        if path not in found:
            found[path] = line_starts(source)
        return found[path]

    return starts
