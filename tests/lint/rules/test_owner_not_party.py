"""A204 owner-not-party: an owner is one of the agreement's parties."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules import collective_owner, multiple_owners, owner_missing
from agreed.lint.rules.owner_not_party import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, ItemAt, LoadData, LoadText


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "A204", "owner-not-party", Severity.ERROR, Category.ACCOUNTABILITY)
    assert not isinstance(RULE, TextRule)


def test_passes_when_owners_are_parties(findings: Findings, load_data: LoadData,
                                         minimal_agreement: dict[str, Any]) -> None:
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize(("owner", "hint"), [
    ("sam", "; parties are: li, maria"),
    ("Chief Revenue Officer", "; parties are: li, maria"),
    ("marai", " (did you mean 'maria'?)"),
    ("Maria", " (did you mean 'maria'?)"),
    ("maria-chen", " (did you mean 'maria'?)"),
    ("lii", " (did you mean 'li'?)"),
])
def test_fires_on_an_owner_who_is_not_a_party(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                              minimal_agreement: dict[str, Any], owned_item: JsonPath, owner: str,
                                              hint: str) -> None:
    item_at(minimal_agreement, owned_item)["owner"] = owner
    assert findings(RULE, load_data(minimal_agreement)) == [
        ((*owned_item, "owner"), f"owner {owner!r} is not a party of this agreement{hint}")]


@pytest.mark.parametrize("owner", [
    "maria", "li",
    "the team", "we", "TBD", "?",  # groups and placeholders: A202's business
    "maria and li", "sam/alex",  # several owners: A203's business
    "", None,  # no owner: A201's business
    ["sam"], 4,  # not text: the schema's business
], ids=repr)
def test_passes_on_other_owners(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any],
                                owner: Any) -> None:
    minimal_agreement["results"]["deliverables"][0]["owner"] = owner
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_a_party_without_an_id_does_not_count(findings: Findings, load_data: LoadData,
                                              minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"].append({"name": "sam"})
    minimal_agreement["parties"].append("alex")
    minimal_agreement["parties"].append({"id": 5, "name": "Number five"})
    minimal_agreement["results"]["deliverables"][0]["owner"] = "sam"
    minimal_agreement["results"]["milestones"][0]["owner"] = "alex"
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("results", "deliverables", 0, "owner"),
         "owner 'sam' is not a party of this agreement; parties are: li, maria"),
        (("results", "milestones", 0, "owner"),
         "owner 'alex' is not a party of this agreement; parties are: li, maria"),
    ]


def test_a_newly_added_party_may_own(findings: Findings, load_data: LoadData,
                                     minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"].append({"id": "sam", "name": "Sam"})
    minimal_agreement["framing"]["accountability"][0]["owner"] = "sam"
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_reports_each_item_in_order(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["framing"]["accountability"][0]["owner"] = "sam"
    minimal_agreement["results"]["milestones"][0]["owner"] = "lii"
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("results", "milestones", 0, "owner"), "owner 'lii' is not a party of this agreement (did you mean 'li'?)"),
        (("framing", "accountability", 0, "owner"),
         "owner 'sam' is not a party of this agreement; parties are: li, maria"),
    ]


@pytest.mark.parametrize(("owner", "code"), [
    (None, "A201"), ("", "A201"), ("  ", "A201"),
    ("the team", "A202"), ("TBD", "A202"),
    ("maria and li", "A203"), (["maria", "li"], "A203"),
    ("sam", "A204"),
    ("maria", None),
], ids=repr)
def test_each_bad_owner_is_reported_by_exactly_one_owner_rule(findings: Findings, load_data: LoadData,
                                                              minimal_agreement: dict[str, Any], owner: Any,
                                                              code: str | None) -> None:
    minimal_agreement["results"]["deliverables"][0]["owner"] = owner
    document = load_data(minimal_agreement)
    rules = [owner_missing.RULE, collective_owner.RULE, multiple_owners.RULE, RULE]
    fired = [rule.code for rule in rules if findings(rule, document)]
    assert fired == ([code] if code else [])


def test_problem_points_at_the_owner_value(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml(title="Demo", parties=["maria"]) + """\
results:
  milestones:
    - id: m1
      what: Draft to Li
      due: 2031-02-01
      owner: marai
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (13, 14, "A204", Severity.ERROR,
         "results.milestones[id=m1].owner: owner 'marai' is not a party of this agreement (did you mean 'maria'?)"),
    ]
