"""Turn path arguments (and ``-`` for standard input) into loaded Documents."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import click

from agreed.cli.output import usage_error
from agreed.document import DEFAULT_LIMITS, Document, load_document, read_document
from agreed.sources import display_path, select

DEFAULT_FOLDER = "contracts"


def paths_argument(function: Callable[..., Any]) -> Callable[..., Any]:
    function = click.argument("paths", nargs=-1, type=click.Path(path_type=str))(function)
    return click.option("--stdin-filename", metavar="NAME", default=None,
                        help="Name to report for the agreement read from standard input ('-').")(function)


def load_documents(paths: Sequence[str], stdin_filename: str | None) -> list[Document]:
    """Documents for the given paths (``contracts/`` when none); exits 2 when a path holds no agreement."""
    if not paths:
        if not Path(DEFAULT_FOLDER).is_dir():
            usage_error(f"no path given and there is no '{DEFAULT_FOLDER}/' folder here; name the files to check")
        paths = (DEFAULT_FOLDER,)
    selection = select(paths)
    if selection.empty:
        usage_error(f"{', '.join(selection.empty)}: holds no agreement files (*.yaml, *.yml)")
    base = Path.cwd()
    documents = [read_document(file, display_path(file, base)) for file in selection.files]
    if selection.reads_stdin:
        raw = sys.stdin.buffer.read(DEFAULT_LIMITS.max_bytes + 1)
        documents.append(load_document(raw, stdin_filename or "<stdin>"))
    return documents
