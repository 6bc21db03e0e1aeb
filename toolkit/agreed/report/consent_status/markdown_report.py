"""Consent statuses as Markdown for a pull request: a heading with the gate's verdict, then per agreement a table of
its parties and, under it, what changed since each stale party consented; every value is written as
:mod:`agreed.report.markdown` writes agreement text: punctuation escaped, control characters and bidirectional
overrides shown escaped."""

from __future__ import annotations

from collections.abc import Sequence

from agreed.consent.gate import gate_failures
from agreed.consent.status import DRAFT, VALID, AgreementStatus, PartyStatus
from agreed.report.changes import change_line
from agreed.report.markdown import inline
from agreed.visible import visible_lines


def render(results: Sequence[AgreementStatus]) -> str:
    failing = sum(bool(gate_failures(result)) for result in results)
    verdict = (f"the gate fails for {failing} of {len(results)} agreement{'s' * (len(results) != 1)}" if failing
               else f"the gate passes for {'the' if len(results) == 1 else 'all'} {_agreements(len(results))}")
    lines = ["## Consent", "", f"**{verdict}**", ""]
    for result in results:
        lines += _markdown_agreement(result)
    return visible_lines("\n".join(lines) + "\n")


def _agreements(count: int) -> str:
    return "agreement" if count == 1 else f"{count} agreements"


def _markdown_agreement(result: AgreementStatus) -> list[str]:
    title = f"### {inline(result.path)}"
    if result.deleted or result.error is not None:
        what = (f"gone; {result.base_status} at the base revision" if result.deleted else str(result.error))
        return [title, "", inline(what), *(f"- {inline(f)}" for f in gate_failures(result)), ""]
    lines = [f"{title}: {inline(str(result.agreement))} ({inline(str(result.status))})", ""]
    if result.status == DRAFT:
        return [*lines, "A draft: not open for consent yet.", ""]
    lines += [f"- {inline(failure)}" for failure in gate_failures(result)]
    lines += ["", "| party | consent | why |", "| --- | --- | --- |"]
    lines += [f"| {inline(party.party)} | {_state(party)} | {inline(party.reason)} |"
              for party in result.parties]
    for party in (party for party in result.parties if party.changes):
        lines += ["", f"Changed since {inline(party.party)} consented:", ""]
        lines += [f"- {inline(change_line(change))}" for change in party.changes]
    return [*lines, ""]


def _state(party: PartyStatus) -> str:
    mark = "✅" if party.state == VALID else "❌"
    return f"{mark} {party.state}{' (removed)' if party.removed else ''}"
