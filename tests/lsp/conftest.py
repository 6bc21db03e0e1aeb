"""Fixtures shared by the language server's tests: a git repository holding the shipped 15 KB agreement, and a real
server process started in it with a short debounce, spoken to over its standard streams."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from lsp_client import Client, repository_with


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return repository_with(tmp_path, "sales-onboarding.yaml")


@pytest.fixture
def client(repository: Path) -> Iterator[Client]:
    started = Client(repository, "--debounce", "20")
    started.initialize()
    yield started
    started.close()
