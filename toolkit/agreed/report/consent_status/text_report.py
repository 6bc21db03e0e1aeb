"""Consent statuses as text: per agreement ``path: id (status) digest``, then one line per party
``party: state: reason``, a stale party's material changes since indented below it, and malformed ledger files.

Every control character and bidirectional override from a file is shown escaped (:mod:`agreed.visible`), so it
cannot rewrite a terminal; a file whose name is not UTF-8 is named with :func:`agreed.printable.printable`.
"""

from __future__ import annotations

from collections.abc import Sequence

from agreed.consent.status import DRAFT, AgreementStatus
from agreed.report.changes import change_line
from agreed.visible import visible_lines


def render(results: Sequence[AgreementStatus]) -> str:
    return visible_lines("".join(_text(result) for result in results))


def _text(result: AgreementStatus) -> str:
    if result.deleted:
        return f"{result.path}: {result.agreement} (gone; {result.base_status} at the base revision)\n"
    if result.error is not None:
        return f"{result.path}: {result.error}\n"
    if result.status == DRAFT:
        return f"{result.path}: {result.agreement} (draft): not open for consent yet\n"
    lines = [f"{result.path}: {result.agreement} ({result.status}) {result.digest}"
             f"{' [new in this change]' if result.new else ''}"]
    for party in result.parties:
        lines.append(f"  {party.party}: {party.state}: {party.reason}")
        lines += [f"    {change_line(change)}" for change in party.changes]
    lines += [f"  ledger: {problem}" for problem in result.problems]
    return "\n".join(lines) + "\n"
