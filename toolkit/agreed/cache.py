"""A content-keyed cache outside the repository's control: authenticated JSON entries in the user's cache folder.

The cache does not trust what it reads: a repository can carry files of any name, links included, so

* it lives in the user's cache folder (``cli/`` says where: ``$AGREED_CACHE_DIR``, else the platform's cache folder),
  one folder per repository (:func:`repository_folder`), not in the work tree;
* every entry is authenticated: it starts with an HMAC-SHA256, under a per-user secret key kept in the user's cache
  folder (mode 0600), of the entry's place and content. A hand-made or copied entry, even in a folder
  ``--cache-dir`` points into the repository, is a miss;
* no link is followed: a cache folder that is a symbolic link is refused (:class:`CacheUnusable`), entries and
  temporaries are opened with ``O_NOFOLLOW``, and the folders below the cache folder are checked to be real folders;
* nothing is written inside a git directory: a cache folder or user's cache folder there (``--cache-dir .git``,
  however the path reaches it) is refused like a link, by the check every write of agreed makes
  (:func:`agreed.atomic.inside_git_directory`);
* a ``CACHEDIR.TAG`` and a ``.gitignore`` holding ``*`` are written only into a folder the cache itself created.

An entry is found by a key (:func:`content_entry`: the SHA-256 of what the caller says the value depends on and of the
content it was made from): change any of them and the entry is simply not found. Each entry is written to a
temporary file and renamed into place, so parallel writers (forked workers) never see or leave a half-written entry;
an entry that several processes add to (:meth:`JsonFiles.update`) is read again and written under a lock. What is
stored is the caller's: lint's results (:mod:`agreed.lint.cache_codec`), parsed versions of history
(:mod:`agreed.history.versions`).

The cache never makes a command fail: an entry that is missing, corrupt, truncated, forged or unreadable is a miss,
and a cache folder that cannot be written silently stops storing.

This module imports nothing heavy (no YAML parser, no schema validator, no rules): a fully cached run never loads
them.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import hmac
import json
import os
import re
import stat
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

from agreed.atomic import inside_git_directory
from agreed.errors import AgreedError
from agreed.record import Record
from agreed.version import __version__

REPOSITORIES = "repos"  # below the user's cache folder: one folder per repository
KEY_FILE = "secret.key"  # in the user's cache folder: the key that authenticates entries
KEY_BYTES = 32
MAX_ENTRY_BYTES = 64 * 1024 * 1024  # a larger entry is a miss (never read into memory)

# https://bford.info/cachedir/: backup and archiving tools skip a folder holding this file.
CACHEDIR_TAG = (
    "Signature: 8a477f597d28d172789f06886806bc55\n"
    "# This file is a cache directory tag created by agreed.\n"
    "# For information about cache directory tags, see:\n"
    "#\thttps://bford.info/cachedir/\n"
)
GITIGNORE = "# Created by agreed: everything in this folder is a cache.\n*\n"

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)  # not on Windows, where links need privileges to create
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS = os.O_RDONLY | _NOFOLLOW | _CLOEXEC | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
_CREATE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | getattr(os, "O_BINARY", 0)
_MAC_HEX = 64  # an entry is the hex HMAC-SHA256, a newline, then the JSON value


class CacheUnusable(AgreedError):
    """The cache folder, or the secret key, cannot be used safely; the message says which and why."""


class CacheFolder(Record):
    """A real folder (not a link) to keep cache entries in, and the user's secret key that authenticates them."""

    path: Path
    key: bytes

    def __repr__(self) -> str:
        return f"CacheFolder(path={self.path!r})"  # never the key


def content_key(key: Sequence[str], content: bytes) -> str:
    """The hex SHA-256 of the key's parts (each length-prefixed, so that no two keys run together alike) and of the
    content."""
    digest = hashlib.sha256()
    for part in key:
        encoded = part.encode("utf-8", "surrogatepass")
        digest.update(b"%d:" % len(encoded))
        digest.update(encoded)
    digest.update(content)
    return digest.hexdigest()


