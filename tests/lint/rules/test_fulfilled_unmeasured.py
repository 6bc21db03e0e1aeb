"""C505 fulfilled-unmeasured: a fulfilled agreement records what each of its targets measured."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.fulfilled_unmeasured import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText, RuleIdentity

UNMEASURED = ("records no measured result, but the agreement is 'fulfilled': add `measured` with the value found, "
              "the day, who measured it and the source, so the partners know whether the target was met")
MEASURED = {"value": 28, "on": "2031-07-15", "by": "li", "source": "CRM onboarding report"}


def _target(target_id: str, **written: Any) -> dict[str, Any]:
    return {"id": target_id, "metric": "Median days to first use", "unit": "days", "baseline": 61, "target": 30,
            "measured_on": "2031-07-15", **written}


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("C505", "fulfilled-unmeasured", Category.CELEBRATION, Severity.WARNING)
    assert RULE.elements == ("C-TARGETS", "K-STATUS")
    assert not RULE.clock
    assert not isinstance(RULE, TextRule)


def test_fires_on_each_unmeasured_target_of_a_fulfilled_agreement(findings: Findings, load_data: LoadData,
                                                                  minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["status"] = "fulfilled"
    minimal_agreement["celebration"] = {"targets": [
        _target("ttv"), _target("csat", measured=MEASURED), _target("nps")]}
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("celebration", "targets", 0), UNMEASURED), (("celebration", "targets", 2), UNMEASURED)]


@pytest.mark.parametrize("status", ["draft", "proposed", "active", "renegotiating", "ended"])
def test_passes_on_unmeasured_targets_while_not_fulfilled(findings: Findings, load_data: LoadData,
                                                          minimal_agreement: dict[str, Any], status: str) -> None:
    minimal_agreement["status"] = status
    minimal_agreement["celebration"] = {"targets": [_target("ttv")]}
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize("measured", [MEASURED, {"value": 9}, None, 28, "28 days"], ids=repr)
def test_a_measured_result_of_any_shape_is_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                              minimal_agreement: dict[str, Any],
                                                              measured: Any) -> None:
    minimal_agreement["status"] = "fulfilled"
    minimal_agreement["celebration"] = {"targets": [_target("ttv", measured=measured)]}
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize("celebration", [None, {}, {"targets": "ttv"}, {"targets": [["ttv"], "ttv"]}], ids=repr)
def test_odd_celebrations_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                 minimal_agreement: dict[str, Any], celebration: Any) -> None:
    minimal_agreement["status"] = "fulfilled"
    minimal_agreement["celebration"] = celebration
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_the_problem_points_at_the_target(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml().replace("status: draft", "status: fulfilled") + """\
celebration:
  targets:
    - id: ttv
      metric: Median days to first use
      target: 30
"""
    problems = [problem for problem in lint_document(load_text(text), rules=[RULE]) if problem.rule == RULE.code]
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (12, 7, "C505", Severity.WARNING, f"celebration.targets[id=ttv]: {UNMEASURED}")]
