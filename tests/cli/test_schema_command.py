"""agreed schema: the packaged agreement schema, or where it is, or the reference written from it."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from agreed.cli import main
from agreed.schema import load_schema, schema_path

REPOSITORY = Path(__file__).resolve().parents[2]
REFERENCE = REPOSITORY / "docs" / "schema.md"


def test_schema_command_prints_the_packaged_schema() -> None:
    output = CliRunner().invoke(main, ["schema"]).output
    assert json.loads(output) == load_schema()


def test_schema_path_names_the_packaged_file() -> None:
    assert CliRunner().invoke(main, ["schema", "--path"]).output.strip().endswith("agreement.schema.json")


def test_the_default_format_is_the_schema_file_byte_for_byte() -> None:
    result = CliRunner().invoke(main, ["schema"])
    assert result.exit_code == 0
    assert result.output == schema_path().read_text(encoding="utf-8")
    assert CliRunner().invoke(main, ["schema", "--format", "json"]).output == result.output


def test_the_committed_reference_is_what_the_command_writes_today() -> None:
    result = CliRunner().invoke(main, ["schema", "--format", "markdown"])
    assert result.exit_code == 0
    assert result.output.startswith("# The agreement format, key by key\n")
    assert REFERENCE.read_text(encoding="utf-8") == result.output, (
        "docs/schema.md is out of date: agreed schema --format markdown > docs/schema.md"
    )


def test_the_readme_and_the_elements_list_link_to_the_reference() -> None:
    assert "(docs/schema.md)" in (REPOSITORY / "README.md").read_text(encoding="utf-8")
    assert "(../docs/schema.md)" in (REPOSITORY / "schema" / "ELEMENTS.md").read_text(encoding="utf-8")


def test_an_unknown_format_is_a_usage_error() -> None:
    result = CliRunner().invoke(main, ["schema", "--format", "html"])
    assert result.exit_code == 2
    assert "'html' is not one of 'json', 'markdown'" in result.output
