"""A large buffer (the shipped example with 3,000 deliverables added, some 340 KB and 10,000 findings) in the real
server over its standard streams: it is checked on the server's checking thread, so a hover asked while the check
runs is answered before that check's diagnostics are published, and they arrive all the same."""

from __future__ import annotations

from pathlib import Path

from lsp_client import Client, repository_with

ITEM = ("    - id: d{0}\n      what: Improve the guide number {0} ASAP, etc.\n      owner: maria\n"
        "      due: 2031-03-31\n")


def test_a_hover_is_answered_while_a_large_buffer_is_checked(tmp_path: Path) -> None:
    folder = repository_with(tmp_path, "sales-onboarding.yaml")
    path = folder / "contracts" / "sales-onboarding.yaml"
    text = path.read_text(encoding="utf-8")
    large = text.replace("  deliverables:\n", "  deliverables:\n" + "".join(map(ITEM.format, range(3000))), 1)
    client = Client(folder, "--debounce", "0")
    try:
        client.initialize()
        uri = client.open(path, text)
        client.next_diagnostics(uri)
        client.change(uri, large, 2)
        line = large.split("\n").index("status: active")
        hover = client.request("textDocument/hover", client.at(uri, line, 2))
        assert "status" in hover["contents"]["value"]
        assert (uri, 2) not in client.published  # answered while the check ran
        found = client.next_diagnostics(uri, version=2, timeout=300)
        assert len(found) > 3000
        assert client.shutdown() == 0
    finally:
        client.close()
