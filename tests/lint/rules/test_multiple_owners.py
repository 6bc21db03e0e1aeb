"""A203 multiple-owners: a commitment names one accountable owner, not several."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agreed.document import Document, JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, LintContext
from agreed.lint.rules.multiple_owners import RULE
from agreed.problem import Severity

LoadText = Callable[..., Document]
LoadData = Callable[[Any], Document]

CONTRACTS = sorted((Path(__file__).resolve().parents[3] / "contracts").glob("*.yaml"))
ADVICE = "choose the one party accountable for it, or split the commitment"

DELIVERABLE = ("results", "deliverables", 0)
MILESTONE = ("results", "milestones", 0)
AREA = ("framing", "accountability", 0)


def findings(document: Document) -> list[tuple[JsonPath, str]]:
    assert RULE.check_document is not None
    found = list(RULE.check_document(document, LintContext()))
    assert not any(finding.at_key for finding in found)
    return [(finding.path, finding.message) for finding in found]


def set_owner(agreement: dict[str, Any], path: JsonPath, owner: Any) -> None:
    node: Any = agreement
    for step in path:
        node = node[step]
    node["owner"] = owner


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "A203", "multiple-owners", Severity.ERROR, Category.ACCOUNTABILITY)
    assert RULE.check_text is None


def test_passes_on_single_owners(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    assert findings(load_data(minimal_agreement)) == []


@pytest.mark.parametrize("contract", CONTRACTS, ids=[path.name for path in CONTRACTS])
def test_passes_on_the_shipped_contracts(load_text: LoadText, contract: Path) -> None:
    assert findings(load_text(contract.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("owner", [
    "maria and li", "maria/li", "maria / li", "maria, li", "maria & li", "maria + li", "maria or li", "maria; li",
    "Maria Chen and Li Wei", "maria, li and sam",
])
@pytest.mark.parametrize("where", [DELIVERABLE, MILESTONE, AREA], ids=["deliverable", "milestone", "area"])
def test_fires_on_several_names_in_one_owner(load_data: LoadData, minimal_agreement: dict[str, Any], where: JsonPath,
                                             owner: str) -> None:
    set_owner(minimal_agreement, where, owner)
    assert findings(load_data(minimal_agreement)) == [
        ((*where, "owner"), f"owner {owner!r} names several parties: {ADVICE}")]


@pytest.mark.parametrize(("owner", "count"), [(["maria", "li"], 2), (["maria", "li", "sam"], 3), (["", ""], 2)])
@pytest.mark.parametrize("where", [DELIVERABLE, MILESTONE, AREA], ids=["deliverable", "milestone", "area"])
def test_fires_on_a_list_of_owners(load_data: LoadData, minimal_agreement: dict[str, Any], where: JsonPath,
                                   owner: list[str], count: int) -> None:
    set_owner(minimal_agreement, where, owner)
    assert findings(load_data(minimal_agreement)) == [((*where, "owner"), f"names {count} owners: {ADVICE}")]


@pytest.mark.parametrize("owner", [
    "maria", "Maria Chen", "Maria Chen, VP Sales", "R&D", "maria (mchen)", "maria@example.com",
    "n/a", "TBD", "the team", "both parties", "", None, 3,
    ["maria"], [],
], ids=repr)
def test_passes_on_one_or_no_owner(load_data: LoadData, minimal_agreement: dict[str, Any], owner: Any) -> None:
    set_owner(minimal_agreement, DELIVERABLE, owner)
    assert findings(load_data(minimal_agreement)) == []


def test_reports_each_item_in_order(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    set_owner(minimal_agreement, AREA, "maria and li")
    set_owner(minimal_agreement, DELIVERABLE, ["maria", "li"])
    minimal_agreement["results"]["milestones"].append({"id": "m2", "what": "Second", "due": "2031-03-01",
                                                       "owner": "li/maria"})
    assert findings(load_data(minimal_agreement)) == [
        ((*DELIVERABLE, "owner"), f"names 2 owners: {ADVICE}"),
        (("results", "milestones", 1, "owner"), f"owner 'li/maria' names several parties: {ADVICE}"),
        ((*AREA, "owner"), f"owner 'maria and li' names several parties: {ADVICE}"),
    ]


def test_problem_points_at_the_owner_value(load_text: LoadText) -> None:
    text = """\
agreed: 1
id: demo
title: Demo
status: draft
parties:
  - id: maria
    name: Maria Chen
  - id: li
    name: Li Wei
results:
  deliverables:
    - id: d1
      what: Checklist
      owner: [maria, li]
    - id: d2
      what: Playbook
      owner: maria and li
"""
    problems = [problem for problem in lint_document(load_text(text), rules=[RULE]) if problem.rule == "A203"]
    assert [(problem.line, problem.col, problem.message) for problem in problems] == [
        (14, 14, f"results.deliverables[id=d1].owner: names 2 owners: {ADVICE}"),
        (17, 14, f"results.deliverables[id=d2].owner: owner 'maria and li' names several parties: {ADVICE}"),
    ]
