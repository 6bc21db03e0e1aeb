"""``agreed codeowners``: CODEOWNERS entries that request each agreement's parties as reviewers.

Without ``--write`` or ``--check`` the managed block is printed. ``--write`` puts it into the CODEOWNERS file
(atomically; lines outside the block are kept); ``--check`` exits 1 and prints a diff when the file's block is out
of date. With no path, the agreements are those under ``contracts/`` at the repository root, wherever in the
repository the command runs. Parties without a code-host handle are listed on standard error (and in a comment line
of the block). The file is always inside the repository's work tree: a ``--file`` (or a symbolic link) that leads
outside it, or into a git directory, is refused. An agreement whose file name CODEOWNERS cannot express (a line
break, a tab, another control character, a byte that is not UTF-8) stops the command (exit 2) with its name,
before anything is written.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import click

from agreed.atomic import inside_git_directory, write_atomically
from agreed.cli.files import gather_inputs, named_or_default
from agreed.cli.output import EXIT_CLEAN, EXIT_FINDINGS, usage_error
from agreed.consent.codeowners import (
    CodeownersError,
    Entry,
    UnwritablePath,
    differences,
    entry_for,
    missing_handles,
    render_block,
    unusable_handles,
    updated,
)
from agreed.document import read_document
from agreed.reading import Unreadable, Why, read_file
from agreed.report.lint.text_report import problem_line
from agreed.sources import AGREEMENTS, display_path, repository_root
from agreed.visible import visible, visible_lines

# Where GitHub and GitLab look for the file; the first that exists is used, else the first.
CANDIDATES = (".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS", ".gitlab/CODEOWNERS")


@click.command("codeowners")
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--write", is_flag=True, help="Write the block into the CODEOWNERS file.")
@click.option("--check", is_flag=True,
              help="Exit 1 (and show what differs) when the file's block is out of date (not with --write).")
@click.option("--file", "file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The CODEOWNERS file, relative to the repository root; it must lie inside the repository "
                   "(outside .git) once '..' and symbolic links are resolved [default: the first of "
                   f"{', '.join(CANDIDATES)} that exists, else {CANDIDATES[0]}].")
def command(paths: tuple[str, ...], write: bool, check: bool, file: Path | None) -> None:
    """Request each agreement's parties as reviewers: one CODEOWNERS line per agreement, from the parties' handles
    (default: contracts/ at the repository root).

    Only the block between '# BEGIN agreed' and '# END agreed' is managed; every other line is kept. CODEOWNERS
    requests the parties but cannot require all of them to approve: the consent gate does that. Exit codes: 0 done
    (or up to date), 1 --check found the block out of date, 2 usage errors, an agreement that does not load or
    whose file name CODEOWNERS cannot express (a line break, a tab, another control character, a byte that is not
    UTF-8).
    """
    if write and check:
        usage_error("--write and --check cannot be used together: --check tells whether --write would change the "
                    "file")
    if "-" in paths:
        usage_error("codeowners reads agreement files from the repository, not standard input")
    found = repository_root(Path.cwd())
    if found is None:
        usage_error("not inside a git repository: CODEOWNERS paths are relative to the repository root")
    root = found.resolve()
    target = _target(root, file) if write or check else None  # a file outside is refused before anything is read
    entries = _entries(paths, root)
    _warn(entries)
    block = render_block(entries)
    if target is None:
        click.echo(block, nl=False)
        raise SystemExit(EXIT_CLEAN)
    raise SystemExit(_write(target, block, root) if write else _check(target, block, root))


def _warn(entries: Sequence[Entry]) -> None:
    for line in missing_handles(entries):
        click.echo(f"agreed: warning: parties without a code-host handle (not requested as reviewers): {visible(line)}",
                   err=True)
    for line in unusable_handles(entries):
        click.echo(f"agreed: warning: parties whose handle is not a code-host user name (not requested as "
                   f"reviewers): {visible(line)}", err=True)


def _entries(paths: Sequence[str], root: Path) -> list[Entry]:
    # The agreements the consent gate checks: every one below the paths (no template, no consent record), not
    # narrowed by the configuration's include and exclude patterns, which are lint's.
    inputs = gather_inputs(named_or_default(paths, root), None, kinds=AGREEMENTS)
    entries: list[Entry] = []
    broken = unwritable = False
    for path, shown in inputs.sources:
        document = read_document(path, shown)
        if not document.loaded:
            for problem in document.problems:
                click.echo(problem_line(problem, color=False), err=True)
            broken = True
            continue
        try:
            entries.append(entry_for(_relative(path, root), document.data))
        except UnwritablePath as error:
            click.echo(f"agreed: error: {visible(str(error))}", err=True)
            unwritable = True
    if broken:
        usage_error("an agreement does not load; fix it (agreed lint shows why) and run agreed codeowners again")
    if unwritable:
        usage_error("CODEOWNERS cannot name an agreement file (above); rename it and run agreed codeowners again")
    return entries


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except (ValueError, OSError):
        usage_error(f"{path} is outside the repository {root}")


def _target(root: Path, file: Path | None) -> Path:
    """The CODEOWNERS file to read or write (``root`` is resolved): ``file``, relative to ``root`` unless absolute,
    else the first of :data:`CANDIDATES` that exists; always with ``..`` and symbolic links resolved, and never
    outside the repository's work tree or inside ``.git``."""
    if file is not None:
        return _inside(root, root / file, file)
    for candidate in CANDIDATES:
        if (root / candidate).is_file():
            return _inside(root, root / candidate, Path(candidate))
    return _inside(root, root / CANDIDATES[0], Path(CANDIDATES[0]))


