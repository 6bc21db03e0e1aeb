"""The ``agreed`` command: a click group with one module per command, registered explicitly."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from agreed import __version__
from agreed.cli import (
    check_text,
    codeowners,
    consent,
    diff,
    digest,
    history,
    init,
    lint,
    new,
    rules,
    schema_command,
    sign,
    validate,
)

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader closed the pipe


class _Guarded(click.Group):
    """Turns an unexpected exception into a one-line error and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader went away (e.g. `agreed rules | head`): stop quietly, as cat does
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise SystemExit(EXIT_BROKEN_PIPE) from None
        except Exception as error:
            if os.environ.get("AGREED_DEBUG"):
                raise
            click.echo(f"agreed: internal error: {type(error).__name__}: {error} "
                       "(set AGREED_DEBUG=1 for details; please report it)", err=True)
            raise SystemExit(2) from None


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, "--version", "-V", prog_name="agreed")
def main() -> None:
    """Plain-text agreements between peers, checked like code."""


for command in (validate.command, lint.command, rules.rules_command, rules.explain_command, new.command,
                check_text.command, schema_command.command, diff.command, history.command,
                digest.command, sign.command, consent.group, codeowners.command,
                init.command):
    main.add_command(command)
