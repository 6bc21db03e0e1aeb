"""The handle on a git repository: open it, run git in it, resolve revisions, read files, blobs and trees.

This is the only module that uses GitPython, and it imports it lazily (inside functions), so importing this module
costs nothing and the lint paths never load it. Every failure surfaces as :class:`GitError`, whose text is one line
meant for users. The job-specific operations (history, changes, additions, config) are functions of the sibling
modules that take a :class:`Repository`.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO

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


def one_line(error: BaseException) -> str:
    """The first meaningful line of what a failed git command (or GitPython) said, without git's prefixes."""
    stderr = getattr(error, "stderr", "")
    if isinstance(stderr, bytes):
        stderr = decode_text(stderr)
    lines = [line.strip() for line in str(stderr or error).splitlines() if line.strip()]
    message = lines[0] if lines else type(error).__name__
    for prefix in ("stderr: ", "fatal: ", "error: "):
        message = message.removeprefix(prefix)
    return message.strip("'\" ")


class Repository:
    """A git repository with a work tree, opened from any folder inside it."""

    def __init__(self, repo: git.Repo) -> None:
        self._repo = repo
        tree = repo.working_tree_dir
        if tree is None:
            raise GitError(f"{repo.git_dir} is a bare repository (agreed needs a work tree)")
        self.root = Path(tree).resolve()
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
        try:
            import git
        except ImportError as error:  # GitPython refuses to import when no git executable is found
            raise GitError(f"git is not available: {one_line(error)}") from None
        folder = _existing_folder(Path(start))
        try:
            return cls(git.Repo(folder, search_parent_directories=True))
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise GitError(f"{start} is not inside a git repository") from None
        except git.GitError as error:
            raise GitError(one_line(error)) from None

    def close(self) -> None:
        """Stop the git processes kept for reading objects."""
        self._repo.close()

    def run(self, *args: str) -> bytes:
        """Run ``git ARGS`` in this repository; its standard output as bytes. :class:`CommandFailed` when git exits
        with another status than 0."""
        import git

        try:
            output: bytes = self._repo.git.execute(["git", *args], stdout_as_string=False,
                                                   strip_newline_in_stdout=False)
        except git.GitCommandError as error:
            raise CommandFailed(one_line(error), error.status if isinstance(error.status, int) else None) from None
        except git.GitCommandNotFound:
            raise GitError("git is not available: the git command was not found") from None
        return output

    def head(self) -> str | None:
        """HEAD's commit, read from the ref files in-process (no git process, and no look into the object store);
        None on an unborn branch. Inside :meth:`holding_head`, the commit read first."""
        if self._held:
            return self._held[0]
        from git.refs.symbolic import SymbolicReference

        try:
            return str(SymbolicReference.dereference_recursive(self._repo, "HEAD"))
        except ValueError:
            return None  # an unborn branch: no history yet

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
        return self.run("rev-parse", "--is-shallow-repository").strip() == b"true"

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
            _, kind, _, data = self._repo.git.get_object_data(f"{commit}:{path}")
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
            data: bytes = self._repo.odb.stream(bytes.fromhex(blob_id)).read()
        except (ValueError, OSError) as error:
            raise GitError(f"cannot read blob {blob_id}: {one_line(error)}") from None
        return data

    def blobs(self, blob_ids: Iterable[str]) -> dict[str, bytes]:
        """The bytes of many blobs by id, read by one git process (``cat-file --batch``) instead of a round trip
        each; an id that names no blob is left out."""
        wanted = [blob_id for blob_id in dict.fromkeys(blob_ids) if _is_object_id(blob_id)]
        if not wanted:
            return {}
        with tempfile.TemporaryFile() as request:
            request.write("".join(f"{blob_id}\n" for blob_id in wanted).encode("ascii", errors="replace"))
            request.seek(0)
            output = self._batch_output(request)
        return _batch_blobs(output)

    def _batch_output(self, request: BinaryIO) -> bytes:
        import git

        try:
            output: bytes = self._repo.git.execute(["git", "cat-file", "--batch"], istream=request,
                                                   stdout_as_string=False, strip_newline_in_stdout=False)
        except git.GitCommandError as error:
            raise CommandFailed(one_line(error), error.status if isinstance(error.status, int) else None) from None
        except git.GitCommandNotFound:
            raise GitError("git is not available: the git command was not found") from None
        return output

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
    if candidate.is_file():
        candidate = candidate.parent
    while not candidate.exists() and candidate != candidate.parent:
        candidate = candidate.parent
    return candidate


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links (before Python 3.13)
        return path
