"""``agreed diff``: what changed between two versions of an agreement, by meaning, and whether it is material
(needs fresh consent), a record of progress (status, delivered_on) or editorial.

Versions are files or ``REV:path``; ``REV`` alone names the other argument's file at that revision, and a version
named with a revision must exist there (else an error, with the file's name at that revision when git's rename
detection knows it). With one argument, the working file is compared with HEAD (a file new since HEAD: added);
with ``--base REV``, every agreement changed between the merge base of REV and HEAD and the working tree, below the
paths named, else below ``contracts/`` at the repository root (the agreement files of :mod:`agreed.sources`).
``--git-driver`` reads the seven (or, for a rename, nine) arguments git
gives an external diff command, so that ``git diff`` and ``git log -p --ext-diff`` show semantic changes.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NoReturn

import click

from agreed.cli.output import (
    EXIT_CLEAN,
    EXIT_FINDINGS,
    EXIT_USAGE,
    deliver,
    format_option,
    output_option,
    usage_error,
)
from agreed.history.diff import FileDiff, compare_files
from agreed.printable import printable
from agreed.reading import Unreadable, read_file
from agreed.report.changes import CHANGES_FORMATS, Summary, has_material, render_file_text
from agreed.visible import visible_lines

if TYPE_CHECKING:
    from agreed.git.repository import Repository

FAIL_ON = ("material", "never")
NULL_FILE = "/dev/null"
AGREEMENT_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True, slots=True)
class Spec:
    """One version named on the command line: a file (``rev`` None), ``REV:path``, or ``REV`` alone (``path``
    None: the other argument's file at that revision). ``named`` is False for the HEAD version that one file
    argument is compared with: only there may the file be missing (then it was added)."""

    rev: str | None
    path: str | None
    named: bool = True


class _Repo:
    """The repository of the current folder, opened only when a revision is involved."""

    def __init__(self) -> None:
        self._repository: Repository | None = None

    def get(self) -> Repository:
        if self._repository is None:
            from agreed.git.repository import Repository

            self._repository = Repository.open(Path.cwd())
        return self._repository

    def close(self) -> None:
        if self._repository is not None:
            self._repository.close()


@click.command("diff")
@click.argument("versions", nargs=-1, metavar="[A [B]] | [PATHS]...")
@click.option("--base", metavar="REV", default=None,
              help="Compare every agreement changed since the merge base of REV and HEAD with the working tree: "
                   "below the PATHS named, else below contracts/ at the repository root.")
@format_option(CHANGES_FORMATS, "Output format (markdown: a pull-request comment).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="never", show_default=True,
              help="Exit 1 when a change of this class is present.")
@output_option
@click.option("--git-driver", is_flag=True,
              help="Act as git's external diff command: read the 7 or 9 arguments git passes "
                   "(see `git config diff.agreed.command`).")
def command(versions: tuple[str, ...], base: str | None, output_format: str, fail_on: str, output: Path | None,
            git_driver: bool) -> None:
    """Show what changed between two versions of an agreement, by meaning, each change material (needs fresh
    consent), record (progress recorded: status, delivered_on) or editorial.

    \b
    agreed diff A B               A and B are files or REV:path (REV alone: the other's file at REV)
    agreed diff FILE              the working file against HEAD
    agreed diff --base REV [PATHS]...   every agreement changed since the merge base of REV and HEAD

    Exit codes: 0 done, 1 a material change with --fail-on material (records and editorial changes never fail),
    2 usage or git errors, or a version that does not load.
    """
    if git_driver:
        _run_git_driver(versions)
    from agreed.git.repository import GitError

    repo = _Repo()
    try:
        files = _base_files(repo, base, versions) if base is not None else [_explicit_file(repo, versions)]
    except GitError as error:
        usage_error(str(error))
    finally:
        repo.close()
    _emit(files, output_format, fail_on, output)


def _emit(files: Sequence[FileDiff], output_format: str, fail_on: str, output: Path | None) -> NoReturn:
    deliver(CHANGES_FORMATS.render(output_format, files), output, Summary.of(files).line(), output_format)
    raise SystemExit(_exit_code(files, fail_on))


def _exit_code(files: Sequence[FileDiff], fail_on: str) -> int:
    if any(file.error is not None for file in files):
        return EXIT_USAGE
    return EXIT_FINDINGS if fail_on == "material" and has_material(files) else EXIT_CLEAN


# -- explicit versions -------------------------------------------------------------------------------------------


def parse_spec(text: str) -> Spec:
    """A file when it exists or looks like one, ``REV:path`` when it holds a colon, else a bare revision."""
    if Path(text).exists():
        return Spec(None, text)
    rev, colon, path = text.partition(":")
    if colon:
        if not rev or not path:
            usage_error(f"{text!r}: write REV:path, e.g. HEAD~1:contracts/a.yaml")
        return Spec(rev, path)
    if text.endswith(AGREEMENT_SUFFIXES) or "/" in text:
        return Spec(None, text)
    return Spec(text, None)


def _explicit_file(repo: _Repo, arguments: Sequence[str]) -> FileDiff:
    if not arguments:
        usage_error("name a file (against HEAD), two versions (A B), or use --base REV")
    if len(arguments) > 2:
        usage_error(f"expected at most two versions, got {len(arguments)}; use --base REV for many files")
    specs = [parse_spec(argument) for argument in arguments]
    old, new = _pair(specs)
    old_label, old_raw = _read(repo, old, new)
    new_label, new_raw = _read(repo, new, old)
    if old_raw is None and new_raw is None:
        usage_error(f"neither {old_label} nor {new_label} exists")
    file = compare_files(old_label if old_raw is not None else None, old_raw,
                         new_label if new_raw is not None else None, new_raw)
    if file.strangers:
        usage_error(f"{' and '.join(file.strangers)}: not an agreement (no 'agreed:' format version key); "
                    "agreed diff compares agreements")
    return file


def _pair(specs: Sequence[Spec]) -> tuple[Spec, Spec]:
    """The two versions to compare: one argument is compared with its working file (a file: with HEAD)."""
    if len(specs) == 1:
        (spec,) = specs
        if spec.path is None:
            usage_error(f"{spec.rev!r} is a revision; name a file too (agreed diff {spec.rev} FILE)")
        if spec.rev is None:
            return Spec("HEAD", _from_here(spec.path), named=False), spec
        return spec, Spec(None, spec.path)
    old, new = specs
    if old.path is None and new.path is None:
        usage_error("both arguments are revisions; name a file too (e.g. REV:path)")
    if old.path is None:
        old = Spec(old.rev, new.path if new.rev is not None else _from_here(new.path))
    if new.path is None:
        new = Spec(new.rev, old.path if old.rev is not None else _from_here(old.path))
    return old, new


def _from_here(path: str | None) -> str | None:
    """A file argument's path as a ``REV:path`` path that git reads from the current folder, as the file was."""
    if path is None or Path(path).is_absolute() or path.startswith(("./", "../")):
        return path
    return f"./{path}"


def _read(repo: _Repo, spec: Spec, other: Spec) -> tuple[str, bytes | None]:
    """The label of a version and its bytes (None when the file does not exist). A version named as ``REV:path``
    (or ``REV`` with the other argument's file) must exist at that revision: naming a missing one is an error."""
    assert spec.path is not None
    if spec.rev is None:
        return spec.path, _read_file(Path(spec.path))
    repository = repo.get()
    relative = _repository_path(repository, spec.path)
    raw = repository.read(spec.rev, relative)
    if raw is None and spec.named:
        usage_error(_missing(repository, spec.rev, relative, other))
    return f"{spec.rev}:{relative}", raw


def _missing(repository: Repository, rev: str, path: str, other: Spec) -> str:
    """Why ``REV:path`` names nothing, with the name git's rename detection gives the file at ``rev``."""
    message = f"{path} does not exist at {rev}"
    from agreed.history.pairing import renamed_at

    known = renamed_at(repository, rev, path, other.rev if other.path is not None else None)
    if known is not None:
        message += f" (git knows it there as {known}: use {rev}:{known})"
    return message


def _repository_path(repository: Repository, path: str) -> str:
    """A path as git's ``REV:path`` reads it: from the repository root, unless it starts with ./ or ../ (then
    from the current folder); an existing or absolute path is always taken from the current folder."""
    if Path(path).is_absolute() or Path(path).exists() or path.startswith(("./", "../")):
        return repository.relative(Path(path))
    return PurePosixPath(path).as_posix()


def _read_file(path: Path) -> bytes | None:
    """The bytes of a working file, None when it does not exist; one that cannot be read is a usage error."""
    from agreed.history.pairing import UnreadableVersion, working_version

    try:
        return working_version(path)
    except UnreadableVersion as error:
        usage_error(str(error))


# -- --base ------------------------------------------------------------------------------------------------------


def _base_files(repo: _Repo, base: str, limits: Sequence[str]) -> list[FileDiff]:
    """Every agreement changed since the merge base of ``base`` (:func:`agreed.history.pairing.changed_agreements`)."""
    from agreed.history.pairing import UnreadableVersion, changed_agreements

    try:
        return changed_agreements(repo.get(), base, limits)
    except UnreadableVersion as error:
        usage_error(str(error))


# -- git's external diff -----------------------------------------------------------------------------------------


def _run_git_driver(arguments: Sequence[str]) -> NoReturn:
    """``path old-file old-hex old-mode new-file new-hex new-mode [new-path rename-info]``: print the semantic
    changes; a file that is no agreement (or does not load) gets a line diff instead. Always exits 0, since git
    stops at the first external diff that fails."""
    if len(arguments) not in (7, 9):
        usage_error(f"--git-driver expects the 7 or 9 arguments git passes, got {len(arguments)}")
    path, old_file, new_file = arguments[0], arguments[1], arguments[4]
    new_path = arguments[7] if len(arguments) == 9 else path
    old_raw = None if old_file == NULL_FILE else _driver_read(Path(old_file))
    new_raw = None if new_file == NULL_FILE else _driver_read(Path(new_file))
    file = compare_files(path if old_raw is not None else None, old_raw, new_path if new_raw is not None else None,
                         new_raw, renamed=new_path != path)
    if file.agreement and file.error is None:
        click.echo(render_file_text(file), nl=False)
    else:
        click.echo(visible_lines(_line_diff(path, old_raw, new_path, new_raw, file.error if file.agreement else None)),
                   nl=False)
    raise SystemExit(EXIT_CLEAN)


def _driver_read(path: Path) -> bytes | None:
    """A version git hands the driver; one that cannot be read is said, and the driver still exits 0."""
    raw = read_file(path)
    if isinstance(raw, Unreadable):
        click.echo(f"agreed: cannot compare by meaning: {printable(str(path))}: {raw.reason}")
        raise SystemExit(EXIT_CLEAN)
    return raw


def _line_diff(old_path: str, old_raw: bytes | None, new_path: str, new_raw: bytes | None,
               error: str | None) -> str:
    """A unified diff, for YAML files that are no agreement or that do not load."""
    def lines(raw: bytes | None) -> list[str]:
        return [] if raw is None else raw.decode("utf-8", errors="replace").splitlines(keepends=True)

    header = f"agreed: cannot compare by meaning: {error}; line diff follows\n" if error else ""
    body = difflib.unified_diff(lines(old_raw), lines(new_raw), "a/" + old_path if old_raw is not None else NULL_FILE,
                                "b/" + new_path if new_raw is not None else NULL_FILE)
    return header + "".join(line if line.endswith("\n") else line + "\n" for line in body)
