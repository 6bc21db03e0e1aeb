"""A202 collective-owner: an owner is one party, not a group ("we", "the team") or a placeholder ("TBD")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agreed.document import Document, JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, LintContext
from agreed.lint.rules.collective_owner import RULE
from agreed.problem import Severity

LoadText = Callable[..., Document]
LoadData = Callable[[Any], Document]

CONTRACTS = sorted((Path(__file__).resolve().parents[3] / "contracts").glob("*.yaml"))
ADVICE = "name the one party id who answers for it"
GROUP = "is a group, not one accountable party"
PLACEHOLDER = "is a placeholder, not an accountable party"

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
        "A202", "collective-owner", Severity.ERROR, Category.ACCOUNTABILITY)
    assert RULE.check_text is None


def test_passes_on_single_owners(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    assert findings(load_data(minimal_agreement)) == []


@pytest.mark.parametrize("contract", CONTRACTS, ids=[path.name for path in CONTRACTS])
def test_passes_on_the_shipped_contracts(load_text: LoadText, contract: Path) -> None:
    assert findings(load_text(contract.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize(("owner", "reason"), [
    ("we", GROUP),
    ("We", GROUP),
    ("the team", GROUP),
    ("everyone", GROUP),
    ("both parties", GROUP),
    ("all partners", GROUP),
    ("the sales teams", GROUP),
    ("jointly", GROUP),
    ("TBD", PLACEHOLDER),
    ("tbc", PLACEHOLDER),
    ("?", PLACEHOLDER),
    ("n/a", PLACEHOLDER),
    ("someone", PLACEHOLDER),
    ("someone from sales", PLACEHOLDER),
    ("unassigned", PLACEHOLDER),
    ("TODO", PLACEHOLDER),
    ("<owner>", PLACEHOLDER),
])
@pytest.mark.parametrize("where", [DELIVERABLE, MILESTONE, AREA], ids=["deliverable", "milestone", "area"])
def test_fires_on_groups_and_placeholders(load_data: LoadData, minimal_agreement: dict[str, Any], where: JsonPath,
                                          owner: str, reason: str) -> None:
    set_owner(minimal_agreement, where, owner)
    assert findings(load_data(minimal_agreement)) == [((*where, "owner"), f"owner {owner!r} {reason}: {ADVICE}")]


@pytest.mark.parametrize("owner", [
    "maria", "li", "sam", "Maria Chen", "Maria Chen, VP Sales", "maria@example.com",
    "maria and li", "maria/li",  # several parties: A203's business
    "", "   ", None,  # no owner: A201's business
    ["we"], ["the team", "TBD"], 7,  # not text: the schema's business
], ids=repr)
def test_passes_on_other_owners(load_data: LoadData, minimal_agreement: dict[str, Any], owner: Any) -> None:
    set_owner(minimal_agreement, DELIVERABLE, owner)
    assert findings(load_data(minimal_agreement)) == []


def test_reports_each_item_in_order(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["deliverables"].append({"id": "d2", "what": "Second", "owner": "we"})
    set_owner(minimal_agreement, MILESTONE, "TBD")
    set_owner(minimal_agreement, AREA, "the team")
    assert findings(load_data(minimal_agreement)) == [
        (("results", "deliverables", 1, "owner"), f"owner 'we' {GROUP}: {ADVICE}"),
        (("results", "milestones", 0, "owner"), f"owner 'TBD' {PLACEHOLDER}: {ADVICE}"),
        (("framing", "accountability", 0, "owner"), f"owner 'the team' {GROUP}: {ADVICE}"),
    ]


def test_ignores_owners_outside_the_owned_lists(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["buy_in"] = [{"party": "we", "how": "Together"}]
    minimal_agreement["results"]["deliverables"][0]["for"] = ["the team"]
    assert findings(load_data(minimal_agreement)) == []


def test_problem_points_at_the_owner_value(load_text: LoadText) -> None:
    text = """\
agreed: 1
id: demo
title: Demo
status: draft
parties:
  - id: maria
    name: Maria Chen
framing:
  accountability:
    - area: Onboarding playbook
      owner: the team
"""
    problems = [problem for problem in lint_document(load_text(text), rules=[RULE]) if problem.rule == "A202"]
    assert [(problem.line, problem.col, problem.severity, problem.message) for problem in problems] == [
        (11, 14, Severity.ERROR, f"framing.accountability[0].owner: owner 'the team' {GROUP}: {ADVICE}"),
    ]
