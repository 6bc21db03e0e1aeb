"""P703 not-in-room: every party is willing to be in the room to make the agreement."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.not_in_room import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import Findings, LoadData, LoadText

MESSAGE = ("is false: terms that the partners do not settle together are read differently by each side; meet and "
           "agree them together before moving on")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "P703", "not-in-room", Severity.WARNING, Category.PRECONDITIONS, ("P-INROOM",))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.mark.parametrize("status", ["proposed", "active", "renegotiating", "fulfilled", "ended"])
def test_fires_on_a_party_not_in_the_room(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                          status: str) -> None:
    complete_data["status"] = status
    complete_data["parties"][1]["in_room"] = False
    assert findings(RULE, load_data(complete_data)) == [(("parties", 1, "in_room"), MESSAGE)]


def test_a_draft_is_not_checked(findings: Findings, load_data: LoadData, complete_data: dict[str, Any]) -> None:
    complete_data["status"] = "draft"
    complete_data["parties"][0]["in_room"] = False
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("value", [True, None, 0, "", "false", [False]], ids=repr)
def test_only_false_fires(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                          value: Any) -> None:
    complete_data["parties"][0]["in_room"] = value
    assert findings(RULE, load_data(complete_data)) == []


def test_other_flags_are_not_checked(findings: Findings, load_data: LoadData, complete_data: dict[str, Any]) -> None:
    complete_data["parties"][0]["could_decline"] = False
    del complete_data["parties"][1]["in_room"]
    complete_data["parties"].append(None)
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_flag(complete_agreement_text: str, load_text: LoadText) -> None:
    text = complete_agreement_text.replace("    in_room: true", "    in_room: false", 1)
    problems = lint_document(load_text(text), rules=[RULE])
    line = text.splitlines().index("    in_room: false") + 1
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (line, 14, "P703", Severity.WARNING, f"parties[id=maria].in_room: {MESSAGE}"),
    ]
