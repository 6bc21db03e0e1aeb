"""T306 measured-before-deadline: results are measured on or after the deadline and communicated after measurement."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

import pytest

from agreed.history.diff import diff
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.measured_before_deadline import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText, RuleIdentity

ON = ("celebration", "measurement", "on")
COMMUNICATED = ("celebration", "measurement", "communicated_on")
EARLY = "measures on {day}, {early} before the outcome deadline 2031-06-30: measure on or after the deadline, when " \
        "the result is due"
TOLD = "communicates the result on {day}, {early} before it is measured on {on}: communicate on or after the " \
       "measurement day"


@pytest.fixture
def agreement(minimal_agreement: dict[str, Any]) -> dict[str, Any]:
    """minimal_agreement (deadline 2031-06-30) measured on 2031-07-15 and communicated on 2031-07-22."""
    minimal_agreement["celebration"] = {
        "targets": [{"id": "t1", "metric": "Median days", "target": 30, "measured_on": "2031-07-15"},
                    {"id": "t2", "metric": "Satisfaction", "target": 90}],
        "measurement": {"on": "2031-07-15", "communicated_on": "2031-07-22"},
    }
    return minimal_agreement


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("T306", "measured-before-deadline", Category.TIME, Severity.ERROR)
    assert RULE.elements == ("C-WHEN", "C-TARGETS")
    assert not RULE.clock
    assert not isinstance(RULE, TextRule)


def test_the_schema_already_requires_a_measurement_day(complete_data: dict[str, Any], load_data: LoadData) -> None:
    # Why this rule does not report a missing measurement day: once past draft, the schema does.
    del complete_data["celebration"]["measurement"]["on"]
    problems = lint_document(load_data(complete_data), rules=[RULE])
    assert [(problem.rule, problem.message.partition(" (")[0]) for problem in problems] == [
        ("S100", "celebration.measurement: 'on' is required here")]


def test_passes_when_measured_after_the_deadline(findings: Findings, load_data: LoadData,
                                                 agreement: dict[str, Any]) -> None:
    assert findings(RULE, load_data(agreement)) == []


def test_passes_when_everything_happens_on_the_deadline(findings: Findings, load_data: LoadData,
                                                        agreement: dict[str, Any]) -> None:
    agreement["celebration"]["measurement"] = {"on": "2031-06-30", "communicated_on": "2031-06-30"}
    agreement["celebration"]["targets"][0]["measured_on"] = "2031-06-30"
    assert findings(RULE, load_data(agreement)) == []


@pytest.mark.parametrize(("day", "early"), [("2031-06-29", "1 day"), ("2031-03-01", "121 days")])
def test_fires_on_a_measurement_day_before_the_deadline(findings: Findings, load_data: LoadData,
                                                        agreement: dict[str, Any], day: str, early: str) -> None:
    agreement["celebration"]["measurement"] = {"on": day, "communicated_on": "2031-07-22"}
    assert findings(RULE, load_data(agreement)) == [(ON, EARLY.format(day=day, early=early))]


def test_fires_on_each_target_measured_before_the_deadline(findings: Findings, load_data: LoadData,
                                                           agreement: dict[str, Any]) -> None:
    targets = agreement["celebration"]["targets"]
    targets[0]["measured_on"] = "2031-05-31"
    targets[1]["measured_on"] = "2031-06-30"
    targets.append({"id": "t3", "metric": "Escalations", "target": 2, "measured_on": "2030-06-30"})
    assert findings(RULE, load_data(agreement)) == [
        (("celebration", "targets", 0, "measured_on"), EARLY.format(day="2031-05-31", early="30 days")),
        (("celebration", "targets", 2, "measured_on"), EARLY.format(day="2030-06-30", early="365 days")),
    ]


def test_fires_when_communicated_before_measured(findings: Findings, load_data: LoadData,
                                                 agreement: dict[str, Any]) -> None:
    agreement["celebration"]["measurement"]["communicated_on"] = "2031-07-14"
    assert findings(RULE, load_data(agreement)) == [
        (COMMUNICATED, TOLD.format(day="2031-07-14", early="1 day", on="2031-07-15"))]


def test_reports_measurement_before_communication(findings: Findings, load_data: LoadData,
                                                  agreement: dict[str, Any]) -> None:
    agreement["celebration"]["measurement"] = {"on": "2031-06-01", "communicated_on": "2031-05-01"}
    assert findings(RULE, load_data(agreement)) == [
        (ON, EARLY.format(day="2031-06-01", early="29 days")),
        (COMMUNICATED, TOLD.format(day="2031-05-01", early="31 days", on="2031-06-01")),
    ]


def test_without_a_deadline_only_communication_is_compared(findings: Findings, load_data: LoadData,
                                                           agreement: dict[str, Any]) -> None:
    agreement["results"]["deadline"] = "Q2 2031"
    agreement["celebration"]["measurement"] = {"on": "2001-01-02", "communicated_on": "2001-01-01"}
    assert findings(RULE, load_data(agreement)) == [
        (COMMUNICATED, TOLD.format(day="2001-01-01", early="1 day", on="2001-01-02"))]


@pytest.mark.parametrize("celebration", [
    None, "measured in July", {"targets": "t1", "measurement": "2031-01-01"},
    {"targets": [None, 3, {"measured_on": 20310101}, {"measured_on": ["2031-01-01"]}],
     "measurement": {"on": True, "communicated_on": "2031-01-01"}},
    {"measurement": {"on": "2031-07-15", "communicated_on": "before"}},
], ids=repr)
def test_odd_data_is_left_to_the_schema(findings: Findings, load_data: LoadData, agreement: dict[str, Any],
                                        celebration: Any) -> None:
    agreement["celebration"] = celebration
    assert findings(RULE, load_data(agreement)) == []


def test_the_problem_points_at_the_measurement_day(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
results:
  deadline: 2031-06-30
celebration:
  measurement:
    on: 2031-06-15
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (14, 9, "T306", Severity.ERROR, "celebration.measurement.on: " + EARLY.format(day="2031-06-15",
                                                                                     early="15 days")),
    ]


# -- measurement days relative to the outcome deadline ---------------------------------------------------------------


@pytest.mark.parametrize("day", ["deadline", "deadline + 1 day", "deadline + 15 days"])
def test_a_day_relative_to_the_deadline_is_never_before_it(findings: Findings, load_data: LoadData,
                                                           agreement: dict[str, Any], day: str) -> None:
    agreement["celebration"]["measurement"] = {"on": day, "communicated_on": "deadline + 22 days"}
    agreement["celebration"]["targets"][0]["measured_on"] = day
    assert findings(RULE, load_data(agreement)) == []


def test_relative_days_are_resolved_to_compare_communication_with_measurement(
        findings: Findings, load_data: LoadData, agreement: dict[str, Any]) -> None:
    agreement["celebration"]["measurement"] = {"on": "deadline + 15 days", "communicated_on": "2031-07-10"}
    assert findings(RULE, load_data(agreement)) == [
        (COMMUNICATED, TOLD.format(day="2031-07-10", early="5 days", on="2031-07-15 (deadline + 15 days)"))]


def test_fires_on_a_relative_communication_day_before_the_measurement_day(
        findings: Findings, load_data: LoadData, agreement: dict[str, Any]) -> None:
    agreement["celebration"]["measurement"] = {"on": "2031-07-20", "communicated_on": "deadline + 15 days"}
    assert findings(RULE, load_data(agreement)) == [
        (COMMUNICATED, TOLD.format(day="2031-07-15 (deadline + 15 days)", early="5 days", on="2031-07-20"))]


def test_a_relative_day_without_a_calendar_deadline_is_not_compared(findings: Findings, load_data: LoadData,
                                                                    agreement: dict[str, Any]) -> None:
    agreement["results"]["deadline"] = "end of June"
    agreement["celebration"]["measurement"] = {"on": "2031-07-20", "communicated_on": "deadline + 15 days"}
    assert findings(RULE, load_data(agreement)) == []



def test_the_schema_accepts_relative_measurement_days_and_nothing_vaguer(complete_data: dict[str, Any],
                                                                          load_data: LoadData) -> None:
    celebration = complete_data["celebration"]
    celebration["measurement"]["on"] = "deadline + 15 days"
    celebration["measurement"]["communicated_on"] = "deadline + 22 days"
    for target in celebration["targets"]:
        target["measured_on"] = "deadline + 15 days"
    assert lint_document(load_data(complete_data), rules=[RULE]) == []
    celebration["measurement"]["on"] = "soon after the deadline"
    problems = lint_document(load_data(complete_data), rules=[RULE])
    assert [(problem.rule, problem.line > 0) for problem in problems] == [("S100", True)]


def test_moving_the_deadline_is_one_material_change_with_relative_days(complete_data: dict[str, Any],
                                                                        load_data: LoadData) -> None:
    # Reproducer: moving the deadline forced every measurement date (and the failure text naming one) to move.
    celebration = complete_data["celebration"]
    celebration["measurement"]["on"] = "deadline + 15 days"
    celebration["measurement"]["communicated_on"] = "deadline + 22 days"
    for target in celebration["targets"]:
        target["measured_on"] = "deadline + 15 days"
    moved = copy.deepcopy(complete_data)
    moved["results"]["deadline"] = "2032-09-30"
    assert lint_document(load_data(moved), rules=[RULE]) == []
    assert [(change.path, change.material) for change in diff(complete_data, moved)] == [("results.deadline", True)]
