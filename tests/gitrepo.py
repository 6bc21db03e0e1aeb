"""Shared helpers for tests that work on real temporary git repositories: run git as a given author, commit
everything, read an SSH key's public half, drive a scripted repository (:class:`Repo`). Git never reads the user's or
the system's configuration here."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from pathlib import Path
from typing import Any

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


REPO_ENV = {**os.environ, "GIT_CONFIG_NOSYSTEM": "1", "GIT_CONFIG_GLOBAL": os.devnull, "LC_ALL": "C"}


class Repo:
    """A temporary repository driven through the git command line, authored by Maria Chen at fixed dates."""

    def __init__(self, root: Path) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = "2031-01-01T12:00:00+00:00") -> str:
        env = {**REPO_ENV, "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date}
        completed = subprocess.run(["git", "-c", "user.name=Maria Chen", "-c", "user.email=maria@example.org",
                                    "-c", "commit.gpgsign=false", *args], cwd=self.root, env=env, check=True,
                                   capture_output=True)
        return completed.stdout.decode("utf-8", errors="replace").strip()

    def write(self, path: str, content: Any) -> None:
        file = self.root / path
        file.parent.mkdir(parents=True, exist_ok=True)
        text = content if isinstance(content, str) else json.dumps(content, indent=2) + "\n"
        file.write_text(text, encoding="utf-8")

    def commit(self, message: str, date: str = "2031-01-01T12:00:00+00:00") -> str:
        self.git("add", "-A")
        self.git("commit", "-q", "--allow-empty", "-m", message, date=date)
        return self.git("rev-parse", "HEAD")


def sample_agreement(agreement_id: str = "demo", note: str = "first") -> dict[str, Any]:
    """Agreement-like data, long enough (twelve distinct lines) for git's rename detection to pair its versions."""
    lines = [hashlib.sha256(f"{agreement_id} {number}".encode()).hexdigest() for number in range(12)]
    return {"agreed": 1, "id": agreement_id, "title": "Demo", "notes": note, "body": lines}
