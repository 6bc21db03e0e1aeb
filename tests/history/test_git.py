"""agreed.history.git against real temporary repositories made with the git command line."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from agreed.history.git import SHALLOW_MESSAGE, Addition, GitError, Repository

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import MakeKey

ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "LC_ALL": "C"}


class Repo:
    """A temporary repository driven through the git command line."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = "2031-01-01T12:00:00+00:00") -> str:
        env = {**ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        completed = subprocess.run(["git", "-c", "user.name=Maria Chen", "-c", "user.email=maria@example.org",
                                    "-c", "commit.gpgsign=false", *args], cwd=self.root, env=env, check=True,
                                   capture_output=True)
        return completed.stdout.decode("utf-8", errors="replace").strip()

    def write(self, path: str, content: Any) -> None:
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else json.dumps(content, indent=2) + "\n"
        file.write_text(text, encoding="utf-8")

    def commit(self, message: str, date: str = "2031-01-01T12:00:00+00:00") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


def _agreement(agreement_id: str = "demo", note: str = "first") -> dict[str, Any]:
    lines = [hashlib.sha256(f"{agreement_id} {number}".encode()).hexdigest() for number in range(12)]
    return {"agreed": 1, "id": agreement_id, "title": "Demo", "notes": note, "body": lines}


def _open(repo: Repo) -> Repository:
    return Repository.open(repo.root)


def test_open_from_a_subfolder_finds_the_root(repo: Repo) -> None:
    (repo.root / "contracts").mkdir()
    with Repository.open(repo.root / "contracts") as repository:
        assert repository.root == repo.root.resolve()


def test_open_outside_a_repository_is_a_one_line_error(tmp_path: Path) -> None:
    folder = tmp_path / "plain"
    folder.mkdir()
    with pytest.raises(GitError, match="is not inside a git repository") as caught:
        Repository.open(folder)
    assert "\n" not in str(caught.value)


def test_relative_paths_inside_and_outside(repo: Repo, tmp_path: Path) -> None:
    with _open(repo) as repository:
        assert repository.relative(repo.root / "contracts" / "gone.yaml") == "contracts/gone.yaml"
        with pytest.raises(GitError, match="is outside the repository"):
            repository.relative(tmp_path / "elsewhere.yaml")


def test_resolve_and_read(repo: Repo) -> None:
    repo.write("contracts/a.yaml", _agreement())
    sha = repo.commit("create")
    with _open(repo) as repository:
        assert repository.resolve("HEAD") == sha
        assert repository.resolve(sha[:8]) == sha
        assert repository.read("HEAD", "contracts/a.yaml") == (repo.root / "contracts/a.yaml").read_bytes()
        assert repository.read("HEAD", "contracts/missing.yaml") is None
        assert repository.read("HEAD", "contracts") is None  # a folder is not a file
        for bad in ("nope", "--all", ""):
            with pytest.raises(GitError, match="unknown revision"):
                repository.resolve(bad)
        with pytest.raises(GitError, match="unknown revision 'nope'"):
            repository.read("nope", "contracts/a.yaml")
        blob = repo.git("rev-parse", "HEAD:contracts/a.yaml")
        assert repository.blob(blob) == (repo.root / "contracts/a.yaml").read_bytes()


def test_versions_follow_a_rename(repo: Repo) -> None:
    repo.write("contracts/a.yaml", _agreement())
    first = repo.commit("create")
    repo.write("contracts/a.yaml", _agreement(note="second"))
    second = repo.commit("edit")
    repo.git("mv", "contracts/a.yaml", "contracts/b.yaml")
    repo.write("contracts/b.yaml", _agreement(note="third"))
    third = repo.commit("rename and edit")
    repo.write("contracts/other.yaml", _agreement("other"))
    repo.commit("unrelated")
    with _open(repo) as repository:
        versions = repository.versions("contracts/b.yaml")
        steps = repository.steps("contracts/b.yaml")
    assert [version.commit for version in versions] == [first, second, third]
    assert [version.path for version in versions] == ["contracts/a.yaml", "contracts/a.yaml", "contracts/b.yaml"]
    assert [version.subject for version in versions] == ["create", "edit", "rename and edit"]
    assert versions[2].blob == repo.git("rev-parse", f"{third}:contracts/b.yaml")
    assert steps[0].before is None
    assert steps[2].before == versions[1].blob == repo.git("rev-parse", f"{second}:contracts/a.yaml")
    assert versions[0].author == "Maria Chen"
    assert versions[0].email == "maria@example.org"
    assert versions[0].date.tzinfo is not None


def test_delete_and_recreate(repo: Repo) -> None:
    repo.write("contracts/a.yaml", _agreement())
    repo.commit("create")
    (repo.root / "contracts/a.yaml").unlink()
    deleted = repo.commit("delete")
    repo.write("contracts/a.yaml", _agreement(note="again"))
    recreated = repo.commit("re-create")
    with _open(repo) as repository:
        steps = repository.steps("contracts/a.yaml")
        assert repository.deleted_files() == [("contracts/a.yaml", steps[0].version.blob)]
    assert [step.version.subject for step in steps] == ["create", "delete", "re-create"]
    assert steps[1].version.commit == deleted
    assert steps[1].version.blob is None
    assert steps[1].before == steps[0].version.blob
    assert steps[2].version.commit == recreated
    assert steps[2].before is None


def test_a_deleted_file_has_versions_though_not_in_the_work_tree(repo: Repo) -> None:
    repo.write("contracts/a.yaml", _agreement())
    repo.commit("create")
    (repo.root / "contracts/a.yaml").unlink()
    repo.commit("delete")
    with _open(repo) as repository:
        assert [v.blob is None for v in repository.versions("contracts/a.yaml")] == [False, True]
        assert repository.files() == []


def _diverged(repo: Repo) -> tuple[str, str, str, str]:
    """contracts/a.yaml edited on a side branch and on main, then merged: (base, side, main, merge) commits."""
    repo.write("contracts/a.yaml", _agreement())
    base = repo.commit("create", "2031-01-01T12:00:00+00:00")
    repo.git("checkout", "-q", "-b", "side")
    data = _agreement()
    data["body"][-1] = "Changed on the side branch"
    repo.write("contracts/a.yaml", data)
    side = repo.commit("side edit", "2031-01-02T12:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.write("contracts/a.yaml", _agreement(note="main"))
    main = repo.commit("main edit", "2031-01-03T12:00:00+00:00")
    repo.git("merge", "-q", "--no-edit", "side", date="2031-01-04T12:00:00+00:00")
    return base, side, main, repo.git("rev-parse", "HEAD")


def test_first_parents_list_a_merged_branch_once_as_its_merge(repo: Repo) -> None:
    base, _, main, merge = _diverged(repo)
    with _open(repo) as repository:
        steps = repository.steps("contracts/a.yaml")
    assert [step.version.commit for step in steps] == [base, main, merge]
    blob = {step.version.commit: step.version.blob for step in steps}
    assert steps[2].before == blob[main]  # the merge against its first parent: what the branch brought in


def test_every_commit_lists_each_version_once_oldest_first(repo: Repo) -> None:
    base, side, main, merge = _diverged(repo)
    with _open(repo) as repository:
        steps = repository.steps("contracts/a.yaml", first_parent=False)
        assert [version.commit for version in repository.versions("contracts/a.yaml")] == [base, side, main, merge]
    commits = [step.version.commit for step in steps]
    assert commits == [base, side, main, merge]
    assert len(set(commits)) == len(commits)
    blob = {step.version.commit: step.version.blob for step in steps}
    before = {step.version.commit: step.before for step in steps}
    assert before[side] == before[main] == blob[base]  # each branch's commit against its own parent
    assert before[merge] == blob[main]  # the merge against its first parent


def test_non_utf8_commit_messages(repo: Repo) -> None:
    repo.write("contracts/a.yaml", _agreement())
    message = repo.root.parent / "message"
    message.write_bytes(b"Caf\xe9 deadline\n\nbody\n")
    repo.git("add", "-A")
    repo.git("-c", "i18n.commitEncoding=latin1", "commit", "-q", "-F", str(message))
    repo.write("contracts/a.yaml", _agreement(note="raw"))
    repo.commit("to be rewritten")
    _rewrite_message(repo, b"Broken \xff\xfe bytes\n")  # no encoding header, and not UTF-8
    with _open(repo) as repository:
        subjects = [version.subject for version in repository.versions("contracts/a.yaml")]
    assert subjects[0] == "Café deadline"
    assert subjects[1].startswith("Broken ")
    assert subjects[1].endswith(" bytes")
    assert "\ufffd" in subjects[1]


def _rewrite_message(repo: Repo, message: bytes) -> None:
    """Replace HEAD's message with raw bytes (git commit would convert them to UTF-8)."""
    raw = subprocess.run(["git", "cat-file", "commit", "HEAD"], cwd=repo.root, env=ENV, check=True,
                         capture_output=True).stdout
    header = raw.split(b"\n\n", 1)[0]
    written = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo.root, env=ENV,
                             input=header + b"\n\n" + message, check=True, capture_output=True).stdout
    repo.git("update-ref", "HEAD", written.decode().strip())


def test_odd_file_names(repo: Repo) -> None:
    name = "contracts/ünïcode name [x] *.yaml"
    repo.write(name, _agreement())
    repo.commit("create")
    repo.write(name, _agreement(note="second"))
    repo.commit("edit")
    repo.write("contracts/ünïcode name [x] other.yaml", _agreement("other"))
    repo.commit("another file that a glob would match")
    with _open(repo) as repository:
        assert [version.subject for version in repository.versions(name)] == ["create", "edit"]
        assert repository.versions("contracts/nothing.yaml") == []


def test_empty_repository_has_no_versions(repo: Repo) -> None:
    with _open(repo) as repository:
        assert repository.versions("contracts/a.yaml") == []
        assert repository.deleted_files() == []


def test_shallow_clones_are_detected(repo: Repo, tmp_path: Path) -> None:
    for number in range(3):
        repo.write("contracts/a.yaml", _agreement(note=str(number)))
        repo.commit(f"version {number}")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], env=ENV, check=True)
    with Repository.open(clone) as shallow, _open(repo) as full:
        assert shallow.is_shallow()
        assert not full.is_shallow()
        assert len(shallow.versions("contracts/a.yaml")) == 2
    assert "fetch-depth: 0" in SHALLOW_MESSAGE
    assert "--allow-shallow" in SHALLOW_MESSAGE


