"""A roster the configuration names but that cannot be used: lint and consent give the reader's reason (or that it
lies outside the repository) at the ``people:`` setting, and exit 2."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from gitrepo import AGREEMENT, EXAMPLE, commit_all, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

ROSTER = "people:\n  - id: maria\n    name: Maria Chen\n  - id: daniel\n    name: Daniel Okafor\n"
COMMANDS = (("lint", "--no-cache"), ("consent", "check"), ("consent", "status"))


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (in ``tmp_path/repo``, the current folder) holding the example agreement."""
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    git(root, "init", "-q", "-b", "main")
    (root / AGREEMENT).parent.mkdir()
    (root / AGREEMENT).write_bytes(EXAMPLE.read_bytes())
    return root


def _name_roster(repo: Path, value: str) -> None:
    (repo / ".agreed.yaml").write_text(f"# the team\npeople: {value}\n", encoding="utf-8")


def _run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def _assert_refused(result: Result, config: str, roster: str, reason: str) -> None:
    assert result.exit_code == 2, result.output
    line = next(line for line in result.output.splitlines() if f"{config}:2:9: " in line)
    assert "people: the roster " in line
    assert f"{roster}: {reason}" in line


def _folder(repo: Path) -> tuple[str, str]:
    (repo / "team").mkdir()
    return "team", "is a directory, not a file"


def _fifo(repo: Path) -> tuple[str, str]:
    os.mkfifo(repo / "people.yaml")
    return "people.yaml", "is a named pipe, not a regular file"


def _device(repo: Path) -> tuple[str, str]:
    return "/dev/zero", "is a device, not a regular file"


def _link_to_device(repo: Path) -> tuple[str, str]:
    (repo / "people.yaml").symlink_to("/dev/zero")
    return "people.yaml", "is a device, not a regular file"


@pytest.mark.skipif(not hasattr(os, "mkfifo") or not Path("/dev/zero").exists(), reason="needs FIFOs and /dev/zero")
@pytest.mark.parametrize("make", [_folder, _fifo, _device, _link_to_device])
@pytest.mark.parametrize("command", COMMANDS)
def test_a_roster_that_cannot_be_read_is_refused_with_the_readers_reason(repo: Path, make: object,
                                                                         command: tuple[str, ...]) -> None:
    assert callable(make)
    value, reason = make(repo)
    _name_roster(repo, value)
    _assert_refused(_run(*command), ".agreed.yaml", value, reason)


def test_a_roster_outside_the_repository_is_refused_for_lint_and_consent(repo: Path) -> None:
    outside = repo.parent / "elsewhere"
    outside.mkdir()
    (outside / "people.yaml").write_text(ROSTER, encoding="utf-8")
    _name_roster(repo, "../elsewhere/people.yaml")
    for command in COMMANDS:
        _assert_refused(_run(*command), ".agreed.yaml", f"{outside / 'people.yaml'}", "is outside the repository")


def test_a_link_in_the_repository_to_a_roster_outside_is_refused(repo: Path) -> None:
    outside = repo.parent / "elsewhere.yaml"
    outside.write_text(ROSTER, encoding="utf-8")
    (repo / "people.yaml").symlink_to(outside)
    _name_roster(repo, "people.yaml")
    for command in COMMANDS:
        _assert_refused(_run(*command), ".agreed.yaml", "people.yaml", "is outside the repository")


def test_a_roster_outside_the_repository_is_refused_at_the_base_revision(repo: Path) -> None:
    _name_roster(repo, "../../../etc/passwd")
    commit_all(repo, "A roster outside")
    for command in (("consent", "check", "--base", "HEAD"), ("consent", "status", "--base", "HEAD")):
        _assert_refused(_run(*command), "HEAD:.agreed.yaml", "../../../etc/passwd", "is outside the repository")


def test_a_roster_inside_the_repository_is_still_read(repo: Path) -> None:
    (repo / "team").mkdir()
    (repo / "team" / "people.yaml").write_text(ROSTER, encoding="utf-8")
    _name_roster(repo, "team/people.yaml")
    result = _run("consent", "status")
    assert result.exit_code == 0, result.output
    lint = _run("lint", "--no-cache")
    assert "S013" not in lint.output
    assert lint.exit_code in (0, 1), lint.output
