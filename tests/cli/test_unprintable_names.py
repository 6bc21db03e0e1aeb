"""Every command names a file whose name is not UTF-8 the same way lint's reports do: each stray byte as ``\\xNN``
(:func:`agreed.printable.printable`), so the output is valid UTF-8 whatever the format, and the exit codes are those
of any other name. Git-backed commands read such a file from a real repository (``core.quotePath`` as git's default)
as the same file the work tree holds, so its changes are seen, not lost to a mangled name.

The commands run in a separate process: what is checked is the bytes a user's terminal or CI log receives.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from tests.cli.test_shown_text import read_as_markdown
from tests.gitrepo import EXAMPLE, commit_all, git, git_environment

RAW_NAME = b"contracts/bad\xff.yaml"
NAME = os.fsdecode(RAW_NAME)  # as Python names it: the byte kept as a lone surrogate
SHOWN = "contracts/bad\\xff.yaml"  # as every command writes it


def agreed(cwd: Path, *arguments: str) -> tuple[int, str, str]:
    """``agreed ARGUMENTS`` in a separate process: its exit code, standard output and standard error, both of which
    must be valid UTF-8."""
    environment = {**git_environment(), "AGREED_CACHE_DIR": str(cwd.parent / "agreed-cache")}
    completed = subprocess.run([sys.executable, "-m", "agreed", *arguments], cwd=cwd, capture_output=True,
                               env=environment, timeout=120, check=False)
    return completed.returncode, completed.stdout.decode("utf-8"), completed.stderr.decode("utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository whose one agreement, committed under a name that is not UTF-8, was then changed materially (a
    party renamed) in the work tree."""
    root = tmp_path / "repo"
    (root / "contracts").mkdir(parents=True)
    try:
        (root / NAME).write_bytes(EXAMPLE.read_bytes())
    except (OSError, UnicodeError):
        pytest.skip("this file system accepts only UTF-8 file names")
    git(root, "init", "-q")
    commit_all(root, "the agreement")
    (root / NAME).write_text(EXAMPLE.read_text(encoding="utf-8").replace("Maria Chen", "Marie Chen"),
                             encoding="utf-8")
    return root


@pytest.mark.parametrize("output_format", ["text", "json"])
def test_digest_names_the_file_escaped(repo: Path, output_format: str) -> None:
    code, out, _ = agreed(repo, "digest", "--format", output_format, "contracts")
    assert code == 0
    if output_format == "json":
        assert json.loads(out)["files"][0]["path"] == SHOWN
    else:
        assert out.startswith("sha256:")
        assert out.rstrip("\n").endswith(f" {SHOWN}")


def test_digest_of_a_broken_file_names_it_escaped_in_its_problems(repo: Path) -> None:
    (repo / NAME).write_bytes(b"a: [1\n")
    code, _, err = agreed(repo, "digest", NAME)
    assert code == 2
    assert f"{SHOWN}:2:1:" in err


@pytest.mark.parametrize(("command", "output_format", "expected_code"), [
    ("status", "text", 0), ("status", "json", 0), ("status", "markdown", 0), ("check", "text", 1),
    ("check", "json", 1)])
def test_consent_names_the_file_escaped(repo: Path, command: str, output_format: str, expected_code: int) -> None:
    code, out, _ = agreed(repo, "consent", command, "--format", output_format)
    assert code == expected_code
    if output_format == "json":
        assert [agreement["path"] for agreement in json.loads(out)["agreements"]] == [SHOWN]
    elif output_format == "markdown":
        assert SHOWN in read_as_markdown(out)
    else:
        assert SHOWN in out


def test_consent_against_a_base_finds_the_file_there_under_its_own_name(repo: Path) -> None:
    code, out, _ = agreed(repo, "consent", "status", "--base", "HEAD", "--format", "json")
    assert code == 0
    (agreement,) = json.loads(out)["agreements"]
    assert (agreement["path"], agreement["base_path"], agreement["new"]) == (SHOWN, SHOWN, False)


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_diff_against_a_base_sees_the_change_and_names_the_file_escaped(repo: Path, output_format: str) -> None:
    code, out, _ = agreed(repo, "diff", "--base", "HEAD", "--format", output_format, "--fail-on", "material")
    assert code == 1  # the party's new name is a material change: read from git under the file's real name
    if output_format == "json":
        (file,) = json.loads(out)["files"]
        assert (file["old_path"], file["new_path"]) == (SHOWN, SHOWN)
        assert any(change["new"] == "Marie Chen" for change in file["changes"])
    else:
        assert SHOWN in out
        assert "Marie Chen" in out


def test_diff_of_one_file_compares_it_with_its_committed_version(repo: Path) -> None:
    code, out, _ = agreed(repo, "diff", NAME)
    assert code == 0
    assert out.startswith(f"HEAD:{SHOWN} -> {SHOWN}: ")
    assert "Maria Chen -> Marie Chen" in out


def test_diff_of_a_version_that_is_missing_names_it_escaped(repo: Path) -> None:
    code, _, err = agreed(repo, "diff", "HEAD:contracts/gone\udcff.yaml", NAME)
    assert code == 2
    assert "contracts/gone\\xff.yaml does not exist at HEAD" in err


def use_the_diff_driver(repo: Path) -> None:
    """Have git show YAML files' changes through ``agreed diff --git-driver``, as ``agreed init`` sets it up."""
    git(repo, "config", "diff.agreed.command", f"{shlex.quote(str(Path(sys.executable).parent / 'agreed'))} diff "
                                               "--git-driver")
    (repo / ".gitattributes").write_text("*.yaml diff=agreed\n", encoding="utf-8")


