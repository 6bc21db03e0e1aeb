"""``agreed history`` end to end through click, on real temporary repositories."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main

ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
PATH = "contracts/demo.yaml"
DEADLINES = ("2031-06-30", "2031-07-30", "2031-09-13")


def _git(root: Path, *args: str, day: int = 1) -> None:
    date = f"2031-01-{day:02d}T12:00:00+00:00"
    subprocess.run(["git", "-c", "user.name=Li Wei", "-c", "user.email=li@example.org", *args], cwd=root,
                   env={**ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path, minimal_agreement: dict[str, Any]) -> Path:
    """A repository where contracts/demo.yaml's outcome deadline slipped twice, with one editorial commit."""
    root = tmp_path / "repo"
    (root / "contracts").mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")
    edits = [(DEADLINES[0], "Create the agreement"), (DEADLINES[1], "Slip | the deadline"),
             (DEADLINES[1], "Retitle"), (DEADLINES[2], "Slip again")]
    for day, (deadline, subject) in enumerate(edits, start=1):
        minimal_agreement["results"]["deadline"] = deadline
        minimal_agreement["title"] = f"Demo agreement {'(retitled)' if day >= 3 else ''}".strip()
        (root / PATH).write_text(json.dumps(minimal_agreement, indent=2) + "\n", encoding="utf-8")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", subject, day=day)
    return root


def _run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *arguments: str) -> Result:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, ["history", *arguments])


def test_text_lists_every_version(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(repo, monkeypatch, PATH)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{PATH} (id demo): 4 versions, 3 with material changes"
    assert any(line.strip().startswith("material") and "results.deadline: 2031-06-30 -> 2031-07-30 (+30 days)"
               in line for line in lines)
    assert any(line.strip().startswith("editorial") and line.strip().endswith("(retitled)") for line in lines)
    assert "Li Wei" in result.stdout


def test_by_id_from_a_subfolder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(repo / "contracts", monkeypatch, "demo", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["version"] == 1
    assert document["path"] == PATH
    assert document["id"] == "demo"
    assert [version["subject"] for version in document["versions"]] == [
        "Create the agreement", "Slip | the deadline", "Retitle", "Slip again"]
    assert document["versions"][1]["changes"] == [{
        "path": "results.deadline", "kind": "changed", "old": DEADLINES[0], "new": DEADLINES[1], "material": True,
        "note": "+30 days"}]
    assert document["field"] is None


def test_field_with_cumulative_days(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(repo, monkeypatch, PATH, "--field", "results.deadline")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{PATH}: results.deadline: 3 changes"
    assert "2031-09-13  (+45 days, +75 days total)  [material]  Slip again" in lines[-1]
    document = json.loads(_run(repo, monkeypatch, PATH, "--field", "results.deadline", "--format", "json").stdout)
    assert [point["total"] for point in document["field"]["points"]] == ["", "+30 days total", "+75 days total"]


def test_markdown_reads_as_a_pr_comment(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(repo, monkeypatch, PATH, "--format", "markdown")
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert text.startswith(f"### History of `{PATH}`\n")
    assert "| commit | date | author | subject | kind | changes |" in text
    assert "Slip \\| the deadline" in text  # a pipe in a subject does not break the table
    assert "- **material** `results.deadline: 2031-07-30 -> 2031-09-13 (+45 days)`" in text
    field = _run(repo, monkeypatch, PATH, "--field", "results.deadline", "--format", "markdown").stdout
    assert "| 2031-09-13 | +45 days | +75 days | material |" in field


def test_since_and_material_only(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    since = json.loads(_run(repo, monkeypatch, PATH, "--since", "2031-01-03", "--format", "json").stdout)
    assert [version["subject"] for version in since["versions"]] == ["Retitle", "Slip again"]
    material = json.loads(_run(repo, monkeypatch, PATH, "--material-only", "--format", "json").stdout)
    assert [version["subject"] for version in material["versions"]] == [
        "Create the agreement", "Slip | the deadline", "Slip again"]
    assert all(change["material"] for version in material["versions"] for change in version["changes"])


def test_shallow_clone_stops_with_the_fix(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], env=ENV, check=True)
    stopped = _run(clone, monkeypatch, PATH)
    assert stopped.exit_code == 2
    assert stopped.stdout == ""
    assert stopped.stderr.count("\n") == 1
    assert "shallow" in stopped.stderr
    assert "fetch-depth: 0" in stopped.stderr
    assert "--allow-shallow" in stopped.stderr
    allowed = _run(clone, monkeypatch, PATH, "--allow-shallow")
    assert allowed.exit_code == 0
    assert allowed.stderr.startswith("agreed: warning: this clone is shallow")
    assert allowed.stdout.startswith(f"{PATH} (id demo): 2 versions")


@pytest.mark.parametrize(("arguments", "message"), [
    (["../outside.yaml"], "is outside the repository"),
    (["contracts/never.yaml"], "no such file, and git has no history of it"),
    (["nobody"], "no agreement has this id"),
    ([PATH, "--since", "last tuesday"], "bad --since"),
    ([PATH, "--field", "results..deadline"], "bad --field"),
])
def test_errors_are_one_line_and_exit_2(repo: Path, monkeypatch: pytest.MonkeyPatch, arguments: list[str],
                                        message: str) -> None:
    result = _run(repo, monkeypatch, *arguments)
    assert result.exit_code == 2
    assert result.stderr.startswith("agreed: error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1


def test_a_folder_that_is_not_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "a.yaml").write_text("agreed: 1\nid: a\n", encoding="utf-8")
    result = _run(plain, monkeypatch, "a.yaml")
    assert result.exit_code == 2
    assert "is not inside a git repository" in result.stderr


def test_the_cache_makes_a_second_run_read_no_blob(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _run(repo, monkeypatch, PATH, "--format", "json")
    assert (repo / ".agreed_cache" / "blobs").is_dir()
    objects = repo / ".git" / "objects"
    for blob in {version["blob"] for version in json.loads(first.stdout)["versions"]}:
        (objects / blob[:2] / blob[2:]).unlink()  # a warm run must not need them
    second = _run(repo, monkeypatch, PATH, "--format", "json")
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout
    assert _run(repo, monkeypatch, PATH, "--no-cache").exit_code == 2
