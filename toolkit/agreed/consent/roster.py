"""The people roster as it was at a base revision: who vouches for parties the base version of an agreement lacks.

The configuration file that names the roster (``people:`` in ``.agreed.yaml`` or ``[tool.agreed]`` of
pyproject.toml) and the roster itself are both read from the base revision, at the configuration's path, so a change
can neither add a person nor point the configuration at another roster and vouch for itself.

A roster that the configuration names but that cannot be read (a typo in ``people:``, a file that is not there) is
an error, as it is for lint, never the same as no roster: the roster has the last word on identity, so a gate that
silently went on without it would trust what the agreements say instead. The error stands at the ``people:``
setting and gives the reason, as lint's does; a roster outside the repository is refused in both places (at the base
revision it could not be read at all).
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path

from agreed.document import Document
from agreed.git.repository import Repository
from agreed.lines import split_lines
from agreed.people import OUTSIDE_REPOSITORY, Roster, RosterError, RosterSetting, load_named_roster, parse_roster
from agreed.reading import Unreadable, read_file
from agreed.settings import named_roster, settings_document
from agreed.sources import display_path, repository_root


def roster_at(repository: Repository, base: str, config: str | None) -> Roster | None:
    """The roster named by the configuration at repo-relative path ``config``, both as they were at ``base``; None
    when there is no configuration there or it names no roster. Raises :class:`agreed.people.RosterError`
    for a configuration that does not load, a named roster that is not there, or one that does not validate;
    GitError for git failures."""
    if config is None:
        return None
    raw = repository.read(base, config)
    if raw is None:
        return None
    shown = f"{base}:{config}"
    settings = _settings(raw, config, shown)
    named = named_roster(settings)
    if named is None:
        return None
    path = posixpath.normpath(posixpath.join(posixpath.dirname(config), named))
    setting = _setting(settings, raw)
    if posixpath.isabs(path) or path == ".." or path.startswith("../"):
        raise setting.refusal(named, OUTSIDE_REPOSITORY)
    roster = repository.read(base, path)
    if roster is None:
        raise setting.refusal(f"{base}:{path}", "no such file")
    return parse_roster(roster, f"{base}:{path}")


def roster_beside(config: Path, shown_from: Path) -> Roster | None:
    """The roster the configuration file ``config`` names, read from the work tree (its path shown relative to the
    resolved folder ``shown_from``); None when it names none. Raises :class:`agreed.people.RosterError` for
    a configuration that does not load, a named roster that is not a readable file, or one that does not
    validate."""
    raw = read_file(config)
    if isinstance(raw, Unreadable):
        return None
    settings = _settings(raw, config.name, display_path(config, shown_from))
    named = named_roster(settings)
    if named is None:
        return None
    path = Path(os.path.normpath(config.parent / named))  # as lint names it
    return load_named_roster(path, display_path(path, shown_from), _setting(settings, raw), repository_root(config))


def _settings(raw: bytes, config: str, shown: str) -> Document:
    """The configuration's settings; RosterError when they do not load (whether they name a roster is unknown)."""
    settings = settings_document(raw, posixpath.basename(config), shown)
    if settings.data is None and settings.problems:
        raise RosterError(settings.problems)
    return settings


def _setting(settings: Document, raw: bytes) -> RosterSetting:
    """Where the configuration names the roster (in a pyproject.toml, whose settings carry no positions of their
    own: the first line that sets ``people``)."""
    line, col = settings.position(("people",))
    if settings.path.endswith(".toml"):
        lines = split_lines(raw.decode("utf-8", errors="replace"))
        line, col = next(((number, 1) for number, text in enumerate(lines, 1)
                          if text.strip().startswith("people")), (1, 1))
    return RosterSetting(settings.path, line, col)
