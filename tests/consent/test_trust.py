"""Trust read from the base revision, on real temporary git repositories with real ssh-keygen keys: keys, policies and
parties added in a change do not count, a moved agreement keeps its identities, the base roster vouches."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from status_setup import (
    ROSTER,
    agreement_text,
    commit_empty,
    party,
    record,
    roster_status,
    states,
    status,
    with_roster,
    write,
)

from agreed.consent.digest import digest_document
from agreed.consent.gate import gate_failures
from agreed.consent.ledger import new_record, write_record
from agreed.consent.ssh import consent_message, sign
from agreed.consent.status import MISSING, VALID, agreement_status
from agreed.document import read_document
from agreed.git.repository import Repository
from gitrepo import AGREEMENT, MARIA, commit_all, git, public

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None or shutil.which("git") is None,
                                reason="needs ssh-keygen (OpenSSH) and git")


def test_a_key_added_in_the_change_does_not_count(repo: Path, make_key: MakeKey) -> None:
    write(repo, agreement_text(evidence="[ssh-signature]"))
    base = commit_all(repo, "Propose")
    git(repo, "checkout", "-q", "-b", "change")
    key = make_key("mallory")
    write(repo, agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]"))
    record("maria", key)
    commit_all(repo, "Add a key and sign with it")
    assert states(status(repo))["maria"] == VALID  # trusting the change itself
    state, reason = party(status(repo, base=base), "maria")
    assert state == MISSING
    assert "no trusted key is listed for maria" in reason


def test_a_policy_loosened_in_the_change_does_not_count(repo: Path) -> None:
    write(repo, agreement_text(evidence="[ssh-signature]"))
    base = commit_all(repo, "Propose")
    write(repo, agreement_text(evidence="[author-email]"))
    record("maria")
    commit_all(repo, "Loosen the policy and consent", email=MARIA)
    assert states(status(repo))["maria"] == VALID
    result = status(repo, base=base)
    assert result.policy == ("ssh-signature",)
    assert states(result)["maria"] == MISSING


def test_a_party_added_in_the_change_cannot_be_valid_in_it(repo: Path) -> None:
    write(repo, agreement_text(evidence="[author-email]"))
    base = commit_all(repo, "Propose")
    write(repo, agreement_text(evidence="[author-email]", extra_party="sam"))
    record("sam")
    commit_all(repo, "Add sam, who consents", email="sam@example.com")
    assert states(status(repo))["sam"] == VALID
    state, reason = party(status(repo, base=base), "sam")
    assert state == MISSING
    assert "added in this change" in reason


def test_a_new_agreement_trusts_no_identity_of_its_own(repo: Path) -> None:
    base = commit_empty(repo)
    write(repo, agreement_text(evidence="[author-email]"))
    commit_all(repo, "Propose")
    record("maria")
    commit_all(repo, "Consent of maria", email=MARIA)  # anyone can write maria's email into a new agreement and commit
    result = roster_status(repo, base)
    assert result.new
    state, reason = party(result, "maria")
    assert state == MISSING
    assert reason.startswith("the agreement is new in this change and the people roster at the base revision")
    assert gate_failures(result)


def test_the_base_roster_vouches_for_the_parties_of_a_new_agreement(repo: Path) -> None:
    with_roster(repo)
    base = commit_all(repo, "Roster")
    write(repo, agreement_text(evidence="[author-email]"))
    commit_all(repo, "Propose")
    record("maria")
    commit_all(repo, "Consent of maria", email=MARIA)
    result = roster_status(repo, base)
    assert states(result) == {"maria": VALID, "daniel": MISSING}  # daniel is not in the roster


def test_a_roster_added_in_the_change_vouches_for_nobody(repo: Path) -> None:
    base = commit_empty(repo)
    with_roster(repo)
    write(repo, agreement_text(evidence="[author-email]"))
    record("maria")
    commit_all(repo, "Roster, agreement and consent", email=MARIA)
    assert states(roster_status(repo, base))["maria"] == MISSING


def test_the_base_roster_vouches_for_a_party_added_in_the_change_unless_gone(repo: Path) -> None:
    with_roster(repo)
    write(repo, agreement_text(evidence="[author-email]", status="proposed"))
    base = commit_all(repo, "Roster and agreement")
    write(repo, agreement_text(evidence="[author-email]", status="proposed", extra_party="sam"))
    record("sam")
    commit_all(repo, "Add sam", email="sam@example.com")
    state, reason = party(roster_status(repo, base), "sam")
    assert state == MISSING  # sam has left: the roster vouches for nobody who is gone
    assert reason.startswith("added in this change: it has no identity at the base revision")
    (repo / "people.yaml").write_text(ROSTER.replace("    status: gone\n", ""), encoding="utf-8")
    write(repo, agreement_text(evidence="[author-email]", status="proposed"))
    base = commit_all(repo, "sam is back, not a party yet")  # sam's record stays in the ledger
    write(repo, agreement_text(evidence="[author-email]", status="proposed", extra_party="sam"))
    commit_all(repo, "Add sam again")
    assert party(roster_status(repo, base), "sam")[0] == VALID


def test_a_moved_agreement_keeps_the_identities_of_the_base(repo: Path, make_key: MakeKey) -> None:
    write(repo, agreement_text(evidence="[ssh-signature]"))
    base = commit_all(repo, "Propose")
    git(repo, "mv", str(AGREEMENT), "contracts/renamed.yaml")
    moved = Path("contracts/renamed.yaml")
    key = make_key("mallory")
    moved.write_text(agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]"), encoding="utf-8")
    digest = digest_document(read_document(moved))
    assert isinstance(digest, str)
    signature = sign(consent_message("sales-onboarding", "maria", digest), key)
    moment = datetime.datetime(2031, 1, 2, tzinfo=datetime.UTC)
    write_record(moved, new_record("sales-onboarding", "maria", digest, lambda: moment, signature))
    commit_all(repo, "Move, add a key and sign with it")
    with Repository.open(repo) as repository:
        result = agreement_status(repository, repo / moved, base=base)
    assert not result.new
    assert {party.party: party.state for party in result.parties}["maria"] == MISSING


def test_a_base_that_does_not_validate_trusts_no_one(repo: Path) -> None:
    (repo / AGREEMENT).write_text(agreement_text().replace("agreed: 1", "agreed: 1\nunknown_key: 1"),
                                  encoding="utf-8")
    base = commit_all(repo, "Broken")
    write(repo, agreement_text(evidence="[author-email]"))
    record("maria")
    commit_all(repo, "Fix and consent", email=MARIA)
    state, reason = party(status(repo, base=base), "maria")
    assert state == MISSING
    assert "does not validate at the base revision" in reason


def test_the_roster_is_the_whole_identity_of_a_person_it_lists(repo: Path, make_key: MakeKey) -> None:
    """maria is listed without keys: the key the agreement lists for her is not hers to trust."""
    key = make_key("maria")
    with_roster(repo)
    write(repo, agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]", status="proposed"))
    base = commit_all(repo, "Roster without keys; a proposal listing a key for maria")
    write(repo, agreement_text(maria_keys=(public(key),), evidence="[ssh-signature]"))
    record("maria", key)
    state, reason = party(roster_status(repo, base), "maria")
    assert state == MISSING
    assert "no trusted key is listed for maria" in reason
    (repo / "people.yaml").write_text(ROSTER.replace(f"    email: {MARIA}\n",
                                                     f"    email: {MARIA}\n    keys: [\"{public(key)}\"]\n"),
                                      encoding="utf-8")
    base = commit_all(repo, "The roster lists maria's key")
    assert party(roster_status(repo, base), "maria")[0] == VALID
