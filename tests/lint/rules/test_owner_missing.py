"""A201 owner-missing: every deliverable, milestone and area of responsibility names an owner."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.owner_missing import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, ItemAt, LoadData, LoadText


MESSAGE = "names no owner: add 'owner:' with the id of the one party accountable for it"


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "A201", "owner-missing", Severity.ERROR, Category.ACCOUNTABILITY)
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == "A deliverable, milestone or area of responsibility names no owner."


def test_passes_when_every_item_has_an_owner(findings: Findings, load_data: LoadData,
                                              minimal_agreement: dict[str, Any]) -> None:
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_fires_on_a_missing_owner_at_the_item(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                              minimal_agreement: dict[str, Any], owned_item: JsonPath) -> None:
    del item_at(minimal_agreement, owned_item)["owner"]
    assert findings(RULE, load_data(minimal_agreement)) == [(owned_item, MESSAGE)]


@pytest.mark.parametrize("owner", ["", "   ", "\t\n"], ids=["empty", "spaces", "whitespace"])
def test_fires_on_an_empty_owner_at_the_owner_value(findings: Findings, load_data: LoadData, item_at: ItemAt,
                                                    minimal_agreement: dict[str, Any], owned_item: JsonPath,
                                                    owner: str) -> None:
    item_at(minimal_agreement, owned_item)["owner"] = owner
    assert findings(RULE, load_data(minimal_agreement)) == [((*owned_item, "owner"), MESSAGE)]


def test_fires_on_a_null_owner_at_the_item(findings: Findings, load_text: LoadText) -> None:
    text = """\
agreed: 1
id: demo
title: Demo
status: draft
parties: [{id: maria, name: Maria}]
results:
  milestones:
    - id: m1
      what: Draft
      due: 2031-01-01
      owner:
"""
    assert findings(RULE, load_text(text)) == [(("results", "milestones", 0), MESSAGE)]


def test_reports_every_ownerless_item_in_order(findings: Findings, load_data: LoadData,
                                               minimal_agreement: dict[str, Any]) -> None:
    results = minimal_agreement["results"]
    results["deliverables"].append({"id": "d2", "what": "Second deliverable"})
    results["deliverables"].append({"id": "d3", "what": "Third deliverable", "owner": "li"})
    results["deliverables"].append({"id": "d4", "what": "Fourth deliverable", "owner": ""})
    results["milestones"][0]["owner"] = " "
    minimal_agreement["framing"]["accountability"].insert(0, {"area": "Nobody's area"})
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("results", "deliverables", 1), MESSAGE),
        (("results", "deliverables", 3, "owner"), MESSAGE),
        (("results", "milestones", 0, "owner"), MESSAGE),
        (("framing", "accountability", 0), MESSAGE),
    ]


@pytest.mark.parametrize("owner", ["TBD", "the team", "maria and li", "sam", ["maria", "li"], [], 5, True],
                         ids=repr)
def test_an_owner_that_is_present_is_not_its_business(findings: Findings, load_data: LoadData,
                                                      minimal_agreement: dict[str, Any], owner: Any) -> None:
    minimal_agreement["results"]["deliverables"][0]["owner"] = owner
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize("edit", [
    pytest.param(lambda agreement: agreement["results"].update(deliverables={"id": "d1"}), id="list-is-a-mapping"),
    pytest.param(lambda agreement: agreement["results"].update(milestones=["Draft to Li"]), id="items-are-strings"),
    pytest.param(lambda agreement: agreement.update(results=["deliverables"]), id="section-is-a-list"),
    pytest.param(lambda agreement: agreement.update(framing="no accountability"), id="section-is-a-string"),
    pytest.param(lambda agreement: agreement["results"].update(deliverables=None), id="list-is-null"),
])
def test_odd_shapes_are_left_to_the_schema(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any],
                                           edit: Callable[[dict[str, Any]], None]) -> None:
    edit(minimal_agreement)
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_other_lists_need_no_owner(findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["celebration"] = {"handoffs": [{"id": "h1", "what": "Dashboard", "from": "maria", "to": "Ops"}]}
    minimal_agreement["relationship"] = {"reservations": [{"id": "r1", "concern": "c", "monitoring": "m"}]}
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_problems_point_at_the_item_or_the_empty_value(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml(title="Demo", parties=["maria"]) + """\
results:
  deliverables:
    - id: checklist
      what: Publish the onboarding checklist
      due: 2031-03-01
  milestones:
    - id: m1
      what: Draft to Li
      due: 2031-02-01
      owner: ""
"""
    problems = [problem for problem in lint_document(load_text(text), rules=[RULE]) if problem.rule == "A201"]
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (10, 7, "A201", Severity.ERROR, f"results.deliverables[id=checklist]: {MESSAGE}"),
        (17, 14, "A201", Severity.ERROR, f"results.milestones[id=m1].owner: {MESSAGE}"),
    ]
