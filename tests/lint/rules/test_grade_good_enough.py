"""F801 grade-good-enough: business as usual is not good enough, or there is no reason to ally."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.grade_good_enough import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

GOOD_ENOUGH = ("framing", "grade_without", "good_enough")


def good_enough(graded: str) -> str:
    return (f"the {graded} without A+ collaboration is marked good enough, which leaves the alliance without a "
            "reason: set good_enough to false, or say in why what the partners still need each other for")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "F801", "grade-good-enough", Severity.WARNING, Category.FRAMING)
    assert RULE.elements == ("F-GRADE",)
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize(("grade", "graded"), [("C", "grade 'C'"), (" B+ ", "grade 'B+'"), ("", "grade"),
                                               (None, "grade"), (3, "grade")], ids=repr)
def test_fires_when_business_as_usual_is_good_enough(findings: Findings, load_data: LoadData,
                                                     complete_data: dict[str, Any], grade: Any,
                                                     graded: str) -> None:
    complete_data["framing"]["grade_without"]["good_enough"] = True
    complete_data["framing"]["grade_without"]["grade"] = grade
    assert findings(RULE, load_data(complete_data)) == [(GOOD_ENOUGH, good_enough(graded))]


@pytest.mark.parametrize("value", [False, None, "true", "yes", 1, [True]], ids=repr)
def test_only_a_true_boolean_fires(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                   value: Any) -> None:
    complete_data["framing"]["grade_without"]["good_enough"] = value
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("grade_without", [None, True, "good enough", [True]], ids=repr)
def test_odd_sections_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                             complete_data: dict[str, Any], grade_without: Any) -> None:
    complete_data["framing"]["grade_without"] = grade_without
    assert findings(RULE, load_data(complete_data)) == []


def test_runs_on_drafts_and_points_at_the_flag(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
framing:
  grade_without:
    grade: B
    good_enough: true
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (13, 18, "F801", Severity.WARNING, "framing.grade_without.good_enough: " + good_enough("grade 'B'")),
    ]
