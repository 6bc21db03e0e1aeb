"""Every command reads its input through the guarded reader: a named pipe or a device is refused at once (never a
hang, never a read until memory runs out), input over the size limit is refused, a loop of symbolic links is named
(never an internal error), and file names that are not UTF-8 are written as valid text by every report.

Commands that could block run in a subprocess with a timeout, so a regression fails instead of hanging the suite.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from tests.gitrepo import EXAMPLE, commit_all, git, git_environment

from agreed.cli import main
from agreed.compose import DEFAULT_LIMITS

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")
LIMIT = DEFAULT_LIMITS.max_bytes


def agreed(cwd: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    """``agreed ARGUMENTS`` in a separate process; a run that blocks fails the test after a minute."""
    environment = {**git_environment(), "AGREED_CACHE_DIR": str(cwd.parent / "agreed-cache")}
    try:
        return subprocess.run([sys.executable, "-m", "agreed", *arguments], cwd=cwd, capture_output=True, text=True,
                              env=environment, timeout=60, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"agreed {' '.join(arguments)} blocked")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with one committed agreement, contracts/a.yaml."""
    root = tmp_path / "repo"
    (root / "contracts").mkdir(parents=True)
    git(root, "init", "-q", "-b", "main")
    (root / "contracts" / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    commit_all(root, "add a")
    return root


@pytest.fixture
def looping(repo: Path) -> Path:
    """The repository with an uncommitted pair of symbolic links that lead to each other in contracts/."""
    (repo / "contracts" / "loop.yaml").symlink_to("loop2.yaml")
    (repo / "contracts" / "loop2.yaml").symlink_to("loop.yaml")
    return repo


# -- named pipes and devices ---------------------------------------------------------------------------------------


@needs_fifo
def test_diff_of_a_named_pipe_is_refused_at_once(repo: Path) -> None:
    os.mkfifo(repo / "contracts" / "pipe.yaml")
    result = agreed(repo, "diff", "contracts/pipe.yaml")
    assert (result.returncode, result.stderr) == (2, "agreed: error: contracts/pipe.yaml: is a named pipe, not a "
                                                     "regular file\n")


@needs_fifo
def test_check_text_of_a_named_pipe_is_refused_at_once(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = agreed(tmp_path, "check-text", "pipe.txt")
    assert (result.returncode, result.stderr) == (2, "pipe.txt:1:1: S010 error is a named pipe, not a regular file\n")


@needs_fifo
@pytest.mark.parametrize("arguments", [
    pytest.param(("lint", "--format", "full", "pipe.yaml"), id="lint-full"),
    pytest.param(("digest", "pipe.yaml"), id="digest"),
])
def test_agreement_commands_refuse_a_named_pipe(tmp_path: Path, arguments: tuple[str, ...]) -> None:
    os.mkfifo(tmp_path / "pipe.yaml")
    result = agreed(tmp_path, *arguments, "--isolated") if arguments[0] == "lint" else agreed(tmp_path, *arguments)
    assert result.returncode == 2
    assert "pipe.yaml:1:1: S010 error is a named pipe, not a regular file" in result.stdout + result.stderr


@needs_fifo
def test_a_configuration_that_is_a_named_pipe_is_refused(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "settings.yaml")
    (tmp_path / "a.yaml").write_bytes(EXAMPLE.read_bytes())
    result = agreed(tmp_path, "lint", "--config", "settings.yaml", "a.yaml")
    assert result.returncode == 2
    assert "settings.yaml:1:1: S013 cannot read the configuration: is a named pipe, not a regular file" in result.stderr


@needs_fifo
def test_a_reviews_export_that_is_a_named_pipe_is_refused(repo: Path) -> None:
    os.mkfifo(repo / "reviews.json")
    result = agreed(repo, "consent", "status", "--reviews", "reviews.json")
    assert result.returncode == 2
    assert "reviews.json: is a named pipe, not a regular file" in result.stderr


@needs_fifo
def test_init_refuses_a_named_pipe_where_it_reads_a_file(tmp_path: Path) -> None:
    git(tmp_path, "init", "-q")
    os.mkfifo(tmp_path / ".gitattributes")
    result = agreed(tmp_path, "init")
    assert result.returncode == 2
    assert ".gitattributes: is a named pipe, not a regular file" in result.stderr


@needs_dev_zero
def test_check_text_refuses_a_device(tmp_path: Path) -> None:
    result = agreed(tmp_path, "check-text", "/dev/zero")
    assert (result.returncode, result.stderr) == (2, "/dev/zero:1:1: S010 error is a device, not a regular file\n")


@needs_dev_zero
def test_diff_refuses_a_device(repo: Path) -> None:
    result = agreed(repo, "diff", "/dev/zero", "contracts/a.yaml")
    assert (result.returncode, result.stderr) == (2, "agreed: error: /dev/zero: is a device, not a regular file\n")


# -- size -----------------------------------------------------------------------------------------------------------


def test_check_text_refuses_a_file_over_the_size_limit(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(48 * 1024 * 1024)  # sparse: 48 MB to read, no disk space used
    result = CliRunner().invoke(main, ["check-text", str(path)])
    assert result.exit_code == 2
    assert result.stderr == f"{path}:1:1: S005 error file is larger than the {LIMIT:,}-byte limit\n"


def test_check_text_refuses_standard_input_over_the_size_limit() -> None:
    result = CliRunner().invoke(main, ["check-text"], input=b"Publish the report.\n" * (LIMIT // 20 + 1))
    assert result.exit_code == 2
    assert result.stderr == f"<stdin>:1:1: S005 error file is larger than the {LIMIT:,}-byte limit\n"


def test_check_text_reads_input_at_the_limit() -> None:
    line = b"Maria Chen publishes 12 onboarding checklists by 2031-03-31.\n"
    text = line * (LIMIT // len(line))
    result = CliRunner().invoke(main, ["check-text", "--format", "json"], input=text)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == LIMIT // len(line)


# -- check-text's input errors read as lint's load errors ---------------------------------------------------------


@pytest.mark.parametrize("content", [
    pytest.param(b"caf\xe9: 1\n", id="not-utf8"),
    pytest.param(None, id="missing"),
])
def test_check_text_input_errors_read_as_lint_reports_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                          content: bytes | None) -> None:
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / "input.yaml").write_bytes(content)
    checked = CliRunner().invoke(main, ["check-text", "input.yaml"])
    linted = CliRunner().invoke(main, ["lint", "--isolated", "--no-cache", "input.yaml"])
    assert checked.exit_code == 2
    assert checked.stdout == ""
    (line,) = checked.stderr.splitlines()
    assert line.startswith("input.yaml:1:")
    assert line in linted.stdout.splitlines()


# -- loops of symbolic links ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("arguments", [
    pytest.param(("diff", "contracts/loop.yaml"), id="diff"),
    pytest.param(("diff", "contracts/loop.yaml", "contracts/a.yaml"), id="diff-two-files"),
    pytest.param(("history", "contracts/loop.yaml"), id="history"),
])
def test_a_link_loop_named_on_the_command_line_is_an_error_not_a_crash(looping: Path, arguments: tuple[str, ...],
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(looping)
    result = CliRunner().invoke(main, list(arguments))
    assert result.exit_code == 2
    assert "internal error" not in result.output
    assert result.stderr.startswith("agreed: error: contracts/loop.yaml: cannot be read: a loop of symbolic links")


@pytest.mark.parametrize("command", ["status", "check"])
def test_consent_names_a_link_loop_in_the_folder(looping: Path, command: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(looping)
    result = CliRunner().invoke(main, ["consent", command])
    assert "internal error" not in result.output
    assert result.exit_code in (1, 2) if command == "check" else result.exit_code == 0
    assert "contracts/loop.yaml: no digest, terms that do not validate cannot be consented to: 1:1: cannot be read: " \
           "a loop of symbolic links" in result.stdout


def test_diff_against_a_base_names_a_link_loop(looping: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    commit_all(looping, "links that loop")
    (looping / "contracts" / "a.yaml").unlink()
    (looping / "contracts" / "a.yaml").symlink_to("loop.yaml")
    monkeypatch.chdir(looping)
    result = CliRunner().invoke(main, ["diff", "--base", "HEAD"])
    assert result.exit_code == 2
    assert "internal error" not in result.output
    # Reported per file, like a file that does not load, so the other agreements are still compared.
    shown = "contracts/a.yaml: cannot compare: contracts/a.yaml cannot be read: a loop of symbolic links"
    assert shown in result.stdout


# -- file names that are not UTF-8 ----------------------------------------------------------------------------------


@pytest.fixture
def badly_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder holding one broken agreement whose name has the byte 0xff (not UTF-8); the current folder."""
    folder = tmp_path / "contracts"
    folder.mkdir()
    try:
        (folder / os.fsdecode(b"bad\xff.yaml")).write_bytes(b"a: [1\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system accepts only UTF-8 file names")
    monkeypatch.chdir(tmp_path)
    return folder


@pytest.mark.parametrize("output_format", ["text", "full", "github"])
def test_text_reports_write_a_name_that_is_not_utf8_escaped(badly_named: Path, output_format: str) -> None:
    result = CliRunner().invoke(main, ["lint", "--isolated", "--no-cache", "--format", output_format, "contracts"])
    assert result.exit_code == 1, result.output
    text = result.stdout_bytes.decode("utf-8")
    assert "contracts/bad\\xff.yaml" in text.replace("%2C", ",")


@pytest.mark.parametrize("output_format", ["json", "gitlab", "sarif"])
def test_json_reports_write_a_name_that_is_not_utf8_as_valid_json(badly_named: Path, tmp_path: Path,
                                                                  output_format: str) -> None:
    target = tmp_path / f"report.{output_format}"
    result = CliRunner().invoke(main, ["lint", "--isolated", "--no-cache", "--format", output_format,
                                       "--output", str(target), "contracts"])
    assert result.exit_code == 1, result.output
    document = json.loads(target.read_bytes().decode("utf-8"))
    if output_format == "json":
        assert document["problems"][0]["path"] == "contracts/bad\\xff.yaml"
    elif output_format == "gitlab":
        assert document[0]["location"]["path"] == "contracts/bad\\xff.yaml"
    else:
        location = document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        assert location["uri"] == "contracts/bad%FF.yaml"
