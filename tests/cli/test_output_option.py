"""``--output FILE`` of every command that has it (lint, validate, diff): what it may write, and what it refuses."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from tests.gitrepo import git_environment

from agreed.cli import main

COMMANDS = (("lint",), ("validate",), ("diff",))
HOOK = Path(".git/hooks/pre-commit")


@pytest.fixture
def repo(tmp_path: Path, minimal_agreement: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with one agreement, the current folder."""
    root = tmp_path / "repo"
    (root / "contracts").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=git_environment(), check=True)
    (root / "contracts" / "demo.yaml").write_text(json.dumps(minimal_agreement, indent=2) + "\n", encoding="utf-8")
    (root / "contracts" / "copy.yaml").write_text(json.dumps(minimal_agreement, indent=2) + "\n", encoding="utf-8")
    monkeypatch.chdir(root)
    return root


def _run(command: tuple[str, ...], output: str) -> Result:
    inputs = ["contracts/demo.yaml", "contracts/copy.yaml"] if command == ("diff",) else ["contracts/demo.yaml"]
    return CliRunner().invoke(main, [*command, *inputs, "--output", output])


def _refused(result: Result, repo: Path) -> None:
    assert result.exit_code == 2, result.output
    assert "inside a git directory" in result.stderr
    assert "Traceback" not in result.output
    assert not (repo / HOOK).exists()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_hook_is_never_written(repo: Path, command: tuple[str, ...]) -> None:
    _refused(_run(command, str(HOOK)), repo)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_dot_dots_into_git_are_refused(repo: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "contracts")
    result = CliRunner().invoke(main, [*command, *(["demo.yaml", "copy.yaml"] if command == ("diff",) else
                                                   ["demo.yaml"]), "-o", "../contracts/../.git/hooks/pre-commit"])
    _refused(result, repo)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_symbolic_links_into_git_are_refused(repo: Path, command: tuple[str, ...]) -> None:
    (repo / "report.txt").symlink_to(repo / HOOK)
    (repo / "reports").symlink_to(repo / ".git" / "hooks")
    _refused(_run(command, "report.txt"), repo)
    _refused(_run(command, "reports/pre-commit"), repo)


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_folder_is_created(repo: Path, command: tuple[str, ...]) -> None:
    result = _run(command, "reports/agreed.txt")
    assert result.exit_code == 2
    assert "creates no folders" in result.stderr
    assert not (repo / "reports").exists()


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_report_replaces_a_regular_file_and_writes_through_a_link(repo: Path, command: tuple[str, ...],
                                                                    tmp_path: Path) -> None:
    (tmp_path / "old.txt").write_text("old\n", encoding="utf-8")
    (repo / "report.txt").symlink_to(tmp_path / "old.txt")
    result = _run(command, "report.txt")
    assert result.exit_code in (0, 1), result.output
    assert (repo / "report.txt").is_symlink()
    assert (tmp_path / "old.txt").read_text(encoding="utf-8") not in ("old\n", "")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help_says_what_output_may_overwrite(command: tuple[str, ...]) -> None:
    shown = " ".join(CliRunner().invoke(main, [*command, "--help"]).output.split())
    assert "FILE's folder must exist" in shown
    assert "an existing regular file is replaced" in shown
    assert "inside a git directory (.git/, a bare repository) is refused" in shown


def _through_pipes(command: tuple[str, ...], output: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The command run as a process whose standard output and error are pipes (``agreed lint -o X | tee``):
    capture_output connects both to pipes."""
    inputs = ["contracts/demo.yaml", "contracts/copy.yaml"] if command == ("diff",) else ["contracts/demo.yaml"]
    return subprocess.run([sys.executable, "-m", "agreed", *command, *inputs, "--format", "json", "-o", output],
                          cwd=cwd, capture_output=True, text=True, check=False, timeout=120)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="no /dev/stdout as a link to /proc/self/fd here")
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_pipe_standard_output_or_error_is_written_into(repo: Path, command: tuple[str, ...]) -> None:
    expected = CliRunner().invoke(main, [*command, *(["contracts/demo.yaml", "contracts/copy.yaml"]
                                                     if command == ("diff",) else ["contracts/demo.yaml"]),
                                         "--format", "json"])
    for output in ("/dev/stdout", "/proc/self/fd/1"):
        done = _through_pipes(command, output, repo)
        assert done.returncode == expected.exit_code, done.stderr
        report, summary = done.stdout.rsplit("\n", 2)[0], done.stdout.rsplit("\n", 2)[1]
        assert json.loads(report) == json.loads(expected.output)
        assert summary.endswith(f"written to {output}.")
    done = _through_pipes(command, "/dev/stderr", repo)
    assert done.returncode == expected.exit_code, done.stderr
    assert json.loads(done.stderr) == json.loads(expected.output)


def _into_a_file(command: tuple[str, ...], options: list[str], cwd: Path, stdout: Path) -> int:
    """The command run as a process whose standard output is the regular file ``stdout`` (``agreed lint > file``);
    its exit code."""
    inputs = ["contracts/demo.yaml", "contracts/copy.yaml"] if command == ("diff",) else ["contracts/demo.yaml"]
    with stdout.open("w", encoding="utf-8") as stream:
        done = subprocess.run([sys.executable, "-m", "agreed", *command, *inputs, *options], cwd=cwd, stdout=stream,
                              stderr=subprocess.PIPE, text=True, check=False, timeout=120)
    assert "Traceback" not in done.stderr
    return done.returncode


@pytest.mark.skipif(not Path("/dev/stdout").exists(), reason="no /dev/stdout here")
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_output_into_the_file_standard_output_writes_to_keeps_the_summary_line(repo: Path, tmp_path: Path,
                                                                             command: tuple[str, ...]) -> None:
    """``agreed lint -o /dev/stdout > file`` holds what ``agreed lint > file`` holds, then the summary line; also
    when -o names that file itself. Replacing the file by a rename would lose every line written after it."""
    plain, captured = tmp_path / "plain.txt", tmp_path / "captured.txt"
    expected = _into_a_file(command, [], repo, plain)
    report = plain.read_text(encoding="utf-8")
    assert report.endswith("\n")
    for output in ("/dev/stdout", str(captured)):
        assert _into_a_file(command, ["-o", output], repo, captured) == expected
        text = captured.read_text(encoding="utf-8")
        assert text.startswith(report), text
        summary = text.removeprefix(report)
        assert summary.endswith(f" written to {output}.\n"), text
        assert summary.count("\n") == 1, text
