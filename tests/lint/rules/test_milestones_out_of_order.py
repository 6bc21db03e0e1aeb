"""T303 milestones-out-of-order: milestones are listed in the order they fall due."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.milestones_out_of_order import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText, RuleIdentity

MESSAGE = "is due {due}, before milestone {name} listed above it (due {before}): list the milestones in the order " \
          "they fall due"


def _milestones(agreement: dict[str, Any], *dues: Any) -> None:
    agreement["results"]["milestones"] = [
        {"id": f"m{number}", "what": f"Step {number}", "owner": "li", "due": due}
        for number, due in enumerate(dues, start=1)
    ]


def test_rule_identity(rule_identity: RuleIdentity) -> None:
    assert rule_identity(RULE) == ("T303", "milestones-out-of-order", Category.TIME, Severity.INFO)
    assert RULE.elements == ("W-MILESTONES",)
    assert not RULE.clock
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == "The milestones are not listed in the order they fall due."


@pytest.mark.parametrize("dues", [
    ["2031-02-01"],
    ["2031-02-01", "2031-03-01", "2031-04-01"],
    ["2031-02-01", "2031-02-01", "2031-04-01"],  # two on one day are in order
    [],
])
def test_passes_in_due_date_order(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any],
                                  dues: list[str]) -> None:
    _milestones(minimal_agreement, *dues)
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_fires_on_the_first_milestone_due_before_its_predecessor(findings: Findings, load_data: LoadData,
                                                                  minimal_agreement: dict[str, Any]) -> None:
    _milestones(minimal_agreement, "2031-02-01", "2031-05-01", "2031-03-01", "2031-01-01")
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("results", "milestones", 2, "due"),
         MESSAGE.format(due="2031-03-01", name="'m2'", before="2031-05-01")),
    ]


def test_compares_with_the_previous_milestone_that_has_a_date(findings: Findings, load_data: LoadData,
                                                               minimal_agreement: dict[str, Any]) -> None:
    _milestones(minimal_agreement, "2031-05-01", "end of Q2", None, "2031-04-30")
    minimal_agreement["results"]["milestones"][0].pop("id")
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("results", "milestones", 3, "due"), MESSAGE.format(due="2031-04-30", name="number 1", before="2031-05-01")),
    ]


def test_deliverables_are_not_checked(findings: Findings, load_data: LoadData,
                                      minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["deliverables"].append(
        {"id": "d2", "what": "Earlier deliverable", "owner": "li", "due": "2031-01-01"})
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize("milestones", [None, "m1 then m2", {"m1": "2031-05-01"}, ["2031-05-01", "2031-01-01"],
                                        [{"due": 20310501}, {"due": ["2031-01-01"]}, {"due": True}]], ids=repr)
def test_odd_data_is_left_to_the_schema(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any],
                                        milestones: Any) -> None:
    minimal_agreement["results"]["milestones"] = milestones
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_the_problem_points_at_the_due_date(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
results:
  milestones:
    - id: review
      what: Playbook reviewed with Li
      due: 2031-04-30
    - id: kickoff
      what: Kickoff held
      due: 2031-02-27
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (17, 12, "T303", Severity.INFO, "results.milestones[id=kickoff].due: "
         + MESSAGE.format(due="2031-02-27", name="'review'", before="2031-04-30")),
    ]
