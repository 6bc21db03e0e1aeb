from __future__ import annotations

import json

from agreed.lint.rule import Category
from agreed.problem import Problem, Severity
from agreed.report.lint.base import Report
from agreed.report.lint.gitlab_report import render
from fake_rules import fake_text_rule

RULES = {"A101": fake_text_rule("A101", "vague-word", Category.VAGUENESS, Severity.WARNING, "Vague word.\n\nDoc.")}


def test_issues() -> None:
    problems = (Problem("contracts/a.yaml", 3, 1, "A101", Severity.WARNING, "vague word 'soon'"),
                Problem("contracts\\a.yaml", 7, 9, "A101", Severity.ERROR, "vague word 'soon'"),
                Problem("contracts/b.yaml", 1, 1, "X999", Severity.INFO, "other"))
    issues = json.loads(render(Report(problems, 2, RULES)))
    assert issues[:2] == [
        {"description": "vague word 'soon'", "check_name": "A101", "fingerprint": "65984e8b31dbc51e3243a4ff4875027d",
         "severity": "minor", "location": {"path": "contracts/a.yaml", "lines": {"begin": 3}}},
        {"description": "vague word 'soon'", "check_name": "A101", "fingerprint": "47e17e886e892b62987a921eb6369663",
         "severity": "major", "location": {"path": "contracts/a.yaml", "lines": {"begin": 7}}},
    ]
    assert issues[2]["severity"] == "info"


def test_fingerprints_do_not_depend_on_lines() -> None:
    problems = (Problem("a.yaml", 3, 1, "A101", Severity.WARNING, "m"),)
    moved = (Problem("a.yaml", 30, 4, "A101", Severity.WARNING, "m"),)
    assert json.loads(render(Report(problems, 1, RULES)))[0]["fingerprint"] == \
        json.loads(render(Report(moved, 1, RULES)))[0]["fingerprint"]


def test_empty_report() -> None:
    assert render(Report((), 1, RULES)) == "[]\n"
