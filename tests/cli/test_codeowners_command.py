"""``agreed codeowners`` end to end through click, on real temporary git repositories."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from agreed.atomic import temporary_name
from agreed.cli import main
from agreed.consent.codeowners import BEGIN, END

ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
USER_LINES = "* @acme/platform\n"


@pytest.fixture
def repo(tmp_path: Path, minimal_agreement: dict[str, Any]) -> Path:
    """A repository with two agreements: demo (maria @mchen, li @liwei) and other (maria @mchen, li without)."""
    root = tmp_path / "repo"
    (root / "contracts" / "team").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=ENV, check=True, capture_output=True)
    minimal_agreement["parties"][0]["handle"] = "mchen"
    minimal_agreement["parties"][1]["handle"] = "@liwei"
    _save(root / "contracts" / "demo.yaml", minimal_agreement)
    minimal_agreement["id"] = "other"
    del minimal_agreement["parties"][1]["handle"]
    _save(root / "contracts" / "team" / "other.yaml", minimal_agreement)
    return root


def _save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def _run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *arguments: str) -> Result:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, ["codeowners", *arguments])


EXPECTED_BLOCK = [
    BEGIN,
    "/contracts/demo.yaml @mchen @liwei",
    "/contracts/team/other.yaml @mchen",
    "# /contracts/team/other.yaml: no code-host handle for li",
    END,
]


def test_prints_the_block_and_warns_about_missing_handles(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(repo, monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == EXPECTED_BLOCK
    assert "contracts/team/other.yaml: li" in result.stderr
    assert not (repo / ".github").exists()


def test_paths_are_repository_relative_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(repo / "contracts", monkeypatch, "team")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1] == "/contracts/team/other.yaml @mchen"


@pytest.mark.parametrize("folder", ["contracts/team", "docs"])
def test_without_a_path_a_subfolder_reads_contracts_at_the_root(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                                folder: str) -> None:
    (repo / folder).mkdir(exist_ok=True)
    result = _run(repo / folder, monkeypatch)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == EXPECTED_BLOCK  # every agreement, not only those under the folder
    written = _run(repo / folder, monkeypatch, "--write")
    assert written.exit_code == 0, written.output
    assert (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8") == "\n".join(EXPECTED_BLOCK) + "\n"


def test_without_a_path_and_no_contracts_folder_at_the_root(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "contracts").rename(repo / "agreements")
    (repo / "docs" / "contracts").mkdir(parents=True)  # a contracts/ folder here is not the one at the root
    result = _run(repo / "docs", monkeypatch)
    assert result.exit_code == 2
    assert "no path given and there is no 'contracts/' folder at the repository root" in result.stderr
    assert result.stdout == ""


def test_write_keeps_user_lines_and_is_idempotent(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = repo / ".github" / "CODEOWNERS"
    target.parent.mkdir()
    target.write_text(USER_LINES, encoding="utf-8")
    first = _run(repo, monkeypatch, "--write")
    assert first.exit_code == 0, first.output
    assert ".github/CODEOWNERS: updated" in first.stdout
    assert target.read_text(encoding="utf-8") == USER_LINES + "\n" + "\n".join(EXPECTED_BLOCK) + "\n"
    second = _run(repo, monkeypatch, "--write")
    assert second.exit_code == 0
    assert ".github/CODEOWNERS: up to date" in second.stdout


def test_write_creates_the_default_file(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(repo, monkeypatch, "--write")
    assert result.exit_code == 0, result.output
    assert (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8").splitlines() == EXPECTED_BLOCK


def test_an_existing_root_codeowners_is_used(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "CODEOWNERS").write_text(USER_LINES, encoding="utf-8")
    result = _run(repo, monkeypatch, "--write")
    assert result.exit_code == 0, result.output
    assert BEGIN in (repo / "CODEOWNERS").read_text(encoding="utf-8")
    assert not (repo / ".github").exists()


def test_check_fails_with_a_diff_until_written(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                               minimal_agreement: dict[str, Any]) -> None:
    target = repo / "owners"
    missing = _run(repo, monkeypatch, "--check", "--file", "owners")
    assert missing.exit_code == 1
    assert "+/contracts/demo.yaml @mchen @liwei" in missing.stdout
    assert "out of date" in missing.stderr
    assert _run(repo, monkeypatch, "--write", "--file", "owners").exit_code == 0
    assert _run(repo, monkeypatch, "--check", "--file", "owners").exit_code == 0
    minimal_agreement["parties"][1]["handle"] = "liwei2"  # a party's handle changes in the agreement
    _save(repo / "contracts" / "demo.yaml", minimal_agreement)
    stale = _run(repo, monkeypatch, "--check", "--file", "owners")
    assert stale.exit_code == 1
    assert "-/contracts/demo.yaml @mchen @liwei\n" in stale.stdout
    assert "+/contracts/demo.yaml @mchen @liwei2\n" in stale.stdout
    assert BEGIN in target.read_text(encoding="utf-8")


def test_a_malformed_block_is_a_usage_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "CODEOWNERS").write_text(f"{BEGIN}\n/x @y\n", encoding="utf-8")
    result = _run(repo, monkeypatch, "--write")
    assert result.exit_code == 2
    assert "fix the file by hand" in result.stderr


def test_an_agreement_that_does_not_load_stops_the_write(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "contracts" / "broken.yaml").write_text("agreed: 1\nid: [unclosed\n", encoding="utf-8")
    result = _run(repo, monkeypatch, "--write")
    assert result.exit_code == 2
    assert "contracts/broken.yaml:" in result.stderr
    assert not (repo / ".github").exists()


INJECTED = "x\nworkflows\t@attacker\nx.yaml"  # owns every 'workflows' folder (.github/workflows/) if written


def test_a_file_name_codeowners_cannot_express_is_refused_by_name(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  minimal_agreement: dict[str, Any]) -> None:
    minimal_agreement["id"] = "injected"
    _save(repo / "contracts" / INJECTED, minimal_agreement)
    _save(repo / "contracts" / "tab\there.yaml", {**minimal_agreement, "id": "tabbed"})
    for arguments in ((), ("--write",), ("--check",)):
        result = _run(repo, monkeypatch, *arguments)
        assert result.exit_code == 2, result.output
        assert "@attacker" not in result.stdout
        assert "contracts/x\\nworkflows\\t@attacker\\nx.yaml: CODEOWNERS cannot express" in result.stderr
        assert "contracts/tab\\there.yaml: CODEOWNERS cannot express" in result.stderr
        assert "rename it" in result.stderr
        assert "Traceback" not in result.output
    assert not (repo / ".github").exists()
    (repo / "contracts" / INJECTED).rename(repo / "contracts" / "renamed.yaml")
    (repo / "contracts" / "tab\there.yaml").unlink()
    assert _run(repo, monkeypatch, "--write").exit_code == 0
    assert "@attacker" not in (repo / ".github" / "CODEOWNERS").read_text(encoding="utf-8")


def test_write_and_check_together_are_a_usage_error(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for arguments in (("--write", "--check"), ("--check", "--write")):
        result = _run(repo, monkeypatch, *arguments)
        assert result.exit_code == 2
        assert "--write and --check cannot be used together" in result.stderr
    assert not (repo / ".github").exists()


def test_a_killed_write_s_temporary_is_gone_after_the_next_write(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".github").mkdir()
    left = repo / ".github" / temporary_name("CODEOWNERS", pid=_ended_process())
    left.write_text("half a CODEOWNERS", encoding="utf-8")
    assert _run(repo, monkeypatch, "--write").exit_code == 0
    assert sorted(path.name for path in (repo / ".github").iterdir()) == ["CODEOWNERS"]


def _ended_process() -> int:
    """The id of a process that has ended (as a killed writer has)."""
    with subprocess.Popen(["true"]) as ended:
        ended.wait()
    return ended.pid


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "contracts").mkdir()
    result = _run(tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr


def test_stdin_is_refused(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(repo, monkeypatch, "-").exit_code == 2


# --- the file stays inside the repository -------------------------------------------------------------------------


def _outside(tmp_path: Path) -> Path:
    """A CODEOWNERS-like file outside the repository (beside it), with content that must never change."""
    outside = tmp_path / "outside" / "CODEOWNERS"
    outside.parent.mkdir()
    outside.write_text(USER_LINES, encoding="utf-8")
    return outside


def _refused(result: Result) -> None:
    assert result.exit_code == 2, result.output
    [line] = result.stderr.splitlines()  # one line: the usage error
    assert "the CODEOWNERS file must be inside the repository" in line
    assert result.stdout == ""


@pytest.mark.parametrize("mode", ["--write", "--check"])
def test_an_absolute_file_outside_the_repository_is_refused(repo: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch, mode: str) -> None:
    outside = _outside(tmp_path)
    _refused(_run(repo, monkeypatch, mode, "--file", str(outside)))
    assert outside.read_text(encoding="utf-8") == USER_LINES


def test_a_relative_file_that_climbs_out_is_refused(repo: Path, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    _refused(_run(repo, monkeypatch, "--write", "--file", "../x"))
    _refused(_run(repo, monkeypatch, "--write", "--file", "contracts/../../x"))
    assert not (tmp_path / "x").exists()


def test_a_symbolic_link_that_leads_outside_is_refused(repo: Path, tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    outside = _outside(tmp_path)
    (repo / "owners").symlink_to(outside)
    _refused(_run(repo, monkeypatch, "--write", "--file", "owners"))
    (repo / ".github").mkdir()
    (repo / ".github" / "CODEOWNERS").symlink_to(outside)  # the default file, linked out of the repository
    _refused(_run(repo, monkeypatch, "--write"))
    assert outside.read_text(encoding="utf-8") == USER_LINES
    assert (repo / "owners").is_symlink()


def test_a_file_inside_git_s_own_folder_is_refused(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = (repo / ".git" / "config").read_bytes()
    result = _run(repo, monkeypatch, "--write", "--file", ".git/config")
    assert result.exit_code == 2
    assert "not in .git" in result.stderr
    assert (repo / ".git" / "config").read_bytes() == config


def test_inside_the_repository_dot_dots_and_links_are_fine(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "docs").mkdir()
    assert _run(repo, monkeypatch, "--write", "--file", "contracts/../docs/CODEOWNERS").exit_code == 0
    absolute = _run(repo, monkeypatch, "--check", "--file", str(repo / "docs" / "CODEOWNERS"))
    assert absolute.exit_code == 0, absolute.output
    (repo / "CODEOWNERS").symlink_to(repo / "docs" / "CODEOWNERS")
    linked = _run(repo, monkeypatch, "--write", "--file", "CODEOWNERS")
    assert linked.exit_code == 0, linked.output
    assert "docs/CODEOWNERS: up to date" in linked.stdout  # the link's target, not a new file over the link
    assert (repo / "CODEOWNERS").is_symlink()


@pytest.mark.parametrize("mode", [(), ("--write",), ("--check",)], ids=["print", "write", "check"])
def test_every_mode_refuses_a_file_outside_the_repository_or_in_git(repo: Path, tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch,
                                                                    mode: tuple[str, ...]) -> None:
    _refused(_run(repo, monkeypatch, *mode, "--file", "../outside"))
    _refused(_run(repo, monkeypatch, *mode, "--file", str(_outside(tmp_path))))
    in_git = _run(repo, monkeypatch, *mode, "--file", ".git/x")
    assert in_git.exit_code == 2, in_git.output
    assert "not in .git" in in_git.stderr
    assert in_git.stdout == ""
    assert not (repo / ".git" / "x").exists()
    assert not (tmp_path / "outside" / "x").exists()


def test_print_mode_with_a_file_inside_the_repository_prints_the_block(repo: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    printed = _run(repo, monkeypatch, "--file", "docs/CODEOWNERS")
    assert printed.exit_code == 0, printed.output
    assert printed.stdout == _run(repo, monkeypatch).stdout
    assert "# BEGIN agreed" in printed.stdout
    assert not (repo / "docs").exists()  # printing writes nothing
