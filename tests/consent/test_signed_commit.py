"""``signed-commit`` evidence on real temporary repositories: commits signed by git itself (``gpg.format=ssh``) with
real ssh-keygen keys, checked against the keys the agreement lists for each party."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from agreed.cli import main
from agreed.consent.digest import digest_document
from agreed.consent.ledger import new_record, write_record
from agreed.consent.status import MISSING, VALID, AgreementStatus, PartyStatus, agreement_status
from agreed.document import read_document
from agreed.git.repository import Repository
from gitrepo import AGREEMENT, DANIEL, EXAMPLE, MARIA, commit_all, git, git_environment, public

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None or shutil.which("git") is None,
                                reason="needs ssh-keygen (OpenSSH) and git")



def agreement_text(*, maria_keys: tuple[Path, ...] = (), daniel_keys: tuple[Path, ...] = (),
                   status: str = "active") -> str:
    """The shipped example with these keys listed and ``signed-commit`` as the only evidence that counts."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for keys in (maria_keys, daniel_keys):  # maria's entry comes first, then daniel's
        listed = ", ".join(f'"{public(key)}"' for key in keys)
        text = text.replace("    keys: []", f"    keys: [{listed}]", 1)
    text = text.replace("  evidence: [review, signed-commit]", "  evidence: [signed-commit]")
    return text.replace("status: active", f"status: {status}", 1)


def propose(repo: Path, **keys: tuple[Path, ...]) -> None:
    (repo / AGREEMENT).write_text(agreement_text(**keys), encoding="utf-8")
    commit_all(repo, "Propose")


def record(party: str) -> Path:
    """Write ``party``'s (unsigned) record for the current digest; its path."""
    digest = digest_document(read_document(AGREEMENT))
    assert isinstance(digest, str)
    moment = datetime.datetime(2031, 1, 2, tzinfo=datetime.UTC)
    return write_record(AGREEMENT, new_record("sales-onboarding", party, digest, lambda: moment)).path


def status(repo: Path) -> AgreementStatus:
    with Repository.open(repo) as repository:
        return agreement_status(repository, repo / AGREEMENT)


def party(result: AgreementStatus, name: str) -> PartyStatus:
    return next(item for item in result.parties if item.party == name)


def fingerprint(key: Path) -> str:
    completed = subprocess.run(["ssh-keygen", "-l", "-f", str(key.with_name(key.name + ".pub"))], check=True,
                               capture_output=True, text=True, timeout=30)
    return completed.stdout.split()[1]


def test_a_record_added_in_a_commit_signed_by_the_partys_key_is_valid(repo: Path, make_key: MakeKey) -> None:
    key = make_key("maria")
    propose(repo, maria_keys=(key,))
    record("maria")
    added = commit_all(repo, "Consent of maria", email=MARIA, key=key)
    maria = party(status(repo), "maria")
    assert (maria.state, maria.evidence) == (VALID, "signed-commit")
    assert maria.reason == f"added in {added[:12]}, signed with {fingerprint(key)}"


def test_the_author_does_not_matter_only_the_key(repo: Path, make_key: MakeKey) -> None:
    key = make_key("maria")
    propose(repo, maria_keys=(key,))
    record("maria")
    commit_all(repo, "Consent of maria, committed from the CI account", email="bot@example.org", key=key)
    assert party(status(repo), "maria").state == VALID


def test_an_unsigned_commit_does_not_count(repo: Path, make_key: MakeKey) -> None:
    propose(repo, maria_keys=(make_key("maria"),))
    record("maria")
    added = commit_all(repo, "Consent of maria", email=MARIA)
    maria = party(status(repo), "maria")
    assert maria.state == MISSING
    assert f"the record was added in {added[:12]} by {MARIA}, in an unsigned commit" in maria.reason


def test_a_record_that_is_not_committed_does_not_count(repo: Path, make_key: MakeKey) -> None:
    propose(repo, maria_keys=(make_key("maria"),))
    record("maria")
    maria = party(status(repo), "maria")
    assert maria.state == MISSING
    assert "signed-commit: the record is not committed" in maria.reason


def test_a_party_without_listed_keys_cannot_give_it(repo: Path, make_key: MakeKey) -> None:
    propose(repo)
    record("maria")
    commit_all(repo, "Consent of maria", email=MARIA, key=make_key("maria"))
    maria = party(status(repo), "maria")
    assert maria.state == MISSING
    assert "no trusted key is listed for maria" in maria.reason


def test_a_commit_signed_by_another_partys_key_does_not_count(repo: Path, make_key: MakeKey) -> None:
    """daniel signs the commit that adds maria's record (and his own): his counts, hers does not."""
    maria_key, daniel_key = make_key("maria"), make_key("daniel")
    propose(repo, maria_keys=(maria_key,), daniel_keys=(daniel_key,))
    record("maria")
    record("daniel")
    added = commit_all(repo, "Consent of maria and daniel", email=DANIEL, key=daniel_key)
    result = status(repo)
    assert party(result, "daniel").state == VALID
    maria = party(result, "maria")
    assert maria.state == MISSING
    assert (f"the record was added in {added[:12]} by {DANIEL}; commit signature: signed by a key not listed for "
            f"maria (signed with {fingerprint(daniel_key)})") in maria.reason


def test_a_forged_author_email_with_a_valid_signature_by_the_wrong_key_does_not_count(repo: Path,
                                                                                        make_key: MakeKey) -> None:
    propose(repo, maria_keys=(make_key("maria"),))
    record("maria")
    commit_all(repo, "Consent of maria", email=MARIA, key=make_key("mallory"))
    maria = party(status(repo), "maria")
    assert maria.state == MISSING
    assert f"by {MARIA}; commit signature: signed by a key not listed for maria" in maria.reason


