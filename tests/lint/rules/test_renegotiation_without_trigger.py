"""R604 renegotiation-without-trigger: someone may start a renegotiation, on signals both partners can see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.renegotiation_without_trigger import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

RENEGOTIATION = ("relationship", "renegotiation")
NO_STARTER = ("does not say who may start a renegotiation: name the party, or write 'either party' (e.g. 'Either "
              "party opens a pull request setting status to renegotiating')")


def judgement(signal: str) -> str:
    return (f"{signal!r} is a judgement, not a signal both partners would see alike: say what would be observed, "
            "with a number or date where you can (e.g. 'a milestone slips by more than 3 weeks')")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "R604", "renegotiation-without-trigger", Severity.WARNING, Category.RELATIONSHIP)
    assert RULE.elements == ("R-RENEGOTIATE",)
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize("signal", [
    "The partnership is not working any more",
    "Either party feels unhappy with the split of work",
    "Trust between the teams breaks down",
    "Things go wrong",
    "The budget changes significantly",
    "Circumstances change",
    "If needed",
], ids=repr)
def test_fires_on_a_signal_that_is_a_judgement(findings: Findings, load_data: LoadData,
                                               complete_data: dict[str, Any], signal: str) -> None:
    complete_data["relationship"]["renegotiation"]["signals"][1] = signal
    assert findings(RULE, load_data(complete_data)) == [((*RENEGOTIATION, "signals", 1), judgement(signal))]


@pytest.mark.parametrize("signal", [
    "The budget changes by more than 10%",
    "The SMS budget is cut",
    "A clinic opens, closes or merges",
    "Customer satisfaction feels low for 2 months running",  # a judgement pinned down by a number
    "Trust scores fall after 2031-09-30",
    "A major customer churns",
], ids=repr)
def test_passes_on_an_observable_signal(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                        signal: str) -> None:
    complete_data["relationship"]["renegotiation"]["signals"][1] = signal
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("how", [
    "A meeting is set up to discuss changes.",
    "We meet and agree new terms.",
    "Through the usual process.",
], ids=repr)
def test_fires_when_nobody_may_start_it(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                        how: str) -> None:
    complete_data["relationship"]["renegotiation"]["how"] = how
    assert findings(RULE, load_data(complete_data)) == [((*RENEGOTIATION, "how"), NO_STARTER)]


@pytest.mark.parametrize("how", [
    "Either party opens a pull request.",
    "Any partner may call a meeting.",
    "Whoever sees the signal first proposes it.",
    "One of us raises it at the check-in.",
    "Maria raises it at the check-in.",
    "daniel opens a pull request.",
], ids=repr)
def test_passes_when_someone_may_start_it(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                          how: str) -> None:
    complete_data["relationship"]["renegotiation"]["how"] = how
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("value", ["", "TBD", "as needed", None, 4, ["Either party"], {"who": "either"}], ids=repr)
def test_blank_non_answers_and_odd_values_are_left_to_other_rules(findings: Findings, load_data: LoadData,
                                                                  complete_data: dict[str, Any],
                                                                  value: Any) -> None:
    complete_data["relationship"]["renegotiation"] = {"signals": [value], "how": value}
    assert findings(RULE, load_data(complete_data)) == []
    complete_data["relationship"]["renegotiation"] = {"signals": value}
    assert findings(RULE, load_data(complete_data)) == []


def test_runs_on_drafts_and_points_at_each_value(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
relationship:
  renegotiation:
    signals:
      - A milestone slips by more than 3 weeks
      - Either of us feels it is not working
    how: A meeting is set up.
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (14, 9, "R604", Severity.WARNING,
         f"relationship.renegotiation.signals[1]: {judgement('Either of us feels it is not working')}"),
        (15, 10, "R604", Severity.WARNING, f"relationship.renegotiation.how: {NO_STARTER}"),
    ]
