"""The one writer of agreed's JSON documents: ``{"version": 1, "tool": {"name": "agreed", "version": ...}, ...}``.

Every ``--format json`` document (lint report, changes, timeline, consent status, digests) starts with the same two
keys, so a tool can tell what wrote it and which layout it follows before reading the rest.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any, Final

from agreed.printable import printable_data
from agreed.version import __version__

FORMAT_VERSION: Final = 1  # the layout of agreed's JSON documents; raised when a key changes meaning or goes away
TOOL_NAME: Final = "agreed"


def tool() -> dict[str, str]:
    """The tool that wrote a document: its name and version."""
    return {"name": TOOL_NAME, "version": __version__}


def json_text(data: Any) -> str:
    """JSON data as agreed writes it: indented by two, non-ASCII text kept readable, ending in a newline."""
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def json_document(body: Mapping[str, Any]) -> str:
    """The versioned document holding ``body``: the format version and the tool first, then ``body``'s keys in
    order; every text in it (keys included) printable (:func:`agreed.printable.printable_data`)."""
    return json_text(printable_data({"version": FORMAT_VERSION, "tool": tool(), **body}))
