"""The people roster as it was at a base revision: who vouches for parties the base version of an agreement lacks.

The configuration file that names the roster (``people:`` in ``.agreed.yaml`` or ``[tool.agreed]`` of
pyproject.toml) and the roster itself are both read from the base revision, at the configuration's path, so a change
can neither add a person nor point the configuration at another roster and vouch for itself.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from pathlib import Path

from agreed.history.git import Repository
from agreed.lint.config import settings_document
from agreed.lint.people import Roster, load_roster, parse_roster
from agreed.sources import display_path


def roster_at(repository: Repository, base: str, config: str | None) -> Roster | None:
    """The roster named by the configuration at repo-relative path ``config``, both as they were at ``base``; None
    when there is no configuration, it names no roster there, or the roster did not exist. Raises
    :class:`agreed.lint.people.RosterError` for a roster that does not validate, GitError for git failures."""
    if config is None:
        return None
    raw = repository.read(base, config)
    if raw is None:
        return None
    named = _people_setting(raw, config)
    if named is None:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(config), named))
    roster = repository.read(base, path)
    return None if roster is None else parse_roster(roster, f"{base}:{path}")


def roster_beside(config: Path, shown_from: Path) -> Roster | None:
    """The roster the configuration file ``config`` names, read from the work tree (its path shown relative to the
    resolved folder ``shown_from``); None when it names none or the file is not there. Raises
    :class:`agreed.lint.people.RosterError` for a roster that does not validate."""
    try:
        named = _people_setting(config.read_bytes(), config.name)
    except OSError:
        return None
    if named is None:
        return None
    path = config.parent / named
    return load_roster(path, display_path(path, shown_from)) if path.is_file() else None


def _people_setting(raw: bytes, config: str) -> str | None:
    settings = settings_document(raw, posixpath.basename(config), config).data
    value = settings.get("people") if isinstance(settings, Mapping) else None
    return value if isinstance(value, str) else None
