"""The ``agreed`` command: a click group with one module per command, registered explicitly in :data:`COMMANDS`.

A command's module is imported only when that command runs (or ``--help`` lists them all), so ``agreed lint`` in a
pre-commit hook never pays for the consent or history commands, nor they for each other.
"""

from __future__ import annotations

import gc
import importlib
import os
import sys
from typing import Any

import click

from agreed.version import __version__

# command name -> (module under agreed.cli, attribute holding the click command), in the order --help lists them
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": ("validate", "command"),
    "lint": ("lint", "command"),
    "rules": ("rules", "rules_command"),
    "explain": ("rules", "explain_command"),
    "new": ("new", "command"),
    "check-text": ("check_text", "command"),
    "schema": ("schema_command", "command"),
    "diff": ("diff", "command"),
    "history": ("history", "command"),
    "digest": ("digest", "command"),
    "sign": ("sign", "command"),
    "consent": ("consent", "group"),
    "codeowners": ("codeowners", "command"),
    "init": ("init", "command"),
    "render": ("render", "command"),
    "due": ("due", "command"),
    "site": ("site", "command"),
    "calendar": ("calendar", "command"),
    "lsp": ("lsp", "command"),
}

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader closed the pipe


class _Guarded(click.Group):
    """Loads each command on first use (:data:`COMMANDS`) and turns an unexpected exception into a one-line error
    and exit 2, never a traceback."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def resolve_command(self, ctx: click.Context, args: list[str]) -> tuple[str | None, click.Command | None,
                                                                             list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS and not ctx.resilient_parsing:
            from agreed.lint.rule import closest_name  # commands load lazily, so click has no names to suggest

            close = closest_name(name, COMMANDS)
            ctx.fail(f"No such command {name!r}." + (f" Did you mean {close!r}?" if close else ""))
        return super().resolve_command(ctx, args)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module, attribute = COMMANDS[cmd_name]
        command: click.Command = getattr(_imported(f"agreed.cli.{module}"), attribute)
        return command

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


def _imported(name: str) -> Any:
    """The module ``name``, imported with the garbage collector paused the first time: a command's modules build many
    objects (rules, patterns, classes) that live as long as the process, and collections made while importing them,
    then over them at every later collection, cost a one-file lint about a twentieth of its time. They are moved out
    of the collector's sight (``gc.freeze``) once imported."""
    if name in sys.modules:
        return sys.modules[name]
    collecting = gc.isenabled()  # a host that runs the command line in its process may have switched it off
    gc.disable()
    try:
        return importlib.import_module(name)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


@click.group(cls=_Guarded, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 110})
@click.version_option(__version__, "--version", "-V", prog_name="agreed")
def main() -> None:
    """Plain-text agreements between peers, checked like code."""
