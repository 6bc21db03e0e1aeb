"""Checks across files: each agreement is summarised where it is linted (in a worker, or from the cache), and the
cross-file rules read the summaries together afterwards.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator, Sequence

from agreed.document import Document
from agreed.lint import suppressions
from agreed.lint.commitments import items
from agreed.lint.rule import AgreementSummary, PartyEntry, RepositoryRule, Rule
from agreed.problem import Problem


def summarise(document: Document) -> AgreementSummary | None:
    """The id and parties of a loaded agreement; None for a file that did not load as a mapping."""
    if not isinstance(document.data, dict):
        return None
    agreement_id = document.data.get("id")
    line, col = document.position(("id",))
    return AgreementSummary(document.path, agreement_id if isinstance(agreement_id, str) else None, line, col,
                            tuple(_parties(document)))


def _parties(document: Document) -> Iterator[PartyEntry]:
    for path, party in items(document, "parties"):
        party_id = party.get("id")
        if not isinstance(party_id, str):
            continue
        line, col = document.position((*path, "id"))
        yield PartyEntry(party_id, _text(party.get("name")), _text(party.get("email")), _text(party.get("handle")),
                         line, col)


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def check_repository(summaries: Sequence[AgreementSummary], rules: Sequence[Rule],
                     ignored_for: Callable[[str], frozenset[str]],
                     directives: Callable[[str], suppressions.Parsed]) -> list[Problem]:
    """Problems of the cross-file rules, after per-file ignores and inline suppressions (read per file from
    ``directives``, only for files with findings)."""
    problems: dict[str, list[Problem]] = {}
    in_path_order = sorted(summaries, key=lambda summary: summary.path)  # findings must not depend on argument order
    cross_file = [rule for rule in rules if isinstance(rule, RepositoryRule)]
    for rule in cross_file:
        for problem in rule.check(in_path_order):
            if rule.code in ignored_for(problem.path):
                continue
            problems.setdefault(problem.path, []).append(dataclasses.replace(problem, severity=rule.severity))
    ran = frozenset(rule.code for rule in cross_file)
    kept: list[Problem] = []
    for path, found in problems.items():
        parsed = directives(path)
        cross_file_only = suppressions.Parsed(
            tuple(dataclasses.replace(directive, codes=tuple(code for code in directive.codes if code in ran))
                  for directive in parsed.directives), ())
        kept += suppressions.apply(path, found, cross_file_only, frozenset(), frozenset())
    return sorted(kept)

