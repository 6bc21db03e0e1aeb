"""``agreed rules`` lists every rule; ``agreed explain RULE`` prints one rule's documentation."""

from __future__ import annotations

import inspect
import json

import click

from agreed.cli.output import format_option, usage_error
from agreed.lint.rule import Rule, did_you_mean
from agreed.lint.rules import all_rules
from agreed.report.rules import RULES_FORMATS


@click.command("rules")
@format_option(RULES_FORMATS)
def rules_command(output_format: str) -> None:
    """List every rule: code, name, category, default severity and summary."""
    click.echo(RULES_FORMATS.render(output_format, list(all_rules().values())), nl=False)


def find_rule(key: str) -> Rule | None:
    wanted = key.strip().lower()
    return next((rule for rule in all_rules().values() if wanted in (rule.code.lower(), rule.name)), None)


@click.command("explain")
@click.argument("rule")
def explain_command(rule: str) -> None:
    """Print the documentation of RULE (a code such as V101 or a name such as subjective-quality)."""
    found = find_rule(rule)
    if found is None:
        known = [name for each in all_rules().values() for name in (each.code, each.name)]
        usage_error(f"unknown rule {rule!r}{did_you_mean(rule, known)}; 'agreed rules' lists them")
    click.echo(f"{found.code} {found.name} ({found.category.value}, default {found.severity.label})\n")
    click.echo(inspect.cleandoc(found.doc))
    facts = _facts(found)
    if facts:
        click.echo("\n" + "\n".join(facts))


def _facts(rule: Rule) -> list[str]:
    """What the docstring does not say: elements checked, clock dependence, options with defaults."""
    facts = [f"Elements checked: {', '.join(rule.elements)}"] if rule.elements else []
    if rule.clock:
        facts.append("Depends on today's date (set --today for reproducible runs).")
    for name, spec in dict(rule.options_schema or {}).get("properties", {}).items():
        facts.append(f"Option {name}: {spec.get('type', 'value')}, default {json.dumps(spec.get('default'))} "
                     f"(set under rules: {{{rule.code}: {{options: {{{name}: ...}}}}}})")
    if not rule.suppressible:
        facts.append("Cannot be suppressed or switched off.")
    return facts
