"""Parsers of what git prints with ``-z --raw``: changed files (``git diff``, ``git diff-tree``) and path-limited logs
(``git log -z --raw --format=LOG_FORMAT``). Paths may hold any byte but NUL; they are kept as
:func:`~agreed.git.repository.decode_path` decodes them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from agreed.git.repository import decode_path, decode_text

NULL_SHA = "0" * 40
# One commit header in `git log -z` output: these fields, NUL-separated.
LOG_FORMAT = "%H%x00%P%x00%cI%x00%an%x00%ae%x00%s"
_HEADER_FIELDS = 6


@dataclass(frozen=True, slots=True)
class RawChange:
    """One file's change as ``--raw`` tells it: the status letter, the blobs and the paths on either side."""

    status: str  # A, M, D, R, T, ... (the letter only)
    old_blob: str | None
    new_blob: str | None
    old_path: str
    new_path: str


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One commit of a path-limited log: its header and what it did to the path."""

    commit: str
    parents: tuple[str, ...]
    date: datetime.datetime
    author: str
    email: str
    subject: str
    changes: tuple[RawChange, ...]


def parse_changes(output: bytes) -> list[RawChange]:
    """Every entry of ``--raw -z`` output (``git diff``, ``git diff-tree``), in git's order."""
    tokens = output.split(b"\0")
    changes: list[RawChange] = []
    index = 0
    while index < len(tokens):
        if tokens[index].lstrip(b"\n").startswith(b":"):
            change, index = _parse_raw(tokens, index)
            changes.append(change)
        else:
            index += 1
    return changes


def parse_log(output: bytes) -> list[LogEntry]:
    """Parse ``git log -z --raw --format=<LOG_FORMAT>`` output, newest first."""
    tokens = output.split(b"\0")
    entries: list[LogEntry] = []
    index = 0
    while index < len(tokens):
        if not tokens[index].strip():
            index += 1
            continue
        header = [decode_text(token) for token in tokens[index : index + _HEADER_FIELDS]]
        index += _HEADER_FIELDS
        changes: list[RawChange] = []
        while index < len(tokens) and tokens[index].lstrip(b"\n").startswith(b":"):
            change, index = _parse_raw(tokens, index)
            changes.append(change)
        entries.append(_entry(header, changes))
    return entries


def _blob_or_none(sha: str) -> str | None:
    return None if sha == NULL_SHA else sha


def _parse_raw(tokens: list[bytes], index: int) -> tuple[RawChange, int]:
    """One ``--raw -z`` entry starting at ``tokens[index]`` (``:mode mode sha sha STATUS``, then one or two paths)."""
    meta = decode_text(tokens[index]).lstrip("\n").split(" ")
    status = meta[4][:1]
    old_path = decode_path(tokens[index + 1])
    if status in ("R", "C"):
        return RawChange(status, _blob_or_none(meta[2]), _blob_or_none(meta[3]), old_path,
                         decode_path(tokens[index + 2])), index + 3
    return RawChange(status, _blob_or_none(meta[2]), _blob_or_none(meta[3]), old_path, old_path), index + 2


def _entry(header: list[str], changes: list[RawChange]) -> LogEntry:
    header += [""] * (_HEADER_FIELDS - len(header))
    sha, parents, date, author, email, subject = header
    return LogEntry(sha.strip(), tuple(parents.split()), datetime.datetime.fromisoformat(date), author, email,
                    subject, tuple(changes))
