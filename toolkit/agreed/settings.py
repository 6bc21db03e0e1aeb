"""The settings file, read below both its users: lint (rules, patterns, the roster) and consent (the roster alone).

The settings live in ``.agreed.yaml`` or in ``[tool.agreed]`` of ``pyproject.toml``; either is read as a Document
(a pyproject's table through the same loader, as JSON, so the same validation applies). What the settings mean to lint
is :mod:`agreed.lint.config`'s; the one setting consent needs, which people roster vouches for identities
(``people:``), is looked up here, so that consent never imports lint.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from agreed.codes import CONFIG_ERROR, EMPTY
from agreed.compose import DEFAULT_LIMITS, Span
from agreed.document import Document, failed_document, load_document
from agreed.lines import line_col, split_lines
from agreed.reading import Unreadable, read_file
from agreed.sources import repository_root

CONFIG_FILE = ".agreed.yaml"
PYPROJECT_FILE = "pyproject.toml"
TOOL_TABLE = ("tool", "agreed")
ROSTER_SETTING = "people"


def find_config(start: Path) -> Path | None:
    """The nearest ``.agreed.yaml`` or ``pyproject.toml`` with ``[tool.agreed]``, from ``start`` (links resolved) up to
    its repository root (:func:`agreed.sources.repository_root`, the one definition of that root), or up to the file
    system's root when ``start`` lies in no repository."""
    here = start.resolve()
    root = repository_root(here)
    for folder in (here, *here.parents):
        found = _config_in(folder)
        if found is not None or folder == root:
            return found
    return None


def _config_in(folder: Path) -> Path | None:
    candidate = folder / CONFIG_FILE
    if candidate.is_file():
        return candidate
    pyproject = folder / PYPROJECT_FILE
    if pyproject.is_file() and _has_tool_section(pyproject):
        return pyproject
    return None


def _has_tool_section(pyproject: Path) -> bool:
    raw = read_file(pyproject)
    if isinstance(raw, Unreadable):
        return False
    text = raw.decode("utf-8", errors="replace")
    if "agreed" not in text:
        return False
    import tomllib  # here, not at the top: a run without a pyproject.toml naming agreed does not pay for it

    try:
        return "agreed" in tomllib.loads(text).get("tool", {})
    except ValueError:  # broken TOML, or a number too large to read, that mentions our table: load it, so the
        # error is reported
        return tool_table_line(text) > 0


def read_settings(path: Path, display: str) -> Document:
    """The settings in the configuration file ``path`` (shown as ``display``); a document whose problems say why when
    they cannot be read or do not load."""
    raw = read_file(path)
    if isinstance(raw, Unreadable):
        return _failed(display, f"cannot read the configuration: {raw.detail}")
    return settings_document(raw, path.name, display)


def settings_document(raw: bytes, file_name: str, display: str) -> Document:
    """The settings in the bytes of a configuration file named ``file_name``: all of an ``.agreed.yaml``, or the
    ``[tool.agreed]`` table of a ``pyproject.toml``; a document whose problems say why when they do not load."""
    if file_name != PYPROJECT_FILE:
        document = load_document(raw, display)
        if all(problem.rule == EMPTY for problem in document.problems) and document.data is None:
            return load_document(b"{}", display)  # a configuration of comments only sets nothing
        return document
    import tomllib

    try:
        table = tomllib.loads(raw.decode("utf-8"))
        section = table.get("tool", {}).get("agreed", {})
        # JSON is YAML, so the section goes through the same loader and validation as .agreed.yaml.
        text = json.dumps(section, default=str)
    except tomllib.TOMLDecodeError as error:
        return _failed(display, f"not valid TOML: {_TOML_AT.sub('', str(error))}", *_toml_error_at(str(error), raw))
    except UnicodeDecodeError as error:
        line, col = _byte_position(raw, error.start)
        return _failed(display, f"not valid TOML: the bytes are not UTF-8 ({error.reason})", line, col)
    except ValueError:  # a whole number past the interpreter's limit for turning numbers into text and back
        return _failed(display, f"a number is too large: whole numbers have at most "
                                f"{DEFAULT_LIMITS.max_int_digits} digits; quote it to keep it as text")
    return _positioned_in_toml(load_document(text.encode("utf-8"), display), raw.decode("utf-8"))


def _positioned_in_toml(document: Document, toml_text: str) -> Document:
    """``document`` (the ``[tool.agreed]`` table, loaded from its JSON form) with the positions of its keys and
    values in the ``pyproject.toml`` itself, so that a finding names the line of the setting; what has no place
    of its own (the table as a whole, a problem of loading) stands at the table's header."""
    from agreed.toml_layout import locate

    layout = locate(toml_text).under(TOOL_TABLE)
    header_line = max(tool_table_line(toml_text), 1) - 1
    header = layout.values.get((), Span(header_line, 0, 0, 0))
    problems = tuple(problem._replace(line=header.line + 1, col=header.col + 1) for problem in document.problems)
    return replace(document, source=toml_text, problems=problems, values={**layout.values, (): header},
                   keys=layout.keys)


_TOML_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")
"""Where tomllib says a syntax error stands, at the end of its message."""


def _toml_error_at(message: str, raw: bytes) -> tuple[int, int]:
    """The 1-based line and column of a tomllib syntax error (its message says them), an end of document being the
    end of the text."""
    found = _TOML_AT.search(message)
    lines = split_lines(raw.decode("utf-8", errors="replace")) or [""]
    if found is not None and found.group(1) and int(found.group(1)) <= len(lines):
        return int(found.group(1)), int(found.group(2))
    return len(lines), len(lines[-1].rstrip("\r\n")) + 1  # the end of the text: its last line's end


def _byte_position(raw: bytes, offset: int) -> tuple[int, int]:
    """The 1-based line and column (in characters) of byte ``offset`` of ``raw``, lines split as everywhere else."""
    before = raw[:offset].decode("utf-8", errors="replace")
    return line_col(before, len(before))


def named_roster(settings: Document) -> str | None:
    """The people roster the settings name (``people:``, a path relative to the configuration's folder), or None."""
    value = settings.data.get(ROSTER_SETTING) if isinstance(settings.data, Mapping) else None
    return value if isinstance(value, str) else None


def tool_table_line(text: str) -> int:
    """The line of the ``[tool.agreed]`` table header (or of a sub-table), 0 when there is none."""
    for number, line in enumerate(split_lines(text), start=1):
        if line.strip().replace(" ", "").startswith("[tool.agreed"):
            return number
    return 0


def _failed(display: str, message: str, line: int = 1, col: int = 1) -> Document:
    return failed_document(display, CONFIG_ERROR, message, line, col)
