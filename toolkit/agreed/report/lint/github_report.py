"""GitHub Actions workflow commands: one annotation per problem, then the summary line.

GitHub shows at most 10 error and 10 warning annotations per step; when a level has more, one ``::notice::`` says
how many of that level were not shown as annotations (the step log still lists every one).
"""

from __future__ import annotations

from agreed.problem import Problem, Severity
from agreed.report.lint.base import Report
from agreed.visible import visible, visible_lines

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
ANNOTATION_LIMIT = 10
LIMITED = (Severity.ERROR, Severity.WARNING)


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(problem: Problem, report: Report) -> str:
    rule = report.rules.get(problem.rule)
    title = f"{problem.rule} {rule.name}" if rule else problem.rule
    properties = ",".join(f"{key}={escape_property(value)}" for key, value in (
        ("file", visible(problem.path)), ("line", str(problem.line)), ("col", str(problem.col)), ("title", title)))
    # Line breaks in the message are left to GitHub's own %0D/%0A escapes, which an annotation shows as line breaks.
    return f"::{COMMANDS[problem.severity]} {properties}::{escape_data(visible_lines(problem.message))}"


def render(report: Report) -> str:
    counts = report.counts()
    # The overflow notices come first so that they are not themselves cut by the per-step limit on notices.
    lines = [f"::notice::{hidden} {severity.label}{'s' if hidden != 1 else ''} beyond GitHub's limit of "
             f"{ANNOTATION_LIMIT} per step not shown as annotations; see the step log"
             for severity in LIMITED if (hidden := counts[severity] - ANNOTATION_LIMIT) > 0]
    lines.extend(command(problem, report) for problem in report.problems)
    lines.append(report.summary())
    return "\n".join(lines) + "\n"
