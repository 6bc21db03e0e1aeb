"""C506 measured-early-unexplained: a result measured before its planned day says why in a note."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.measured_early_unexplained import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText, RuleIdentity

ON = ("celebration", "targets", 0, "measured", "on")
OWN_DAY = "the target's measured_on"
SHARED_DAY = "celebration.measurement.on"


def early(taken: str, count: str, planned: str, where: str) -> str:
    return (f"measured on {taken}, {count} before the planned day {planned} ({where}): add a `note` saying why it "
            "was measured early and whether the value is final, or correct the day")


def _agreement(minimal_agreement: dict[str, Any], target: dict[str, Any],
               measurement_on: str | None = None) -> dict[str, Any]:
    celebration: dict[str, Any] = {"targets": [{"id": "ttv", "metric": "Median days to first use", "target": 30,
                                                **target}]}
    if measurement_on is not None:
        celebration["measurement"] = {"on": measurement_on}
    minimal_agreement["celebration"] = celebration
    return minimal_agreement


def _measured(on: Any, **written: Any) -> dict[str, Any]:
    return {"value": 28, "on": on, "by": "li", "source": "CRM onboarding report", **written}


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("C506", "measured-early-unexplained", Category.CELEBRATION, Severity.WARNING)
    assert RULE.elements == ("C-WHEN", "C-TARGETS")
    assert not RULE.clock
    assert not isinstance(RULE, TextRule)


def test_fires_before_the_targets_own_day(findings: Findings, load_data: LoadData,
                                          minimal_agreement: dict[str, Any]) -> None:
    data = _agreement(minimal_agreement, {"measured_on": "2031-07-15", "measured": _measured("2031-07-14")},
                      measurement_on="2031-07-01")
    assert findings(RULE, load_data(data)) == [(ON, early("2031-07-14", "1 day", "2031-07-15", OWN_DAY))]


def test_without_a_day_of_its_own_the_celebrations_day_is_planned(findings: Findings, load_data: LoadData,
                                                                  minimal_agreement: dict[str, Any]) -> None:
    data = _agreement(minimal_agreement, {"measured": _measured("2031-07-01")}, measurement_on="2031-07-15")
    assert findings(RULE, load_data(data)) == [(ON, early("2031-07-01", "14 days", "2031-07-15", SHARED_DAY))]


def test_a_planned_day_relative_to_the_deadline_is_resolved(findings: Findings, load_data: LoadData,
                                                            minimal_agreement: dict[str, Any]) -> None:
    data = _agreement(minimal_agreement, {"measured_on": "deadline + 15 days", "measured": _measured("2031-07-01")})
    assert findings(RULE, load_data(data)) == [
        (ON, early("2031-07-01", "14 days", "2031-07-15 (deadline + 15 days)", OWN_DAY))]


@pytest.mark.parametrize("taken", ["2031-07-15", "2031-07-16", "2032-01-01"])
def test_passes_on_or_after_the_planned_day(findings: Findings, load_data: LoadData,
                                            minimal_agreement: dict[str, Any], taken: str) -> None:
    data = _agreement(minimal_agreement, {"measured_on": "2031-07-15", "measured": _measured(taken)},
                      measurement_on="2031-08-01")
    assert findings(RULE, load_data(data)) == []


def test_a_note_explains_an_early_measurement(findings: Findings, load_data: LoadData,
                                              minimal_agreement: dict[str, Any]) -> None:
    noted = _measured("2031-07-01", note="The quarter closed early; the figure is final.")
    data = _agreement(minimal_agreement, {"measured_on": "2031-07-15", "measured": noted})
    assert findings(RULE, load_data(data)) == []


@pytest.mark.parametrize("note", ["", "   ", None, 5], ids=repr)
def test_a_blank_or_odd_note_explains_nothing(findings: Findings, load_data: LoadData,
                                              minimal_agreement: dict[str, Any], note: Any) -> None:
    data = _agreement(minimal_agreement, {"measured_on": "2031-07-15", "measured": _measured("2031-07-10", note=note)})
    assert findings(RULE, load_data(data)) == [(ON, early("2031-07-10", "5 days", "2031-07-15", OWN_DAY))]


@pytest.mark.parametrize(("target", "measurement_on"), [
    ({"measured": _measured("2031-07-01")}, None),  # no planned day at all
    ({"measured_on": "TBD", "measured": _measured("2031-07-01")}, None),
    ({"measured_on": "2031-07-15", "measured": _measured("soon")}, None),
    ({"measured_on": "2031-07-15", "measured": _measured("deadline")}, None),  # only planned days may be relative
    ({"measured_on": "2031-07-15", "measured": _measured(20310701)}, None),
    ({"measured_on": "2031-07-15", "measured": "2031-07-01"}, None),
    ({"measured_on": "2031-07-15"}, "2031-08-01"),
], ids=repr)
def test_what_cannot_be_compared_is_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                       minimal_agreement: dict[str, Any], target: dict[str, Any],
                                                       measurement_on: str | None) -> None:
    assert findings(RULE, load_data(_agreement(minimal_agreement, target, measurement_on))) == []


def test_the_problem_points_at_the_day_measured(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
celebration:
  targets:
    - id: ttv
      metric: Median days to first use
      target: 30
      measured_on: 2031-07-15
      measured:
        value: 28
        on: 2031-07-08
        by: li
        source: CRM onboarding report
"""
    problems = [problem for problem in lint_document(load_text(text), rules=[RULE]) if problem.rule == RULE.code]
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (18, 13, "C506", Severity.WARNING,
         f"celebration.targets[id=ttv].measured.on: {early('2031-07-08', '7 days', '2031-07-15', OWN_DAY)}")]
