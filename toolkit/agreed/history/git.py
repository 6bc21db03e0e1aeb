"""The one door to git: open a repository, resolve revisions, read files and blobs, list an agreement's versions,
and what consent needs from git: which commit added a file, a commit's signature, the repository's own settings.

This is the only module that uses GitPython, and it imports it lazily (inside functions), so importing this module
costs nothing and the lint paths never load it. Every failure surfaces as :class:`GitError`, whose text is one line
meant for users.

Versions follow renames segment by segment: ``git log`` on one path (merges diffed against their first parent;
``--first-parent`` by default, so that a branch merged with ``--no-ff`` counts once, as its merge), and
where the oldest commit of that log creates the file, a full-tree ``git diff-tree -M`` of that commit says whether
git's rename detection sees a rename; if so, the older path is followed from the commit's first parent. Unlike
``git log --follow`` this keeps no rename state across branches, so merges are listed correctly. Whether a rename
really continues the same agreement (the same ``id``) is for the caller to check: this module does not parse YAML.
"""

from __future__ import annotations

import datetime
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import git

SHALLOW_MESSAGE = (
    "this clone is shallow: history is incomplete; fetch it all "
    "(git fetch --unshallow, or fetch-depth: 0 in CI) or pass --allow-shallow"
)
AGREEMENT_PATTERNS = ("*.yaml", "*.yml")
NULL_SHA = "0" * 40

# One commit header in `git log -z` output: these fields, NUL-separated.
_LOG_FORMAT = "%H%x00%P%x00%cI%x00%an%x00%ae%x00%s"
_HEADER_FIELDS = 6
# A git setting's name: section, optional subsection (any text but newline and NUL), variable (git config's rules).
_CONFIG_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[^\n\0]*)?\.[A-Za-z][A-Za-z0-9-]*")


class GitError(Exception):
    """A git operation failed; ``str(error)`` is a one-line message for users."""


