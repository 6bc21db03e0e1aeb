"""Consent status (valid / stale / missing) on real temporary git repositories with real ssh-keygen keys: the
evidence kinds, editorial and material changes, parties removed and squash merges."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from status_setup import (
    agreement_text,
    current_digest,
    party,
    record,
    states,
    status,
    write,
)

from agreed.consent.gate import gate_failures
from agreed.consent.reviews import Review, read_reviews
from agreed.consent.status import MISSING, STALE, VALID
from gitrepo import DANIEL, MARIA, commit_all, git, public

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None or shutil.which("git") is None,
                                reason="needs ssh-keygen (OpenSSH) and git")


def test_a_signature_by_a_listed_key_is_valid(repo: Path, make_key: MakeKey) -> None:
    write(repo, agreement_text(maria_keys=(public(make_key("maria")),), evidence="[ssh-signature]"))
    commit_all(repo, "Propose")
    record("maria", make_key("maria"))
    result = status(repo)
    assert states(result) == {"maria": VALID, "daniel": MISSING}
    assert result.parties[0].evidence == "ssh-signature"
    assert gate_failures(result) == [f"daniel is missing: {result.parties[1].reason}"]


def test_a_signature_by_the_wrong_key_is_not_valid(repo: Path, make_key: MakeKey) -> None:
    write(repo, agreement_text(maria_keys=(public(make_key("maria")),), evidence="[ssh-signature]"))
    commit_all(repo, "Propose")
    record("maria", make_key("mallory"))
    state, reason = party(status(repo), "maria")
    assert state == MISSING
    assert "signed by a key not listed for maria" in reason


def test_a_signature_over_an_old_digest_is_stale(repo: Path, make_key: MakeKey) -> None:
    key = make_key("maria")
    write(repo, agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]"))
    commit_all(repo, "Propose")
    old = current_digest()
    record("maria", key)
    write(repo, agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]", deadline="2032-09-30"))
    result = status(repo)
    maria = result.parties[0]
    assert (maria.state, maria.agreed_digest) == (STALE, old)
    assert old in maria.reason
    assert "2031-01-02" in maria.reason


def test_a_stale_party_sees_the_material_changes_since_the_terms_it_agreed_to(repo: Path,
                                                                                make_key: MakeKey) -> None:
    key = make_key("maria")
    write(repo, agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]"))
    commit_all(repo, "Propose")
    record("maria", key)
    write(repo, agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]", deadline="2032-09-30",
                               title="A new title"))
    commit_all(repo, "Move the deadline")
    maria = status(repo).parties[0]
    assert maria.state == STALE
    assert [(change.path, change.old, change.new) for change in maria.changes] == [
        ("results.deadline", "2032-06-30", "2032-09-30")]  # the editorial title change is not listed
    assert maria.reason.endswith("; 1 material change since")


def test_a_stale_digest_with_no_committed_version_says_so(repo: Path, make_key: MakeKey) -> None:
    key = make_key("maria")
    write(repo, agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]"))
    record("maria", key)  # consent to terms that were never committed
    write(repo, agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]", deadline="2032-09-30"))
    commit_all(repo, "Propose")
    maria = status(repo).parties[0]
    assert (maria.state, maria.changes) == (STALE, ())
    assert "no committed version with those terms was found" in maria.reason


def test_an_editorial_change_keeps_consent_and_a_material_change_makes_it_stale(repo: Path,
                                                                                  make_key: MakeKey) -> None:
    key = make_key("maria")
    write(repo, agreement_text(maria_keys=(public(key),)))
    commit_all(repo, "Propose")
    record("maria", key)
    write(repo, agreement_text(maria_keys=(public(key),), title="Onboarding in half the time"))
    assert states(status(repo))["maria"] == VALID
    write(repo, agreement_text(maria_keys=(public(key),), deadline="2032-07-31"))
    assert states(status(repo))["maria"] == STALE


def test_a_record_added_by_the_partys_email_is_valid(repo: Path) -> None:
    write(repo, agreement_text(evidence="[author-email]"))
    commit_all(repo, "Propose")
    record("maria")
    assert states(status(repo))["maria"] == MISSING  # not committed yet
    commit_all(repo, "Consent of maria", email=MARIA.upper())
    result = status(repo)
    assert states(result)["maria"] == VALID
    assert result.parties[0].evidence == "author-email"


def test_a_record_added_with_another_email_is_not_valid(repo: Path) -> None:
    write(repo, agreement_text(evidence="[author-email]"))
    commit_all(repo, "Propose")
    record("maria")
    commit_all(repo, "Consent of maria (forged)", email=DANIEL)
    state, reason = party(status(repo), "maria")
    assert state == MISSING
    assert f"by {DANIEL}, not by maria's email" in reason


def test_an_unsigned_record_does_not_count_when_only_signatures_do(repo: Path) -> None:
    write(repo, agreement_text(evidence="[ssh-signature]"))
    commit_all(repo, "Propose")
    record("maria")
    commit_all(repo, "Consent of maria", email=MARIA)
    state, reason = party(status(repo), "maria")
    assert state == MISSING
    assert "not signed" in reason


def reviews_file(tmp_path: Path, *entries: tuple[str, str, str]) -> tuple[Review, ...]:
    path = tmp_path / "reviews.json"
    path.write_text(json.dumps([{"user": {"login": login}, "state": state, "commit_id": commit_id}
                                for login, state, commit_id in entries]), encoding="utf-8")
    return tuple(read_reviews(path))


def test_an_approval_on_a_commit_with_the_current_terms_is_valid(repo: Path, tmp_path: Path) -> None:
    write(repo, agreement_text(evidence="[review]"))
    older = commit_all(repo, "Propose")
    write(repo, agreement_text(evidence="[review]", deadline="2032-08-31"))
    newer = commit_all(repo, "Move the deadline")
    write(repo, agreement_text(evidence="[review]", deadline="2032-08-31", title="Editorial"))
    commit_all(repo, "Retitle")
    on_old = reviews_file(tmp_path, ("MChen", "APPROVED", older))
    state, reason = party(status(repo, reviews=on_old), "maria")
    assert state == MISSING
    assert "approved no commit with the current terms" in reason
    on_new = reviews_file(tmp_path, ("MChen", "APPROVED", newer), ("dokafor", "COMMENTED", newer))
    assert states(status(repo, reviews=on_new)) == {"maria": VALID, "daniel": MISSING}
    withdrawn = reviews_file(tmp_path, ("mchen", "APPROVED", newer), ("mchen", "CHANGES_REQUESTED", newer))
    assert states(status(repo, reviews=withdrawn))["maria"] == MISSING


def test_a_party_removed_in_the_change_must_consent_to_it(repo: Path) -> None:
    write(repo, agreement_text(evidence="[author-email]", extra_party="sam"))
    base = commit_all(repo, "Propose with sam")
    write(repo, agreement_text(evidence="[author-email]"))
    commit_all(repo, "Remove sam")
    result = status(repo, base=base)
    sam = result.parties[-1]
    assert (sam.party, sam.state, sam.removed) == ("sam", MISSING, True)
    assert sam.reason.startswith("removed in this change, must consent to it: ")
    assert any(failure.startswith("sam is missing: removed in this change") for failure in gate_failures(result))
    assert [party.party for party in status(repo).parties] == ["maria", "daniel"]  # without a base: not known
    write(repo, agreement_text(evidence="[author-email]", status="renegotiating"))
    assert any(failure.startswith("sam is missing") for failure in gate_failures(status(repo, base=base)))


def test_a_squash_merge_keeps_signatures_and_never_passes_commit_evidence_on(repo: Path, make_key: MakeKey) -> None:
    """In the pull request both parties consent (maria by SSH signature, daniel by a commit of his own) and the
    gate passes; after a squash merge authored by maria, her signed record still counts, but the squash commit
    (authored by maria) now adds daniel's record: it must not count as daniel's, and the gate says why."""
    key = make_key("maria")
    write(repo, agreement_text(maria_keys=(public(key),), status="proposed"))
    base = commit_all(repo, "Propose")
    git(repo, "checkout", "-q", "-b", "pr")
    write(repo, agreement_text(maria_keys=(public(key),), status="active"))
    commit_all(repo, "Activate", email=MARIA)
    record("maria", key)
    commit_all(repo, "maria consents (signed)", email=MARIA)
    record("daniel")
    commit_all(repo, "daniel consents", email=DANIEL)
    in_review = status(repo, base=base)
    assert states(in_review) == {"maria": VALID, "daniel": VALID}
    assert gate_failures(in_review) == []

    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "--squash", "pr")
    squash = commit_all(repo, "Sales onboarding agreement (#1)", email=MARIA)
    merged = status(repo, base=base)
    maria, daniel = merged.parties
    assert (maria.state, maria.evidence) == (VALID, "ssh-signature")
    assert daniel.state == MISSING
    assert f"added in {squash[:12]} by {MARIA}" in daniel.reason
    assert gate_failures(merged) == [f"daniel is missing: {daniel.reason}"]
    (repo / "notes.txt").write_text("a later, unrelated change\n", encoding="utf-8")
    commit_all(repo, "Later work")
    assert gate_failures(status(repo, base=squash)) == []  # active with the same terms at the later base
