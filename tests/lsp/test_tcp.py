"""``agreed lsp --tcp``: the real server listening on a port, a client that goes away (its connection reset or
closed) forgotten quietly, with no traceback, and the next client served; a client's exit ends the server."""

from __future__ import annotations

import json
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

TIMEOUT = 30.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "agreed", "lsp", "--tcp", str(port)], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    yield server, port
    if server.poll() is None:
        server.kill()
        server.wait(TIMEOUT)


def _connect(port: int) -> socket.socket:
    deadline = time.monotonic() + TIMEOUT
    while True:
        try:
            connection = socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.05)
        else:
            return connection


def _send(connection: socket.socket, message: dict[str, Any]) -> None:
    body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
    connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)


def _answer(connection: socket.socket) -> dict[str, Any]:
    stream = connection.makefile("rb")
    length = 0
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value)
    return dict(json.loads(stream.read(length)))


def _initialized(port: int) -> socket.socket:
    connection = _connect(port)
    _send(connection, {"id": 1, "method": "initialize", "params": {"processId": None, "rootUri": None,
                                                                    "capabilities": {}}})
    assert "capabilities" in _answer(connection)["result"]
    return connection


def _reset(connection: socket.socket) -> None:
    connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    connection.close()


@pytest.mark.parametrize("goes_away", [_reset, socket.socket.close], ids=["reset", "closed"])
def test_a_client_that_goes_away_is_forgotten_quietly_and_the_next_is_served(
        served: tuple[subprocess.Popen[bytes], int], goes_away: Any) -> None:
    server, port = served
    first = _initialized(port)
    _send(first, {"method": "initialized", "params": {}})
    goes_away(first)
    second = _initialized(port)
    _send(second, {"id": 2, "method": "shutdown", "params": None})
    assert _answer(second)["id"] == 2
    _send(second, {"method": "exit", "params": None})
    assert server.wait(TIMEOUT) == 0
    second.close()
    assert server.stderr is not None
    stderr = server.stderr.read().decode()
    assert "Traceback" not in stderr, stderr
    assert "ConnectionResetError" not in stderr, stderr
