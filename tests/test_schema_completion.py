"""The agreement schema in an editor: yaml-language-server (the YAML service of VS Code, Neovim, Helix and others),
driven over LSP on stdio with a buffer that names the schema by the shipped modeline, offers each key once.

The status rule's branches repeat the names of the elements they tighten (``required`` and ``properties``); each
such property is marked ``doNotSuggest``, so the server offers the element as the element's own schema describes it
and not a second time as the branch does. The schema with those marks taken out proves the test can tell. The
server also reads the schema as agreed does: the shipped agreements open without a diagnostic, a gap in a proposed
one is reported.
"""

from __future__ import annotations

import copy
import itertools
import json
import os
import queue
import re
import subprocess
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from node_clients import node_executable, node_package

REPO_ROOT = Path(__file__).resolve().parents[1]
SCHEMA_PATH = REPO_ROOT / "schema" / "agreement.schema.json"
MODELINE = (REPO_ROOT / "contracts" / "_template.yaml").read_text(encoding="utf-8").splitlines()[0]
ANSWER_SECONDS = 30
HEAD = """agreed: 1
id: demo
title: Demo agreement
status: {status}
parties:
  - id: maria
    name: Maria Chen
  - id: li
    name: Li Wei
"""
STATUSES = ("draft", "proposed", "active")


class LanguageServer:
    """A language server run as a child process, spoken to in JSON-RPC with Content-Length framing."""

    def __init__(self, command: list[str], root: Path) -> None:
        self._process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self._incoming: queue.Queue[dict[str, Any] | None] = queue.Queue()
        self._ids = itertools.count(1)
        threading.Thread(target=self._read_messages, daemon=True).start()
        capabilities = {"textDocument": {"completion": {"completionItem": {"snippetSupport": True}}}}
        self.request("initialize", {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": capabilities})
        self.notify("initialized", {})

    def request(self, method: str, params: dict[str, Any]) -> Any:
        """Send a request and return its result."""
        number = next(self._ids)
        self._send({"jsonrpc": "2.0", "id": number, "method": method, "params": params})
        answer = self._next(lambda message: message.get("id") == number and "method" not in message, method)
        assert "error" not in answer, answer["error"]
        return answer["result"]

    def diagnostics(self, uri: str) -> list[dict[str, Any]]:
        """The next diagnostics the server publishes for ``uri``."""
        published = self._next(
            lambda message: (
                message.get("method") == "textDocument/publishDiagnostics" and message["params"]["uri"] == uri
            ),
            f"diagnostics of {uri}",
        )
        found: list[dict[str, Any]] = published["params"]["diagnostics"]
        return found

    def _next(self, wanted: Callable[[dict[str, Any]], bool], what: str) -> dict[str, Any]:
        """The next message that is ``wanted``, answering the server's own requests meanwhile (with the defaults:
        e.g. workspace/configuration) and passing over other notifications."""
        while True:
            message = self._incoming.get(timeout=ANSWER_SECONDS)
            assert message is not None, f"the language server ended before sending {what}"
            if wanted(message):
                return message
            if "method" in message and "id" in message:
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})

    def notify(self, method: str, params: dict[str, Any]) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def close(self) -> None:
        self._process.kill()
        self._process.wait()

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self._process.stdin is not None
        self._process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self._process.stdin.flush()

    def _read_messages(self) -> None:
        stream = self._process.stdout
        assert stream is not None
        while True:
            headers = {}
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            if "content-length" not in headers:
                self._incoming.put(None)
                return
            self._incoming.put(json.loads(stream.read(int(headers["content-length"]))))


@pytest.fixture(scope="module")
def server() -> Iterator[LanguageServer]:
    entry = node_package("yaml-language-server") / "bin" / "yaml-language-server"
    started = LanguageServer([node_executable(), str(entry), "--stdio"], REPO_ROOT)
    yield started
    started.close()


_buffers = itertools.count()


def offered_keys(server: LanguageServer, folder: Path, modeline: str, text: str) -> Counter[str]:
    """The labels the server offers, each with how often, at the end of ``text`` opened as a buffer in ``folder``
    (never written to disk) that starts with ``modeline``."""
    uri = (folder / f"editor-buffer-{next(_buffers)}.yaml").as_uri()
    whole = f"{modeline}\n{text}"
    server.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": whole}}
    )
    lines = whole.split("\n")
    position = {"line": len(lines) - 1, "character": len(lines[-1])}
    result = server.request("textDocument/completion", {"textDocument": {"uri": uri}, "position": position})
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    items = result["items"] if isinstance(result, dict) else result
    return Counter(item["label"] for item in items)


