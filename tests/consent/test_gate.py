"""The consent gate's policy on real temporary git repositories: the lifecycle (final, in force, renegotiating,
proposed), identity and policy changes, and what passes without fresh consent."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from status_setup import (
    agreement_text,
    record,
    states,
    status,
    write,
)

from agreed.consent.gate import gate_failures
from agreed.consent.status import MISSING
from gitrepo import DANIEL, MARIA, commit_all, public

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None or shutil.which("git") is None,
                                reason="needs ssh-keygen (OpenSSH) and git")


def test_a_final_agreement_whose_terms_change_fails_the_gate(repo: Path) -> None:
    write(repo, agreement_text(status="fulfilled"))
    base = commit_all(repo, "Fulfilled")
    write(repo, agreement_text(status="fulfilled", title="A new title"))
    assert gate_failures(status(repo, base=base)) == []  # editorial
    write(repo, agreement_text(status="fulfilled", deadline="2032-12-31"))
    final = "fulfilled at the base revision, which is final: neither its terms nor its status may change"
    assert gate_failures(status(repo, base=base)) == [final]
    write(repo, agreement_text(status="active"))  # reopening a final agreement, even with the same terms
    assert final in gate_failures(status(repo, base=base))


def test_a_material_change_to_an_active_agreement_needs_renegotiating_or_fresh_consent(repo: Path) -> None:
    write(repo, agreement_text(evidence="[author-email]"))
    commit_all(repo, "Active")
    record("maria")
    commit_all(repo, "maria consents", email=MARIA)
    record("daniel")
    base = commit_all(repo, "daniel consents", email=DANIEL)
    assert gate_failures(status(repo, base=base)) == []
    write(repo, agreement_text(evidence="[author-email]", deadline="2032-09-30"))
    failures = gate_failures(status(repo, base=base))
    assert failures[0].startswith("material change to an agreement that was active at the base: move it to "
                                  "renegotiating")
    for other in ("fulfilled", "ended", "draft", "proposed"):  # only renegotiating reopens the terms
        write(repo, agreement_text(evidence="[author-email]", deadline="2032-09-30", status=other))
        failures = gate_failures(status(repo, base=base))
        assert any(failure.startswith("material change to an agreement") for failure in failures), other
    for other in ("draft", "proposed"):  # not even with the same terms: a detour would drop consent duties
        write(repo, agreement_text(evidence="[author-email]", status=other))
        assert gate_failures(status(repo, base=base)) == [
            f"active at the base revision: an agreement in force reopens through renegotiating, not {other}"]
    write(repo, agreement_text(evidence="[author-email]", deadline="2032-09-30", status="renegotiating"))
    assert gate_failures(status(repo, base=base)) == []
    write(repo, agreement_text(evidence="[author-email]", status="fulfilled"))  # a record, not new terms
    assert gate_failures(status(repo, base=base)) == []


def test_an_active_agreement_unchanged_since_the_base_passes_without_records(repo: Path) -> None:
    """Consent given by review lives on the code host: once the gate let the agreement in, later changes that
    leave its terms alone pass, even though no record in the repository shows the consent."""
    write(repo, agreement_text(evidence="[review]"))
    base = commit_all(repo, "Active, consented by review in its pull request")
    (repo / "notes.txt").write_text("unrelated\n", encoding="utf-8")
    commit_all(repo, "An unrelated change")
    result = status(repo, base=base)
    assert states(result) == {"maria": MISSING, "daniel": MISSING}  # status still says what it can see
    assert gate_failures(result) == []
    assert gate_failures(status(repo)) != []  # without a base, every active agreement is judged in full


def test_a_party_removed_from_a_draft_need_not_consent(repo: Path) -> None:
    write(repo, agreement_text(evidence="[author-email]", extra_party="sam", status="draft"))
    base = commit_all(repo, "Draft with sam")
    write(repo, agreement_text(evidence="[author-email]", status="draft"))
    result = status(repo, base=base)
    assert result.parties[-1].removed
    assert gate_failures(result) == []


def test_keys_swapped_while_renegotiating_need_the_partys_consent(repo: Path, make_key: MakeKey) -> None:
    """Renegotiating does not let a change put someone else's key in maria's entry: her identity changes only with
    her consent, given with the key the base lists for her."""
    maria, eve = make_key("maria"), make_key("eve")
    write(repo, agreement_text(maria_keys=(public(maria),), evidence="[ssh-signature]"))
    base = commit_all(repo, "Active")
    write(repo, agreement_text(maria_keys=(public(eve),), evidence="[ssh-signature]", status="renegotiating"))
    result = status(repo, base=base)
    assert result.identity_changed == ("maria",)
    failures = gate_failures(result)
    assert failures[0] == "maria's email, handle or keys changed: it must consent, with its identity at the base"
    assert failures[1].startswith("maria is missing")
    forged = record("maria", eve)  # signed with the new key: the base does not list it
    assert gate_failures(status(repo, base=base))[0].startswith("maria's email, handle or keys changed")
    forged.unlink()
    record("maria", maria)  # maria herself agrees to her new key
    assert gate_failures(status(repo, base=base)) == []


def test_a_changed_policy_needs_every_party(repo: Path) -> None:
    write(repo, agreement_text(evidence="[ssh-signature]", status="proposed"))
    base = commit_all(repo, "Proposed")
    write(repo, agreement_text(evidence="[author-email]", status="proposed"))
    result = status(repo, base=base)
    assert result.policy_changed
    assert gate_failures(result)[0] == ("the accepted consent evidence (consent.evidence) changed: every party must "
                                        "consent to it")
    write(repo, agreement_text(evidence="[author-email, ssh-signature]", status="proposed"))
    assert status(repo, base=base).policy_changed  # loosening by adding a kind counts too
    write(repo, agreement_text(evidence="[ssh-signature]", status="proposed", title="Editorial"))
    assert gate_failures(status(repo, base=base)) == []


def test_leaving_renegotiating_for_a_final_status_needs_every_party(repo: Path) -> None:
    write(repo, agreement_text(evidence="[author-email]", deadline="2032-09-30", status="renegotiating"))
    base = commit_all(repo, "Renegotiating, with a new deadline nobody agreed to yet")
    for final in ("fulfilled", "ended"):
        write(repo, agreement_text(evidence="[author-email]", deadline="2032-09-30", status=final))
        assert gate_failures(status(repo, base=base))[0] == (
            f"leaving renegotiating for {final}: every party must consent to the terms it ends with")
    write(repo, agreement_text(evidence="[author-email]", deadline="2032-09-30", status="fulfilled"))
    record("maria")
    commit_all(repo, "maria", email=MARIA)
    record("daniel")
    commit_all(repo, "daniel", email=DANIEL)
    assert gate_failures(status(repo, base=base)) == []


def test_a_proposal_does_not_go_back_to_draft(repo: Path) -> None:
    """Drafts are free for all; a detour through draft would let a proposal's identities change unchecked."""
    write(repo, agreement_text(evidence="[author-email]", status="proposed"))
    base = commit_all(repo, "Proposed")
    write(repo, agreement_text(evidence="[author-email]", status="draft"))
    assert gate_failures(status(repo, base=base)) == [
        "proposed at the base revision: a proposal is reworked while proposed, it does not go back to draft (a "
        "draft's parties and identities could then change without anyone's consent)"]
