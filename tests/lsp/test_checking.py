"""The buffer check behind the server's diagnostics, on real files: the nearest configuration applies, one that
cannot be used is said at the top of the buffer with the defaults in force, and the other agreements on disk are
read again only when they change."""

from __future__ import annotations

from pathlib import Path

import pytest

from agreed.lsp.checking import BufferChecker
from lsp_client import repository_with


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return repository_with(tmp_path, "sales-onboarding.yaml", "clinic-scheduling.yaml")


def _duplicate(repository: Path) -> tuple[Path, str]:
    file = repository / "contracts" / "sales-onboarding.yaml"
    return file, file.read_text(encoding="utf-8").replace("id: sales-onboarding", "id: clinic-scheduling", 1)


def test_an_unusable_configuration_is_said_at_the_top_and_the_defaults_apply(repository: Path) -> None:
    (repository / ".agreed.yaml").write_text("rules:\n  NOPE1: off\n", encoding="utf-8")
    file, text = _duplicate(repository)
    found = BufferChecker().check(file, text).problems
    assert [(problem.rule, problem.line) for problem in found] == [("S013", 1), ("K901", 3)]
    assert ".agreed.yaml" in found[0].message


def test_a_configuration_switching_a_rule_off_is_followed_and_reread_when_it_changes(repository: Path) -> None:
    checker = BufferChecker()
    file, text = _duplicate(repository)
    config = repository / ".agreed.yaml"
    config.write_text("rules:\n  K901: off\n", encoding="utf-8")
    assert checker.check(file, text).problems == ()
    config.write_text("rules:\n  K901: info\n", encoding="utf-8")
    assert [problem.severity.label for problem in checker.check(file, text).problems] == ["info"]


def test_another_agreement_changed_on_disk_is_read_again(repository: Path) -> None:
    checker = BufferChecker()
    file, text = _duplicate(repository)
    assert [problem.rule for problem in checker.check(file, text).problems] == ["K901"]
    other = repository / "contracts" / "clinic-scheduling.yaml"
    other.write_text(other.read_text(encoding="utf-8").replace("id: clinic-scheduling", "id: clinic-2", 1) + "\n",
                     encoding="utf-8")
    assert checker.check(file, text).problems == ()


def test_files_lint_does_not_check_as_agreements_are_left_unchecked(repository: Path) -> None:
    checker = BufferChecker()
    broken = "agreed: 1\nid: [\n"
    record = repository / "contracts" / ".consent" / "sales-onboarding" / "ana" / "0123456789abcdef.yaml"
    assert checker.check(record, broken).problems == ()
    assert checker.check(repository / ".agreed.yaml", broken).problems == ()
    assert [problem.rule for problem in checker.check(repository / "contracts" / "new.yaml", broken).problems] == [
        "S001"]
    (repository / ".agreed.yaml").write_text("exclude: ['contracts/old/*.yaml']\n", encoding="utf-8")
    assert checker.check(repository / "contracts" / "old" / "x.yaml", broken).problems == ()