def test_changed_pairs_renames_and_sees_the_work_tree(repo: Repo) -> None:
    repo.write("contracts/keep.yaml", _agreement("keep"))
    repo.write("contracts/old.yaml", _agreement("moving"))
    repo.write("contracts/gone.yaml", _agreement("gone"))
    repo.write("notes.txt", "not an agreement\n")
    base = repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("mv", "contracts/old.yaml", "contracts/new.yaml")
    (repo.root / "contracts/gone.yaml").unlink()
    repo.write("contracts/keep.yaml", _agreement("keep", note="edited"))
    repo.write("contracts/added.yml", _agreement("added"))
    repo.write("notes.txt", "changed\n")
    repo.commit("feature")
    with _open(repo) as repository:
        assert sorted(repository.changed(base, "HEAD"), key=str) == sorted([
            (None, "contracts/added.yml"), ("contracts/gone.yaml", None),
            ("contracts/keep.yaml", "contracts/keep.yaml"), ("contracts/old.yaml", "contracts/new.yaml"),
        ], key=str)
        repo.write("contracts/untracked.yaml", _agreement("untracked"))
        repo.write("contracts/new.yaml", _agreement("moving", note="uncommitted"))
        work_tree = repository.changed("main")
        assert (None, "contracts/untracked.yaml") in work_tree
        assert ("contracts/old.yaml", "contracts/new.yaml") in work_tree
        assert repository.changed("HEAD") == [("contracts/new.yaml", "contracts/new.yaml"),
                                              (None, "contracts/untracked.yaml")]
        with pytest.raises(GitError, match="unknown revision"):
            repository.changed("no-such-branch")


