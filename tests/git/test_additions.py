"""agreed.git.additions on real temporary repositories: which commit added a file, and the signature a commit
carries."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from agreed.git.additions import Addition, added_by, additions, commit_signature
from agreed.git.repository import GitError, Repository
from gitrepo import REPO_ENV, Repo, sample_agreement

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey


def _commit_as(repo: Repo, author: str, message: str) -> str:
    repo.git("add", "-A")
    repo.git("commit", "-q", f"--author={author}", "-m", message)
    return repo.git("rev-parse", "HEAD")


def test_added_by_is_the_oldest_addition_and_its_author(repo: Repo) -> None:
    record = "contracts/.consent/demo/li/0123456789abcdef.yaml"
    repo.write(record, "party: li\n")
    first = repo.commit("add")
    (repo.root / record).unlink()
    repo.commit("remove")
    repo.write(record, "party: li\n")
    _commit_as(repo, "Li Wei <li@example.org>", "add again")
    with Repository.open(repo.root) as repository:
        assert added_by(repository, record) == Addition(first, "maria@example.org")
        repo.git("checkout", "-q", "--orphan", "fresh")
        assert added_by(repository, record) is None  # nothing in HEAD's history yet
        repo.commit("fresh start")
        assert added_by(repository, record) == Addition(repository.resolve("HEAD"), "maria@example.org")


def test_added_by_is_none_for_a_file_no_commit_added(repo: Repo) -> None:
    with Repository.open(repo.root) as repository:
        assert added_by(repository, "contracts/a.yaml") is None  # no history at all
        repo.write("contracts/a.yaml", sample_agreement())
        repo.commit("one")
        repo.write("contracts/b.yaml", sample_agreement("b"))
        assert added_by(repository, "contracts/b.yaml") is None  # in the work tree only
        assert added_by(repository, "contracts/*.yaml") is None  # a path, never a pattern
        assert added_by(repository, "contracts/a.yaml") is not None


def test_added_by_a_move_is_the_commit_that_moved_the_file(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    repo.commit("create")
    repo.git("mv", "contracts/a.yaml", "contracts/b.yaml")
    moved = _commit_as(repo, "Li Wei <li@example.org>", "move")
    with Repository.open(repo.root) as repository:
        assert added_by(repository, "contracts/b.yaml") == Addition(moved, "li@example.org")


def _raw_commit(repo: Repo, rev: str) -> bytes:
    return subprocess.run(["git", "cat-file", "commit", rev], cwd=repo.root, env=REPO_ENV, check=True,
                          capture_output=True).stdout


def test_commit_signature_of_an_ssh_signed_commit_verifies_with_plain_ssh_keygen(repo: Repo, make_key: MakeKey,
                                                                                 tmp_path: Path) -> None:
    key = make_key("maria")
    repo.write("contracts/a.yaml", sample_agreement())
    repo.git("add", "-A")
    repo.git("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-q", "-S", "-m",
             "Signed\n\n an indented line of the body")
    with Repository.open(repo.root) as repository:
        found = commit_signature(repository, "HEAD")
    assert found is not None
    assert found.format == "ssh"
    lines = found.signature.splitlines()
    assert (lines[0], lines[-1]) == ("-----BEGIN SSH SIGNATURE-----", "-----END SSH SIGNATURE-----")
    assert not any(line.startswith(" ") for line in lines)  # continuation lines unfolded
    headers, body = _raw_commit(repo, "HEAD").split(b"\n\n", 1)
    kept = [line for line in headers.split(b"\n") if not line.startswith((b"gpgsig ", b" "))]
    assert found.payload == b"\n".join(kept) + b"\n\n" + body
    allowed, signature = tmp_path / "allowed_signers", tmp_path / "commit.sig"
    allowed.write_text("maria " + key.with_name(key.name + ".pub").read_text(encoding="ascii"), encoding="ascii")
    signature.write_text(found.signature, encoding="ascii")
    checked = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I", "maria", "-n", "git", "-s",
                              str(signature)], input=found.payload, capture_output=True, timeout=30, check=False)
    assert checked.returncode == 0, checked.stderr
    tampered = subprocess.run(["ssh-keygen", "-Y", "verify", "-f", str(allowed), "-I", "maria", "-n", "git", "-s",
                               str(signature)], input=found.payload + b"x", capture_output=True, timeout=30,
                              check=False)
    assert tampered.returncode != 0


def test_an_unsigned_commit_has_no_signature(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    repo.commit("unsigned")
    with Repository.open(repo.root) as repository:
        assert commit_signature(repository, "HEAD") is None
        with pytest.raises(GitError, match="unknown revision"):
            commit_signature(repository, "no-such-commit")


def test_commit_signature_reads_the_headers_as_git_does(repo: Repo) -> None:
    """The signature of this hash's header is taken out; another hash's signature belongs to neither; another
    header's continuation lines (a merge tag) stay in the payload, and so does a message line that looks like one."""
    repo.write("contracts/a.yaml", sample_agreement())
    plain = _raw_commit(repo, repo.commit("plain"))
    headers, message = plain.split(b"\n\n", 1)
    mergetag = b"mergetag object 0123\n type commit\n tag v1"
    other = b"gpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n b3RoZXI=\n -----END SSH SIGNATURE-----"
    ours = b"gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAAB\n -----END PGP SIGNATURE-----"
    body = message + b"\ngpgsig in the message\n -----END PGP SIGNATURE-----\n"
    raw = b"\n".join([headers, mergetag, other, ours]) + b"\n\n" + body
    written = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo.root, env=REPO_ENV,
                             input=raw, check=True, capture_output=True).stdout.decode("ascii").strip()
    with Repository.open(repo.root) as repository:
        found = commit_signature(repository, written)
    assert found is not None
    assert found.signature == "-----BEGIN PGP SIGNATURE-----\n\niQEzBAAB\n-----END PGP SIGNATURE-----\n"
    assert found.format == "openpgp"
    assert found.payload == headers + b"\n" + mergetag + b"\n\n" + body


