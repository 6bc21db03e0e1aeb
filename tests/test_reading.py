"""The guarded reader: regular files up to a limit, everything else refused with a reason, and never a block."""

from __future__ import annotations

import io
import os
import socket
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from agreed.reading import Unreadable, Why, read_file, read_stream

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
needs_dev_zero = pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero here")


def without_blocking(read: Callable[[], bytes | Unreadable]) -> bytes | Unreadable:
    """``read()`` in a daemon thread: a read that blocks fails the test instead of hanging the suite."""
    outcome: list[bytes | Unreadable] = []
    worker = threading.Thread(target=lambda: outcome.append(read()), daemon=True)
    worker.start()
    worker.join(timeout=30)
    assert outcome, "the read blocked"
    return outcome[0]


def test_a_regular_file_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"agreed: 1\n")
    assert read_file(path) == b"agreed: 1\n"


def test_the_limit_is_inclusive(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_bytes(b"x" * 10)
    assert read_file(path, limit=10) == b"x" * 10
    assert read_file(path, limit=9) == Unreadable(Why.TOO_LARGE, "file is larger than the 9-byte limit")


def test_a_huge_sparse_file_is_refused_by_size(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as stream:
        stream.truncate(48 * 1024 * 1024)  # sparse: no disk space, but 48 MB to read
    failure = read_file(path)
    assert isinstance(failure, Unreadable)
    assert failure.why is Why.TOO_LARGE


@pytest.mark.parametrize(("make", "why", "reason"), [
    pytest.param(lambda base: base / "missing.yaml", Why.MISSING, "no such file", id="missing"),
    pytest.param(lambda base: base / "no" / "dir.yaml", Why.MISSING, "no such file", id="missing-parent"),
    pytest.param(lambda base: base, Why.NOT_A_FILE, "is a directory, not a file", id="directory"),
])
def test_what_is_not_there_or_not_a_file(tmp_path: Path, make: Callable[[Path], Path], why: Why, reason: str) -> None:
    assert read_file(make(tmp_path)) == Unreadable(why, reason)


@needs_fifo
def test_a_named_pipe_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert without_blocking(lambda: read_file(fifo)) == Unreadable(Why.NOT_A_FILE,
                                                                  "is a named pipe, not a regular file")


@needs_dev_zero
def test_a_device_is_refused_not_read_until_memory_runs_out() -> None:
    assert without_blocking(lambda: read_file(Path("/dev/zero"))) == Unreadable(Why.NOT_A_FILE,
                                                                                "is a device, not a regular file")


@pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="no Unix sockets here")
def test_a_socket_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    if len(os.fsencode(path)) >= 100:
        pytest.skip("the temporary folder's path is too long for a Unix socket")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        assert read_file(path) == Unreadable(Why.NOT_A_FILE, "is a socket, not a regular file")


def test_a_loop_of_symbolic_links_is_named(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    failure = read_file(tmp_path / "a.yaml")
    assert failure == Unreadable(Why.FAILED, "a loop of symbolic links")
    assert isinstance(failure, Unreadable)
    assert failure.reason == "cannot be read: a loop of symbolic links"


def test_a_link_to_a_regular_file_is_followed(tmp_path: Path) -> None:
    (tmp_path / "real.yaml").write_bytes(b"a: 1\n")
    (tmp_path / "link.yaml").symlink_to("real.yaml")
    assert read_file(tmp_path / "link.yaml") == b"a: 1\n"


class EndlessZeros(io.RawIOBase):
    """A stream that never ends, like ``< /dev/zero``; counts what was asked of it."""

    def __init__(self) -> None:
        self.asked = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        self.asked += len(buffer)
        buffer[:] = bytes(len(buffer))
        return len(buffer)


def test_standard_input_is_read_up_to_the_limit_only() -> None:
    endless = EndlessZeros()
    assert read_stream(io.BufferedReader(endless), limit=1000) == Unreadable(
        Why.TOO_LARGE, "file is larger than the 1,000-byte limit")
    assert endless.asked < 1_000_000
    assert read_stream(io.BytesIO(b"x" * 1000), limit=1000) == b"x" * 1000
