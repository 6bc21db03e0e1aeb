"""JUnit XML for CI systems that show test reports (Jenkins, GitLab, Azure Pipelines): one test case per file
with findings, failing with every finding of the file listed (``line:col CODE severity message``) and its most
serious severity as the failure's type; the files without findings pass together in one test case. Every finding
is listed, whatever ``--fail-on`` says: the exit code tells the threshold."""

from __future__ import annotations

from collections.abc import Sequence

from agreed.problem import Problem
from agreed.report.junit import Case, Failure, junit_text
from agreed.report.lint.base import Report

SUITE = "agreed lint"
CLASSNAME = "agreed.lint"
CLEAN_FILES = "files without findings"


def render(report: Report) -> str:
    by_file: dict[str, list[Problem]] = {}
    for problem in report.problems:
        by_file.setdefault(problem.path, []).append(problem)
    cases = [Case(path, CLASSNAME, _failure(found)) for path, found in by_file.items()]
    clean = report.files - len(by_file)
    if clean > 0:
        cases.append(
            Case(CLEAN_FILES, CLASSNAME, output=(f"{clean} file{'s' if clean != 1 else ''} checked without findings",))
        )
    return junit_text(SUITE, cases)


def _failure(problems: Sequence[Problem]) -> Failure:
    worst = max(problem.severity for problem in problems)
    count = len(problems)
    return Failure(
        worst.label,
        f"{count} findings; the most serious has severity {worst.label}" if count != 1
        else f"1 finding, of severity {worst.label}",
        tuple(
            f"{problem.line}:{problem.col} {problem.rule} {problem.severity.label} {problem.message}"
            for problem in problems
        ),
    )
