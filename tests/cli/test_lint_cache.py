"""``agreed lint`` and ``agreed history`` with their caches: where they live, and that nothing a repository carries
(hand-made entries, links, folders) changes a result or makes agreed write outside the cache folder."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner, Result

from agreed.cache import JsonFiles, open_cache, repository_folder
from agreed.cli import main
from agreed.cli.cache_location import ENVIRONMENT_VARIABLE, user_cache_home
from agreed.lint.cache_codec import LAYOUT
from gitrepo import commit_all, git

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml

BROKEN = "agreed: 1\nid: demo\nstatus: active\nparties: []\nresults: {}\n"  # many errors, no warning needed
VAGUE = """\
results:
  deliverables:
    - id: d1
      what: Send the report to several teams soon.
"""


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real git repository with one committed agreement full of errors, as the current folder."""
    root = tmp_path / "repo"
    (root / "contracts").mkdir(parents=True)
    (root / "contracts" / "bad.yaml").write_text(BROKEN, encoding="utf-8")
    git(root, "init", "-q", "-b", "main")
    commit_all(root, "Add an agreement")
    monkeypatch.chdir(root)
    return root


def _lint(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["lint", *arguments])


def _report(result: Result) -> tuple[int, str]:
    return result.exit_code, result.stdout


def _files_in(folder: Path) -> list[str]:
    return sorted(str(path.relative_to(folder)) for path in folder.rglob("*"))


def test_lint_writes_nothing_into_the_repository(repository: Path, user_cache_home: Path) -> None:
    cold, warm = _lint(), _lint()
    assert _report(cold) == _report(warm) == _report(_lint("--no-cache"))
    assert git(repository, "status", "--porcelain", "--ignored", "--untracked-files=all") == ""
    assert (repository_folder(user_cache_home, repository) / LAYOUT).is_dir()


