"""How consent statuses are shown: text for a terminal, versioned JSON for tools, Markdown for a pull request.

- text: per agreement ``path: id (status) digest``, then one line per party ``party: state: reason``, a stale party's
  material changes since indented below it, and malformed ledger files.
- json: ``{"version": 1, "tool": ..., "agreements": [...]}``, each agreement with its policy, gate failures and
  parties (state, reason, evidence, the digest and time of a stale consent, the changes since).
- markdown: a heading with the gate's verdict, then per agreement a table of its parties and, under it, what changed
  since each stale party consented; every value is escaped for Markdown.

Every format names a file whose name is not UTF-8 with :func:`agreed.printable.printable` (``\\xNN`` per byte).
Text and Markdown also show every control character and bidirectional override from a file escaped
(:mod:`agreed.visible`), so it cannot rewrite a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from agreed.consent.gate import gate_failures
from agreed.consent.status import DRAFT, VALID, AgreementStatus, PartyStatus
from agreed.report.changes import change_line, change_record, escape_markdown
from agreed.report.envelope import json_document
from agreed.report.registry import Registry
from agreed.visible import visible, visible_lines

_TIME_FORMAT: Final = "%Y-%m-%dT%H:%M:%SZ"


# -- text ----------------------------------------------------------------------------------------------------------


def render_text(results: Sequence[AgreementStatus]) -> str:
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


# -- json ----------------------------------------------------------------------------------------------------------


def render_json(results: Sequence[AgreementStatus]) -> str:
    failing = sum(bool(gate_failures(result)) for result in results)
    return json_document({"summary": {"agreements": len(results), "failing": failing, "passed": not failing},
                          "agreements": [_agreement_json(result) for result in results]})


def _agreement_json(result: AgreementStatus) -> dict[str, Any]:
    return {"path": result.path, "agreement": result.agreement, "status": result.status, "digest": result.digest,
            "policy": list(result.policy), "new": result.new, "deleted": result.deleted, "error": result.error,
            "base_path": result.base_path, "base_status": result.base_status, "base_digest": result.base_digest,
            "ledger_problems": list(result.problems), "gate_failures": gate_failures(result),
            "parties": [_party_json(party) for party in result.parties]}


def _party_json(party: PartyStatus) -> dict[str, Any]:
    return {"party": party.party, "state": party.state, "reason": party.reason, "evidence": party.evidence,
            "removed": party.removed, "agreed_digest": party.agreed_digest,
            "agreed_at": party.agreed_at.strftime(_TIME_FORMAT) if party.agreed_at else None,
            "changes_since": [change_record(change) for change in party.changes]}


# -- markdown ------------------------------------------------------------------------------------------------------


def render_markdown(results: Sequence[AgreementStatus]) -> str:
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


# -- the gate (consent check) ----------------------------------------------------------------------------------


def render_gate_text(results: Sequence[AgreementStatus]) -> str:
    """Per agreement, each gate failure on a line of its own (``path: failure``), else ``path: ok (status)``; then
    the consent records that were ignored."""
    return "".join(_gate_lines(result) for result in results)


def _gate_lines(result: AgreementStatus) -> str:
    failures = gate_failures(result)
    name = visible(result.path)
    lines = [f"{name}: {visible(failure)}" for failure in failures]
    if not failures:
        lines.append(f"{name}: ok ({'deleted' if result.deleted else result.status})")
    lines += [f"{name}: warning: a consent record was ignored: {visible(problem)}" for problem in result.problems]
    return "".join(line + "\n" for line in lines)


CONSENT_STATUS_FORMATS: Final[Registry[Sequence[AgreementStatus], str]] = Registry("consent status", {
    "text": render_text, "json": render_json, "markdown": render_markdown})
CONSENT_GATE_FORMATS: Final[Registry[Sequence[AgreementStatus], str]] = Registry("the consent gate", {
    "text": render_gate_text, "json": render_json})
