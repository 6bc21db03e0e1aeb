"""The VS Code extension in ``editors/vscode/``, checked as far as it can be without VS Code: a manifest VS Code
accepts (its required fields, activation on YAML, the command setting), JavaScript node parses, the agreement
patterns of ``agreed init``, and its client library resolving from the pinned test clients (``tests/node``).
Activating it in VS Code is not tested; the README says so."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from agreed.init import AGREEMENT_GLOBS
from node_clients import node_executable, node_package

EXTENSION = Path(__file__).resolve().parents[2] / "editors" / "vscode"
TEST_CLIENTS = Path(__file__).resolve().parents[1] / "node"
CLIENT_LIBRARY = "vscode-languageclient"


def _manifest() -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((EXTENSION / "package.json").read_text(encoding="utf-8"))
    return manifest


def _caret_floor(range_: str) -> tuple[int, ...]:
    """The lowest version a ``^1.91.0`` range admits."""
    found = re.fullmatch(r"\^(\d+)\.(\d+)\.(\d+)", range_)
    assert found is not None, f"not a caret range: {range_!r}"
    return tuple(int(part) for part in found.groups())


def test_the_manifest_has_what_vs_code_requires_to_load_an_extension() -> None:
    manifest = _manifest()
    for field in ("name", "version", "publisher", "main"):
        assert isinstance(manifest[field], str), field
        assert manifest[field], field
    assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", manifest["name"])
    assert re.fullmatch(r"\d+\.\d+\.\d+", manifest["version"])
    assert (EXTENSION / manifest["main"]).resolve().is_file()
    assert manifest["activationEvents"] == ["onLanguage:yaml"]


def test_the_command_setting_defaults_to_agreed_lsp() -> None:
    setting = _manifest()["contributes"]["configuration"]["properties"]["agreed.command"]
    assert setting["type"] == "array"
    assert setting["default"] == ["agreed", "lsp"]
    source = (EXTENSION / "extension.js").read_text(encoding="utf-8")
    assert 'getConfiguration("agreed").get("command", ["agreed", "lsp"])' in source


def test_the_engine_is_no_older_than_the_client_library_needs() -> None:
    manifest = _manifest()
    library = json.loads((node_package(CLIENT_LIBRARY) / "package.json").read_text(encoding="utf-8"))
    assert _caret_floor(manifest["engines"]["vscode"]) >= _caret_floor(library["engines"]["vscode"])


def test_the_client_library_is_the_pinned_test_client_and_resolves() -> None:
    pinned = json.loads((TEST_CLIENTS / "package.json").read_text(encoding="utf-8"))["dependencies"]
    assert _manifest()["dependencies"] == {CLIENT_LIBRARY: pinned[CLIENT_LIBRARY]}
    installed = json.loads((node_package(CLIENT_LIBRARY) / "package.json").read_text(encoding="utf-8"))
    assert installed["version"] == pinned[CLIENT_LIBRARY]
    resolve = (f"process.stdout.write(require.resolve({json.dumps(CLIENT_LIBRARY + '/node')}, "
               f"{{paths: [{json.dumps(str(TEST_CLIENTS))}]}}))")
    found = subprocess.run([node_executable(), "-e", resolve], capture_output=True, text=True, timeout=60, check=False)
    assert found.returncode == 0, found.stderr
    assert Path(found.stdout).is_relative_to(node_package(CLIENT_LIBRARY))


def test_node_parses_the_extension() -> None:
    checked = subprocess.run([node_executable(), "--check", str(EXTENSION / "extension.js")], capture_output=True,
                             text=True, timeout=60, check=False)
    assert checked.returncode == 0, checked.stderr
    broken = subprocess.run([node_executable(), "--check", "-"], input="function (", capture_output=True, text=True,
                            timeout=60, check=False)
    assert broken.returncode != 0  # the check can fail


def test_the_extension_serves_the_files_agreed_init_maps_the_schema_to() -> None:
    source = (EXTENSION / "extension.js").read_text(encoding="utf-8")
    declared = re.search(r"const AGREEMENTS = (\[.*?\]);", source)
    assert declared is not None
    assert json.loads(declared[1]) == [f"**/{pattern}" for pattern in AGREEMENT_GLOBS]
