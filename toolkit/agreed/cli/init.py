"""``agreed init``: set up the current git repository for agreements (see :mod:`agreed.init`)."""

from __future__ import annotations

from pathlib import Path

import click

from agreed.cli.output import EXIT_CLEAN, usage_error
from agreed.init import CI_CHOICES, EDITOR_CHOICES, Action, CiExtras, InitError, Outcome, initialise
from agreed.sources import repository_root

_WIDTH = max(len(outcome.value) for outcome in Outcome)


@click.command("init")
@click.option("--ci", type=click.Choice(CI_CHOICES), default="github", show_default=True,
              help="The CI to set up: a GitHub Actions workflow, a GitLab CI job, or none.")
@click.option("--pages/--no-pages", default=False, show_default=True,
              help="Also publish every agreement as a site ('agreed site') on GitHub Pages "
                   "(.github/workflows/agreed-pages.yml) or GitLab Pages (a job 'pages'), built on each push to "
                   "the default branch and daily (GitHub) or in scheduled pipelines (GitLab).")
@click.option("--due-reminder/--no-due-reminder", default=False, show_default=True,
              help="Also post what falls due ('agreed due --format markdown') to one issue kept up to date, on a "
                   "schedule: weekly on GitHub (.github/workflows/agreed-due.yml), or a job 'agreed-due' for a "
                   "GitLab pipeline schedule (needs a CI variable AGREED_DUE_TOKEN).")
@click.option("--editor", type=click.Choice(EDITOR_CHOICES), default="none", show_default=True,
              help="Also recommend the editor set-up: for vscode, the YAML extension in .vscode/extensions.json and "
                   "the schema copy for every agreement file in .vscode/settings.json (yaml.schemas), merged into "
                   "the files you have (keeping their indentation); a file with comments is left, with what to "
                   "add printed, and an extension you marked unwanted is not recommended.")
@click.option("--force", is_flag=True,
              help="Replace the files init owns (template, schema copy, .agreed.yaml, workflows) and the diff "
                   "driver setting when they differ; shared files (.pre-commit-config.yaml, .gitlab-ci.yml, "
                   ".gitattributes) are never rewritten.")
def command(ci: str, pages: bool, due_reminder: bool, editor: str, force: bool) -> None:
    """Set up this git repository: contracts/, the schema for editors, configuration, pre-commit hook, the git
    diff driver and CI, with --pages and --due-reminder also a Pages site and a scheduled reminder of what is
    due, and with --editor vscode the editor's recommended extension and schema mapping. Never overwrites your
    files without --force; a second run changes nothing.

    Exit codes: 0 done, 2 not inside a git repository, --pages or --due-reminder with --ci none, or a step failed.
    """
    if ci == "none" and (pages or due_reminder):
        usage_error("--pages and --due-reminder add CI jobs: use them with --ci github or --ci gitlab")
    root = repository_root(Path.cwd())
    if root is None:
        usage_error("not inside a git repository; run 'git init' first")
    try:
        actions = initialise(root, ci, force=force, extras=CiExtras(pages=pages, due_reminder=due_reminder),
                             editor=editor)
    except InitError as error:
        usage_error(str(error))
    for action in actions:
        click.echo(_line(action))
        if action.snippet:
            click.echo(_to_add(action))
    click.echo(_next_steps(actions))
    raise SystemExit(EXIT_CLEAN)


def _line(action: Action) -> str:
    note = f"  ({action.note})" if action.note else ""
    return f"{action.outcome.value:<{_WIDTH}}  {action.target}{note}"


def _to_add(action: Action) -> str:
    """Where to add the snippet, then the snippet itself exactly as it is to be pasted (not indented, or it would
    not parse there), then a blank line that ends it."""
    return f"{action.instruction}\n{action.snippet}"


def _next_steps(actions: list[Action]) -> str:
    """The closing line: what to do next, and never "set up" while a step still needs the user's hand or a file or
    setting init writes was kept though it differs."""
    changed = any(action.outcome in (Outcome.CREATED, Outcome.UPDATED) for action in actions)
    by_hand = sum(action.outcome is Outcome.MANUAL for action in actions)
    pending = f"{by_hand} step{'s' * (by_hand != 1)} need{'s' * (by_hand == 1)} your hand (see above)"
    if not changed:
        kept = [action.target for action in actions if action.outcome is Outcome.KEPT]
        if kept:
            return f"Nothing changed: {f'{pending}, and ' if by_hand else ''}{_kept(kept)}."
        return f"Nothing else to change, but {pending}." if by_hand else "Nothing to change: the repository is set up."
    first = f"Next: {pending}; then " if by_hand else "Next: "
    return (f"{first}'agreed new ID --party A --party B' starts an agreement; 'pre-commit install' enables the hook; "
            "commit the new files.")


def _kept(targets: list[str]) -> str:
    """That ``targets`` were left as they are although they differ from what init writes, and how to replace them."""
    if len(targets) == 1:
        return f"{targets[0]} differs from what agreed init writes and was kept as it is; --force replaces it"
    return (f"{', '.join(targets[:-1])} and {targets[-1]} differ from what agreed init writes and were kept as they "
            "are; --force replaces them")