def test_reachable_and_files(repo: Repo) -> None:
    repo.write("contracts/a.yaml", _agreement())
    first = repo.commit("one")
    repo.write("contracts/b.yml", _agreement("b"))
    second = repo.commit("two")
    repo.write("ignored/c.yaml", _agreement("c"))
    repo.write(".gitignore", "ignored/\n")
    with _open(repo) as repository:
        assert repository.reachable(first) == {first}
        assert repository.reachable("HEAD") == {first, second}
        assert sorted(repository.files()) == ["contracts/a.yaml", "contracts/b.yml"]


def test_a_deletion_that_git_sees_as_a_rename_says_where_the_file_went(repo: Repo) -> None:
    repo.write("contracts/a.yaml", _agreement())
    repo.commit("create")
    repo.git("mv", "contracts/a.yaml", "contracts/b.yaml")
    repo.commit("move")
    (repo.root / "contracts/b.yaml").unlink()
    repo.commit("remove")
    with _open(repo) as repository:
        created, moved = repository.steps("contracts/a.yaml")
        [*_, removed] = repository.steps("contracts/b.yaml")
        blob = repository.steps("contracts/b.yaml")[1].version.blob
    assert created.renamed_to is None
    assert (moved.version.blob, moved.renamed_to) == (None, ("contracts/b.yaml", blob))
    assert (removed.version.blob, removed.renamed_to) == (None, None)


