"""``agreed diff`` end to end on real temporary git repositories: versions named as files, ``REV:path`` and ``REV``,
``--base`` for a pull request's range, exit codes, and the git diff driver under plain ``git diff``."""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from agreed import __version__
from agreed.cli import main

ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}
A = "contracts/a.yaml"
B = "contracts/b.yaml"


def git(root: Path, *args: str) -> str:
    completed = subprocess.run(["git", "-c", "user.name=Li Wei", "-c", "user.email=li@example.org", *args], cwd=root,
                               env=ENV, check=True, capture_output=True, text=True)
    return completed.stdout


def write(root: Path, path: str, data: dict[str, Any]) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


def commit(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


@pytest.fixture
def agreement(minimal_agreement: dict[str, Any]) -> dict[str, Any]:
    return minimal_agreement


@pytest.fixture
def repo(tmp_path: Path, agreement: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository (the current folder) with contracts/a.yaml and contracts/b.yaml committed on main."""
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, A, agreement)
    write(root, B, {**agreement, "id": "b", "title": "Second agreement"})
    commit(root, "Create the agreements")
    monkeypatch.chdir(root)
    return root


def run(*arguments: str) -> Result:
    return CliRunner().invoke(main, ["diff", *arguments])


def slip_deadline(root: Path, agreement: dict[str, Any], deadline: str = "2031-08-14") -> None:
    agreement["results"]["deadline"] = deadline
    write(root, A, agreement)


DEADLINE_LINE = "results.deadline: 2031-06-30 -> 2031-08-14 (+45 days) [material]"


# -- one file against HEAD ---------------------------------------------------------------------------------------


def test_one_file_is_compared_with_head(repo: Path, agreement: dict[str, Any]) -> None:
    slip_deadline(repo, agreement)
    result = run(A)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"HEAD:{A} -> {A}: 1 material, 0 record, 0 editorial", f"  {DEADLINE_LINE}",
        "1 change (1 material, 0 record, 0 editorial) in 1 agreement."]


def test_an_unchanged_file_has_no_changes(repo: Path) -> None:
    (repo / A).write_text((repo / A).read_text().replace("{", "{ ") + "# only a comment\n")
    result = run(A)
    assert result.exit_code == 0, result.output
    assert "no semantic changes" in result.stdout


def test_one_file_from_a_subfolder(repo: Path, agreement: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> None:
    slip_deadline(repo, agreement)
    monkeypatch.chdir(repo / "contracts")
    result = run("a.yaml")
    assert result.exit_code == 0, result.output
    assert f"  {DEADLINE_LINE}" in result.stdout.splitlines()


def test_a_file_deleted_from_the_work_tree(repo: Path) -> None:
    (repo / A).unlink()
    result = run(A)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"HEAD:{A} (deleted): 1 material, 0 record, 0 editorial"
    assert "  (agreement): - demo (Demo agreement) (agreement removed) [material]" in result.stdout.splitlines()


# -- REV:path and REV --------------------------------------------------------------------------------------------


@pytest.fixture
def history(repo: Path, agreement: dict[str, Any]) -> Path:
    """Two commits on top: the deadline slipped, then the title changed."""
    slip_deadline(repo, agreement)
    commit(repo, "Slip the deadline")
    agreement["title"] = "Retitled"
    write(repo, A, agreement)
    commit(repo, "Retitle")
    return repo


@pytest.mark.parametrize("arguments", [
    (f"HEAD~2:{A}", f"HEAD~1:{A}"),
    ("HEAD~2", f"HEAD~1:{A}"),
    (f"HEAD~2:{A}", "HEAD~1"),
    (f"HEAD~2:./{A}", f"HEAD~1:{A}"),
])
def test_revisions(history: Path, arguments: tuple[str, str]) -> None:
    result = run(*arguments)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == [f"  {DEADLINE_LINE}",
                                              "1 change (1 material, 0 record, 0 editorial) in 1 agreement."]


def test_a_bare_revision_names_the_same_file_at_that_revision(history: Path) -> None:
    result = run("HEAD~2", A)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"HEAD~2:{A} -> {A}: 1 material, 0 record, 1 editorial"
    reverse = run(A, "HEAD~1")
    assert reverse.exit_code == 0, reverse.output
    assert "title: Retitled -> Demo agreement [editorial]" in reverse.stdout


def test_one_rev_path_argument_is_compared_with_the_work_tree(history: Path) -> None:
    result = run(f"HEAD~1:{A}")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[1:] == ["  title: Demo agreement -> Retitled [editorial]",
                                              "1 change (0 material, 0 record, 1 editorial) in 1 agreement."]


def test_two_plain_files_need_no_repository(tmp_path: Path, agreement: dict[str, Any],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "old.yaml", agreement)
    agreement["parties"].append({"id": "lena", "name": "Lena Park"})
    write(tmp_path, "new.yaml", agreement)
    result = run("old.yaml", "new.yaml", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["tool"] == {"name": "agreed", "version": __version__}
    changes = document["files"][0]["changes"]
    assert [(change["path"], change["kind"], change["material"]) for change in changes] == [
        ("parties[id=lena]", "added", True)]


# -- --fail-on ---------------------------------------------------------------------------------------------------


def test_fail_on_material_exits_1_only_for_material_changes(repo: Path, agreement: dict[str, Any]) -> None:
    agreement["title"] = "Only the wording"
    write(repo, A, agreement)
    assert run(A, "--fail-on", "material").exit_code == 0
    slip_deadline(repo, agreement)
    assert run(A, "--fail-on", "material").exit_code == 1
    assert run(A).exit_code == 0
    assert run(A, "--fail-on", "never").exit_code == 0


def _record_progress(root: Path, agreement: dict[str, Any]) -> None:
    """Propose the agreement and record its deliverable and milestone as delivered, in the work tree."""
    agreement["status"] = "proposed"
    agreement["results"]["deliverables"][0]["delivered_on"] = "2031-02-27"
    agreement["results"]["milestones"][0]["delivered_on"] = "2031-01-30"
    write(root, A, agreement)


def test_records_of_progress_are_labelled_and_counted(repo: Path, agreement: dict[str, Any]) -> None:
    _record_progress(repo, agreement)
    result = run(A)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        f"HEAD:{A} -> {A}: 0 material, 3 record, 0 editorial",
        "  status: draft -> proposed [record]",
        "  results.deliverables[id=d1].delivered_on: + 2031-02-27 [record]",
        "  results.milestones[id=m1].delivered_on: + 2031-01-30 [record]",
        "3 changes (0 material, 3 record, 0 editorial) in 1 agreement.",
    ]
    document = json.loads(run(A, "--format", "json").stdout)
    assert [(change["material"], change["materiality"]) for change in document["files"][0]["changes"]] == [
        (False, "record")] * 3
    assert document["summary"]["record"] == 3
    markdown = run(A, "--format", "markdown").stdout
    assert f"| `{A}` (compared with `HEAD:{A}`) | 0 | 3 | 0 |" in markdown
    assert "**3 record changes** (progress recorded, no fresh consent needed)" in markdown


MEASURED = {"value": 28, "on": "2031-07-15", "by": "li", "source": "CRM onboarding report"}


def test_a_measured_result_is_a_record_that_keeps_the_digest(repo: Path, agreement: dict[str, Any]) -> None:
    target = {"id": "ttv", "metric": "Median days to first use", "baseline": 60, "target": 30,
              "measured_on": "2031-07-15"}
    agreement["celebration"] = {"targets": [target]}
    write(repo, A, agreement)
    commit(repo, "Agree the target")
    before = CliRunner().invoke(main, ["digest", A]).stdout
    target["measured"] = dict(MEASURED)
    write(repo, A, agreement)
    result = run(A, "--fail-on", "material")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == f"HEAD:{A} -> {A}: 0 material, 1 record, 0 editorial"
    assert all(line.endswith("[record]") for line in result.stdout.splitlines()[1:-1])
    assert "celebration.targets[id=ttv].measured" in result.stdout
    assert CliRunner().invoke(main, ["digest", A]).stdout == before
    target["measured"]["value"], target["measured"]["note"] = 31, "Recounted after two late sign-ups."
    write(repo, A, agreement)
    assert "0 material, 1 record, 0 editorial" in run(A).stdout
    assert CliRunner().invoke(main, ["digest", A]).stdout == before
    target["target"] = 25
    write(repo, A, agreement)
    assert "1 material, 1 record, 0 editorial" in run(A).stdout
    assert CliRunner().invoke(main, ["digest", A]).stdout != before


def test_fail_on_material_does_not_fail_on_records(repo: Path, agreement: dict[str, Any]) -> None:
    _record_progress(repo, agreement)
    assert run(A, "--fail-on", "material").exit_code == 0
    slip_deadline(repo, agreement)
    result = run(A, "--fail-on", "material")
    assert result.exit_code == 1
    assert "1 material, 3 record, 0 editorial" in result.stdout


# -- errors ------------------------------------------------------------------------------------------------------


def assert_usage_error(result: Result, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert len(result.stderr.splitlines()) == 1


def test_a_bad_revision_exits_2(repo: Path) -> None:
    assert_usage_error(run(f"nope:{A}", A), "unknown revision 'nope'")
    assert_usage_error(run("nope", A), "unknown revision 'nope'")
    assert_usage_error(run(A, "--base", "nope"), "unknown revision 'nope'")


def test_a_path_outside_the_repository_exits_2(repo: Path, tmp_path: Path, agreement: dict[str, Any]) -> None:
    write(tmp_path, "outside.yaml", agreement)
    assert_usage_error(run(str(tmp_path / "outside.yaml")), "is outside the repository")


def test_a_folder_that_is_no_repository_exits_2(tmp_path: Path, agreement: dict[str, Any],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write(tmp_path, "a.yaml", agreement)
    assert_usage_error(run("a.yaml"), "is not inside a git repository")
    assert_usage_error(run("--base", "main"), "is not inside a git repository")


@pytest.mark.parametrize(("arguments", "message"), [
    ((), "name a file"),
    (("HEAD",), "is a revision; name a file too"),
    (("HEAD", "HEAD~1"), "both arguments are revisions"),
    (("a.yaml", "b.yaml", "c.yaml"), "at most two versions"),
    ((":x.yaml",), "write REV:path"),
    (("contracts/missing.yaml",), "neither HEAD:contracts/missing.yaml nor contracts/missing.yaml exists"),
])
def test_usage_errors(repo: Path, arguments: tuple[str, ...], message: str) -> None:
    assert_usage_error(run(*arguments), message)


def test_a_missing_rev_path_is_an_error_not_an_added_agreement(repo: Path, agreement: dict[str, Any]) -> None:
    assert_usage_error(run("HEAD:contracts/nope.yaml", A), "contracts/nope.yaml does not exist at HEAD")
    assert_usage_error(run(A, "HEAD:./contracts/nope.yaml"), "contracts/nope.yaml does not exist at HEAD")
    write(repo, "contracts/c.yaml", {**agreement, "id": "c"})
    commit(repo, "Add c")
    assert_usage_error(run("HEAD~1", "contracts/c.yaml"), "contracts/c.yaml does not exist at HEAD~1")
    assert_usage_error(run("HEAD~1:contracts/c.yaml"), "contracts/c.yaml does not exist at HEAD~1")


def test_a_missing_rev_path_names_the_file_git_knows_there_by_rename(repo: Path) -> None:
    git(repo, "mv", B, "contracts/c.yaml")
    commit(repo, "Rename b to c")
    hint = f"contracts/c.yaml does not exist at HEAD~1 (git knows it there as {B}: use HEAD~1:{B})"
    assert_usage_error(run("HEAD~1:contracts/c.yaml", "contracts/c.yaml"), hint)
    assert_usage_error(run("HEAD~1", "contracts/c.yaml"), hint)
    assert_usage_error(run(f"HEAD:{B}", f"HEAD~1:{B}"),
                       f"{B} does not exist at HEAD (git knows it there as contracts/c.yaml: "
                       "use HEAD:contracts/c.yaml)")
    git(repo, "mv", A, "contracts/e.yaml")  # renamed in the work tree, not committed
    assert_usage_error(run("HEAD:contracts/e.yaml", "contracts/e.yaml"),
                       f"contracts/e.yaml does not exist at HEAD (git knows it there as {A}: use HEAD:{A})")


def test_a_new_file_against_the_implicit_head_is_an_added_agreement(repo: Path, agreement: dict[str, Any]) -> None:
    write(repo, "contracts/new.yaml", {**agreement, "id": "new"})
    result = run("contracts/new.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "contracts/new.yaml (added): 1 material, 0 record, 0 editorial"


def test_a_version_that_does_not_load_is_reported_and_exits_2(repo: Path) -> None:
    (repo / A).write_text("agreed: 1\ntitle: [unclosed\n")
    result = run(A)
    assert result.exit_code == 2
    assert f"{A}: cannot compare: {A} does not load (line 3, column 1: " in result.stdout
    assert "Traceback" not in result.output


# -- --base ------------------------------------------------------------------------------------------------------


@pytest.fixture
def branch(repo: Path, agreement: dict[str, Any]) -> Path:
    """On a feature branch: a.yaml's deadline slipped (committed), b.yaml renamed unchanged to c.yaml, a YAML file
    that is no agreement added, and d.yaml added but not yet committed (untracked)."""
    git(repo, "checkout", "-q", "-b", "feature")
    slip_deadline(repo, agreement)
    git(repo, "mv", B, "contracts/c.yaml")
    (repo / ".github").mkdir()
    (repo / ".github" / "ci.yaml").write_text("jobs: {lint: {runs-on: ubuntu}}\n")
    commit(repo, "Renegotiate")
    write(repo, "contracts/d.yaml", {**agreement, "id": "d"})
    return repo


def test_base_lists_every_changed_agreement(branch: Path) -> None:
    result = run("--base", "main", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    files = {(file["old_path"], file["new_path"]): file for file in document["files"]}
    assert set(files) == {(A, A), (B, "contracts/c.yaml"), (None, "contracts/d.yaml")}
    assert [change["note"] for change in files[(A, A)]["changes"]] == ["+45 days"]
    renamed = files[(B, "contracts/c.yaml")]
    assert renamed["renamed"] is True
    assert [(change["kind"], change["material"], change["note"]) for change in renamed["changes"]] == [
        ("moved", False, f"renamed from {B}")]
    added = files[(None, "contracts/d.yaml")]["changes"]
    assert [(change["path"], change["kind"], change["note"]) for change in added] == [
        ("(agreement)", "added", "agreement added")]
    assert document["summary"] == {"files": 3, "changed": 3, "material": 2, "record": 0, "editorial": 1,
                                   "errors": 0}


def test_base_reports_a_deleted_agreement(branch: Path) -> None:
    (branch / A).unlink()
    result = run("--base", "main")
    assert result.exit_code == 0, result.output
    assert f"{A} (deleted): 1 material, 0 record, 0 editorial" in result.stdout.splitlines()
    assert "(agreement removed) [material]" in result.stdout


def test_base_with_paths_limits_the_files(branch: Path) -> None:
    result = run("--base", "main", A, "--format", "json")
    assert result.exit_code == 0, result.output
    assert [file["new_path"] for file in json.loads(result.stdout)["files"]] == [A]


@pytest.mark.parametrize("arguments", [("contracts/typo",), (A, "contracts/typo"), ("contracts/typo.yaml",)])
def test_base_with_a_path_that_names_nothing_exits_2(branch: Path, arguments: tuple[str, ...]) -> None:
    """A typo in a CI path must not pass a --fail-on material check as a range without changes."""
    result = run("--base", "main", "--fail-on", "material", *arguments)
    assert result.exit_code == 2
    assert "agreed: error: no such file or folder: contracts/typo" in result.stderr
    assert result.stdout == ""


def test_base_with_a_folder_deleted_since_lists_its_deleted_agreements(branch: Path) -> None:
    shutil.rmtree(branch / "contracts")
    result = run("--base", "main", "contracts", "--format", "json")
    assert result.exit_code == 0, result.output
    assert {(file["old_path"], file["new_path"]) for file in json.loads(result.stdout)["files"]} == {
        (A, None), (B, None)}
    deleted_file = run("--base", "main", A, "--fail-on", "material")
    assert deleted_file.exit_code == 1, deleted_file.output
    assert f"{A} (deleted): 1 material, 0 record, 0 editorial" in deleted_file.stdout.splitlines()


def test_base_with_a_deleted_folder_that_held_no_agreement_exits_2(repo: Path, agreement: dict[str, Any]) -> None:
    write(repo, "contracts/.consent/a/maria/0123.yaml", {**agreement, "id": "record"})
    commit(repo, "A consent record")
    git(repo, "rm", "-q", "-r", "contracts/.consent")
    result = run("--base", "main", "contracts/.consent")
    assert result.exit_code == 2
    assert "no such file or folder: contracts/.consent" in result.stderr


def test_base_fail_on_material_and_markdown(branch: Path) -> None:
    result = run("--base", "main", "--format", "markdown", "--fail-on", "material")
    assert result.exit_code == 1
    assert result.stdout.startswith("### Agreement changes\n")
    assert f"| `{A}` | 1 | 0 | 0 |" in result.stdout
    assert f"| `contracts/c.yaml` (renamed from `{B}`) | 0 | 0 | 1 |" in result.stdout


def test_base_without_changes(repo: Path) -> None:
    result = run("--base", "main")
    assert result.exit_code == 0, result.output
    assert result.stdout == "No semantic changes in 0 agreements.\n"


def test_base_shows_the_work_tree_as_the_consent_gate_reads_it(repo: Path, agreement: dict[str, Any]) -> None:
    """Files git does not list are still agreements to the gate: an ignored file is added, and a named pipe (in
    place of a new file, or of a committed one) is a comparison that fails with the reason, never left out."""
    (repo / ".gitignore").write_text("contracts/ignored.yaml\n", encoding="utf-8")
    write(repo, "contracts/ignored.yaml", {**agreement, "id": "ignored"})
    write(repo, "contracts/untracked.yaml", {**agreement, "id": "untracked"})
    result = run("--base", "main")
    assert result.exit_code == 0, result.output
    assert "contracts/ignored.yaml (added): 1 material" in result.stdout
    assert "contracts/untracked.yaml (added): 1 material" in result.stdout
    gate = CliRunner().invoke(main, ["consent", "status"])
    assert "contracts/ignored.yaml: ignored" in gate.output
    os.mkfifo(repo / "contracts" / "f.yaml")
    (repo / B).unlink()
    os.mkfifo(repo / B)
    result = run("--base", "main")
    assert result.exit_code == 2
    assert "contracts/f.yaml (added): cannot compare: contracts/f.yaml is a named pipe, not a regular file" \
        in result.stdout
    assert f"{B}: cannot compare: {B} is a named pipe, not a regular file" in result.stdout
    assert "contracts/f.yaml: no digest, terms that do not validate cannot be consented to: 1:1: is a named pipe" \
        in CliRunner().invoke(main, ["consent", "status"]).output


def test_base_counts_from_the_merge_base_when_the_base_moved_on(branch: Path, agreement: dict[str, Any]) -> None:
    git(branch, "stash", "-u", "-q")
    git(branch, "checkout", "-q", "main")
    write(branch, "contracts/b.yaml", {**agreement, "id": "b", "title": "Changed on main meanwhile"})
    commit(branch, "Main moves on")
    git(branch, "checkout", "-q", "feature")
    result = run("--base", "main", "contracts/c.yaml")
    assert result.exit_code == 0, result.output
    assert "Changed on main meanwhile" not in result.stdout
    assert "0 material, 0 record, 1 editorial" in result.stdout


def test_output_writes_the_report_and_prints_the_summary(branch: Path) -> None:
    result = run("--base", "main", "--format", "markdown", "--output", "report.md")
    assert result.exit_code == 0, result.output
    assert result.stdout == ("3 changes (2 material, 0 record, 1 editorial) in 3 agreements. "
                             "Report (markdown) written to report.md.\n")
    assert (branch / "report.md").read_text().startswith("### Agreement changes")


# -- the git diff driver -----------------------------------------------------------------------------------------


def driver_command() -> str:
    """How git runs ``agreed diff --git-driver``: the installed command, as the README tells users to set it."""
    return f"{shlex.quote(str(Path(sys.executable).parent / 'agreed'))} diff --git-driver"


@pytest.fixture
def driven(repo: Path) -> Path:
    git(repo, "config", "diff.agreed.command", driver_command())
    (repo / ".gitattributes").write_text("*.yaml diff=agreed\n*.yml diff=agreed\n")
    commit(repo, "Use the agreed diff driver")
    return repo


def test_plain_git_diff_shows_semantic_changes(driven: Path, agreement: dict[str, Any]) -> None:
    slip_deadline(driven, agreement)
    agreement["parties"].append({"id": "lena", "name": "Lena Park"})
    write(driven, A, agreement)
    output = git(driven, "diff")
    assert output.splitlines() == [
        f"{A}: 2 material, 0 record, 0 editorial",
        "  parties[id=lena]: + {id: lena, name: Lena Park} [material]",
        f"  {DEADLINE_LINE}",
    ]


def test_git_driver_handles_added_renamed_and_non_agreement_files(driven: Path, agreement: dict[str, Any]) -> None:
    git(driven, "mv", B, "contracts/c.yaml")
    write(driven, "contracts/d.yaml", {**agreement, "id": "d"})
    (driven / "ci.yaml").write_text("jobs: {}\n")
    git(driven, "add", "-A")
    output = git(driven, "diff", "--cached", "-M")
    assert "contracts/c.yaml (renamed from contracts/b.yaml): 0 material, 0 record, 1 editorial" in output
    assert "contracts/d.yaml (added): 1 material, 0 record, 0 editorial" in output
    assert "(agreement added) [material]" in output
    assert "+++ b/ci.yaml\n@@ -0,0 +1 @@\n+jobs: {}\n" in output  # no agreement: a line diff


def test_git_log_with_ext_diff_shows_semantic_changes(driven: Path, agreement: dict[str, Any]) -> None:
    slip_deadline(driven, agreement)
    commit(driven, "Slip the deadline")
    output = git(driven, "log", "-p", "--ext-diff", "-1")
    assert f"  {DEADLINE_LINE}" in output.splitlines()


def test_git_driver_falls_back_to_a_line_diff_for_a_broken_version(driven: Path) -> None:
    (driven / A).write_text("agreed: 1\ntitle: [unclosed\n")
    output = git(driven, "diff")
    assert output.startswith(f"agreed: cannot compare by meaning: {A} does not load (line 3, column 1: ")
    assert "+title: [unclosed\n" in output


def test_git_driver_needs_git_arguments(repo: Path) -> None:
    assert_usage_error(run("--git-driver", A), "expects the 7 or 9 arguments git passes")


def test_git_driver_shows_where_a_long_text_changed(driven: Path, agreement: dict[str, Any]) -> None:
    agreement["relationship"] = {"renegotiation": {"how": (
        "Either party may start a renegotiation by writing to the other with the reason and what they propose; "
        "both meet within 5 working days and agree on the scope before anything else.")}}
    write(driven, A, agreement)
    commit(driven, "Agree how to renegotiate")
    agreement["relationship"]["renegotiation"]["how"] = agreement["relationship"]["renegotiation"]["how"].replace(
        "5 working", "10 working")
    write(driven, A, agreement)
    assert git(driven, "diff").splitlines()[1:] == [
        "  relationship.renegotiation.how: …propose; both meet within 5 working days and agree on… -> "
        "…propose; both meet within 10 working days and agree on… [material]"]


def test_a_named_file_that_is_no_agreement_is_a_usage_error(repo: Path) -> None:
    (repo / "settings.yaml").write_text("a: 1\n", encoding="utf-8")
    result = run("settings.yaml")
    assert result.exit_code == 2
    assert "settings.yaml: not an agreement (no 'agreed:' format version key)" in result.stderr


# -- --base: which files are agreements (agreed.sources), as for every other command --------------------------------


@pytest.fixture
def kinds_branch(repo: Path, agreement: dict[str, Any]) -> Path:
    """On a feature branch: a hidden copy in contracts/.old/, an agreement under docs/, a template and a file in a
    consent ledger (both holding an agreement's text), and an agreement kept in docs/ on main moved into contracts/
    (all uncommitted)."""
    write(repo, "docs/outside.yaml", {**agreement, "id": "outside"})
    commit(repo, "An agreement kept outside the agreements' folder")
    git(repo, "checkout", "-q", "-b", "feature")
    git(repo, "mv", "docs/outside.yaml", "contracts/outside.yaml")
    write(repo, "contracts/.old/a.yaml", {**agreement, "title": "A hidden copy"})
    write(repo, "docs/elsewhere.yaml", {**agreement, "id": "elsewhere"})
    write(repo, "contracts/_template.yaml", {**agreement, "id": "template"})
    write(repo, "contracts/.consent/a/maria/0123.yaml", {**agreement, "id": "record"})
    return repo


def _base_paths(*arguments: str) -> set[tuple[str | None, str | None]]:
    result = run("--base", "main", "--format", "json", *arguments)
    assert result.exit_code == 0, result.output
    return {(file["old_path"], file["new_path"]) for file in json.loads(result.stdout)["files"]}


def test_base_takes_the_agreement_files_of_contracts_only(kinds_branch: Path) -> None:
    # A hidden copy is an agreement; the template, a consent record and a file outside contracts/ are not; a file
    # moved in from outside is added (it had no version among the agreements).
    assert _base_paths() == {(None, "contracts/.old/a.yaml"), (None, "contracts/outside.yaml")}


def test_base_from_a_subfolder_finds_contracts_at_the_root(kinds_branch: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (kinds_branch / "docs" / "deep").mkdir()
    monkeypatch.chdir(kinds_branch / "docs" / "deep")
    assert _base_paths() == {(None, "contracts/.old/a.yaml"), (None, "contracts/outside.yaml")}
    assert _base_paths("../../contracts/.old") == {(None, "contracts/.old/a.yaml")}


def test_base_with_a_named_folder_outside_contracts(kinds_branch: Path) -> None:
    assert _base_paths("docs") == {(None, "docs/elsewhere.yaml"), ("docs/outside.yaml", None)}


def test_base_never_takes_a_named_template_or_consent_record(kinds_branch: Path) -> None:
    assert _base_paths("contracts/_template.yaml", "contracts/.consent") == set()
