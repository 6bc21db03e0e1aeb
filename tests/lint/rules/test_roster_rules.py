"""K902 unknown-person, K903 departed-person, K904 identity-mismatch: parties checked against the people roster."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from agreed.document import JsonPath
from agreed.lint.engine import lint_document
from agreed.lint.rule import Category, DocumentRule, LintContext, Rule
from agreed.lint.rules import departed_person, identity_mismatch, unknown_person
from agreed.people import Person, Roster, RosterError, load_roster
from agreed.problem import Severity
from agreed.schema import template_path

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import LoadData, LoadText

ROSTER = Roster("people.yaml", {
    "maria": Person("maria", "Maria Chen", "maria.chen@example.com", "mchen"),
    "li": Person("li", "Li Wei"),
    "sam": Person("sam", "Sam Okafor", gone=True, note="left on 2031-05-01"),
})
WITH_ROSTER = LintContext(people=ROSTER)


def _findings(rule: Rule, document: Any, context: LintContext = WITH_ROSTER) -> list[tuple[JsonPath, str]]:
    assert isinstance(rule, DocumentRule)
    return [(finding.path, finding.message) for finding in rule.check(document, context)]


@pytest.mark.parametrize(("rule", "identity"), [
    (unknown_person.RULE, ("K902", "unknown-person", Severity.ERROR)),
    (departed_person.RULE, ("K903", "departed-person", Severity.ERROR)),
    (identity_mismatch.RULE, ("K904", "identity-mismatch", Severity.WARNING)),
])
def test_rule_identity(rule: Rule, identity: tuple[str, str, Severity]) -> None:
    assert (rule.code, rule.name, rule.severity) == identity
    assert rule.category is Category.CROSS_FILE
    assert "K-PARTIES" in rule.elements


@pytest.mark.parametrize("rule", [unknown_person.RULE, departed_person.RULE, identity_mismatch.RULE])
def test_silent_without_a_roster(rule: Rule, load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"].append({"id": "nobody-known", "name": "X"})
    assert _findings(rule, load_data(minimal_agreement), LintContext()) == []


@pytest.mark.parametrize("rule", [unknown_person.RULE, departed_person.RULE, identity_mismatch.RULE])
def test_passes_when_parties_match_the_roster(rule: Rule, load_data: LoadData,
                                              minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"][0].update(email="Maria.Chen@example.com", handle="@mchen")
    assert _findings(rule, load_data(minimal_agreement)) == []


def test_unknown_person_with_a_suggestion(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["status"] = "proposed"
    minimal_agreement["parties"][1]["id"] = "lii"
    minimal_agreement["parties"].append({"id": "zed", "name": "Zed"})
    assert _findings(unknown_person.RULE, load_data(minimal_agreement)) == [
        (("parties", 1, "id"), "'lii' is not in the people roster people.yaml (did you mean 'li'?): use the "
                               "roster's id, or add the person there"),
        (("parties", 2, "id"), "'zed' is not in the people roster people.yaml: use the roster's id, or add the "
                               "person there"),
    ]


@pytest.mark.parametrize("status", ["proposed", "active", "renegotiating", "fulfilled", "ended"])
def test_unknown_parties_of_an_agreement_past_draft(load_data: LoadData, minimal_agreement: dict[str, Any],
                                                    status: str) -> None:
    minimal_agreement["status"] = status
    minimal_agreement["parties"] = [{"id": "party-a", "name": "Party A"}, {"id": "maria", "name": "Maria Chen"}]
    assert [path for path, _ in _findings(unknown_person.RULE, load_data(minimal_agreement))] == [
        ("parties", 0, "id")]


def test_a_draft_with_unknown_parties_passes(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    """A draft is still being written: the template's placeholder parties are not people yet."""
    minimal_agreement["status"] = "draft"
    minimal_agreement["parties"] = [{"id": "party-a", "name": "Party A"}, {"id": "party-b", "name": "Party B"}]
    assert _findings(unknown_person.RULE, load_data(minimal_agreement)) == []


def test_the_template_that_init_writes_passes_with_a_roster(load_text: LoadText) -> None:
    problems = lint_document(load_text(template_path().read_text(encoding="utf-8")),
                             rules=[unknown_person.RULE, departed_person.RULE, identity_mismatch.RULE],
                             context=WITH_ROSTER)
    assert problems == []


