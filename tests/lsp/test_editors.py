"""The README's editor set-up, run where an editor can be scripted: each Neovim snippet, taken from the README as
written, in a real headless Neovim of the version it is for, and the Emacs snippet in a real Emacs with Eglot; the
editor's own LSP client starts ``agreed lsp`` on an agreement in a real git repository, and a driver script
(``nvim_drive.lua``, ``eglot_drive.el``) asks it for diagnostics, a hover, completions and a code action and applies
the fix. The Helix entry is read as Helix reads its ``languages.toml`` (Helix is not installable on the test
machines).

An editor missing from the machine is skipped with the reason, except under CI (``CI`` set, as ``.ci/run`` does,
which installs Debian's Neovim 0.7 and Emacs with Eglot beside the Neovim 0.11 of the test extras), where that is a
failure.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

import pytest

from agreed.codes import INVALID_SUPPRESSION
from editor_snippets import Snippet, snippets_of
from lsp_client import repository_with

DRIVER = Path(__file__).with_name("nvim_drive.lua")
EGLOT_DRIVER = Path(__file__).with_name("eglot_drive.el")
PACKAGES = "(package-initialize)"
RUN_SECONDS = 120
Version = tuple[int, int, int]


def _absent(reason: str) -> NoReturn:
    if os.environ.get("CI"):
        pytest.fail(f"CI is set and the README's editor snippets must run there: {reason}", pytrace=False)
    pytest.skip(reason)


@functools.cache
def installed_neovims() -> dict[Version, str]:
    """Every Neovim beside the running Python (where the test extras install one) or on ``PATH``, by its version
    (the first found of each)."""
    found: dict[Version, str] = {}
    for folder in [str(Path(sys.executable).parent), *os.environ.get("PATH", "").split(os.pathsep)]:
        candidate = shutil.which("nvim", path=folder) if folder else None
        if candidate is None:
            continue
        printed = subprocess.run([candidate, "--version"], capture_output=True, text=True, timeout=30, check=False)
        version = re.match(r"NVIM v(\d+)\.(\d+)\.(\d+)", printed.stdout)
        if version is not None:
            found.setdefault((int(version[1]), int(version[2]), int(version[3])), candidate)
    return found


def versions_for(label: str) -> tuple[tuple[int, int], bool]:
    """The Neovim version a README label names (``Neovim 0.8 and later``), and whether later ones are meant too."""
    named = re.fullmatch(r"Neovim (\d+)\.(\d+)( and later)?", label)
    assert named is not None, f"a Neovim snippet's label must name its version: {label!r}"
    return (int(named[1]), int(named[2])), named[3] is not None


def neovim_for(label: str) -> tuple[Version, str]:
    """The oldest installed Neovim the snippet labelled ``label`` is for: the one that tests its claim hardest."""
    floor, later = versions_for(label)
    fitting = sorted(version for version in installed_neovims()
                     if version[:2] == floor or (later and version[:2] >= floor))
    if not fitting:
        shown = ", ".join(".".join(map(str, version)) for version in sorted(installed_neovims())) or "none"
        _absent(f"no Neovim for the README's '{label}' snippet beside Python or on PATH (found: {shown})")
    return fitting[0], installed_neovims()[fitting[0]]


NEOVIM_SNIPPETS = snippets_of("Neovim", "lua")


def test_the_readme_has_a_neovim_snippet_for_each_client_api() -> None:
    assert [versions_for(snippet.label) for snippet in NEOVIM_SNIPPETS] == [
        ((0, 11), True), ((0, 8), True), ((0, 7), False)]
    assert [re.findall(r"vim\.lsp\.(config|start_client|start)\(", snippet.code) for snippet in NEOVIM_SNIPPETS] == [
        ["config"], ["start"], ["start_client"]]


@dataclass(frozen=True)
class Session:
    """An agreement with a vague word in a real git repository (``lines``, ``changed`` the 0-based number of the
    vague line), and the environment that tells a driver script what to ask for there."""

    repository: Path
    lines: list[str]
    changed: int
    environment: dict[str, str]


def _session(tmp_path: Path) -> Session:
    repository = repository_with(tmp_path / "repository", "sales-onboarding.yaml")
    file = repository / "contracts" / "sales-onboarding.yaml"
    lines = file.read_text(encoding="utf-8").splitlines()
    changed = next(number for number, line in enumerate(lines) if "    what: " in line)
    lines[changed] = lines[changed][: lines[changed].index("what:")] + "what: Improve onboarding ASAP"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")
    status = next(number for number, line in enumerate(lines) if line.startswith("status: "))
    home = tmp_path / "home"  # the editors' own files (logs, history) kept out of the user's
    environment = {**os.environ, "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
                   "HOME": str(home), "XDG_STATE_HOME": str(home), "XDG_CACHE_HOME": str(home),
                   "XDG_DATA_HOME": str(home), "XDG_CONFIG_HOME": str(home),
                   "DRIVE_AGREEMENT": str(file), "DRIVE_RESULT": str(tmp_path / "result.json"),
                   "DRIVE_FIX": f"{changed},0", "DRIVE_HOVER": f"{changed},{lines[changed].index('what')}",
                   "DRIVE_COMPLETE": f"{status},{len('status: ')}", "DRIVE_APPLY": "Suppress V103"}
    return Session(repository, lines, changed, environment)


def _run_editor(command: list[str], session: Session) -> dict[str, Any]:
    """What the editor's driver script wrote, once ``command`` has run in the repository."""
    ran = subprocess.run(command, cwd=session.repository, env=session.environment, stdin=subprocess.DEVNULL,
                         capture_output=True, text=True, timeout=RUN_SECONDS, check=False)
    result = Path(session.environment["DRIVE_RESULT"])
    assert result.is_file(), f"the editor ended without writing what it got: {ran.stdout}{ran.stderr}"
    report: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    assert "error" not in report, report["error"]
    return report


