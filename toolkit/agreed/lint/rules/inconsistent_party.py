"""One person appears under different ids, or one id under different identities, across agreements.

Across a repository a person should have one party id, and an id should mean one person: otherwise who owes what,
across all agreements, cannot be added up, and consent is checked against the wrong identity. This rule compares
the parties of every agreement in a run: the same email or handle under two ids, and the same id with two names,
emails or handles. Each difference is reported once, where it first departs from the earlier agreement.

Fires on:
    a.yaml:  parties: [{id: maria, name: Maria Chen, email: maria.chen@example.com}]
    b.yaml:  parties: [{id: mchen, name: Maria Chen, email: maria.chen@example.com}]

Passes:
    a.yaml:  parties: [{id: maria, name: Maria Chen, email: maria.chen@example.com}]
    b.yaml:  parties: [{id: maria, name: Maria Chen, email: maria.chen@example.com}]
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from agreed.lint.rule import AgreementSummary, Category, PartyEntry, RepositoryRule
from agreed.problem import Problem, Severity

IDENTITIES = ("email", "handle")
DETAILS = ("name", "email", "handle")


def check(summaries: Sequence[AgreementSummary]) -> Iterator[Problem]:
    by_id: dict[str, tuple[str, PartyEntry]] = {}
    by_identity: dict[tuple[str, str], tuple[str, PartyEntry]] = {}
    reported: set[tuple[str, str, str]] = set()
    for summary in summaries:
        for party in summary.parties:
            yield from _same_id(summary.path, party, by_id, reported)
            yield from _same_identity(summary.path, party, by_identity, reported)


def _same_id(path: str, party: PartyEntry, by_id: dict[str, tuple[str, PartyEntry]],
             reported: set[tuple[str, str, str]]) -> Iterator[Problem]:
    first_path, first = by_id.setdefault(party.id, (path, party))
    if first is party:
        return
    for field in DETAILS:
        ours, theirs = getattr(party, field), getattr(first, field)
        key = (party.id, field, str(ours))
        if ours is not None and theirs is not None and _normal(ours) != _normal(theirs) and key not in reported:
            reported.add(key)
            yield RULE.problem(path, party.line, party.col,
                               f"party {party.id!r} has {field} {ours!r} here but {theirs!r} in {first_path}: "
                               "one id should mean one person")


def _same_identity(path: str, party: PartyEntry, by_identity: dict[tuple[str, str], tuple[str, PartyEntry]],
                   reported: set[tuple[str, str, str]]) -> Iterator[Problem]:
    for field in IDENTITIES:
        value = getattr(party, field)
        if value is None:
            continue
        first_path, first = by_identity.setdefault((field, _normal(value)), (path, party))
        key = (party.id, field, _normal(value))
        if first.id != party.id and key not in reported:
            reported.add(key)
            yield RULE.problem(path, party.line, party.col,
                               f"{field} {value!r} belongs to party {first.id!r} in {first_path} but to "
                               f"{party.id!r} here: use one id for one person")


def _normal(value: str) -> str:
    return " ".join(value.split()).lower().lstrip("@")


RULE = RepositoryRule(code="K905", name="inconsistent-party", category=Category.CROSS_FILE, severity=Severity.WARNING,
                      doc=__doc__ or "", check=check,
                      elements=("K-PARTIES",))
