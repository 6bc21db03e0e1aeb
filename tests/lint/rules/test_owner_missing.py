"""A201 owner-missing: every deliverable, milestone and area of responsibility names an owner."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from agreed.document import Document, JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, LintContext
from agreed.lint.rules.owner_missing import RULE
from agreed.problem import Severity

LoadText = Callable[..., Document]
LoadData = Callable[[Any], Document]

CONTRACTS = sorted((Path(__file__).resolve().parents[3] / "contracts").glob("*.yaml"))
MESSAGE = "names no owner: add 'owner:' with the id of the one party accountable for it"

DELIVERABLE = ("results", "deliverables", 0)
MILESTONE = ("results", "milestones", 0)
AREA = ("framing", "accountability", 0)


def findings(document: Document) -> list[tuple[JsonPath, str]]:
    assert RULE.check_document is not None
    found = list(RULE.check_document(document, LintContext()))
    assert not any(finding.at_key for finding in found)
    return [(finding.path, finding.message) for finding in found]


def item(agreement: dict[str, Any], path: JsonPath) -> dict[str, Any]:
    node: Any = agreement
    for step in path:
        node = node[step]
    assert isinstance(node, dict)
    return node


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "A201", "owner-missing", Severity.ERROR, Category.ACCOUNTABILITY)
    assert RULE.check_text is None
    assert RULE.summary == "A deliverable, milestone or area of responsibility names no owner."


def test_passes_when_every_item_has_an_owner(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    assert findings(load_data(minimal_agreement)) == []


@pytest.mark.parametrize("contract", CONTRACTS, ids=[path.name for path in CONTRACTS])
def test_passes_on_the_shipped_contracts(load_text: LoadText, contract: Path) -> None:
    assert findings(load_text(contract.read_text(encoding="utf-8"))) == []


@pytest.mark.parametrize("where", [DELIVERABLE, MILESTONE, AREA], ids=["deliverable", "milestone", "area"])
def test_fires_on_a_missing_owner_at_the_item(load_data: LoadData, minimal_agreement: dict[str, Any],
                                              where: JsonPath) -> None:
    del item(minimal_agreement, where)["owner"]
    assert findings(load_data(minimal_agreement)) == [(where, MESSAGE)]


@pytest.mark.parametrize("where", [DELIVERABLE, MILESTONE, AREA], ids=["deliverable", "milestone", "area"])
@pytest.mark.parametrize("owner", ["", "   ", "\t\n"], ids=["empty", "spaces", "whitespace"])
def test_fires_on_an_empty_owner_at_the_owner_value(load_data: LoadData, minimal_agreement: dict[str, Any],
                                                    where: JsonPath, owner: str) -> None:
    item(minimal_agreement, where)["owner"] = owner
    assert findings(load_data(minimal_agreement)) == [((*where, "owner"), MESSAGE)]


def test_fires_on_a_null_owner_at_the_item(load_text: LoadText) -> None:
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
    assert findings(load_text(text)) == [(MILESTONE, MESSAGE)]


def test_reports_every_ownerless_item_in_order(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    results = minimal_agreement["results"]
    results["deliverables"].append({"id": "d2", "what": "Second deliverable"})
    results["deliverables"].append({"id": "d3", "what": "Third deliverable", "owner": "li"})
    results["deliverables"].append({"id": "d4", "what": "Fourth deliverable", "owner": ""})
    results["milestones"][0]["owner"] = " "
    minimal_agreement["framing"]["accountability"].insert(0, {"area": "Nobody's area"})
    assert findings(load_data(minimal_agreement)) == [
        (("results", "deliverables", 1), MESSAGE),
        (("results", "deliverables", 3, "owner"), MESSAGE),
        (("results", "milestones", 0, "owner"), MESSAGE),
        (("framing", "accountability", 0), MESSAGE),
    ]


@pytest.mark.parametrize("owner", ["TBD", "the team", "maria and li", "sam", ["maria", "li"], [], 5, True],
                         ids=repr)
def test_an_owner_that_is_present_is_not_its_business(load_data: LoadData, minimal_agreement: dict[str, Any],
                                                      owner: Any) -> None:
    item(minimal_agreement, DELIVERABLE)["owner"] = owner
    assert findings(load_data(minimal_agreement)) == []


@pytest.mark.parametrize("edit", [
    pytest.param(lambda agreement: agreement["results"].update(deliverables={"id": "d1"}), id="list-is-a-mapping"),
    pytest.param(lambda agreement: agreement["results"].update(milestones=["Draft to Li"]), id="items-are-strings"),
    pytest.param(lambda agreement: agreement.update(results=["deliverables"]), id="section-is-a-list"),
    pytest.param(lambda agreement: agreement.update(framing="no accountability"), id="section-is-a-string"),
    pytest.param(lambda agreement: agreement["results"].update(deliverables=None), id="list-is-null"),
])
def test_odd_shapes_are_left_to_the_schema(load_data: LoadData, minimal_agreement: dict[str, Any],
                                           edit: Callable[[dict[str, Any]], None]) -> None:
    edit(minimal_agreement)
    assert findings(load_data(minimal_agreement)) == []


def test_other_lists_need_no_owner(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["celebration"] = {"handoffs": [{"id": "h1", "what": "Dashboard", "from": "maria", "to": "Ops"}]}
    minimal_agreement["relationship"] = {"reservations": [{"id": "r1", "concern": "c", "monitoring": "m"}]}
    assert findings(load_data(minimal_agreement)) == []


def test_problems_point_at_the_item_or_the_empty_value(load_text: LoadText) -> None:
    text = """\
agreed: 1
id: demo
title: Demo
status: draft
parties:
  - id: maria
    name: Maria Chen
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
