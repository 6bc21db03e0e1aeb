"""``agreed rules`` lists every rule; ``agreed explain RULE`` prints one rule's documentation, or what reads an
element."""

from __future__ import annotations

import click

from agreed.cli.output import format_option, usage_error
from agreed.lint.rule import did_you_mean
from agreed.lint.rules import all_rules, find_rule, scope
from agreed.report.rules import RULES_FORMATS, element_explanation, explanation


@click.command("rules")
@format_option(RULES_FORMATS)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, category, default severity and summary."""
    click.echo(RULES_FORMATS.render(output_format, list(all_rules().values())), nl=False)


@click.command("explain")
@click.argument("rule")
def explain_command(rule: str) -> None:
    """Print the documentation of RULE (a code such as V101 or a name such as subjective-quality), or, for an
    element id such as R-ALERTS, the text rules that read it and the rules that check it."""
    found = find_rule(rule)
    if found is not None:
        click.echo(explanation(found), nl=False)
        return
    element = element_explanation(rule, list(all_rules().values()))
    if element is None:
        known = [*(name for each in all_rules().values() for name in (each.code, each.name)), *scope.ELEMENT_IDS]
        usage_error(f"unknown rule {rule!r}{did_you_mean(rule, known)}; 'agreed rules' lists them")
    click.echo(element, nl=False)
