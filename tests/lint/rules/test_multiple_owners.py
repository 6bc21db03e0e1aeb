"""A203 multiple-owners: a commitment names one accountable owner, not several."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.multiple_owners import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, ItemAt, LoadData, LoadText


ADVICE = "choose the one party accountable for it, or split the commitment"


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "A203", "multiple-owners", Severity.ERROR, Category.ACCOUNTABILITY)
    assert not isinstance(RULE, TextRule)


def test_passes_on_single_owners(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize("owner", [
    "maria and li", "maria/li", "maria / li", "maria, li", "maria & li", "maria + li", "maria or li", "maria; li",
    "Maria Chen and Li Wei", "maria, li and sam",
])
def test_fires_on_several_names_in_one_owner(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                             minimal_agreement: dict[str, Any], owned_item: JsonPath,
                                             owner: str) -> None:
    item_at(minimal_agreement, owned_item)["owner"] = owner
    assert findings(RULE, load_data(minimal_agreement)) == [
        ((*owned_item, "owner"), f"owner {owner!r} names several parties: {ADVICE}")]


@pytest.mark.parametrize(("owner", "count"), [(["maria", "li"], 2), (["maria", "li", "sam"], 3), (["", ""], 2)])
def test_fires_on_a_list_of_owners(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                   minimal_agreement: dict[str, Any], owned_item: JsonPath, owner: list[str],
                                   count: int) -> None:
    item_at(minimal_agreement, owned_item)["owner"] = owner
    assert findings(RULE, load_data(minimal_agreement)) == [
        ((*owned_item, "owner"), f"names {count} owners: {ADVICE}")]


@pytest.mark.parametrize("owner", [
    "maria", "Maria Chen", "Maria Chen, VP Sales", "R&D", "maria (mchen)", "maria@example.com",
    "n/a", "TBD", "the team", "both parties", "", None, 3,
    ["maria"], [],
], ids=repr)
def test_passes_on_one_or_no_owner(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any],
                                   owner: Any) -> None:
    minimal_agreement["results"]["deliverables"][0]["owner"] = owner
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_reports_each_item_in_order(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["framing"]["accountability"][0]["owner"] = "maria and li"
    minimal_agreement["results"]["deliverables"][0]["owner"] = ["maria", "li"]
    minimal_agreement["results"]["milestones"].append({"id": "m2", "what": "Second", "due": "2031-03-01",
                                                       "owner": "li/maria"})
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("results", "deliverables", 0, "owner"), f"names 2 owners: {ADVICE}"),
        (("results", "milestones", 1, "owner"), f"owner 'li/maria' names several parties: {ADVICE}"),
        (("framing", "accountability", 0, "owner"), f"owner 'maria and li' names several parties: {ADVICE}"),
    ]


def test_problem_points_at_the_owner_value(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml(title="Demo") + """\
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
