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
    assert lines[0] == f"{PATH} (id demo): 4 versions, 3 with material changes, 0 only recording progress"
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
        "materiality": "material", "note": "+30 days"}]
    assert [(version["kind"], version["material"], version["materiality"]) for version in document["versions"]] == [
        ("material", True, "material"), ("material", True, "material"), ("editorial", False, "editorial"),
        ("material", True, "material")]
    assert document["field"] is None


def test_field_with_cumulative_days(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(repo, monkeypatch, PATH, "--field", "results.deadline")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0] == f"{PATH}: results.deadline: 2 changes"  # the first value is not a change
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
    (["nobody"], "no agreement in contracts/ has this id"),
    ([PATH, "--since", "last tuesday"], "bad --since"),
    ([PATH, "--field", "results..deadline"], "bad --field"),
    ([PATH, "--field", "results.dedline"], "no version of the agreement has it"),
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


def test_the_cache_makes_a_second_run_read_no_blob(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                   user_cache_home: Path) -> None:
    from agreed.cache import repository_folder

    first = _run(repo, monkeypatch, PATH, "--format", "json")
    assert (repository_folder(user_cache_home, repo) / "blobs").is_dir()  # in the user's cache, not the work tree
    assert not (repo / ".agreed_cache").exists()
    objects = repo / ".git" / "objects"
    for blob in {version["blob"] for version in json.loads(first.stdout)["versions"]}:
        (objects / blob[:2] / blob[2:]).unlink()  # a warm run must not need them
    second = _run(repo, monkeypatch, PATH, "--format", "json")
    assert second.exit_code == 0, second.output
    assert second.stdout == first.stdout
    assert _run(repo, monkeypatch, PATH, "--no-cache").exit_code == 2


def _commit_all(root: Path, subject: str, day: int) -> None:
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", subject, day=day)


@pytest.fixture
def progressed(repo: Path) -> Path:
    """The repository, then two commits that only record progress: the status, then a delivery."""
    data = json.loads((repo / PATH).read_text(encoding="utf-8"))
    data["status"] = "proposed"
    (repo / PATH).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    _commit_all(repo, "Propose", 5)
    data["results"]["deliverables"][0]["delivered_on"] = "2031-02-27"
    (repo / PATH).write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    _commit_all(repo, "Deliver d1", 6)
    return repo