def test_shallow_boundary_and_committed_files(repo: Repo, tmp_path: Path) -> None:
    for number in range(3):
        repo.write("contracts/a.yaml", _agreement(note=str(number)))
        repo.commit(f"version {number}")
    repo.write("contracts/new.yaml", _agreement("new"))
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], env=ENV, check=True)
    with Repository.open(clone) as shallow, _open(repo) as full:
        [boundary] = shallow.shallow_boundary()
        assert boundary == shallow.versions("contracts/a.yaml")[0].commit
        assert full.shallow_boundary() == frozenset()
        assert full.committed(["contracts/new.yaml", "contracts/a.yaml"]) == ["contracts/a.yaml"]


# --- what consent reads from git ------------------------------------------------------------------------------------


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
    with _open(repo) as repository:
        assert repository.added_by(record) == Addition(first, "maria@example.org")
        repo.git("checkout", "-q", "--orphan", "fresh")
        assert repository.added_by(record) is None  # nothing in HEAD's history yet
        repo.commit("fresh start")
        assert repository.added_by(record) == Addition(repository.resolve("HEAD"), "maria@example.org")


def test_added_by_is_none_for_a_file_no_commit_added(repo: Repo) -> None:
    with _open(repo) as repository:
        assert repository.added_by("contracts/a.yaml") is None  # no history at all
        repo.write("contracts/a.yaml", _agreement())
        repo.commit("one")
        repo.write("contracts/b.yaml", _agreement("b"))
        assert repository.added_by("contracts/b.yaml") is None  # in the work tree only
        assert repository.added_by("contracts/*.yaml") is None  # a path, never a pattern
        assert repository.added_by("contracts/a.yaml") is not None


def test_added_by_a_move_is_the_commit_that_moved_the_file(repo: Repo) -> None:
    repo.write("contracts/a.yaml", _agreement())
    repo.commit("create")
    repo.git("mv", "contracts/a.yaml", "contracts/b.yaml")
    moved = _commit_as(repo, "Li Wei <li@example.org>", "move")
    with _open(repo) as repository:
        assert repository.added_by("contracts/b.yaml") == Addition(moved, "li@example.org")


def test_tree_paths_lists_every_file_of_a_revision(repo: Repo) -> None:
    repo.write("contracts/a.yaml", _agreement())
    first = repo.commit("one")
    repo.write("contracts/ünï code [x].yaml", _agreement("odd"))
    repo.write("notes.txt", "not an agreement\n")
    repo.commit("two")
    repo.write("untracked.yaml", _agreement("untracked"))
    with _open(repo) as repository:
        assert repository.tree_paths(first) == ["contracts/a.yaml"]
        assert sorted(repository.tree_paths("HEAD")) == ["contracts/a.yaml", "contracts/ünï code [x].yaml",
                                                         "notes.txt"]
        with pytest.raises(GitError, match="unknown revision"):
            repository.tree_paths("no-such-branch")


def _raw_commit(repo: Repo, rev: str) -> bytes:
    return subprocess.run(["git", "cat-file", "commit", rev], cwd=repo.root, env=ENV, check=True,
                          capture_output=True).stdout


def test_commit_signature_of_an_ssh_signed_commit_verifies_with_plain_ssh_keygen(repo: Repo, make_key: MakeKey,
                                                                                 tmp_path: Path) -> None:
    key = make_key("maria")
    repo.write("contracts/a.yaml", _agreement())
    repo.git("add", "-A")
    repo.git("-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-q", "-S", "-m",
             "Signed\n\n an indented line of the body")
    with _open(repo) as repository:
        found = repository.commit_signature("HEAD")
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
    repo.write("contracts/a.yaml", _agreement())
    repo.commit("unsigned")
    with _open(repo) as repository:
        assert repository.commit_signature("HEAD") is None
        with pytest.raises(GitError, match="unknown revision"):
            repository.commit_signature("no-such-commit")


