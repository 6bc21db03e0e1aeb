"""P702 no-real-choice: every party could have declined the agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.no_real_choice import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import Findings, LoadData, LoadText

MESSAGE = ("is false: agreeing without a real option to say no is complying, not consenting; settle what declining "
           "would mean and let this party choose before anyone signs")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "P702", "no-real-choice", Severity.ERROR, Category.PRECONDITIONS, ("P-REFUSAL",))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.mark.parametrize("status", ["proposed", "active", "renegotiating", "fulfilled", "ended"])
def test_fires_on_each_party_that_could_not_decline(findings: Findings, load_data: LoadData,
                                                    complete_data: dict[str, Any], status: str) -> None:
    complete_data["status"] = status
    for party in complete_data["parties"]:
        party["could_decline"] = False
    assert findings(RULE, load_data(complete_data)) == [
        (("parties", 0, "could_decline"), MESSAGE), (("parties", 1, "could_decline"), MESSAGE)]


def test_a_draft_is_not_checked(findings: Findings, load_data: LoadData, complete_data: dict[str, Any]) -> None:
    complete_data["status"] = "draft"
    complete_data["parties"][0]["could_decline"] = False
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("value", [True, None, 0, "", "false", "no", [False]], ids=repr)
def test_only_false_fires(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                          value: Any) -> None:
    complete_data["parties"][0]["could_decline"] = value
    assert findings(RULE, load_data(complete_data)) == []


def test_other_flags_are_not_checked(findings: Findings, load_data: LoadData, complete_data: dict[str, Any]) -> None:
    complete_data["parties"][0]["in_room"] = False
    del complete_data["parties"][1]["could_decline"]
    complete_data["parties"].append("sam")
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_flag(complete_agreement_text: str, load_text: LoadText) -> None:
    head, daniel, tail = complete_agreement_text.partition("  - id: daniel\n")
    text = head + daniel + tail.replace("could_decline: true", "could_decline: false", 1)
    problems = lint_document(load_text(text), rules=[RULE])
    line = text.splitlines().index("    could_decline: false") + 1
    assert line > head.count("\n")
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (line, 20, "P702", Severity.ERROR, f"parties[id=daniel].could_decline: {MESSAGE}"),
    ]
