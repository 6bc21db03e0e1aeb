"""The examples a rule's documentation gives under ``Fires on:`` and ``Passes:``: statements of a text rule, YAML of a
document rule (as agreed reads them)."""

from __future__ import annotations

import json
from typing import Any

from ruamel.yaml import YAML


def documented_examples(doc: str, heading: str) -> list[dict[str, Any]]:
    """The YAML examples under ``heading`` of ``doc`` (blank lines separate examples), with dates as text, as agreed
    reads them."""
    block = doc.split(heading, 1)[1].split("\nPasses:", 1)[0]
    return [json.loads(json.dumps(YAML(typ="safe").load(example), default=str))
            for example in block.strip("\n").split("\n\n") if example.strip()]


def documented_statements(doc: str, heading: str) -> list[str]:
    """The statements under ``heading`` of a text rule's ``doc``: one per indented line, up to the first line that is
    not indented."""
    examples: list[str] = []
    for line in doc.split(heading, 1)[1].splitlines()[1:]:
        if not line.startswith("    "):
            break
        examples.append(line.strip())
    return examples
