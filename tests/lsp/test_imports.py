"""pygls and lsprotocol are the language server's alone: only its protocol adapter imports them, and a plain
``agreed lint`` never loads them (``python -X importtime`` lists every module a run imports)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "toolkit" / "agreed"
ADAPTER = PACKAGE / "lsp" / "server.py"
PROTOCOL_PACKAGES = ("pygls", "lsprotocol")


def _imports(file: Path) -> set[str]:
    tree = ast.parse(file.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module.split(".")[0])
    return found


def test_only_the_protocol_adapter_imports_pygls_and_lsprotocol() -> None:
    importers = sorted(str(file.relative_to(PACKAGE)) for file in PACKAGE.rglob("*.py")
                       if _imports(file) & set(PROTOCOL_PACKAGES))
    assert importers == [str(ADAPTER.relative_to(PACKAGE))]


def test_agreed_lint_does_not_load_the_language_server(tmp_path: Path) -> None:
    agreement = Path(__file__).resolve().parents[2] / "contracts" / "sales-onboarding.yaml"
    run = subprocess.run([sys.executable, "-X", "importtime", "-m", "agreed", "lint", "--no-cache", str(agreement)],
                         cwd=tmp_path, capture_output=True, text=True, check=False)
    assert run.returncode == 0, run.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines() if line.startswith("import time:")}
    assert "agreed.lint.run" in imported  # the listing is real: lint's own modules are in it
    assert not {name for name in imported if name.split(".")[0] in (*PROTOCOL_PACKAGES, "cattrs")}
    assert not {name for name in imported if name.startswith("agreed.lsp")}
