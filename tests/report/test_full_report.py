from __future__ import annotations

from agreed.lint.rule import Category, Rule
from agreed.problem import Problem, Severity
from agreed.report import REPORTERS
from agreed.report.base import Report
from agreed.report.full_report import render

RULES = {"A101": Rule("A101", "vague-word", Category.VAGUENESS, Severity.WARNING, "Vague word.", "Long doc.")}
SOURCE = "title: x\n\tgoal: ship it soon\r\nlast: y"


def test_registered() -> None:
    assert REPORTERS["full"] is render


def test_each_problem_is_followed_by_its_line_and_a_caret() -> None:
    problems = (Problem("a.yaml", 2, 16, "A101", Severity.WARNING, "vague word 'soon'"),
                Problem("a.yaml", 1, 1, "A101", Severity.ERROR, "first"),
                Problem("a.yaml", 3, 8, "A101", Severity.INFO, "after the end of the line"))
    report = Report(problems, 1, RULES, sources={"a.yaml": SOURCE})
    assert render(report) == (
        "a.yaml:2:16: A101 warning vague word 'soon'\n"
        "    \tgoal: ship it soon\n"
        "    \t              ^\n"
        "a.yaml:1:1: A101 error first\n"
        "    title: x\n"
        "    ^\n"
        "a.yaml:3:8: A101 info after the end of the line\n"
        "    last: y\n"
        "           ^\n"
        "Found 3 problems (1 error, 1 warning, 1 info) in 1 file.\n"
    )


def test_snippet_is_omitted_without_the_source_or_the_line() -> None:
    problems = (Problem("b.yaml", 1, 1, "A101", Severity.ERROR, "no source"),
                Problem("a.yaml", 9, 1, "A101", Severity.ERROR, "no such line"))
    report = Report(problems, 2, RULES, sources={"a.yaml": SOURCE})
    assert render(report) == (
        "b.yaml:1:1: A101 error no source\n"
        "a.yaml:9:1: A101 error no such line\n"
        "Found 2 problems (2 errors) in 2 files.\n"
    )


def test_colour_paints_location_severity_and_caret() -> None:
    report = Report((Problem("a.yaml", 1, 1, "A101", Severity.ERROR, "m"),), 1, RULES, color=True,
                    sources={"a.yaml": SOURCE})
    assert render(report).splitlines()[:3] == [
        "\x1b[1ma.yaml:1:1:\x1b[0m A101 \x1b[31merror\x1b[0m m", "    title: x", "    \x1b[31m^\x1b[0m"]


def test_empty_report() -> None:
    assert render(Report((), 3, RULES)) == "No problems in 3 files.\n"
