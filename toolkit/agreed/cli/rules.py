"""``agreed rules`` lists every rule; ``agreed explain RULE`` prints one rule's documentation, what reads an
element, or a category's rules."""

from __future__ import annotations

import click

from agreed.cli.output import format_option, usage_error
from agreed.lint.rule import Category, did_you_mean
from agreed.lint.rules import all_rules, find_rule, scope
from agreed.report.rules import RULES_FORMATS, category_explanation, element_explanation, explanation


@click.command("rules")
@format_option(RULES_FORMATS)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, category, default severity and summary."""
    click.echo(RULES_FORMATS.render(output_format, list(all_rules().values())), nl=False)


@click.command("explain")
@click.argument("rule")
def explain_command(rule: str) -> None:
    """Print the documentation of RULE (a code such as V101 or a name such as subjective-quality); for an element id
    such as R-ALERTS, the text rules that read it and the rules that check it; for a category such as weak-verb, its
    rules."""
    found = find_rule(rule)
    if found is not None:
        click.echo(explanation(found), nl=False)
        return
    rules = list(all_rules().values())
    element = element_explanation(rule, rules) or category_explanation(rule, rules)
    if element is None:
        categories = [category.value for category in Category]
        known = [*(name for each in rules for name in (each.code, each.name)), *scope.ELEMENT_IDS, *categories]
        usage_error(f"{rule!r} is no rule, element or category{did_you_mean(rule, known)}: 'agreed rules' lists the "
                    "rules and their categories; an element is named by its id, such as R-ALERTS")
    click.echo(element, nl=False)
