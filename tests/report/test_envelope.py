"""Every JSON document agreed writes starts with the format version and the tool, from one helper."""

from __future__ import annotations

import json

from agreed.report.envelope import FORMAT_VERSION, json_document, json_text, tool
from agreed.version import __version__


def test_the_version_and_the_tool_come_first_then_the_body_in_order() -> None:
    text = json_document({"summary": {"files": 1}, "files": []})
    assert list(json.loads(text)) == ["version", "tool", "summary", "files"]
    assert json.loads(text)["version"] == FORMAT_VERSION == 1
    assert json.loads(text)["tool"] == tool() == {"name": "agreed", "version": __version__}


def test_indented_by_two_non_ascii_kept_and_one_final_newline() -> None:
    assert json_text({"name": "Zoë"}) == '{\n  "name": "Zoë"\n}\n'


def test_a_byte_of_a_name_that_is_not_utf8_is_written_as_its_escape_in_values_and_keys() -> None:
    name = b"caf\xe9.yaml".decode("utf-8", "surrogateescape")
    document = json.loads(json_document({"path": name, name: 1}))
    assert document["path"] == "caf\\xe9.yaml"
    assert document["caf\\xe9.yaml"] == 1
