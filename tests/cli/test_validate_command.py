from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from agreed.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_validate_ignores_lint_rules(tmp_path: Path) -> None:
    text = (REPO / "contracts" / "sales-onboarding.yaml").read_text()
    marker = "      what: "
    path = tmp_path / "vague.yaml"
    path.write_text(text.replace(marker, marker + "Several robust ", 1))
    assert CliRunner().invoke(main, ["validate", str(path), "--fail-on", "info"]).exit_code == 0
    assert CliRunner().invoke(main, ["lint", str(path), "--fail-on", "warning"]).exit_code == 1


def test_validate_reports_all_schema_errors_at_their_keys(tmp_path: Path) -> None:
    text = (REPO / "contracts" / "sales-onboarding.yaml").read_text()
    broken = text.replace("status: active", "status: activ").replace("\nterm:", "\ntrem:", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken)
    result = CliRunner().invoke(main, ["validate", str(path), "--format", "json"])
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    messages = [p["message"] for p in problems]
    assert any("did you mean 'active'" in message for message in messages)
    assert any("unknown key 'trem'" in message and "did you mean 'term'" in message for message in messages)
    line_of_trem = broken.splitlines().index("trem:") + 1
    assert any(p["line"] == line_of_trem and p["col"] == 1 for p in problems)
