"""Write a file so that readers see either the old content or the new, never a half-written file, and so that a run
killed mid-write leaves nothing behind. Every file agreed writes goes through :func:`write_atomically`.

Where the system offers files without a name (Linux ``O_TMPFILE``), the content is written into one and the file is
given its name only once it is complete: a kill before then leaves nothing visible. Elsewhere (and to replace an
existing file, which needs a rename) a hidden temporary ``.<name>.agreed-<pid>-<random>.tmp`` lies in the same
folder for a moment; every write first removes the temporaries in its folder whose writing process no longer runs,
so debris from a killed run is gone after the next write there.

No file is ever written inside a git directory (``.git`` of a work tree, a submodule's, or a bare repository),
whatever the path says once ``..`` and symbolic links are resolved: hooks and configuration there run code.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from agreed.errors import AgreedError

TEMPORARY_MARK = "agreed"
_TEMPORARY = re.compile(rf"\..*\.{TEMPORARY_MARK}-(?P<pid>[0-9]+)-[0-9a-z]+\.tmp", re.DOTALL)
_NAME_IN_TEMPORARY = 80  # characters of the target's name kept in a temporary's name (names are at most 255 bytes)
_PROC_FD = Path("/proc/self/fd")
_NO_UNNAMED_FILES = frozenset({errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL, errno.ENOENT, errno.EACCES})


class RefusedTarget(AgreedError, OSError):
    """The path leads where agreed never writes (a git directory, outside the allowed folder, a socket)."""


def write_atomically(path: Path, text: str, *, overwrite: bool, inside: Path | None = None,
                     create_folders: bool = True, streams: Sequence[TextIO] = ()) -> None:
    """Write ``text`` to ``path``: a new file, or (``overwrite``) a replacement of the old one.

    A symbolic link at ``path`` is followed when replacing (the file it leads to is written, the link kept); a new
    file (``overwrite`` false) never replaces anything, not even a link: FileExistsError. A path that opens to a
    pipe or terminal device (``/dev/stdout``, ``/proc/self/fd/1``, also when that is an anonymous pipe whose link
    names no file) is written in place, since renaming over it would replace the device; other special files are
    refused. ``inside``: a folder the written file must lie in once links are resolved.
    ``create_folders``: create missing parent folders (else FileNotFoundError). ``streams``: the caller's open
    output streams (its standard output and error); a path that is the very file one of them writes into
    (``-o /dev/stdout > file``) is written through that stream, after what it already holds: renaming a new file
    over it would leave the stream writing into a file that no longer has a name, and what the caller writes
    afterwards would be lost. Raises :class:`RefusedTarget` for a target inside a git directory or outside
    ``inside``, and OSError when writing fails.
    """
    destination = _destination(path, overwrite)
    _check_allowed(path, destination, inside)
    own_stream = _stream_writing_into(path, streams) if overwrite else None
    if own_stream is not None:
        own_stream.write(text)
        own_stream.flush()
        return
    if overwrite and _is_stream(path):
        # Opened by the name given: a magic link to an anonymous pipe (/proc/self/fd/1) resolves to no path.
        with path.open("w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        return
    folder = destination.parent
    if not folder.is_dir():
        if not create_folders:
            raise FileNotFoundError(errno.ENOENT, f"the folder {folder} does not exist")
        folder.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(folder)
    data = text.encode("utf-8")
    mode = _mode_for(destination)
    if not _write_unnamed(destination, data, mode, overwrite):
        _write_named(destination, data, mode, overwrite)
    _sync_folder(folder)


def inside_git_directory(path: Path) -> bool:
    """Whether ``path`` (resolved) lies in a git directory: under a ``.git`` folder, or in a folder holding ``HEAD``,
    ``objects/`` and ``refs/`` (a bare repository, a ``.git`` elsewhere)."""
    if any(part.casefold() == ".git" for part in path.parts):
        return True
    return any(_is_git_directory(folder) for folder in path.parents)


def remove_stale_temporaries(folder: Path) -> list[Path]:
    """Remove the temporaries that a killed write left in ``folder`` (those whose process no longer runs); returns
    what was removed. A temporary of a write still running is left alone."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _TEMPORARY.fullmatch(entry.name)
        if match is None or _running(int(match["pid"])) or not entry.is_file(follow_symlinks=False):
            continue
        with contextlib.suppress(FileNotFoundError):  # another run removed it first
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed


def temporary_name(name: str, pid: int | None = None) -> str:
    """The name of a temporary of the file ``name``: hidden, marked, with the writing process's id."""
    import secrets  # only where the system cannot make a temporary without a name

    return f".{name[:_NAME_IN_TEMPORARY]}.{TEMPORARY_MARK}-{os.getpid() if pid is None else pid}-" \
           f"{secrets.token_hex(4)}.tmp"


# -- where -----------------------------------------------------------------------------------------------------------


