"""Consent statuses as a versioned JSON document: ``{"version": 1, "tool": ..., "summary": {...},
"agreements": [...]}``, each agreement with its policy, gate failures and parties (state, reason, evidence, the
digest and time of a stale consent, the changes since). The consent gate writes the same document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from agreed.consent.gate import gate_failures
from agreed.consent.status import AgreementStatus, PartyStatus
from agreed.report.changes import change_record
from agreed.report.envelope import json_document

_TIME_FORMAT: Final = "%Y-%m-%dT%H:%M:%SZ"


def render(results: Sequence[AgreementStatus]) -> str:
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
