"""K901 duplicate-agreement-id and K905 inconsistent-party: rules over every agreement of a run."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from agreed.lint import suppressions
from agreed.lint.repository import check_repository, summarise
from agreed.lint.rule import AgreementSummary, Category, DocumentRule, PartyEntry, RepositoryRule, Rule, TextRule
from agreed.lint.rules import duplicate_agreement_id, inconsistent_party
from agreed.problem import Severity

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import LoadText


def _party(party_id: str, name: str | None = None, email: str | None = None, handle: str | None = None,
           line: int = 6) -> PartyEntry:
    return PartyEntry(party_id, name, email, handle, line, 9)


def _summary(path: str, agreement_id: str | None, *parties: PartyEntry) -> AgreementSummary:
    return AgreementSummary(path, agreement_id, 2, 5, parties)


def _found(rule: Rule, *summaries: AgreementSummary) -> list[tuple[str, int, str]]:
    assert isinstance(rule, RepositoryRule)
    return [(finding.path, finding.line, finding.message) for finding in rule.check(summaries)]


@pytest.mark.parametrize(("rule", "identity"), [
    (duplicate_agreement_id.RULE, ("K901", "duplicate-agreement-id", Severity.ERROR)),
    (inconsistent_party.RULE, ("K905", "inconsistent-party", Severity.WARNING)),
])
def test_rule_identity(rule: Rule, identity: tuple[str, str, Severity]) -> None:
    assert (rule.code, rule.name, rule.severity) == identity
    assert rule.category is Category.CROSS_FILE
    assert not isinstance(rule, DocumentRule)
    assert not isinstance(rule, TextRule)


def test_duplicate_agreement_ids_are_reported_at_each_later_file() -> None:
    assert _found(duplicate_agreement_id.RULE, _summary("a.yaml", "x"), _summary("b.yaml", "y"),
                  _summary("c.yaml", "x"), _summary("d.yaml", None), _summary("e.yaml", "x")) == [
        ("c.yaml", 2, "agreement id 'x' is already used by a.yaml:2: give this agreement an id of its own"),
        ("e.yaml", 2, "agreement id 'x' is already used by a.yaml:2: give this agreement an id of its own"),
    ]


def test_distinct_ids_pass() -> None:
    assert _found(duplicate_agreement_id.RULE, _summary("a.yaml", "x"), _summary("b.yaml", "y")) == []


def test_one_person_under_two_ids() -> None:
    first = _summary("a.yaml", "a", _party("maria", "Maria Chen", "maria.chen@example.com"))
    second = _summary("b.yaml", "b", _party("mchen", "Maria Chen", "Maria.Chen@example.com"))
    assert _found(inconsistent_party.RULE, first, second) == [
        ("b.yaml", 6, "email 'Maria.Chen@example.com' belongs to party 'maria' in a.yaml but to 'mchen' here: use "
                      "one id for one person")]


def test_one_id_with_two_identities() -> None:
    first = _summary("a.yaml", "a", _party("maria", "Maria Chen", "maria.chen@example.com", "mchen"))
    second = _summary("b.yaml", "b", _party("maria", "Maria Lopez", None, "@MChen"))
    third = _summary("c.yaml", "c", _party("maria", "Maria Lopez"))
    assert _found(inconsistent_party.RULE, first, second, third) == [
        ("b.yaml", 6, "party 'maria' has name 'Maria Lopez' here but 'Maria Chen' in a.yaml: one id should mean "
                      "one person")]  # the handle differs only in case and '@'; c.yaml repeats a known difference


def test_consistent_parties_pass() -> None:
    maria = _party("maria", "Maria Chen", "maria.chen@example.com")
    li = _party("li", "Li Wei", None, "liwei")
    assert _found(inconsistent_party.RULE, _summary("a.yaml", "a", maria, li), _summary("b.yaml", "b", li),
                  _summary("c.yaml", "c", _party("maria", "Maria Chen"))) == []


def test_summaries_come_from_loaded_documents(load_text: LoadText) -> None:
    document = load_text("agreed: 1\nid: demo\ntitle: Demo\nstatus: draft\nparties:\n  - id: maria\n"
                         "    name: Maria Chen\n    email: maria.chen@example.com\n  - name: no id\n", "a.yaml")
    assert summarise(document) == AgreementSummary(
        "a.yaml", "demo", 2, 5, (PartyEntry("maria", "Maria Chen", "maria.chen@example.com", None, 6, 9),))
    assert summarise(load_text("- a list\n")) is None


def test_cross_file_problems_honour_ignores_and_inline_suppressions(load_text: LoadText) -> None:
    documents = {
        "a.yaml": load_text("agreed: 1\nid: same\n", "a.yaml"),
        "b.yaml": load_text("agreed: 1\nid: same  # agreed: disable=K901 -- a deliberate fork, merged in PR 7\n",
                            "b.yaml"),
        "c.yaml": load_text("agreed: 1\nid: same\n", "c.yaml"),
        "d.yaml": load_text("agreed: 1\nid: same\n", "d.yaml"),
    }
    summaries = [summary for document in documents.values() if (summary := summarise(document)) is not None]

    def directives(path: str) -> suppressions.Parsed:
        return suppressions.parse(documents[path], {"K901": "K901"}, ())

    def ignored(path: str) -> frozenset[str]:
        return frozenset({"K901"}) if path == "d.yaml" else frozenset()

    problems = check_repository(summaries, [duplicate_agreement_id.RULE], ignored, directives)
    assert [(problem.path, problem.line, problem.rule) for problem in problems] == [("c.yaml", 2, "K901")]
