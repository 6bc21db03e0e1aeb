"""S104 non-answer: a free-text element answer says something."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.non_answer import ANSWERS, RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

ACTIVE_ADVICE = "is not an answer: write down what the partners actually agreed"
DRAFT_ADVICE = ACTIVE_ADVICE + ", or leave it empty while it is still open"


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category) == (
        "S104",
        "non-answer",
        Severity.ERROR,
        Category.STRUCTURE,
    )
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == "An element is answered with words that say nothing."


def test_elements_cover_framing_relationship_and_posture() -> None:
    assert {
        "F-RESULTS",
        "F-ALLIANCE",
        "F-APLUS",
        "F-GRADE",
        "F-ACCOUNT",
        "R-HOPES",
        "R-ROUTINE",
        "R-OTHER",
        "R-CONFIDENTIAL",
        "R-RENEGOTIATE",
        "C-FAILURE",
        "C-CREDIT",
        "C-WHEN",
        "W-PURPOSE",
        "W-MEANS",
        "G-COMMIT",
        "G-BEYOND",
    } <= set(RULE.elements)
    # commitment statements are V108's, considerations the precondition rules'
    assert not {"W-WHAT", "W-MILESTONES", "C-TARGETS", "C-HANDOFFS", "P-CONSIDERATION", "P-INTERDEPENDENT"} & set(
        RULE.elements
    )
    assert len(RULE.elements) == len(set(RULE.elements))


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("framing", "together"), "TBD"),
        (("framing", "alliance", "why"), "see above"),
        (("framing", "a_plus"), "???"),
        (("framing", "grade_without", "why"), "n/a"),
        (("framing", "grade_without", "grade"), "?"),
        (("framing", "accountability", 0, "area"), "TBC"),
        (("results", "purpose"), "To be determined."),
        (("results", "means", 1), "as usual"),
        (("results", "check_ins", "how"), "ad hoc"),
        (("results", "buy_in", 0, "how"), "later"),
        (("results", "information", 2, "what"), "various"),
        (("celebration", "measurement", "how"), "TODO"),
        (("celebration", "credit", 1, "how"), "same as above"),
        (("celebration", "failure", "definition"), "nothing"),
        (("celebration", "failure", "accountability"), "depends"),
        (("relationship", "routine"), "TBD"),
        (("relationship", "alerts"), "as needed"),
        (("relationship", "surprises"), "we'll see"),
        (("relationship", "disagreement"), "see above"),
        (("relationship", "talk", "good_days"), "ditto"),
        (("relationship", "talk", "bad_days"), "N/A"),
        (("relationship", "time_together"), "none"),
        (("relationship", "triggers", 2), "unknown"),
        (("relationship", "imbalances", 0, "imbalance"), "xxx"),
        (("relationship", "imbalances", 1, "response"), "TBD"),
        (("relationship", "setbacks"), "business as usual"),
        (("relationship", "confidentiality", "may_share", 0), "TBD"),
        (("relationship", "reservations", 1, "concern"), "TBD"),
        (("relationship", "reservations", 2, "monitoring"), "pending"),
        (("relationship", "renegotiation", "signals", 0), "TBD"),
        (("relationship", "renegotiation", "how"), "to be agreed"),
        (("relationship", "other", 0), "see above"),
        (("parties", 0, "hopes"), "n/a"),
        (("parties", 1, "commits"), "TBD"),
        (("parties", 1, "beyond"), "whatever"),
        (("relationship", "time_together"), "Same as usual."),
        (("relationship", "surprises"), "We will figure it out."),
        (("relationship", "disagreement"), "We'll decide later."),
        (("results", "check_ins", "how"), "Like always"),
    ],
)
def test_fires_on_a_non_answer_in_an_active_agreement(
    findings: Findings, load_data: LoadData, complete_data: dict[str, Any], path: tuple[Any, ...], value: str
) -> None:
    _set(complete_data, path, value)
    assert findings(RULE, load_data(complete_data)) == [(path, f"{value!r} {ACTIVE_ADVICE}")]


def test_the_table_reaches_every_path_the_fire_cases_use() -> None:
    patterns = {tuple("*" if isinstance(step, int) else step for step in pattern) for pattern, _, _ in ANSWERS}
    assert ("relationship", "other", "*") in patterns
    assert ("parties", "*", "gives") not in patterns
    assert ("results", "deliverables", "*", "what") not in patterns


def test_a_draft_is_told_it_may_leave_the_answer_empty(
    findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any]
) -> None:
    minimal_agreement["relationship"] = {"routine": "  TBD. ", "alerts": ""}
    assert findings(RULE, load_data(minimal_agreement)) == [(("relationship", "routine"), f"'TBD.' {DRAFT_ADVICE}")]


@pytest.mark.parametrize(("status", "expected"), [("draft", []), ("proposed", [f"a blank {ACTIVE_ADVICE}"])])
def test_blank_answers_are_open_in_a_draft_and_empty_ones_left_to_the_schema(
    findings: Findings, load_data: LoadData, complete_data: dict[str, Any], status: str, expected: list[str]
) -> None:
    complete_data["status"] = status
    complete_data["relationship"]["routine"] = "   "
    complete_data["relationship"]["alerts"] = ""
    assert [message for _, message in findings(RULE, load_data(complete_data))] == expected


@pytest.mark.parametrize(
    "path",
    [
        ("relationship", "personal"),
        ("relationship", "other", 0),
        ("relationship", "confidentiality", "may_share", 0),
        ("relationship", "confidentiality", "may_not_share", 1),
    ],
)
@pytest.mark.parametrize(
    "value",
    [
        "None",
        "nothing.",
        "No",
        "nil",
        "n/a",
        "N/A",
        "Nothing else.",
        "not applicable",
        "NA",
        "nothing  to raise",
        "Nothing further!",
    ],
)
def test_none_is_an_answer_where_the_question_allows_it(
    findings: Findings, load_data: LoadData, complete_data: dict[str, Any], path: tuple[Any, ...], value: str
) -> None:
    _set(complete_data, path, value)
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("value", ["n/a", "Nothing else.", "not applicable", "none"])
def test_saying_there_is_none_still_dodges_a_question_that_has_an_answer(
    findings: Findings, load_data: LoadData, complete_data: dict[str, Any], value: str
) -> None:
    complete_data["relationship"]["disagreement"] = value
    assert findings(RULE, load_data(complete_data)) == [
        (("relationship", "disagreement"), f"{value!r} {ACTIVE_ADVICE}")
    ]


@pytest.mark.parametrize("value", ["see above", "TBD", "none yet", "nothing for now"])
def test_a_dodge_is_not_a_none_answer_even_where_none_may_be(
    findings: Findings, load_data: LoadData, complete_data: dict[str, Any], value: str
) -> None:
    complete_data["relationship"]["other"] = [value]
    assert findings(RULE, load_data(complete_data)) == [(("relationship", "other", 0), f"{value!r} {ACTIVE_ADVICE}")]


@pytest.mark.parametrize(
    "path",
    [
        ("results", "deliverables", 0, "what"),  # commitment statements: V108 placeholder
        ("results", "milestones", 0, "what"),
        ("celebration", "targets", 0, "metric"),
        ("celebration", "handoffs", 0, "what"),
        ("parties", 0, "gives"),  # preconditions: other rules
        ("parties", 0, "receives"),
        ("parties", 0, "needs_partner"),
        ("title",),
    ],
)
def test_commitment_statements_and_considerations_are_left_to_other_rules(
    findings: Findings, load_data: LoadData, complete_data: dict[str, Any], path: tuple[Any, ...]
) -> None:
    _set(complete_data, path, "TBD")
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize(
    "value",
    [
        "Weekly update in the shared channel",
        "Nothing is shared before both have read it",  # starts with a non-answer word, says something
        "TBD items are listed in the tracker every Friday",
        "As we do now: a call every Monday at 09:00",
        "We will discuss it at the Monday check-in",
        "We figure out the next step together in the Friday call",
    ],
    ids=repr,
)
def test_passes_on_real_answers(
    findings: Findings, load_data: LoadData, complete_data: dict[str, Any], value: str
) -> None:
    complete_data["relationship"]["routine"] = value
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("odd", [None, 5, True, ["TBD"], {"text": "TBD"}], ids=repr)
def test_odd_values_are_left_to_the_schema(
    findings: Findings, load_data: LoadData, complete_data: dict[str, Any], odd: Any
) -> None:
    complete_data["relationship"]["routine"] = odd
    complete_data["relationship"]["triggers"] = [odd]
    complete_data["relationship"]["talk"] = odd
    complete_data["parties"].append(odd)
    complete_data["framing"]["accountability"] = [odd, "TBD"]
    assert findings(RULE, load_data(complete_data)) == []


def test_reports_every_non_answer_in_order(
    findings: Findings, load_data: LoadData, minimal_agreement: dict[str, Any]
) -> None:
    minimal_agreement["parties"][1]["hopes"] = "?"
    minimal_agreement["relationship"] = {"triggers": ["Surprises in front of the CRO", "n/a", "TBD"]}
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("parties", 1, "hopes"), f"'?' {DRAFT_ADVICE}"),
        (("relationship", "triggers", 1), f"'n/a' {DRAFT_ADVICE}"),
        (("relationship", "triggers", 2), f"'TBD' {DRAFT_ADVICE}"),
    ]


def test_the_problem_points_at_the_answer(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = (
        draft_yaml()
        + """\
relationship:
  routine: A written update every Friday
  disagreement: see above
"""
    )
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (12, 17, "S104", Severity.ERROR, f"relationship.disagreement: 'see above' {DRAFT_ADVICE}"),
    ]


def _set(data: dict[str, Any], path: tuple[Any, ...], value: Any) -> None:
    node: Any = data
    for step in path[:-1]:
        node = node[step]
    node[path[-1]] = value
