"""The handle on a git repository: open it, run git in it, resolve revisions, read files, blobs and trees.

Git runs as a command; objects read one by one (a file at a revision, a blob) go through GitPython's kept
``cat-file`` processes. This is the only module that uses GitPython, and it imports it only when the first such
object is read, so opening a repository and running git costs no import (about a tenth of a second of CPU) and the
lint paths never load it. Every failure surfaces as :class:`GitError`, whose text is one line
meant for users. The job-specific operations (history, changes, additions, config) are functions of the sibling
modules that take a :class:`Repository`.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from agreed.errors import AgreedError

if TYPE_CHECKING:
    import git

# the pathspecs of agreement files: the suffix in any case, as agreed.sources.is_yaml_name takes it
AGREEMENT_PATTERNS = (":(icase)*.yaml", ":(icase)*.yml")


class GitError(AgreedError):
    """A git operation failed; ``str(error)`` is a one-line message for users."""


class CommandFailed(GitError):
    """A git command exited with a status other than 0 (``status``)."""

    def __init__(self, message: str, status: int | None) -> None:
        super().__init__(message)
        self.status = status


def decode_text(raw: bytes) -> str:
    """Text git printed (a subject, an email, a sha), decoded with replacement for what is not UTF-8."""
    return raw.decode("utf-8", errors="replace")


def decode_path(raw: bytes) -> str:
    """A path git printed, as the file system's names are decoded: a byte that is not UTF-8 is kept (as a lone
    surrogate), so the path still names the file, to git and in the work tree; reports write it with
    :func:`agreed.printable.printable`."""
    return raw.decode("utf-8", errors="surrogateescape")


def literal(path: str) -> str:
    """A pathspec that matches exactly ``path``, whatever characters it holds."""
    return f":(literal){path}"


def one_line_of(stderr: bytes, status: int) -> str:
    """:func:`one_line` of what a git command that exited with ``status`` wrote on its error stream."""
    lines = [line.strip() for line in decode_text(stderr).splitlines() if line.strip()]
    return _tidy(lines[0]) if lines else f"git exited with status {status}"


def _git(folder: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """``git ARGS`` run in ``folder``, its messages in English (they are read, and shown to users)."""
    environment = {**os.environ, "LANGUAGE": "C", "LC_ALL": "C"}
    try:
        return subprocess.run(["git", *args], cwd=folder, input=stdin, capture_output=True, env=environment,
                              check=False, stdin=None if stdin is not None else subprocess.DEVNULL)
    except FileNotFoundError:
        raise GitError("git is not available: the git command was not found") from None
    except OSError as error:
        raise GitError(f"git could not be started: {error}") from None


def _top(folder: Path) -> Path | None:
    """The top of the work tree that holds ``folder``; None when ``folder`` is in none (a git folder)."""
    tree = _git(folder, "rev-parse", "--show-toplevel")
    top = decode_path(tree.stdout.rstrip(b"\n")) if tree.returncode == 0 else ""
    return Path(top) if top else None


def one_line(error: BaseException) -> str:
    """The first meaningful line of what a failed git command (or GitPython) said, without git's prefixes."""
    stderr = getattr(error, "stderr", "")
    if isinstance(stderr, bytes):
        stderr = decode_text(stderr)
    lines = [line.strip() for line in str(stderr or error).splitlines() if line.strip()]
    return _tidy(lines[0] if lines else type(error).__name__)


def _tidy(message: str) -> str:
    """One line git (or GitPython, quoting it) wrote, without their prefixes and quotes."""
    for prefix in ("stderr: ", "fatal: ", "error: "):
        message = message.removeprefix(prefix)
    return message.strip("'\" ")