def _check_served(report: dict[str, Any], session: Session) -> None:
    """The editor's client ran agreed's server on the agreement, showed its finding over the vague word, got a
    hover, completions and the quick fix, and applying the fix as it is (its reason still to write) was reported."""
    lines, changed = session.lines, session.changed
    assert report["filetype"] == "yaml"
    assert report["clients"] == [{"name": "agreed", "root": str(session.repository)}]
    vague = [found for found in report["diagnostics"] if found["code"] == "V103"]
    start = lines[changed].index("ASAP")
    assert [(found["line"], found["col"], found["end_col"], found["source"]) for found in vague] == [
        (changed, start, start + len("ASAP"), "agreed")]
    assert "`results.deliverables[].what`" in report["hover"]["value"]
    assert {"draft", "proposed", "active"} <= set(report["completion"])
    assert "Suppress V103 here (write the reason)" in report["actions"]
    assert report["lines_after"][changed].lstrip().startswith("# agreed: disable-next-line=V103 -- ")
    assert report["lines_after"][changed + 1] == lines[changed]
    after = report["diagnostics_after"]  # the placeholder reason left as it is: reported, and nothing suppressed
    assert [found["line"] for found in after if found["code"] == INVALID_SUPPRESSION] == [changed]
    assert [found["line"] for found in after if found["code"] == "V103"] == [changed + 1]


@pytest.mark.parametrize("snippet", NEOVIM_SNIPPETS, ids=lambda snippet: snippet.label)
def test_the_readme_snippet_runs_agreed_lsp_in_neovims_own_client(snippet: Snippet, tmp_path: Path) -> None:
    version, neovim = neovim_for(snippet.label)
    session = _session(tmp_path)
    config = tmp_path / "snippet.lua"
    config.write_text(snippet.code, encoding="utf-8")
    report = _run_editor([neovim, "--headless", "--clean", "-c", f"luafile {config}", "-c", f"luafile {DRIVER}"],
                         session)
    assert report["version"] == f"{version[0]}.{version[1]}"
    _check_served(report, session)


# -- Emacs -----------------------------------------------------------------------------------------------------------


def _emacs_with_eglot() -> str:
    """The ``emacs`` whose packages include Eglot and yaml-mode (Debian's ``elpa-eglot``, ``elpa-yaml-mode``)."""
    emacs = shutil.which("emacs")
    if emacs is None:
        _absent("no emacs on PATH")
    ready = subprocess.run([emacs, "--batch", "--eval", PACKAGES, "--eval", "(require 'eglot)", "--eval",
                            "(require 'yaml-mode)"], capture_output=True, text=True, timeout=RUN_SECONDS, check=False)
    if ready.returncode != 0:
        _absent(f"Emacs has no Eglot or no yaml-mode: {ready.stderr.strip().splitlines()[-1:]}")
    return emacs


def test_the_readme_snippet_runs_agreed_lsp_in_emacs_eglot(tmp_path: Path) -> None:
    [snippet] = snippets_of("Emacs", "elisp")
    emacs = _emacs_with_eglot()
    session = _session(tmp_path)
    config = tmp_path / "snippet.el"
    config.write_text(snippet.code, encoding="utf-8")
    # --batch reads no init file, so the installed packages are activated first, as a normal start does
    report = _run_editor([emacs, "--batch", "--eval", PACKAGES, "-l", str(config), "-l", str(EGLOT_DRIVER)], session)
    _check_served(report, session)


# -- Helix -----------------------------------------------------------------------------------------------------------


def test_the_helix_entry_is_a_languages_toml_helix_reads() -> None:
    [snippet] = snippets_of("Helix", "toml")
    languages = tomllib.loads(snippet.code)
    server = languages["language-server"]["agreed"]
    assert [server["command"], *server["args"]] == ["agreed", "lsp"]
    [yaml] = [language for language in languages["language"] if language["name"] == "yaml"]
    assert yaml["language-servers"] == ["yaml-language-server", "agreed"]
    assert all(name in languages["language-server"] or name == "yaml-language-server"  # Helix's own entry
               for name in yaml["language-servers"])


def test_every_snippet_starts_the_same_command() -> None:
    commands = [re.findall(r"cmd = \{ (.*?) \}", snippet.code) for snippet in NEOVIM_SNIPPETS]
    assert commands == [['"agreed", "lsp"']] * len(NEOVIM_SNIPPETS)
    help_text = subprocess.run([sys.executable, "-m", "agreed", "lsp", "--help"], capture_output=True, text=True,
                               timeout=60, check=False)
    assert help_text.returncode == 0, help_text.stderr
