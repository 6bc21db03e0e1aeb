"""The editor set-up snippets of the README's "The language server" section, as a reader copies them: each bullet that
opens with a bold label (``- **Neovim 0.11 and later** ...``) and the fenced block indented under it."""

from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"
_SECTION = re.compile(r"^## The language server\n(?P<body>.*?)^## ", re.MULTILINE | re.DOTALL)
_SNIPPET = re.compile(r"^- \*\*(?P<label>[^*\n]+)\*\*[^\n]*\n(?:  [^\n]*\n|\n)*?  ```(?P<language>\w+)\n"
                      r"(?P<code>.*?)^  ```$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Snippet:
    label: str
    language: str
    code: str


def editor_snippets() -> list[Snippet]:
    section = _SECTION.search(README.read_text(encoding="utf-8"))
    assert section is not None, "README.md has no section '## The language server'"
    return [Snippet(found["label"], found["language"], textwrap.dedent(found["code"]))
            for found in _SNIPPET.finditer(section["body"])]


def snippets_of(label_start: str, language: str) -> list[Snippet]:
    """Every snippet in ``language`` whose label starts with ``label_start``."""
    return [found for found in editor_snippets() if found.label.startswith(label_start) and found.language == language]
