"""One Registry per result type, and the command line offering exactly its formats."""

from __future__ import annotations

import importlib

import click
import pytest

from agreed.cli import COMMANDS, main
from agreed.render.formats import RENDER_FORMATS
from agreed.report.changes import CHANGES_FORMATS
from agreed.report.consent_status import CONSENT_GATE_FORMATS, CONSENT_STATUS_FORMATS
from agreed.report.digest import DIGEST_FORMATS
from agreed.report.due import DUE_FORMATS
from agreed.report.lint import LINT_FORMATS
from agreed.report.registry import Registry, UnknownFormat
from agreed.report.rules import RULES_FORMATS
from agreed.report.schema import SCHEMA_FORMATS
from agreed.report.statements import STATEMENT_FORMATS
from agreed.report.timeline import TIMELINE_FORMATS


def test_names_keep_the_order_given_and_render_calls_the_named_renderer() -> None:
    registry: Registry[int, str] = Registry("numbers", {"plain": str, "hex": hex})
    assert registry.names() == ("plain", "hex")
    assert list(registry) == ["plain", "hex"]
    assert "hex" in registry
    assert "octal" not in registry
    assert registry.render("hex", 255) == "0xff"


def test_an_unknown_format_names_the_result_and_the_formats_there_are() -> None:
    registry: Registry[int, str] = Registry("numbers", {"plain": str, "hex": hex})
    with pytest.raises(UnknownFormat, match=r"no 'octal' format for numbers \(formats: plain, hex\)"):
        registry.render("octal", 8)


def _format_choices(command: click.Command) -> tuple[str, ...]:
    option = next(param for param in command.params if param.name == "output_format")
    assert isinstance(option.type, click.Choice)
    return tuple(option.type.choices)


def _command(*names: str) -> click.Command:
    module, attribute = COMMANDS[names[0]]
    command: click.Command = getattr(importlib.import_module(f"agreed.cli.{module}"), attribute)
    if len(names) > 1:
        assert isinstance(command, click.Group)
        found = command.get_command(click.Context(main), names[1])
        assert found is not None
        return found
    return command


@pytest.mark.parametrize(("names", "registry"), [
    (("lint",), LINT_FORMATS),
    (("validate",), LINT_FORMATS),
    (("diff",), CHANGES_FORMATS),
    (("history",), TIMELINE_FORMATS),
    (("consent", "status"), CONSENT_STATUS_FORMATS),
    (("consent", "check"), CONSENT_GATE_FORMATS),
    (("digest",), DIGEST_FORMATS),
    (("due",), DUE_FORMATS),
    (("render",), RENDER_FORMATS),
    (("check-text",), STATEMENT_FORMATS),
    (("rules",), RULES_FORMATS),
    (("schema",), SCHEMA_FORMATS),
])
def test_each_command_offers_exactly_its_results_formats(names: tuple[str, ...],
                                                          registry: Registry[object, object]) -> None:
    assert _format_choices(_command(*names)) == registry.names()
