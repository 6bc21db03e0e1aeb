"""R601 hopes-copied: each party states hopes of their own."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.hopes_copied import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

HOPES = "Build a working relationship that survives the next reorganisation."


def copied(first: str, addressee: str) -> str:
    return (f"repeats the hopes of {first!r} word for word: hopes are personal, so ask {addressee} what they hope "
            "to get from this partnership")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "R601", "hopes-copied", Severity.WARNING, Category.RELATIONSHIP)
    assert RULE.elements == ("R-HOPES",)
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize("second", [
    HOPES,
    HOPES.upper(),
    "  build a working relationship, that survives the next reorganisation ",
    "Build a working\nrelationship that survives the next reorganisation!",
], ids=repr)
def test_fires_on_the_same_hopes(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                 second: str) -> None:
    complete_data["parties"][0]["hopes"] = HOPES
    complete_data["parties"][1]["hopes"] = second
    assert findings(RULE, load_data(complete_data)) == [(("parties", 1, "hopes"), copied("maria", "Daniel Okafor"))]


def test_every_copy_names_the_first_party(findings: Findings, load_data: LoadData,
                                          complete_data: dict[str, Any]) -> None:
    parties = complete_data["parties"]
    parties.append({"id": "li", "name": "  ", "hopes": HOPES})
    parties.append({"name": "Sam Reed", "hopes": parties[1]["hopes"]})
    parties.append({"id": "zoe", "name": "Zoe Park", "hopes": HOPES})
    parties[0]["hopes"] = HOPES
    assert findings(RULE, load_data(complete_data)) == [
        (("parties", 2, "hopes"), copied("maria", "li")),
        (("parties", 3, "hopes"), copied("daniel", "Sam Reed")),
        (("parties", 4, "hopes"), copied("maria", "Zoe Park")),
    ]


@pytest.mark.parametrize("second", [
    HOPES + " And a seat on the steering board.",
    "Be considered for the CRO succession plan.",
], ids=repr)
def test_passes_on_different_hopes(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                   second: str) -> None:
    complete_data["parties"][0]["hopes"] = HOPES
    complete_data["parties"][1]["hopes"] = second
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("hopes", ["", "   ", "TBD", "n/a", "...", None, 5, ["learn"]], ids=repr)
def test_blank_non_answers_and_odd_values_are_left_to_other_rules(findings: Findings, load_data: LoadData,
                                                                  complete_data: dict[str, Any],
                                                                  hopes: Any) -> None:
    for party in complete_data["parties"]:
        party["hopes"] = hopes
    complete_data["parties"].append("daniel")
    assert findings(RULE, load_data(complete_data)) == []


def test_the_problem_points_at_the_copy(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
  - id: sam
    name: Sam Reed
    hopes: Learn how the other side works.
  - id: zoe
    name: Zoe Park
    hopes: learn how the other side works
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (15, 12, "R601", Severity.WARNING, f"parties[id=zoe].hopes: {copied('sam', 'Zoe Park')}"),
    ]
