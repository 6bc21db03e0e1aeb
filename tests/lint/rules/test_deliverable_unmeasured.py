"""W401 deliverable-unmeasured: every deliverable has a number or an acceptance criterion."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.deliverable_unmeasured import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

ADVICE = "give the quantity and unit it is counted in, or a check that shows it was delivered"
PLAYBOOK = ("results", "deliverables", 1)  # the playbook of sales-onboarding: quantity, unit and acceptance


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "W401", "deliverable-unmeasured", Severity.ERROR, Category.RESULTS, ("W-WHAT",))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


def _playbook(data: dict[str, Any]) -> dict[str, Any]:
    deliverable: dict[str, Any] = data["results"]["deliverables"][1]
    assert deliverable["id"] == "playbook"
    return deliverable


@pytest.mark.parametrize("acceptance", [None, "", "   "], ids=repr)
def test_fires_without_number_or_acceptance(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                            acceptance: str | None) -> None:
    playbook = _playbook(complete_data)
    del playbook["quantity"]
    if acceptance is None:
        del playbook["acceptance"]
    else:
        playbook["acceptance"] = acceptance
    assert findings(RULE, load_data(complete_data)) == [
        (PLAYBOOK, f"has neither a quantity or target nor an acceptance criterion: {ADVICE}")]


@pytest.mark.parametrize("acceptance", ["TBD", "see above", "as usual", "n/a", "???"])
def test_fires_on_an_acceptance_that_says_nothing(findings: Findings, load_data: LoadData,
                                                  complete_data: dict[str, Any], acceptance: str) -> None:
    playbook = _playbook(complete_data)
    del playbook["quantity"]
    playbook["acceptance"] = acceptance
    assert findings(RULE, load_data(complete_data)) == [
        ((*PLAYBOOK, "acceptance"), f"acceptance {acceptance!r} is no check anyone can verify, and the deliverable "
         f"has no quantity or target either: {ADVICE}")]


def test_a_dodged_acceptance_is_reported_in_drafts_too(findings: Findings, load_data: LoadData,
                                                       minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["deliverables"][0]["acceptance"] = "TBD"
    assert [path for path, _ in findings(RULE, load_data(minimal_agreement))] == [
        ("results", "deliverables", 0, "acceptance")]


def test_a_draft_may_leave_both_open(findings: Findings, load_data: LoadData,
                                     minimal_agreement: dict[str, Any]) -> None:
    assert "acceptance" not in minimal_agreement["results"]["deliverables"][0]
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize(("keep", "value"), [
    ("quantity", 12), ("target", 40), ("target", 0), ("quantity", 2.5),
    ("acceptance", "Daniel signs off all 12 sections"),
])
def test_one_number_or_a_real_acceptance_is_enough(findings: Findings, load_data: LoadData,
                                                    complete_data: dict[str, Any], keep: str, value: Any) -> None:
    playbook = _playbook(complete_data)
    del playbook["quantity"], playbook["acceptance"]
    playbook[keep] = value
    assert findings(RULE, load_data(complete_data)) == []


def test_a_number_makes_a_dodged_acceptance_someone_elses_business(findings: Findings, load_data: LoadData,
                                                                   complete_data: dict[str, Any]) -> None:
    _playbook(complete_data)["acceptance"] = "TBD"  # the placeholder rule reports it
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize(("field", "value"), [
    ("quantity", "12"), ("quantity", None), ("target", True), ("acceptance", 12), ("acceptance", ["signed"]),
], ids=repr)
def test_values_of_the_wrong_type_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                         complete_data: dict[str, Any], field: str,
                                                         value: Any) -> None:
    playbook = _playbook(complete_data)
    del playbook["quantity"], playbook["acceptance"]
    playbook[field] = value
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("deliverables", [None, "d1", [], ["d1", 4, None], {"id": "d1"}], ids=repr)
def test_odd_deliverables_do_not_crash(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                       deliverables: Any) -> None:
    complete_data["results"]["deliverables"] = deliverables
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_acceptance(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml(parties=["maria"]) + """\
results:
  deliverables:
    - id: d1
      what: Onboarding playbook
      acceptance: see above
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (12, 19, "W401", Severity.ERROR, "results.deliverables[id=d1].acceptance: acceptance 'see above' is no check "
         f"anyone can verify, and the deliverable has no quantity or target either: {ADVICE}"),
    ]


def test_problem_points_at_the_deliverable(complete_agreement_text: str, load_text: LoadText) -> None:
    text = complete_agreement_text.replace(
        "      quantity: 12\n      unit: sections\n      acceptance: Daniel signs off all 12 sections in the wiki "
        "and 3 pilot accounts complete kickoff with it.\n", "")
    problems = lint_document(load_text(text), rules=[RULE])
    line = text.splitlines().index("    - id: playbook") + 1
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (line, 7, "W401", Severity.ERROR, "results.deliverables[id=playbook]: has neither a quantity or target nor an "
         f"acceptance criterion: {ADVICE}"),
    ]
