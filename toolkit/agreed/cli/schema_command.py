"""``agreed schema``: print the packaged agreement schema, e.g. to keep a copy for editors."""

from __future__ import annotations

import click

from agreed.schema import schema_path


@click.command("schema")
@click.option("--path", "show_path", is_flag=True, help="Print where the packaged schema file is instead.")
def command(show_path: bool) -> None:
    """Print the agreement JSON Schema (for editors: save it and point the $schema modeline at it)."""
    location = schema_path()
    click.echo(str(location) if show_path else location.read_text(encoding="utf-8"), nl=show_path)
