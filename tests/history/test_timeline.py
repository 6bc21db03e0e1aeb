"""agreed.history.timeline on real temporary repositories: renames, deletions, merges, fields, windows, cache."""

from __future__ import annotations

import copy
import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from agreed.cache import CacheFolder, open_cache, repository_folder
from agreed.git.history import versions_of
from agreed.git.repository import GitError, Repository
from agreed.history.materiality import Materiality
from agreed.history.timeline import Options, Timeline, build_timeline, cache_name, parse_field, resolve_target
from agreed.history.versions import VersionLoader

MATERIAL, RECORD, EDITORIAL = Materiality.MATERIAL, Materiality.RECORD, Materiality.EDITORIAL

ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
PATH = "contracts/demo.yaml"


class Repo:
    """A temporary repository driven through the git command line; each commit one day after the last."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.day = 0
        root.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str) -> str:
        date = f"2031-01-{self.day + 1:02d}T12:00:00+00:00"
        env = {**ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        completed = subprocess.run(["git", "-c", "user.name=Maria Chen", "-c", "user.email=maria@example.org",
                                    *args], cwd=self.root, env=env, check=True, capture_output=True, text=True)
        return completed.stdout.strip()

    def commit(self, message: str, files: dict[str, Any]) -> str:
        """Write (or, for None, delete) each file, then commit them all."""
        for path, content in files.items():
            file = self.root / path
            if content is None:
                file.unlink()
                continue
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_text(content if isinstance(content, str) else json.dumps(content, indent=2) + "\n",
                            encoding="utf-8")
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message)
        self.day += 1
        return self.git("rev-parse", "HEAD")


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "repo")


@pytest.fixture
def agreement(minimal_agreement: dict[str, Any]) -> dict[str, Any]:
    minimal_agreement["relationship"] = {"surprises": "We tell each other within a day."}
    minimal_agreement["celebration"] = {"targets": [
        {"id": "nps", "metric": "Net promoter score of new accounts", "unit": "points", "baseline": 20,
         "target": 40},
    ]}
    return minimal_agreement


def _edited(data: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """A copy of data with dotted keys set: _edited(d, **{"results.deadline": "2031-07-30"})."""
    result = copy.deepcopy(data)
    for dotted, value in changes.items():
        node = result
        *parents, last = dotted.split(".")
        for key in parents:
            node = node[int(key)] if isinstance(node, list) else node[key]
        node[last] = value
    return result


def _timeline(repo: Repo, path: str = PATH, **options: Any) -> Timeline:
    with Repository.open(repo.root) as repository:
        return build_timeline(repository, path, Options(**{"cache": _cache(repo.root), **options}))


def _cache(root: Path) -> CacheFolder:
    """The repository's folder in the user cache the test runs with (conftest sets AGREED_CACHE_DIR)."""
    home = Path(os.environ["AGREED_CACHE_DIR"])
    return open_cache(repository_folder(home, root), home)


def _subjects(timeline: Timeline) -> list[str]:
    return [entry.version.subject for entry in timeline.entries]


