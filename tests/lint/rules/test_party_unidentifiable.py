"""S102 party-unidentifiable: each party has an identity of its own that consent can be checked against."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest

from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, TextRule
from agreed.lint.rules.party_unidentifiable import RULE
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml, Findings, LoadData, LoadText

NO_IDENTITY = ("has neither an email, a handle nor a signing key: consent cannot be checked against who gave it; "
               "add the party's work email or code-host handle")
SHARED = "give each party an identity of its own, or consent by one counts for both"
KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyBodyOnly"


def test_rule_identity() -> None:
    assert (RULE.code, RULE.name, RULE.severity, RULE.category, RULE.elements) == (
        "S102", "party-unidentifiable", Severity.WARNING, Category.STRUCTURE, ("K-PARTIES",))
    assert not isinstance(RULE, TextRule)
    assert RULE.summary == RULE.doc.splitlines()[0]


@pytest.mark.parametrize("blank", [None, "", "  "], ids=repr)
def test_fires_on_a_party_without_identity(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                           blank: str | None) -> None:
    daniel = complete_data["parties"][1]
    for field in ("email", "handle"):
        if blank is None:
            del daniel[field]
        else:
            daniel[field] = blank
    assert findings(RULE, load_data(complete_data)) == [(("parties", 1), NO_IDENTITY)]


@pytest.mark.parametrize(("field", "value"), [("email", "d@example.com"), ("handle", "dokafor"), ("keys", [KEY])])
def test_one_identity_is_enough(findings: Findings, load_data: LoadData, complete_data: dict[str, Any], field: str,
                                value: Any) -> None:
    daniel = complete_data["parties"][1]
    del daniel["email"], daniel["handle"]
    daniel[field] = value
    assert findings(RULE, load_data(complete_data)) == []


def test_a_draft_may_leave_identities_open(findings: Findings, load_data: LoadData,
                                           minimal_agreement: dict[str, Any]) -> None:
    assert findings(RULE, load_data(minimal_agreement)) == []


@pytest.mark.parametrize(("field", "first", "second"), [
    ("email", "maria.chen@example.com", "Maria.Chen@Example.com"),
    ("handle", "mchen", "@MChen"),
    ("handle", "@mchen", "mchen"),
])
@pytest.mark.parametrize("status", ["draft", "active"])
def test_fires_on_a_shared_email_or_handle_in_every_status(findings: Findings, load_data: LoadData,
                                                           complete_data: dict[str, Any], field: str, first: str,
                                                           second: str, status: str) -> None:
    complete_data["status"] = status
    complete_data["parties"][0][field] = first
    complete_data["parties"][1][field] = second
    label = field
    assert findings(RULE, load_data(complete_data)) == [
        (("parties", 1, field), f"{label} {second!r} also identifies party 'maria': {SHARED}")]


def test_fires_on_a_shared_signing_key(findings: Findings, load_data: LoadData, complete_data: dict[str, Any]) -> None:
    complete_data["parties"][0]["keys"] = [KEY + " maria@laptop"]
    complete_data["parties"][1]["keys"] = ["ssh-ed25519 AAAAother", KEY + " daniel@desktop"]
    complete_data["parties"].append({"id": "sam", "name": "Sam Ode", "handle": "dokafor", "keys": [KEY]})
    assert findings(RULE, load_data(complete_data)) == [
        (("parties", 1, "keys", 1), f"signing key {KEY + ' daniel@desktop'!r} also identifies party 'maria': {SHARED}"),
        (("parties", 2, "handle"), f"handle 'dokafor' also identifies party 'daniel': {SHARED}"),
        (("parties", 2, "keys", 0), f"signing key {KEY!r} also identifies party 'maria': {SHARED}"),
    ]


def test_one_party_may_repeat_itself(findings: Findings, load_data: LoadData, complete_data: dict[str, Any]) -> None:
    complete_data["parties"][0]["keys"] = [KEY, KEY]
    complete_data["parties"].append(dict(complete_data["parties"][0]))  # a duplicate id is S101's business
    assert findings(RULE, load_data(complete_data)) == []


@pytest.mark.parametrize("odd", [None, 5, ["a@example.com"], {"email": "x"}, [None, 3, ""]], ids=repr)
def test_odd_values_do_not_crash(findings: Findings, load_data: LoadData, complete_data: dict[str, Any],
                                 odd: Any) -> None:
    complete_data["parties"][0]["email"] = complete_data["parties"][0]["keys"] = odd
    complete_data["parties"].extend(["sam", None, 4])
    assert findings(RULE, load_data(complete_data)) == []


def test_parties_without_ids_are_named_by_position(findings: Findings, load_data: LoadData,
                                                   minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"] = [{"name": "A", "handle": "ann"}, {"name": "B", "handle": "Ann"}]
    assert findings(RULE, load_data(minimal_agreement)) == [
        (("parties", 1, "handle"), f"handle 'Ann' also identifies the party at entry 0: {SHARED}")]


def test_problem_points_at_the_shared_handle(draft_yaml: DraftYaml, load_text: LoadText) -> None:
    text = draft_yaml().replace("    name: Li Wei\n", "    name: Li Wei\n    handle: '@mchen'\n").replace(
        "    name: Maria Chen\n", "    name: Maria Chen\n    handle: mchen\n")
    problems = lint_document(load_text(text), rules=[RULE])
    assert [(problem.line, problem.col, problem.rule, problem.severity, problem.message) for problem in problems] == [
        (11, 13, "S102", Severity.WARNING, f"parties[id=li].handle: handle '@mchen' also identifies party 'maria': "
         f"{SHARED}"),
    ]