def test_re_adding_an_unsigned_record_in_a_signed_commit_does_not_count(repo: Path, make_key: MakeKey) -> None:
    """The oldest addition counts: a record first added unsigned stays so when it is deleted and added again in
    a commit signed by maria."""
    key = make_key("maria")
    propose(repo, maria_keys=(key,))
    path = record("maria")
    first = commit_all(repo, "Consent of maria (unsigned)", email=MARIA)
    path.unlink()
    commit_all(repo, "Drop it")
    record("maria")
    commit_all(repo, "Consent of maria again", email=MARIA, key=key)
    maria = party(status(repo), "maria")
    assert maria.state == MISSING
    assert f"added in {first[:12]} by {MARIA}, in an unsigned commit" in maria.reason


def test_a_signed_addition_keeps_counting_when_someone_re_adds_the_record(repo: Path, make_key: MakeKey) -> None:
    key = make_key("maria")
    propose(repo, maria_keys=(key,))
    path = record("maria")
    signed = commit_all(repo, "Consent of maria", email=MARIA, key=key)
    path.unlink()
    commit_all(repo, "Drop it")
    record("maria")
    commit_all(repo, "Re-add it, unsigned", email=DANIEL)
    maria = party(status(repo), "maria")
    assert (maria.state, maria.reason) == (VALID, f"added in {signed[:12]}, signed with {fingerprint(key)}")


# --- commits signed otherwise, crafted as git objects ---------------------------------------------------------------


def craft(repo: Path, raw: bytes) -> str:
    """Write ``raw`` as a commit object and make it the branch's tip; its sha."""
    completed = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo, input=raw,
                               capture_output=True, env=git_environment(), check=True, timeout=60)
    sha = completed.stdout.decode("ascii").strip()
    git(repo, "update-ref", "refs/heads/main", sha)
    return sha


def unsigned_commit_of_the_index(repo: Path, message: str) -> bytes:
    tree = git(repo, "write-tree").strip()
    parent = git(repo, "rev-parse", "HEAD").strip()
    who = f"Maria Chen <{MARIA}> 1924000000 +0000"
    return f"tree {tree}\nparent {parent}\nauthor {who}\ncommitter {who}\n\n{message}\n".encode()


@pytest.mark.parametrize(("armor", "named"), [("PGP SIGNATURE", "OpenPGP"), ("SIGNED MESSAGE", "X.509")])
def test_an_openpgp_or_x509_signed_commit_gets_a_clear_reason(repo: Path, make_key: MakeKey, armor: str,
                                                              named: str) -> None:
    propose(repo, maria_keys=(make_key("maria"),))
    record("maria")
    git(repo, "add", "-A")
    raw = unsigned_commit_of_the_index(repo, "Consent of maria")
    signature = f"gpgsig -----BEGIN {armor}-----\n \n iQEzBAABCAAdFiEE\n -----END {armor}-----\n".encode()
    headers, message = raw.split(b"\n\n", 1)
    craft(repo, headers + b"\n" + signature + b"\n" + message)
    maria = party(status(repo), "maria")
    assert maria.state == MISSING
    assert (f"signed with {named}; only SSH signatures can be checked against the keys listed for maria"
            in maria.reason)


def test_a_signed_commit_altered_afterwards_does_not_count(repo: Path, make_key: MakeKey) -> None:
    """The signature is checked over the commit as it is: the same signature on an edited commit fails."""
    key = make_key("maria")
    propose(repo, maria_keys=(key,))
    record("maria")
    signed = commit_all(repo, "Consent of maria", email=MARIA, key=key)
    raw = git(repo, "cat-file", "commit", signed).encode()
    craft(repo, raw.replace(b"Consent of maria", b"Consent of maria, amended"))
    maria = party(status(repo), "maria")
    assert maria.state == MISSING
    assert "commit signature: the signature is over other content" in maria.reason


# --- end to end -----------------------------------------------------------------------------------------------------


def test_consent_check_passes_once_both_parties_signed_their_commits(repo: Path, make_key: MakeKey) -> None:
    maria_key, daniel_key = make_key("maria"), make_key("daniel")
    propose(repo, maria_keys=(maria_key,), daniel_keys=(daniel_key,))
    runner = CliRunner()
    signed = runner.invoke(main, ["sign", str(AGREEMENT), "--as", "maria"])
    assert signed.exit_code == 0, signed.output
    commit_all(repo, "Consent of maria", email=MARIA, key=maria_key)
    signed = runner.invoke(main, ["sign", str(AGREEMENT), "--as", "daniel"])
    assert signed.exit_code == 0, signed.output
    commit_all(repo, "Consent of daniel, committed by maria", email=MARIA, key=maria_key)
    check = runner.invoke(main, ["consent", "check"])
    assert check.exit_code == 1
    assert (f"{AGREEMENT.as_posix()}: daniel is missing: a record for the current terms exists but no evidence "
            "counts (signed-commit: ") in check.output
    assert "commit signature: signed by a key not listed for daniel" in check.output

    git(repo, "reset", "-q", "--hard", "HEAD~1")
    signed = runner.invoke(main, ["sign", str(AGREEMENT), "--as", "daniel"])
    assert signed.exit_code == 0, signed.output
    commit_all(repo, "Consent of daniel", email=DANIEL, key=daniel_key)
    check = runner.invoke(main, ["consent", "check"])
    assert check.exit_code == 0, check.output
    assert f"{AGREEMENT.as_posix()}: ok (active)" in check.output
