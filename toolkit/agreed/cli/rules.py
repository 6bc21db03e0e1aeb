"""``agreed rules`` lists every rule; ``agreed explain RULE`` prints one rule's documentation."""

from __future__ import annotations

import click

from agreed.cli.output import format_option, usage_error
from agreed.lint.rule import did_you_mean
from agreed.lint.rules import all_rules, find_rule
from agreed.report.rules import RULES_FORMATS, explanation


@click.command("rules")
@format_option(RULES_FORMATS)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, category, default severity and summary."""
    click.echo(RULES_FORMATS.render(output_format, list(all_rules().values())), nl=False)


@click.command("explain")
@click.argument("rule")
def explain_command(rule: str) -> None:
    """Print the documentation of RULE (a code such as V101 or a name such as subjective-quality)."""
    found = find_rule(rule)
    if found is None:
        known = [name for each in all_rules().values() for name in (each.code, each.name)]
        usage_error(f"unknown rule {rule!r}{did_you_mean(rule, known)}; 'agreed rules' lists them")
    click.echo(explanation(found), nl=False)
