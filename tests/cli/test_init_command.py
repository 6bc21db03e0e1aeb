"""``agreed init`` end to end through click, on real temporary git repositories."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from agreed.atomic import temporary_name
from agreed.cli import main

ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull}


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=ENV, check=True, capture_output=True)
    return root


def _run(cwd: Path, monkeypatch: pytest.MonkeyPatch, *arguments: str) -> Result:
    monkeypatch.chdir(cwd)
    return CliRunner().invoke(main, ["init", *arguments])


def test_reports_each_step_then_nothing_on_a_second_run(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _run(repo, monkeypatch)
    assert first.exit_code == 0, first.output
    lines = first.stdout.splitlines()
    assert lines[0].split() == ["created", "contracts/_template.yaml"]
    assert any(line.split()[:2] == ["created", ".github/workflows/agreed.yml"] for line in lines)
    assert lines[-1].startswith("Next: ")
    second = _run(repo, monkeypatch)
    assert second.exit_code == 0
    assert all(line.startswith("unchanged") for line in second.stdout.splitlines()[:-1])
    assert second.stdout.splitlines()[-1] == "Nothing to change: the repository is set up."


def test_from_a_subfolder_writes_at_the_root(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "docs").mkdir()
    result = _run(repo / "docs", monkeypatch, "--ci", "none")
    assert result.exit_code == 0, result.output
    assert (repo / "schema" / "agreement.schema.json").is_file()
    assert not (repo / "docs" / "schema").exists()
    assert not (repo / ".github").exists()


def test_kept_files_and_snippets_are_printed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".agreed.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    (repo / ".gitlab-ci.yml").write_text("unit:\n  script: [make test]\n", encoding="utf-8")
    result = _run(repo, monkeypatch, "--ci", "gitlab")
    assert result.exit_code == 0, result.output
    assert "kept         .agreed.yaml  (differs from what agreed init writes; --force replaces it)" in result.stdout
    assert "add by hand  .gitlab-ci.yml" in result.stdout
    # the job at column 0 after where it goes, so that it can be appended as shown
    assert "append this to .gitlab-ci.yml:\n# agreed: lint" in result.stdout
    assert "\nagreed:\n  image: python:3.12" in result.stdout
    assert (repo / ".agreed.yaml").read_text(encoding="utf-8") == "fail-on: warning\n"


def test_force_replaces_owned_files(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".agreed.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    result = _run(repo, monkeypatch, "--force")
    assert result.exit_code == 0, result.output
    assert "updated      .agreed.yaml" in result.stdout
    assert (repo / ".agreed.yaml").read_text(encoding="utf-8").startswith("# Configuration of agreed")


def test_outside_a_repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(tmp_path, monkeypatch)
    assert result.exit_code == 2
    assert "not inside a git repository" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_lint_passes_on_the_fresh_setup(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What init writes is a repository that CI's first lint accepts (the template is a valid draft)."""
    assert _run(repo, monkeypatch).exit_code == 0
    result = CliRunner().invoke(main, ["lint", "--no-cache", "--fail-on", "info"])
    assert result.exit_code == 0, result.output


