"""agreed.history.pairing on real temporary repositories, called directly (no command line): which versions
``agreed diff --base`` compares, and the name git's rename detection gives a file at a revision."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from agreed.git.repository import Repository
from agreed.history.pairing import UnreadableVersion, changed_agreements, renamed_at, working_version
from gitrepo import Repo, sample_agreement


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    repository = Repo(tmp_path / "repo")
    monkeypatch.chdir(repository.root)
    return repository


def _pairs(repo: Repo, base: str, *limits: str) -> list[tuple[str | None, str | None, bool]]:
    with Repository.open(repo.root) as repository:
        return sorted(((file.old_path, file.new_path, file.renamed) for file in
                       changed_agreements(repository, base, limits)), key=str)


def test_changes_since_the_base_are_paired_across_renames_in_contracts(repo: Repo) -> None:
    repo.write("contracts/keep.yaml", sample_agreement("keep"))
    repo.write("contracts/old.yaml", sample_agreement("moving"))
    repo.write("contracts/gone.yaml", sample_agreement("gone"))
    repo.write("docs/copy.yaml", sample_agreement("copy"))
    base = repo.commit("base")
    repo.git("mv", "contracts/old.yaml", "contracts/new.yaml")
    (repo.root / "contracts/gone.yaml").unlink()
    repo.write("contracts/keep.yaml", sample_agreement("keep", note="edited"))
    repo.write("docs/copy.yaml", sample_agreement("copy", note="edited"))  # outside contracts/: not compared
    repo.write("contracts/added.yaml", sample_agreement("added"))  # untracked: still a change
    assert _pairs(repo, base) == sorted([
        (None, "contracts/added.yaml", False), ("contracts/gone.yaml", None, False),
        ("contracts/keep.yaml", "contracts/keep.yaml", False), ("contracts/old.yaml", "contracts/new.yaml", True),
    ], key=str)


def test_a_file_moved_out_of_the_checked_places_is_deleted_there(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement("a"))
    base = repo.commit("base")
    repo.git("mv", "contracts/a.yaml", "contracts/a-moved.yaml")
    assert _pairs(repo, base, "contracts/a.yaml") == [("contracts/a.yaml", "contracts/a-moved.yaml", True)]
    (repo.root / "archive").mkdir()
    repo.git("mv", "contracts/a-moved.yaml", "archive/a.yaml")
    assert _pairs(repo, base) == [("contracts/a.yaml", None, False)]


def test_yaml_that_is_no_agreement_is_left_out(repo: Repo) -> None:
    base = repo.commit("empty")
    repo.write("contracts/people.yaml", "people: []\n")
    assert _pairs(repo, base) == []


def test_the_name_at_a_revision_is_found_through_renames_in_either_direction(repo: Repo) -> None:
    repo.write("contracts/old.yaml", sample_agreement("moving"))
    old = repo.commit("old name")
    repo.git("mv", "contracts/old.yaml", "contracts/new.yaml")
    new = repo.commit("new name")
    with Repository.open(repo.root) as repository:
        assert renamed_at(repository, old, "contracts/new.yaml", None) == "contracts/old.yaml"
        assert renamed_at(repository, old, "contracts/new.yaml", new) == "contracts/old.yaml"
        assert renamed_at(repository, new, "contracts/old.yaml", old) == "contracts/new.yaml"
        assert renamed_at(repository, old, "contracts/other.yaml", None) is None
        assert renamed_at(repository, "no-such-revision", "contracts/new.yaml", None) is None


def test_a_working_version_is_its_bytes_none_when_missing_and_an_error_when_unreadable(tmp_path: Path) -> None:
    file = tmp_path / "a.yaml"
    file.write_bytes(b"agreed: 1\n")
    assert working_version(file) == b"agreed: 1\n"
    assert working_version(tmp_path / "missing.yaml") is None
    with pytest.raises(UnreadableVersion, match="is a directory"):
        working_version(tmp_path)
    if os.geteuid() != 0:
        file.chmod(0)
        with pytest.raises(UnreadableVersion, match=str(file)):
            working_version(file)
