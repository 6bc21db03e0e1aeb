"""agreed.git.changes on real temporary repositories: the agreement files changed since a merge base, renames
paired, the work tree included."""

from __future__ import annotations

import pytest

from agreed.git.changes import changed_files
from agreed.git.repository import GitError, Repository
from gitrepo import Repo, sample_agreement


def test_changed_pairs_renames_and_sees_the_work_tree(repo: Repo) -> None:
    repo.write("contracts/keep.yaml", sample_agreement("keep"))
    repo.write("contracts/old.yaml", sample_agreement("moving"))
    repo.write("contracts/gone.yaml", sample_agreement("gone"))
    repo.write("notes.txt", "not an agreement\n")
    base = repo.commit("base")
    repo.git("checkout", "-q", "-b", "feature")
    repo.git("mv", "contracts/old.yaml", "contracts/new.yaml")
    (repo.root / "contracts/gone.yaml").unlink()
    repo.write("contracts/keep.yaml", sample_agreement("keep", note="edited"))
    repo.write("contracts/added.yml", sample_agreement("added"))
    repo.write("notes.txt", "changed\n")
    repo.commit("feature")
    with Repository.open(repo.root) as repository:
        assert sorted(changed_files(repository, base, "HEAD"), key=str) == sorted([
            (None, "contracts/added.yml"), ("contracts/gone.yaml", None),
            ("contracts/keep.yaml", "contracts/keep.yaml"), ("contracts/old.yaml", "contracts/new.yaml"),
        ], key=str)
        repo.write("contracts/untracked.yaml", sample_agreement("untracked"))
        repo.write("contracts/new.yaml", sample_agreement("moving", note="uncommitted"))
        work_tree = changed_files(repository, "main")
        assert (None, "contracts/untracked.yaml") in work_tree
        assert ("contracts/old.yaml", "contracts/new.yaml") in work_tree
        assert changed_files(repository, "HEAD") == [("contracts/new.yaml", "contracts/new.yaml"),
                                              (None, "contracts/untracked.yaml")]
        with pytest.raises(GitError, match="unknown revision"):
            changed_files(repository, "no-such-branch")
