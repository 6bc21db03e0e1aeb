"""W404 unknown-party: buy-in, credit, hand-offs and shared information name parties by their ids."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.unknown_party import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, ItemAt, LoadData, LoadText

# (the field in sales-onboarding that must name a party, what only a party can do)
REFERENCES: list[tuple[JsonPath, str]] = [
    (("results", "buy_in", 0, "party"), "only a party can show buy-in"),
    (("results", "information", 1, "from"), "shared information must come from a party"),
    (("celebration", "credit", 1, "party"), "credit can only go to a party"),
    (("celebration", "handoffs", 2, "from"), "a hand-off must come from a party"),
]


@pytest.fixture(params=REFERENCES, ids=["buy-in", "information", "credit", "handoff"])
def reference(request: pytest.FixtureRequest) -> tuple[JsonPath, str]:
    found: tuple[JsonPath, str] = request.param
    return found


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "W404", "unknown-party", Severity.ERROR, Category.RESULTS,
        ("W-BUYIN", "W-INFO", "C-CREDIT", "C-HANDOFFS", "C-TARGETS"))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.mark.parametrize(("named", "hint"), [
    ("marai", "did you mean 'maria'?"),
    ("Daniel", "did you mean 'daniel'?"),
    ("sam", "use one of the party ids: daniel, maria"),
    ("Sales Operations", "use one of the party ids: daniel, maria"),
    ("TBD", "use one of the party ids: daniel, maria"),
])
def test_fires_on_a_name_that_is_not_a_party(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                             complete_data: dict[str, Any], reference: tuple[JsonPath, str],
                                             named: str, hint: str) -> None:
    path, why = reference
    item_at(complete_data, path[:-1])[str(path[-1])] = named
    assert findings(RULE, load_data(complete_data)) == [(path, f"{why}, and {named!r} is not one: {hint}")]


@pytest.mark.parametrize("status", ["draft", "active"])
def test_a_new_party_may_be_named_in_every_status(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                                  complete_data: dict[str, Any], reference: tuple[JsonPath, str],
                                                  status: str) -> None:
    complete_data["status"] = status
    complete_data["parties"].append({"id": "sam", "name": "Sam Ode"})
    path, _ = reference
    item_at(complete_data, path[:-1])[str(path[-1])] = "sam"
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("named", [None, "", "  ", 4, ["maria"], {"id": "maria"}], ids=repr)
def test_absent_or_odd_values_are_left_to_the_schema(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                                     complete_data: dict[str, Any], reference: tuple[JsonPath, str],
                                                     named: Any) -> None:
    path, _ = reference
    item_at(complete_data, path[:-1])[str(path[-1])] = named
    assert findings(RULE, load_data(complete_data)) == []


def test_without_parties_it_says_to_add_them(findings: Findings, load_data: LoadData,
                                             minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"] = [{"name": "No id"}, "maria"]
    minimal_agreement["celebration"] = {"credit": [{"party": "maria", "share": 100}]}
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("celebration", "credit", 0, "party"),
         "credit can only go to a party, and 'maria' is not one: add them under parties first")]


def test_other_fields_are_not_checked(findings: Findings, load_data: LoadData, complete_data: dict[str, Any]) -> None:
    complete_data["results"]["information"][0]["to"] = ["Finance team"]
    complete_data["celebration"]["handoffs"][0]["to"] = "Someone else"
    complete_data["celebration"]["announcer"] = "sam"  # the announcer rule's business
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("listed", [None, "maria", [], [None, 3, "maria", ["maria"]]], ids=repr)
def test_odd_lists_do_not_crash(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                listed: Any) -> None:
    complete_data["results"]["buy_in"] = complete_data["results"]["information"] = listed
    complete_data["celebration"]["credit"] = complete_data["celebration"]["handoffs"] = listed
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_party(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
results:
  buy_in:
    - party: lii
      how: Blocks 2 hours a week
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (12, 14, "W404", Severity.ERROR,
         "results.buy_in[0].party: only a party can show buy-in, and 'lii' is not one: did you mean 'li'?"),
    ]


MEASURED_BY = ("celebration", "targets", 0, "measured", "by")


@pytest.mark.parametrize(("named", "found"), [
    ("marai", [(MEASURED_BY, "a measured result is answered for by a party, and 'marai' is not one: "
                             "did you mean 'maria'?")]),
    ("Finance", [(MEASURED_BY, "a measured result is answered for by a party, and 'Finance' is not one: "
                               "use one of the party ids: daniel, maria")]),
    ("daniel", []),
    (None, []),
    (7, []),
], ids=repr)
def test_a_measured_result_is_answered_for_by_a_party(findings: Findings, load_data: LoadData,
                                                      complete_data: dict[str, Any], named: Any,
                                                      found: list[tuple[JsonPath, str]]) -> None:
    complete_data["celebration"]["targets"][0]["measured"] = {"value": 28, "on": "2032-07-15", "by": named,
                                                              "source": "CRM onboarding report"}
    assert findings(RULE, load_data(complete_data)) == found


def test_problem_points_at_who_measured(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
celebration:
  targets:
    - id: ttv
      metric: Median days to first use
      target: 30
      measured: {value: 28, on: 2031-07-15, by: lii, source: CRM report}
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.message) for problem in problems] == [
        (15, 49, "celebration.targets[id=ttv].measured.by: a measured result is answered for by a party, and 'lii' "
                 "is not one: did you mean 'li'?")]