def content_entry(folder: str, key: Sequence[str], content: bytes) -> str:
    """Where below ``folder`` the entry for ``content`` under ``key`` lives: named by :func:`content_key`, in a
    folder named by its first two hex digits."""
    name = content_key(key, content)
    return f"{folder}{os.sep}{name[:2]}{os.sep}{name}.json"


def repository_folder(home: Path, repository: Path) -> Path:
    """The folder under the user's cache folder ``home`` for work in ``repository`` (its root, or the folder worked
    in outside any repository): named after the repository's folder, told apart by a hash of its absolute path."""
    location = os.path.abspath(repository)
    digest = hashlib.sha256(location.encode("utf-8", "surrogatepass")).hexdigest()[:16]
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", os.path.basename(location)).strip("._")[:40] or "root"
    return home / REPOSITORIES / f"{name}-{digest}"


def open_cache(directory: Path, home: Path) -> CacheFolder:
    """``directory``, created when missing, with the secret key kept in the user's cache folder ``home`` (created
    when missing, with a new key). Raises :class:`CacheUnusable`, before anything is created, when either is inside
    a git directory; and when either is a link or not a folder, or the key file is not a private regular file of
    this user."""
    home, directory = Path(os.path.abspath(home)), Path(os.path.abspath(directory))
    for folder in (home, directory):
        _outside_git(folder)
    key = _secret_key(home)
    _own_folder(directory)
    return CacheFolder(directory, key)


def _outside_git(path: Path) -> None:
    """Refuse a cache folder that lies, once ``..`` and links are resolved, inside a git directory: hooks and
    configuration there run code, so agreed writes nothing there."""
    try:
        resolved = path.resolve()
    except (OSError, RuntimeError) as error:  # RuntimeError: a loop of links
        raise CacheUnusable(f"the cache folder {path} cannot be used: {error}") from None
    if inside_git_directory(resolved):
        shown = "" if resolved == path else f" (it leads to {resolved})"
        raise CacheUnusable(f"the cache folder {path}{shown} is inside a git directory, where agreed never writes")