def test_records_of_progress_are_labelled_in_every_format(progressed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text = _run(progressed, monkeypatch, PATH).stdout
    lines = text.splitlines()
    assert lines[0] == f"{PATH} (id demo): 6 versions, 3 with material changes, 2 only recording progress"
    assert "  record     status: draft -> proposed" in lines
    assert "  record     results.deliverables[id=d1].delivered_on: + 2031-02-27" in lines
    document = json.loads(_run(progressed, monkeypatch, PATH, "--format", "json").stdout)
    propose, deliver = document["versions"][-2:]
    assert (propose["kind"], propose["material"], propose["materiality"]) == ("record", False, "record")
    assert [(change["path"], change["material"], change["materiality"]) for change in deliver["changes"]] == [
        ("results.deliverables[id=d1].delivered_on", False, "record")]
    markdown = _run(progressed, monkeypatch, PATH, "--format", "markdown").stdout
    assert "| Propose | record | status |" in markdown
    assert "- **record** `status: draft -> proposed`" in markdown
    field = _run(progressed, monkeypatch, PATH, "--field", "status").stdout.splitlines()
    assert field[-1].endswith("proposed  [record]  Propose")
    field_markdown = _run(progressed, monkeypatch, PATH, "--field", "status", "--format", "markdown").stdout
    assert "| proposed |  |  | record | Propose |" in field_markdown


def test_material_only_hides_records(progressed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = json.loads(_run(progressed, monkeypatch, PATH, "--material-only", "--format", "json").stdout)
    assert [version["subject"] for version in document["versions"]] == [
        "Create the agreement", "Slip | the deadline", "Slip again"]
    field = json.loads(_run(progressed, monkeypatch, PATH, "--field", "status", "--material-only",
                            "--format", "json").stdout)
    assert [(point["value"], point["materiality"]) for point in field["field"]["points"]] == [("draft", "material")]


def test_an_uncommitted_file_has_no_versions_yet(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = repo / "contracts" / "brand-new.yaml"
    fresh.write_text((repo / PATH).read_text(encoding="utf-8").replace('"demo"', '"fresh"'), encoding="utf-8")
    copy = repo / "contracts" / "copy.yaml"  # an untracked copy that shares the committed file's id
    copy.write_text((repo / PATH).read_text(encoding="utf-8"), encoding="utf-8")
    for staged in (False, True):
        if staged:
            _git(repo, "add", "contracts/brand-new.yaml")
        for arguments in (["contracts/brand-new.yaml"], ["fresh"]):
            result = _run(repo, monkeypatch, *arguments)
            assert result.exit_code == 0, result.output
            assert result.stdout == ("contracts/brand-new.yaml (id fresh): no committed versions yet "
                                     "(commit the file to start its history)\n")
        document = json.loads(_run(repo, monkeypatch, "fresh", "--format", "json").stdout)
        assert (document["committed"], document["versions"]) == (False, [])
    by_id = _run(repo, monkeypatch, "demo")  # the copy holds the id too: neither wins
    assert by_id.exit_code == 2, by_id.output
    assert f"demo: 2 files hold this id (contracts/copy.yaml and {PATH}): name the file path instead" in by_id.stderr
    by_path = _run(repo, monkeypatch, PATH)
    assert by_path.exit_code == 0, by_path.output
    assert by_path.stdout.startswith(f"{PATH} (id demo): 4 versions")


def test_two_committed_files_with_one_id(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "contracts" / "twin.yaml").write_text((repo / PATH).read_text(encoding="utf-8"), encoding="utf-8")
    _commit_all(repo, "Twin", 5)
    result = _run(repo, monkeypatch, "demo")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert PATH in result.stderr
    assert "contracts/twin.yaml" in result.stderr
    assert "name the file path" in result.stderr
    assert _run(repo, monkeypatch, "contracts/twin.yaml").exit_code == 0


def test_a_version_that_does_not_parse_is_not_editorial(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    good = (repo / PATH).read_text(encoding="utf-8")
    (repo / PATH).write_text(good.replace(DEADLINES[2], "2031-10-01")[:-3], encoding="utf-8")
    _commit_all(repo, "Broken", 5)
    (repo / PATH).write_text(good.replace(DEADLINES[2], "2031-10-02"), encoding="utf-8")
    _commit_all(repo, "Fixed", 6)
    text = _run(repo, monkeypatch, PATH).stdout
    broken, fixed = text.split("\n\n")[-2:]
    assert "  unknown    cannot be parsed: " in broken
    assert "editorial" not in broken
    assert "material   results.deadline: 2031-09-13 -> 2031-10-02 (+19 days)" in fixed
    assert "the last version before it that can be parsed" in fixed
    material = json.loads(_run(repo, monkeypatch, PATH, "--material-only", "--format", "json").stdout)
    assert [version["subject"] for version in material["versions"]][-2:] == ["Broken", "Fixed"]
    assert material["versions"][-2]["kind"] == "unknown"
    markdown = _run(repo, monkeypatch, PATH, "--format", "markdown").stdout
    assert "| Broken | unknown |" in markdown


def test_the_old_path_of_a_rename(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _git(repo, "mv", PATH, "contracts/moved.yaml")
    _commit_all(repo, "Move", 5)
    result = _run(repo, monkeypatch, PATH)
    assert result.exit_code == 0, result.output
    assert "deleted" not in result.stdout
    assert "  editorial  file renamed to contracts/moved.yaml" in result.stdout
    assert "note: " in result.stdout
    document = json.loads(_run(repo, monkeypatch, PATH, "--format", "json").stdout)
    last = document["versions"][-1]
    assert (last["renamed_to"], last["deleted"], last["material"]) == ("contracts/moved.yaml", False, False)


def test_a_shallow_clone_marks_where_history_starts(repo: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{repo}", str(clone)], env=ENV, check=True)
    text = _run(clone, monkeypatch, PATH, "--allow-shallow").stdout
    assert "agreement created" not in text
    assert "  start      the available history starts here (shallow clone)" in text
    assert text.splitlines()[0] == f"{PATH} (id demo): 2 versions, 1 with material changes, 0 only recording progress"
    document = json.loads(_run(clone, monkeypatch, PATH, "--allow-shallow", "--format", "json").stdout)
    first = document["versions"][0]
    assert (first["created"], first["history_start"], first["kind"], first["material"]) == (
        False, True, "start", False)
    markdown = _run(clone, monkeypatch, PATH, "--allow-shallow", "--format", "markdown").stdout
    assert "agreement created" not in markdown
    assert "| start |" in markdown
    field = _run(clone, monkeypatch, PATH, "--allow-shallow", "--field", "results.deadline").stdout
    assert field.splitlines()[0] == f"{PATH}: results.deadline: 1 change"


def test_a_path_in_another_repository(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    other = tmp_path / "other"
    (other / "contracts").mkdir(parents=True)
    _git(other, "init", "-q", "-b", "main")
    (other / PATH).write_text((repo / PATH).read_text(encoding="utf-8"), encoding="utf-8")
    _commit_all(other, "Elsewhere", 1)
    result = _run(repo, monkeypatch, str(other / PATH))
    assert result.exit_code == 2
    assert "is outside the repository" in result.stderr
    assert result.stderr.count("\n") == 1
    assert _run(tmp_path, monkeypatch, str(other / PATH)).exit_code == 0  # no current repository: the file's own


def _output(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    return subprocess.run(["git", *args], cwd=root, env=ENV, input=stdin, check=True, capture_output=True).stdout


def test_subjects_are_read_as_utf8(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / PATH).write_text((repo / PATH).read_text(encoding="utf-8").replace(DEADLINES[2], "2031-10-01"),
                             encoding="utf-8")
    _commit_all(repo, "Délai prolongé", 5)
    _git(repo, "config", "i18n.logOutputEncoding", "ISO-8859-1")  # git must still hand over UTF-8
    document = json.loads(_run(repo, monkeypatch, PATH, "--format", "json").stdout)
    assert document["versions"][-1]["subject"] == "Délai prolongé"
    # A message git never converted: raw bytes that are not UTF-8, and no encoding header.
    (repo / PATH).write_text((repo / PATH).read_text(encoding="utf-8").replace("2031-10-01", "2031-10-02"),
                             encoding="utf-8")
    _git(repo, "add", "-A")
    people = [line for line in _output(repo, "cat-file", "commit", "HEAD").split(b"\n")
              if line.startswith((b"author ", b"committer "))]
    raw = b"\n".join([b"tree " + _output(repo, "write-tree").strip(),
                      b"parent " + _output(repo, "rev-parse", "HEAD").strip(), *people])
    raw += b"\n\nRaw bytes \xff\xfe no header\n"
    written = _output(repo, "hash-object", "-t", "commit", "-w", "--stdin", stdin=raw).decode().strip()
    _git(repo, "update-ref", "HEAD", written)
    document = json.loads(_run(repo, monkeypatch, PATH, "--format", "json").stdout)
    assert document["versions"][-1]["subject"] == "Raw bytes \ufffd\ufffd no header"


# -- the merge-commit workflow: branches merged with git merge --no-ff ------------------------------------------------


@pytest.fixture
def merged(tmp_path: Path, minimal_agreement: dict[str, Any]) -> Path:
    """contracts/demo.yaml created on main, then its deadline moved three times, each on a branch merged with
    ``--no-ff`` (the last branch with two commits: the slip and a new title)."""
    root = tmp_path / "merged"
    (root / "contracts").mkdir(parents=True)
    _git(root, "init", "-q", "-b", "main")

    def write(deadline: str, subject: str, day: int, path: str = PATH) -> None:
        minimal_agreement["results"]["deadline"] = deadline
        (root / path).write_text(json.dumps(minimal_agreement, indent=2) + "\n", encoding="utf-8")
        _git(root, "add", "-A")
        _git(root, "commit", "-q", "-m", subject, day=day)

    write("2031-06-30", "Create the agreement", 1)
    for number, deadline in enumerate(("2031-07-30", "2031-08-29"), start=1):
        _git(root, "switch", "-q", "-c", f"slip-{number}", day=2 * number)
        write(deadline, f"Slip to {deadline}", 2 * number)
        _git(root, "switch", "-q", "main", day=2 * number + 1)
        _git(root, "merge", "-q", "--no-ff", "-m", f"Merge slip-{number}", f"slip-{number}", day=2 * number + 1)
    _git(root, "switch", "-q", "-c", "slip-3", day=6)
    write("2031-09-28", "Slip to 2031-09-28", 6)
    minimal_agreement["title"] = "Demo agreement, retitled"
    write("2031-09-28", "Retitle", 7)
    _git(root, "switch", "-q", "main", day=8)
    _git(root, "merge", "-q", "--no-ff", "-m", "Merge slip-3", "slip-3", day=8)
    return root


def _subjects(result: Result) -> list[str]:
    return [version["subject"] for version in json.loads(result.stdout)["versions"]]


def test_a_merged_branch_is_one_version_its_merge(merged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Reproducer: every merged change was listed twice, as the branch commit and as the merge.
    result = _run(merged, monkeypatch, PATH, "--format", "json")
    assert result.exit_code == 0, result.output
    assert _subjects(result) == ["Create the agreement", "Merge slip-1", "Merge slip-2", "Merge slip-3"]


def test_no_first_parent_also_lists_the_merged_branches_commits(merged: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(merged, monkeypatch, PATH, "--format", "json", "--no-first-parent")
    assert result.exit_code == 0, result.output
    assert set(_subjects(result)) == {"Create the agreement", "Slip to 2031-07-30", "Merge slip-1",
                                      "Slip to 2031-08-29", "Merge slip-2", "Slip to 2031-09-28", "Retitle",
                                      "Merge slip-3"}


def test_field_prints_one_row_per_change_of_the_value(merged: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Reproducer: --field counted three changes but printed four rows, one of them "+0 days".
    result = _run(merged, monkeypatch, PATH, "--field", "results.deadline", "--format", "json")
    assert result.exit_code == 0, result.output
    points = json.loads(result.stdout)["field"]["points"]
    assert [point["value"] for point in points] == ["2031-06-30", "2031-07-30", "2031-08-29", "2031-09-28"]
    text = _run(merged, monkeypatch, PATH, "--field", "results.deadline").stdout
    assert "+0 days" not in text
    assert "+90 days total" in text


# -- which files are agreements (agreed.sources), as for every other command -----------------------------------------


def _place(repo: Path, path: str, agreement_id: str) -> None:
    """Write a copy of demo.yaml holding ``agreement_id`` at ``path`` (uncommitted)."""
    text = (repo / PATH).read_text(encoding="utf-8").replace('"demo"', json.dumps(agreement_id))
    (repo / path).parent.mkdir(parents=True, exist_ok=True)
    (repo / path).write_text(text, encoding="utf-8")


@pytest.mark.parametrize("where", ["docs/hidden.yaml", "contracts/_template.yaml",
                                   "contracts/.consent/demo/li/0123.yaml"])
def test_an_id_is_never_found_outside_the_agreements(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                     where: str) -> None:
    # A file outside contracts/, the template and a consent record are no agreements, whatever they hold.
    _place(repo, where, "hidden")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Outside", day=5)
    result = _run(repo / "contracts", monkeypatch, "hidden")
    assert result.exit_code == 2
    assert result.stderr == ("agreed: error: hidden: no such file, and no agreement in contracts/ has this id (in the "
                             "work tree or in git history); name the file of an agreement kept elsewhere\n")


def test_an_id_in_a_hidden_folder_of_contracts_is_found(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _place(repo, "contracts/.old/tucked.yaml", "tucked")
    (repo / "docs" / "deep").mkdir(parents=True)
    result = _run(repo / "docs" / "deep", monkeypatch, "tucked")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("contracts/.old/tucked.yaml (id tucked): no committed versions yet")


def test_an_id_held_by_a_hidden_copy_too_is_ambiguous(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _place(repo, "contracts/.a/x.yaml", "demo")  # committed: neither file wins
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Copy", day=5)
    result = _run(repo / "contracts", monkeypatch, "demo")
    assert result.exit_code == 2
    assert result.stderr == (f"agreed: error: demo: 2 files hold this id (contracts/.a/x.yaml and {PATH}): name the "
                             "file path instead\n")


def test_a_deleted_file_outside_the_agreements_is_not_found_by_id(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _place(repo, "docs/gone.yaml", "gone")
    _place(repo, "contracts/.old/gone-too.yaml", "gone-too")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Add", day=5)
    (repo / "docs" / "gone.yaml").unlink()
    (repo / "contracts" / ".old" / "gone-too.yaml").unlink()
    _git(repo, "add", "-A")
    _git(repo, "commit", "-q", "-m", "Remove", day=6)
    assert _run(repo, monkeypatch, "gone").exit_code == 2
    found = _run(repo, monkeypatch, "gone-too", "--format", "json")
    assert found.exit_code == 0, found.output
    assert json.loads(found.stdout)["path"] == "contracts/.old/gone-too.yaml"


@pytest.mark.parametrize(("path", "kind"), [("contracts/_template.yaml", "template"),
                                            ("contracts/.consent/demo/li/0123.yaml", "consent record")])
def test_a_named_template_or_consent_record_is_refused(repo: Path, monkeypatch: pytest.MonkeyPatch, path: str,
                                                       kind: str) -> None:
    _place(repo, path, "demo")
    result = _run(repo, monkeypatch, path)
    assert result.exit_code == 2
    assert result.stderr == f"agreed: error: {path}: a {kind}, not an agreement: name an agreement file or its id\n"