class Repository:
    """A git repository with a work tree, opened from any folder inside it."""

    def __init__(self, root: Path, *, shallow: bool | None = None) -> None:
        self.root = root.resolve()
        self._shallow = shallow  # whether the clone is shallow, once known
        self._objects: git.Repo | None = None  # GitPython's handle, opened when an object is first read
        self._commits: set[str] = set()  # full shas already verified to name commits (they never change)
        self._held: list[str | None] = []  # HEAD's commit, kept while holding_head is in force

    def __repr__(self) -> str:
        return f"Repository({str(self.root)!r})"

    def __enter__(self) -> Repository:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @classmethod
    def open(cls, start: Path) -> Repository:
        """The repository that holds ``start`` (a folder or a file, existing or not)."""
        folder = _existing_folder(Path(start))
        # One git process in the common case, a work tree: its top, and whether the clone is shallow (which most
        # commands ask next). In a bare repository or a git folder --show-toplevel fails, and the steps below decide.
        found = _git(folder, "rev-parse", "--is-bare-repository", "--is-shallow-repository", "--show-toplevel")
        in_bare, shallow, top_line = [*found.stdout.split(b"\n", 2), b"", b""][:3]
        top_path = decode_path(top_line.removesuffix(b"\n"))
        if found.returncode == 0 and in_bare == b"false" and top_path:
            return cls(Path(top_path), shallow=shallow == b"true")
        found = _git(folder, "rev-parse", "--is-bare-repository", "--absolute-git-dir")
        if found.returncode != 0:
            message = one_line_of(found.stderr, found.returncode)
            if "not a git repository" in message:
                raise GitError(f"{start} is not inside a git repository")
            raise GitError(message)
        bare, git_dir = (decode_path(line) for line in found.stdout.splitlines()[:2])
        top = None if bare == "true" else _top(folder) or _top(Path(git_dir).parent)  # from inside .git: its parent
        if top is None:
            raise GitError(f"{git_dir} is a bare repository (agreed needs a work tree)")
        return cls(top)

    def close(self) -> None:
        """Stop the git processes kept for reading objects."""
        if self._objects is not None:
            self._objects.close()

    def _object_store(self) -> git.Repo:
        """GitPython's handle on this repository, whose kept ``cat-file`` processes read objects; imported and
        opened only when an object is first read (most commands read none: they pay neither)."""
        if self._objects is None:
            try:
                import git
            except ImportError as error:  # GitPython refuses to import when no git executable is found
                raise GitError(f"git is not available: {one_line(error)}") from None
            try:
                self._objects = git.Repo(self.root)
            except git.GitError as error:
                raise GitError(one_line(error)) from None
        return self._objects

    def run(self, *args: str, stdin: bytes | None = None) -> bytes:
        """Run ``git ARGS`` in this repository (``stdin``: what it reads); its standard output as bytes.
        :class:`CommandFailed` when git exits with another status than 0."""
        finished = _git(self.root, *args, stdin=stdin)
        if finished.returncode != 0:
            raise CommandFailed(one_line_of(finished.stderr, finished.returncode), finished.returncode)
        return finished.stdout

    def head(self) -> str | None:
        """HEAD's commit; None on an unborn branch. Inside :meth:`holding_head`, the commit read first."""
        if self._held:
            return self._held[0]
        try:
            found = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", "HEAD^{commit}")
        except CommandFailed:
            return None  # an unborn branch: no history yet
        return decode_text(found).strip()

    @contextlib.contextmanager
    def holding_head(self) -> Iterator[None]:
        """Within, :meth:`head` is read once and kept: for work that must see one HEAD throughout (a consent check
        asks for it once per record)."""
        if self._held:
            yield
            return
        self._held.append(self.head())
        try:
            yield
        finally:
            self._held.clear()

    def is_shallow(self) -> bool:
        """True when this clone's history is cut off (a shallow clone)."""
        if self._shallow is None:
            self._shallow = self.run("rev-parse", "--is-shallow-repository").strip() == b"true"
        return self._shallow

    def relative(self, path: Path) -> str:
        """``path`` (absolute, or relative to the current folder) as a repo-relative posix path."""
        absolute = Path(os.path.abspath(path))
        shown = self._inside(absolute)
        shown = self._inside(_resolved(absolute)) if shown is None else shown  # links resolved only when needed
        if shown is None:
            raise GitError(f"{path} is outside the repository {self.root}")
        return shown

    def _inside(self, absolute: Path) -> str | None:
        try:
            return PurePosixPath(*absolute.relative_to(self.root).parts).as_posix()
        except ValueError:
            return None

    def resolve(self, rev: str) -> str:
        """The full sha of the commit ``rev`` names."""
        if rev in self._commits:
            return rev
        if not rev or rev.startswith("-") or "\0" in rev or "\n" in rev:
            raise GitError(f"unknown revision {rev!r}")
        try:
            output = self.run("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        except GitError:
            raise GitError(f"unknown revision {rev!r}") from None
        commit = decode_text(output).strip()
        self._commits.add(commit)
        return commit

    def read(self, rev: str, path: str) -> bytes | None:
        """The bytes of ``path`` at ``rev``; None when no file is at that path there."""
        commit = self.resolve(rev)
        if not _encodes(path):
            return self._read_by_listing(commit, path)
        try:
            _, kind, _, data = self._object_store().git.get_object_data(f"{commit}:{path}")
        except ValueError:  # cat-file --batch answers "missing"
            return None
        kind_name: object = kind  # GitPython annotates it as str but hands over bytes
        return data if kind_name in (b"blob", "blob") else None

    def _read_by_listing(self, commit: str, path: str) -> bytes | None:
        """:meth:`read` for a path that is not UTF-8, which git's batch reader cannot be asked for: its tree entry
        (``ls-tree``, where the path is an argument, passed as the bytes it is), then its blob."""
        output = self.run("ls-tree", "-z", "--full-tree", commit, "--", literal(path))
        for name, blob_id in _blob_entries(output):
            if name == path:
                return self.blob(blob_id)
        return None

    def blob(self, blob_id: str) -> bytes:
        """The bytes of a blob."""
        try:
            data: bytes = self._object_store().odb.stream(bytes.fromhex(blob_id)).read()
        except (ValueError, OSError) as error:
            raise GitError(f"cannot read blob {blob_id}: {one_line(error)}") from None
        return data

    def blobs(self, blob_ids: Iterable[str]) -> dict[str, bytes]:
        """The bytes of many blobs by id, read by one git process (``cat-file --batch``) instead of a round trip
        each; an id that names no blob is left out."""
        wanted = [blob_id for blob_id in dict.fromkeys(blob_ids) if _is_object_id(blob_id)]
        if not wanted:
            return {}
        request = "".join(f"{blob_id}\n" for blob_id in wanted).encode("ascii")
        return _batch_blobs(self.run("cat-file", "--batch", stdin=request))

    def tree_blobs(self, rev: str) -> dict[str, str]:
        """The blob id of every file of the tree of the commit ``rev`` names, by repo-relative posix path (a
        submodule is no file of it)."""
        output = self.run("ls-tree", "-r", "-z", "--full-tree", self.resolve(rev))
        return dict(_blob_entries(output))

    def tree_paths(self, rev: str) -> list[str]:
        """Every file path (repo-relative, posix) of the tree of the commit ``rev`` names, in git's order."""
        output = self.run("ls-tree", "-r", "-z", "--name-only", "--full-tree", self.resolve(rev))
        return [decode_path(token) for token in output.split(b"\0") if token]


def _blob_entries(output: bytes) -> Iterator[tuple[str, str]]:
    """The files of ``ls-tree -z`` output (``mode type id<TAB>path``): each path and its blob id."""
    for entry in output.split(b"\0"):
        meta, tab, name = entry.partition(b"\t")
        fields = meta.split()
        if tab and len(fields) == 3 and fields[1] == b"blob":
            yield decode_path(name), decode_text(fields[2])


def _is_object_id(text: str) -> bool:
    """A full object id (SHA-1 or SHA-256, in hexadecimal): what the batch reader answers by the same name."""
    return len(text) in (40, 64) and all(character in "0123456789abcdef" for character in text)


def _batch_blobs(output: bytes) -> dict[str, bytes]:
    """The blobs of ``cat-file --batch`` output (``id type size`` then the bytes and a newline, or ``id missing``),
    by id."""
    found: dict[str, bytes] = {}
    start = 0
    while start < len(output):
        end = output.find(b"\n", start)
        if end < 0:
            break
        fields = output[start:end].split()
        start = end + 1
        if len(fields) == 3 and fields[2].isdigit():  # anything else answers an id that names no object
            size = int(fields[2])
            if fields[1] == b"blob":
                found[decode_text(fields[0])] = output[start : start + size]
            start += size + 1
    return found


def _encodes(text: str) -> bool:
    """Whether ``text`` is valid UTF-8 text (holds no byte kept from a name that is not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _existing_folder(path: Path) -> Path:
    candidate = Path(os.path.abspath(path))
    if candidate.exists() and not candidate.is_dir():  # a file, or a named pipe, socket or device
        candidate = candidate.parent
    while not candidate.exists() and candidate != candidate.parent:
        candidate = candidate.parent
    return candidate


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links (before Python 3.13)
        return path
