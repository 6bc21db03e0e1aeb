"""agreed.git.history on real temporary repositories: versions following renames, deletions, merges, odd names,
shallow clones, reachable commits."""

from __future__ import annotations

import subprocess
from pathlib import Path

from agreed.git.history import (
    SHALLOW_MESSAGE,
    agreement_files,
    committed,
    deleted_files,
    reachable,
    shallow_boundary,
    steps_of,
    versions_of,
)
from agreed.git.repository import Repository
from gitrepo import REPO_ENV, Repo, sample_agreement


def test_versions_follow_a_rename(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    first = repo.commit("create")
    repo.write("contracts/a.yaml", sample_agreement(note="second"))
    second = repo.commit("edit")
    repo.git("mv", "contracts/a.yaml", "contracts/b.yaml")
    repo.write("contracts/b.yaml", sample_agreement(note="third"))
    third = repo.commit("rename and edit")
    repo.write("contracts/other.yaml", sample_agreement("other"))
    repo.commit("unrelated")
    with Repository.open(repo.root) as repository:
        versions = versions_of(repository, "contracts/b.yaml")
        steps = steps_of(repository, "contracts/b.yaml")
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
    repo.write("contracts/a.yaml", sample_agreement())
    repo.commit("create")
    (repo.root / "contracts/a.yaml").unlink()
    deleted = repo.commit("delete")
    repo.write("contracts/a.yaml", sample_agreement(note="again"))
    recreated = repo.commit("re-create")
    with Repository.open(repo.root) as repository:
        steps = steps_of(repository, "contracts/a.yaml")
        assert deleted_files(repository) == [("contracts/a.yaml", steps[0].version.blob)]
    assert [step.version.subject for step in steps] == ["create", "delete", "re-create"]
    assert steps[1].version.commit == deleted
    assert steps[1].version.blob is None
    assert steps[1].before == steps[0].version.blob
    assert steps[2].version.commit == recreated
    assert steps[2].before is None


def test_a_deleted_file_has_versions_though_not_in_the_work_tree(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    repo.commit("create")
    (repo.root / "contracts/a.yaml").unlink()
    repo.commit("delete")
    with Repository.open(repo.root) as repository:
        assert [v.blob is None for v in versions_of(repository, "contracts/a.yaml")] == [False, True]
        assert agreement_files(repository) == []


def _diverged(repo: Repo) -> tuple[str, str, str, str]:
    """contracts/a.yaml edited on a side branch and on main, then merged: (base, side, main, merge) commits."""
    repo.write("contracts/a.yaml", sample_agreement())
    base = repo.commit("create", "2031-01-01T12:00:00+00:00")
    repo.git("checkout", "-q", "-b", "side")
    data = sample_agreement()
    data["body"][-1] = "Changed on the side branch"
    repo.write("contracts/a.yaml", data)
    side = repo.commit("side edit", "2031-01-02T12:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.write("contracts/a.yaml", sample_agreement(note="main"))
    main = repo.commit("main edit", "2031-01-03T12:00:00+00:00")
    repo.git("merge", "-q", "--no-edit", "side", date="2031-01-04T12:00:00+00:00")
    return base, side, main, repo.git("rev-parse", "HEAD")


def test_first_parents_list_a_merged_branch_once_as_its_merge(repo: Repo) -> None:
    base, _, main, merge = _diverged(repo)
    with Repository.open(repo.root) as repository:
        steps = steps_of(repository, "contracts/a.yaml")
    assert [step.version.commit for step in steps] == [base, main, merge]
    blob = {step.version.commit: step.version.blob for step in steps}
    assert steps[2].before == blob[main]  # the merge against its first parent: what the branch brought in


def test_every_commit_lists_each_version_once_oldest_first(repo: Repo) -> None:
    base, side, main, merge = _diverged(repo)
    with Repository.open(repo.root) as repository:
        steps = steps_of(repository, "contracts/a.yaml", first_parent=False)
        assert [version.commit for version in versions_of(repository, "contracts/a.yaml")] == [base, side, main, merge]
    commits = [step.version.commit for step in steps]
    assert commits == [base, side, main, merge]
    assert len(set(commits)) == len(commits)
    blob = {step.version.commit: step.version.blob for step in steps}
    before = {step.version.commit: step.before for step in steps}
    assert before[side] == before[main] == blob[base]  # each branch's commit against its own parent
    assert before[merge] == blob[main]  # the merge against its first parent


def test_non_utf8_commit_messages(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    message = repo.root.parent / "message"
    message.write_bytes(b"Caf\xe9 deadline\n\nbody\n")
    repo.git("add", "-A")
    repo.git("-c", "i18n.commitEncoding=latin1", "commit", "-q", "-F", str(message))
    repo.write("contracts/a.yaml", sample_agreement(note="raw"))
    repo.commit("to be rewritten")
    _rewrite_message(repo, b"Broken \xff\xfe bytes\n")  # no encoding header, and not UTF-8
    with Repository.open(repo.root) as repository:
        subjects = [version.subject for version in versions_of(repository, "contracts/a.yaml")]
    assert subjects[0] == "Café deadline"
    assert subjects[1].startswith("Broken ")
    assert subjects[1].endswith(" bytes")
    assert "\ufffd" in subjects[1]


def _rewrite_message(repo: Repo, message: bytes) -> None:
    """Replace HEAD's message with raw bytes (git commit would convert them to UTF-8)."""
    raw = subprocess.run(["git", "cat-file", "commit", "HEAD"], cwd=repo.root, env=REPO_ENV, check=True,
                         capture_output=True).stdout
    header = raw.split(b"\n\n", 1)[0]
    written = subprocess.run(["git", "hash-object", "-t", "commit", "-w", "--stdin"], cwd=repo.root, env=REPO_ENV,
                             input=header + b"\n\n" + message, check=True, capture_output=True).stdout
    repo.git("update-ref", "HEAD", written.decode().strip())


def test_odd_file_names(repo: Repo) -> None:
    name = "contracts/ünïcode name [x] *.yaml"
    repo.write(name, sample_agreement())
    repo.commit("create")
    repo.write(name, sample_agreement(note="second"))
    repo.commit("edit")
    repo.write("contracts/ünïcode name [x] other.yaml", sample_agreement("other"))
    repo.commit("another file that a glob would match")
    with Repository.open(repo.root) as repository:
        assert [version.subject for version in versions_of(repository, name)] == ["create", "edit"]
        assert versions_of(repository, "contracts/nothing.yaml") == []


def test_empty_repository_has_no_versions(repo: Repo) -> None:
    with Repository.open(repo.root) as repository:
        assert versions_of(repository, "contracts/a.yaml") == []
        assert deleted_files(repository) == []


def test_shallow_clones_are_detected(repo: Repo, tmp_path: Path) -> None:
    for number in range(3):
        repo.write("contracts/a.yaml", sample_agreement(note=str(number)))
        repo.commit(f"version {number}")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], env=REPO_ENV, check=True)
    with Repository.open(clone) as shallow, Repository.open(repo.root) as full:
        assert shallow.is_shallow()
        assert not full.is_shallow()
        assert len(versions_of(shallow, "contracts/a.yaml")) == 2
    assert "fetch-depth: 0" in SHALLOW_MESSAGE
    assert "--allow-shallow" in SHALLOW_MESSAGE


def test_reachable_and_files(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    first = repo.commit("one")
    repo.write("contracts/b.yml", sample_agreement("b"))
    second = repo.commit("two")
    repo.write("ignored/c.yaml", sample_agreement("c"))
    repo.write(".gitignore", "ignored/\n")
    with Repository.open(repo.root) as repository:
        assert reachable(repository, first) == {first}
        assert reachable(repository, "HEAD") == {first, second}
        assert sorted(agreement_files(repository)) == ["contracts/a.yaml", "contracts/b.yml"]


def test_a_deletion_that_git_sees_as_a_rename_says_where_the_file_went(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement())
    repo.commit("create")
    repo.git("mv", "contracts/a.yaml", "contracts/b.yaml")
    repo.commit("move")
    (repo.root / "contracts/b.yaml").unlink()
    repo.commit("remove")
    with Repository.open(repo.root) as repository:
        created, moved = steps_of(repository, "contracts/a.yaml")
        [*_, removed] = steps_of(repository, "contracts/b.yaml")
        blob = steps_of(repository, "contracts/b.yaml")[1].version.blob
    assert created.renamed_to is None
    assert (moved.version.blob, moved.renamed_to) == (None, ("contracts/b.yaml", blob))
    assert (removed.version.blob, removed.renamed_to) == (None, None)


def test_shallow_boundary_and_committed_files(repo: Repo, tmp_path: Path) -> None:
    for number in range(3):
        repo.write("contracts/a.yaml", sample_agreement(note=str(number)))
        repo.commit(f"version {number}")
    repo.write("contracts/new.yaml", sample_agreement("new"))
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], env=REPO_ENV, check=True)
    with Repository.open(clone) as shallow, Repository.open(repo.root) as full:
        [boundary] = shallow_boundary(shallow)
        assert boundary == versions_of(shallow, "contracts/a.yaml")[0].commit
        assert shallow_boundary(full) == frozenset()
        assert committed(full, ["contracts/new.yaml", "contracts/a.yaml"]) == ["contracts/a.yaml"]
