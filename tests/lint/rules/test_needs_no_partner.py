"""P705 needs-no-partner: each party says why it cannot succeed without the others."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.needs_no_partner import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

ADVICE = ("an alliance holds only while each party needs the others; say what this party cannot achieve without "
          "them, or reconsider whether it belongs in this agreement")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "P705", "needs-no-partner", Severity.WARNING, Category.PRECONDITIONS, ("P-INTERDEPENDENT",))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.mark.parametrize(("answer", "said"), [
    ("No, we could manage.", "No"),
    ("no - it only saves time", "no"),
    ("Not really.", "Not really"),
    ("Not really, but it is faster together.", "Not really"),
    ("Not strictly - Sales could scope deals itself.", "Not strictly"),
    ("We could do it alone, only more slowly.", "could do it alone"),
    ("Maria can deliver the playbook on her own.", "can deliver the playbook on her own"),
    ("Sales would manage by themselves.", "would manage by themselves"),
    ("We could probably get there without the other party.", "could probably get there without the other party"),
    ("Daniel's help is nice to have.", "nice to have"),
    ("Finance is not strictly needed for the migration.", "not strictly needed"),
    ("Their input isn't really necessary.", "n't really necessary"),
])
def test_fires_when_the_others_are_not_needed(findings: Findings, load_data: LoadData,
                                              complete_data: dict[str, Any], answer: str, said: str) -> None:
    complete_data["parties"][1]["needs_partner"] = answer
    assert findings(RULE, load_data(complete_data)) == [
        (("parties", 1, "needs_partner"), f"says the others are not needed ({said!r}): {ADVICE}")]


@pytest.mark.parametrize("answer", ["TBD", "n/a", "none", "No.", "nope", "see above", "?"])
def test_fires_on_an_answer_that_says_nothing(findings: Findings, load_data: LoadData,
                                              complete_data: dict[str, Any], answer: str) -> None:
    complete_data["parties"][0]["needs_partner"] = answer
    assert findings(RULE, load_data(complete_data)) == [
        (("parties", 0, "needs_partner"), f"{answer!r} does not say why this party needs the others: say what it "
         "cannot achieve without them")]


@pytest.mark.parametrize("answer", [
    "Onboarding time is decided before signature; Customer Success cannot cut it alone.",
    "No one else runs onboarding, so Sales depends on it.",
    "No other team can configure the CRM.",
    "Neither of us could do it alone.",
    "Nobody can deliver this on their own.",
    "We could not succeed without them.",
    "We can't get there by ourselves.",
    "Kenji couldn't move a pipeline alone.",
    "It is not true that we could do it alone.",
    "Sales could only do it alone at twice the cost.",
    "Hardly any of the savings exist without Tomás.",
    "Without Kenji's pipelines the warehouse stays empty.",
    "The alone time at the offsite matters.",
])
def test_passes_when_the_others_are_needed(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                           answer: str) -> None:
    complete_data["parties"][0]["needs_partner"] = answer
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("answer", [None, "", "  ", 0, False, ["no"]], ids=repr)
def test_empty_and_odd_values_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                     complete_data: dict[str, Any], answer: Any) -> None:
    complete_data["parties"][0]["needs_partner"] = answer
    complete_data["parties"].append(["no"])
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_answer(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml(parties=["maria"]) + "    needs_partner: Not really.\n"
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (8, 20, "P705", Severity.WARNING,
         f"parties[id=maria].needs_partner: says the others are not needed ('Not really'): {ADVICE}"),
    ]
