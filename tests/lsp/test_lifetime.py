"""The server over a long session: memory stays flat across thousands of edits of one buffer, each checked, and
a closed buffer leaves no diagnostics behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from lsp_client import Client, repository_with

EDITS = 2000
WARM_UP = 200
RSS_GROWTH_LIMIT_KB = 16 * 1024  # a leak of a few KB an edit would pass 16 MiB over 1,800 edits


def _rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        pytest.skip("needs /proc to read the server's resident memory")
    line = next(line for line in status.read_text().splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1])


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return repository_with(tmp_path, "field-service-returns.yaml", "clinic-scheduling.yaml")


def test_memory_stays_flat_across_thousands_of_checked_edits(repository: Path) -> None:
    path = repository / "contracts" / "field-service-returns.yaml"
    text = path.read_text(encoding="utf-8")
    assert "within 10 days" in text  # the words each edit changes
    client = Client(repository, "--debounce", "0")
    try:
        client.initialize()
        uri = client.open(path, text)
        client.next_diagnostics(uri)
        warm = 0
        for version in range(2, EDITS + 2):
            broken = version % 10 == 0  # every tenth edit leaves the buffer unparseable for a moment
            edited = (text[: len(text) // 2] + "\n  : [\n" if broken
                      else text.replace("within 10 days", f"within {version} days"))
            client.change(uri, edited, version)
            client.next_diagnostics(uri)
            if version == WARM_UP:
                warm = _rss_kb(client.process.pid)
        grown = _rss_kb(client.process.pid) - warm
        print(f"resident memory after {WARM_UP} edits: {warm} KB; grown by {grown} KB over {EDITS - WARM_UP} more")
        assert grown < RSS_GROWTH_LIMIT_KB, f"resident memory grew {grown} KB over {EDITS - WARM_UP} edits"
        assert client.shutdown() == 0
    finally:
        client.close()


def test_closing_a_buffer_clears_its_diagnostics(repository: Path) -> None:
    path = repository / "contracts" / "field-service-returns.yaml"
    client = Client(repository)
    try:
        client.initialize()
        uri = client.open(path, "agreed: 1\nid: [\n")
        assert client.next_diagnostics(uri)
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
        assert client.next_diagnostics(uri) == []
    finally:
        client.close()
