"""The README's command table against the commands themselves: a row for each command ``agreed --help`` lists and
none other, and each row naming every option its command's ``--help`` shows (any one spelling of it: ``-o`` for
``-o, --output``, ``--pages`` for ``--pages / --no-pages``) and no option the command lacks. A new option cannot
then be left out of the table, as ``--editor`` once was from the ``agreed init`` row."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from agreed.cli import main

README = Path(__file__).resolve().parent.parent / "README.md"
ROW = re.compile(r"^\| `agreed ([a-z-]+)")
OPTION_NAME = re.compile(r"(?<![\w-])--?[a-z][a-z-]*")


def _help(*command: str) -> str:
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0, result.output
    return result.output


def _section(help_text: str, title: str) -> list[str]:
    """The lines of the section ``title`` (``Options:``, ``Commands:``) of a click help text."""
    lines = help_text.splitlines()
    start = lines.index(title) + 1 if title in lines else len(lines)
    end = next((index for index in range(start, len(lines)) if lines[index] and not lines[index][0].isspace()),
               len(lines))
    return lines[start:end]


def _subcommands(*command: str) -> list[str]:
    """The commands the help of ``command`` lists (the first word of each entry, at two spaces)."""
    return [line.split()[0] for line in _section(_help(*command), "Commands:") if re.match(r"^  \S", line)]


def _options(help_text: str) -> list[tuple[str, ...]]:
    """Each option of a help text but --help, as its spellings: the first column of an entry at two spaces (a
    description's wrapped lines are indented further)."""
    entries = (re.match(r"^  (-\S.*?)(?:\s{2,}|$)", line) for line in _section(help_text, "Options:"))
    spellings = (tuple(OPTION_NAME.findall(entry.group(1))) for entry in entries if entry)
    return [names for names in spellings if "--help" not in names]


def _rows() -> dict[str, str]:
    rows: dict[str, str] = {}
    for line in README.read_text(encoding="utf-8").splitlines():
        if found := ROW.match(line):
            assert found.group(1) not in rows, f"two rows for agreed {found.group(1)}"
            rows[found.group(1)] = line
    return rows


def _command_options(name: str) -> list[tuple[str, ...]]:
    """The options of ``agreed NAME``, or of each of its subcommands when it is a group (``agreed consent``)."""
    helps = [_help(name, sub) for sub in _subcommands(name)] or [_help(name)]
    return [names for help_text in helps for names in _options(help_text)]


def _unmentioned(row: str, options: list[tuple[str, ...]]) -> list[str]:
    mentioned = set(OPTION_NAME.findall(row))
    return [names[-1] if names[-1].startswith("--") else names[0] for names in options
            if not mentioned.intersection(names)]


def _unknown(row: str, options: list[tuple[str, ...]]) -> list[str]:
    known = {name for names in options for name in names}
    return sorted(set(OPTION_NAME.findall(row)) - known)


def test_the_table_has_a_row_for_each_command_and_no_other() -> None:
    commands = _subcommands()
    assert commands, "agreed --help lists no command"
    assert sorted(_rows()) == sorted(commands)


@pytest.mark.parametrize("name", sorted(_rows()))
def test_each_row_names_every_option_of_its_command_and_no_other(name: str) -> None:
    row = _rows()[name]
    options = _command_options(name)
    assert _unmentioned(row, options) == [], f"the README row of agreed {name} lacks these options"
    assert _unknown(row, options) == [], f"the README row of agreed {name} names options it does not take"


def test_a_row_lacking_an_option_or_naming_a_stale_one_is_caught() -> None:
    options = _command_options("init")
    old_row = ("| `agreed init [--ci github\\|gitlab\\|none] [--pages] [--due-reminder] [--force]` | set up this "
               "repository |")
    assert _unmentioned(old_row, options) == ["--editor"]
    assert _unknown(old_row.replace("--force", "--overwrite"), options) == ["--overwrite"]
    assert _unmentioned(old_row.replace("[--pages]", "[--no-pages]"), options) == ["--editor"]  # either spelling
