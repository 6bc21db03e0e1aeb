"""Where the caches of ``lint`` and ``history`` live: the user's cache folder, never the repository's work tree.

The user's cache folder for agreed is ``$AGREED_CACHE_DIR`` when set, else the platform's:
``$XDG_CACHE_HOME/agreed`` or ``~/.cache/agreed`` on Linux and other Unixes, ``~/Library/Caches/agreed`` on macOS,
``%LOCALAPPDATA%\\agreed\\Cache`` on Windows. It holds the secret key that authenticates entries and one folder per
repository. The environment is read here (in cli/) and the result passed down: nothing below cli/ reads it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from agreed.cache import CacheFolder

ENVIRONMENT_VARIABLE = "AGREED_CACHE_DIR"


def user_cache_home(environ: Mapping[str, str], platform: str) -> Path | None:
    """agreed's folder in the user's cache, from ``environ`` on ``platform`` (as ``sys.platform`` names it); None
    when the environment names no home to put it in."""
    explicit = environ.get(ENVIRONMENT_VARIABLE)
    if explicit:
        return Path(os.path.abspath(os.path.expanduser(explicit)))
    if platform == "win32":
        local = environ.get("LOCALAPPDATA")
        return Path(local) / "agreed" / "Cache" if local and os.path.isabs(local) else None
    home = environ.get("HOME")
    if platform == "darwin":
        return Path(home) / "Library" / "Caches" / "agreed" if home and os.path.isabs(home) else None
    xdg = environ.get("XDG_CACHE_HOME")
    if xdg and os.path.isabs(xdg):  # the XDG specification says to ignore a relative path
        return Path(xdg) / "agreed"
    return Path(home) / ".cache" / "agreed" if home and os.path.isabs(home) else None


def open_user_cache(repository: Path, cache_dir: Path | None = None) -> CacheFolder | None:
    """The cache folder for work in ``repository`` (or ``cache_dir`` when given), with the user's key; None, after
    a warning, when it cannot be used safely (a link, inside a git directory, ...): the command then runs without a
    cache."""
    from agreed.cache import CacheUnusable, open_cache, repository_folder

    home = user_cache_home(os.environ, sys.platform)
    if home is None:
        _warn(f"no cache folder (set {ENVIRONMENT_VARIABLE}, or HOME)")
        return None
    try:
        return open_cache(cache_dir if cache_dir is not None else repository_folder(home, repository), home)
    except CacheUnusable as error:
        _warn(str(error))
        return None


def open_user_home() -> CacheFolder | None:
    """The user's cache folder itself, for what depends on the interpreter and agreed alone, not on a repository
    (compiled expressions); None when it cannot be used safely, silently: the result cache says why."""
    from agreed.cache import CacheUnusable, open_cache

    home = user_cache_home(os.environ, sys.platform)
    try:
        return None if home is None else open_cache(home, home)
    except CacheUnusable:
        return None


def _warn(reason: str) -> None:
    click.echo(f"agreed: warning: {reason}; running without the cache", err=True)
