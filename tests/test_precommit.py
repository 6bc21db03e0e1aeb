"""The pre-commit hook, run for real: ``pre-commit try-repo <this repository> agreed`` in a throw-away git repository.

``try-repo`` installs the hook the way a user's ``.pre-commit-config.yaml`` would: it clones the hook repository,
builds a virtual environment and pip-installs the package into it (non-editable), then runs ``entry`` on the files
that match ``files:`` and ``types:``.

Two things about ``try-repo`` shape this module:

* It includes uncommitted changes to *tracked* files (``git add -u`` into a shadow clone), but not untracked ones.
  When the checkout holds untracked, non-ignored files (new modules not yet added to git), the hook repository is
  a snapshot of the working tree (tracked and untracked files, as git would commit them after ``git add -A``),
  committed into a temporary repository; otherwise it is the checkout itself.
* It keeps its store in its own temporary directory, not in ``PRE_COMMIT_HOME``, so every call builds the hook
  environment anew. ``PRE_COMMIT_HOME`` is still pointed at a module-wide temporary directory so that nothing
  touches the user's cache; pip's own download cache keeps the repeated builds reasonably fast.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
SHIPPED_CONTRACT = REPO / "contracts" / "sales-onboarding.yaml"
HOOK_ID = "agreed"
TIMEOUT = 600

GIT_IDENTITY = ("-c", "user.email=tests@agreed.invalid", "-c", "user.name=agreed tests", "-c", "commit.gpgsign=false")

# The first deliverable of the shipped contract, and the vague, ownerless one that replaces it in bad.yaml.
GOOD_DELIVERABLE = """\
    - id: checklist
      what: Pre-signature scoping checklist of 15 questions, mandatory on every enterprise opportunity in the CRM
"""
BAD_DELIVERABLE = """\
    - id: checklist
      what: Improve onboarding ASAP, etc.
"""
GOOD_OWNER = """\
      owner: daniel
      for: [maria]
      due: 2031-03-31
"""
BAD_OWNER = """\
      for: [maria]
      due: 2031-03-31
"""


def _git_environment(**extra: str) -> dict[str, str]:
    """The caller's environment, minus git state that leaks from an enclosing hook and user/system git config."""
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("GIT_", "PRE_COMMIT")) and key not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    env.update({"GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "NO_COLOR": "1",
                "PIP_DISABLE_PIP_VERSION_CHECK": "1", "GIT_TERMINAL_PROMPT": "0"})
    env.update(extra)
    return env


def _run(command: list[str | Path], *, cwd: Path, env: Mapping[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(part) for part in command], cwd=cwd, env=dict(env), capture_output=True, text=True,
                          timeout=TIMEOUT, check=False)


def _git(*args: str | Path, cwd: Path, env: Mapping[str, str]) -> str:
    result = _run(["git", *GIT_IDENTITY, *args], cwd=cwd, env=env)
    assert result.returncode == 0, f"git {args} failed: {result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    return _git_environment(PRE_COMMIT_HOME=str(tmp_path_factory.mktemp("pre-commit-home")))


@pytest.fixture(scope="module")
def hook_repository(environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository, or a committed snapshot of its working tree when it holds untracked files."""
    listing = _run(["git", "ls-files", "-z", "--others", "--exclude-standard"], cwd=REPO, env=environment)
    if listing.returncode != 0:
        pytest.skip(f"{REPO} is not a git checkout")
    if not listing.stdout.strip("\0"):
        return REPO
    snapshot = tmp_path_factory.mktemp("hook-repository")
    files = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=REPO, env=environment)
    for name in filter(None, files.split("\0")):
        source = REPO / name
        if source.is_file():  # a tracked file deleted in the working tree is not part of the snapshot
            target = snapshot / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    _git("init", "--quiet", cwd=snapshot, env=environment)
    _git("add", "--all", cwd=snapshot, env=environment)
    _git("commit", "--quiet", "--message", "snapshot of the working tree", cwd=snapshot, env=environment)
    return snapshot


@pytest.fixture(scope="module")
def project(environment: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A user's repository: a good and a bad agreement under contracts/, and the bad one again under other/."""
    root = tmp_path_factory.mktemp("project")
    good = SHIPPED_CONTRACT.read_text(encoding="utf-8")
    bad = good.replace(GOOD_DELIVERABLE, BAD_DELIVERABLE, 1).replace(GOOD_OWNER, BAD_OWNER, 1)
    changed = "the shipped contract changed: update the lines this test replaces"
    assert bad.count("Improve onboarding ASAP, etc.") == 1, changed
    assert bad.count("owner: daniel") == good.count("owner: daniel") - 1, changed
    (root / "contracts").mkdir()
    (root / "contracts" / "good.yaml").write_text(good, encoding="utf-8")
    (root / "contracts" / "bad.yaml").write_text(bad, encoding="utf-8")
    (root / "other").mkdir()
    (root / "other" / "x.yaml").write_text(bad, encoding="utf-8")  # would fail if the hook looked at it
    _git("init", "--quiet", cwd=root, env=environment)
    _git("add", "--all", cwd=root, env=environment)
    _git("commit", "--quiet", "--message", "agreements", cwd=root, env=environment)
    return root


def _try_repo(hook_repository: Path, project: Path, environment: Mapping[str, str], *files: str,
              ) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-m", "pre_commit", "try-repo", hook_repository, HOOK_ID, "--color", "never",
                 "--verbose", "--files", *files], cwd=project, env=environment)


def _output(result: subprocess.CompletedProcess[str]) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}"


def test_hook_passes_a_valid_agreement(hook_repository: Path, project: Path, environment: dict[str, str]) -> None:
    result = _try_repo(hook_repository, project, environment, "contracts/good.yaml")
    assert result.returncode == 0, _output(result)
    assert re.search(r"^agreed lint\.+Passed$", result.stdout, re.MULTILINE), _output(result)


def test_hook_fails_a_vague_ownerless_agreement(hook_repository: Path, project: Path,
                                                environment: dict[str, str]) -> None:
    result = _try_repo(hook_repository, project, environment, "contracts/bad.yaml")
    assert result.returncode == 1, _output(result)
    assert re.search(r"^agreed lint\.+Failed$", result.stdout, re.MULTILINE), _output(result)
    bad = (project / "contracts" / "bad.yaml").read_text(encoding="utf-8").splitlines()
    what_line = 1 + bad.index("      what: Improve onboarding ASAP, etc.")
    findings = re.findall(r"^contracts/bad\.yaml:(\d+):\d+: \S+ (\w+) ", result.stdout, re.MULTILINE)
    assert findings, f"no 'contracts/bad.yaml:LINE:COL: CODE severity' finding in the output\n{_output(result)}"
    # The missing owner is an error at the deliverable's entry (the line of '- id:', just above 'what:'); the vague
    # words are findings on the 'what:' line itself.
    assert (str(what_line - 1), "error") in findings, _output(result)
    assert str(what_line) in {line for line, _ in findings}, _output(result)


def test_hook_ignores_yaml_outside_contracts(hook_repository: Path, project: Path,
                                             environment: dict[str, str]) -> None:
    result = _try_repo(hook_repository, project, environment, "other/x.yaml")
    assert result.returncode == 0, _output(result)
    assert re.search(r"^agreed lint\.+\(no files to check\)Skipped$", result.stdout, re.MULTILINE), _output(result)
    assert "x.yaml:" not in result.stdout
