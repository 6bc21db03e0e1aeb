"""The server over a long session: memory stays flat across 10,000 edits of one buffer, typed as an editor sends
them (incremental changes, in bursts, each burst checked), and a closed buffer leaves no diagnostics behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from lsp_client import Client, repository_with

EDITS = 10_000
CHECKED_EVERY = 25  # the client waits for the diagnostics of every 25th version; the edits between come in a burst
WARM_UP = 2_000  # edits before the first reading: the text layer's bounded caches fill up, the allocator settles
RSS_GROWTH_LIMIT_KB = 4 * 1024
"""Growth allowed over the 8,000 edits after the warm-up (measured: about 0.2 MB). Each of the 320 checks after it
reads again the partners' 32 answers, whose context (the names of the partners) the edits change: a memo of the text
rules' findings that kept every value it was given grows about 23 KB a check (7 MB in all), and pygls's own table of
futures, before the server took each out when done, about 2 KB an edit (16 MB)."""
DEBOUNCE_MS = "10"


def _rss_kb(pid: int) -> int:
    status = Path(f"/proc/{pid}/status")
    if not status.exists():
        pytest.skip("needs /proc to read the server's resident memory")
    line = next(line for line in status.read_text().splitlines() if line.startswith("VmRSS:"))
    return int(line.split()[1])


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    return repository_with(tmp_path, "sales-onboarding.yaml", "field-service-returns.yaml", "clinic-scheduling.yaml")


def _typed(opened: list[str], lines: list[str], version: int) -> tuple[int, str]:
    """The line an editor changes for ``version``, and what it then reads: a party's name being typed (which changes
    the context of every answer the partners give), a word of a deliverable, or, at some checked versions, the
    list of parties broken for a moment and mended at the next edit."""
    if version % 100 == 50:
        return _PARTIES, "parties: ["
    if lines[_PARTIES] != "parties:":
        return _PARTIES, "parties:"
    if version % 2:
        return _NAME, f"    name: Maria Chen {version}"
    return _PLAYBOOK, opened[_PLAYBOOK].replace("playbook", f"playbook{version % 97}", 1)


_PARTIES, _NAME, _PLAYBOOK = 9, 11, 119  # 0-based lines of contracts/sales-onboarding.yaml


def test_memory_stays_flat_across_ten_thousand_edits_of_one_buffer(repository: Path) -> None:
    path = repository / "contracts" / "sales-onboarding.yaml"
    opened = path.read_text(encoding="utf-8").split("\n")
    lines = list(opened)
    assert (lines[_PARTIES], lines[_NAME], "playbook" in lines[_PLAYBOOK]) == ("parties:", "    name: Maria Chen", True)
    client = Client(repository, "--debounce", DEBOUNCE_MS)
    try:
        client.initialize()
        uri = client.open(path, "\n".join(lines))
        client.next_diagnostics(uri)
        warm = 0
        for version in range(2, EDITS + 2):
            line, new = _typed(opened, lines, version)
            client.replace_line(uri, version, line, lines[line], new)
            lines[line] = new
            if version % CHECKED_EVERY == 0 or version == EDITS + 1:
                found = client.next_diagnostics(uri, version=version)
                assert any("YAML" in item["message"] for item in found) == (lines[_PARTIES] != "parties:")
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
