"""What the consent ledger needs from git: which commit added a file (and its author's email), and the signature a
commit carries. Nothing here is verified: see :mod:`agreed.consent.evidence` for what counts."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from dataclasses import dataclass

from agreed.git.repository import Repository, decode_path, decode_text, literal


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

# What additions() found, per repository handle, then per (HEAD commit, pathspec): forgotten with the handle.
_Found = dict[tuple[str, str], Mapping[str, Addition]]
_REMEMBERED: weakref.WeakKeyDictionary[Repository, _Found] = weakref.WeakKeyDictionary()


def added_by(repository: Repository, path: str) -> Addition | None:
    """The commit of HEAD's history that added the file at ``path`` (repo-relative), with its author's email;
    None when no commit did (the file is not committed, or there is no history yet).

    When the file was added more than once (deleted and added again), the OLDEST addition counts: adding the
    same file again later does not make it someone else's. Renames are not followed: a file moved to ``path``
    was added there by the commit that moved it.
    """
    return additions(repository, literal(path)).get(path)


def additions(repository: Repository, pathspec: str) -> Mapping[str, Addition]:
    """:func:`added_by` for every file that ``pathspec`` (git pathspec magic allowed, e.g.
    ``:(glob)**/.consent/**``) matches, from ONE walk of HEAD's history: repo-relative path -> its oldest
    addition. A file moved unchanged (an exact rename, both paths matching) keeps the addition it had, so moving
    a folder of files does not make them the mover's. Remembered per repository handle, HEAD commit and pathspec."""
    head = repository.head()
    if head is None:
        return {}
    remembered = _REMEMBERED.setdefault(repository, {})
    known = remembered.get((head, pathspec))
    if known is None:
        known = remembered[(head, pathspec)] = _walk_additions(repository, head, pathspec)
    return known


def _walk_additions(repository: Repository, head: str, pathspec: str) -> Mapping[str, Addition]:
    found: dict[str, Addition] = {}
    output = repository.run("log", "--reverse", "--diff-filter=AR", "-M100%", "--no-show-signature", "-z",
                            "--name-status", "--format=%x01%H%x00%ae", head, "--", pathspec)
    for chunk in output.split(b"\x01")[1:]:  # oldest first: the first addition of a path counts
        commit, email, changes = chunk.split(b"\0", 2)
        addition = Addition(decode_text(commit), decode_text(email))
        tokens = iter(decode_path(token) for token in changes.lstrip(b"\n").split(b"\0"))
        for status in tokens:
            if status.startswith("R"):
                old, new = next(tokens), next(tokens)
                found.setdefault(new, found.get(old, addition))
            elif status:
                found.setdefault(next(tokens), addition)
    return found


def commit_signature(repository: Repository, commit: str) -> CommitSignature | None:
    """The signature the commit ``commit`` names carries and the payload it signs; None when it is unsigned.

    Read from the raw commit object (``git cat-file commit``) the way git itself reads it: nothing is verified
    here (see :func:`agreed.consent.ssh.verify` with ``namespace="git"`` for SSH signatures).
    """
    sha = repository.resolve(commit)
    raw = repository.run("cat-file", "commit", sha)
    return _split_signature(raw, _SIGNATURE_HEADERS.get(len(sha), b"gpgsig"))


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
