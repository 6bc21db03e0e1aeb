"""The consent status reports: text, JSON and the Markdown summary for a pull request."""

from __future__ import annotations

import datetime
import json

from agreed.consent.status import MISSING, STALE, VALID, AgreementStatus, PartyStatus
from agreed.history.diff import Change, ChangeKind
from agreed.history.materiality import Materiality
from agreed.report.consent_status.json_report import render as render_json
from agreed.report.consent_status.markdown_report import render as render_markdown
from agreed.report.consent_status.text_report import render as render_text

MOVED = Change("results.deadline", ChangeKind.CHANGED, "2032-06-30", "2032-09-30", Materiality.MATERIAL, "+92 days")
WHEN = datetime.datetime(2031, 1, 2, 9, 0, tzinfo=datetime.UTC)


def result(*parties: PartyStatus, status: str = "active") -> AgreementStatus:
    return AgreementStatus("contracts/a|b.yaml", "a-b", status, "sha256:" + "1" * 64, ("author-email",), parties)


MARIA = PartyStatus("maria", VALID, "added in 3f2a by maria@example.com", "author-email")
DANIEL = PartyStatus("daniel", STALE, "consented to older terms; 1 material change since",
                     agreed_digest="sha256:" + "0" * 64, agreed_at=WHEN, changes=(MOVED,))
SAM = PartyStatus("sam", MISSING, "removed in this change, must consent to it: no *consent*", removed=True)


def test_text_lists_each_party_and_the_changes_since_a_stale_consent() -> None:
    assert render_text([result(MARIA, DANIEL)]).splitlines() == [
        f"contracts/a|b.yaml: a-b (active) sha256:{'1' * 64}",
        "  maria: valid: added in 3f2a by maria@example.com",
        "  daniel: stale: consented to older terms; 1 material change since",
        "    results.deadline: 2032-06-30 -> 2032-09-30 (+92 days) [material]",
    ]


def test_json_carries_the_gate_and_each_party() -> None:
    data = json.loads(render_json([result(MARIA, DANIEL)]))
    assert data["version"] == 1
    (agreement,) = data["agreements"]
    assert agreement["gate_failures"] == ["daniel is stale: consented to older terms; 1 material change since"]
    daniel = agreement["parties"][1]
    assert (daniel["agreed_at"], daniel["changes_since"][0]["new"]) == ("2031-01-02T09:00:00Z", "2032-09-30")


def test_markdown_gives_the_verdict_a_table_and_escapes_what_users_wrote() -> None:
    failing = render_markdown([result(MARIA, DANIEL, SAM)])
    assert "**the gate fails for 1 of 1 agreement**" in failing
    assert "### contracts/a\\|b.yaml: a-b (active)" in failing
    assert "| sam | ❌ missing (removed) | removed in this change, must consent to it: no \\*consent\\* |" in failing
    assert "Changed since daniel consented:\n\n- results.deadline: 2032-06-30 -\\> 2032-09-30" in failing
    passing = render_markdown([result(MARIA), result(MARIA, DANIEL, status="proposed")])
    assert "**the gate passes for all 2 agreements**" in passing
    assert "| maria | ✅ valid |" in passing


def test_a_draft_is_shown_as_not_open_for_consent() -> None:
    draft = result(MARIA, SAM, status="draft")
    assert render_text([draft]) == "contracts/a|b.yaml: a-b (draft): not open for consent yet\n"
    assert "A draft: not open for consent yet." in render_markdown([draft])
    assert "| sam |" not in render_markdown([draft])