def _inside(root: Path, path: Path, shown: Path) -> Path:
    """``path`` resolved, when it lies in the work tree of the repository at ``root``; else a usage error."""
    try:
        resolved = path.resolve()
        parts = resolved.relative_to(root).parts
    except (ValueError, OSError, RuntimeError):  # outside, or a symbolic-link loop
        usage_error(f"{shown}: the CODEOWNERS file must be inside the repository {root}")
    if parts[:1] == (".git",) or inside_git_directory(resolved):
        usage_error(f"{shown}: the CODEOWNERS file must be a file of the repository's work tree, not in .git")
    return resolved


CODEOWNERS_LIMIT = 3 * 1024 * 1024  # bytes; GitHub ignores a larger CODEOWNERS file


def _read(target: Path) -> str | None:
    raw = read_file(target, CODEOWNERS_LIMIT)
    if isinstance(raw, Unreadable):
        if raw.why is Why.MISSING:
            return None
        usage_error(f"cannot read {target}: {raw.detail}")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        usage_error(f"cannot read {target}: {error}")


def _write(target: Path, block: str, root: Path) -> int:
    text = _read(target)
    name = display_path(target, root)
    try:
        new = updated(text, block)
    except CodeownersError as error:
        usage_error(f"{name}: {error}")
    if new == text:
        click.echo(f"{name}: up to date")
        return EXIT_CLEAN
    try:
        write_atomically(target, new, overwrite=True, inside=root)
    except OSError as error:
        usage_error(f"cannot write {target}: {error.strerror or error}")
    click.echo(f"{name}: {'updated' if text is not None else 'created'}")
    return EXIT_CLEAN


def _check(target: Path, block: str, root: Path) -> int:
    text = _read(target)
    name = display_path(target, root)
    try:
        diff = differences(text, block, name)
    except CodeownersError as error:
        usage_error(f"{name}: {error}")
    if not diff:
        click.echo(f"{name}: up to date")
        return EXIT_CLEAN
    click.echo(visible_lines("".join(line if line.endswith("\n") else line + "\n" for line in diff)), nl=False)
    click.echo(f"{name}: out of date; run 'agreed codeowners --write' and commit the result", err=True)
    return EXIT_FINDINGS



