"""R603 confidentiality-contradiction: nothing is both shareable and confidential."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.confidentiality_contradiction import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

CONFIDENTIALITY = ("relationship", "confidentiality")


def contradiction(item: str, entry: int) -> str:
    return (f"{item!r} is also listed under may_share (entry {entry}): decide whether it may be shared and keep it "
            "in one list")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "R603", "confidentiality-contradiction", Severity.ERROR, Category.RELATIONSHIP)
    assert RULE.elements == ("R-CONFIDENTIAL",)
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize("confidential", [
    "The playbook and checklist, with any employee",
    "the playbook and checklist with any employee.",
    "  The Playbook and Checklist, with any employee ",
], ids=repr)
def test_fires_on_an_item_in_both_lists(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                        confidential: str) -> None:
    complete_data["relationship"]["confidentiality"]["may_not_share"].append(confidential)
    assert findings(RULE, load_data(complete_data)) == [
        ((*CONFIDENTIALITY, "may_not_share", 2), contradiction(confidential.strip(), 1))]


def test_reports_each_contradiction_against_the_first_shareable_entry(findings: Findings, load_data: LoadData,
                                                                      minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["relationship"] = {"confidentiality": {
        "may_share": ["Targets", "Budget", "targets."],
        "may_not_share": ["Salaries", "TARGETS", "Budget", 5, None],
    }}
    assert findings(RULE, load_data(minimal_agreement)) == [
        ((*CONFIDENTIALITY, "may_not_share", 1), contradiction("TARGETS", 0)),
        ((*CONFIDENTIALITY, "may_not_share", 2), contradiction("Budget", 1)),
    ]


@pytest.mark.parametrize(("shareable", "confidential"), [
    ("Progress against the targets, with anyone in the revenue organisation",
     "Progress against the targets, outside the revenue organisation"),
    ("Progress against the targets", "Progress against the targets of each account executive"),
    ("TBD", "TBD"),  # non-answers: S104's business
    ("None", "none"),
    ("", ""),
    ("...", "---"),
], ids=repr)
def test_passes_on_different_items_and_non_answers(findings: Findings, load_data: LoadData,
                                                   minimal_agreement: dict[str, Any], shareable: str,
                                                   confidential: str) -> None:
    minimal_agreement["relationship"] = {"confidentiality": {"may_share": [shareable],
                                                             "may_not_share": [confidential]}}
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize("odd", [None, "Targets", {"Targets": True}, 5], ids=repr)
def test_odd_lists_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                          minimal_agreement: dict[str, Any], odd: Any) -> None:
    minimal_agreement["relationship"] = {"confidentiality": {"may_share": odd, "may_not_share": ["Targets"]}}
    assert findings(RULE, load_data(minimal_agreement)) == []
    minimal_agreement["relationship"] = {"confidentiality": odd}
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_the_problem_points_at_the_confidential_item(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
relationship:
  confidentiality:
    may_share: [Progress against targets]
    may_not_share:
      - Salaries
      - Progress against targets
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (15, 9, "R603", Severity.ERROR,
         f"relationship.confidentiality.may_not_share[1]: {contradiction('Progress against targets', 0)}"),
    ]
