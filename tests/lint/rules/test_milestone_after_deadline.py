"""T302 milestone-after-deadline: no milestone or deliverable is due after the outcome deadline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.milestone_after_deadline import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, ItemAt, LoadData, LoadText


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "T302", "milestone-after-deadline", Severity.ERROR, Category.TIME)
    assert not isinstance(RULE, TextRule)


def test_passes_when_everything_is_due_before_the_deadline(findings: Findings, load_data: LoadData,
                                                           minimal_agreement: dict[str, Any]) -> None:
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize(("deadline", "due", "late"), [
    ("2031-06-30", "2031-07-15", "15 days"),
    ("2031-06-30", "2031-07-01", "1 day"),
    ("2031-12-31", "2032-01-01", "1 day"),
    ("2032-02-28", "2032-03-01", "2 days"),  # 2032 is a leap year
    ("2031-02-28", "2031-03-01", "1 day"),
    ("2031-06-30", "2033-06-30", "731 days"),
])
def test_fires_when_due_after_the_deadline(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                           minimal_agreement: dict[str, Any], dated_item: JsonPath, deadline: str,
                                           due: str, late: str) -> None:
    minimal_agreement["results"]["deadline"] = deadline
    minimal_agreement["results"]["milestones"][0]["due"] = "2030-01-01"
    minimal_agreement["results"]["deliverables"][0]["due"] = "2030-01-01"
    item_at(minimal_agreement, dated_item)["due"] = due
    assert findings(RULE, load_data(minimal_agreement)) == [
        ((*dated_item, "due"), f"is due {due}, {late} after the outcome deadline {deadline}")]


@pytest.mark.parametrize("due", ["2031-06-30", "2031-06-29", "2030-01-01"])
def test_passes_on_or_before_the_deadline(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                          minimal_agreement: dict[str, Any], dated_item: JsonPath, due: str) -> None:
    item_at(minimal_agreement, dated_item)["due"] = due
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize("deadline", ["", "Q3 2031", "2031-06", "2031-02-30", None, 20310630], ids=repr)
def test_no_usable_deadline_means_nothing_to_compare(findings: Findings, load_data: LoadData,
                                                     minimal_agreement: dict[str, Any], deadline: Any) -> None:
    minimal_agreement["results"]["deadline"] = deadline
    minimal_agreement["results"]["milestones"][0]["due"] = "2099-12-31"
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_missing_deadline_means_nothing_to_compare(findings: Findings, load_data: LoadData,
                                                   minimal_agreement: dict[str, Any]) -> None:
    del minimal_agreement["results"]["deadline"]
    minimal_agreement["results"]["milestones"][0]["due"] = "2099-12-31"
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize("due", ["", "end of Q3", "2031-13-01", None, 20310715, ["2031-07-15"]], ids=repr)
def test_an_unusable_due_date_is_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                    minimal_agreement: dict[str, Any], due: Any) -> None:
    minimal_agreement["results"]["milestones"][0]["due"] = due
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_reports_milestones_before_deliverables(findings: Findings, load_data: LoadData,
                                                minimal_agreement: dict[str, Any]) -> None:
    results = minimal_agreement["results"]
    results["deliverables"].append({"id": "d2", "what": "Late deliverable", "owner": "li", "due": "2031-08-01"})
    results["milestones"].append({"id": "m2", "what": "On time", "owner": "li", "due": "2031-06-30"})
    results["milestones"].append({"id": "m3", "what": "Late", "owner": "li", "due": "2031-07-02"})
    results["milestones"].append("not an item")
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("results", "milestones", 2, "due"), "is due 2031-07-02, 2 days after the outcome deadline 2031-06-30"),
        (("results", "deliverables", 1, "due"), "is due 2031-08-01, 32 days after the outcome deadline 2031-06-30"),
    ]


def test_other_dated_lists_are_not_checked(findings: Findings, load_data: LoadData,
                                           minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["celebration"] = {"handoffs": [{"id": "h1", "what": "Dashboard", "from": "maria",
                                                      "to": "Ops", "due": "2031-09-01"}]}
    minimal_agreement["results"]["check_ins"] = {"dates": ["2031-09-01"]}
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_yaml_dates_are_compared_and_the_problem_points_at_the_due_date(draft_yaml: DraftYaml,
                                                                        load_text: LoadText) -> None:
    text = draft_yaml(title="Demo", parties=["maria"]) + """\
results:
  deadline: 2031-06-30
  milestones:
    - id: m1
      what: Draft to Li
      due: 2031-07-15
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (13, 12, "T302", Severity.ERROR,
         "results.milestones[id=m1].due: is due 2031-07-15, 15 days after the outcome deadline 2031-06-30"),
    ]
