"""The server ends promptly on the client's ``exit`` whatever is still running inside it: the client keeps the
server's input open (as editors do until the process is gone) and a check of a large buffer is still under way, yet
the process is gone within seconds, with the protocol's exit code (0 after ``shutdown``, 1 without)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from lsp_client import Client, repository_with

PROMPTLY = 2.0  # seconds; the check left running takes longer than this (3.6 s on an idle 2-core machine)
ROUNDS = 3  # servers ended one after another, to catch an ending that only sometimes waits
ITEM = ("    - id: d{0}\n      what: Improve the guide number {0} ASAP, etc.\n      owner: maria\n"
        "      due: 2031-03-31\n")


def _ends_with(client: Client, *, shut_down: bool) -> int:
    """The exit code of the server after the client's ``exit`` (after ``shutdown`` when ``shut_down``), its input
    left open; fails when it is still running after :data:`PROMPTLY` seconds."""
    if shut_down:
        client.request("shutdown", None)
    client.notify("exit", None)
    try:
        return client.process.wait(PROMPTLY)
    except subprocess.TimeoutExpired:
        pytest.fail(f"the server still runs {PROMPTLY} s after the exit notification")


def _large_agreement(tmp_path: Path, items: int) -> tuple[Path, Path, str]:
    """A repository holding the shipped 15 KB agreement, its path, and its text with ``items`` more deliverables."""
    folder = repository_with(tmp_path, "sales-onboarding.yaml")
    path = folder / "contracts" / "sales-onboarding.yaml"
    text = path.read_text(encoding="utf-8")
    more = "".join(map(ITEM.format, range(items)))
    return folder, path, text.replace("  deliverables:\n", "  deliverables:\n" + more, 1)


@pytest.mark.parametrize("shut_down", [True, False], ids=["after-shutdown", "without-shutdown"])
def test_the_server_ends_promptly_on_exit_while_a_large_buffer_is_checked(tmp_path: Path, shut_down: bool) -> None:
    folder, path, large = _large_agreement(tmp_path, 12_000)
    for _ in range(ROUNDS):
        client = Client(folder, "--debounce", "0")
        try:
            client.initialize()
            uri = client.open(path, large)
            client.request("textDocument/hover", client.at(uri, 0, 0))  # answered once the open was handled
            assert (uri, 1) not in client.published  # the check is still running
            assert _ends_with(client, shut_down=shut_down) == (0 if shut_down else 1)
        finally:
            client.close()


def test_an_exit_while_checks_run_leaves_standard_error_empty(tmp_path: Path) -> None:
    """A check that ends after the client's exit drops its diagnostics without a word: the server's loop has
    closed by then, and handing them to it once printed a traceback."""
    folder, path, large = _large_agreement(tmp_path, 2_500)
    for _ in range(ROUNDS):
        client = Client(folder, "--debounce", "0")
        try:
            client.initialize()
            uri = client.open(path, large)
            for version in range(2, 5):
                client.change(uri, large.replace("ASAP", f"soon {version}", 1), version)
            client.request("textDocument/hover", client.at(uri, 0, 0))
            assert _ends_with(client, shut_down=True) == 0
            assert client.stderr_so_far() == ""
        finally:
            client.close()
