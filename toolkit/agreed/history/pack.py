"""The cache of one history in a few files: what a cold history stores costs a few writes, not two per version.

A history reads and stores the parsed data of every version and what comparing each pair of versions gave. Kept as
one small file per entry (as :mod:`agreed.history.versions` does for loaders that serve no one history), a cold
history of 1,000 versions created some 2,000 files and a warm one opened 1,000 of them; on the file systems of
small machines that cost more than the parsing it saved. Here one history keeps, as authenticated JSON entries of
:class:`agreed.cache.JsonFiles`:

- an index named by the history: every comparison (they are small) and, for each version, the chunk holding its
  parsed data;
- chunks of the versions' parsed data, up to :data:`CHUNK` versions each, in the order they were stored, so that a
  warm history, which needs the data of a few versions only, reads a few chunks.

When a run made anything new (a first run, a new commit), the index is written again with what the run used of the
old one and the new; the new versions go to a new chunk, with those of old chunks that are less than half used (so
that many runs of one new commit each do not leave many small chunks); a chunk no version uses any more is removed.
An index or chunk of another version of agreed, or of an unexpected shape, is a miss.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from typing import Any

from agreed.cache import JsonFiles, code_stamp

CHUNK = 20  # versions per chunk: a warm history reads the chunk of its latest version, about 20 x 15 KB of JSON;
# 50 cost a warm history of 1,000 versions 5 MiB more and no less CPU, cold or warm


class HistoryPack:
    """One history's stored versions and comparisons, read from its files and written back by :meth:`save`."""

    def __init__(self, files: JsonFiles, folder: str, history: str) -> None:
        name = hashlib.sha256(history.encode("utf-8", "surrogatepass")).hexdigest()
        self._files = files
        self._name = name
        self._folder = os.path.join(folder, name[:2])
        self._index_entry = os.path.join(self._folder, f"{name}.json")
        index = _checked_index(files.read(self._index_entry))
        self._chunk_of: dict[str, str] = {} if index is None else index["blobs"]
        self._pairs: dict[str, Any] = {} if index is None else index["pairs"]
        self._chunks: dict[str, dict[str, Any]] = {}  # chunks read so far, by name
        self._new_blobs: dict[str, Any] = {}
        self._new_pairs: dict[str, Any] = {}
        self._used_blobs: set[str] = set()
        self._used_pairs: set[str] = set()

    def has(self, blob_id: str) -> bool:
        """Whether the pack holds the parsed data of ``blob_id`` (counted as needed by this run)."""
        self._used_blobs.add(blob_id)
        return blob_id in self._chunk_of or blob_id in self._new_blobs

    def blob(self, blob_id: str) -> Any:
        """The stored value for ``blob_id`` (plain JSON data, as given to :meth:`put_blob`); None when absent."""
        self._used_blobs.add(blob_id)
        if blob_id in self._new_blobs:
            return self._new_blobs[blob_id]
        chunk = self._chunk_of.get(blob_id)
        return None if chunk is None else self._chunk(chunk).get(blob_id)

    def put_blob(self, blob_id: str, value: Any) -> None:
        self._used_blobs.add(blob_id)
        self._new_blobs[blob_id] = value

    def pair(self, key: str) -> Any:
        """The stored value for the pair ``key``; None when absent."""
        self._used_pairs.add(key)
        found = self._new_pairs.get(key)
        return found if found is not None else self._pairs.get(key)

    def put_pair(self, key: str, value: Any) -> None:
        self._used_pairs.add(key)
        self._new_pairs[key] = value

    def save(self) -> None:
        """Write the pack again when this run made anything new: what it used of the old one, and the new."""
        if not self._new_blobs and not self._new_pairs:
            return
        kept = {blob_id: chunk for blob_id, chunk in self._chunk_of.items() if blob_id in self._used_blobs}
        use: dict[str, int] = {}
        for chunk in kept.values():
            use[chunk] = use.get(chunk, 0) + 1
        fresh = dict(self._new_blobs)
        for blob_id, chunk in list(kept.items()):
            if use[chunk] < CHUNK // 2 and blob_id not in fresh:  # a chunk mostly unused: its versions move
                value = self._chunk(chunk).get(blob_id)
                if value is not None:
                    fresh[blob_id] = value
                    del kept[blob_id]
        items = list(fresh.items())
        for start in range(0, len(items), CHUNK):
            part = dict(items[start : start + CHUNK])
            kept.update(dict.fromkeys(part, self._write_chunk(part)))
        pairs = {key: value for key, value in {**self._pairs, **self._new_pairs}.items() if key in self._used_pairs}
        self._files.write(self._index_entry, {"agreed": code_stamp(), "blobs": kept, "pairs": pairs})
        for chunk in set(self._chunk_of.values()) - set(kept.values()):
            self._remove(chunk)

    def _chunk(self, chunk: str) -> dict[str, Any]:
        found = self._chunks.get(chunk)
        if found is None:
            stored = self._files.read(self._chunk_entry(chunk))
            usable = isinstance(stored, dict) and stored.get("agreed") == code_stamp()
            found = stored["blobs"] if usable and isinstance(stored.get("blobs"), dict) else {}
            self._chunks[chunk] = found
        return found

    def _write_chunk(self, blobs: dict[str, Any]) -> str:
        chunk = hashlib.sha256("\n".join(sorted(blobs)).encode("ascii", errors="replace")).hexdigest()[:16]
        self._files.write(self._chunk_entry(chunk), {"agreed": code_stamp(), "blobs": blobs})
        self._chunks[chunk] = blobs
        return chunk

    def _chunk_entry(self, chunk: str) -> str:
        return os.path.join(self._folder, f"{self._name}.{chunk}.json")

    def _remove(self, chunk: str) -> None:
        with contextlib.suppress(OSError):
            os.unlink(self._chunk_entry(chunk))  # unlink removes a link itself, never what it points to


def _checked_index(stored: Any) -> dict[str, Any] | None:
    """A stored index of this code's making, of the expected shape; None for anything else."""
    if not isinstance(stored, dict) or stored.get("agreed") != code_stamp():
        return None
    blobs, pairs = stored.get("blobs"), stored.get("pairs")
    if not isinstance(blobs, dict) or not isinstance(pairs, dict):
        return None
    if not all(isinstance(chunk, str) and len(chunk) == 16 and chunk.isalnum() for chunk in blobs.values()):
        return None
    return {"blobs": blobs, "pairs": pairs}
