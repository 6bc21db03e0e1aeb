from __future__ import annotations

from agreed.lint.rule import Category
from agreed.problem import Problem, Severity
from agreed.report.lint.base import Report
from agreed.report.lint.github_report import render
from fake_rules import fake_text_rule

RULES = {"A101": fake_text_rule("A101", "vague-word", Category.VAGUENESS, Severity.WARNING, "Vague word.\n\nDoc.")}


def test_one_command_per_problem_then_the_summary() -> None:
    problems = (Problem("contracts/a.yaml", 2, 5, "A101", Severity.ERROR, "first"),
                Problem("contracts/a.yaml", 3, 1, "A101", Severity.WARNING, "second"),
                Problem("contracts/b.yaml", 4, 7, "X999", Severity.INFO, "third"))
    assert render(Report(problems, 2, RULES)) == (
        "::error file=contracts/a.yaml,line=2,col=5,title=A101 vague-word::first\n"
        "::warning file=contracts/a.yaml,line=3,col=1,title=A101 vague-word::second\n"
        "::notice file=contracts/b.yaml,line=4,col=7,title=X999::third\n"
        "Found 3 problems (1 error, 1 warning, 1 info) in 2 files.\n"
    )


def test_properties_and_data_are_escaped() -> None:
    problem = Problem("dir,x/a:b%.yaml", 1, 1, "A101", Severity.ERROR, "100% sure:\r\nline two, ok")
    assert render(Report((problem,), 1, RULES)).splitlines()[0] == (
        "::error file=dir%2Cx/a%3Ab%25.yaml,line=1,col=1,title=A101 vague-word::100%25 sure:%0D%0Aline two, ok")


def test_levels_beyond_the_annotation_limit_are_counted_in_a_notice() -> None:
    problems = tuple(Problem("a.yaml", n, 1, "A101", Severity.ERROR, "e") for n in range(1, 13))
    problems += tuple(Problem("a.yaml", n, 1, "A101", Severity.WARNING, "w") for n in range(1, 12))
    problems += tuple(Problem("a.yaml", n, 1, "A101", Severity.INFO, "i") for n in range(1, 13))
    lines = render(Report(problems, 1, RULES)).splitlines()
    assert lines[:2] == [
        "::notice::2 errors beyond GitHub's limit of 10 per step not shown as annotations; see the step log",
        "::notice::1 warning beyond GitHub's limit of 10 per step not shown as annotations; see the step log",
    ]
    assert len(lines) == 2 + len(problems) + 1


def test_no_notice_at_the_limit() -> None:
    problems = tuple(Problem("a.yaml", n, 1, "A101", Severity.ERROR, "e") for n in range(1, 11))
    assert not render(Report(problems, 1, RULES)).startswith("::notice::")


def test_empty_report() -> None:
    assert render(Report((), 1, RULES)) == "No problems in 1 file.\n"
