"""No module of the package binds a top-level name twice: a second binding replaces the first for every function
that reads it, whatever the first was meant for (a set of determiners narrowed for one new function once changed how
every noun phrase was read)."""

from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "toolkit" / "agreed"


def _top_level_names(tree: ast.Module) -> Counter[str]:
    names: Counter[str] = Counter()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names[node.name] += 1
        if isinstance(node, ast.Assign):
            names.update(target.id for target in node.targets if isinstance(target, ast.Name))
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names[node.target.id] += 1
    return names


@pytest.mark.parametrize("module", sorted(PACKAGE.rglob("*.py")), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_each_top_level_name_is_bound_once(module: Path) -> None:
    names = _top_level_names(ast.parse(module.read_text(encoding="utf-8")))
    assert [name for name, count in names.items() if count > 1] == []


def test_a_second_binding_is_found() -> None:
    names = _top_level_names(ast.parse("A = frozenset()\ndef f() -> None: ...\nA = frozenset({1})\n"))
    assert names["A"] == 2
