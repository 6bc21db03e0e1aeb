"""agreed.git.repository on real temporary repositories: opening one, resolving revisions, reading files, blobs
and trees."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agreed.git.repository import CommandFailed, GitError, Repository
from gitrepo import Repo, sample_agreement


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
    with Repository.open(repo.root) as repository:
        assert repository.relative(repo.root / "contracts" / "gone.yaml") == "contracts/gone.yaml"
        with pytest.raises(GitError, match="is outside the repository"):
            repository.relative(tmp_path / "elsewhere.yaml")


def test_resolve_and_read(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    sha = repo.commit("create")
    with Repository.open(repo.root) as repository:
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


def test_tree_paths_lists_every_file_of_a_revision(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    first = repo.commit("one")
    repo.write("contracts/ünï code [x].yaml", sample_agreement("odd"))
    repo.write("notes.txt", "not an agreement\n")
    repo.commit("two")
    repo.write("untracked.yaml", sample_agreement("untracked"))
    with Repository.open(repo.root) as repository:
        assert repository.tree_paths(first) == ["contracts/a.yaml"]
        assert sorted(repository.tree_paths("HEAD")) == ["contracts/a.yaml", "contracts/ünï code [x].yaml",
                                                         "notes.txt"]
        with pytest.raises(GitError, match="unknown revision"):
            repository.tree_paths("no-such-branch")


def test_tree_blobs_gives_each_file_its_blob_and_blobs_reads_many_at_once(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    repo.write("contracts/ünï code [x].yaml", sample_agreement("odd"))
    repo.write("empty.txt", "")
    repo.commit("one")
    with Repository.open(repo.root) as repository:
        found = repository.tree_blobs("HEAD")
        assert sorted(found) == ["contracts/a.yaml", "contracts/ünï code [x].yaml", "empty.txt"]
        assert found["contracts/a.yaml"] == repo.git("rev-parse", "HEAD:contracts/a.yaml")
        tree = repo.git("rev-parse", "HEAD:contracts")
        missing = "0" * 40
        read = repository.blobs([*found.values(), tree, missing, "HEAD:empty.txt", found["empty.txt"]])
        assert read == {blob_id: (repo.root / path).read_bytes() for path, blob_id in found.items()}
        assert read[found["empty.txt"]] == b""
        assert repository.blobs([]) == {}
        with pytest.raises(GitError, match="unknown revision"):
            repository.tree_blobs("no-such-branch")


def test_relative_follows_a_link_from_outside_only_when_the_plain_path_is_outside(repo: Repo, tmp_path: Path) -> None:
    (repo.root / "contracts").mkdir()
    link = tmp_path / "link-to-contracts"
    link.symlink_to(repo.root / "contracts", target_is_directory=True)
    inner_link = repo.root / "inner-link"
    inner_link.symlink_to(tmp_path, target_is_directory=True)
    with Repository.open(repo.root) as repository:
        assert repository.relative(link / "a.yaml") == "contracts/a.yaml"
        assert repository.relative(inner_link / "b.yaml") == "inner-link/b.yaml"  # inside as written: kept


def test_head_is_none_on_an_unborn_branch_and_follows_commits_and_a_detached_head(repo: Repo) -> None:
    with Repository.open(repo.root) as repository:
        assert repository.head() is None
        repo.write("contracts/a.yaml", sample_agreement())
        first = repo.commit("one")
        assert repository.head() == first
        repo.write("contracts/b.yaml", sample_agreement("b"))
        second = repo.commit("two")
        assert repository.head() == second
        repo.git("checkout", "-q", "--detach", first)
        assert repository.head() == first
        repo.git("pack-refs", "--all")
        repo.git("checkout", "-q", "-")
        assert repository.head() == second  # the branch's ref read from packed-refs


def test_holding_head_keeps_the_commit_read_first_until_it_ends(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    first = repo.commit("one")
    with Repository.open(repo.root) as repository:
        with repository.holding_head():
            repo.write("contracts/b.yaml", sample_agreement("b"))
            second = repo.commit("two")
            assert repository.head() == first
            with repository.holding_head():
                assert repository.head() == first
            assert repository.head() == first  # the inner hold ends without releasing the outer one
        assert repository.head() == second


def test_open_from_inside_the_git_folder_finds_the_work_tree_and_a_bare_repository_is_refused(
        repo: Repo, tmp_path: Path) -> None:
    with Repository.open(repo.root / ".git" / "refs") as repository:
        assert repository.root == repo.root.resolve()
    bare = tmp_path / "shared.git"
    repo.git("init", "-q", "--bare", str(bare))
    with pytest.raises(GitError, match="is a bare repository"):
        Repository.open(bare)


def test_opening_a_work_tree_and_asking_if_it_is_shallow_runs_git_once(repo: Repo,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    (repo.root / "a folder").mkdir()
    started: list[list[str]] = []
    run = subprocess.run

    def counted(arguments: list[str], **options: object) -> object:
        started.append(arguments)
        return run(arguments, **options)  # type: ignore[call-overload]

    monkeypatch.setattr(subprocess, "run", counted)
    with Repository.open(repo.root / "a folder") as repository:
        assert repository.root == repo.root.resolve()
        assert not repository.is_shallow()
    assert len(started) == 1
    with Repository.open(repo.root / ".git" / "refs") as repository:  # no work tree there: decided in more steps
        assert repository.root == repo.root.resolve()
    assert len(started) > 2


def test_running_git_and_reading_head_import_no_gitpython(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    sha = repo.commit("one")
    program = ("import sys; from pathlib import Path; from agreed.git.repository import Repository\n"
               f"r = Repository.open(Path({str(repo.root)!r}))\n"
               "head = r.head(); listed = r.tree_blobs('HEAD'); read = r.blobs(listed.values())\n"
               "print(head, sorted(listed), len(read), 'git' in sys.modules)\n"
               "r.read('HEAD', 'contracts/a.yaml'); print('git' in sys.modules)")
    shown = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, check=True).stdout
    assert shown.split() == [sha, "['contracts/a.yaml']", "1", "False", "True"]


def test_a_failing_command_says_what_git_said_in_one_line(repo: Repo) -> None:
    with Repository.open(repo.root) as repository:
        with pytest.raises(CommandFailed, match=r"^ambiguous argument 'no-such-thing'") as caught:
            repository.run("log", "no-such-thing")
        assert caught.value.status == 128
        assert "\n" not in str(caught.value)
        assert repository.run("hash-object", "--stdin", stdin=b"x\n").strip() == repo.git(
            "hash-object", str(_written(repo.root / "x.txt", "x\n"))).encode()


def _written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
