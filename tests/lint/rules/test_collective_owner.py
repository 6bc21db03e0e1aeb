"""A202 collective-owner: an owner is one party, not a group ("we", "the team") or a placeholder ("TBD")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.collective_owner import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, ItemAt, LoadData, LoadText


ADVICE = "name the one party id who answers for it"
GROUP = "is a group, not one accountable party"
PLACEHOLDER = "is a placeholder, not an accountable party"


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "A202", "collective-owner", Severity.ERROR, Category.ACCOUNTABILITY)
    assert not isinstance(RULE, TextRule)


def test_passes_on_single_owners(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    assert findings(RULE, load_data(minimal_agreement)) == []


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
def test_fires_on_groups_and_placeholders(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                          minimal_agreement: dict[str, Any], owned_item: JsonPath, owner: str,
                                          reason: str) -> None:
    item_at(minimal_agreement, owned_item)["owner"] = owner
    assert findings(RULE, load_data(minimal_agreement)) == [
        ((*owned_item, "owner"), f"owner {owner!r} {reason}: {ADVICE}")]


@pytest.mark.parametrize("owner", [
    "maria", "li", "sam", "Maria Chen", "Maria Chen, VP Sales", "maria@example.com",
    "maria and li", "maria/li",  # several parties: A203's business
    "", "   ", None,  # no owner: A201's business
    ["we"], ["the team", "TBD"], 7,  # not text: the schema's business
], ids=repr)
def test_passes_on_other_owners(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any],
                                owner: Any) -> None:
    minimal_agreement["results"]["deliverables"][0]["owner"] = owner
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_reports_each_item_in_order(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["deliverables"].append({"id": "d2", "what": "Second", "owner": "we"})
    minimal_agreement["results"]["milestones"][0]["owner"] = "TBD"
    minimal_agreement["framing"]["accountability"][0]["owner"] = "the team"
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("results", "deliverables", 1, "owner"), f"owner 'we' {GROUP}: {ADVICE}"),
        (("results", "milestones", 0, "owner"), f"owner 'TBD' {PLACEHOLDER}: {ADVICE}"),
        (("framing", "accountability", 0, "owner"), f"owner 'the team' {GROUP}: {ADVICE}"),
    ]


def test_ignores_owners_outside_the_owned_lists(findings: Findings, load_data: LoadData,
                                                minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["results"]["buy_in"] = [{"party": "we", "how": "Together"}]
    minimal_agreement["results"]["deliverables"][0]["for"] = ["the team"]
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_problem_points_at_the_owner_value(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml(title="Demo", parties=["maria"]) + """\
framing:
  accountability:
    - area: Onboarding playbook
      owner: the team
"""
    problems = [problem for problem in lint_document(load_text(text), rules=[RULE]) if problem.rule == "A202"]
    assert [(problem.line, problem.col, problem.severity, problem.message) for problem in problems] == [
        (11, 14, Severity.ERROR, f"framing.accountability[0].owner: owner 'the team' {GROUP}: {ADVICE}"),
    ]
