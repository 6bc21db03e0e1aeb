"""The package stays ruff-clean and mypy-strict-clean: checked here so CI enforces it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (it comes with the [test] extra)")
    return found


def test_ruff_is_clean() -> None:
    completed = subprocess.run([_tool("ruff"), "check", "toolkit", "tests"], cwd=REPO, capture_output=True,
                               text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


@pytest.mark.slow
def test_mypy_strict_is_clean() -> None:
    completed = subprocess.run([_tool("mypy")], cwd=REPO, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
