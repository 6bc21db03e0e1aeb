from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from click.testing import CliRunner

from agreed.cli import main

if TYPE_CHECKING:  # fixture types from conftest, for annotations only: never imported at run time
    from conftest import DraftYaml

REPO = Path(__file__).resolve().parents[2]
CONTRACTS = REPO / "contracts"

# What follows the 9 lines of the draft's head, from line 10 on.
VAGUE_OWNERLESS_RESULTS = """\
results:
  deadline: 2031-06-30
  deliverables:
    - id: d1
      what: Improve onboarding ASAP, etc.
    - id: d2
      what: Publish 12 onboarding checklists
      owner: the team
    - id: d3
      what: Publish 3 playbooks
      owner: sam
  milestones:
    - id: m1
      what: Deliver 2 pilot checklists to Li
      owner: maria
      due: 2031-07-15
"""


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def vague_ownerless(draft_yaml: DraftYaml) -> str:
    return draft_yaml(agreement_id="vague", title="Vague agreement") + VAGUE_OWNERLESS_RESULTS


@pytest.mark.parametrize("today", [[], ["--today", "2026-11-24"], ["--today", "2030-12-31"]], ids=str)
def test_shipped_contracts_lint_clean(runner: CliRunner, today: list[str]) -> None:
    result = runner.invoke(main, ["lint", str(CONTRACTS), "--fail-on", "info", "--no-cache", *today])
    assert result.exit_code == 0, result.output
    assert "No problems" in result.output


def test_today_brings_overdue_milestones_as_warnings(runner: CliRunner) -> None:
    result = runner.invoke(main, ["lint", str(CONTRACTS / "sales-onboarding.yaml"), "--no-cache",
                                  "--today", "2031-04-15"])
    assert result.exit_code == 0, result.output  # clock findings are warnings: the default threshold is error
    assert "T307 warning" in result.output
    strict = runner.invoke(main, ["lint", str(CONTRACTS / "sales-onboarding.yaml"), "--no-cache",
                                  "--today", "2031-04-15", "--fail-on", "warning"])
    assert strict.exit_code == 1


def test_default_path_is_contracts_folder(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          shipped_contracts: list[Path]) -> None:
    shutil.copytree(CONTRACTS, tmp_path / "contracts")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lint"])
    assert result.exit_code == 0, result.output
    assert f"in {len(shipped_contracts)} files" in result.output


def test_vague_ownerless_agreement_gets_findings_at_the_right_lines(runner: CliRunner, tmp_path: Path,
                                                                    vague_ownerless: str) -> None:
    path = tmp_path / "vague.yaml"
    path.write_text(vague_ownerless)
    result = runner.invoke(main, ["lint", str(path), "--format", "json"])
    assert result.exit_code == 1
    found = {(p["rule"], p["line"], p["col"]) for p in json.loads(result.output)["problems"]}
    assert ("A201", 13, 7) in found  # d1 has no owner: reported at the item
    assert ("V103", 14, 32) in found  # "ASAP"
    assert ("V104", 14, 38) in found  # "etc."
    assert ("A202", 17, 14) in found  # owner: the team
    assert ("A204", 20, 14) in found  # owner: sam is not a party
    assert ("T302", 25, 12) in found  # milestone due after the deadline


def test_text_format_names_file_line_col_code_severity(runner: CliRunner, tmp_path: Path, vague_ownerless: str) -> None:
    path = tmp_path / "vague.yaml"
    path.write_text(vague_ownerless)
    result = runner.invoke(main, ["lint", str(path)])
    lines = result.output.splitlines()
    expected = f"{path.as_posix()}:17:14: A202 error results.deliverables[id=d2].owner: owner 'the team' is a group"
    assert any(line.startswith(expected) for line in lines), result.output
    assert lines[-1].startswith("Found ")


@pytest.mark.parametrize(("fail_on", "code"), [("error", 1), ("warning", 1), ("never", 0)])
def test_fail_on_threshold(runner: CliRunner, tmp_path: Path, fail_on: str, code: int, vague_ownerless: str) -> None:
    path = tmp_path / "vague.yaml"
    path.write_text(vague_ownerless)
    assert runner.invoke(main, ["lint", str(path), "--fail-on", fail_on]).exit_code == code


def test_warnings_alone_exit_zero_by_default(runner: CliRunner, tmp_path: Path) -> None:
    text = (CONTRACTS / "sales-onboarding.yaml").read_text()
    marker = "      what: "
    assert marker in text
    path = tmp_path / "warn.yaml"
    path.write_text(text.replace(marker, marker + "Several ", 1))
    result = runner.invoke(main, ["lint", str(path), "--format", "json"])
    problems = json.loads(result.output)["problems"]
    assert problems
    assert all(p["severity"] != "error" for p in problems)
    assert result.exit_code == 0
    assert runner.invoke(main, ["lint", str(path), "--fail-on", "warning"]).exit_code == 1


def test_stdin_with_filename(runner: CliRunner, vague_ownerless: str) -> None:
    result = runner.invoke(main, ["lint", "-", "--stdin-filename", "contracts/x.yaml"], input=vague_ownerless)
    assert result.exit_code == 1
    assert "contracts/x.yaml:17:14: A202" in result.output