@pytest.mark.parametrize("status", ["draft", "proposed", "active", "renegotiating"])
def test_a_departed_party_of_a_live_agreement(load_data: LoadData, minimal_agreement: dict[str, Any],
                                              status: str) -> None:
    minimal_agreement["status"] = status
    minimal_agreement["parties"].append({"id": "sam", "name": "Sam Okafor"})
    assert _findings(departed_person.RULE, load_data(minimal_agreement)) == [
        (("parties", 2, "id"), "Sam Okafor has left (left on 2031-05-01): agree a successor with the other "
                               "parties and renegotiate, or end the agreement")]


@pytest.mark.parametrize("status", ["fulfilled", "ended"])
def test_records_of_the_past_keep_departed_people(load_data: LoadData, minimal_agreement: dict[str, Any],
                                                  status: str) -> None:
    minimal_agreement["status"] = status
    minimal_agreement["parties"].append({"id": "sam", "name": "Sam Okafor"})
    assert _findings(departed_person.RULE, load_data(minimal_agreement)) == []


def test_identity_mismatch_per_field(load_data: LoadData, minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["parties"][0].update(name="Maria  Chen", email="m.chen@old.example.com", handle="maria-c")
    minimal_agreement["parties"][1].update(email="li@example.com")  # the roster has no email for li: not compared
    assert _findings(identity_mismatch.RULE, load_data(minimal_agreement)) == [
        (("parties", 0, "email"), "'m.chen@old.example.com' differs from the people roster's "
                                  "'maria.chen@example.com': use the roster's value (or update the roster if it is "
                                  "out of date)"),
        (("parties", 0, "handle"), "'maria-c' differs from the people roster's 'mchen': use the roster's value (or "
                                   "update the roster if it is out of date)"),
    ]


@pytest.mark.parametrize("party", [{"id": 3}, {"name": "no id"}, "not a mapping", {"id": ["maria"]}], ids=repr)
def test_odd_parties_do_not_crash(load_data: LoadData, minimal_agreement: dict[str, Any], party: Any) -> None:
    minimal_agreement["parties"].append(party)
    for rule in (unknown_person.RULE, departed_person.RULE, identity_mismatch.RULE):
        assert _findings(rule, load_data(minimal_agreement)) == []


def test_positions_through_the_engine(load_text: LoadText) -> None:
    text = "agreed: 1\nid: demo\ntitle: Demo\nstatus: proposed\nparties:\n  - id: maria\n    name: Maria Chen\n" \
           "  - id: lee\n    name: Lee\n"
    problems = lint_document(load_text(text), rules=[unknown_person.RULE], context=WITH_ROSTER)
    assert [(p.line, p.col, p.rule, p.message.split(":")[0]) for p in problems if p.rule == "K902"] == [
        (8, 9, "K902", "parties[id=lee].id")]


# The roster file


def test_load_roster(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("people:\n  - id: maria\n    name: Maria Chen\n    email: maria.chen@example.com\n"
                    "  - id: sam\n    name: Sam\n    status: gone\n", encoding="utf-8")
    roster = load_roster(path, "people.yaml")
    assert roster.people["maria"].email == "maria.chen@example.com"
    assert roster.people["sam"].gone
    assert not roster.people["maria"].gone
    assert roster.people["maria"].keys == ()


def test_a_roster_lists_ssh_keys(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text('people:\n  - id: maria\n    name: Maria\n    keys: ["ssh-ed25519 AAAAC3Nz maria"]\n',
                    encoding="utf-8")
    assert load_roster(path, "people.yaml").people["maria"].keys == ("ssh-ed25519 AAAAC3Nz maria",)


@pytest.mark.parametrize(("text", "position", "fragment"), [
    ("people:\n  - id: maria\n    name: M\n  - id: maria\n    name: N\n", (4, 9), "listed twice"),
    ("people:\n  - id: Maria\n    name: M\n", (2, 9), "'Maria' is not a valid"),
    ("people:\n  - id: maria\n    name: M\n    status: left\n", (4, 13), "'left' is not one of"),
    ("people:\n  - id: maria\n", (2, 5), "'name' is required"),
    ("staff: []\n", (1, 1), "unknown key 'staff'"),
    ("people:\n  - id: maria\n    name: M\n    keys: [maria]\n", (4, 12), "does not have the expected form"),
    ("people: [\n", (2, 1), "while parsing"),
], ids=["duplicate", "bad id", "bad status", "no name", "wrong key", "bad ssh key", "syntax"])
def test_roster_errors_are_positioned(tmp_path: Path, text: str, position: tuple[int, int], fragment: str) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RosterError) as caught:
        load_roster(path, "people.yaml")
    problems = caught.value.problems
    assert any((p.line, p.col) == position and fragment in p.message for p in problems), problems


def test_a_missing_roster_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="cannot read the people roster"):
        load_roster(tmp_path / "nope.yaml", "nope.yaml")