def test_additions_reads_every_ledger_file_in_one_walk_and_follows_head(repo: Repo) -> None:
    first, second = "contracts/.consent/a/li/0123456789abcdef.yaml", "team/.consent/b/maria/fedcba9876543210.yaml"
    repo.write(first, "party: li\n")
    repo.write("contracts/a.yaml", sample_agreement())
    one = repo.commit("first record")
    repo.write(second, "party: maria\n")
    (repo.root / first).unlink()
    repo.commit("second record; first removed")
    repo.write(first, "party: li\n")
    _commit_as(repo, "Li Wei <li@example.org>", "first record again")
    with Repository.open(repo.root) as repository:
        found = additions(repository, ":(glob)**/.consent/**")
        assert set(found) == {first, second}  # contracts/a.yaml is outside every ledger
        assert found[first] == Addition(one, "maria@example.org")  # the oldest addition
    repo.git("mv", "contracts", "archive")
    moved = _commit_as(repo, "Mallory <mallory@example.org>", "move the agreement and its ledger")
    repo.git("mv", "team/.consent/b/maria/fedcba9876543210.yaml", "team/.consent/b/maria/0000000000000000.yaml")
    (repo.root / "team/.consent/b/maria/0000000000000000.yaml").write_text("party: maria\nedited: yes\n",
                                                                           encoding="utf-8")
    edited = repo.commit("rename one record and change it")
    with Repository.open(repo.root) as repository:
        found = additions(repository, ":(glob)**/.consent/**")
        assert found["archive/.consent/a/li/0123456789abcdef.yaml"] == Addition(one, "maria@example.org")
        assert found["team/.consent/b/maria/0000000000000000.yaml"] == Addition(edited, "maria@example.org")
        assert moved != one
        repo.git("checkout", "-q", "--orphan", "fresh")
        assert additions(repository, ":(glob)**/.consent/**") == {}  # HEAD moved to an unborn branch
