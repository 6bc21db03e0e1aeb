"""The agreement format's reference, read from the schema: every key, when it is required, and its examples."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from agreed.report.schema.markdown import reference_markdown
from agreed.report.schema.reference import Entry, Reference, reference_of
from agreed.schema import load_schema


@pytest.fixture(scope="module")
def reference() -> Reference:
    return reference_of(load_schema())


@pytest.fixture(scope="module")
def markdown(reference: Reference) -> str:
    return reference_markdown(reference)


def _entry(reference: Reference, path: str) -> Entry:
    return next(entry for entry in reference.entries if entry.path == path)


def _declared_keys(node: Any) -> Iterator[str]:
    """Every key any ``properties`` of the schema declares, wherever it stands (conditionals included)."""
    if isinstance(node, Mapping):
        if isinstance(node.get("properties"), Mapping):
            yield from node["properties"]
        for value in node.values():
            yield from _declared_keys(value)
    elif isinstance(node, list):
        for value in node:
            yield from _declared_keys(value)


def test_every_key_the_schema_declares_has_a_heading(markdown: str) -> None:
    headed = {
        heading.rsplit(".", 1)[-1].removeprefix("[]")
        for heading in re.findall(r"^#{2,3} `([^`]+)`$", markdown, flags=re.MULTILINE)
    }
    assert set(_declared_keys(load_schema())) <= headed


def test_every_key_appears_once_with_its_title(reference: Reference, markdown: str) -> None:
    paths = [entry.path for entry in reference.entries]
    assert len(paths) == len(set(paths))
    assert "### `results.deliverables[].owner`" in markdown
    assert "**Owner.**" in markdown.split("### `results.deliverables[].owner`")[1]


@pytest.mark.parametrize(
    ("path", "required"),
    [
        ("id", "always"),
        ("parties", "always"),
        ("term", "from `proposed` on"),
        ("results", "from `proposed` on"),
        ("parties[].hopes", "from `proposed` on"),
        ("results.check_ins.cadence", "from `proposed` on"),
        ("parties[].email", "no"),
        ("celebration.targets[].measured", "no"),
        ("celebration.targets[].measured.value", "always"),
    ],
)
def test_required_says_from_which_status_on(markdown: str, path: str, required: str) -> None:
    section = markdown.split(f" `{path}`\n", 1)[1].split("\n#", 1)[0]
    assert f"- required: {required}\n" in section


def test_a_value_a_draft_may_leave_empty_must_be_filled_from_proposed_on(reference: Reference) -> None:
    statuses = reference.statuses
    assert statuses[0] == "draft"
    assert _entry(reference, "results.purpose").filled_in == statuses[1:]
    assert _entry(reference, "title").filled_in == statuses
    assert _entry(reference, "parties[].role").filled_in == ()


def test_the_schemas_examples_are_shown(markdown: str) -> None:
    assert '- examples: `"draft"`, `"active"`' in markdown
    assert "```yaml\nparties:\n  - id: maria\n    name: Maria Chen\n" in markdown


def test_what_is_written_materiality_and_elements_come_from_the_schema(reference: Reference) -> None:
    deadline = _entry(reference, "results.deadline")
    assert deadline.kind == "date (YYYY-MM-DD) or empty text"
    assert deadline.materiality == "material"
    assert deadline.elements == ("W-DEADLINE",)
    assert _entry(reference, "status").materiality == "record"
    assert _entry(reference, "agreed").kind == "always 1"


def _conditional_schema(condition: Mapping[str, Any], branch: str) -> dict[str, Any]:
    """A small format whose conditional at the top asks for ``note`` in the statuses ``condition`` selects."""
    return {
        "title": "Small",
        "description": "A small format.",
        "type": "object",
        "properties": {
            "status": {"enum": ["draft", "proposed", "active", "ended"]},
            "note": {"$ref": "#/$defs/text", "title": "Note", "examples": ["a word"]},
        },
        "$defs": {"text": {"type": "string"}},
        "allOf": [
            {
                "if": {"properties": {"status": condition}, "required": ["status"]},
                branch: {"required": ["note"], "properties": {"note": {"minLength": 1}}},
            }
        ],
    }


@pytest.mark.parametrize(
    ("condition", "branch", "shown"),
    [
        ({"const": "draft"}, "else", "from `proposed` on"),
        ({"not": {"const": "draft"}}, "then", "from `proposed` on"),
        ({"enum": ["proposed", "ended"]}, "then", "when the status is `proposed`, `ended`"),
        ({"const": "nothing"}, "then", "no"),
    ],
)
def test_a_conditional_is_read_by_what_it_selects_not_by_how_it_is_written(
    condition: Mapping[str, Any], branch: str, shown: str
) -> None:
    markdown = reference_markdown(reference_of(_conditional_schema(condition, branch)))
    note = markdown.split("## `note`\n", 1)[1]
    assert f"- required: {shown}\n" in note
    assert "**Note.**" in note
    assert '- examples: `"a word"`' in note
