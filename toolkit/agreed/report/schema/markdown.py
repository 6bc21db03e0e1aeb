"""The agreement format as a Markdown reference: a heading per key (a section of the agreement at the second level,
every key inside it at the third), its title and description, then what is written there, whether it must be
written and filled in (and from which status on), its class of change, the method's elements it carries and the
schema's examples (a value on the line, a list or a mapping as YAML under its key)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from agreed.report.schema.reference import Entry, Reference, reference_of
from agreed.yaml_io import round_trip_dump

GENERATED_NOTE = (
    "<!-- Generated from schema/agreement.schema.json by `agreed schema --format markdown`: change the "
    "schema, then write this file again. -->"
)


def render(schema: Mapping[str, Any]) -> str:
    return reference_markdown(reference_of(schema))


def reference_markdown(reference: Reference) -> str:
    lines = [
        "# The agreement format, key by key",
        "",
        GENERATED_NOTE,
        "",
        f"**{reference.title}.** {reference.description}",
        "",
        *_preamble(reference),
    ]
    for entry in reference.entries:
        lines.extend(["", *_section(entry, reference.statuses)])
    return "\n".join(lines) + "\n"


def _preamble(reference: Reference) -> list[str]:
    statuses = ", ".join(f"`{status}`" for status in reference.statuses)
    lines = [
        f"The statuses, in order: {statuses}. Under each key, *required* says in which statuses the key must "
        "be written and *not empty* in which its value must hold something; *materiality* is the class of a "
        "change to it (`x-materiality`) and *elements* the method's elements it carries (`x-element`, listed "
        "in [ELEMENTS.md](../schema/ELEMENTS.md))."
    ]
    if reference.free_keys:
        lines.extend(
            [
                "",
                f"At the top, and in every mapping that says so, keys matching "
                f"{_patterns(reference.free_keys)} are free for your own use.",
            ]
        )
    return lines


def _section(entry: Entry, statuses: Sequence[str]) -> list[str]:
    heading = "##" if len(entry.steps) == 1 else "###"
    lines = [
        f"{heading} `{entry.path}`",
        "",
        f"**{entry.title}.** {entry.description}".rstrip(),
        "",
        f"- written as: {entry.kind}",
        f"- required: {_when(entry.required_in, statuses) or 'no'}",
    ]
    if filled := _when(entry.filled_in, statuses):
        lines.append(f"- not empty: {filled}")
    if entry.materiality is not None:
        lines.append(f"- materiality: {entry.materiality}")
    if entry.elements:
        lines.append(f"- elements: {', '.join(entry.elements)}")
    if entry.free_keys:
        lines.append(f"- free keys: {_patterns(entry.free_keys)}")
    return lines + _examples(entry)


def _when(chosen: Sequence[str], statuses: Sequence[str]) -> str | None:
    """``always``, ``from `proposed` on`` or ``when the status is `a`, `b```; None for no status at all."""
    if not chosen:
        return None
    if tuple(chosen) == tuple(statuses):
        return "always"
    start = statuses.index(chosen[0])
    if tuple(statuses[start:]) == tuple(chosen):
        return f"from `{chosen[0]}` on"
    return "when the status is " + ", ".join(f"`{status}`" for status in chosen)


def _patterns(patterns: Sequence[str]) -> str:
    return ", ".join(f"`{pattern}`" for pattern in patterns)


def _examples(entry: Entry) -> list[str]:
    if not entry.examples:
        return []
    if all(not isinstance(example, (dict, list)) for example in entry.examples):
        shown = ", ".join(f"`{json.dumps(example, ensure_ascii=False)}`" for example in entry.examples)
        return [f"- examples: {shown}"]
    blocks = [["```yaml", round_trip_dump({entry.key: example}).rstrip("\n"), "```"] for example in entry.examples]
    return ["", "Examples:" if len(blocks) > 1 else "Example:", "", *[line for block in blocks for line in block]]
