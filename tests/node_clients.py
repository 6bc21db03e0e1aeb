"""Where the JavaScript clients of the schema tests live: the npm packages of ``tests/node`` (``.ci/run`` installs
them with ``npm ci``) run by the machine's ``node``.

Where node or a package is missing, a test that needs it is skipped with the reason, except under CI (the ``CI``
environment variable set, as ``.ci/run`` does), where that is a failure: CI must never skip them silently.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import NoReturn

import pytest

NODE_PROJECT = Path(__file__).resolve().parent / "node"
NODE_MODULES = NODE_PROJECT / "node_modules"


def node_executable() -> str:
    """The path of ``node``; skips (fails under CI) where there is none."""
    found = shutil.which("node")
    if found is None:
        _absent("node is not installed")
    return found


def node_package(name: str) -> Path:
    """The folder of the installed npm package ``name``; skips (fails under CI) where it is not installed."""
    folder = NODE_MODULES / name
    if not (folder / "package.json").is_file():
        _absent(f"the npm package {name} is not installed in {NODE_MODULES} (run: npm ci --prefix {NODE_PROJECT})")
    return folder


def _absent(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the JavaScript clients must run there: {reason}", pytrace=False)
    pytest.skip(reason)
