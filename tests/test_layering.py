"""The layering contract of the package, checked over its import graph (read with ``ast``, nothing is imported).

From the top down:

* entry: the command line (``agreed.cli``, ``python -m agreed``) and the library surface (``agreed.api``);
* services: ``lint``, ``history``, ``consent``, the renderers (``report``), ``init``, ``template`` (and the views and
  the language server to come);
* foundation: the agreement model and what reads it (``document``, ``compose``, ``schema``, ``yaml_io``, ``git``,
  ``text``, ``sources``, ``settings``, ``people``, ``cache``, ``reading`` ...);
* bottom: ``problem``, ``codes`` and ``version``, the leaves everything may name.

A module imports only its own layer or the layers below it; nothing inside the package imports the package root
(``agreed/__init__``, the public face), no module takes part in an import cycle, and only ``cli/`` imports click.
Layers are given by module path prefixes, so a module that moves within its layer needs no change here; a new
module outside every prefix fails :func:`test_every_module_belongs_to_a_layer` until it is placed.

Every import counts, also one inside a function or under ``TYPE_CHECKING``: a deferred import is still a dependency.
Where today's code still breaks the contract, the breach is listed in :data:`KNOWN_BREACHES` (an allow-list that
may only shrink: a listed breach that is gone fails the test, so the list is emptied as the code is fixed).
"""

from __future__ import annotations

import ast
import enum
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path

PACKAGE = "agreed"
ROOT = Path(__file__).resolve().parents[1] / "toolkit" / PACKAGE


class Layer(enum.IntEnum):
    BOTTOM = 1
    FOUNDATION = 2
    SERVICES = 3
    ENTRY = 4


# Module path prefixes (a prefix matches the module itself and everything below it); the longest prefix wins.
LAYERS: Mapping[str, Layer] = {
    "agreed.__main__": Layer.ENTRY,
    "agreed.cli": Layer.ENTRY,
    "agreed.api": Layer.ENTRY,
    "agreed.lint": Layer.SERVICES,
    "agreed.history": Layer.SERVICES,
    "agreed.consent": Layer.SERVICES,
    "agreed.report": Layer.SERVICES,
    "agreed.render": Layer.SERVICES,
    "agreed.site": Layer.SERVICES,
    "agreed.due": Layer.SERVICES,
    "agreed.schedule": Layer.SERVICES,
    "agreed.ics": Layer.SERVICES,
    "agreed.feed": Layer.SERVICES,
    "agreed.lsp": Layer.SERVICES,
    "agreed.init": Layer.SERVICES,
    "agreed.template": Layer.SERVICES,
    "agreed.agreement": Layer.FOUNDATION,
    "agreed.cadence": Layer.FOUNDATION,
    "agreed.measured": Layer.FOUNDATION,
    "agreed.people": Layer.FOUNDATION,
    "agreed.settings": Layer.FOUNDATION,
    "agreed.toml_layout": Layer.FOUNDATION,
    "agreed.schema": Layer.FOUNDATION,
    "agreed.document": Layer.FOUNDATION,
    "agreed.compose": Layer.FOUNDATION,
    "agreed.yaml_io": Layer.FOUNDATION,
    "agreed.git": Layer.FOUNDATION,
    "agreed.text": Layer.FOUNDATION,
    "agreed.cache": Layer.FOUNDATION,
    "agreed.sources": Layer.FOUNDATION,
    "agreed.reading": Layer.FOUNDATION,
    "agreed.lines": Layer.FOUNDATION,
    "agreed.atomic": Layer.FOUNDATION,
    "agreed.printable": Layer.FOUNDATION,
    "agreed.visible": Layer.FOUNDATION,
    "agreed.problem": Layer.BOTTOM,
    "agreed.errors": Layer.BOTTOM,
    "agreed.codes": Layer.BOTTOM,
    "agreed.record": Layer.BOTTOM,
    "agreed.version": Layer.BOTTOM,
}

# The package root is the public face (the library surface, imported lazily); nothing inside imports it.
FACE = PACKAGE
CLICK_USERS = "agreed.cli"

# Breaches of the contract in today's code, each (importer, imported); to be emptied, never added to.
KNOWN_BREACHES: frozenset[tuple[str, str]] = frozenset({
})


@dataclass(frozen=True, slots=True)
class Import:
    importer: str
    imported: str
    line: int

    @property
    def where(self) -> str:
        return f"{self.importer} (line {self.line}) imports {self.imported}"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


@cache
def modules() -> Mapping[str, Path]:
    return {module_name(path): path for path in sorted(ROOT.rglob("*.py"))}


def _resolved(name: str) -> str:
    """``name`` as a module of the package: itself when it is one, else its closest enclosing module (an attribute
    such as ``agreed.codes.SYNTAX`` resolves to ``agreed.codes``; ``agreed.__version__`` to the root)."""
    while name not in modules() and "." in name:
        name = name.rpartition(".")[0]
    return name


