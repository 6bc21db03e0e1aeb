"""Checks across files: each agreement is summarised where it is linted (in a worker, or from the cache), and the
cross-file rules read the summaries together afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from agreed.agreement import agreement_of
from agreed.document import Document
from agreed.lint import suppressions
from agreed.lint.rule import AgreementSummary, PartyEntry, RepositoryRule, Rule
from agreed.problem import Problem


def summarise(document: Document) -> AgreementSummary | None:
    """The id and parties of a loaded agreement; None for a file that did not load as a mapping."""
    if not isinstance(document.data, dict):
        return None
    line, col = document.position(("id",))
    return AgreementSummary(document.path, agreement_of(document).id, line, col, tuple(_parties(document)))


def _parties(document: Document) -> Iterator[PartyEntry]:
    for party in agreement_of(document).parties:
        if party.id is None:
            continue
        line, col = document.position((*party.path, "id"))
        yield PartyEntry(party.id, _text(party.name), _text(party.email), _text(party.handle), line, col)


def _text(value: str | None) -> str | None:
    return value if value is not None and value.strip() else None


def check_repository(summaries: Sequence[AgreementSummary], rules: Sequence[Rule],
                     ignored_for: Callable[[str], frozenset[str]],
                     directives: Callable[[str], suppressions.Parsed], newcomer: str | None = None) -> list[Problem]:
    """Problems of the cross-file rules, after per-file ignores and inline suppressions (read per file from
    ``directives``, only for files with findings). The files are compared in path order, and a clash between two is
    reported in the later one; the file at ``newcomer`` (the buffer typed in the editor) comes after all others, so
    that a clash with it is reported in it."""
    problems: dict[str, list[Problem]] = {}
    # findings must not depend on argument order
    in_path_order = sorted(summaries, key=lambda summary: (summary.path == newcomer, summary.path))
    cross_file = [rule for rule in rules if isinstance(rule, RepositoryRule)]
    for rule in cross_file:
        for problem in rule.check(in_path_order):
            if rule.code in ignored_for(problem.path):
                continue
            problems.setdefault(problem.path, []).append(problem._replace(severity=rule.severity))
    ran = frozenset(rule.code for rule in cross_file)
    kept: list[Problem] = []
    for path, found in problems.items():
        parsed = directives(path)
        cross_file_only = suppressions.Parsed(
            tuple(directive._replace(codes=tuple(code for code in directive.codes if code in ran))
                  for directive in parsed.directives), ())
        kept += suppressions.apply(path, found, cross_file_only, frozenset(), frozenset())
    return sorted(kept)

