"""agreed schema: the packaged agreement schema, or where it is."""

from __future__ import annotations

import json

from click.testing import CliRunner

from agreed.cli import main
from agreed.schema import load_schema


def test_schema_command_prints_the_packaged_schema() -> None:
    output = CliRunner().invoke(main, ["schema"]).output
    assert json.loads(output) == load_schema()


def test_schema_path_names_the_packaged_file() -> None:
    assert CliRunner().invoke(main, ["schema", "--path"]).output.strip().endswith("agreement.schema.json")