@pytest.mark.slow
@pytest.mark.skipif(importlib.util.find_spec("pre_commit") is None, reason="pre-commit is not installed")
def test_the_pre_commit_hook_runs(repo: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert _run(repo, monkeypatch, "--ci", "none").exit_code == 0
    (repo / "contracts" / "bad.yaml").write_text("agreed: 1\nid: bad\nstatus: draft\n", encoding="utf-8")
    env = {**ENV, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": f"{Path(sys.executable).parent}{os.pathsep}{ENV.get('PATH', '')}"}
    subprocess.run(["git", "add", "-A"], cwd=repo, env=env, check=True, capture_output=True)
    result = subprocess.run([sys.executable, "-m", "pre_commit", "run", "--all-files"], cwd=repo, env=env,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "agreed lint" in result.stdout
    assert "contracts/bad.yaml:" in result.stdout


# --- killed runs and links ------------------------------------------------------------------------------------------

KILLED_INIT = """
import os, signal, sys
from agreed.cli import main
if sys.argv[1] == "named":  # as where the system has no unnamed files
    import agreed.atomic
    agreed.atomic._write_unnamed = lambda *arguments: False
os.fsync = lambda descriptor: os.kill(os.getpid(), signal.SIGKILL)  # killed while the first file is made durable
main(["init"])
"""


def _visible_temporaries(repo: Path) -> list[str]:
    return sorted(path.relative_to(repo).as_posix() for path in repo.rglob("*.tmp") if ".git" not in path.parts)


@pytest.mark.parametrize("files", ["unnamed", "named"])
def test_a_killed_init_leaves_nothing_after_the_next_run(repo: Path, monkeypatch: pytest.MonkeyPatch,
                                                          files: str) -> None:
    killed = subprocess.run([sys.executable, "-c", KILLED_INIT, files], cwd=repo, env=ENV, check=False)
    assert killed.returncode == -9
    left = _visible_temporaries(repo)
    if files == "unnamed" and hasattr(os, "O_TMPFILE"):
        assert left == []  # nothing was ever visible
    else:
        assert len(left) == 1
    result = _run(repo, monkeypatch)
    assert result.exit_code == 0, result.output
    assert _visible_temporaries(repo) == []
    assert (repo / "contracts" / "_template.yaml").is_file()


def test_a_leftover_temporary_is_removed_and_a_running_one_kept(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / "contracts").mkdir()
    with subprocess.Popen(["true"]) as ended:
        ended.wait()
    stale = [repo / temporary_name(".agreed.yaml", ended.pid), repo / "contracts" / temporary_name("_template.yaml",
                                                                                                   ended.pid)]
    running = repo / temporary_name(".gitattributes", os.getppid())
    for path in (*stale, running):
        path.write_text("half\n", encoding="utf-8")
    assert _run(repo, monkeypatch).exit_code == 0
    assert _visible_temporaries(repo) == [running.name]


def test_a_committed_link_out_of_the_repository_is_never_written_through(repo: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".agreed.yaml").symlink_to(tmp_path / "outside.yaml")
    result = _run(repo, monkeypatch, "--force")
    assert result.exit_code == 2
    assert "not writing .agreed.yaml" in result.stderr
    assert "outside" in result.stderr
    assert not (tmp_path / "outside.yaml").exists()


# --- --pages and --due-reminder ------------------------------------------------------------------------------------


def test_pages_and_due_reminder_add_their_workflows(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = _run(repo, monkeypatch, "--pages", "--due-reminder")
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert "created      .github/workflows/agreed-pages.yml  (then Settings > Pages > Source: GitHub Actions)" in lines
    assert "created      .github/workflows/agreed-due.yml" in lines
    again = _run(repo, monkeypatch, "--no-pages", "--no-due-reminder")
    assert again.exit_code == 0, again.output
    assert "agreed-pages" not in again.stdout
    assert again.stdout.splitlines()[-1] == "Nothing to change: the repository is set up."
    assert (repo / ".github" / "workflows" / "agreed-pages.yml").is_file()  # never removed


def test_a_second_run_after_an_edited_workflow_says_it_was_kept_not_set_up(repo: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    assert _run(repo, monkeypatch, "--due-reminder").exit_code == 0
    workflow = repo / ".github" / "workflows" / "agreed-due.yml"
    workflow.write_text(workflow.read_text(encoding="utf-8").replace("cron:", "cron:  # weekly\n   "), encoding="utf-8")
    again = _run(repo, monkeypatch, "--due-reminder")
    assert again.exit_code == 0, again.output
    lines = again.stdout.splitlines()
    assert ("kept         .github/workflows/agreed-due.yml  (differs from what agreed init writes; --force replaces "
            "it)") in lines
    assert lines[-1] == ("Nothing changed: .github/workflows/agreed-due.yml differs from what agreed init writes and "
                         "was kept as it is; --force replaces it.")
    (repo / ".agreed.yaml").write_text("fail-on: warning\n", encoding="utf-8")
    both = _run(repo, monkeypatch, "--due-reminder").stdout.splitlines()
    assert both[-1] == ("Nothing changed: .agreed.yaml and .github/workflows/agreed-due.yml differ from what agreed "
                        "init writes and were kept as they are; --force replaces them.")
    forced = _run(repo, monkeypatch, "--due-reminder", "--force")
    assert forced.exit_code == 0, forced.output
    assert _run(repo, monkeypatch, "--due-reminder").stdout.splitlines()[-1] == (
        "Nothing to change: the repository is set up.")


def test_the_gitlab_jobs_to_add_by_hand_are_printed(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (repo / ".gitlab-ci.yml").write_text("unit:\n  script: [make test]\n", encoding="utf-8")
    result = _run(repo, monkeypatch, "--ci", "gitlab", "--due-reminder")
    assert result.exit_code == 0, result.output
    assert ("add by hand  .gitlab-ci.yml  (has no jobs 'agreed', 'agreed-due'; not editing a file of yours; then add "
            "a pipeline schedule and a masked CI variable AGREED_DUE_TOKEN (api scope))") in result.stdout
    assert "\nagreed-due:\n  image: python:3.12" in result.stdout


@pytest.mark.parametrize("option", ["--pages", "--due-reminder"])
def test_the_extra_jobs_without_a_ci_are_refused(repo: Path, monkeypatch: pytest.MonkeyPatch, option: str) -> None:
    result = _run(repo, monkeypatch, "--ci", "none", option)
    assert result.exit_code == 2
    assert result.stderr == ("agreed: error: --pages and --due-reminder add CI jobs: use them with --ci github or "
                             "--ci gitlab\n")
    assert list(repo.iterdir()) == [repo / ".git"]


def test_help_names_the_options(monkeypatch: pytest.MonkeyPatch) -> None:
    result = CliRunner().invoke(main, ["init", "--help"])
    assert result.exit_code == 0
    for option in ("--pages / --no-pages", "--due-reminder / --no-due-reminder", "AGREED_DUE_TOKEN"):
        assert option in result.stdout
