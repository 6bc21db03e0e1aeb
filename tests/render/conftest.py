"""Fixtures of the render tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository on ``main`` with a ``contracts/`` folder; the current folder."""
    root = tmp_path / "repo"
    root.mkdir()
    monkeypatch.chdir(root)
    git(root, "init", "-q", "-b", "main")
    (root / "contracts").mkdir()
    return root
