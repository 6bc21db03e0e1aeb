"""Shared helpers for tests that work on real temporary git repositories: run git as a given author, commit
everything, and read an SSH key's public half. Git never reads the user's or the system's configuration here."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "contracts" / "sales-onboarding.yaml"
AGREEMENT = Path("contracts/sales-onboarding.yaml")  # where tests put a copy of the example, repo-relative
MARIA = "maria.chen@example.com"  # the example's parties' emails
DANIEL = "daniel.okafor@example.com"
DEFAULT_EMAIL = "test@example.org"
COMMITTER_EMAIL = "ci@example.org"


def git_environment(email: str = DEFAULT_EMAIL, name: str = "Test") -> dict[str, str]:
    """The process environment with a fixed author (``name`` <``email``>), a CI committer and no outside config."""
    return {**os.environ, "GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_COMMITTER_NAME": "CI",
            "GIT_COMMITTER_EMAIL": COMMITTER_EMAIL, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def git(repo: Path, *arguments: str, email: str = DEFAULT_EMAIL, name: str = "Test") -> str:
    """Run ``git ARGUMENTS`` in ``repo`` authored as ``email``; its standard output. Fails the test on an error."""
    completed = subprocess.run(["git", *arguments], cwd=repo, capture_output=True, text=True, timeout=60,
                               env=git_environment(email, name), check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed.stdout


def commit_all(repo: Path, message: str, *, email: str = DEFAULT_EMAIL, key: Path | None = None) -> str:
    """Commit everything in the work tree, authored by ``email`` (SSH-signed by git with ``key`` when given); the
    new commit's sha."""
    git(repo, "add", "-A")
    signing = ["-c", "gpg.format=ssh", "-c", f"user.signingkey={key}", "commit", "-S"] if key else ["commit"]
    git(repo, *signing, "-q", "-m", message, email=email)
    return git(repo, "rev-parse", "HEAD").strip()


def public(key: Path) -> str:
    """The public half (``KEY.pub``) of the private key file ``key``, one line."""
    return key.with_name(key.name + ".pub").read_text(encoding="ascii").strip()