def _own_folder(path: Path) -> None:
    """Make sure ``path`` is a real folder: refuse a link or a file there; when it is missing, create it (and any
    missing parent) and tag it, since then agreed alone puts things in it. A folder that was already there is
    never tagged: a ``.gitignore`` holding ``*`` in someone's folder would hide their files from git."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        _create_tagged(path)
        return
    except OSError as error:
        raise CacheUnusable(f"the cache folder {path} cannot be used: {error.strerror or error}") from None
    if stat.S_ISLNK(mode):
        raise CacheUnusable(f"the cache folder {path} is a symbolic link; agreed follows no link in its cache")
    if not stat.S_ISDIR(mode):
        raise CacheUnusable(f"the cache folder {path} is not a folder")


def _create_tagged(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(path, 0o700)
    except FileExistsError:  # another process created it first (and tags it), or something else is in the way
        if not os.path.lexists(path):
            raise CacheUnusable(f"cannot create the cache folder {path}: a parent is not a folder") from None
        _own_folder(path)
        return
    except OSError as error:
        raise CacheUnusable(f"cannot create the cache folder {path}: {error.strerror or error}") from None
    for name, text in (("CACHEDIR.TAG", CACHEDIR_TAG), (".gitignore", GITIGNORE)):
        with contextlib.suppress(OSError):
            _write_new(os.path.join(path, name), text.encode("ascii"), 0o644)


def _write_new(path: str, data: bytes, mode: int) -> None:
    """Write a file that must not exist yet (never through a link)."""
    descriptor = os.open(path, _CREATE_FLAGS, mode)
    with os.fdopen(descriptor, "wb") as stream:
        stream.write(data)


def _secret_key(home: Path) -> bytes:
    """The user's secret key from ``home``: created (32 random bytes, mode 0600) when missing."""
    _own_folder(home)
    path = os.path.join(home, KEY_FILE)
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    temporary = os.path.join(home, f".{KEY_FILE}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
    try:
        _write_new(temporary, os.urandom(KEY_BYTES), 0o600)  # the OS source secrets uses too
        with contextlib.suppress(FileExistsError):  # another process made one first: use theirs
            os.link(temporary, path)
    except OSError as error:
        raise CacheUnusable(f"cannot create the cache key {path}: {error.strerror or error}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
    try:
        return _read_key(path)
    except FileNotFoundError:
        raise CacheUnusable(f"the cache key {path} vanished while it was created") from None


def _read_key(path: str) -> bytes:
    try:
        descriptor = os.open(path, _READ_FLAGS)
    except FileNotFoundError:
        raise
    except OSError as error:  # ELOOP: a link
        raise CacheUnusable(f"the cache key {path} cannot be read: {error.strerror or error}") from None
    with os.fdopen(descriptor, "rb") as stream:
        status = os.fstat(stream.fileno())
        key = stream.read(KEY_BYTES + 1)
    if not stat.S_ISREG(status.st_mode) or len(key) != KEY_BYTES:
        raise CacheUnusable(f"the cache key {path} is damaged; delete it and agreed makes a new one")
    if hasattr(os, "geteuid") and (status.st_uid != os.geteuid() or status.st_mode & 0o077):
        raise CacheUnusable(f"the cache key {path} must belong to you and be private (mode 0600)")
    return key


class JsonFiles:
    """Authenticated JSON entries in a cache folder: any entry that cannot be read, or whose HMAC (of its place in
    the folder and its content, under the folder's key) does not match, is a miss; each entry is written to a
    temporary file and renamed into place, so parallel writers (forked workers) never see half an entry; no link is
    followed; once a write fails (the folder is not writable), storing stops quietly."""

    __slots__ = ("_disabled", "_key", "_prefix", "_ready", "root")

    def __init__(self, folder: CacheFolder) -> None:
        self.root = folder.path
        self._key = folder.key
        self._prefix = os.path.join(self.root, "")  # entries are paths below it, as strings: pathlib is slow
        self._ready: set[str] = {str(self.root)}  # folders known to be real folders (per process)
        self._disabled = False

    def read(self, entry: str) -> Any:
        """The JSON value at ``entry``; None when there is none, or it cannot be read, is not authentic or is not
        JSON."""
        folder = os.path.dirname(entry)
        if folder not in self._ready and not self._real_folder(folder):
            return None
        try:
            descriptor = os.open(entry, _READ_FLAGS)
        except OSError:  # missing, unreadable, or a link (ELOOP)
            return None
        try:
            status = os.fstat(descriptor)
            if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_ENTRY_BYTES:
                return None
            content = os.read(descriptor, status.st_size + 1)  # a file that changed meanwhile fails the HMAC
        except OSError:
            return None
        finally:
            os.close(descriptor)
        mac, payload = content[:_MAC_HEX], content[_MAC_HEX + 1:]
        if content[_MAC_HEX:_MAC_HEX + 1] != b"\n" or not hmac.compare_digest(mac, self._mac(entry, payload)):
            return None
        try:
            return json.loads(payload)
        except (ValueError, RecursionError):  # not JSON, or nested absurdly deep
            return None

    def write(self, entry: str, value: Any) -> None:
        if self._disabled:
            return
        folder, name = os.path.split(entry)
        temporary = os.path.join(folder, f".{name}.{os.getpid()}.tmp")  # one writer per process: no clash
        try:
            payload = json.dumps(value, separators=(",", ":")).encode("ascii")  # json escapes all non-ASCII
            self._prepare(folder)
            content = self.sealed(entry, payload)
            try:
                _write_new(temporary, content, 0o600)
            except FileExistsError:  # left by a killed run of a process with the same id
                os.unlink(temporary)
                _write_new(temporary, content, 0o600)
            os.replace(temporary, entry)  # replaces a link at ``entry`` itself, never what it points to
        except (OSError, ValueError, TypeError):  # ValueError, TypeError: data that JSON cannot hold
            self._disabled = True
            with contextlib.suppress(OSError):
                os.unlink(temporary)

    def update(self, entry: str, merge: Callable[[Any], Any]) -> None:
        """Replace the value at ``entry`` with ``merge`` of the value there now (None when there is none usable),
        holding a lock on the entry meanwhile (where the platform has ``fcntl``), so that processes updating it at
        the same time each see what the others wrote: none loses another's changes."""
        if self._disabled:
            return
        try:
            self._prepare(os.path.dirname(entry))
            lock = _lock(entry)
        except (OSError, ValueError):
            self._disabled = True
            return
        with lock:
            self.write(entry, merge(self.read(entry)))

    def sealed(self, entry: str, payload: bytes) -> bytes:
        """What the file ``entry`` holds for ``payload``: its HMAC (of place and payload), a newline, the payload."""
        return self._mac(entry, payload) + b"\n" + payload

    def _mac(self, entry: str, payload: bytes) -> bytes:
        if not entry.startswith(self._prefix):
            raise ValueError(f"{entry} is not in the cache folder {self.root}")
        place = entry[len(self._prefix):].encode("utf-8", "surrogatepass")
        return hmac.digest(self._key, place + b"\0" + payload, "sha256").hex().encode("ascii")

    def _real_folder(self, folder: str) -> bool:
        """Whether ``folder`` and each folder between it and the cache folder is a real folder (not a link): once per
        folder and process, so entries are never read through a link."""
        if folder in self._ready:
            return True
        if not folder.startswith(self._prefix):
            return False
        try:
            real = stat.S_ISDIR(os.lstat(folder).st_mode)
        except OSError:
            return False
        if not real or not self._real_folder(os.path.dirname(folder)):
            return False
        self._ready.add(folder)
        return True

    def _prepare(self, folder: str) -> None:
        """Create the entry folder and its parents below the cache folder, each checked to be a real folder."""
        if folder in self._ready:
            return
        if not folder.startswith(self._prefix):
            raise ValueError(f"{folder} is not in the cache folder {self.root}")
        self._prepare(os.path.dirname(folder))  # ends at the cache folder, which is ready from the start
        with contextlib.suppress(FileExistsError):
            os.mkdir(folder, 0o700)
        if not stat.S_ISDIR(os.lstat(folder).st_mode):  # a link or a file is not followed
            raise NotADirectoryError(f"{folder} is not a folder")
        self._ready.add(folder)


@contextlib.contextmanager
def _locked(descriptor: int) -> Iterator[None]:
    try:
        if sys.platform != "win32":  # without fcntl, writes stay atomic but a concurrent update may be lost
            import fcntl

            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _lock(entry: str) -> contextlib.AbstractContextManager[None]:
    """An exclusive lock on ``entry``, held through a hidden file beside it (opened without following a link)."""
    folder, name = os.path.split(entry)
    descriptor = os.open(os.path.join(folder, f".{name}.lock"), os.O_RDWR | os.O_CREAT | _NOFOLLOW | _CLOEXEC, 0o600)
    return _locked(descriptor)


@functools.cache
def code_stamp() -> str:
    """agreed's version and the size and modification time of every one of its modules: a cached result made by
    other code (another release, or an edited checkout) is never reused. A few dozen stat calls."""
    stamps: list[str] = []
    folders = [Path(__file__).resolve().parent]
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.is_dir() and entry.name != "__pycache__":
                    folders.append(Path(entry.path))
                elif entry.name.endswith((".py", ".json", ".yaml")):
                    status = entry.stat()
                    stamps.append(f"{entry.path}:{status.st_size}:{status.st_mtime_ns}")
    digest = hashlib.sha256("\n".join(sorted(stamps)).encode()).hexdigest()[:16]
    return f"{__version__}+{digest}"
