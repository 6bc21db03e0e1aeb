"""Fixtures shared by the consent tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from gitrepo import git


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty git repository on ``main`` with a ``contracts/`` folder; the current folder."""
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "contracts").mkdir()
    return tmp_path
