"""A small editor for the language server's tests: starts ``agreed lsp`` as a process and speaks JSON-RPC to it over
its standard streams with the protocol's ``Content-Length`` framing, as an editor does.

A reader thread takes every message off the server's output; responses are matched to their requests by id and
notifications (diagnostics) are kept in order, so a test can wait for the diagnostics of a given version.
"""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

TIMEOUT = 30.0
CONTRACTS = Path(__file__).resolve().parents[1] / "contracts"


def repository_with(folder: Path, *names: str) -> Path:
    """``folder`` made a git repository whose ``contracts/`` holds copies of the shipped agreements ``names``."""
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    (folder / "contracts").mkdir()
    for name in names:
        shutil.copy(CONTRACTS / name, folder / "contracts" / name)
    return folder


SERVER = (sys.executable, "-m", "agreed", "lsp")


class Client:
    """Speaks to ``server`` (``agreed lsp`` unless told another command), started in ``folder`` with ``arguments``."""

    def __init__(self, folder: Path, *arguments: str, server: Sequence[str] = SERVER) -> None:
        self.process = subprocess.Popen([*server, *arguments], cwd=folder,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.folder = folder
        self._next_id = 0
        self._responses: dict[int, Any] = {}
        self._notifications: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.messages: list[dict[str, Any]] = []  # window/showMessage notifications, in order
        self.published: list[tuple[str, int | None]] = []  # the URI and version of each diagnostics published, in order
        self._arrived = threading.Condition()
        assert self.process.stdout is not None
        self._reader = threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True)
        self._reader.start()

    def _read(self, stream: BinaryIO) -> None:
        while True:
            headers: dict[str, str] = {}
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                name, _, value = line.decode("ascii").partition(":")
                headers[name.strip().lower()] = value.strip()
            body = json.loads(stream.read(int(headers["content-length"])))
            with self._arrived:
                if "id" in body and "method" not in body:
                    self._responses[body["id"]] = body
                elif body.get("method") == "textDocument/publishDiagnostics":
                    params = body["params"]
                    self.diagnostics[params["uri"]] = params["diagnostics"]
                    self.published.append((params["uri"], params.get("version")))
                    self._notifications.put(body)
                elif body.get("method") == "window/showMessage":
                    self.messages.append(body["params"])
                self._arrived.notify_all()

    def _send(self, message: dict[str, Any]) -> None:
        data = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
        self.process.stdin.flush()

    def answer(self, method: str, params: Any) -> dict[str, Any]:
        """The whole response to a request: its ``result`` or its ``error``."""
        self._next_id += 1
        wanted = self._next_id
        self._send({"id": wanted, "method": method, "params": params})
        with self._arrived:
            if not self._arrived.wait_for(lambda: wanted in self._responses, TIMEOUT):
                raise TimeoutError(f"no answer to {method} (stderr: {self.stderr_so_far()})")
            return dict(self._responses.pop(wanted))

    def request(self, method: str, params: Any) -> Any:
        response = self.answer(method, params)
        if "error" in response:
            raise RuntimeError(f"{method} failed: {response['error']}")
        return response.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"method": method, "params": params})

    def initialize(self) -> dict[str, Any]:
        result = self.request("initialize", {"processId": None, "rootUri": self.folder.as_uri(),
                                              "capabilities": {}})
        self.notify("initialized", {})
        return dict(result)

    def open(self, path: Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "yaml", "version": version,
                                                              "text": text}})
        return uri

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})

    def replace_line(self, uri: str, version: int, line: int, old: str, new: str) -> None:
        """An incremental change, as an editor sends one for typing: line ``line`` (``old``) becomes ``new``."""
        end = len(old.encode("utf-16-le")) // 2
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": uri, "version": version},
            "contentChanges": [{"range": {"start": {"line": line, "character": 0},
                                          "end": {"line": line, "character": end}}, "text": new}]})

    def next_diagnostics(self, uri: str, until: Callable[[list[dict[str, Any]]], bool] = lambda found: True,
                         timeout: float = TIMEOUT, version: int | None = None) -> list[dict[str, Any]]:
        """The first diagnostics published for ``uri`` (of ``version`` when given) from now on that satisfy
        ``until``."""
        deadline = time.monotonic() + timeout
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError(f"no diagnostics as wanted for {uri}: last {self.diagnostics.get(uri)}")
            try:
                message = self._notifications.get(timeout=left)
            except queue.Empty:
                continue
            params = message["params"]
            if params["uri"] == uri and version in (None, params.get("version")) and until(params["diagnostics"]):
                return list(params["diagnostics"])

    def at(self, uri: str, line: int, character: int) -> dict[str, Any]:
        return {"textDocument": {"uri": uri}, "position": {"line": line, "character": character}}

    def apply(self, text: str, edits: list[dict[str, Any]]) -> str:
        """``text`` with a workspace edit's text edits applied (ranges in UTF-16 units, as the server was told)."""
        lines = text.split("\n")

        def offset(position: dict[str, int]) -> int:
            before = sum(len(line) + 1 for line in lines[: position["line"]])
            line = lines[position["line"]] if position["line"] < len(lines) else ""
            return before + len(line.encode("utf-16-le")[: 2 * position["character"]].decode("utf-16-le"))

        for edit in sorted(edits, key=lambda edit: (edit["range"]["start"]["line"],
                                                    edit["range"]["start"]["character"]), reverse=True):
            start, end = offset(edit["range"]["start"]), offset(edit["range"]["end"])
            text = text[:start] + edit["newText"] + text[end:]
        return text

    def shutdown(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        return self.process.wait(TIMEOUT)

    def stderr_so_far(self) -> str:
        if self.process.poll() is None or self.process.stderr is None:
            return ""
        return self.process.stderr.read().decode()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(TIMEOUT)