def test_empty_folder_is_a_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("hello")
    result = runner.invoke(main, ["lint", str(tmp_path)])
    assert result.exit_code == 2
    assert "holds no agreement files" in result.output


def test_missing_file_is_reported_with_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["lint", str(tmp_path / "nope.yaml")])
    assert result.exit_code == 2
    assert "nope.yaml:1:1: S010 error no such file" in result.output


def test_no_path_and_no_contracts_folder(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["lint"])
    assert result.exit_code == 2
    assert "no 'contracts/' folder" in result.output


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"a: [1, 2\n", "S001"),
        (b"a: 1\na: 2\n", "S002"),
        (b"a: !!python/object/apply:os.system [ls]\n", "S003"),
        (b"a: 1\n---\nb: 2\n", "S004"),
        (b"[" * 50000 + b"]" * 50000, "S006"),
        (b"a: &a [x,x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
         b"d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e]\n",
         "S007"),
        (b"title: caf\xe9\n", "S008"),
        (b"", "S009"),
        (b"- a\n- b\n", "S012"),
        (b"id: x\n", "S011"),
        (b"agreed: 7\nid: x\n", "S011"),
        (b"agreed: 1\nid: 42\n", "S100"),
    ],
)
def test_bad_input_gives_findings_not_tracebacks(runner: CliRunner, tmp_path: Path, content: bytes, code: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_bytes(content)
    result = runner.invoke(main, ["lint", str(path)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "bad.yaml:" in result.output
    assert f" {code} error " in result.output
    assert "Traceback" not in result.output


def test_huge_file_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# " + b"x" * (3 * 1024 * 1024) + b"\n")
    result = runner.invoke(main, ["lint", str(path)])
    assert result.exit_code == 1
    assert " S005 error " in result.output


def test_json_format_is_versioned(runner: CliRunner) -> None:
    result = runner.invoke(main, ["lint", str(CONTRACTS / "sales-onboarding.yaml"), "--format", "json"])
    document = json.loads(result.output)
    assert document["version"] == 1
    assert document["tool"]["name"] == "agreed"
    assert document["summary"] == {"files": 1, "problems": 0, "info": 0, "warning": 0, "error": 0}


def test_real_command_in_subprocess_respects_no_color(tmp_path: Path, vague_ownerless: str) -> None:
    path = tmp_path / "vague.yaml"
    path.write_text(vague_ownerless)
    env = {"NO_COLOR": "1", "PATH": str(Path(sys.executable).parent)}
    completed = subprocess.run([sys.executable, "-m", "agreed", "lint", str(path)], capture_output=True, text=True,
                               env=env, cwd=REPO, check=False)
    assert completed.returncode == 1, completed.stderr
    assert "\x1b[" not in completed.stdout
    assert "A202" in completed.stdout


def test_version(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert "agreed, version" in result.output


def test_symlink_loop_is_a_finding_not_a_crash(runner: CliRunner, tmp_path: Path) -> None:
    folder = tmp_path / "agreements"
    folder.mkdir()
    shutil.copy(CONTRACTS / "sales-onboarding.yaml", folder / "good.yaml")
    (folder / "loop.yaml").symlink_to(folder / "loop.yaml")
    result = runner.invoke(main, ["lint", str(folder)])
    assert result.exit_code == 2
    assert "loop.yaml:1:1: S010 error" in result.output
    assert "internal error" not in result.output


def test_fifo_is_refused_without_blocking(runner: CliRunner, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    result = runner.invoke(main, ["lint", str(fifo)])
    assert result.exit_code == 2
    assert "not a regular file" in result.output


def test_unknown_status_is_one_error_not_a_flood(runner: CliRunner, tmp_path: Path) -> None:
    path = tmp_path / "typo.yaml"
    path.write_text((CONTRACTS / "_template.yaml").read_text().replace("status: draft", "status: drafft"))
    result = runner.invoke(main, ["validate", str(path), "--format", "json"])
    problems = json.loads(result.output)["problems"]
    assert [p["message"] for p in problems] == [
        "status: 'drafft' is not one of: draft, proposed, active, renegotiating, fulfilled, ended "
        "(did you mean 'draft'?)"]


def test_output_file_gets_the_report_and_stdout_the_summary(runner: CliRunner, tmp_path: Path,
                                                           vague_ownerless: str) -> None:
    path = tmp_path / "vague.yaml"
    path.write_text(vague_ownerless)
    report = tmp_path / "report.json"
    result = runner.invoke(main, ["lint", str(path), "--format", "json", "--output", str(report)])
    assert result.exit_code == 1
    assert result.output.startswith("Found ")
    assert f"Report (json) written to {report}" in result.output
    assert json.loads(report.read_text())["summary"]["error"] >= 4


def test_output_to_unwritable_place_is_usage_error(runner: CliRunner, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = runner.invoke(main, ["lint", str(CONTRACTS), "--output", str(blocker / "report.txt")])
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_lint_never_loads_gitpython() -> None:
    code = ("import sys\nfrom agreed.cli import main\n"
            "try:\n    main(['lint', '--no-cache', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
            "print('git' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code, str(CONTRACTS / "sales-onboarding.yaml")],
                           capture_output=True, text=True, check=True)
    assert found.stdout.splitlines()[-1] == "False"
