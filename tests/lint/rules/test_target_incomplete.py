"""W402 target-incomplete: numbers have units, targets have baselines, and a target differs from its baseline."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.target_incomplete import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, ItemAt, LoadData, LoadText

UNIT = "add the unit it is counted in (`unit`, e.g. 'days' or 'accounts')"
BASELINE = "add the value it starts from today (`baseline`)"
CHECKLIST: JsonPath = ("results", "deliverables", 0)  # quantity 15, unit questions, no target
HANDOFFS: JsonPath = ("results", "deliverables", 2)  # quantity, unit, baseline 0 and target 40
TIME_TO_VALUE: JsonPath = ("celebration", "targets", 0)  # unit days, baseline 61, target 30


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "W402", "target-incomplete", Severity.ERROR, Category.RESULTS, ("W-WHAT", "C-TARGETS"))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.mark.parametrize("unit", [None, "", " ", "TBD", "n/a"], ids=repr)
def test_fires_on_a_quantity_without_unit(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                          complete_data: dict[str, Any], unit: str | None) -> None:
    checklist = item_at(complete_data, CHECKLIST)
    if unit is None:
        del checklist["unit"]
    else:
        checklist["unit"] = unit
    assert findings(RULE, load_data(complete_data)) == [((*CHECKLIST, "quantity"), f"quantity 15 has no unit: {UNIT}")]


@pytest.mark.parametrize(("path", "remove", "message"), [
    (HANDOFFS, ["unit"], f"target 40 has no unit: {UNIT}"),
    (HANDOFFS, ["baseline"], f"target 40 has no baseline: {BASELINE}"),
    (HANDOFFS, ["unit", "baseline"], f"target 40 has no unit and no baseline: {UNIT} and {BASELINE}"),
    (HANDOFFS, ["unit", "quantity"], f"target 40 has no unit: {UNIT}"),
    (TIME_TO_VALUE, ["unit"], f"target 30 has no unit: {UNIT}"),
    (TIME_TO_VALUE, ["baseline"], f"target 30 has no baseline: {BASELINE}"),
    (TIME_TO_VALUE, ["unit", "baseline"], f"target 30 has no unit and no baseline: {UNIT} and {BASELINE}"),
])
def test_fires_on_a_target_without_unit_or_baseline(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                                    complete_data: dict[str, Any], path: JsonPath, remove: list[str],
                                                    message: str) -> None:
    item = item_at(complete_data, path)
    for name in remove:
        del item[name]
    assert findings(RULE, load_data(complete_data)) == [((*path, "target"), message)]


@pytest.mark.parametrize("path", [HANDOFFS, TIME_TO_VALUE], ids=["deliverable", "celebration-target"])
@pytest.mark.parametrize("status", ["active", "draft"])
def test_fires_on_a_target_equal_to_its_baseline_in_every_status(findings: Findings, load_data: LoadData,
                                                                 item_at: ItemAt, complete_data: dict[str, Any],
                                                                 path: JsonPath, status: str) -> None:
    complete_data["status"] = status
    item = item_at(complete_data, path)
    item["baseline"] = item["target"] = 12.5
    assert findings(RULE, load_data(complete_data)) == [
        ((*path, "target"), "target 12.5 equals the baseline: nothing would change; set the target to the value you "
         "commit to reach, or correct the baseline")]


def test_a_draft_may_leave_unit_and_baseline_open(findings: Findings, load_data: LoadData,
                                                  minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["deliverables"][0].update(quantity=3, target=5)
    minimal_agreement["celebration"] = {"targets": [{"id": "t1", "metric": "Accounts live", "target": 5}]}
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize(("baseline", "target"), [(0, 40), (61, 30), (120, 0), (0.5, 0.6)])
def test_passes_when_the_target_moves(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                      complete_data: dict[str, Any], baseline: float, target: float) -> None:
    item_at(complete_data, TIME_TO_VALUE).update(baseline=baseline, target=target)
    assert findings(RULE, load_data(complete_data)) == []


def test_a_deliverable_without_numbers_is_left_to_w401(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                                       complete_data: dict[str, Any]) -> None:
    checklist = item_at(complete_data, CHECKLIST)
    del checklist["quantity"], checklist["unit"]
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize(("field", "value"), [
    ("unit", 5), ("unit", ["days"]), ("baseline", "61 days"), ("baseline", None), ("target", "30"), ("target", None),
    ("target", True),
], ids=repr)
def test_values_of_the_wrong_type_are_left_to_the_schema(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                                         complete_data: dict[str, Any], field: str,
                                                         value: Any) -> None:
    item_at(complete_data, TIME_TO_VALUE)[field] = value
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("targets", [None, "t1", [], [1, "t1", None, []], {"id": "t1"}], ids=repr)
def test_odd_lists_do_not_crash(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                targets: Any) -> None:
    complete_data["celebration"]["targets"] = targets
    complete_data["results"]["deliverables"] = targets
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_target(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml(parties=["maria"]) + """\
celebration:
  targets:
    - id: ttv
      metric: Median days to go live
      unit: days
      baseline: 30
      target: 30
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (14, 15, "W402", Severity.ERROR, "celebration.targets[id=ttv].target: target 30 equals the baseline: nothing "
         "would change; set the target to the value you commit to reach, or correct the baseline"),
    ]
