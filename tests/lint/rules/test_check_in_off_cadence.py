"""T309 check-in-off-cadence: a listed check-in date falls on a weekday the cadence names."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.check_in_off_cadence import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText, RuleIdentity

DATES = ("results", "check_ins", "dates")
MONDAY, TUESDAY, THURSDAY, FRIDAY, SATURDAY = "2031-03-03", "2031-03-04", "2031-03-06", "2031-03-07", "2031-03-08"


def _with_check_ins(agreement: dict[str, Any], cadence: Any, *dates: Any) -> dict[str, Any]:
    agreement["results"]["check_ins"] = {"cadence": cadence, "dates": list(dates)}
    return agreement


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("T309", "check-in-off-cadence", Category.TIME, Severity.WARNING)
    assert RULE.elements == ("W-PROGRESS",)
    assert not RULE.clock
    assert not isinstance(RULE, TextRule)


def test_fires_on_each_date_off_the_one_weekday(findings: Findings, load_data: LoadData,
                                                minimal_agreement: dict[str, Any]) -> None:
    data = _with_check_ins(minimal_agreement, "every Monday at 13:00, 20 minutes", MONDAY, TUESDAY, "2031-03-10",
                           FRIDAY)
    assert findings(RULE, load_data(data)) == [
        ((*DATES, 1), "2031-03-04 is a Tuesday, but the cadence names Monday: move the check-in to a Monday, or "
                      "correct the cadence"),
        ((*DATES, 3), "2031-03-07 is a Friday, but the cadence names Monday: move the check-in to a Monday, or "
                      "correct the cadence")]


@pytest.mark.parametrize(("cadence", "named"), [
    ("Mondays and Thursdays", "Monday and Thursday"),
    ("every Monday, Thursday and Friday", "Monday, Thursday and Friday"),
])
def test_names_every_weekday_of_the_cadence(findings: Findings, load_data: LoadData,
                                            minimal_agreement: dict[str, Any], cadence: str, named: str) -> None:
    data = _with_check_ins(minimal_agreement, cadence, MONDAY, THURSDAY, TUESDAY)
    assert findings(RULE, load_data(data)) == [
        ((*DATES, 2), f"2031-03-04 is a Tuesday, but the cadence names {named}: move the check-in to one of those "
                      "days, or correct the cadence")]


@pytest.mark.parametrize(("cadence", "off"), [
    ("every second Monday", TUESDAY),  # every other Monday or the second Monday of the month: Mondays either way
    ("every other Monday", TUESDAY),
    ("fortnightly on Fridays", THURSDAY),
    ("the first Tuesday of the month", MONDAY),
    ("every weekday", SATURDAY),
])
def test_fires_on_every_cadence_that_names_its_weekdays(findings: Findings, load_data: LoadData,
                                                        minimal_agreement: dict[str, Any], cadence: str,
                                                        off: str) -> None:
    found = findings(RULE, load_data(_with_check_ins(minimal_agreement, cadence, off)))
    assert [path for path, _ in found] == [(*DATES, 0)]


@pytest.mark.parametrize("cadence", [
    "weekly",  # no weekday
    "monthly",
    "every two weeks",
    "as needed",
    "every second Monday and Thursday",  # weekdays with two readings
    "every Monday at 10:00; on Fridays a written update",  # two rhythms
    "every Monday except in August",  # an exception
    "the first and third Tuesday of the month",  # two days a month
    "Monday at 10:00",  # once, or every Monday?
    "",
])
def test_says_nothing_when_the_cadence_names_no_single_set_of_weekdays(findings: Findings, load_data: LoadData,
                                                                       minimal_agreement: dict[str, Any],
                                                                       cadence: str) -> None:
    data = _with_check_ins(minimal_agreement, cadence, MONDAY, TUESDAY, FRIDAY, SATURDAY)
    assert findings(RULE, load_data(data)) == []


@pytest.mark.parametrize("check_ins", [
    None, {}, {"cadence": 7, "dates": [TUESDAY]}, {"cadence": "every Monday"}, {"cadence": "every Monday", "dates": 5},
    {"cadence": "every Monday", "dates": ["soon", 20310304, None, "2031-02-30"]},
], ids=repr)
def test_odd_check_ins_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                              minimal_agreement: dict[str, Any], check_ins: Any) -> None:
    minimal_agreement["results"]["check_ins"] = check_ins
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_the_problem_points_at_the_date_in_the_list(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
results:
  check_ins:
    cadence: every Monday at 13:00, 20 minutes
    dates:
      - 2031-03-03
      - 2031-03-04
"""
    problems = [problem for problem in lint_document(load_text(text), rules=[RULE]) if problem.rule == RULE.code]
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (15, 9, "T309", Severity.WARNING, "results.check_ins.dates[1]: 2031-03-04 is a Tuesday, but the cadence "
                                          "names Monday: move the check-in to a Monday, or correct the cadence")]
