"""agreed.history.named_versions called directly (no command line), on real temporary repositories: how the
arguments of ``agreed diff`` name versions, and which comparisons they give."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from agreed.history.named_versions import Spec, UnusableVersions, files_to_compare, pair_specs, parse_spec
from gitrepo import Repo, sample_agreement


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Repo:
    repository = Repo(tmp_path / "repo")
    monkeypatch.chdir(repository.root)
    return repository


def _labels(repo: Repo, *versions: str, base: str | None = None) -> list[tuple[str | None, str | None]]:
    return [(file.old_path, file.new_path) for file in files_to_compare(versions, base)]


def test_a_spec_is_a_file_a_revision_and_path_or_a_bare_revision(repo: Repo) -> None:
    repo.write("notes", "a file without a suffix\n")
    assert parse_spec("notes") == Spec(None, "notes")  # exists: a file, whatever it looks like
    assert parse_spec("HEAD~1:contracts/a.yaml") == Spec("HEAD~1", "contracts/a.yaml")
    assert parse_spec("missing.yml") == Spec(None, "missing.yml")
    assert parse_spec("contracts/missing") == Spec(None, "contracts/missing")
    assert parse_spec("main") == Spec("main", None)


@pytest.mark.parametrize("text", [":a.yaml", "HEAD:"])
def test_a_colon_needs_a_revision_and_a_path(repo: Repo, text: str) -> None:
    with pytest.raises(UnusableVersions, match="write REV:path"):
        parse_spec(text)


def test_one_file_is_compared_with_its_version_at_head_read_from_the_current_folder(repo: Repo) -> None:
    assert pair_specs([Spec(None, "a.yaml")]) == (Spec("HEAD", "./a.yaml", named=False), Spec(None, "a.yaml"))
    assert pair_specs([Spec("v1", "a.yaml")]) == (Spec("v1", "a.yaml"), Spec(None, "a.yaml"))


def test_a_bare_revision_takes_the_other_arguments_file(repo: Repo) -> None:
    assert pair_specs([Spec("v1", None), Spec(None, "a.yaml")]) == (Spec("v1", "./a.yaml"), Spec(None, "a.yaml"))
    assert pair_specs([Spec("v1", "a.yaml"), Spec("v2", None)]) == (Spec("v1", "a.yaml"), Spec("v2", "a.yaml"))


@pytest.mark.parametrize(("specs", "message"), [
    ([Spec("v1", None)], "'v1' is a revision; name a file too"),
    ([Spec("v1", None), Spec("v2", None)], "both arguments are revisions"),
])
def test_revisions_alone_name_no_file(repo: Repo, specs: list[Spec], message: str) -> None:
    with pytest.raises(UnusableVersions, match=message):
        pair_specs(specs)


def test_a_working_file_is_compared_with_head_and_a_new_one_is_added(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement("a"))
    repo.commit("a")
    repo.write("contracts/a.yaml", sample_agreement("a", note="edited"))
    repo.write("contracts/new.yaml", sample_agreement("new"))
    (changed,) = files_to_compare(["contracts/a.yaml"], None)
    assert (changed.old_path, changed.new_path) == ("HEAD:contracts/a.yaml", "contracts/a.yaml")
    assert [change.path for change in changed.changes] == ["notes"]
    assert _labels(repo, "contracts/new.yaml") == [(None, "contracts/new.yaml")]


def test_a_file_named_at_a_revision_must_exist_there_and_git_names_it_when_renamed(repo: Repo) -> None:
    repo.write("contracts/old.yaml", sample_agreement("moving"))
    repo.commit("old")
    repo.git("mv", "contracts/old.yaml", "contracts/new.yaml")
    repo.commit("renamed")
    with pytest.raises(UnusableVersions) as raised:
        files_to_compare(["HEAD~1", "contracts/new.yaml"], None)
    assert str(raised.value) == ("contracts/new.yaml does not exist at HEAD~1 (git knows it there as "
                                 "contracts/old.yaml: use HEAD~1:contracts/old.yaml)")
    assert _labels(repo, "HEAD~1:contracts/old.yaml", "contracts/new.yaml") == [
        ("HEAD~1:contracts/old.yaml", "contracts/new.yaml")]


@pytest.mark.parametrize(("versions", "message"), [
    ((), "name a file (against HEAD), two versions (A B), or use --base REV"),
    (("a.yaml", "b.yaml", "c.yaml"), "expected at most two versions, got 3; use --base REV for many files"),
    (("a.yaml", "b.yaml"), "neither a.yaml nor b.yaml exists"),
    (("no-such-revision:a.yaml", "a.yaml"), "no-such-revision"),
])
def test_versions_that_cannot_be_compared_are_one_error(repo: Repo, versions: tuple[str, ...], message: str) -> None:
    repo.commit("empty")
    with pytest.raises(UnusableVersions, match=re.escape(message)):
        files_to_compare(versions, None)


def test_only_agreements_are_compared(repo: Repo) -> None:
    repo.write("people.yaml", "people: []\n")
    repo.write("a.yaml", json.dumps(sample_agreement("a")))
    with pytest.raises(UnusableVersions, match=re.escape("people.yaml: not an agreement")):
        files_to_compare(["a.yaml", "people.yaml"], None)


def test_a_working_file_that_cannot_be_read_is_an_error_naming_it(repo: Repo) -> None:
    (repo.root / "folder.yaml").mkdir()
    repo.write("a.yaml", sample_agreement("a"))
    with pytest.raises(UnusableVersions, match=re.escape("folder.yaml: ")):
        files_to_compare(["a.yaml", "folder.yaml"], None)


def test_with_a_base_every_changed_agreement_below_the_paths_is_compared(repo: Repo) -> None:
    repo.write("contracts/a.yaml", sample_agreement("a"))
    repo.write("other/b.yaml", sample_agreement("b"))
    base = repo.commit("base")
    repo.write("contracts/a.yaml", sample_agreement("a", note="edited"))
    repo.write("other/b.yaml", sample_agreement("b", note="edited"))
    assert _labels(repo, base=base) == [("contracts/a.yaml", "contracts/a.yaml")]
    assert _labels(repo, "other", base=base) == [("other/b.yaml", "other/b.yaml")]
    with pytest.raises(UnusableVersions):
        files_to_compare([], "no-such-revision")
