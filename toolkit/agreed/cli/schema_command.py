"""``agreed schema``: print the packaged agreement schema, e.g. to keep a copy for editors, or a reference of every
key written from it."""

from __future__ import annotations

import click

from agreed.cli.output import format_option
from agreed.report.schema import SCHEMA_FORMATS, PackagedSchema
from agreed.schema import schema_path


@click.command("schema")
@click.option("--path", "show_path", is_flag=True, help="Print where the packaged schema file is instead.")
@format_option(SCHEMA_FORMATS, "json: the schema as shipped; markdown: a reference of every key, written from it.")
def command(show_path: bool, output_format: str) -> None:
    """Print the agreement JSON Schema (for editors: save it and point the $schema modeline at it)."""
    location = schema_path()
    if show_path:
        click.echo(str(location))
        return
    click.echo(SCHEMA_FORMATS.render(output_format, PackagedSchema(location.read_text(encoding="utf-8"))), nl=False)
