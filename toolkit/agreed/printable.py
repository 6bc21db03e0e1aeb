"""How every command writes a name it did not choose: as valid Unicode, whatever bytes the name holds.

A file name that is not valid UTF-8 reaches Python with each stray byte kept as a lone surrogate (the file system's
and git's paths are decoded with ``surrogateescape``, so the name still opens the file and still names it to git).
Such a character cannot be written as UTF-8, so every report, message and listing passes names through
:func:`printable`: the byte is written ``\\xNN``, as it is.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def printable(text: str) -> str:
    """``text`` as valid Unicode: a byte of a file name that is not UTF-8 (which Python keeps as a lone surrogate) is
    written ``\\xNN``, as the byte it is; any other lone surrogate ``\\uNNNN``."""
    return _LONE_SURROGATE.sub(_escaped, text)


def _escaped(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def printable_data(value: Any) -> Any:
    """``value`` (JSON data: mappings, lists, text, numbers) with :func:`printable` applied to every text in it, keys
    included; for JSON output, where an escaped name must be a string's value, not a break in the JSON text."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, Mapping):
        return {printable_data(key): printable_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [printable_data(item) for item in value]
    return value