def test_versions_with_semantic_changes(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    repo.commit("Slip the deadline", {PATH: _edited(agreement, **{"results.deadline": "2031-07-30"})})
    timeline = _timeline(repo)
    assert timeline.agreement_id == "demo"
    assert _subjects(timeline) == ["Create", "Slip the deadline"]
    created, slipped = timeline.entries
    assert created.created
    assert created.material
    [change] = slipped.changes
    assert (change.path, change.old, change.new, change.material) == ("results.deadline", "2031-06-30",
                                                                      "2031-07-30", True)
    assert "+30 days" in change.note


def test_renames_are_followed_while_the_id_stays(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    repo.commit("Rename", {PATH: None, "contracts/renamed.yaml": agreement})
    repo.commit("Edit", {"contracts/renamed.yaml": _edited(agreement, **{"results.deadline": "2031-08-01"})})
    timeline = _timeline(repo, "contracts/renamed.yaml")
    assert _subjects(timeline) == ["Create", "Rename", "Edit"]
    rename = timeline.entries[1]
    assert rename.renamed_from == PATH
    assert rename.changes == ()
    assert not rename.material
    assert timeline.notes == ()


def test_a_rename_from_another_agreement_is_not_followed(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create demo", {PATH: agreement})
    other = _edited(agreement, id="other")
    repo.commit("Replace demo by other", {PATH: None, "contracts/other.yaml": other})
    with Repository.open(repo.root) as repository:  # git itself sees a rename here
        assert [v.path for v in versions_of(repository, "contracts/other.yaml")] == [PATH, "contracts/other.yaml"]
    timeline = _timeline(repo, "contracts/other.yaml")
    assert _subjects(timeline) == ["Replace demo by other"]
    assert timeline.entries[0].created
    assert timeline.entries[0].renamed_from is None
    [note] = timeline.notes
    assert "'demo'" in note
    assert "not followed" in note


def test_deletion_and_recreation(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    repo.commit("Withdraw", {PATH: None})
    repo.commit("Bring it back", {PATH: _edited(agreement, status="draft", title="Demo, again")})
    timeline = _timeline(repo)
    created, deleted, recreated = timeline.entries
    assert (created.created, created.deleted) == (True, False)
    assert (deleted.deleted, deleted.created, deleted.version.blob) == (True, False, None)
    assert deleted.material
    assert recreated.created
    assert timeline.agreement_id == "demo"


def test_a_reorder_only_commit_is_editorial(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    reordered = _edited(agreement, parties=list(reversed(agreement["parties"])))
    repo.commit("Reorder parties", {PATH: reordered})
    reformatted = "\n".join(f"# comment\n{line}" for line in json.dumps(reordered).splitlines()) + "\n"
    repo.commit("Reformat", {PATH: reformatted})
    _, reorder, reformat = _timeline(repo).entries
    assert reorder.changes
    assert {change.kind.value for change in reorder.changes} == {"moved"}
    assert not reorder.material
    assert reformat.changes == ()
    assert not reformat.material


def test_merged_branches_show_their_own_changes(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    repo.git("checkout", "-q", "-b", "notes")
    repo.commit("Retitle", {PATH: _edited(agreement, title="Demo, retitled")})
    repo.git("checkout", "-q", "main")
    repo.commit("Slip the deadline", {PATH: _edited(agreement, **{"results.deadline": "2031-07-30"})})
    repo.git("merge", "-q", "--no-edit", "notes")
    timeline = _timeline(repo, first_parent=False)
    assert _subjects(timeline) == ["Create", "Retitle", "Slip the deadline", "Merge branch 'notes'"]
    paths = [[change.path for change in entry.changes] for entry in timeline.entries[1:]]
    assert paths == [["title"], ["results.deadline"], ["title"]]
    assert [entry.material for entry in timeline.entries[1:]] == [False, True, False]
    first_parents = _timeline(repo)  # the default: the branch's work is its merge
    assert _subjects(first_parents) == ["Create", "Slip the deadline", "Merge branch 'notes'"]
    assert [[change.path for change in entry.changes] for entry in first_parents.entries[1:]] == [
        ["results.deadline"], ["title"]]


def test_an_unparseable_version_is_kept_with_its_problems(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    repo.commit("Break it", {PATH: "agreed: 1\nid: [unclosed\n"})
    repo.commit("Fix it", {PATH: _edited(agreement, title="Fixed")})
    created, broken, fixed = _timeline(repo).entries
    assert broken.problems
    assert broken.changes == ()
    assert broken.unknown
    assert broken.material  # what it changed is unknown: never editorial
    assert fixed.compared_with == created.version  # compared with the last version that parses
    assert [change.path for change in fixed.changes] == ["title"]
    assert not fixed.problems
    assert not fixed.material


def test_material_changes_across_an_unparseable_version_are_listed(repo: Repo, agreement: dict[str, Any]) -> None:
    first = repo.commit("v1", {PATH: agreement})
    broken_text = json.dumps(_edited(agreement, **{"results.deadline": "2031-07-30"}), indent=2)[:-3] + "\n"
    repo.commit("Broken, deadline moved", {PATH: broken_text})
    fixed = _edited(agreement, **{"results.deadline": "2031-08-15"})
    fixed["celebration"]["announcer"] = "maria"
    repo.commit("Fix, deadline moved again, announcer", {PATH: fixed})
    timeline = _timeline(repo)
    _, broken, repaired = timeline.entries
    assert broken.unknown
    assert broken.material
    assert repaired.compared_with is not None
    assert repaired.compared_with.commit == first
    assert {(change.path, change.old, change.new) for change in repaired.changes} == {
        ("results.deadline", "2031-06-30", "2031-08-15"), ("celebration.announcer", None, "maria")}
    assert repaired.material
    assert _subjects(_timeline(repo, material_only=True)) == _subjects(timeline)
    points = _timeline(repo, field="results.deadline").points
    assert [(p.version.subject, p.change, p.total) for p in points] == [
        ("v1", "", ""), ("Fix, deadline moved again, announcer", "+46 days", "+46 days total")]


def test_an_uncommitted_file_has_no_versions_yet(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    fresh = repo.root / "contracts" / "brand-new.yaml"
    fresh.write_text(json.dumps(_edited(agreement, id="fresh")), encoding="utf-8")
    copy_of_demo = repo.root / "contracts" / "a-copy.yaml"  # sorts before demo.yaml, holds the same id
    copy_of_demo.write_text(json.dumps(agreement), encoding="utf-8")
    with Repository.open(repo.root) as repository:
        with pytest.raises(GitError, match=f"2 files hold this id \\(contracts/a-copy.yaml and {PATH}\\)"):
            resolve_target(repository, "demo", repo.root)  # the copy holds the id too: neither wins
        assert resolve_target(repository, "fresh", repo.root) == "contracts/brand-new.yaml"
    for staged in (False, True):
        if staged:
            repo.git("add", "contracts/brand-new.yaml")
        timeline = _timeline(repo, "contracts/brand-new.yaml")
        assert timeline.uncommitted
        assert timeline.entries == ()
        assert timeline.agreement_id == "fresh"
        assert _timeline(repo, "contracts/brand-new.yaml", field="results.deadline").points == ()
    assert not _timeline(repo).uncommitted


def test_two_committed_files_with_one_id_are_ambiguous(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement, "contracts/twin.yaml": agreement})
    with Repository.open(repo.root) as repository, pytest.raises(GitError) as caught:
        resolve_target(repository, "demo", repo.root)
    message = str(caught.value)
    assert "\n" not in message
    assert PATH in message
    assert "contracts/twin.yaml" in message
    assert "name the file path" in message


def test_the_old_path_of_a_rename_shows_the_rename(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    moved = _edited(agreement, title="Demo, moved")
    repo.commit("Move it", {PATH: None, "contracts/moved.yaml": moved})
    timeline = _timeline(repo)
    _, renamed = timeline.entries
    assert (renamed.renamed_to, renamed.deleted, renamed.version.path) == ("contracts/moved.yaml", False,
                                                                           "contracts/moved.yaml")
    assert [change.path for change in renamed.changes] == ["title"]
    assert not renamed.material
    assert any("contracts/moved.yaml" in note for note in timeline.notes)
    # A file of another agreement that git pairs with the old one is no rename: the old one was deleted.
    repo.commit("Replace", {"contracts/moved.yaml": None, "contracts/other.yaml": _edited(moved, id="other")})
    gone = _timeline(repo, "contracts/moved.yaml").entries[-1]
    assert (gone.deleted, gone.renamed_to) == (True, None)


def test_a_shallow_clone_starts_where_its_history_starts(repo: Repo, agreement: dict[str, Any],
                                                          tmp_path: Path) -> None:
    _slipping(repo, agreement)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], env=ENV, check=True)
    with Repository.open(clone) as repository:
        timeline = build_timeline(repository, PATH, Options(allow_shallow=True, field="results.deadline"))
    start, last = timeline.entries
    assert start.history_start
    assert not start.created
    assert not start.material
    assert start.changes == ()
    assert not last.history_start
    assert [(p.value, p.initial, p.change) for p in timeline.points] == [
        ("2031-07-30", True, ""), ("2031-09-13", False, "+45 days")]


def _slipping(repo: Repo, agreement: dict[str, Any]) -> list[str]:
    shas = [repo.commit("Create", {PATH: agreement})]
    steps = [("Slip 30 days", "2031-07-30", 40), ("Reword", "2031-07-30", 40), ("Slip 45 more", "2031-09-13", 32)]
    for subject, deadline, target in steps:
        data = _edited(agreement, **{"results.deadline": deadline})
        data["celebration"]["targets"][0]["target"] = target
        if subject == "Reword":
            data["title"] = "Demo agreement, reworded"
        shas.append(repo.commit(subject, {PATH: data}))
    return shas


def test_a_field_timeline_with_cumulative_days(repo: Repo, agreement: dict[str, Any]) -> None:
    _slipping(repo, agreement)
    timeline = _timeline(repo, field="results.deadline")
    assert [(p.version.subject, p.value, p.change, p.total) for p in timeline.points] == [
        ("Create", "2031-06-30", "", ""),
        ("Slip 30 days", "2031-07-30", "+30 days", "+30 days total"),
        ("Slip 45 more", "2031-09-13", "+45 days", "+75 days total"),
    ]
    assert all(point.material for point in timeline.points)


def test_a_field_timeline_with_cumulative_percent(repo: Repo, agreement: dict[str, Any]) -> None:
    _slipping(repo, agreement)
    timeline = _timeline(repo, field="celebration.targets[id=nps].target")
    assert [(p.value, p.change, p.total) for p in timeline.points] == [(40, "", ""), (32, "-20 %", "-20 % total")]


def test_field_points_on_branchy_history(repo: Repo, agreement: dict[str, Any]) -> None:
    base = repo.commit("Create", {PATH: agreement})
    repo.git("checkout", "-q", "-b", "side")
    repo.commit("Slip on a branch", {PATH: _edited(agreement, **{"results.deadline": "2031-07-30"})})
    repo.git("checkout", "-q", "main")
    repo.commit("Retitle on main", {PATH: _edited(agreement, title="Demo, retitled")})
    repo.commit("Slip a day on main", {PATH: _edited(agreement, title="Demo, retitled",
                                                     **{"results.deadline": "2031-07-01"})})
    repo.git("merge", "-q", "--no-edit", "-X", "theirs", "side")  # the merge takes the branch's deadline
    first_parents = _timeline(repo, field="results.deadline")
    assert [(p.version.subject, p.value, p.change, p.total) for p in first_parents.points] == [
        ("Create", "2031-06-30", "", ""), ("Slip a day on main", "2031-07-01", "+1 day", "+1 day total"),
        ("Merge branch 'side'", "2031-07-30", "+29 days", "+30 days total")]
    timeline = _timeline(repo, field="results.deadline", first_parent=False)
    assert [(p.version.subject, p.value, p.change, p.total, p.initial) for p in timeline.points] == [
        ("Create", "2031-06-30", "", "", True),
        ("Slip on a branch", "2031-07-30", "+30 days", "+30 days total", False),
        ("Slip a day on main", "2031-07-01", "+1 day", "+1 day total", False),
        ("Merge branch 'side'", "2031-07-30", "+29 days", "+30 days total", False),
    ]
    window = _timeline(repo, field="results.deadline", since="2031-01-03", first_parent=False)
    assert [(p.version.subject, p.change, p.total) for p in window.points] == [
        ("Slip a day on main", "+1 day", "+1 day total"), ("Merge branch 'side'", "+29 days", "+30 days total")]
    by_revision = _timeline(repo, field="results.deadline", since=base, first_parent=False)
    assert [p.total for p in by_revision.points] == ["+30 days total", "+1 day total", "+30 days total"]


def test_a_field_that_goes_infinite_has_no_percentage(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    repo.commit("Infinite", {PATH: json.dumps(agreement).replace('"target": 40', '"target": .inf')})
    repo.commit("Finite", {PATH: agreement})
    points = _timeline(repo, field="celebration.targets[id=nps].target").points
    assert [(p.value, p.change, p.total) for p in points] == [(40, "", ""), (float("inf"), "", ""),
                                                              (40, "", "+0 % total")]


def test_a_field_no_version_has_is_an_error(repo: Repo, agreement: dict[str, Any]) -> None:
    _slipping(repo, agreement)
    with pytest.raises(GitError, match=r"bad --field 'results\.deadlin'"):
        _timeline(repo, field="results.deadlin")
    assert _timeline(repo, field="results.deliverables[id=d1].due").points  # present in every version


def test_since_a_date_or_a_revision(repo: Repo, agreement: dict[str, Any]) -> None:
    shas = _slipping(repo, agreement)
    assert _subjects(_timeline(repo, since="2031-01-03")) == ["Reword", "Slip 45 more"]
    assert _subjects(_timeline(repo, since=shas[1])) == ["Reword", "Slip 45 more"]
    window = _timeline(repo, since=shas[1], field="results.deadline")
    assert [(p.value, p.change, p.total) for p in window.points] == [("2031-09-13", "+45 days", "+45 days total")]
    for bad in ("2031-02-30", "no-such-rev", "yesterday"):
        with pytest.raises(GitError, match="bad --since"):
            _timeline(repo, since=bad)


def test_material_only(repo: Repo, agreement: dict[str, Any]) -> None:
    _slipping(repo, agreement)
    timeline = _timeline(repo, material_only=True)
    assert _subjects(timeline) == ["Create", "Slip 30 days", "Slip 45 more"]
    assert all(change.material for entry in timeline.entries for change in entry.changes)


def _progressing(repo: Repo, agreement: dict[str, Any]) -> None:
    """Create; propose; record a delivery and reword the title; activate and slip the deadline."""
    repo.commit("Create", {PATH: agreement})
    proposed = _edited(agreement, status="proposed")
    repo.commit("Propose", {PATH: proposed})
    delivered = _edited(proposed, title="Demo agreement, reworded",
                        **{"results.deliverables.0.delivered_on": "2031-02-27"})
    repo.commit("Deliver d1", {PATH: delivered})
    repo.commit("Activate and slip", {PATH: _edited(delivered, status="active",
                                                    **{"results.deadline": "2031-07-30"})})


def test_a_version_that_only_records_progress_is_not_material(repo: Repo, agreement: dict[str, Any]) -> None:
    _progressing(repo, agreement)
    timeline = _timeline(repo)
    assert [(entry.version.subject, entry.materiality, entry.material) for entry in timeline.entries] == [
        ("Create", MATERIAL, True), ("Propose", RECORD, False), ("Deliver d1", RECORD, False),
        ("Activate and slip", MATERIAL, True)]
    assert [change.materiality for change in timeline.entries[2].changes] == [EDITORIAL, RECORD]
    assert [change.materiality for change in timeline.entries[3].changes] == [RECORD, MATERIAL]


def test_material_only_hides_records(repo: Repo, agreement: dict[str, Any]) -> None:
    _progressing(repo, agreement)
    timeline = _timeline(repo, material_only=True)
    assert _subjects(timeline) == ["Create", "Activate and slip"]
    assert [change.path for change in timeline.entries[1].changes] == ["results.deadline"]


def test_a_field_timeline_labels_records(repo: Repo, agreement: dict[str, Any]) -> None:
    _progressing(repo, agreement)
    status = _timeline(repo, field="status")
    assert [(p.version.subject, p.value, p.materiality) for p in status.points] == [
        ("Create", "draft", MATERIAL), ("Propose", "proposed", RECORD), ("Activate and slip", "active", RECORD)]
    assert [point.material for point in status.points] == [True, False, False]
    delivered = _timeline(repo, field="results.deliverables[id=d1].delivered_on")
    assert [(p.version.subject, p.value, p.materiality) for p in delivered.points] == [
        ("Deliver d1", "2031-02-27", RECORD)]
    assert [p.version.subject for p in _timeline(repo, field="status", material_only=True).points] == ["Create"]
    deadline = _timeline(repo, field="results.deadline")
    assert [p.materiality for p in deadline.points] == [MATERIAL, MATERIAL]


def test_the_cache_keeps_the_class_of_each_change(repo: Repo, agreement: dict[str, Any]) -> None:
    _progressing(repo, agreement)
    cold = _timeline(repo)
    warm = _timeline(repo)
    assert warm.blobs_read == 0
    assert warm.entries == cold.entries
    assert [entry.materiality for entry in warm.entries] == [MATERIAL, RECORD, RECORD, MATERIAL]


def test_a_stored_comparison_without_a_class_is_not_reused(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement})
    repo.commit("Propose", {PATH: _edited(agreement, status="proposed")})
    proposed = _timeline(repo).entries[1]
    with Repository.open(repo.root) as repository:
        for stored_class in (True, "consent-free"):  # an older agreed's boolean, and a class that does not exist
            loader = VersionLoader(repository, _cache(repository.root), history=cache_name(PATH, True))
            loader.store_outcome(proposed.before, proposed.version.blob, {
                "changes": [["status", "changed", "draft", "proposed", stored_class, ""]], "problems": []})
            loader.save()
            [change] = _timeline(repo).entries[1].changes
            assert change.materiality is RECORD
        loader = VersionLoader(repository, _cache(repository.root), history=cache_name(PATH, True))
        loader.store_outcome(proposed.before, proposed.version.blob, {  # a well-formed entry is reused as it is
            "changes": [["status", "changed", "draft", "proposed", "editorial", "stored"]], "problems": []})
        loader.save()
        [change] = _timeline(repo).entries[1].changes
        assert (change.materiality, change.note) == (EDITORIAL, "stored")


def test_a_repeated_history_reads_no_blob(repo: Repo, agreement: dict[str, Any]) -> None:
    _slipping(repo, agreement)
    cold = _timeline(repo)
    assert cold.blobs_read == 4
    warm = _timeline(repo)
    assert warm.blobs_read == 0
    assert warm.entries == cold.entries
    # Proof beyond the counter: with the blobs gone from git, the warm history still comes out whole.
    for entry in cold.entries:
        assert entry.version.blob is not None
        loose = repo.root / ".git" / "objects" / entry.version.blob[:2] / entry.version.blob[2:]
        loose.unlink()
    assert _timeline(repo).entries == cold.entries
    with pytest.raises(GitError, match="cannot read blob"):
        _timeline(repo, cache=None)


def test_shallow_clones_stop_unless_allowed(repo: Repo, agreement: dict[str, Any], tmp_path: Path) -> None:
    _slipping(repo, agreement)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone)], env=ENV, check=True)
    with Repository.open(clone) as repository:
        with pytest.raises(GitError, match="fetch-depth: 0"):
            build_timeline(repository, PATH)
        timeline = build_timeline(repository, PATH, Options(allow_shallow=True))
    assert timeline.shallow
    assert len(timeline.entries) == 2


def test_resolve_target_by_file_or_id(repo: Repo, agreement: dict[str, Any]) -> None:
    repo.commit("Create", {PATH: agreement, "other/elsewhere.yaml": _edited(agreement, id="elsewhere"),
                           "contracts/gone.yaml": _edited(agreement, id="gone")})
    repo.commit("Remove gone", {"contracts/gone.yaml": None})
    with Repository.open(repo.root) as repository:
        assert resolve_target(repository, PATH, repo.root) == PATH
        assert resolve_target(repository, "demo.yaml", repo.root / "contracts") == PATH
        assert resolve_target(repository, "demo", repo.root) == PATH
        assert resolve_target(repository, "other/elsewhere.yaml", repo.root) == "other/elsewhere.yaml"
        assert resolve_target(repository, "gone", repo.root) == "contracts/gone.yaml"
        assert resolve_target(repository, "contracts/gone.yaml", repo.root) == "contracts/gone.yaml"
        for unknown in ("nobody", "elsewhere", "contracts/never.yaml"):  # ids are looked up in contracts/ only
            with pytest.raises(GitError, match="no such file"):
                resolve_target(repository, unknown, repo.root)


@pytest.mark.parametrize("field", ["results.deadline", "results.deliverables[id=d1].due", "parties[0].name",
                                   "celebration.targets[id='nps'].target"])
def test_parse_field_accepts_readable_paths(field: str) -> None:
    assert parse_field(field)


@pytest.mark.parametrize("field", ["", ".results", "results..deadline", "results[", "results[]", "a]b"])
def test_parse_field_rejects_malformed_paths(field: str) -> None:
    with pytest.raises(GitError, match="bad --field"):
        parse_field(field)
