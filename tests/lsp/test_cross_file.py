"""The cross-file findings of a buffer, over stdio: the buffer is compared with the agreements under ``contracts/``
at the repository root and with those of its own folder, after them all, so an agreement id it shares with one of
them is reported in the buffer whichever file's path sorts first (``agreed lint`` reports the later file)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lsp_client import Client

TAKEN = "id: sales-onboarding"  # the id of the agreement on disk, contracts/sales-onboarding.yaml


def _copy(repository: Path) -> str:
    return (repository / "contracts" / "sales-onboarding.yaml").read_text(encoding="utf-8")


def _check(client: Client, path: Path, text: str) -> list[dict[str, Any]]:
    uri = client.open(path, text)
    return client.next_diagnostics(uri)


def _duplicates(found: list[dict[str, Any]]) -> list[str]:
    return [diagnostic["message"] for diagnostic in found if diagnostic["code"] == "K901"]


@pytest.mark.parametrize("name", ["contracts/a-first.yaml", "contracts/z-last.yaml", "x/new.yaml", "new.yaml"])
def test_an_id_taken_on_disk_is_reported_in_the_buffer_wherever_it_sorts_and_lies(
        client: Client, repository: Path, name: str) -> None:
    path = repository / name
    path.parent.mkdir(exist_ok=True)
    duplicates = _duplicates(_check(client, path, _copy(repository)))
    assert len(duplicates) == 1, duplicates
    assert "'sales-onboarding' is already used by contracts/sales-onboarding.yaml:" in duplicates[0]
    other = repository / "contracts" / "other.yaml"
    assert _duplicates(_check(client, other, _copy(repository).replace(TAKEN, "id: other", 1))) == []


def test_an_id_taken_in_the_buffers_own_folder_is_reported(client: Client, repository: Path) -> None:
    folder = repository / "drafts"
    folder.mkdir()
    (folder / "b-draft.yaml").write_text(_copy(repository).replace(TAKEN, "id: draft", 1), encoding="utf-8")
    duplicates = _duplicates(_check(client, folder / "a-new.yaml", _copy(repository).replace(TAKEN, "id: draft", 1)))
    assert len(duplicates) == 1, duplicates
    assert "drafts/b-draft.yaml" in duplicates[0]


def test_lint_reports_the_later_file_only_pointing_at_the_first(repository: Path) -> None:
    (repository / "contracts" / "a-first.yaml").write_text(_copy(repository), encoding="utf-8")
    ran = subprocess.run([sys.executable, "-m", "agreed", "lint", "contracts"], cwd=repository,
                         capture_output=True, text=True, check=False, timeout=60)
    found = [line for line in ran.stdout.splitlines() if "K901" in line]
    assert len(found) == 1, ran.stdout
    assert found[0].startswith("contracts/sales-onboarding.yaml:")
    assert "already used by contracts/a-first.yaml:" in found[0]


def test_another_open_buffer_is_compared_as_it_is_typed_not_as_saved(client: Client, repository: Path) -> None:
    saved = repository / "contracts" / "sales-onboarding.yaml"
    typed = _copy(repository).replace(TAKEN, "id: renamed", 1)
    uri = client.open(saved, _copy(repository))
    client.next_diagnostics(uri)
    client.change(uri, typed, 2)
    client.next_diagnostics(uri, version=2)
    new = repository / "contracts" / "a-new.yaml"
    duplicates = _duplicates(_check(client, new, typed))
    assert len(duplicates) == 1, duplicates
    assert "'renamed' is already used by contracts/sales-onboarding.yaml:" in duplicates[0]
    client.change(new.as_uri(), _copy(repository), 2)  # the id the file on disk has, no longer the open buffer's
    assert _duplicates(client.next_diagnostics(new.as_uri(), version=2)) == []