def _destination(path: Path, overwrite: bool) -> Path:
    """The absolute place the file will have: ``..`` and links of the folders resolved; a link at ``path`` itself
    followed when replacing (a new file refuses it: FileExistsError)."""
    try:
        if path.is_symlink():
            if not overwrite:
                raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(path))
            return path.resolve()
        return path.absolute().parent.resolve() / path.name
    except RuntimeError:  # a loop of symbolic links
        raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), str(path)) from None


def _check_allowed(path: Path, destination: Path, inside: Path | None) -> None:
    if inside_git_directory(destination):
        shown = "" if destination == path else f" (it leads to {destination})"
        raise RefusedTarget(f"{path}{shown} is inside a git directory, where agreed never writes (hooks and "
                            "configuration there run code)")
    if inside is not None:
        try:
            destination.relative_to(inside.resolve())
        except (ValueError, RuntimeError):
            raise RefusedTarget(f"{path} leads to {destination}, outside {inside}") from None
    try:
        mode = os.stat(path).st_mode  # what the path opens to, /proc/self/fd magic links followed
    except OSError:
        return  # not there yet (or unreadable: writing it will say why)
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)):
        raise RefusedTarget(f"{path} is not a regular file, a pipe or a terminal device")


def _is_git_directory(folder: Path) -> bool:
    return (folder / "HEAD").is_file() and (folder / "objects").is_dir() and (folder / "refs").is_dir()


def _is_stream(path: Path) -> bool:
    """Whether ``path`` opens to a pipe or a character device (links followed as the system follows them)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode)


def _stream_writing_into(path: Path, streams: Sequence[TextIO]) -> TextIO | None:
    """The stream of ``streams`` whose descriptor is open on the regular file ``path`` opens to, if any (a stream
    without a descriptor, such as one held in memory, is none)."""
    try:
        target = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(target.st_mode):
        return None
    for stream in streams:
        try:
            opened = os.fstat(stream.fileno())
        except (OSError, ValueError):  # io.UnsupportedOperation is both
            continue
        if (opened.st_dev, opened.st_ino) == (target.st_dev, target.st_ino):
            return stream
    return None


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # this process's own write (another thread)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return pid > 0  # a process of another user: it runs
    return True


# -- how -------------------------------------------------------------------------------------------------------------


def _write_unnamed(destination: Path, data: bytes, mode: int, overwrite: bool) -> bool:
    """Write through a file without a name, linked into place when complete; False when the system has none."""
    flag = getattr(os, "O_TMPFILE", None)
    if flag is None or not _PROC_FD.is_dir():
        return False
    try:
        descriptor = os.open(destination.parent, flag | os.O_WRONLY, mode)
    except OSError as error:
        if error.errno in _NO_UNNAMED_FILES:
            return False
        raise
    # A new file takes its name directly (FileExistsError instead of replacing); a replacement needs a rename, so
    # the file is named as a temporary first, for the moment between link and rename.
    named = destination if not overwrite else destination.parent / temporary_name(destination.name)
    try:
        _fill(descriptor, data, mode)
        _link_unnamed(descriptor, named)
    except OSError as error:
        if isinstance(error, FileExistsError):
            raise
        return False  # the system would not name it (no /proc, a restricted one): write a named temporary instead
    finally:
        os.close(descriptor)
    if overwrite:
        _rename(named, destination)
    return True


def _link_unnamed(descriptor: int, name: Path) -> None:
    """Give the unnamed file open at ``descriptor`` the name ``name`` (FileExistsError when it is taken).

    linkat must follow the /proc link to the file; os.link only asks it to when given a folder descriptor (else it
    calls link(), which would link the /proc entry itself and fail).
    """
    folder = os.open(_PROC_FD, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.link(str(descriptor), name, src_dir_fd=folder, follow_symlinks=True)
    finally:
        os.close(folder)


def _write_named(destination: Path, data: bytes, mode: int, overwrite: bool) -> None:
    """Write through a hidden temporary file beside ``destination``, renamed (or linked) into place."""
    temporary = destination.parent / temporary_name(destination.name)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        try:
            _fill(descriptor, data, mode)
        finally:
            os.close(descriptor)
        if not overwrite:
            os.link(temporary, destination)  # fails with FileExistsError instead of replacing
            os.unlink(temporary)
            return
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    _rename(temporary, destination)


def _fill(descriptor: int, data: bytes, mode: int) -> None:
    os.fchmod(descriptor, mode)  # the file should look like any other, whatever the temporary was created with
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]
    os.fsync(descriptor)


def _rename(temporary: Path, destination: Path) -> None:
    try:
        os.replace(temporary, destination)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the new name durable (a crash after the write keeps the file); not every system can."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _mode_for(path: Path) -> int:
    """The existing file's permissions, or what a new file gets under the process umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
