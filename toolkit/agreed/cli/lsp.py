"""``agreed lsp``: starts the agreement's language server (:mod:`agreed.lsp.server`), the only command that loads
pygls."""

from __future__ import annotations

import contextlib
import os
import sys
from typing import NoReturn

import click

from agreed.cli.output import docs_url_option


@click.command("lsp")
@click.option("--stdio", "stdio", is_flag=True, default=True, help="Talk over standard input and output (the default).")
@click.option("--tcp", "port", type=click.IntRange(1, 65535), default=None, metavar="PORT",
              help="Listen on PORT (TCP) instead of standard streams.")
@click.option("--host", default="127.0.0.1", show_default=True, help="The address --tcp listens on.")
@click.option("--debounce", type=click.IntRange(0, 10_000), default=150, show_default=True, metavar="MS",
              help="Check a buffer this many milliseconds after its last change.")
@docs_url_option
def command(stdio: bool, port: int | None, host: str, debounce: int, docs: str | None) -> None:
    """Run the language server of agreements: diagnostics as you type, hover, completion, outline and
    navigation, for any editor that speaks the Language Server Protocol."""
    from agreed.lsp.server import serve_stdio, serve_tcp

    _end_now(serve_tcp(host, port, debounce / 1000, docs) if port is not None else serve_stdio(debounce / 1000, docs))


def _end_now(code: int) -> NoReturn:
    """End the process with ``code`` once its output is flushed, without the interpreter's wait for every worker
    thread: after the client's exit, one may be blocked reading the input the client keeps open, or be in the middle
    of a check whose diagnostics no one will read."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(ValueError, OSError):  # pygls closes standard output on the exit notification
            stream.flush()
    os._exit(code)