def _targets(node: ast.Import | ast.ImportFrom, importer: str) -> Iterator[str]:
    if isinstance(node, ast.Import):
        yield from (alias.name for alias in node.names)
        return
    base = node.module or ""
    if node.level:  # relative: from the importer's package upwards
        package = importer if modules()[importer].name == "__init__.py" else importer.rpartition(".")[0]
        for _ in range(node.level - 1):
            package = package.rpartition(".")[0]
        base = f"{package}.{base}" if base else package
    yield from (f"{base}.{alias.name}" for alias in node.names)


@cache
def imports() -> tuple[Import, ...]:
    """Every import of every module of the package, wherever it stands in the module."""
    found: list[Import] = []
    for importer, path in modules().items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import | ast.ImportFrom):
                found += [Import(importer, target, node.lineno) for target in _targets(node, importer)]
    return tuple(found)


def internal_imports() -> list[Import]:
    return [Import(i.importer, _resolved(i.imported), i.line) for i in imports()
            if i.imported == PACKAGE or i.imported.startswith(f"{PACKAGE}.")]


def layer_of(module: str) -> Layer | None:
    matches = [prefix for prefix in LAYERS if module == prefix or module.startswith(f"{prefix}.")]
    return LAYERS[max(matches, key=len)] if matches else None


def _cycles(edges: Mapping[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module, or of one that imports itself (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component: list[str] = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def breaches(items: Iterable[Import]) -> dict[tuple[str, str], str]:
    """Every import of ``items`` against the contract, with the rule it breaks."""
    found: dict[tuple[str, str], str] = {}
    for item in items:
        if item.importer == item.imported:
            continue
        if item.imported == FACE and item.importer != FACE:
            found[(item.importer, item.imported)] = f"{item.where}: the package root, from inside the package"
            continue
        importer, imported = layer_of(item.importer), layer_of(item.imported)
        if importer is not None and imported is not None and imported > importer:
            found[(item.importer, item.imported)] = (f"{item.where}: an upward import "
                                                     f"({importer.name.lower()} -> {imported.name.lower()})")
    return found


# ------------------------------------------------------------------------------------------ the tests


def test_the_package_is_found() -> None:
    assert {"agreed", "agreed.cli", "agreed.problem", "agreed.codes"} <= set(modules())
    assert internal_imports()


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = sorted(module for module in modules() if module != FACE and layer_of(module) is None)
    assert not unplaced, f"place these modules in a layer of LAYERS: {unplaced}"


def _graph(piece_of: Callable[[str], str]) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for item in internal_imports():
        importer, imported = piece_of(item.importer), piece_of(item.imported)
        if item.importer != FACE and importer != imported:  # the face re-exports lazily; checked on its own below
            edges.setdefault(importer, set()).add(imported)
    return edges


def _top_level_piece(module: str) -> str:
    """``agreed.lint`` for ``agreed.lint.rules.placeholder``: a package or module directly below the root."""
    return ".".join(module.split(".")[:2])


def test_no_module_takes_part_in_an_import_cycle() -> None:
    assert _cycles(_graph(lambda module: module)) == []


def test_the_top_level_packages_import_each_other_without_a_cycle() -> None:
    """Services may use one another (consent reads history), but never both ways round."""
    assert _cycles(_graph(_top_level_piece)) == []


def test_the_cycle_finder_finds_loops_and_only_loops() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a", "d"}, "d": {"e"}, "e": set(), "f": {"f"}}
    assert _cycles(edges) == [["a", "b", "c"], ["f"]]


def test_imports_follow_the_layers_apart_from_the_known_breaches() -> None:
    found = breaches(internal_imports())
    new = sorted(reason for edge, reason in found.items() if edge not in KNOWN_BREACHES)
    assert not new, "imports against the layering contract:\n" + "\n".join(new)


def test_every_known_breach_still_exists() -> None:
    """The allow-list only shrinks: a breach fixed in the code leaves KNOWN_BREACHES too."""
    gone = sorted(KNOWN_BREACHES - set(breaches(internal_imports())))
    assert not gone, f"fixed, so remove them from KNOWN_BREACHES: {gone}"


def test_an_upward_import_and_an_import_of_the_root_are_breaches() -> None:
    found = breaches([Import("agreed.cache", "agreed.lint.rule", 1), Import("agreed.report.json", "agreed", 2),
                      Import("agreed.lint.engine", "agreed.document", 3), Import("agreed.cli.lint", "agreed.lint", 4)])
    assert sorted(found) == [("agreed.cache", "agreed.lint.rule"), ("agreed.report.json", "agreed")]
    assert "upward import (foundation -> services)" in found[("agreed.cache", "agreed.lint.rule")]


def test_only_the_command_line_imports_click() -> None:
    users = sorted({i.where for i in imports()
                    if (i.imported == "click" or i.imported.startswith("click."))
                    and not (i.importer == CLICK_USERS or i.importer.startswith(f"{CLICK_USERS}."))})
    assert not users, users


def test_the_bottom_layer_imports_only_itself() -> None:
    below = sorted(i.where for i in internal_imports()
                   if layer_of(i.importer) is Layer.BOTTOM and layer_of(i.imported) is not Layer.BOTTOM)
    assert not below, below
