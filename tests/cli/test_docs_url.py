"""``--docs-url`` of lint and validate (or ``$AGREED_DOCS_URL``): the base SARIF links the rules' documentation
under; a bad one is a usage error naming where it came from (the option or the variable), never a traceback."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from agreed.report import rule_docs
from report_samples import DRAFT_WITH_FINDINGS

BASE = "https://github.com/owner/agreed/tree/v1.2.0"


@pytest.fixture
def draft(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("AGREED_DOCS_URL", raising=False)
    monkeypatch.setattr(rule_docs, "project_home", lambda: None)
    (tmp_path / "x.yaml").write_text(DRAFT_WITH_FINDINGS + "  - [unclosed\n", encoding="utf-8")  # S001 for validate
    return tmp_path / "x.yaml"


def run(*arguments: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(main, [*arguments, "--format", "sarif", "x.yaml"], env=env)


def driver(result: Result) -> dict[str, Any]:
    assert result.exit_code == 1, result.output
    found: dict[str, Any] = json.loads(result.stdout)["runs"][0]["tool"]["driver"]
    return found


@pytest.mark.parametrize("command", ["lint", "validate"])
def test_the_base_given_links_the_tool_and_each_rule_that_fired(draft: Path, command: str) -> None:
    linked = driver(run(command, "--docs-url", BASE + "/"))
    assert linked["informationUri"] == BASE
    assert linked["rules"]
    assert all(rule["helpUri"] == f"{BASE}/docs/rules.md#{rule['id'].lower()}" for rule in linked["rules"])
    bare = driver(run(command))
    assert "informationUri" not in bare
    assert all("helpUri" not in rule for rule in bare["rules"])


def test_the_environment_gives_the_base_and_the_option_wins_over_it(draft: Path) -> None:
    assert driver(run("lint", env={"AGREED_DOCS_URL": BASE}))["informationUri"] == BASE
    given = driver(run("lint", "--docs-url", "https://example.org/x", env={"AGREED_DOCS_URL": BASE}))
    assert given["informationUri"] == "https://example.org/x"
    assert "informationUri" not in driver(run("lint", env={"AGREED_DOCS_URL": ""}))


@pytest.mark.parametrize("url", ["example.org/agreed", "https://example.org/agreed#rules", "javascript:alert(1)",
                                 "https://example.org/\x1b[31mred"])
def test_a_base_that_is_no_absolute_http_url_is_a_usage_error(draft: Path, url: str) -> None:
    for result in (run("lint", "--docs-url", url), run("validate", env={"AGREED_DOCS_URL": url})):
        assert result.exit_code == 2
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "\x1b" not in result.stderr
        assert not result.stdout
    assert "Invalid value for '--docs-url'" in run("lint", "--docs-url", url).stderr
    from_environment = run("validate", env={"AGREED_DOCS_URL": url}).stderr
    assert "Invalid value for 'AGREED_DOCS_URL' (from the environment)" in from_environment
    assert "--docs-url" not in from_environment


def test_a_bad_base_in_the_environment_is_named_even_where_no_link_is_made(draft: Path) -> None:
    result = CliRunner().invoke(main, ["lint", "x.yaml"], env={"AGREED_DOCS_URL": "example.org/agreed"})
    assert result.exit_code == 2  # a bad setting is a configuration error, whatever the format
    assert "'AGREED_DOCS_URL' (from the environment)" in result.stderr
    assert "'example.org/agreed' is no absolute http or https URL" in result.stderr
