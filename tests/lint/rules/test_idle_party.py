"""P704 idle-party: every party does or receives something in the agreement."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.idle_party import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import Findings, LoadData, LoadText

Edit = Callable[[dict[str, Any]], None]


def _message(party: str) -> str:
    return (f"party {party!r} owns, does and receives nothing in this agreement: give it a deliverable, milestone "
            "or area to own, or say what it receives (for_whom, a deliverable's `for`, credit), or leave it out")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "P704", "idle-party", Severity.WARNING, Category.PRECONDITIONS, ("P-CONSIDERATION", "P-INTERDEPENDENT"))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.fixture
def with_sam(complete_data: dict[str, Any]) -> dict[str, Any]:
    """sales-onboarding with a third party, sam, named nowhere else."""
    complete_data["parties"].append({"id": "sam", "name": "Sam Ode", "email": "sam.ode@example.com"})
    return complete_data


@pytest.mark.parametrize("status", ["proposed", "active", "fulfilled"])
def test_fires_on_a_party_named_nowhere_else(findings: Findings, load_data: LoadData, with_sam: dict[str, Any],
                                             status: str) -> None:
    with_sam["status"] = status
    assert findings(RULE, load_data(with_sam)) == [(("parties", 2, "id"), _message("sam"))]


def test_a_draft_is_not_checked(findings: Findings, load_data: LoadData, with_sam: dict[str, Any]) -> None:
    with_sam["status"] = "draft"
    assert findings(RULE, load_data(with_sam)) == []


EDITS: dict[str, Edit] = {
    "owns a deliverable": lambda data: data["results"]["deliverables"][0].update(owner="sam"),
    "owns a milestone": lambda data: data["results"]["milestones"][0].update(owner="sam"),
    "owns an area": lambda data: data["framing"]["accountability"][0].update(owner="sam"),
    "does the work": lambda data: data["results"]["by_whom"].append("sam"),
    "shows buy-in": lambda data: data["results"]["buy_in"].append({"party": "sam", "how": "Blocks Fridays"}),
    "shares information": lambda data: data["results"]["information"][0].update({"from": "sam"}),
    "hands over": lambda data: data["celebration"]["handoffs"][0].update({"from": "sam"}),
    "announces": lambda data: data["celebration"].update(announcer="sam"),
    "is whom it is for": lambda data: data["results"]["for_whom"].append("sam"),
    "receives a deliverable": lambda data: data["results"]["deliverables"][1]["for"].append("sam"),
    "receives a milestone": lambda data: data["results"]["milestones"][1].update(to="sam"),
    "receives information": lambda data: data["results"]["information"][2]["to"].append("sam"),
    "receives a hand-off": lambda data: data["celebration"]["handoffs"][1].update(to="sam"),
    "gets credit": lambda data: data["celebration"]["credit"].append({"party": "sam", "share": 0.5}),
}


@pytest.mark.parametrize("edit", EDITS.values(), ids=EDITS.keys())
def test_one_part_is_enough(findings: Findings, load_data: LoadData, with_sam: dict[str, Any], edit: Edit) -> None:
    edit(with_sam)
    assert findings(RULE, load_data(with_sam)) == []


@pytest.mark.parametrize("share", [0, None, "10", True], ids=repr)
def test_credit_without_a_share_is_no_part(findings: Findings, load_data: LoadData, with_sam: dict[str, Any],
                                           share: Any) -> None:
    with_sam["celebration"]["credit"].append({"party": "sam", "share": share})
    assert findings(RULE, load_data(with_sam)) == [(("parties", 2, "id"), _message("sam"))]


def test_a_party_named_only_by_a_similar_name_is_idle(findings: Findings, load_data: LoadData,
                                                      with_sam: dict[str, Any]) -> None:
    with_sam["results"]["by_whom"].append("Sam Ode")  # W405 says to use the id
    with_sam["results"]["for_whom"].append("sam's team")
    assert findings(RULE, load_data(with_sam)) == [(("parties", 2, "id"), _message("sam"))]


@pytest.mark.parametrize("odd", [None, "sam", 3, [None, 3, ["sam"]], {"sam": "sam"}], ids=repr)
def test_odd_values_do_not_crash(findings: Findings, load_data: LoadData, with_sam: dict[str, Any],
                                 odd: Any) -> None:
    results, celebration = with_sam["results"], with_sam["celebration"]
    results["for_whom"] = results["by_whom"] = results["buy_in"] = results["information"] = odd
    results["deliverables"][0]["for"] = results["deliverables"][1]["owner"] = odd
    celebration["credit"] = celebration["handoffs"] = odd
    celebration["announcer"] = odd if not isinstance(odd, str) else None
    with_sam["parties"].extend([{"id": 7}, "lee", {"name": "No id"}])
    assert findings(RULE, load_data(with_sam)) == ([] if odd == "sam" else [(("parties", 2, "id"), _message("sam"))])


def test_problem_points_at_the_party_id(complete_agreement_text: str, load_text: LoadText) -> None:
    text = complete_agreement_text.replace("\nframing:\n", """\
  - id: sam
    name: Sam Ode
    email: sam.ode@example.com
    handle: sode
    keys: []
    hopes: A seat at the table
    gives: One analyst for 4 weeks
    receives: A monthly report
    needs_partner: Sam's analysts have no data of their own.
    could_decline: true
    in_room: true
    commits: Answers within a day
    beyond: Shares the analysis with both

framing:
""")
    problems = lint_document(load_text(text), rules=[RULE])
    line = text.splitlines().index("  - id: sam") + 1
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (line, 9, "P704", Severity.WARNING, f"parties[id=sam].id: {_message('sam')}"),
    ]
