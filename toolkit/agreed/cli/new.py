"""``agreed new``: start an agreement from the template."""

from __future__ import annotations

import os
from pathlib import Path

import click

from agreed.atomic import RefusedTarget, write_atomically
from agreed.cli.files import DEFAULT_FOLDER
from agreed.cli.output import usage_error
from agreed.sources import default_folder, repository_root
from agreed.template import new_agreement, parse_party, schema_link


@click.command("new")
@click.argument("agreement_id", metavar="ID")
@click.option("--party", "parties", multiple=True, required=True, metavar="ID[=NAME]",
              help="A party to the agreement (repeat for each).")
@click.option("--title", default=None, help="The agreement's title (default: the id).")
@click.option("--dir", "folder", type=click.Path(file_okay=False, path_type=Path), default=None,
              help=f"Folder to write the agreement into [default: {DEFAULT_FOLDER}/ at the repository root, as "
                   "every command finds it].")
def command(agreement_id: str, parties: tuple[str, ...], title: str | None, folder: Path | None) -> None:
    """Write a new draft agreement ID.yaml from the template; never overwrites.

    ID is the agreement's id ('sales-onboarding'), not a file name: the file is named after it.
    """
    into = folder if folder is not None else Path(os.path.relpath(default_folder(Path.cwd())))
    link = schema_link(into, repository_root(into) or Path.cwd())
    try:
        text = new_agreement(agreement_id, title or agreement_id, [parse_party(party) for party in parties], link)
    except ValueError as error:
        usage_error(str(error))
    target = into / f"{agreement_id}.yaml"
    try:
        write_atomically(target, text, overwrite=False)
    except FileExistsError:
        usage_error(f"{target} already exists; not overwriting it")
    except RefusedTarget as error:
        usage_error(str(error))
    except OSError as error:
        usage_error(f"cannot write {target}: {error.strerror or error}")
    click.echo(f"Created {target.as_posix()} (status: draft). Fill it in together, then run "
               f"'agreed lint {target.as_posix()}'.")
