"""Consent statuses as Markdown for a pull request: a heading with the gate's verdict, then per agreement a table of
its parties and, under it, what changed since each stale party consented; every value is escaped for Markdown, and
every control character and bidirectional override is shown escaped (:mod:`agreed.visible`)."""

from __future__ import annotations

from collections.abc import Sequence

from agreed.consent.gate import gate_failures
from agreed.consent.status import DRAFT, VALID, AgreementStatus, PartyStatus
from agreed.report.changes import change_line, escape_markdown
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
    title = f"### {escape_markdown(result.path)}"
    if result.deleted or result.error is not None:
        what = (f"gone; {result.base_status} at the base revision" if result.deleted else str(result.error))
        return [title, "", escape_markdown(what), *(f"- {escape_markdown(f)}" for f in gate_failures(result)), ""]
    lines = [f"{title}: {escape_markdown(str(result.agreement))} ({escape_markdown(str(result.status))})", ""]
    if result.status == DRAFT:
        return [*lines, "A draft: not open for consent yet.", ""]
    lines += [f"- {escape_markdown(failure)}" for failure in gate_failures(result)]
    lines += ["", "| party | consent | why |", "| --- | --- | --- |"]
    lines += [f"| {escape_markdown(party.party)} | {_state(party)} | {escape_markdown(party.reason)} |"
              for party in result.parties]
    for party in (party for party in result.parties if party.changes):
        lines += ["", f"Changed since {escape_markdown(party.party)} consented:", ""]
        lines += [f"- {escape_markdown(change_line(change))}" for change in party.changes]
    return [*lines, ""]


def _state(party: PartyStatus) -> str:
    mark = "✅" if party.state == VALID else "❌"
    return f"{mark} {party.state}{' (removed)' if party.removed else ''}"