def test_git_diff_through_the_driver_names_the_file_escaped(repo: Path) -> None:
    use_the_diff_driver(repo)
    completed = subprocess.run(["git", "diff", "--ext-diff"], cwd=repo, capture_output=True, timeout=120,
                               env=git_environment(), check=True)
    out = completed.stdout.decode("utf-8")
    assert f"{SHOWN}: " in out
    assert "Maria Chen -> Marie Chen" in out


@pytest.mark.parametrize("output_format", ["text", "json", "markdown"])
def test_history_names_the_file_escaped(repo: Path, output_format: str) -> None:
    code, out, _ = agreed(repo, "history", "--format", output_format, NAME)
    assert code == 0
    if output_format == "json":
        document = json.loads(out)
        assert document["path"] == SHOWN
        assert [version["path"] for version in document["versions"]] == [SHOWN]
    else:
        assert SHOWN in out


def test_history_by_id_finds_the_file_and_names_it_escaped(repo: Path) -> None:
    code, out, _ = agreed(repo, "history", "sales-onboarding")
    assert code == 0
    assert out.startswith(f"{SHOWN} (id sales-onboarding): 1 version")


def test_codeowners_refuses_a_name_it_cannot_express_and_names_it_escaped(repo: Path) -> None:
    code, out, err = agreed(repo, "codeowners")
    assert code == 2
    assert out == ""
    assert f"{SHOWN}: CODEOWNERS cannot express" in err


def test_git_diff_through_the_driver_names_a_yaml_file_that_is_no_agreement_escaped(repo: Path) -> None:
    notes = repo / os.fsdecode(b"notes\xff.yaml")
    notes.write_text("a: 1\n", encoding="utf-8")
    commit_all(repo, "notes")
    notes.write_text("a: 2\n", encoding="utf-8")
    use_the_diff_driver(repo)
    completed = subprocess.run(["git", "diff", "--ext-diff", "--", os.fsdecode(b"notes\xff.yaml")], cwd=repo,
                               capture_output=True, timeout=120, env=git_environment(), check=True)
    out = completed.stdout.decode("utf-8")
    assert "--- a/notes\\xff.yaml\n+++ b/notes\\xff.yaml\n" in out
    assert "-a: 1\n+a: 2\n" in out


# -- the pages, the calendar and what is due: every place a file's name is shown ------------------------------------

RAW_BYTE = "\udcff"  # how the stray byte would reach a page written without printable


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_render_names_the_file_escaped_on_the_screen(repo: Path, output_format: str) -> None:
    code, out, _ = agreed(repo, "render", "--no-consent", "--format", output_format, NAME)
    assert code == 0
    assert SHOWN in out


@pytest.mark.parametrize("output_format", ["markdown", "html"])
def test_render_to_a_file_names_the_file_escaped(repo: Path, output_format: str) -> None:
    target = repo.parent / f"page.{output_format}"
    code, out, err = agreed(repo, "render", "--format", output_format, "-o", str(target), NAME)
    assert (code, err) == (0, "")
    assert SHOWN in target.read_bytes().decode("utf-8")
    assert out.startswith(f"{SHOWN}: rendered.")


def test_site_names_the_file_escaped_on_every_page(repo: Path) -> None:
    site = repo.parent / "site"
    code, out, err = agreed(repo, "site", "-o", str(site), "--today", "2031-06-01")
    assert (code, err) == (0, "")
    assert out.startswith("site: 1 agreement, ")
    written = {path.relative_to(site).as_posix(): path.read_bytes().decode("utf-8")
               for path in site.rglob("*") if path.is_file()}
    (page,) = [text for name, text in written.items() if name.startswith("agreements/")]
    assert SHOWN in page
    assert all(RAW_BYTE not in text for text in written.values())


def test_site_rebuilt_keeps_the_page_of_a_file_named_with_a_stray_byte(repo: Path) -> None:
    site = repo.parent / "site"
    assert agreed(repo, "site", "-o", str(site), "--today", "2031-06-01")[0] == 0
    code, out, _ = agreed(repo, "site", "-o", str(site), "--today", "2031-06-01")
    assert code == 0
    assert "made 0 index, 0 agreement and 0 people pages" in out  # the manifest names the file as it is


@pytest.mark.parametrize("to_file", [False, True])
def test_calendar_names_the_file_escaped(repo: Path, to_file: bool) -> None:
    target = repo.parent / "agreements.ics"
    code, out, err = agreed(repo, "calendar", *(["-o", str(target)] if to_file else []))
    assert (code, err) == (0, "")
    text = target.read_bytes().decode("utf-8") if to_file else out
    assert text.startswith("BEGIN:VCALENDAR")
    assert f"File: {SHOWN}".replace("\\", "\\\\") in text.replace("\r\n ", "")  # an ICS text escapes the backslash


@pytest.mark.parametrize("output_format", ["text", "markdown", "json"])
def test_due_names_the_file_escaped(repo: Path, output_format: str) -> None:
    code, out, _ = agreed(repo, "due", "--today", "2031-06-01", "--format", output_format)
    assert code == 1  # the example has overdue items on that day
    if output_format == "json":
        people = json.loads(out)["people"]
        assert {item["agreement"]["file"] for person in people for item in person["items"]} == {SHOWN}
    else:  # Markdown writes the name's backslash escaped, so it reads as one
        assert (SHOWN.replace("\\", "\\\\") if output_format == "markdown" else SHOWN) in out
