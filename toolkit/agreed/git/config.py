"""The repository's own git settings (``git config --local``), as ``agreed init`` reads and writes them."""

from __future__ import annotations

import re

from agreed.git.repository import CommandFailed, GitError, Repository, decode_text

# A git setting's name: section, optional subsection (any text but newline and NUL), variable (git config's rules).
_CONFIG_KEY = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]*(?:\.[^\n\0]*)?\.[A-Za-z][A-Za-z0-9-]*")


def config_get(repository: Repository, key: str) -> str | None:
    """The value of the setting ``key`` (``section.name`` or ``section.subsection.name``) in the repository's own
    git configuration (``git config --local``: not the user's or the system's); None when it is not set there; the
    last value when it is set more than once."""
    _check_config_key(key)
    try:
        output = repository.run("config", "--local", "--get", key)
    except CommandFailed as error:
        if error.status == 1:  # with a valid key, git's answer for "not set"
            return None
        raise
    return decode_text(output).removesuffix("\n")


def config_set(repository: Repository, key: str, value: str) -> None:
    """Set ``key`` to ``value`` in the repository's own git configuration (``git config --local``); a key that is
    set more than once is an error (git will not guess which value to replace)."""
    _check_config_key(key)
    if "\0" in value:
        raise GitError(f"a git setting cannot hold a NUL character ({key})")
    repository.run("config", "--local", key, value)


def _check_config_key(key: str) -> None:
    if not _CONFIG_KEY.fullmatch(key):
        raise GitError(f"not a git setting name: {key!r}")
