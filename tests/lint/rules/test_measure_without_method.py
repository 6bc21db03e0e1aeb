"""W403 measure-without-method: every measure says its unit or how it is taken."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.measure_without_method import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, ItemAt, LoadData, LoadText

ADVICE = "say who takes it, from which source and how often (`how`), and what it is counted in (`unit`)"
MEASURES: list[JsonPath] = [("results", "measures", "quality", 1), ("results", "measures", "resources", 0)]


@pytest.fixture(params=MEASURES, ids=["quality", "resources"])
def measure(request: pytest.FixtureRequest) -> JsonPath:
    path: JsonPath = request.param
    return path


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "W403", "measure-without-method", Severity.WARNING, Category.RESULTS, ("W-MEASURES",))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.mark.parametrize(("unit", "how"), [(None, None), ("", None), (None, " "), ("TBD", ""), ("n/a", None)],
                         ids=repr)
def test_fires_without_unit_or_method(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                      complete_data: dict[str, Any], measure: JsonPath, unit: str | None,
                                      how: str | None) -> None:
    item = item_at(complete_data, measure)
    del item["unit"], item["how"]
    item.update({name: value for name, value in (("unit", unit), ("how", how)) if value is not None})
    assert findings(RULE, load_data(complete_data)) == [
        (measure, f"says neither its unit nor how it is measured: {ADVICE}")]


@pytest.mark.parametrize("how", ["TBD", "as usual", "see above", "the usual"])
def test_fires_on_a_method_that_says_nothing(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                             complete_data: dict[str, Any], measure: JsonPath, how: str) -> None:
    item = item_at(complete_data, measure)
    del item["unit"]
    item["how"] = how
    assert findings(RULE, load_data(complete_data)) == [
        ((*measure, "how"), f"how {how!r} does not say how the measure is taken, and it has no unit either: {ADVICE}")]


def test_a_draft_may_leave_both_open_but_not_dodge(findings: Findings, load_data: LoadData,
                                                   minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["measures"] = {
        "quality": [{"id": "q1", "measure": "Satisfaction"}, {"id": "q2", "measure": "Churn", "how": "as usual"}]}
    assert [path for path, _ in findings(RULE, load_data(minimal_agreement))] == [
        ("results", "measures", "quality", 1, "how")]


@pytest.mark.parametrize(("unit", "how"), [
    ("percent", None), (None, "Exported from the survey tool every month by Ana"), ("hours", "TBD"),
], ids=repr)
def test_a_unit_or_a_method_is_enough(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                      complete_data: dict[str, Any], measure: JsonPath, unit: str | None,
                                      how: str | None) -> None:
    item = item_at(complete_data, measure)
    del item["unit"], item["how"]
    item.update({name: value for name, value in (("unit", unit), ("how", how)) if value is not None})
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize(("unit", "how"), [(5, None), (None, 5), (None, ["monthly"]), (["h"], "")], ids=repr)
def test_values_of_the_wrong_type_are_left_to_the_schema(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                                         complete_data: dict[str, Any], measure: JsonPath,
                                                         unit: Any, how: Any) -> None:
    item = item_at(complete_data, measure)
    del item["unit"], item["how"]
    item.update({name: value for name, value in (("unit", unit), ("how", how)) if value is not None})
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("measures", [None, "q1", [], {"quality": "q1", "resources": [1, None, "r1"]}], ids=repr)
def test_odd_measures_do_not_crash(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                   measures: Any) -> None:
    complete_data["results"]["measures"] = measures
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_method(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml(parties=["maria"]) + """\
results:
  measures:
    resources:
      - id: hours
        measure: Hours spent
        how: as usual
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (13, 14, "W403", Severity.WARNING, "results.measures.resources[id=hours].how: how 'as usual' does not say how "
         f"the measure is taken, and it has no unit either: {ADVICE}"),
    ]