def test_commit_signature_reads_the_headers_as_git_does(repo: Repo) -> None:
    """The signature of this hash's header is taken out; another hash's signature belongs to neither; another
    header's continuation lines (a merge tag) stay in the payload, and so does a message line that looks like one."""
    repo.write("contracts/a.yaml", _agreement())
    plain = _raw_commit(repo, repo.commit("plain"))
    headers, message = plain.split(b"\n\n", 1)
    mergetag = b"mergetag object 0123\n type commit\n tag v1"
    other = b"gpgsig-sha256 -----BEGIN SSH SIGNATURE-----\n b3RoZXI=\n -----END SSH SIGNATURE-----"
    ours = b"gpgsig -----BEGIN PGP SIGNATURE-----\n \n iQEzBAAB\n -----END PGP SIGNATURE-----"
    body = message + b"\ngpgsig in the message\n -----END PGP SIGNATURE-----\n"
    raw = b"\n".join([headers, mergetag, other, ours]) + b"\n\n" + body
    written = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo.root, env=ENV,
                             input=raw, check=True, capture_output=True).stdout.decode("ascii").strip()
    with _open(repo) as repository:
        found = repository.commit_signature(written)
    assert found is not None
    assert found.signature == "-----BEGIN PGP SIGNATURE-----\n\niQEzBAAB\n-----END PGP SIGNATURE-----\n"
    assert found.format == "openpgp"
    assert found.payload == headers + b"\n" + mergetag + b"\n\n" + body


def test_config_get_and_set_touch_the_repositorys_own_settings_only(repo: Repo, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    user = tmp_path / "user.gitconfig"
    user.write_text('[diff "agreed"]\n\tcommand = the-users-differ\n', encoding="utf-8")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", str(user))
    with _open(repo) as repository:
        assert repository.config_get("diff.agreed.command") is None  # set for the user, not in this repository
        repository.config_set("diff.agreed.command", "-x  two spaces")
        assert repository.config_get("diff.agreed.command") == "-x  two spaces"
        assert repository.config_get("DIFF.agreed.Command") == "-x  two spaces"  # git's case rules
        assert repository.config_get("diff.Agreed.command") is None  # a subsection is case-sensitive
    assert repo.git("config", "--local", "--get", "diff.agreed.command") == "-x  two spaces"
    assert "two spaces" not in user.read_text(encoding="utf-8")


def test_config_refuses_bad_names_and_ambiguous_replacements(repo: Repo) -> None:
    repo.git("config", "--local", "--add", "agreed.several", "one")
    repo.git("config", "--local", "--add", "agreed.several", "two")
    with _open(repo) as repository:
        for name in ("nodot", "-x.y", "section.1name", "", "a.b\n"):
            with pytest.raises(GitError, match="not a git setting name"):
                repository.config_get(name)
            with pytest.raises(GitError, match="not a git setting name"):
                repository.config_set(name, "value")
        assert repository.config_get("agreed.several") == "two"
        with pytest.raises(GitError) as raised:
            repository.config_set("agreed.several", "three")
        assert "\n" not in str(raised.value)
        with pytest.raises(GitError, match="NUL"):
            repository.config_set("agreed.one", "a\0b")
    assert repo.git("config", "--local", "--get-all", "agreed.several").split() == ["one", "two"]


def test_additions_reads_every_ledger_file_in_one_walk_and_follows_head(repo: Repo) -> None:
    first, second = "contracts/.consent/a/li/0123456789abcdef.yaml", "team/.consent/b/maria/fedcba9876543210.yaml"
    repo.write(first, "party: li\n")
    repo.write("contracts/a.yaml", _agreement())
    one = repo.commit("first record")
    repo.write(second, "party: maria\n")
    (repo.root / first).unlink()
    repo.commit("second record; first removed")
    repo.write(first, "party: li\n")
    _commit_as(repo, "Li Wei <li@example.org>", "first record again")
    with _open(repo) as repository:
        found = repository.additions(":(glob)**/.consent/**")
        assert set(found) == {first, second}  # contracts/a.yaml is outside every ledger
        assert found[first] == Addition(one, "maria@example.org")  # the oldest addition
    repo.git("mv", "contracts", "archive")
    moved = _commit_as(repo, "Mallory <mallory@example.org>", "move the agreement and its ledger")
    repo.git("mv", "team/.consent/b/maria/fedcba9876543210.yaml", "team/.consent/b/maria/0000000000000000.yaml")
    (repo.root / "team/.consent/b/maria/0000000000000000.yaml").write_text("party: maria\nedited: yes\n",
                                                                           encoding="utf-8")
    edited = repo.commit("rename one record and change it")
    with _open(repo) as repository:
        found = repository.additions(":(glob)**/.consent/**")
        assert found["archive/.consent/a/li/0123456789abcdef.yaml"] == Addition(one, "maria@example.org")
        assert found["team/.consent/b/maria/0000000000000000.yaml"] == Addition(edited, "maria@example.org")
        assert moved != one
        repo.git("checkout", "-q", "--orphan", "fresh")
        assert repository.additions(":(glob)**/.consent/**") == {}  # HEAD moved to an unborn branch