class _CommandFailed(GitError):
    """A git command exited with a status other than 0 (``status``)."""

    def __init__(self, message: str, status: int | None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Version:
    """One commit that changed an agreement file."""

    commit: str  # full hex sha
    date: datetime.datetime  # committer date, timezone-aware
    author: str
    email: str
    subject: str  # first line of the message, decoded with replacement for non-UTF-8
    path: str  # repo-relative posix path of the agreement in this commit
    blob: str | None  # blob sha of the file in this commit; None when this commit deleted it


@dataclass(frozen=True, slots=True)
class Step:
    """A version and the blob it replaced: the file in the commit's first parent (None when the commit created it).

    For a rename, ``before`` is the blob under the old path; for a merge, the blob on the first parent's side.
    """

    version: Version
    before: str | None
    renamed_to: tuple[str, str] | None = None  # (new path, new blob) when this deletion is git's rename away


@dataclass(frozen=True, slots=True)
class Addition:
    """The commit that added a file: its full sha and its author's email (as git recorded it, unchecked)."""

    commit: str
    email: str


@dataclass(frozen=True, slots=True)
class CommitSignature:
    """The signature a commit carries and what it signs.

    ``signature`` is the commit's signature header (``gpgsig``; ``gpgsig-sha256`` in a SHA-256 repository) with its
    continuation lines unfolded: the armored signature text. ``payload`` is the raw commit object without that header,
    the exact bytes the signature is over.
    """

    signature: str
    payload: bytes

    @property
    def format(self) -> str:
        """``ssh``, ``openpgp`` or ``x509`` (as git tells them apart, by the armor), else ``unknown``."""
        first = self.signature.lstrip().split("\n", 1)[0].strip()
        return _SIGNATURE_FORMATS.get(first, "unknown")


_SIGNATURE_FORMATS = {
    "-----BEGIN SSH SIGNATURE-----": "ssh",
    "-----BEGIN PGP SIGNATURE-----": "openpgp",
    "-----BEGIN PGP MESSAGE-----": "openpgp",
    "-----BEGIN SIGNED MESSAGE-----": "x509",
}
_SIGNATURE_HEADERS = {40: b"gpgsig", 64: b"gpgsig-sha256"}  # by the length of the repository's hex object names


@dataclass(frozen=True, slots=True)
class _RawChange:
    status: str  # A, M, D, R, T, ... (the letter only)
    old_blob: str | None
    new_blob: str | None
    old_path: str
    new_path: str


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", errors="replace")


def _path(raw: bytes) -> str:
    """A path git printed, as the file system's names are decoded: a byte that is not UTF-8 is kept (as a lone
    surrogate), so the path still names the file, to git and in the work tree; reports write it with
    :func:`agreed.printable.printable`."""
    return raw.decode("utf-8", errors="surrogateescape")


def _one_line(error: BaseException) -> str:
    stderr = getattr(error, "stderr", "")
    if isinstance(stderr, bytes):
        stderr = _text(stderr)
    lines = [line.strip() for line in str(stderr or error).splitlines() if line.strip()]
    message = lines[0] if lines else type(error).__name__
    for prefix in ("stderr: ", "fatal: ", "error: "):
        message = message.removeprefix(prefix)
    return message.strip("'\" ")


def _blob_or_none(sha: str) -> str | None:
    return None if sha == NULL_SHA else sha


def _parse_raw(tokens: list[bytes], index: int) -> tuple[_RawChange, int]:
    """One ``--raw -z`` entry starting at ``tokens[index]`` (``:mode mode sha sha STATUS``, then one or two paths)."""
    meta = _text(tokens[index]).lstrip("\n").split(" ")
    status = meta[4][:1]
    old_path = _path(tokens[index + 1])
    if status in ("R", "C"):
        return _RawChange(status, _blob_or_none(meta[2]), _blob_or_none(meta[3]), old_path,
                          _path(tokens[index + 2])), index + 3
    return _RawChange(status, _blob_or_none(meta[2]), _blob_or_none(meta[3]), old_path, old_path), index + 2


def _parse_raw_list(output: bytes) -> list[_RawChange]:
    tokens = output.split(b"\0")
    changes: list[_RawChange] = []
    index = 0
    while index < len(tokens):
        if tokens[index].lstrip(b"\n").startswith(b":"):
            change, index = _parse_raw(tokens, index)
            changes.append(change)
        else:
            index += 1
    return changes


@dataclass(frozen=True, slots=True)
class _Entry:
    """One commit of a path-limited log: its header and what it did to the path."""

    commit: str
    parents: tuple[str, ...]
    date: datetime.datetime
    author: str
    email: str
    subject: str
    changes: tuple[_RawChange, ...]


def _parse_log(output: bytes) -> list[_Entry]:
    """Parse ``git log -z --raw --format=<_LOG_FORMAT>`` output, newest first (paths may hold any byte but NUL)."""
    tokens = output.split(b"\0")
    entries: list[_Entry] = []
    index = 0
    while index < len(tokens):
        if not tokens[index].strip():
            index += 1
            continue
        header = [_text(token) for token in tokens[index : index + _HEADER_FIELDS]]
        index += _HEADER_FIELDS
        changes: list[_RawChange] = []
        while index < len(tokens) and tokens[index].lstrip(b"\n").startswith(b":"):
            change, index = _parse_raw(tokens, index)
            changes.append(change)
        entries.append(_entry(header, changes))
    return entries


def _entry(header: list[str], changes: list[_RawChange]) -> _Entry:
    header += [""] * (_HEADER_FIELDS - len(header))
    sha, parents, date, author, email, subject = header
    return _Entry(sha.strip(), tuple(parents.split()), datetime.datetime.fromisoformat(date), author, email,
                  subject, tuple(changes))


class Repository:
    """A git repository with a work tree, opened from any folder inside it."""

    def __init__(self, repo: git.Repo) -> None:
        self._repo = repo
        tree = repo.working_tree_dir
        if tree is None:
            raise GitError(f"{repo.git_dir} is a bare repository (agreed needs a work tree)")
        self.root = Path(tree).resolve()
        self._additions: dict[tuple[str, str], Mapping[str, Addition]] = {}
        self._commits: set[str] = set()  # full shas already verified to name commits (they never change)

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
            raise GitError(f"git is not available: {_one_line(error)}") from None
        folder = _existing_folder(Path(start))
        try:
            return cls(git.Repo(folder, search_parent_directories=True))
        except (git.InvalidGitRepositoryError, git.NoSuchPathError):
            raise GitError(f"{start} is not inside a git repository") from None
        except git.GitError as error:
            raise GitError(_one_line(error)) from None

    def close(self) -> None:
        """Stop the git processes kept for reading objects."""
        self._repo.close()

    # -- plumbing ------------------------------------------------------------------------------------------------

    def _git(self, *args: str) -> bytes:
        import git

        try:
            output: bytes = self._repo.git.execute(["git", *args], stdout_as_string=False,
                                                   strip_newline_in_stdout=False)
        except git.GitCommandError as error:
            raise _CommandFailed(_one_line(error), error.status if isinstance(error.status, int) else None) from None
        except git.GitCommandNotFound:
            raise GitError("git is not available: the git command was not found") from None
        return output

    def is_shallow(self) -> bool:
        """True when this clone's history is cut off (a shallow clone)."""
        return self._git("rev-parse", "--is-shallow-repository").strip() == b"true"

    def relative(self, path: Path) -> str:
        """``path`` (absolute, or relative to the current folder) as a repo-relative posix path."""
        absolute = Path(os.path.abspath(path))
        for candidate in (absolute, _resolved(absolute)):
            try:
                return PurePosixPath(*candidate.relative_to(self.root).parts).as_posix()
            except ValueError:
                continue
        raise GitError(f"{path} is outside the repository {self.root}")

    def resolve(self, rev: str) -> str:
        """The full sha of the commit ``rev`` names."""
        if rev in self._commits:
            return rev
        if not rev or rev.startswith("-") or "\0" in rev or "\n" in rev:
            raise GitError(f"unknown revision {rev!r}")
        try:
            output = self._git("rev-parse", "--verify", "--quiet", "--end-of-options", f"{rev}^{{commit}}")
        except GitError:
            raise GitError(f"unknown revision {rev!r}") from None
        commit = _text(output).strip()
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
        output = self._git("ls-tree", "-z", "--full-tree", commit, "--", _literal(path))
        for entry in output.split(b"\0"):
            meta, tab, name = entry.partition(b"\t")
            fields = meta.split()
            if tab and _path(name) == path and len(fields) == 3 and fields[1] == b"blob":
                return self.blob(_text(fields[2]))
        return None

    def blob(self, blob_id: str) -> bytes:
        """The bytes of a blob."""
        try:
            data: bytes = self._repo.odb.stream(bytes.fromhex(blob_id)).read()
        except (ValueError, OSError) as error:
            raise GitError(f"cannot read blob {blob_id}: {_one_line(error)}") from None
        return data

    # -- history -------------------------------------------------------------------------------------------------

    def versions(self, path: str, *, first_parent: bool = False) -> list[Version]:
        """Every commit of HEAD's history that changed ``path``, oldest first, following renames; the commits of
        merged branches too, unless ``first_parent`` (see :meth:`steps`)."""
        return [step.version for step in self.steps(path, first_parent=first_parent)]

    def steps(self, path: str, *, first_parent: bool = True) -> list[Step]:
        """The commits that changed ``path``, oldest first, following renames, each with the blob it replaced (the
        file in the commit's first parent).

        ``first_parent`` (git log --first-parent): only the commits of HEAD's own line, so a branch merged with
        ``git merge --no-ff`` is one step, its merge, and not also each of the branch's commits. Without it, every
        commit of the history that changed the file, merges and merged branches' commits alike."""
        head = self._head()
        if head is None:
            return []
        segments: list[list[Step]] = []
        seen: set[str] = set()
        start: str | None = head
        current = path
        while start is not None and start not in seen:
            seen.add(start)
            segment, origin = self._segment(start, current, first_parent)
            segments.append(segment)
            start, current = origin if origin is not None else (None, current)
        return [step for segment in reversed(segments) for step in segment]

    def _head(self) -> str | None:
        """HEAD's commit, read from the ref files in-process (no git process); None on an unborn branch."""
        try:
            return str(self._repo.head.commit.hexsha)
        except ValueError:
            return None  # an unborn branch: no history yet

    def _segment(self, start: str, path: str, first_parent: bool) -> tuple[list[Step], tuple[str, str] | None]:
        """The versions of ``path`` reachable from ``start`` (through first parents only, when ``first_parent``),
        oldest first, and (parent, old path) to go on with when git sees the oldest one as a rename."""
        walk = ("--first-parent",) if first_parent else ()
        output = self._git("log", *walk, "-z", "--raw", "--no-abbrev", "-M", "--diff-merges=first-parent",
                           "--date-order", "--no-color", "--no-ext-diff", "--encoding=UTF-8", f"--format={_LOG_FORMAT}",
                           start, "--", _literal(path))
        entries = list(reversed(_parse_log(output)))
        entries = [entry for entry in entries if any(change.new_path == path for change in entry.changes)]
        steps = [self._renamed_away(entry, _step(entry, path)) for entry in entries]
        if not entries or steps[0].before is not None or not entries[0].parents:
            return steps, None
        oldest = entries[0]
        rename = self._renamed_into(oldest.parents[0], oldest.commit, path)
        if rename is None:
            return steps, None
        steps[0] = Step(steps[0].version, rename.old_blob)
        return steps, (oldest.parents[0], rename.old_path)

    def _renamed_into(self, parent: str, commit: str, path: str) -> _RawChange | None:
        return next((change for change in self._renames(parent, commit) if change.new_path == path), None)

    def _renamed_away(self, entry: _Entry, step: Step) -> Step:
        """A deletion that git's rename detection (on the whole tree) sees as a rename, with where the file went."""
        if step.version.blob is not None or not entry.parents:
            return step
        for change in self._renames(entry.parents[0], entry.commit):
            if change.old_path == step.version.path and change.new_blob is not None:
                return Step(step.version, step.before, (change.new_path, change.new_blob))
        return step

    def _renames(self, parent: str, commit: str) -> list[_RawChange]:
        output = self._git("diff-tree", "-r", "-z", "-M", "--raw", "--no-abbrev", "--no-ext-diff", parent, commit)
        return [change for change in _parse_raw_list(output) if change.status == "R"]

    def shallow_boundary(self) -> frozenset[str]:
        """The commits where a shallow clone's history is cut off (their parents were not fetched); empty when the
        clone is complete."""
        location = _text(self._git("rev-parse", "--path-format=absolute", "--git-path", "shallow")).strip()
        try:
            text = Path(location).read_text(encoding="ascii", errors="replace")
        except OSError:
            return frozenset()
        return frozenset(line.strip() for line in text.splitlines() if line.strip())

    def committed(self, paths: list[str]) -> list[str]:
        """Those of ``paths`` (repo-relative) that HEAD's tree holds, in the given order."""
        if self._head() is None or not paths:
            return []
        tree = set(self.tree_paths("HEAD"))
        return [path for path in paths if path in tree]

    def tree_paths(self, rev: str) -> list[str]:
        """Every file path (repo-relative, posix) of the tree of the commit ``rev`` names, in git's order."""
        output = self._git("ls-tree", "-r", "-z", "--name-only", "--full-tree", self.resolve(rev))
        return [_path(token) for token in output.split(b"\0") if token]

    def added_by(self, path: str) -> Addition | None:
        """The commit of HEAD's history that added the file at ``path`` (repo-relative), with its author's email;
        None when no commit did (the file is not committed, or there is no history yet).

        When the file was added more than once (deleted and added again), the OLDEST addition counts: adding the
        same file again later does not make it someone else's. Renames are not followed: a file moved to ``path``
        was added there by the commit that moved it.
        """
        return self.additions(_literal(path)).get(path)

    def additions(self, pathspec: str) -> Mapping[str, Addition]:
        """:meth:`added_by` for every file that ``pathspec`` (git pathspec magic allowed, e.g.
        ``:(glob)**/.consent/**``) matches, from ONE walk of HEAD's history: repo-relative path -> its oldest
        addition. A file moved unchanged (an exact rename, both paths matching) keeps the addition it had, so moving
        a folder of files does not make them the mover's. Remembered per HEAD commit and pathspec."""
        head = self._head()
        if head is None:
            return {}
        known = self._additions.get((head, pathspec))
        if known is not None:
            return known
        found: dict[str, Addition] = {}
        output = self._git("log", "--reverse", "--diff-filter=AR", "-M100%", "--no-show-signature", "-z",
                           "--name-status", "--format=%x01%H%x00%ae", head, "--", pathspec)
        for chunk in output.split(b"\x01")[1:]:  # oldest first: the first addition of a path counts
            commit, email, changes = chunk.split(b"\0", 2)
            addition = Addition(_text(commit), _text(email))
            tokens = iter(_path(token) for token in changes.lstrip(b"\n").split(b"\0"))
            for status in tokens:
                if status.startswith("R"):
                    old, new = next(tokens), next(tokens)
                    found.setdefault(new, found.get(old, addition))
                elif status:
                    found.setdefault(next(tokens), addition)
        self._additions[(head, pathspec)] = found
        return found

    def commit_signature(self, commit: str) -> CommitSignature | None:
        """The signature the commit ``commit`` names carries and the payload it signs; None when it is unsigned.

        Read from the raw commit object (``git cat-file commit``) the way git itself reads it: nothing is verified
        here (see :func:`agreed.consent.ssh.verify` with ``namespace="git"`` for SSH signatures).
        """
        sha = self.resolve(commit)
        raw = self._git("cat-file", "commit", sha)
        return _split_signature(raw, _SIGNATURE_HEADERS.get(len(sha), b"gpgsig"))

    def config_get(self, key: str) -> str | None:
        """The value of the setting ``key`` (``section.name`` or ``section.subsection.name``) in this repository's
        own git configuration (``git config --local``: not the user's or the system's); None when it is not set
        there; the last value when it is set more than once."""
        _check_config_key(key)
        try:
            output = self._git("config", "--local", "--get", key)
        except _CommandFailed as error:
            if error.status == 1:  # with a valid key, git's answer for "not set"
                return None
            raise
        return _text(output).removesuffix("\n")

    def config_set(self, key: str, value: str) -> None:
        """Set ``key`` to ``value`` in this repository's own git configuration (``git config --local``); a key that
        is set more than once is an error (git will not guess which value to replace)."""
        _check_config_key(key)
        if "\0" in value:
            raise GitError(f"a git setting cannot hold a NUL character ({key})")
        self._git("config", "--local", key, value)

    def files(self) -> list[str]:
        """Every agreement file (``*.yaml``/``*.yml``) of the work tree, tracked or untracked (not ignored)."""
        output = self._git("ls-files", "-z", "--cached", "--others", "--exclude-standard", "--",
                           *AGREEMENT_PATTERNS)
        paths = dict.fromkeys(_path(token) for token in output.split(b"\0") if token)
        return [path for path in paths if (self.root / path).is_file()]

    def deleted_files(self) -> list[tuple[str, str]]:
        """(path, last blob) of every agreement file deleted in HEAD's history, most recent deletion first."""
        head = self._head()
        if head is None:
            return []
        output = self._git("log", "-z", "--raw", "--no-abbrev", "--no-renames", "--diff-filter=D",
                           "--encoding=UTF-8", f"--format={_LOG_FORMAT}", head, "--", *AGREEMENT_PATTERNS)
        found: dict[str, str] = {}
        for entry in _parse_log(output):
            for change in entry.changes:
                if change.status == "D" and change.old_blob is not None:
                    found.setdefault(change.old_path, change.old_blob)
        return list(found.items())

    def reachable(self, rev: str) -> frozenset[str]:
        """The shas of ``rev`` and every commit it descends from."""
        output = self._git("rev-list", self.resolve(rev))
        return frozenset(_text(output).split())

    def merge_base(self, base: str, head: str | None = None) -> str:
        """The commit where ``head`` (None: HEAD) left ``base``: what a pull request's changes count from."""
        base_sha = self.resolve(base)
        head_sha = self.resolve(head if head is not None else "HEAD")
        try:
            found = _text(self._git("merge-base", base_sha, head_sha)).strip()
        except GitError:
            found = ""
        if not found:
            raise GitError(f"{base} and {head or 'HEAD'} have no common history")
        return found

    def changed(self, base: str, head: str | None = None) -> list[tuple[str | None, str | None]]:
        """(old path, new path) of every agreement file (``*.yaml``/``*.yml``) changed between the merge base of
        ``base`` and ``head`` and ``head`` (None: the work tree, uncommitted and untracked files included);
        renames paired, None for an added or deleted file's missing side."""
        merge_base = self.merge_base(base, head)
        head_sha = self.resolve(head) if head is not None else self.resolve("HEAD")
        targets = [merge_base] if head is None else [merge_base, head_sha]
        output = self._git("diff", "-z", "--raw", "--no-abbrev", "-M", "--no-ext-diff", "--no-color", *targets,
                           "--", *AGREEMENT_PATTERNS)
        pairs = [_pair(change) for change in _parse_raw_list(output)]
        if head is None:
            pairs += [(None, path) for path in self._untracked()]
        return pairs

    def _untracked(self) -> Iterator[str]:
        output = self._git("ls-files", "-z", "--others", "--exclude-standard", "--", *AGREEMENT_PATTERNS)
        return (_path(token) for token in output.split(b"\0") if token)


def _check_config_key(key: str) -> None:
    if not _CONFIG_KEY.fullmatch(key):
        raise GitError(f"not a git setting name: {key!r}")


def _split_signature(raw: bytes, header: bytes) -> CommitSignature | None:
    """Split a raw commit object into its signature and its payload as git does (``parse_buffer_signed_by_header``):
    in the headers, the lines of the signature header ``header`` (and their continuation lines) are the signature;
    signature headers of another hash algorithm (``gpgsig-*``) belong to neither; everything else is the payload."""
    headers, blank, message = raw.partition(b"\n\n")
    signature: list[bytes] = []
    payload: list[bytes] = []
    inside: bytes | None = None  # the name of the signature header whose continuation lines may follow
    for line in headers.split(b"\n"):
        if inside is not None and line.startswith(b" "):
            if inside == header:
                signature.append(line[1:])
            continue
        name = line.split(b" ", 1)[0]
        inside = name if name.startswith(b"gpgsig") else None
        if name == header:
            signature.append(line[len(header) + 1:])
        elif inside is None:
            payload.append(line)
    if not signature:
        return None
    text = b"".join(piece + b"\n" for piece in signature).decode("ascii", errors="replace")
    return CommitSignature(text, b"\n".join(payload) + blank + message)


def _pair(change: _RawChange) -> tuple[str | None, str | None]:
    if change.status == "A":
        return (None, change.new_path)
    if change.status == "D":
        return (change.old_path, None)
    return (change.old_path, change.new_path)


def _step(entry: _Entry, path: str) -> Step:
    change = next(change for change in entry.changes if change.new_path == path)
    blob = None if change.status == "D" else change.new_blob
    before = change.old_blob
    version = Version(entry.commit, entry.date, entry.author, entry.email, entry.subject, path, blob)
    return Step(version, before)


def _encodes(text: str) -> bool:
    """Whether ``text`` is valid UTF-8 text (holds no byte kept from a name that is not)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _literal(path: str) -> str:
    """A pathspec that matches exactly ``path``, whatever characters it holds."""
    return f":(literal){path}"


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
