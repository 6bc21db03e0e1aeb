"""``agreed render FILE``: one agreement as a page people read, in Markdown or as a self-contained HTML file."""

from __future__ import annotations

from pathlib import Path

import click

from agreed.cli.output import EXIT_CLEAN, deliver, format_option, output_option, usage_error
from agreed.render.formats import RENDER_FORMATS
from agreed.render.run import RenderError, agreement_page
from agreed.visible import visible


@click.command("render")
@click.argument("file", type=click.Path(path_type=str))
@format_option(RENDER_FORMATS)
@output_option
@click.option("--reviews", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="FILE",
              help="Reviews exported as JSON, consent evidence for agreements that accept 'review' (as for "
                   "agreed consent status).")
@click.option("--no-consent", is_flag=True, help="Leave the consent panel out (it needs the file's git repository).")
def command(file: str, output_format: str, output: Path | None, reviews: Path | None, no_consent: bool) -> None:
    """Render the agreement FILE as a page: parties, the result, who owes what to whom by when, the celebration,
    how the partners work together, reservations and renegotiation, and each party's consent (valid, stale or
    missing). --format html writes one self-contained page (no network, no script; prints on A4 and Letter).
    Exit 0, or 2 when FILE cannot be read or is no agreement."""
    try:
        page = agreement_page(Path(file), file, consent=not no_consent, reviews_file=reviews)
    except RenderError as error:
        usage_error(str(error))
    deliver(RENDER_FORMATS.render(output_format, page), output, f"{visible(page.source)}: rendered.", output_format)
    raise SystemExit(EXIT_CLEAN)
