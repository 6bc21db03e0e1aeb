"""Reading what a user names, safely: a regular file or standard input, up to a size limit, never blocking.

Every command reads its input here. A path is opened without blocking and checked after opening, so a named pipe,
a device (``/dev/zero``), a socket or a folder is refused with a reason instead of hanging the run or filling the
memory; at most ``limit + 1`` bytes are read, so a huge file costs no more than a small one. A read that fails is
a value (:class:`Unreadable`), never an exception: the caller decides how to report it.
"""

from __future__ import annotations

import enum
import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from agreed.record import Record

INPUT_LIMIT = 2 * 1024 * 1024  # bytes; agreements, rosters, configurations and drafted statements are far smaller
_CHUNK = 1024 * 1024
_OPEN_FLAGS = (os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
               | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0))


class Why(enum.Enum):
    """Why a read failed: callers treat a missing file or an oversized one differently from the rest."""

    MISSING = "missing"
    NOT_A_FILE = "not a file"
    TOO_LARGE = "too large"
    FAILED = "failed"


class Unreadable(Record):
    """A read that failed: why, and what the system said (``no such file``, ``is a directory``, ``Permission
    denied``...)."""

    why: Why
    detail: str

    @property
    def reason(self) -> str:
        """What went wrong, to show after the path: ``no such file``, ``cannot be read: Permission denied``..."""
        return f"cannot be read: {self.detail}" if self.why is Why.FAILED else self.detail


def too_large(limit: int) -> Unreadable:
    return Unreadable(Why.TOO_LARGE, f"file is larger than the {limit:,}-byte limit")


def read_file(path: Path, limit: int = INPUT_LIMIT) -> bytes | Unreadable:
    """The bytes of the regular file at ``path`` (links followed), or why they cannot be read.

    Anything but a regular file is refused before it is opened, and again after (the path may have changed in
    between); the open does not wait for a writer of a named pipe. More than ``limit`` bytes is :data:`Why.TOO_LARGE`.
    """
    try:
        refusal = _refusal(os.stat(path).st_mode)
        if refusal is not None:
            return refusal
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        return _failure(error)
    try:
        refusal = _refusal(os.fstat(descriptor).st_mode)
        return refusal if refusal is not None else _bounded(_read_descriptor(descriptor, limit + 1), limit)
    except OSError as error:
        return _failure(error)
    finally:
        os.close(descriptor)


def read_stream(stream: BinaryIO, limit: int = INPUT_LIMIT) -> bytes | Unreadable:
    """At most ``limit`` bytes of an open stream such as standard input; more is :data:`Why.TOO_LARGE`."""
    try:
        return _bounded(stream.read(limit + 1), limit)
    except OSError as error:
        return _failure(error)


def _bounded(data: bytes, limit: int) -> bytes | Unreadable:
    return too_large(limit) if len(data) > limit else data


def _read_descriptor(descriptor: int, wanted: int) -> bytes:
    chunks: list[bytes] = []
    remaining = wanted
    while remaining > 0:
        chunk = os.read(descriptor, min(remaining, _CHUNK))
        if not chunk:
            break
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def not_a_regular_file(path: Path) -> Unreadable | None:
    """Why ``path`` (links followed) is refused as no regular file (a folder, a named pipe...), without opening it;
    None for a regular file and for a path that cannot be looked at (the read says why)."""
    try:
        return _refusal(os.stat(path).st_mode)
    except OSError:
        return None


def _refusal(mode: int) -> Unreadable | None:
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return Unreadable(Why.NOT_A_FILE, "is a directory, not a file")
    if stat.S_ISFIFO(mode):
        return Unreadable(Why.NOT_A_FILE, "is a named pipe, not a regular file")
    if stat.S_ISSOCK(mode):
        return Unreadable(Why.NOT_A_FILE, "is a socket, not a regular file")
    return Unreadable(Why.NOT_A_FILE, "is a device, not a regular file")


def _failure(error: OSError) -> Unreadable:
    if error.errno in (errno.ENOENT, errno.ENOTDIR):
        return Unreadable(Why.MISSING, "no such file")
    if error.errno == errno.ELOOP:
        return Unreadable(Why.FAILED, "a loop of symbolic links")
    if error.errno == errno.EISDIR:  # Windows refuses to open a folder before it can be looked at
        return Unreadable(Why.NOT_A_FILE, "is a directory, not a file")
    return Unreadable(Why.FAILED, error.strerror or str(error))


def read_optional_text(path: Path, limit: int = INPUT_LIMIT) -> str | Unreadable | None:
    """The UTF-8 text of a file the caller may create (CODEOWNERS, a configuration ``init`` updates): None when there
    is none yet, else the text or why it cannot be read (a file that is not UTF-8 included)."""
    raw = read_file(path, limit)
    if isinstance(raw, Unreadable):
        return None if raw.why is Why.MISSING else raw
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return Unreadable(Why.FAILED, str(error))