def test_entries_forged_in_the_repository_are_not_believed(repository: Path, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone runs agreed on the same install with their own key, rewrites every entry to claim "no problems",
    signs it with their key and commits the folder: a user with another key (everyone else) sees the errors."""
    honest = _report(_lint("--no-cache"))
    assert honest[0] == 1
    assert honest[1].count(" error ") >= 3
    attacker_home = tmp_path / "attacker"
    with monkeypatch.context() as attacker:
        attacker.setenv(ENVIRONMENT_VARIABLE, str(attacker_home))
        assert _report(_lint("--cache-dir", ".agreed_cache")) == honest
        _claim_no_problems(repository / ".agreed_cache", attacker_home)
        assert _lint("--cache-dir", ".agreed_cache").exit_code == 0  # the forgery works for its author only
    git(repository, "add", "--force", ".agreed_cache")  # past the .gitignore the cache wrote
    commit_all(repository, "Add a cache that says all is well")
    assert _report(_lint()) == honest  # the default cache never reads the repository
    assert _report(_lint("--cache-dir", ".agreed_cache")) == honest  # nor trusts entries it did not sign


def _claim_no_problems(folder: Path, home: Path) -> None:
    files = JsonFiles(open_cache(folder, home))
    cache_files = list(folder.glob(f"{LAYOUT}/*.json"))
    assert cache_files
    for file in cache_files:
        value = json.loads(file.read_bytes().split(b"\n", 1)[1])
        for result in value["results"].values():
            result[1] = []
        for run in value["cross_file"]:
            run[1] = []
        file.write_bytes(files.sealed(str(file), json.dumps(value).encode()))


@pytest.mark.parametrize("command", [["lint"], ["history", "contracts/bad.yaml"]])
def test_a_committed_cache_link_makes_nothing_written_outside(repository: Path, tmp_path: Path,
                                                              command: list[str]) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repository / ".agreed_cache").symlink_to(outside, target_is_directory=True)
    commit_all(repository, "Add a link")
    result = CliRunner().invoke(main, command)
    assert result.exit_code in (0, 1), result.output
    assert _files_in(outside) == []


def test_a_cache_dir_that_is_a_link_is_refused_with_a_warning(repository: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (repository / "cache").symlink_to(outside, target_is_directory=True)
    result = _lint("--cache-dir", "cache")
    assert _report(result) == _report(_lint("--no-cache"))
    assert "cache" in result.stderr
    assert "symbolic link" in result.stderr
    assert "running without the cache" in result.stderr
    assert _files_in(outside) == []


@pytest.mark.parametrize("cache_dir", [".git/evil", ".git", ".git/../.git/hooks", "contracts/../.GIT/x"])
def test_a_cache_dir_inside_git_is_refused_with_a_warning(repository: Path, cache_dir: str) -> None:
    in_git = _files_in(repository / ".git")
    result = _lint("--cache-dir", cache_dir)
    assert _report(result) == _report(_lint("--no-cache"))
    assert "inside a git directory" in result.stderr
    assert "running without the cache" in result.stderr
    assert _files_in(repository / ".git") == in_git


@pytest.mark.parametrize("command", [["lint"], ["history", "contracts/bad.yaml"]])
def test_a_user_cache_folder_inside_git_is_refused_with_a_warning(repository: Path, command: list[str],
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    honest = CliRunner().invoke(main, [*command, "--no-cache"])
    in_git = _files_in(repository / ".git")
    monkeypatch.setenv(ENVIRONMENT_VARIABLE, ".git/agreed")
    result = CliRunner().invoke(main, command)
    assert (result.exit_code, result.stdout) == (honest.exit_code, honest.stdout)
    assert "inside a git directory" in result.stderr
    assert "running without the cache" in result.stderr
    assert _files_in(repository / ".git") == in_git


def test_a_user_cache_folder_that_is_a_link_is_refused_by_history(repository: Path, tmp_path: Path,
                                                                  user_cache_home: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    folder = repository_folder(user_cache_home, repository)
    folder.parent.mkdir(parents=True)
    folder.symlink_to(outside, target_is_directory=True)
    result = CliRunner().invoke(main, ["history", "contracts/bad.yaml"])
    assert result.exit_code == 0, result.output
    assert "symbolic link" in result.stderr
    assert _files_in(outside) == []


def test_cache_dir_dot_hides_nothing_from_git(repository: Path) -> None:
    (repository / "notes.txt").write_text("new\n", encoding="utf-8")
    first = _lint("--cache-dir", ".")
    assert _report(first) == _report(_lint("--cache-dir", "."))
    assert not (repository / ".gitignore").exists()
    assert not (repository / "CACHEDIR.TAG").exists()
    untracked = git(repository, "status", "--porcelain", "--untracked-files=all").splitlines()
    assert "?? notes.txt" in untracked
    assert any(line.startswith(f"?? {LAYOUT}/") for line in untracked)  # what --cache-dir . asked for, in plain sight


def test_a_new_cache_dir_is_tagged_and_ignored(repository: Path) -> None:
    _lint("--cache-dir", "build/agreed")
    assert (repository / "build" / "agreed" / "CACHEDIR.TAG").is_file()
    assert (repository / "build" / "agreed" / ".gitignore").is_file()
    assert not (repository / "build" / ".gitignore").exists()
    assert git(repository, "status", "--porcelain", "--untracked-files=all") == ""


def test_two_configurations_with_the_same_text_do_not_share_results(repository: Path, draft_yaml: DraftYaml,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Per-file ignores are relative to their configuration's folder: the same text means other files elsewhere."""
    settings = "per-file-ignores:\n  /vague.yaml: [A201]\n"
    agreement = draft_yaml() + VAGUE
    for folder in ("one", "two/sub"):
        (repository / folder).mkdir(parents=True)
        (repository / folder / "vague.yaml").write_text(agreement, encoding="utf-8")
    for folder in ("one", "two"):
        (repository / folder / ".agreed.yaml").write_text(settings, encoding="utf-8")
    monkeypatch.chdir(repository / "one")
    assert "A201" not in _lint("vague.yaml").stdout  # one/vague.yaml is what one/.agreed.yaml ignores A201 for
    monkeypatch.chdir(repository / "two" / "sub")
    expected = _lint("--no-cache", "vague.yaml").stdout
    assert "A201" in expected  # two/sub/vague.yaml is not two/vague.yaml
    assert _lint("vague.yaml").stdout == expected


def test_a_configuration_moved_elsewhere_is_a_new_key(repository: Path, draft_yaml: DraftYaml) -> None:
    (repository / "contracts" / "vague.yaml").write_text(draft_yaml() + VAGUE, encoding="utf-8")
    (repository / "a").mkdir()
    (repository / "a" / "agreed.yaml").write_text("per-file-ignores:\n  /contracts/vague.yaml: [A201]\n",
                                                 encoding="utf-8")
    (repository / "agreed.yaml").write_text("per-file-ignores:\n  /contracts/vague.yaml: [A201]\n",
                                            encoding="utf-8")
    assert "A201" not in _lint("--config", "agreed.yaml", "contracts/vague.yaml").stdout
    assert "A201" in _lint("--config", "a/agreed.yaml", "contracts/vague.yaml").stdout


@pytest.mark.parametrize(("environ", "platform", "expected"), [
    ({ENVIRONMENT_VARIABLE: "/c", "XDG_CACHE_HOME": "/x", "HOME": "/h"}, "linux", "/c"),
    ({"XDG_CACHE_HOME": "/x", "HOME": "/h"}, "linux", "/x/agreed"),
    ({"XDG_CACHE_HOME": "relative", "HOME": "/h"}, "linux", "/h/.cache/agreed"),
    ({"HOME": "/h"}, "freebsd14", "/h/.cache/agreed"),
    ({"HOME": "/h", "XDG_CACHE_HOME": "/x"}, "darwin", "/h/Library/Caches/agreed"),
    ({"LOCALAPPDATA": "/l", "HOME": "/h"}, "win32", "/l/agreed/Cache"),
    ({}, "linux", None),
    ({"HOME": ""}, "linux", None),
])
def test_the_user_cache_folder_follows_the_platform(environ: dict[str, str], platform: str,
                                                    expected: str | None) -> None:
    found = user_cache_home(environ, platform)
    assert (None if found is None else found.as_posix()) == expected


def test_no_user_cache_folder_means_no_cache_and_a_warning(repository: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (ENVIRONMENT_VARIABLE, "XDG_CACHE_HOME", "HOME"):
        monkeypatch.delenv(name, raising=False)
    result = _lint()
    assert _report(result) == _report(_lint("--no-cache"))
    assert "no cache folder" in result.stderr
    assert sorted(os.listdir(repository)) == [".git", "contracts"]


def _cache_files(user_cache_home: Path, repository: Path) -> list[Path]:
    return sorted((repository_folder(user_cache_home, repository) / LAYOUT).glob("*.json"))


def test_a_corrupt_cache_file_is_ignored_and_written_anew(repository: Path, user_cache_home: Path) -> None:
    honest = _report(_lint("--no-cache"))
    assert _report(_lint()) == honest
    [file] = _cache_files(user_cache_home, repository)
    for damage in (b"", b"\x00" * 100, file.read_bytes()[:-20], file.read_bytes()[:64] + b"\n{}"):
        file.write_bytes(damage)
        result = _lint()
        assert _report(result) == honest
        assert result.stderr == ""
        assert file.read_bytes() != damage
    assert _report(_lint()) == honest


def test_a_changed_file_and_another_version_of_agreed_are_misses(repository: Path, user_cache_home: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    assert _report(_lint()) == _report(_lint("--no-cache"))
    (repository / "contracts" / "bad.yaml").write_text(BROKEN.replace("parties: []\n", ""), encoding="utf-8")
    changed = _report(_lint("--no-cache"))
    assert _report(_lint()) == changed
    assert len(_cache_files(user_cache_home, repository)) == 1  # the same configuration: the same file
    import agreed.cache

    monkeypatch.setattr(agreed.cache, "code_stamp", lambda: "another version")
    assert _report(_lint()) == changed
    assert len(_cache_files(user_cache_home, repository)) == 2  # a new version of agreed keeps its own results
