"""``agreed lsp``: its options, and the server over TCP (the stdio server is driven in ``tests/lsp/``)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from pathlib import Path

from click.testing import CliRunner

from agreed.cli import main


def test_help_names_the_transports() -> None:
    result = CliRunner().invoke(main, ["lsp", "--help"])
    assert result.exit_code == 0
    assert "--tcp" in result.output
    assert "--debounce" in result.output


def test_a_port_out_of_range_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["lsp", "--tcp", "70000"])
    assert result.exit_code == 2
    assert "70000" in result.output


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _connect(port: int, server: subprocess.Popen[bytes]) -> socket.socket:
    deadline = time.monotonic() + 30
    while True:
        try:
            return socket.create_connection(("127.0.0.1", port), timeout=30)
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise
            time.sleep(0.1)


def test_the_server_answers_over_tcp(tmp_path: Path) -> None:
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "agreed", "lsp", "--tcp", str(port)], cwd=tmp_path,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        with _connect(port, server) as connection:
            body = json.dumps({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                               "params": {"processId": None, "rootUri": None, "capabilities": {}}}).encode()
            connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            received = b""
            while b"\r\n\r\n" not in received:
                received += connection.recv(4096)
            head, _, rest = received.partition(b"\r\n\r\n")
            headers = dict(line.split(b":", 1) for line in head.split(b"\r\n"))
            length = int(headers[b"Content-Length"])
            while len(rest) < length:
                rest += connection.recv(4096)
            answer = json.loads(rest[:length])
        assert answer["id"] == 1
        assert answer["result"]["serverInfo"]["name"] == "agreed"
        assert answer["result"]["capabilities"]["hoverProvider"]
    finally:
        server.kill()
        server.wait(30)
