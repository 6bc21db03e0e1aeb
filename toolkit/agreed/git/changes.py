"""What changed between two revisions, or between a revision and the work tree: the merge base a pull request's
changes count from, and the agreement files changed since, renames paired (``agreed diff --base``)."""

from __future__ import annotations

from collections.abc import Iterator

from agreed.git.raw import RawChange, parse_changes
from agreed.git.repository import AGREEMENT_PATTERNS, GitError, Repository, decode_path, decode_text


def merge_base_of(repository: Repository, base: str, head: str | None = None) -> str:
    """The commit where ``head`` (None: HEAD) left ``base``: what a pull request's changes count from."""
    base_sha = repository.resolve(base)
    head_sha = repository.resolve(head if head is not None else "HEAD")
    try:
        found = decode_text(repository.run("merge-base", base_sha, head_sha)).strip()
    except GitError:
        found = ""
    if not found:
        raise GitError(f"{base} and {head or 'HEAD'} have no common history")
    return found


def changed_files(repository: Repository, base: str, head: str | None = None) -> list[tuple[str | None, str | None]]:
    """(old path, new path) of every agreement file (``*.yaml``/``*.yml``) changed between the merge base of
    ``base`` and ``head`` and ``head`` (None: the work tree, uncommitted and untracked files included);
    renames paired, None for an added or deleted file's missing side."""
    merge_base = merge_base_of(repository, base, head)
    head_sha = repository.resolve(head) if head is not None else repository.resolve("HEAD")
    targets = [merge_base] if head is None else [merge_base, head_sha]
    output = repository.run("diff", "-z", "--raw", "--no-abbrev", "-M", "--no-ext-diff", "--no-color", *targets,
                            "--", *AGREEMENT_PATTERNS)
    pairs = [_pair(change) for change in parse_changes(output)]
    if head is None:
        pairs += [(None, path) for path in _untracked(repository)]
    return pairs


def tracked_paths(repository: Repository) -> frozenset[str]:
    """The agreement files (``*.yaml``/``*.yml``, any case) that the index holds: what git's diff of the work tree
    looks at."""
    output = repository.run("ls-files", "-z", "--cached", "--", *AGREEMENT_PATTERNS)
    return frozenset(decode_path(token) for token in output.split(b"\0") if token)


def _untracked(repository: Repository) -> Iterator[str]:
    output = repository.run("ls-files", "-z", "--others", "--exclude-standard", "--", *AGREEMENT_PATTERNS)
    return (decode_path(token) for token in output.split(b"\0") if token)


def _pair(change: RawChange) -> tuple[str | None, str | None]:
    if change.status == "A":
        return (None, change.new_path)
    if change.status == "D":
        return (change.old_path, None)
    return (change.old_path, change.new_path)
