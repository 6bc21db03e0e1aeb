"""What the README says about a tab in a file name is what the commands do: shown as it is (digest, consent), except
in the name that ``codeowners`` refuses, where it is written ``\\t``."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from agreed.cli import main
from gitrepo import EXAMPLE, git

README = Path(__file__).resolve().parents[1] / "README.md"
NAME = "contracts/t\tx.yaml"

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _shown_text_paragraph() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"^Text that a person reads .*?(?=\n\n)", text, re.DOTALL | re.MULTILINE)
    assert found is not None, "the README has no paragraph on how text is shown"
    return " ".join(found.group().split())


@pytest.fixture
def tab_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "contracts").mkdir()
    (tmp_path / NAME).write_bytes(EXAMPLE.read_bytes())
    return tmp_path


def test_a_tab_in_a_name_codeowners_refuses_is_escaped_as_the_readme_says(tab_named: Path) -> None:
    result = CliRunner().invoke(main, ["codeowners"])
    assert result.exit_code == 2
    assert "agreed: error: contracts/t\\tx.yaml: CODEOWNERS cannot express" in result.stderr
    assert "tabs and other non-ASCII text (é, 中文, emoji) are shown as they are" in _shown_text_paragraph()
    assert "a file name that `codeowners` refuses" in _shown_text_paragraph()
    assert "has its tab escaped too, as `\\t`" in _shown_text_paragraph()


def test_a_tab_elsewhere_is_shown_as_it_is(tab_named: Path) -> None:
    result = CliRunner().invoke(main, ["digest"])
    assert result.exit_code == 0, result.output
    assert result.stdout.endswith(f" {NAME}\n")
