"""SARIF from ``agreed lint --format sarif`` read by a real client, sarif-tools (command ``sarif``): the counts it
summarises and the issues it lists are the findings agreed reported, for the shipped agreements and a file with
findings."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from report_samples import DRAFT_WITH_FINDINGS

REPO_ROOT = Path(__file__).resolve().parents[3]
SARIF = shutil.which("sarif", path=str(Path(sys.executable).parent)) or shutil.which("sarif")
pytestmark = pytest.mark.skipif(SARIF is None, reason="needs sarif-tools (pip install sarif-tools: a test extra)")


def agreed(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "agreed", *arguments], cwd=cwd, capture_output=True, text=True, check=False
    )


def sarif_tools(*arguments: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    assert SARIF is not None
    return subprocess.run([SARIF, *arguments], cwd=cwd, capture_output=True, text=True, check=False)


def test_the_shipped_agreements_are_summarised_with_the_counts_agreed_reported(tmp_path: Path) -> None:
    log = tmp_path / "agreed.sarif"
    result = agreed("lint", "contracts", "--format", "sarif", "--output", str(log), "--fail-on", "never", cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    counts = json.loads(agreed("lint", "contracts", "--format", "json", cwd=REPO_ROOT).stdout)["summary"]
    summary = sarif_tools("summary", str(log), cwd=tmp_path)
    assert summary.returncode == 0, summary.stdout + summary.stderr
    totals = [line for line in summary.stdout.splitlines() if line and not line.startswith(" ")]
    assert totals == [f"error: {counts['error']}", f"warning: {counts['warning']}", f"note: {counts['info']}"]


def test_a_file_with_findings_is_summarised_and_listed_as_agreed_reported(tmp_path: Path) -> None:
    (tmp_path / "contracts").mkdir()
    (tmp_path / "contracts" / "x.yaml").write_text(DRAFT_WITH_FINDINGS, encoding="utf-8")
    assert agreed("lint", "contracts/x.yaml", "--format", "sarif", "--output", "x.sarif", cwd=tmp_path).returncode == 1

    summary = sarif_tools("--check", "error", "summary", "x.sarif", cwd=tmp_path)
    assert summary.returncode == 1  # the client sees an error-level issue
    assert "error: 1" in summary.stdout
    assert "warning: 2" in summary.stdout

    assert sarif_tools("csv", "x.sarif", "--output", "issues.csv", cwd=tmp_path).returncode == 0
    with (tmp_path / "issues.csv").open(encoding="utf-8", newline="") as rows:
        issues = {
            (row["Tool"], row["Severity"], row["Code"], row["Location"], row["Line"]) for row in csv.DictReader(rows)
        }
    assert issues == {
        ("agreed", "error", "A201", "contracts/x.yaml", "10"),
        ("agreed", "warning", "V101", "contracts/x.yaml", "11"),
        ("agreed", "warning", "V104", "contracts/x.yaml", "11"),
    }
