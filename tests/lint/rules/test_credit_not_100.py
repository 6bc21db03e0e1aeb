"""C503 credit-not-100: credit shares add up to 100, one entry per party."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.credit_not_100 import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

CREDIT = ("celebration", "credit")


def sum_message(total: str) -> str:
    return (f"credit shares add up to {total}, not 100: change the shares so that together they give out all the "
            "credit, and no more")


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "C503", "credit-not-100", Severity.ERROR, Category.CELEBRATION)
    assert RULE.elements == ("C-CREDIT",)
    assert not isinstance(RULE, TextRule)


@pytest.mark.parametrize(("shares", "total"), [
    ([60, 50], "110"),
    ([50, 49.5], "99.5"),
    ([0, 0], "0"),
    ([100, 0.02], "100.02"),
    ([33.33, 33.33], "66.66"),
])
def test_fires_when_the_shares_do_not_add_up(findings: Findings, load_data: LoadData,
                                             complete_data: dict[str, Any], shares: list[float],
                                             total: str) -> None:
    for entry, share in zip(complete_data["celebration"]["credit"], shares, strict=True):
        entry["share"] = share
    assert findings(RULE, load_data(complete_data)) == [(CREDIT, sum_message(total))]


@pytest.mark.parametrize("shares", [[50, 50], [100, 0], [99.99, 0], [40.005, 60], [33.33, 33.33, 33.33],
                                    [33.34, 33.33, 33.33], [1 / 3 * 100, 2 / 3 * 100]])
def test_passes_within_a_hundredth_of_100(findings: Findings, load_data: LoadData,
                                          complete_data: dict[str, Any], shares: list[float]) -> None:
    parties = ["maria", "daniel", "li"]
    complete_data["celebration"]["credit"] = [{"party": party, "share": share, "how": "Named"}
                                              for party, share in zip(parties, shares, strict=False)]
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("odd", [None, "50", "", True, [50], {"value": 50}], ids=repr)
def test_no_sum_until_every_share_is_a_number(findings: Findings, load_data: LoadData,
                                              complete_data: dict[str, Any], odd: Any) -> None:
    complete_data["celebration"]["credit"][0]["share"] = 80
    complete_data["celebration"]["credit"][1]["share"] = odd
    assert findings(RULE, load_data(complete_data)) == []


def test_a_missing_share_in_a_draft_is_still_open(findings: Findings, load_data: LoadData,
                                                  minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["celebration"] = {"credit": [{"party": "maria", "share": 60}, {"party": "li"}]}
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize("odd", ["li gets the rest", None, 40, ["li", 40]], ids=repr)
def test_no_sum_when_an_entry_is_not_a_mapping(findings: Findings, load_data: LoadData,
                                               minimal_agreement: dict[str, Any], odd: Any) -> None:
    minimal_agreement["celebration"] = {"credit": [{"party": "maria", "share": 60}, odd]}
    assert findings(RULE, load_data(minimal_agreement)) == []


def test_a_single_entry_must_carry_all_the_credit(findings: Findings, load_data: LoadData,
                                                  minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["celebration"] = {"credit": [{"party": "maria", "share": 60}]}
    assert findings(RULE, load_data(minimal_agreement)) == [(CREDIT, sum_message("60"))]


def test_fires_on_a_party_listed_twice(findings: Findings, load_data: LoadData,
                                       complete_data: dict[str, Any]) -> None:
    credit = complete_data["celebration"]["credit"]
    credit[0]["share"] = 25
    credit.append({"party": "li", "share": 10})
    credit.append({"party": "maria", "share": 25, "how": "Named again"})
    credit.append({"party": "maria", "share": 0})
    credit.append({"party": None, "share": -10})
    assert findings(RULE, load_data(complete_data)) == [
        ((*CREDIT, 3, "party"), "'maria' already has a credit entry (entry 0): merge the two into one share"),
        ((*CREDIT, 4, "party"), "'maria' already has a credit entry (entry 0): merge the two into one share"),
    ]


@pytest.mark.parametrize("credit", [None, "50/50", [], ["maria", "daniel"], {"maria": 50}], ids=repr)
def test_odd_credit_lists_are_left_to_the_schema(findings: Findings, load_data: LoadData,
                                                 complete_data: dict[str, Any], credit: Any) -> None:
    complete_data["celebration"]["credit"] = credit
    assert findings(RULE, load_data(complete_data)) == []


def test_the_problem_points_at_the_credit_list(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml() + """\
celebration:
  credit:
    - party: maria
      share: 70
    - party: li
      share: 40
"""
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (12, 5, "C503", Severity.ERROR, f"celebration.credit: {sum_message('110')}"),
    ]
