"""``agreed digest``: the digest of each agreement's terms, the value a party's consent is bound to.

Text output is one line per file, ``sha256:<hex> FILE``, in the order the files were named (``-`` reads standard
input, shown as ``<stdin>`` or the ``--stdin-filename`` given, as every command names it; a byte of a name that is
not UTF-8 as ``\\xNN``). A file that does not load or fails the schema has no digest: its positioned problems go to
standard error and the command exits 2 (the other files are still digested).
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

import click

from agreed.cli.files import check_stdin_filename, named_or_default, stdin_filename_option
from agreed.cli.output import EXIT_CLEAN, EXIT_USAGE, format_option, usage_error
from agreed.consent.digest import digest_document
from agreed.document import Document, read_document, read_result_document
from agreed.reading import read_stream
from agreed.report.digest import DIGEST_FORMATS, Digested, Digests
from agreed.sources import STDIN, select, stdin_name


@click.command("digest")
@click.argument("files", nargs=-1, metavar="[PATHS]...")
@format_option(DIGEST_FORMATS)
@stdin_filename_option
def command(files: tuple[str, ...], output_format: str, stdin_filename: str | None) -> None:
    """Print the digest of each agreement's terms (sha256 over the validated, material-only model).

    Formatting, comments, key order, the order of lists, editorial fields and records of progress (status,
    delivered_on, a target's measured result) do not change the digest; every material change does. '-' reads
    standard input, shown as <stdin> or the --stdin-filename given. Exit codes: 0 every file digested, 2 a file
    that does not load or fails the schema (its problems go to standard error).
    PATHS are files or folders (searched for agreements); default: contracts/ at the repository root.
    """
    names = _named(files)
    check_stdin_filename(stdin_filename, STDIN in names)
    shown_stdin = stdin_name(stdin_filename)
    digested = tuple(Digested(shown_stdin if name == STDIN else name, digest_document(_read(name, shown_stdin)))
                     for name in names)
    failed = any(file.failed for file in digested)
    from agreed.lint.rules import all_rules  # the rules' documentation, only for problems to show

    for written in DIGEST_FORMATS.render(output_format, Digests(digested, all_rules() if failed else {})):
        click.echo(written.text, err=written.to_stderr, nl=False)
    raise SystemExit(EXIT_USAGE if failed else EXIT_CLEAN)


def _named(arguments: Sequence[str]) -> list[str]:
    """The files to digest, in the order named: each folder's agreements (:func:`agreed.sources.select`), files
    as given."""
    names: list[str] = []
    for argument in named_or_default(arguments):
        if argument != STDIN and Path(argument).is_dir():
            selection = select([argument])
            if selection.empty:
                usage_error(f"{argument}: holds no agreement files (*.yaml, *.yml)")
            names += [file.as_posix() for file in selection.files]
        else:
            names.append(argument)
    return names


def _read(name: str, shown_stdin: str) -> Document:
    if name == STDIN:
        return read_result_document(read_stream(sys.stdin.buffer), shown_stdin)
    return read_document(Path(name), name)

