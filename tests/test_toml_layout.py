"""Where the keys and values of a TOML document stand: every span found holds exactly the value tomllib reads."""

from __future__ import annotations

import tomllib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from agreed.toml_layout import TomlPath, locate

_KEYS = st.one_of(st.from_regex(r"[A-Za-z0-9_-]{1,8}", fullmatch=True), st.text(min_size=1, max_size=6))
_SCALARS = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.booleans(),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
)
_VALUES = st.one_of(_SCALARS, st.lists(_SCALARS, max_size=4))
_TABLES = st.recursive(
    st.dictionaries(_KEYS, _VALUES, max_size=4),
    lambda inner: st.dictionaries(_KEYS, st.one_of(_VALUES, inner), max_size=3),
    max_leaves=12,
)


def _basic(text: str) -> str:
    """``text`` as a TOML basic string: quotes, backslashes and control characters escaped."""
    escaped = "".join(f"\\u{ord(char):04x}" if char < " " or char in '"\\\x7f' else char for char in text)
    return f'"{escaped}"'


def _literal_safe(char: str) -> bool:
    """Whether a TOML literal string may hold ``char`` as it is (no control character but a tab, no DEL)."""
    return (char >= " " or char == "\t") and char != "\x7f"


def _key(name: str, draw: st.DrawFn) -> str:
    bare = name.isascii() and all(char.isalnum() or char in "_-" for char in name)
    if bare and draw(st.booleans()):
        return name
    return _basic(name)


def _scalar(value: Any, draw: st.DrawFn) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    style = draw(st.sampled_from(["basic", "literal", "multi"]))
    if style == "literal" and "'" not in value and all(_literal_safe(char) for char in value):
        return f"'{value}'"
    if style == "multi" and all(char >= " " or char in "\t" for char in value) and '"' not in value[-1:]:
        return '"""' + _basic(value)[1:-1] + '"""'
    return _basic(value)


def _value(value: Any, draw: st.DrawFn) -> str:
    if isinstance(value, list):
        items = [_value(item, draw) for item in value]
        if draw(st.booleans()):
            return "[\n" + "".join(f"  {item},  # item\n" for item in items) + "]"
        return "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_key(name, draw)} = {_value(item, draw)}" for name, item in value.items()) + " }"
    return _scalar(value, draw)


def _table(path: list[str], table: dict[str, Any], draw: st.DrawFn) -> str:
    pairs = [(name, item) for name, item in table.items() if not isinstance(item, dict) or not item]
    subtables = [(name, item) for name, item in table.items() if isinstance(item, dict) and item]
    text = ""
    if path:
        text += "\n# a table\n[" + ".".join(_key(name, draw) for name in path) + "]\n"
    text += "".join(f"{_key(name, draw)} = {_value(item, draw)}\n" for name, item in pairs)
    for name, item in subtables:
        text += _table([*path, name], item, draw)
    return text


@st.composite
def documents(draw: st.DrawFn) -> tuple[dict[str, Any], str]:
    data = draw(_TABLES)
    return data, _table([], data, draw)


def _leaves(value: Any, path: TomlPath = ()) -> list[tuple[TomlPath, Any]]:
    if isinstance(value, dict) and value:
        return [leaf for name, item in value.items() for leaf in _leaves(item, (*path, name))]
    if isinstance(value, list) and value:
        return [leaf for index, item in enumerate(value) for leaf in _leaves(item, (*path, index))]
    return [(path, value)]


@settings(max_examples=200, deadline=None)
@given(documents())
def test_every_value_span_reads_back_as_its_value(document: tuple[dict[str, Any], str]) -> None:
    data, text = document
    assert tomllib.loads(text) == data
    layout = locate(text)
    for path, value in _leaves(data):
        if not path:
            continue
        span = layout.values[path]
        assert tomllib.loads(f"v = {text[span.start : span.end]}")["v"] == value
        line_start = text.rfind("\n", 0, span.start) + 1
        assert (span.line, span.col) == (text.count("\n", 0, span.start), span.start - line_start)


@settings(max_examples=200, deadline=None)
@given(documents())
def test_every_key_span_reads_back_as_its_key(document: tuple[dict[str, Any], str]) -> None:
    data, text = document
    layout = locate(text)
    for path, _ in _leaves(data):
        names = [step for step in path if isinstance(step, str)]
        if not names or not isinstance(path[-1], str):
            continue
        span = layout.keys[path]
        assert tomllib.loads(f"{text[span.start : span.end]} = 1") == {names[-1]: 1}


def test_the_settings_of_a_pyproject_table_are_found_under_it() -> None:
    text = "[project]\nname = 'x'\n\n[tool.agreed]\nfail-on = 'warning'\n[tool.agreed.rules]\nV101 = 'off'\n"
    layout = locate(text).under(("tool", "agreed"))
    assert (layout.values[("fail-on",)].line, layout.values[("fail-on",)].col) == (4, 10)
    assert (layout.values[("rules",)].line, layout.keys[("rules", "V101")].line) == (5, 6)


def test_arrays_of_tables_are_numbered() -> None:
    layout = locate("[[a]]\nx = 1\n[[a]]\nx = 2\n")
    assert layout.values[("a", 1, "x")].line == 3


def test_text_it_does_not_expect_gives_what_was_found_so_far() -> None:
    layout = locate("a = 1\n= 2\nc = 3\n")
    assert ("a",) in layout.values
    assert ("c",) not in layout.values


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab =.[]{},'\"#\n\\1")), max_size=40))
def test_any_text_ends_the_walk_without_an_error(text: str) -> None:
    layout = locate(text)
    assert all(0 <= span.start <= span.end <= len(text) for span in layout.values.values())
