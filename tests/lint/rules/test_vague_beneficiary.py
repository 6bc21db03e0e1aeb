"""W405 vague-beneficiary: for-whom, by-whom, serving-whom and receivers say who is meant."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.vague_beneficiary import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

FOR = "name the decision makers, owners or funders it is for: party ids, named people or a named group"
BY = "name the people who do the work: party ids, named people or a named group"
SERVING = "name the group that should benefit most, e.g. 'new enterprise customers'"
RECEIVER = "name who receives it: a party id, a named person or a named group"


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "W405", "vague-beneficiary", Severity.WARNING, Category.RESULTS,
        ("W-FOR", "W-BY", "W-SERVING", "W-WHAT", "W-MILESTONES"))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.mark.parametrize("entry", [
    "everyone", "Everybody", "all", "the business", "Stakeholders", "key stakeholders", "all relevant stakeholders",
    "all users", "customers", "The customer", "our people", "the whole company", "management", "we", "both parties",
    "the general public", "the wider organisation", "every employee", "Other teams.",
])
def test_fires_on_everyone_and_no_one_in_particular(findings: Findings, load_data: LoadData,
                                                    complete_data: dict[str, Any], entry: str) -> None:
    complete_data["results"]["serving_whom"] = ["New enterprise customers", entry]
    assert findings(RULE, load_data(complete_data)) == [
        (("results", "serving_whom", 1), f"{entry!r} is too broad to know who is meant: {SERVING}")]


@pytest.mark.parametrize("entry", ["TBD", "n/a", "various", "?", "see above", "other"])
def test_fires_on_an_entry_that_says_nothing(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                             entry: str) -> None:
    complete_data["results"]["for_whom"].append(entry)
    assert findings(RULE, load_data(complete_data)) == [
        (("results", "for_whom", 3), f"{entry!r} does not say who: {FOR}")]


@pytest.mark.parametrize(("entry", "party"), [("Maria Chen", "maria"), ("daniel okafor", "daniel"),
                                              ("Maria", "maria"), ("DANIEL", "daniel")])
def test_fires_on_a_party_named_other_than_by_its_id(findings: Findings, load_data: LoadData,
                                                     complete_data: dict[str, Any], entry: str, party: str) -> None:
    complete_data["results"]["by_whom"][0] = entry
    assert findings(RULE, load_data(complete_data)) == [
        (("results", "by_whom", 0), f"{entry!r} names party '{party}' other than by its id: write '{party}' so the "
         "reference can be checked")]


@pytest.mark.parametrize(("entry", "party"), [("marai", "maria"), ("danile", "daniel"), ("mari", "maria"),
                                              ("daniel2", "daniel")])
def test_fires_on_a_mistyped_party_id(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                      entry: str, party: str) -> None:
    complete_data["results"]["by_whom"][1] = entry
    assert findings(RULE, load_data(complete_data)) == [
        (("results", "by_whom", 1), f"{entry!r} looks like a mistyped party id: did you mean '{party}'?")]


@pytest.mark.parametrize("entry", [
    "maria", "Chief Revenue Officer", "Onboarding managers", "Consuming teams", "New enterprise customers",
    "finance", "sales-ops", "Everyone in the EMEA sales team", "Key accounts", "Customers in the pilot region",
])
def test_passes_on_named_people_and_groups(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                           entry: str) -> None:
    results = complete_data["results"]
    results["for_whom"].append(entry)
    results["by_whom"].append(entry)
    results["serving_whom"].append(entry)
    results["deliverables"][0]["for"].append(entry)
    results["milestones"][0]["to"] = entry
    assert findings(RULE, load_data(complete_data)) == []


def test_a_by_whom_without_party_passes(findings: Findings, load_data: LoadData,
                                        complete_data: dict[str, Any]) -> None:
    complete_data["results"]["by_whom"] = ["Onboarding managers", "Solution engineers"]
    assert findings(RULE, load_data(complete_data)) == []


def test_checks_every_list_with_its_own_advice_in_drafts_too(findings: Findings, load_data: LoadData,
                                                            minimal_agreement: dict[str, Any]) -> None:
    results = minimal_agreement["results"]
    results.update(for_whom=["everyone"], by_whom=["li", "the team"], serving_whom=["users"])
    results["deliverables"][0]["for"] = ["li", "stakeholders"]
    results["milestones"][0]["to"] = "TBD"
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("results", "for_whom", 0), f"'everyone' is too broad to know who is meant: {FOR}"),
        (("results", "by_whom", 1), f"'the team' is too broad to know who is meant: {BY}"),
        (("results", "serving_whom", 0), f"'users' is too broad to know who is meant: {SERVING}"),
        (("results", "deliverables", 0, "for", 1), f"'stakeholders' is too broad to know who is meant: {RECEIVER}"),
        (("results", "milestones", 0, "to"), f"'TBD' does not say who: {RECEIVER}"),
    ]


@pytest.mark.parametrize("listed", [None, "everyone", [], ["", "  ", 3, None, ["everyone"], {"a": "everyone"}]],
                         ids=repr)
def test_odd_values_do_not_crash(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                 listed: Any) -> None:
    results = complete_data["results"]
    results["for_whom"] = results["by_whom"] = results["serving_whom"] = listed
    results["deliverables"][0]["for"] = listed
    results["milestones"][0]["to"] = ["everyone"] if isinstance(listed, str) else listed
    results["milestones"][1] = "m2"
    assert findings(RULE, load_data(complete_data)) == []


def test_problem_points_at_the_entry(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
results:
  serving_whom: [New customers, the business]
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (11, 33, "W405", Severity.WARNING,
         f"results.serving_whom[1]: 'the business' is too broad to know who is meant: {SERVING}"),
    ]
