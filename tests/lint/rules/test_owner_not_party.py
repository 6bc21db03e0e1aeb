"""A204 owner-not-party: an owner is one of the agreement's parties."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agreed.document import Document, JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, LintContext, Rule
from agreed.lint.rules import collective_owner, multiple_owners, owner_missing
from agreed.lint.rules.owner_not_party import RULE
from agreed.problem import Severity

LoadText = Callable[..., Document]
LoadData = Callable[[Any], Document]

CONTRACTS = sorted((Path(__file__).resolve().parents[3] / "contracts").glob("*.yaml"))

DELIVERABLE = ("results", "deliverables", 0)
MILESTONE = ("results", "milestones", 0)
AREA = ("framing", "accountability", 0)


def findings(document: Document, rule: Rule = RULE) -> list[tuple[JsonPath, str]]:
    assert rule.check_document is not None
    found = list(rule.check_document(document, LintContext()))
    assert not any(finding.at_key for finding in found)
    return [(finding.path, finding.message) for finding in found]


def set_owner(agreement: dict[str, Any], path: JsonPath, owner: Any) -> None:
    node: Any = agreement
    for step in path:
        node = node[step]
    node["owner"] = owner


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "A204", "owner-not-party", Severity.ERROR, Category.ACCOUNTABILITY)
    assert RULE.check_text is None


def test_passes_when_owners_are_parties(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    assert findings(load_data(minimal_agreement)) == []


@pytest.mark.parametrize("contract", CONTRACTS, ids=[path.name for path in CONTRACTS])
def test_passes_on_the_shipped_contracts(load_text: LoadText, contract: Path) -> None:
    assert findings(load_text(contract.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(("owner", "hint"), [
    ("sam", "; parties are: li, maria"),
    ("Chief Revenue Officer", "; parties are: li, maria"),
    ("marai", " (did you mean 'maria'?)"),
    ("Maria", " (did you mean 'maria'?)"),
    ("maria-chen", " (did you mean 'maria'?)"),
    ("lii", " (did you mean 'li'?)"),
])
@pytest.mark.parametrize("where", [DELIVERABLE, MILESTONE, AREA], ids=["deliverable", "milestone", "area"])
def test_fires_on_an_owner_who_is_not_a_party(load_data: LoadData, minimal_agreement: dict[str, Any],
                                              where: JsonPath, owner: str, hint: str) -> None:
    set_owner(minimal_agreement, where, owner)
    assert findings(load_data(minimal_agreement)) == [
        ((*where, "owner"), f"owner {owner!r} is not a party of this agreement{hint}")]


@pytest.mark.parametrize("owner", [
    "maria", "li",
    "the team", "we", "TBD", "?",  # groups and placeholders: A202's business
    "maria and li", "sam/alex",  # several owners: A203's business
    "", None,  # no owner: A201's business
    ["sam"], 4,  # not text: the schema's business
], ids=repr)
def test_passes_on_other_owners(load_data: LoadData, minimal_agreement: dict[str, Any], owner: Any) -> None:
    set_owner(minimal_agreement, DELIVERABLE, owner)
    assert findings(load_data(minimal_agreement)) == []


def test_a_party_without_an_id_does_not_count(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"].append({"name": "sam"})
    minimal_agreement["parties"].append("alex")
    minimal_agreement["parties"].append({"id": 5, "name": "Number five"})
    set_owner(minimal_agreement, DELIVERABLE, "sam")
    set_owner(minimal_agreement, MILESTONE, "alex")
    assert findings(load_data(minimal_agreement)) == [
        ((*DELIVERABLE, "owner"), "owner 'sam' is not a party of this agreement; parties are: li, maria"),
        ((*MILESTONE, "owner"), "owner 'alex' is not a party of this agreement; parties are: li, maria"),
    ]


def test_a_newly_added_party_may_own(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"].append({"id": "sam", "name": "Sam"})
    set_owner(minimal_agreement, AREA, "sam")
    assert findings(load_data(minimal_agreement)) == []


def test_reports_each_item_in_order(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    set_owner(minimal_agreement, AREA, "sam")
    set_owner(minimal_agreement, MILESTONE, "lii")
    assert findings(load_data(minimal_agreement)) == [
        ((*MILESTONE, "owner"), "owner 'lii' is not a party of this agreement (did you mean 'li'?)"),
        ((*AREA, "owner"), "owner 'sam' is not a party of this agreement; parties are: li, maria"),
    ]


@pytest.mark.parametrize(("owner", "code"), [
    (None, "A201"), ("", "A201"), ("  ", "A201"),
    ("the team", "A202"), ("TBD", "A202"),
    ("maria and li", "A203"), (["maria", "li"], "A203"),
    ("sam", "A204"),
    ("maria", None),
], ids=repr)
def test_each_bad_owner_is_reported_by_exactly_one_owner_rule(load_data: LoadData, minimal_agreement: dict[str, Any],
                                                              owner: Any, code: str | None) -> None:
    set_owner(minimal_agreement, DELIVERABLE, owner)
    document = load_data(minimal_agreement)
    rules = [owner_missing.RULE, collective_owner.RULE, multiple_owners.RULE, RULE]
    fired = [rule.code for rule in rules if findings(document, rule)]
    assert fired == ([code] if code else [])


def test_problem_points_at_the_owner_value(load_text: LoadText) -> None:
    text = """\
agreed: 1
id: demo
title: Demo
status: draft
parties:
  - id: maria
    name: Maria Chen
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
