"""The prose analysis stays light: every module of the package imports only small standard modules."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from agreed import text as text_package


@pytest.mark.parametrize("module", sorted(Path(text_package.__file__).parent.glob("*.py")), ids=lambda path: path.name)
def test_text_module_imports_only_light_standard_modules(module: Path) -> None:
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
    imported |= {node.module or "" for node in tree.body if isinstance(node, ast.ImportFrom)}
    imported -= {name for name in imported if name.startswith("agreed.text.")}  # the package's own modules
    # bisect, array: small C modules; os and sys: loaded by every interpreter before any import
    light = {"__future__", "re", "enum", "bisect", "dataclasses", "functools", "array", "os", "sys"}
    assert imported <= light | {"agreed.record"}  # agreed.record: the leaf that defines records
