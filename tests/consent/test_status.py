"""Consent status (valid / stale / missing) on real temporary git repositories with real ssh-keygen keys: the
evidence kinds, editorial and material changes, and trust read from the base revision."""

from __future__ import annotations

import datetime
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from agreed.consent.digest import digest_document
from agreed.consent.ledger import new_record, write_record
from agreed.consent.reviews import Review, read_reviews
from agreed.consent.roster import roster_at
from agreed.consent.ssh import consent_message, sign
from agreed.consent.status import MISSING, STALE, VALID, AgreementStatus, agreement_status, gate_failures
from agreed.document import read_document
from agreed.git.repository import Repository
from gitrepo import AGREEMENT, DANIEL, EXAMPLE, MARIA, commit_all, git, public

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None or shutil.which("git") is None,
                                reason="needs ssh-keygen (OpenSSH) and git")



def agreement_text(*, maria_keys: tuple[str, ...] = (), evidence: str = "[ssh-signature, author-email]",
                   deadline: str = "2032-06-30", title: str = "Halve enterprise onboarding time",
                   status: str = "active", extra_party: str | None = None) -> str:
    text = EXAMPLE.read_text(encoding="utf-8")
    keys = "keys: [" + ", ".join(f'"{key}"' for key in maria_keys) + "]"
    text = text.replace("    keys: []", f"    {keys}", 1)
    text = text.replace("  evidence: [review, signed-commit]", f"  evidence: {evidence}")
    text = text.replace("  deadline: 2032-06-30", f"  deadline: {deadline}")
    text = text.replace("title: Halve enterprise onboarding time", f"title: {title}")
    text = text.replace("status: active", f"status: {status}", 1)
    if extra_party is not None:
        text = _with_party(text, extra_party)
    return text


def _with_party(text: str, party: str) -> str:
    """A copy of daniel's entry as another party, with its own id, email and handle."""
    lines = text.splitlines(keepends=True)
    start = lines.index("  - id: daniel\n")
    end = next(index for index in range(start + 1, len(lines)) if not lines[index].startswith(("  ", "\n")))
    while not lines[end - 1].strip():
        end -= 1
    block = "".join(lines[start:end]).replace("id: daniel", f"id: {party}").replace(DANIEL, f"{party}@example.com")
    block = block.replace("handle: dokafor", f"handle: {party}")
    return "".join(lines[:end]) + block + "".join(lines[end:])


def write(repo: Path, text: str) -> None:
    (repo / AGREEMENT).write_text(text, encoding="utf-8")


def current_digest() -> str:
    result = digest_document(read_document(AGREEMENT))
    assert isinstance(result, str)
    return result


def record(party: str, key: Path | None = None, *, when: int = 0) -> Path:
    """Write ``party``'s record for the current digest (signed with ``key`` if given); its path."""
    digest = current_digest()
    signature = None if key is None else sign(consent_message("sales-onboarding", party, digest), key)
    moment = datetime.datetime(2031, 1, 2, tzinfo=datetime.UTC) + datetime.timedelta(days=when)
    return write_record(AGREEMENT, new_record("sales-onboarding", party, digest, lambda: moment, signature)).path


def status(repo: Path, *, base: str | None = None, reviews: tuple[Review, ...] = ()) -> AgreementStatus:
    with Repository.open(repo) as repository:
        return agreement_status(repository, repo / AGREEMENT, base=base, reviews=reviews)


def states(result: AgreementStatus) -> dict[str, str]:
    return {party.party: party.state for party in result.parties}


def party(result: AgreementStatus, name: str) -> tuple[str, str]:
    found = next(item for item in result.parties if item.party == name)
    return found.state, found.reason


# --- ssh-signature ------------------------------------------------------------------------------------------------


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


# --- author-email -------------------------------------------------------------------------------------------------


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


# --- trust from the base revision ---------------------------------------------------------------------------------


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


ROSTER = f"""people:
  - id: maria
    name: Maria Chen
    email: {MARIA}
  - id: sam
    name: Sam Reyes
    email: sam@example.com
    status: gone
"""


def with_roster(repo: Path) -> None:
    (repo / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    (repo / "people.yaml").write_text(ROSTER, encoding="utf-8")


def roster_status(repo: Path, base: str) -> AgreementStatus:
    with Repository.open(repo) as repository:
        roster = roster_at(repository, base, ".agreed.yaml")
        return agreement_status(repository, repo / AGREEMENT, base=base, roster=roster)


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


def commit_empty(repo: Path) -> str:
    git(repo, "commit", "-q", "--allow-empty", "-m", "Start")
    return git(repo, "rev-parse", "HEAD").strip()


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


# --- review -------------------------------------------------------------------------------------------------------


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


def test_a_party_removed_from_a_draft_need_not_consent(repo: Path) -> None:
    write(repo, agreement_text(evidence="[author-email]", extra_party="sam", status="draft"))
    base = commit_all(repo, "Draft with sam")
    write(repo, agreement_text(evidence="[author-email]", status="draft"))
    result = status(repo, base=base)
    assert result.parties[-1].removed
    assert gate_failures(result) == []


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


# --- squash merge -------------------------------------------------------------------------------------------------


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


# --- identities and the policy change only with consent ---------------------------------------------------------


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
