"""agreed.history.git_driver called directly (no command line, no git): what the external diff shows for the
arguments git passes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from agreed.history.git_driver import NULL_FILE, DriverArguments, driver_view, line_diff
from gitrepo import sample_agreement

HEX = "0" * 40
MODE = "100644"


def _arguments(path: str, old: Path | str, new: Path | str, new_path: str | None = None) -> list[str]:
    """The 7 arguments git passes (9 for a rename: the new path and the rename's similarity)."""
    arguments = [path, str(old), HEX, MODE, str(new), HEX, MODE]
    return arguments if new_path is None else [*arguments, new_path, "similarity index 90%\n"]


def _agreement(tmp_path: Path, name: str, note: str) -> Path:
    file = tmp_path / name
    file.write_text(json.dumps(sample_agreement("a", note=note)), encoding="utf-8")
    return file


@pytest.mark.parametrize("count", [0, 1, 6, 8, 10])
def test_any_other_count_of_arguments_is_refused(count: int) -> None:
    with pytest.raises(DriverArguments, match=f"expects the 7 or 9 arguments git passes, got {count}"):
        driver_view(["x"] * count)


def test_an_agreement_shows_its_semantic_changes(tmp_path: Path) -> None:
    old, new = _agreement(tmp_path, "old", "first"), _agreement(tmp_path, "new", "second")
    view = driver_view(_arguments("contracts/a.yaml", old, new))
    assert view.file is not None
    assert (view.file.old_path, view.file.new_path, view.file.renamed) == ("contracts/a.yaml",) * 2 + (False,)
    assert [change.path for change in view.file.changes] == ["notes"]


def test_a_rename_and_an_added_file_are_named_as_git_names_them(tmp_path: Path) -> None:
    old, new = _agreement(tmp_path, "old", "first"), _agreement(tmp_path, "new", "first")
    renamed = driver_view(_arguments("contracts/a.yaml", old, new, "contracts/b.yaml")).file
    assert renamed is not None
    assert (renamed.old_path, renamed.new_path, renamed.renamed) == ("contracts/a.yaml", "contracts/b.yaml", True)
    added = driver_view(_arguments("contracts/a.yaml", NULL_FILE, new)).file
    assert added is not None
    assert (added.old_path, added.new_path) == (None, "contracts/a.yaml")


def test_yaml_that_is_no_agreement_gets_a_line_diff(tmp_path: Path) -> None:
    new = tmp_path / "new"
    new.write_text("jobs: {}\n", encoding="utf-8")
    view = driver_view(_arguments("ci.yaml", NULL_FILE, new))
    assert view.file is None
    assert view.text == "--- /dev/null\n+++ b/ci.yaml\n@@ -0,0 +1 @@\n+jobs: {}\n"


def test_an_agreement_that_does_not_load_gets_a_line_diff_headed_by_why(tmp_path: Path) -> None:
    old = _agreement(tmp_path, "old", "first")
    new = tmp_path / "new"
    new.write_text("agreed: 1\ntitle: [unclosed\n\x1b[2J\n", encoding="utf-8")
    view = driver_view(_arguments("a.yaml", old, new))
    assert view.file is None
    assert view.text.startswith("agreed: cannot compare by meaning: a.yaml does not load (line ")
    assert "line diff follows\n--- a/a.yaml\n+++ b/a.yaml\n" in view.text
    assert "+\\x1b[2J\n" in view.text  # the terminal is not rewritten by the file's control characters


def test_a_version_that_cannot_be_read_is_said_instead_of_a_diff(tmp_path: Path) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    view = driver_view(_arguments("a.yaml", folder, _agreement(tmp_path, "new", "first")))
    assert view.file is None
    assert view.text.startswith(f"agreed: cannot compare by meaning: {folder}: ")
    assert view.text.endswith("\n")
    assert view.text.count("\n") == 1


def test_the_line_diff_ends_every_line_and_marks_absent_sides() -> None:
    assert line_diff("a.yaml", b"x: 1", "a.yaml", None, None) == "--- a/a.yaml\n+++ /dev/null\n@@ -1 +0,0 @@\n-x: 1\n"
    assert line_diff("a.yaml", None, "a.yaml", None, "broken") == "agreed: cannot compare by meaning: broken; " \
                                                                   "line diff follows\n"
