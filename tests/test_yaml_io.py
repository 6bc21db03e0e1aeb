"""agreed.yaml_io: the one module that configures ruamel.yaml."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import agreed
from agreed import yaml_io

PACKAGE = Path(agreed.__file__).parent


def _imported_modules(source: Path) -> set[str]:
    tree = ast.parse(source.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            found.add(node.module)
    return found


def test_no_module_but_the_adapter_imports_ruamel() -> None:
    users = sorted(str(path.relative_to(PACKAGE)) for path in PACKAGE.rglob("*.py")
                   if any(name.split(".")[0] == "ruamel" for name in _imported_modules(path)))
    assert users == ["yaml_io.py"]


def test_round_trip_keeps_comments_and_quotes() -> None:
    text = "# heading\nid: x  # the id\ntitle: 'quoted'\nitems:\n  - a\n"
    data = yaml_io.round_trip_load(text)
    data["id"] = "y"
    assert yaml_io.round_trip_dump(data) == "# heading\nid: y  # the id\ntitle: 'quoted'\nitems:\n  - a\n"


def test_plain_loading_gives_data_or_none() -> None:
    assert yaml_io.load_plain("a: [07:00, 1]\n") == {"a": ["07:00", 1]}
    assert yaml_io.load_plain("a: [\n") is None


def test_parser_errors_leave_as_the_adapters_own_types() -> None:
    with pytest.raises(yaml_io.SyntaxFault) as raised:
        list(yaml_io.events("a: [b\n", pure=False))
    assert raised.value.problem_mark is not None
