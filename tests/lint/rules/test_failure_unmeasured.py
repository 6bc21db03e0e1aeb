"""C501 failure-unmeasured: failure is a checkable threshold, and the partners carry it together."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.failure_unmeasured import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

DEFINITION = ("celebration", "failure", "definition")
ACCOUNTABILITY = ("celebration", "failure", "accountability")
UNCHECKABLE = ("names no number, date or target: define failure as a threshold anyone can check "
               "(e.g. 'median onboarding above 45 days on 2032-07-15')")
TOGETHER = "say how the partners carry a miss together (e.g. 'both present the shortfall with one recovery plan')"


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "C501", "failure-unmeasured", Severity.WARNING, Category.CELEBRATION)
    assert RULE.elements == ("C-FAILURE",)
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize("definition", [
    "The programme clearly underdelivers.",
    "Onboarding is still slow and customers complain.",
    "We miss the targets.",
], ids=repr)
def test_fires_on_a_definition_without_a_threshold(findings: Findings, load_data: LoadData,
                                                   complete_data: dict[str, Any], definition: str) -> None:
    complete_data["celebration"]["failure"]["definition"] = definition
    assert findings(RULE, load_data(complete_data)) == [(DEFINITION, UNCHECKABLE)]


@pytest.mark.parametrize("definition", [
    "Median onboarding above 45 days.",
    "Anything short of the targets on 2032-07-15.",
    "Missing time-to-value by any margin.",  # a target id
    "Missing TIME-TO-VALUE.",
    "Fewer than half of the accounts live in time.",  # a number word
], ids=repr)
def test_passes_on_a_checkable_definition(findings: Findings, load_data: LoadData,
                                          complete_data: dict[str, Any], definition: str) -> None:
    complete_data["celebration"]["failure"]["definition"] = definition
    assert findings(RULE, load_data(complete_data)) == []


def test_a_target_id_inside_another_word_does_not_count(findings: Findings, load_data: LoadData,
                                                        complete_data: dict[str, Any]) -> None:
    complete_data["celebration"]["targets"][0]["id"] = "value"
    complete_data["celebration"]["failure"]["definition"] = "Missing the time-to-value goal badly."
    assert findings(RULE, load_data(complete_data)) == [(DEFINITION, UNCHECKABLE)]


@pytest.mark.parametrize(("accountability", "start"), [
    ("Daniel explains the miss to the CRO.", "puts failure on 'Daniel Okafor' alone"),
    ("maria writes the recovery plan.", "puts failure on 'Maria Chen' alone"),
    ("Okafor answers for it.", "puts failure on 'Daniel Okafor' alone"),
    ("The Chief Revenue Officer decides what happens next.", "does not say who carries it"),
], ids=repr)
def test_fires_when_no_two_parties_carry_failure(findings: Findings, load_data: LoadData,
                                                 complete_data: dict[str, Any], accountability: str,
                                                 start: str) -> None:
    complete_data["celebration"]["failure"]["accountability"] = accountability
    assert findings(RULE, load_data(complete_data)) == [(ACCOUNTABILITY, f"{start}: {TOGETHER}")]


@pytest.mark.parametrize("accountability", [
    "Maria and Daniel present the shortfall to the CRO.",
    "maria and daniel write one recovery plan.",
    "Both present the shortfall.",
    "We present it jointly.",
    "Responsibility is shared.",
    "The three parties present it together.",
    "All of us own the result.",
    "Each party presents its part of one recovery plan.",
], ids=repr)
def test_passes_when_failure_is_carried_together(findings: Findings, load_data: LoadData,
                                                 complete_data: dict[str, Any], accountability: str) -> None:
    complete_data["celebration"]["failure"]["accountability"] = accountability
    assert findings(RULE, load_data(complete_data)) == []


def test_a_name_is_matched_as_written(findings: Findings, load_data: LoadData,
                                      complete_data: dict[str, Any]) -> None:
    complete_data["parties"][1]["name"] = "Will Okafor"
    complete_data["parties"][1]["id"] = "wokafor"
    complete_data["celebration"]["failure"]["accountability"] = "Maria will explain it."
    assert findings(RULE, load_data(complete_data)) == [
        (ACCOUNTABILITY, f"puts failure on 'Maria Chen' alone: {TOGETHER}")]


@pytest.mark.parametrize("value", ["", "TBD", "see above", None, 7, ["Maria"], {"who": "Maria"}], ids=repr)
def test_non_answers_and_odd_values_are_left_to_other_rules(findings: Findings, load_data: LoadData,
                                                            complete_data: dict[str, Any], value: Any) -> None:
    complete_data["celebration"]["failure"] = {"definition": value, "accountability": value}
    complete_data["celebration"]["targets"] = [value, {"id": value}]
    complete_data["parties"].append(value)
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("failure", [None, "TBD", [], 3], ids=repr)
def test_an_odd_failure_section_is_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                      complete_data: dict[str, Any], failure: Any) -> None:
    complete_data["celebration"]["failure"] = failure
    assert findings(RULE, load_data(complete_data)) == []


def test_runs_on_drafts_and_points_at_the_values(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
celebration:
  failure:
    definition: The programme underdelivers.
    accountability: Li explains it to the board.
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (12, 17, "C501", Severity.WARNING, f"celebration.failure.definition: {UNCHECKABLE}"),
        (13, 21, "C501", Severity.WARNING,
         f"celebration.failure.accountability: puts failure on 'Li Wei' alone: {TOGETHER}"),
    ]
