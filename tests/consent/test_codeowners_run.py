"""The run behind ``agreed codeowners`` (agreed.consent.codeowners_run), called directly on real temporary
repositories: the plan (agreements, the CODEOWNERS file chosen and contained), and writing or checking the block."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from agreed.consent.codeowners import BEGIN, END, UnwritablePath
from agreed.consent.codeowners_run import (
    CODEOWNERS_LIMIT,
    UNLOADED,
    UNNAMEABLE,
    CodeownersUsageError,
    FileState,
    Outcome,
    check_block,
    plan,
    write_block,
)
from agreed.problem import Problem

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

USER_LINES = "* @acme/platform\n"
DEMO_LINE = "/contracts/demo.yaml @mchen @liwei"


@pytest.fixture
def agreements(repo: Path, minimal_agreement: dict[str, Any]) -> Path:
    """contracts/demo.yaml (maria @mchen, li @liwei) and contracts/team/other.yaml (li without a handle)."""
    minimal_agreement["parties"][0]["handle"] = "mchen"
    minimal_agreement["parties"][1]["handle"] = "@liwei"
    _save(repo / "contracts" / "demo.yaml", minimal_agreement)
    del minimal_agreement["parties"][1]["handle"]
    (repo / "contracts" / "team").mkdir()
    _save(repo / "contracts" / "team" / "other.yaml", {**minimal_agreement, "id": "other"})
    return repo


def _save(path: Path, data: dict[str, Any]) -> None:
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def test_the_plan_lists_every_agreement_repo_relative_from_a_subfolder(agreements: Path) -> None:
    planned = plan(agreements / "contracts" / "team", [], None, with_file=False)
    assert (planned.root, planned.target, planned.stop, planned.failures) == (agreements.resolve(), None, None, ())
    assert [entry.path for entry in planned.entries] == ["contracts/demo.yaml", "contracts/team/other.yaml"]
    assert planned.entries[1].unowned == ("li",)
    assert planned.block.splitlines() == [BEGIN, DEMO_LINE, "/contracts/team/other.yaml @mchen",
                                          "# /contracts/team/other.yaml: no code-host handle for li", END]


def test_the_plan_refuses_standard_input_no_repository_and_no_agreements(
        agreements: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    with pytest.raises(CodeownersUsageError, match="not standard input"):
        plan(agreements, ["-"], None, with_file=False)
    outside = tmp_path_factory.mktemp("not-a-repository")
    with pytest.raises(CodeownersUsageError, match=r"^not inside a git repository"):
        plan(outside, [], None, with_file=False)
    (agreements / "docs").mkdir()
    with pytest.raises(CodeownersUsageError, match="holds no agreement files"):
        plan(agreements, ["docs"], None, with_file=False)


def test_the_default_file_is_the_first_candidate_that_exists(agreements: Path) -> None:
    assert plan(agreements, [], None, with_file=True).target == agreements.resolve() / ".github" / "CODEOWNERS"
    (agreements / "docs").mkdir()
    (agreements / "docs" / "CODEOWNERS").write_text(USER_LINES, encoding="utf-8")
    assert plan(agreements, [], None, with_file=True).target == agreements.resolve() / "docs" / "CODEOWNERS"


@pytest.mark.parametrize("with_file", [True, False], ids=["write or check", "print"])
@pytest.mark.parametrize("file", ["../CODEOWNERS", "contracts/../../CODEOWNERS", ".git/config", "linked"])
def test_a_file_outside_the_work_tree_is_refused_before_any_agreement_is_read(agreements: Path, tmp_path: Path,
                                                                              file: str, with_file: bool) -> None:
    (agreements / "linked").symlink_to(tmp_path.parent)
    (agreements / "contracts" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(CodeownersUsageError, match=r"the CODEOWNERS file must be (inside the repository|a file of "
                                                   r"the repository's work tree, not in \.git)"):
        plan(agreements, [], Path(file), with_file=with_file)


def test_an_agreement_that_does_not_load_stops_the_plan_with_its_problems(agreements: Path) -> None:
    (agreements / "contracts" / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    planned = plan(agreements, [], None, with_file=True)
    assert planned.stop == UNLOADED
    assert planned.failures
    assert all(isinstance(failure, Problem) and failure.path == "contracts/broken.yaml"
               for failure in planned.failures)


@pytest.mark.parametrize("name", ["x\nworkflows\t@attacker\nx.yaml", "tab\there.yaml", "line\u2028break.yaml"])
def test_a_file_name_codeowners_cannot_express_stops_the_plan(agreements: Path, minimal_agreement: dict[str, Any],
                                                              name: str) -> None:
    _save(agreements / "contracts" / name, {**minimal_agreement, "id": "odd"})
    planned = plan(agreements, [], None, with_file=True)
    assert planned.stop == UNNAMEABLE
    [failure] = planned.failures
    assert isinstance(failure, UnwritablePath)
    assert "CODEOWNERS cannot express" in str(failure)
    assert "\n" not in str(failure)


def test_a_consent_record_named_is_left_out(agreements: Path) -> None:
    record = agreements / "contracts" / ".consent" / "demo" / "maria" / "0123456789abcdef.yaml"
    record.parent.mkdir(parents=True)
    record.write_text("agreed-consent: 1\n", encoding="utf-8")
    planned = plan(agreements, ["contracts/demo.yaml", str(record)], None, with_file=False)
    assert [entry.path for entry in planned.entries] == ["contracts/demo.yaml"]
    assert [path.name for path, _ in planned.skipped] == [record.name]


def test_writing_creates_keeps_the_user_s_lines_and_then_is_up_to_date(agreements: Path) -> None:
    planned = plan(agreements, [], None, with_file=True)
    assert write_block(planned) == Outcome(".github/CODEOWNERS", FileState.CREATED)
    assert write_block(planned).state is FileState.UP_TO_DATE
    owners = agreements / ".github" / "CODEOWNERS"
    owners.write_text(USER_LINES + owners.read_text(encoding="utf-8").replace(DEMO_LINE, "/contracts/demo.yaml @x"),
                      encoding="utf-8")
    assert write_block(planned).state is FileState.UPDATED
    text = owners.read_text(encoding="utf-8")
    assert text.startswith(USER_LINES)
    assert DEMO_LINE in text.splitlines()


def test_checking_gives_the_diff_until_the_block_is_written(agreements: Path) -> None:
    planned = plan(agreements, [], Path("owners"), with_file=True)
    missing = check_block(planned)
    assert (missing.name, missing.state) == ("owners", FileState.OUT_OF_DATE)
    assert f"+{DEMO_LINE}\n" in missing.diff
    assert not (agreements / "owners").exists()
    write_block(planned)
    assert check_block(planned).state is FileState.UP_TO_DATE


@pytest.mark.parametrize(("content", "said"), [(b"\xff\xfe not text\n", "codec can't decode"),
                                               (b"#" * (CODEOWNERS_LIMIT + 1), "cannot read"),
                                               ((BEGIN + "\n").encode(), "expected one")],
                         ids=["not-utf8", "too-large", "malformed-block"])  # an id of the huge content would reach
# every subprocess's environment (PYTEST_CURRENT_TEST) and exceed the argument limit
def test_a_file_that_cannot_be_read_or_has_a_malformed_block_is_refused(agreements: Path, content: bytes,
                                                                        said: str) -> None:
    (agreements / "CODEOWNERS").write_bytes(content)
    planned = plan(agreements, [], None, with_file=True)
    for run in (write_block, check_block):
        with pytest.raises(CodeownersUsageError, match=said):
            run(planned)
    assert (agreements / "CODEOWNERS").read_bytes() == content


def test_a_plan_without_a_file_cannot_be_written(agreements: Path) -> None:
    with pytest.raises(ValueError, match="no CODEOWNERS file"):
        write_block(plan(agreements, [], None, with_file=False))
