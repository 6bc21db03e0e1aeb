"""A versioned JSON document: tool, summary and every problem with its rule's name and category."""

from __future__ import annotations

from typing import Any

from agreed.printable import printable
from agreed.problem import Problem, Severity
from agreed.report.envelope import json_document
from agreed.report.lint.base import Report


def problem_record(problem: Problem, report: Report) -> dict[str, Any]:
    rule = report.rules.get(problem.rule)
    return {
        "path": printable(problem.path),
        "line": problem.line,
        "col": problem.col,
        "rule": problem.rule,
        "name": rule.name if rule else None,
        "category": rule.category.value if rule else None,
        "severity": problem.severity.label,
        "message": printable(problem.message),
    }


def render(report: Report) -> str:
    counts = report.counts()
    return json_document({
        "summary": {"files": report.files, "problems": len(report.problems),
                    **{severity.label: counts[severity] for severity in Severity}},
        "problems": [problem_record(problem, report) for problem in report.problems],
    })