def schema() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return loaded


def top_level_keys() -> Counter[str]:
    """Each top-level key not written in HEAD, once."""
    written = {line.split(":")[0] for line in HEAD.splitlines() if not line.startswith(" ")}
    return Counter(key for key in schema()["properties"] if key not in written)


def result_keys() -> Counter[str]:
    """Each key of ``results`` but ``purpose`` (written), once."""
    return Counter(key for key in schema()["$defs"]["results"]["properties"] if key != "purpose")


def term_keys() -> Counter[str]:
    return Counter(list(schema()["$defs"]["term"]["properties"]))


TOP_LEVEL = ""
IN_RESULTS = "results:\n  purpose: Onboard the new sales team\n  "
IN_TERM = "term:\n  "


@pytest.mark.parametrize("status", STATUSES)
def test_each_top_level_key_is_offered_once(server: LanguageServer, status: str) -> None:
    offered = offered_keys(server, REPO_ROOT / "contracts", MODELINE, HEAD.format(status=status) + TOP_LEVEL)
    assert offered == top_level_keys()


@pytest.mark.parametrize("status", STATUSES)
def test_each_key_of_results_is_offered_once(server: LanguageServer, status: str) -> None:
    offered = offered_keys(server, REPO_ROOT / "contracts", MODELINE, HEAD.format(status=status) + IN_RESULTS)
    assert offered == result_keys()


@pytest.mark.parametrize("status", STATUSES)
def test_each_key_of_the_term_is_offered_once(server: LanguageServer, status: str) -> None:
    offered = offered_keys(server, REPO_ROOT / "contracts", MODELINE, HEAD.format(status=status) + IN_TERM)
    assert offered == term_keys()


def without_marks(node: Any) -> Any:
    """``node`` with every ``doNotSuggest`` taken out."""
    if isinstance(node, dict):
        return {key: without_marks(value) for key, value in node.items() if key != "doNotSuggest"}
    if isinstance(node, list):
        return [without_marks(value) for value in node]
    return node


@pytest.mark.parametrize(
    ("where", "expected"), [(TOP_LEVEL, top_level_keys), (IN_RESULTS, result_keys)], ids=["top level", "results"]
)
def test_without_the_marks_the_branches_keys_are_offered_twice(
    server: LanguageServer, tmp_path: Path, where: str, expected: Any
) -> None:
    unmarked = tmp_path / "unmarked.schema.json"
    unmarked.write_text(json.dumps(without_marks(copy.deepcopy(schema()))), encoding="utf-8")
    modeline = f"# yaml-language-server: $schema={unmarked}"
    assert offered_keys(server, tmp_path, modeline, HEAD.format(status="draft") + where) == expected()
    twice = offered_keys(server, tmp_path, modeline, HEAD.format(status="proposed") + where)
    assert max(twice[key] for key in expected()) > 1, twice


def opened_diagnostics(server: LanguageServer, text: str) -> list[str]:
    """What the server says about ``text`` opened as an agreement in ``contracts/``."""
    uri = (REPO_ROOT / "contracts" / f"editor-buffer-{next(_buffers)}.yaml").as_uri()
    server.notify(
        "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": 1, "text": text}}
    )
    found = server.diagnostics(uri)
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    return [diagnostic["message"] for diagnostic in found]


@pytest.mark.parametrize("path", sorted((REPO_ROOT / "contracts").glob("*.yaml")), ids=lambda path: path.name)
def test_the_shipped_agreements_open_without_a_diagnostic(server: LanguageServer, path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith(MODELINE)
    assert opened_diagnostics(server, text) == []
    proposed = text.replace("status: active", "status: proposed").replace("status: fulfilled", "status: proposed")
    incomplete = re.sub(r"\n  deadline: .*\n", "\n", proposed.replace("status: draft", "status: proposed"), count=1)
    assert any("deadline" in message for message in opened_diagnostics(server, incomplete))
