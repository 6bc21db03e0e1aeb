"""The server at the edges of the protocol, driven over its standard streams: requests it declines are answered
with a plain message (no traceback, neither in the answer nor on standard error), requests about documents never
opened are answered empty, and the exit code follows the protocol (0 after a shutdown request, 1 without)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lsp_client import Client

REQUEST_FAILED = -32803


def _stderr_after_shutdown(client: Client) -> str:
    assert client.shutdown() == 0
    return client.stderr_so_far()


@pytest.mark.parametrize(("new_name", "message"), [
    ("maria", "'maria' is already a party of this agreement"),
    ("Bad Name", "'Bad Name' is no party id"),
    ("", "'' is no party id"),
])
def test_a_refused_rename_is_a_failed_request_with_only_its_message(
        client: Client, repository: Path, new_name: str, message: str) -> None:
    path = repository / "contracts" / "sales-onboarding.yaml"
    text = path.read_text(encoding="utf-8")
    uri = client.open(path, text)
    client.next_diagnostics(uri)
    line = next(number for number, written in enumerate(text.split("\n")) if "    owner: daniel" in written)
    at = client.at(uri, line, text.split("\n")[line].index("daniel") + 1)
    error = client.answer("textDocument/rename", {**at, "newName": new_name})["error"]
    assert error["code"] == REQUEST_FAILED
    assert error["message"].startswith(message)
    assert error.get("data") is None
    assert client.answer("textDocument/rename", {**at, "newName": "dan"}).get("error") is None
    stderr = _stderr_after_shutdown(client)
    assert "Traceback" not in stderr, stderr


def test_requests_about_a_document_never_opened_are_answered_empty(client: Client) -> None:
    at = client.at("file:///nope.yaml", 0, 0)
    hover = client.answer("textDocument/hover", at)
    assert "error" not in hover
    assert hover["result"] is None
    assert client.request("textDocument/completion", at)["items"] == []
    for method in ("textDocument/definition", "textDocument/references"):
        assert client.request(method, {**at, "context": {"includeDeclaration": True}}) == []
    assert client.request("textDocument/documentSymbol", {"textDocument": {"uri": "file:///nope.yaml"}}) == []
    stderr = _stderr_after_shutdown(client)
    assert "Traceback" not in stderr, stderr
    assert "FileNotFoundError" not in stderr, stderr


def test_exit_after_shutdown_ends_with_0(client: Client) -> None:
    client.request("shutdown", None)
    client.notify("exit", None)
    assert client.process.wait(30) == 0


def test_exit_without_shutdown_ends_with_1(client: Client) -> None:
    client.notify("exit", None)
    assert client.process.wait(30) == 1


INVALID_PARAMS = -32602


def test_malformed_messages_are_answered_invalid_params_and_noted_in_a_line_each(client: Client,
                                                                                 repository: Path) -> None:
    path = repository / "contracts" / "sales-onboarding.yaml"
    uri = client.open(path, path.read_text(encoding="utf-8"))
    client.next_diagnostics(uri)
    client.notify("textDocument/codeLens", {"textDocument": {"uri": uri}})  # a request sent without an id
    error = client.answer("textDocument/hover", {"bad": 1})["error"]
    assert error["code"] == INVALID_PARAMS
    assert error["message"].startswith("textDocument/hover: required field missing @ message.params.")
    assert "position" in error["message"]
    assert error.get("data") is None
    assert client.answer("textDocument/hover", client.at(uri, 0, 0)).get("error") is None  # it serves on
    stderr = _stderr_after_shutdown(client).splitlines()
    assert len(stderr) <= 2, stderr
    assert all(line.startswith("agreed lsp: ") for line in stderr), stderr
