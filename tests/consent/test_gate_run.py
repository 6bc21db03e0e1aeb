"""The consent gate's run (agreed.consent.gate_run), called directly on real temporary repositories: which files it
reads, the base revision and roster it assembles, and what it refuses."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from agreed.consent.gate_run import SHALLOW, GateUsageError, consent_statuses, gate_roster
from agreed.consent.trust import StatusError
from agreed.git.repository import Repository
from agreed.schema import template_path
from gitrepo import EXAMPLE, commit_all, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _add(repo: Path, name: str, agreement_id: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace("id: sales-onboarding\n", f"id: {agreement_id}\n", 1)
    (repo / "contracts" / name).write_text(text, encoding="utf-8")


def test_every_agreement_of_contracts_is_given_a_status_by_default(repo: Path) -> None:
    _add(repo, "a.yaml", "first")
    _add(repo, "b.yaml", "second")
    commit_all(repo, "Two agreements")
    results = consent_statuses(repo, [])
    assert [(result.path, result.agreement) for result in results] == [("contracts/a.yaml", "first"),
                                                                       ("contracts/b.yaml", "second")]
    assert {party.state for result in results for party in result.parties} == {"missing"}


def test_an_agreement_removed_since_the_base_is_reported_deleted(repo: Path) -> None:
    _add(repo, "a.yaml", "first")
    _add(repo, "b.yaml", "second")
    commit_all(repo, "Two agreements")
    (repo / "contracts" / "b.yaml").unlink()
    results = consent_statuses(repo, [], base="HEAD")
    assert [(result.path, result.deleted) for result in results] == [("contracts/a.yaml", False),
                                                                     ("contracts/b.yaml", True)]
    with pytest.raises(StatusError, match="unknown revision 'no-such-revision'"):
        consent_statuses(repo, [], base="no-such-revision")


def test_yaml_beside_the_agreements_that_is_no_agreement_is_left_out_unless_named(repo: Path) -> None:
    _add(repo, "a.yaml", "first")
    (repo / "contracts" / "notes.yaml").write_text("notes: []\n", encoding="utf-8")
    commit_all(repo, "An agreement and notes")
    assert [result.path for result in consent_statuses(repo, ["contracts"])] == ["contracts/a.yaml"]
    with pytest.raises(GateUsageError, match=r"^contracts/notes.yaml: "):
        consent_statuses(repo, ["contracts/notes.yaml"])


@pytest.mark.parametrize(("arguments", "message"), [
    (["contracts/missing.yaml"], "no such file or folder: contracts/missing.yaml"),
    (["-"], "consent needs agreement files in a repository, not standard input"),
    (["contracts"], "contracts: holds no agreement files (*.yaml, *.yml)"),
])
def test_paths_that_name_no_agreement_are_refused(repo: Path, arguments: list[str], message: str) -> None:
    (repo / "README.md").write_text("agreements\n", encoding="utf-8")
    commit_all(repo, "Nothing yet")
    with pytest.raises(GateUsageError) as raised:
        consent_statuses(repo, arguments)
    assert str(raised.value) == message


def test_a_named_template_is_refused(repo: Path) -> None:
    shutil.copy(template_path(), repo / "contracts" / "_template.yaml")
    commit_all(repo, "The template")
    with pytest.raises(GateUsageError, match="the template is not an agreement"):
        consent_statuses(repo, ["contracts/_template.yaml"])


def test_without_contracts_a_path_must_be_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "README.md").write_text("agreements\n", encoding="utf-8")
    commit_all(tmp_path, "No agreements")
    with pytest.raises(GateUsageError, match="no path given and there is no 'contracts/' folder at the repository"):
        consent_statuses(tmp_path, [])


def test_a_shallow_clone_is_refused(repo: Path, tmp_path_factory: pytest.TempPathFactory,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _add(repo, "a.yaml", "first")
    commit_all(repo, "One")
    (repo / "contracts" / "a.yaml").write_text((repo / "contracts" / "a.yaml").read_text() + "# two\n")
    commit_all(repo, "Two")
    clone = tmp_path_factory.mktemp("shallow") / "clone"
    git(repo, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    monkeypatch.chdir(clone)
    with pytest.raises(GateUsageError) as raised:
        consent_statuses(clone, [])
    assert str(raised.value) == SHALLOW


def test_the_roster_is_read_as_it_was_at_the_base(repo: Path) -> None:
    (repo / ".agreed.yaml").write_text("people: people.yaml\n", encoding="utf-8")
    (repo / "people.yaml").write_text("people:\n  - id: maria\n    name: Maria Chen\n", encoding="utf-8")
    commit_all(repo, "A roster")
    (repo / "people.yaml").write_text("people:\n  - id: li\n    name: Li Wei\n", encoding="utf-8")
    with Repository.open(repo) as repository:
        at_base, here = gate_roster(repository, repo, "HEAD"), gate_roster(repository, repo, None)
    assert at_base is not None
    assert here is not None
    assert (sorted(at_base.people), sorted(here.people)) == (["maria"], ["li"])
