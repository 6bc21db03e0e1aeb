"""C504 handoff-incomplete: every hand-off names who takes it over, and by when."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.handoff_incomplete import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

HANDOFF = ("celebration", "handoffs", 0)
NO_RECEIVER = "names no receiver: say in `to` who takes the result over (a person, team or role)"
NO_DUE = "has no due date: add `due` (YYYY-MM-DD), the day by which the receiver has taken it over"


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "C504", "handoff-incomplete", Severity.ERROR, Category.CELEBRATION)
    assert RULE.elements == ("C-HANDOFFS",)
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize("receiver", ["someone", "TBD", "?", "nobody", "whoever", "see above", "n/a",
                                      "to be assigned", "later"])
def test_fires_on_a_receiver_that_names_nobody(findings: Findings, load_data: LoadData,
                                               complete_data: dict[str, Any], receiver: str) -> None:
    complete_data["celebration"]["handoffs"][0]["to"] = receiver
    assert findings(RULE, load_data(complete_data)) == [
        ((*HANDOFF, "to"), f"{receiver!r} names no receiver: say who takes the result over (a person, team or role)")]


@pytest.mark.parametrize("receiver", ["both", "We", "the team", "everyone", "all partners", "The Business"])
def test_fires_on_a_receiver_that_is_nobody_in_particular(findings: Findings, load_data: LoadData,
                                                          complete_data: dict[str, Any], receiver: str) -> None:
    complete_data["celebration"]["handoffs"][0]["to"] = receiver
    assert findings(RULE, load_data(complete_data)) == [
        ((*HANDOFF, "to"),
         f"{receiver!r} is nobody in particular: name the one team, role or person who takes the result over")]


@pytest.mark.parametrize("receiver", ["maria", " Maria "])
def test_fires_when_the_giver_keeps_it(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                       receiver: str) -> None:
    complete_data["celebration"]["handoffs"][0]["to"] = receiver
    assert findings(RULE, load_data(complete_data)) == [
        ((*HANDOFF, "to"),
         f"{receiver!r} is also the giver, so nothing is handed off: name who takes the result over")]


@pytest.mark.parametrize("receiver", ["Sales Operations", "daniel", "Onboarding managers' guild", "FP&A analysts",
                                      "Platform teams", "Customer Success staff"])
def test_passes_on_a_named_receiver(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                    receiver: str) -> None:
    complete_data["celebration"]["handoffs"][0]["to"] = receiver
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("status", ["proposed", "active", "renegotiating", "fulfilled", "ended"])
def test_fires_on_a_missing_receiver_or_date_once_proposed(findings: Findings, load_data: LoadData,
                                                          complete_data: dict[str, Any], status: str) -> None:
    complete_data["status"] = status
    handoffs = complete_data["celebration"]["handoffs"]
    del handoffs[0]["to"]
    handoffs[1]["to"] = " "
    del handoffs[2]["due"]
    assert findings(RULE, load_data(complete_data)) == [
        (HANDOFF, NO_RECEIVER),
        (("celebration", "handoffs", 1, "to"), NO_RECEIVER),
        (("celebration", "handoffs", 2), NO_DUE),
    ]


def test_a_draft_may_leave_receiver_and_date_open(findings: Findings, load_data: LoadData,
                                                  minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["celebration"] = {"handoffs": [
        {"id": "h1", "what": "Dashboard", "from": "maria"},
        {"id": "h2", "what": "Checklist", "from": "li", "to": ""},
        {"id": "h3", "what": "Playbook", "from": "li", "to": "someone"},
    ]}
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("celebration", "handoffs", 2, "to"),
         "'someone' names no receiver: say who takes the result over (a person, team or role)")]


@pytest.mark.parametrize("odd", [None, 5, ["Sales Operations"], {"team": "Sales"}], ids=repr)
def test_odd_values_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                           complete_data: dict[str, Any], odd: Any) -> None:
    handoff = complete_data["celebration"]["handoffs"][0]
    handoff["to"] = odd
    handoff["due"] = odd
    handoff["from"] = odd
    complete_data["celebration"]["handoffs"].append([odd])
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("due", ["TBD", "", "2032-13-01", "Q3 2032"], ids=repr)
def test_an_unusable_due_date_is_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                    complete_data: dict[str, Any], due: str) -> None:
    complete_data["celebration"]["handoffs"][0]["due"] = due
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("handoffs", [None, "Sales Operations", {"to": "someone"}], ids=repr)
def test_an_odd_handoff_list_is_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                   complete_data: dict[str, Any], handoffs: Any) -> None:
    complete_data["celebration"]["handoffs"] = handoffs
    assert findings(RULE, load_data(complete_data)) == []


def test_the_problem_points_at_the_receiver(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
celebration:
  handoffs:
    - id: dashboard
      what: Dashboard and its monthly review
      from: maria
      to: the team
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (15, 11, "C504", Severity.ERROR,
         "celebration.handoffs[id=dashboard].to: 'the team' is nobody in particular: name the one team, role or "
         "person who takes the result over"),
    ]
