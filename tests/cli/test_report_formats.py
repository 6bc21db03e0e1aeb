from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from agreed.cli import main
from report_samples import DRAFT_WITH_FINDINGS

SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "report" / "lint" / "sarif-schema-2.1.0.json"


@pytest.fixture
def agreement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "x.yaml").write_text(DRAFT_WITH_FINDINGS)
    return "contracts/x.yaml"


def test_full_format_shows_the_source_line_and_a_caret(agreement: str) -> None:
    lines = CliRunner().invoke(main, ["lint", agreement, "--format", "full"]).output.splitlines()
    index = lines.index(f"{agreement}:11:13: V101 warning \"Robust\" is a subjective quality word: say what "
                        "measurable property it stands for")
    assert lines[index + 1] == "          what: Robust thing, etc."
    assert lines[index + 2] == "    " + " " * 12 + "^"


def test_github_is_the_default_inside_actions_with_a_step_summary(agreement: str, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = CliRunner().invoke(main, ["lint", agreement])
    assert result.exit_code == 1
    assert f"::error file={agreement},line=10,col=7,title=A201 owner-missing::" in result.output
    table = summary.read_text()
    assert "| A201 | owner-missing | error | 1 |" in table
    assert CliRunner().invoke(main, ["lint", agreement, "--format", "text"]).output.startswith(f"{agreement}:10:7:")


def test_sarif_from_the_command_validates_and_uses_repo_relative_uris(agreement: str) -> None:
    result = CliRunner().invoke(main, ["lint", agreement, "--format", "sarif"])
    log = json.loads(result.output)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text())).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {agreement}
    assert {rule["id"] for rule in log["runs"][0]["tool"]["driver"]["rules"]} == {"A201", "V101", "V104"}


def test_gitlab_code_quality_from_the_command(agreement: str) -> None:
    issues = json.loads(CliRunner().invoke(main, ["lint", agreement, "--format", "gitlab"]).output)
    assert {(issue["check_name"], issue["location"]["lines"]["begin"]) for issue in issues} == {
        ("A201", 10), ("V101", 11), ("V104", 11)}
    assert len({issue["fingerprint"] for issue in issues}) == 3
