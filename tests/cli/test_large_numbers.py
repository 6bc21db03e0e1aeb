"""A whole number too large to print (0x and 0o literals reach past the interpreter's 4,300-digit limit for turning
numbers into text) is one positioned finding of its file in every command; it never aborts a run or hides the
reports of other files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agreed.cli import main
from gitrepo import commit_all, git

REPO = Path(__file__).resolve().parents[2]
SALES = REPO / "contracts" / "sales-onboarding.yaml"
CLINIC = REPO / "contracts" / "clinic-scheduling.yaml"
HUGE = {"hex": "0x" + "f" * 4000, "octal": "0o" + "7" * 6000, "decimal": "9" * 5000}
TOO_LARGE = "is too large: whole numbers have at most 600 digits; quote it to keep it as text"


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, list(arguments))


def with_huge_extension(folder: Path, written: str, name: str = "sales.yaml") -> tuple[Path, int]:
    """A copy of the sales agreement with ``x-size: WRITTEN`` added at its end; the path and that line's number."""
    text = SALES.read_text(encoding="utf-8")
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(f"{text}x-size: {written}\n", encoding="utf-8")
    return target, text.count("\n") + 1


def line_of(path: Path, start: str) -> int:
    """The number of the first line of ``path`` that starts with ``start``."""
    return next(number for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.startswith(start))


def assert_no_internal_error(result: Result) -> None:
    assert "internal error" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.mark.parametrize("written", HUGE.values(), ids=HUGE.keys())
@pytest.mark.parametrize("command", ["lint", "validate"])
def test_lint_and_validate_report_it_and_every_other_file(tmp_path: Path, command: str, written: str) -> None:
    huge, line = with_huge_extension(tmp_path, written)
    other = tmp_path / "other.yaml"
    other.write_text(CLINIC.read_text(encoding="utf-8").replace("agreed: 1", "agreed: 1\ntitel: typo", 1),
                     encoding="utf-8")
    result = run(command, str(tmp_path))
    assert_no_internal_error(result)
    assert result.exit_code == 1, result.output
    assert f"{huge}:{line}:9: S001 error the number '" in result.output
    assert TOO_LARGE in result.output
    assert f"{other}:{line_of(other, 'titel')}:1: S100 error (document): unknown key 'titel'" in result.output


def test_a_huge_format_version_is_reported_not_a_crash(tmp_path: Path) -> None:
    agreement = tmp_path / "a.yaml"
    agreement.write_text(SALES.read_text(encoding="utf-8").replace("agreed: 1", f"agreed: {HUGE['hex']}", 1),
                         encoding="utf-8")
    result = run("lint", str(agreement))
    assert_no_internal_error(result)
    assert result.exit_code == 1
    assert f"{agreement}:{line_of(agreement, 'agreed:')}:9: S001" in result.output


def test_digest_says_why_there_is_no_digest_and_digests_the_other_files(tmp_path: Path) -> None:
    huge, line = with_huge_extension(tmp_path, HUGE["hex"])
    result = run("digest", str(huge), str(SALES))
    assert_no_internal_error(result)
    assert result.exit_code == 2
    assert f"{huge}:{line}:9: S001 error the number '0xfff" in result.output
    assert f" {SALES}" in result.stdout
    assert result.stdout.startswith("sha256:")


def test_diff_says_the_file_does_not_load(tmp_path: Path) -> None:
    huge, line = with_huge_extension(tmp_path, HUGE["octal"])
    result = run("diff", str(SALES), str(huge))
    assert_no_internal_error(result)
    assert result.exit_code == 2
    assert f"does not load (line {line}, column 9: the number '0o777" in result.output
    assert TOO_LARGE in result.output


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_the_consent_gate_fails_only_that_agreement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "contracts").mkdir()
    shutil.copy(CLINIC, tmp_path / "contracts" / "clinic.yaml")
    with_huge_extension(tmp_path / "contracts", HUGE["hex"])
    commit_all(tmp_path, "Agreements")
    status = run("consent", "status")
    assert_no_internal_error(status)
    assert status.exit_code == 0, status.output
    assert "contracts/clinic.yaml: clinic-scheduling (fulfilled) sha256:" in status.output
    assert "contracts/sales.yaml: no digest, terms that do not validate cannot be consented to: " in status.output
    check = run("consent", "check")
    assert_no_internal_error(check)
    assert check.exit_code == 1, check.output  # that agreement fails the gate; the run itself is sound
    assert "contracts/clinic.yaml: ok (fulfilled)" in check.output
    assert TOO_LARGE in check.output


def test_a_rule_option_in_agreed_yaml_is_a_positioned_configuration_error(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SALES, tmp_path / "a.yaml")
    (tmp_path / ".agreed.yaml").write_text(f"rules:\n  T303:\n    options: {{max-gap-days: {HUGE['hex']}}}\n",
                                           encoding="utf-8")
    result = run("lint", "a.yaml")
    assert_no_internal_error(result)
    assert result.exit_code == 2
    assert ".agreed.yaml:3:29: S013 the number '0xfff" in result.output
    assert TOO_LARGE in result.output


@pytest.mark.parametrize("written", HUGE.values(), ids=HUGE.keys())
def test_a_rule_option_in_pyproject_is_a_configuration_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             written: str) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(SALES, tmp_path / "a.yaml")
    (tmp_path / "pyproject.toml").write_text(f"[tool.agreed.rules.T303]\noptions = {{max-gap-days = {written}}}\n",
                                             encoding="utf-8")
    result = run("lint", "a.yaml")
    assert_no_internal_error(result)
    assert result.exit_code == 2
    assert "pyproject.toml:1:1: S013 [tool.agreed]" in result.output
    assert "too large: whole numbers have at most 600 digits" in result.output
