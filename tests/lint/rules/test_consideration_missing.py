"""P701 consideration-missing: each party gives and receives something that can be named."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.consideration_missing import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

GIVES = "say what this party puts in: people, hours, budget, access or decisions"
RECEIVES = "say what this party gets out of it that it values; without that its consent rests on nothing"


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "P701", "consideration-missing", Severity.ERROR, Category.PRECONDITIONS, ("P-CONSIDERATION",))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.mark.parametrize("value", [
    "nothing", "None.", "n/a", "TBD", "see above", "goodwill", "Our goodwill", "support", "Our support",
    "best efforts", "their time", "Nothing in particular", "the result", "whatever is needed",
])
@pytest.mark.parametrize(("field", "advice"), [("gives", GIVES), ("receives", RECEIVES)])
def test_fires_on_a_value_that_names_nothing(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                             value: str, field: str, advice: str) -> None:
    complete_data["parties"][1][field] = value
    assert findings(RULE, load_data(complete_data)) == [
        (("parties", 1, field), f"{field} {value!r} names nothing of value: {advice}")]


@pytest.mark.parametrize("value", [
    "Support from two solution engineers at 50% for six months",
    "Goodwill of the five largest customers, measured by their renewal scores",
    "Time back: 30% of his engineers' hours freed from cluster maintenance",
    "A seat on the steering committee",
])
def test_passes_on_something_that_can_be_counted(findings: Findings, load_data: LoadData,
                                                 complete_data: dict[str, Any], value: str) -> None:
    complete_data["parties"][0]["gives"] = complete_data["parties"][0]["receives"] = value
    assert findings(RULE, load_data(complete_data)) == []


def test_drafts_are_checked_but_empty_values_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                                    minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"][0].update(gives="", receives="  ")
    minimal_agreement["parties"][1].update(gives="nothing")
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("parties", 1, "gives"), f"gives 'nothing' names nothing of value: {GIVES}")]


@pytest.mark.parametrize("value", [None, 0, False, ["nothing"], {"gives": "nothing"}], ids=repr)
def test_odd_values_do_not_crash(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                 value: Any) -> None:
    complete_data["parties"][0]["gives"] = complete_data["parties"][1]["receives"] = value
    complete_data["parties"].append("sam")
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_value(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml(parties=["maria"]) + "    receives: goodwill\n"
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (8, 15, "P701", Severity.ERROR, f"parties[id=maria].receives: receives 'goodwill' names nothing of value: "
         f"{RECEIVES}"),
    ]
