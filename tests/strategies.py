"""Generated and mutated agreements for the property tests (tests/test_properties.py) and the fuzz script
(tests/tools/fuzz.py).

Every case starts from a shipped agreement (contracts/*.yaml, the template included, plus a small valid draft),
mutates its data structurally (dropped, duplicated and reordered keys and list items, scalars of another type, huge
integers, NaN, long and odd strings, anchors and aliases, tags, deep nesting, duplicate ids and keys, ``x-`` keys),
writes it out as YAML in a chosen style (block or flow, quoting, indentation, comments, any of the line breaks YAML
knows) and may then damage the bytes (truncation, flipped bytes, invalid UTF-8, byte order marks, tabs).

The generators draw from a :class:`random.Random`; under hypothesis that is ``st.randoms()``, whose every call is a
hypothesis draw, so failures shrink, and the fuzz script drives the same code with a seeded ``Random``.
"""

from __future__ import annotations

import copy
import dataclasses
import functools
import io
import json
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hypothesis import strategies as st

from agreed.document import load_document

CONTRACTS_DIR = Path(__file__).resolve().parents[1] / "contracts"

# YAML's line breaks: what a style may end its lines with.
LINE_BREAKS = ("\n", "\r\n", "\r", "\x85", "\u2028", "\u2029")

MINIMAL_DRAFT: dict[str, Any] = {
    "agreed": 1,
    "id": "demo",
    "title": "Demo agreement",
    "status": "draft",
    "parties": [{"id": "maria", "name": "Maria Chen"}, {"id": "li", "name": "Li Wei"}],
    "results": {
        "deadline": "2031-06-30",
        "deliverables": [{"id": "d1", "what": "Publish the onboarding checklist", "owner": "maria",
                          "due": "2031-03-01"}],
    },
}


@dataclass(frozen=True, slots=True)
class Seed:
    """One starting agreement: its name and loaded data."""

    name: str
    data: dict[str, Any]


@functools.cache
def seeds() -> tuple[Seed, ...]:
    """The shipped agreements (template included) and a minimal draft, as loaded data."""
    found = [Seed("minimal-draft", MINIMAL_DRAFT)]
    for path in sorted(CONTRACTS_DIR.glob("*.yaml")):
        document = load_document(path.read_bytes(), path.name)
        if isinstance(document.data, dict):
            found.append(Seed(path.name, document.data))
    return tuple(found)


# -- values the emitter writes specially ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Raw:
    """A scalar written verbatim (a tag, a hex literal, ``.nan``, an unbalanced bracket...)."""

    text: str


@dataclass(frozen=True, slots=True)
class Anchored:
    """A value written with an anchor ``&name`` in front."""

    name: str
    value: Any


@dataclass(frozen=True, slots=True)
class Alias:
    """``*name``: a reference to an anchored value (which may or may not exist)."""

    name: str


@dataclass(frozen=True, slots=True)
class Pairs:
    """A mapping written from a list of pairs, so that a key can appear twice."""

    items: tuple[tuple[str, Any], ...]


def _big_digits(rng: random.Random) -> str:
    return "".join(rng.choice("0123456789abcdef") for _ in range(8))


def huge_integer(rng: random.Random) -> Raw:
    """An integer literal whose value has more than 4,300 decimal digits (Python's default str/int limit)."""
    kind = rng.choice(("hex", "octal", "decimal", "negative-hex"))
    if kind == "hex":
        return Raw("0x" + "f" * rng.randint(3580, 3800) + _big_digits(rng))
    if kind == "negative-hex":
        return Raw("-0x1" + "0" * rng.randint(3580, 3700))
    if kind == "octal":
        return Raw("0o7" + "7" * rng.randint(4770, 4900))
    return Raw("9" * rng.randint(4301, 4500))


SPECIAL_STRINGS: tuple[str, ...] = (
    "", " ", "é ü ß 中文 😀 \u0301", "tab\tinside", "line\nbreak", "cr\rinside", "nel\x85inside",
    "ls\u2028inside", "ps\u2029inside", "bell\x07nul\x00", "del\x7f", "bidi\u202eevil", "zero\u200bwidth",
    "bom\ufeffinside", "trailing space ", " leading", "#hash", "key: value", "- dash", "'quote", '"dquote',
    "true", "null", "~", "0x1F", "1e3", ".nan", "2027-02-30", "2027-10-31T17:00:00Z", "20271031",
    "about 20% faster than before", "improve it significantly, maybe more", "\\backslash",
    "\U0001f600 emoji astral", "\ud7ff\ue000",
)

RAW_SCALARS: tuple[str, ...] = (
    ".nan", ".NaN", ".inf", "-.inf", "+.inf", "1e400", "-0.0", "0o17", "0x_1", "1_000", "0b101",
    "!!binary aGVsbG8=", "!!python/object:os.system ls", "!!python/name:os.system", "!custom value", "!!str 5",
    "!!int '12'", "!!int 'x'", "!!float 'x'", "!!bool 'maybe'", "!!timestamp 'never'", "!!null 'x'", "!!set {}",
    "!!omap []", "!<tag:example.com,2000:x> 1", "2027-02-30", "2027-13-01", "20271031", "2027-10-31T17:00:00Z",
    "2027-10-31 17:00:00 +02:00", "0000-00-00", "9999-12-31", "'unterminated", '"unterminated', "[1, 2",
    "{a: 1", "]", "}", "@reserved", "`backtick", "%percent", "*", "&", "!", "|", ">", "? x", "<<", "a: b: c",
    "yes", "no", "on", "off", "Y", "NULL", "~", "0777", "1:20", "12e03", "'it''s'", '"\\ud83d\\ude00"',
    '"\\ud83d"', '"\\ude00\\ud83d"', '"\\x85 \\u2028 \\N \\_ \\L \\P"', '"\\U0010FFFF"', '"\\U00110000"',
    '"\\q"', "'\t'",
)


def odd_string(rng: random.Random) -> str:
    """A string that is likely to trip something: special characters, line breaks, non-ASCII, long text."""
    roll = rng.random()
    if roll < 0.5:
        return rng.choice(SPECIAL_STRINGS)
    if roll < 0.7:
        pieces = [rng.choice(SPECIAL_STRINGS) for _ in range(rng.randint(2, 6))]
        return rng.choice(("", " ", "\n", "\t")).join(pieces)
    if roll < 0.9:
        return "".join(chr(rng.choice((rng.randint(0, 0x7F), rng.randint(0x80, 0x2FFF), rng.randint(0xE000, 0x10FFFF))))
                       for _ in range(rng.randint(1, 40)))
    word = rng.choice(("more ", "faster than ", "x", "é", "significantly better than before. ", "a\n"))
    return word * rng.randint(200, 2000)


def odd_value(rng: random.Random) -> Any:
    """A value of some type, often not the one the schema wants."""
    roll = rng.randrange(14)
    choices: list[Callable[[], Any]] = [
        lambda: odd_string(rng),
        lambda: rng.choice((0, 1, -1, 50, 2**63, -(2**64), 10**30)),
        lambda: rng.choice((0.5, 50.0, -0.0, 1e300, float("nan"), float("inf"), float("-inf"), 1e-300)),
        lambda: rng.choice((True, False)),
        lambda: None,
        list,
        dict,
        lambda: [odd_string(rng), rng.randint(-5, 5)],
        lambda: {"id": odd_string(rng), "x-k": rng.random()},
        lambda: huge_integer(rng),
        lambda: Raw(rng.choice(RAW_SCALARS)),
        lambda: Raw("[" * rng.randint(50, 80) + "]" * rng.randint(50, 80)),
        lambda: Raw("{a: " * rng.randint(30, 70) + "1" + "}" * rng.randint(30, 70)),
        lambda: rng.choice(("2031-01-01", "2020-02-29", "1999-12-31", "3000-01-01")),
    ]
    return choices[roll]()


# -- structural mutations -------------------------------------------------------------------------------------------

Path_ = tuple[str | int, ...]


def _containers(data: Any, path: Path_ = ()) -> list[Path_]:
    """Paths of every mapping and list in ``data`` (plain dicts and lists only)."""
    found: list[Path_] = []
    if isinstance(data, dict):
        found.append(path)
        for key, value in data.items():
            found.extend(_containers(value, (*path, key)))
    elif isinstance(data, list):
        found.append(path)
        for index, value in enumerate(data):
            found.extend(_containers(value, (*path, index)))
    return found


def _leaves(data: Any, path: Path_ = ()) -> list[Path_]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for index, value in enumerate(data) for leaf in _leaves(value, (*path, index))]
    return [path]


def _at(data: Any, path: Path_) -> Any:
    for step in path:
        data = data[step]
    return data


def _set(data: Any, path: Path_, value: Any) -> None:
    _at(data, path[:-1])[path[-1]] = value


def _pick_container(rng: random.Random, data: Any, kind: type) -> Any | None:
    paths = [path for path in _containers(data) if isinstance(_at(data, path), kind)]
    return _at(data, rng.choice(paths)) if paths else None


def _drop_key(rng: random.Random, data: dict[str, Any]) -> None:
    mapping = _pick_container(rng, data, dict)
    if mapping:
        del mapping[rng.choice(list(mapping))]


def _reorder_keys(rng: random.Random, data: dict[str, Any]) -> None:
    mapping = _pick_container(rng, data, dict)
    if mapping:
        items = list(mapping.items())
        rng.shuffle(items)
        mapping.clear()
        mapping.update(items)


def _add_key(rng: random.Random, data: dict[str, Any]) -> None:
    mapping = _pick_container(rng, data, dict)
    if mapping is not None:
        name = rng.choice(("x-note", "x-n", "x-list", "x-" + odd_string(rng)[:20], "unknown", odd_string(rng)[:30]))
        mapping[name] = odd_value(rng) if rng.random() < 0.7 else _x_list(rng)


def _add_extension(rng: random.Random, data: dict[str, Any]) -> None:
    """An ``x-`` key (which the schema allows anywhere) holding an odd value: the agreement stays valid."""
    mapping = _pick_container(rng, data, dict)
    if mapping is not None:
        mapping[rng.choice(("x-note", "x-n", "x-list", "x-é"))] = odd_value(rng) if rng.random() < 0.6 else _x_list(rng)


def _x_list(rng: random.Random) -> Any:
    """An id-less list inside an extension key, in some order."""
    items: list[Any] = [{"a": rng.randint(0, 3)}, {"b": "t"}, 3, "s", None, [1, 2]]
    rng.shuffle(items)
    return items[: rng.randint(0, len(items))]


def _drop_item(rng: random.Random, data: dict[str, Any]) -> None:
    sequence = _pick_container(rng, data, list)
    if sequence:
        del sequence[rng.randrange(len(sequence))]


def _duplicate_item(rng: random.Random, data: dict[str, Any]) -> None:
    sequence = _pick_container(rng, data, list)
    if sequence:
        sequence.insert(rng.randrange(len(sequence) + 1), copy.deepcopy(rng.choice(sequence)))


def _reorder_items(rng: random.Random, data: dict[str, Any]) -> None:
    sequence = _pick_container(rng, data, list)
    if sequence:
        rng.shuffle(sequence)


def _retype_scalar(rng: random.Random, data: dict[str, Any]) -> None:
    leaves = [leaf for leaf in _leaves(data) if leaf]
    if leaves:
        _set(data, rng.choice(leaves), odd_value(rng))


def _retype_container(rng: random.Random, data: dict[str, Any]) -> None:
    paths = [path for path in _containers(data) if path]
    if paths:
        _set(data, rng.choice(paths), odd_value(rng))


def _change_string(rng: random.Random, data: dict[str, Any]) -> None:
    leaves = [leaf for leaf in _leaves(data) if leaf and isinstance(_at(data, leaf), str)]
    if leaves:
        leaf = rng.choice(leaves)
        old = _at(data, leaf)
        _set(data, leaf, rng.choice((old + " " + odd_string(rng), odd_string(rng), old.upper(), old[::-1])))


def _anchor_alias(rng: random.Random, data: dict[str, Any]) -> None:
    """Anchor a top-level value and refer to it from a key appended after it (or to an anchor that is missing)."""
    keys = list(data)
    if not keys:
        return
    key = rng.choice(keys)
    name = rng.choice(("a", "anchor", "a1"))
    if rng.random() < 0.8:
        data[key] = Anchored(name, data[key])
    data[rng.choice(("x-copy", "x-alias", key + "-copy"))] = Alias(name if rng.random() < 0.9 else "missing")


def _duplicate_key(rng: random.Random, data: dict[str, Any]) -> None:
    paths = [path for path in _containers(data) if isinstance(_at(data, path), dict) and _at(data, path)]
    if not paths:
        return
    path = rng.choice(paths)
    mapping = _at(data, path)
    items = list(mapping.items())
    items.insert(rng.randrange(len(items) + 1), rng.choice(items))
    if path:
        _set(data, path, Pairs(tuple(items)))
    else:
        data.clear()
        data["__pairs__"] = Pairs(tuple(items))


def _swap_parties(rng: random.Random, data: dict[str, Any]) -> None:
    """Two items with the same id, or two ids swapped between items."""
    sequence = _pick_container(rng, data, list)
    if not sequence:
        return
    objects = [item for item in sequence if isinstance(item, dict) and "id" in item]
    if len(objects) >= 2:
        first, second = rng.sample(objects, 2)
        if rng.random() < 0.5:
            first["id"], second["id"] = second["id"], first["id"]
        else:
            second["id"] = first["id"]


def _deep_nesting(rng: random.Random, data: dict[str, Any]) -> None:
    depth = rng.choice((10, 40, 62, 63, 64, 65, 100))
    value: Any = "bottom"
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"k": value}
    data["x-deep"] = value


def _change_number(rng: random.Random, data: dict[str, Any]) -> None:
    leaves = [leaf for leaf in _leaves(data) if leaf and isinstance(_at(data, leaf), (int, float))
              and not isinstance(_at(data, leaf), bool)]
    if leaves:
        leaf = rng.choice(leaves)
        old = _at(data, leaf)
        _set(data, leaf, rng.choice((float(old), old + 1, -old, old * 10**6, int(old) if math.isfinite(old) else 0)))


STRUCTURAL: tuple[Callable[[random.Random, dict[str, Any]], None], ...] = (
    _drop_key, _reorder_keys, _add_key, _drop_item, _duplicate_item, _reorder_items, _retype_scalar,
    _retype_container, _change_string, _anchor_alias, _duplicate_key, _swap_parties, _deep_nesting, _change_number,
)

# Mutations after which the agreement often still validates: for the digest/diff property.
GENTLE: tuple[Callable[[random.Random, dict[str, Any]], None], ...] = (
    _reorder_keys, _reorder_items, _change_string, _swap_parties, _change_number, _drop_item, _duplicate_item,
)


def _plain_copy(data: Any) -> Any:
    return copy.deepcopy(data)


# -- writing YAML ---------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Style:
    """How a document is written: every style writes the same data."""

    indent: int = 2
    line_break: str = "\n"
    flow_from: int | None = None  # depth from which collections are written in flow style (None: never)
    quoting: str = "auto"  # auto (plain when safe, else double), double, single, json
    comments: bool = False
    raw_breaks_in_quotes: bool = False  # write NEL, LS, PS raw inside double quotes (instead of escaped)
    hex_ints: bool = False
    plain_dates: bool = True


def random_style(rng: random.Random) -> Style:
    return Style(
        indent=rng.choice((2, 2, 3, 4)),
        line_break=rng.choice(LINE_BREAKS) if rng.random() < 0.4 else "\n",
        flow_from=rng.choice((None, None, 0, 1, 2, 3)),
        quoting=rng.choice(("auto", "double", "single", "json")),
        comments=rng.random() < 0.3,
        raw_breaks_in_quotes=rng.random() < 0.2,
        hex_ints=rng.random() < 0.2,
        plain_dates=rng.random() < 0.7,
    )


def faithful_style(rng: random.Random) -> Style:
    """A random style that agreed reads as the same data: line breaks CRLF, CR or LF only, and no raw NEL, LS or
    PS inside quotes (agreed refuses those raw, by design: they are line breaks to YAML 1.1 readers only)."""
    style = random_style(rng)
    line_break = style.line_break if style.line_break in ("\n", "\r\n", "\r") else "\r\n"
    return dataclasses.replace(style, line_break=line_break, raw_breaks_in_quotes=False)


_PLAIN_SAFE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.()/+=;")
_RESERVED_WORDS = frozenset(("true", "false", "null", "True", "False", "Null", "TRUE", "FALSE", "NULL", "y", "n",
                             "yes", "no", "on", "off", "Y", "N", "Yes", "No", "On", "Off", "YES", "NO", "ON", "OFF"))


def _is_date(text: str) -> bool:
    return len(text) == 10 and text[4] == "-" and text[7] == "-" and (text[:4] + text[5:7] + text[8:]).isdigit()


@functools.lru_cache(maxsize=4096)
def _date_reads_back(text: str) -> bool:
    """Whether a date written plain loads as the same text (an impossible date such as 2027-02-30 may not)."""
    return bool(load_document(f"k: {text}\n".encode(), "probe").data == {"k": text})


def _plain_ok(text: str, style: Style) -> bool:
    if style.plain_dates and _is_date(text):
        return _date_reads_back(text)
    return (bool(text) and text[0].isalpha() and text[-1] != " " and set(text) <= _PLAIN_SAFE
            and text not in _RESERVED_WORDS)


_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\x00": "\\0", "\x07": "\\a",
            "\x08": "\\b", "\x0b": "\\v", "\x0c": "\\f", "\x1b": "\\e", "\x85": "\\N", "\xa0": "\\_",
            "\u2028": "\\L", "\u2029": "\\P"}


def _double_quoted(text: str, style: Style) -> str:
    out = []
    for char in text:
        code = ord(char)
        if style.raw_breaks_in_quotes and char in "\x85\u2028\u2029":
            out.append(char)
        elif char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif code < 0x20 or 0x7F <= code <= 0x9F or code == 0xFEFF or 0xD800 <= code <= 0xDFFF:
            out.append(f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _single_quoted(text: str, style: Style) -> str:
    printable = all(char == "\t" or (ord(char) >= 0x20 and not 0x7F <= ord(char) <= 0x9F and char not in
                                     "\u2028\u2029\ufeff") for char in text)
    if not printable or text != text.strip(" "):
        return _double_quoted(text, style)
    return "'" + text.replace("'", "''") + "'"


def scalar_text(value: Any, style: Style) -> str:
    if isinstance(value, Raw):
        return value.text
    if isinstance(value, Alias):
        return f"*{value.name}"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        if (style.hex_ints and value >= 0) or value.bit_length() > 14_000:  # str() refuses over 4,300 digits
            return hex(value)
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        if "e" in text and "." not in text:
            text = text.replace("e", ".0e")
        return text
    text = str(value)
    if style.quoting == "json":
        return json.dumps(text)
    if style.quoting == "single":
        return _single_quoted(text, style)
    if style.quoting == "auto" and _plain_ok(text, style):
        return text
    return _double_quoted(text, style)


def _key_text(key: str, style: Style) -> str:
    return key if _plain_ok(key, Style(plain_dates=False)) and key != "<<" else _double_quoted(key, style)


def _items(value: Any) -> list[tuple[str, Any]]:
    return list(value.items) if isinstance(value, Pairs) else list(value.items())


def _is_collection(value: Any) -> bool:
    return isinstance(value, (dict, list, Pairs))


def flow_text(value: Any, style: Style) -> str:
    if isinstance(value, Anchored):
        return f"&{value.name} {flow_text(value.value, style)}"
    if isinstance(value, (dict, Pairs)):
        pairs = (f"{_key_text(key, style)}: {flow_text(item, style)}" for key, item in _items(value))
        return "{" + ", ".join(pairs) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(flow_text(item, style) for item in value) + "]"
    return scalar_text(value, style)


class _Writer:
    def __init__(self, style: Style, rng: random.Random | None) -> None:
        self.style = style
        self.rng = rng
        self.lines: list[str] = []

    def comment(self, indent: int) -> None:
        if self.style.comments and self.rng is not None and self.rng.random() < 0.2:
            self.lines.append(" " * indent + "# " + self.rng.choice(("note", "é comment", "key: value", "- item")))

    def inline(self, value: Any, depth: int) -> str | None:
        """The value's text when it fits on its key's line, else None (a block collection follows)."""
        anchor = ""
        if isinstance(value, Anchored):
            anchor, value = f"&{value.name} ", value.value
        if not _is_collection(value):
            return anchor + scalar_text(value, self.style)
        empty = not (value.items if isinstance(value, Pairs) else value)
        flow = self.style.flow_from is not None and depth >= self.style.flow_from
        if empty or flow:
            return anchor + flow_text(value, self.style)
        return None

    def value(self, value: Any, indent: int, depth: int, prefix: str) -> None:
        text = self.inline(value, depth)
        if text is not None:
            trailer = "  # said" if self.style.comments and not text.startswith(("'", '"', "&")) else ""
            self.lines.append(prefix + (" " if prefix else "") + text + (trailer if prefix.endswith(":") else ""))
            return
        anchor = ""
        if isinstance(value, Anchored):
            anchor, value = f" &{value.name}", value.value
        if prefix:
            self.lines.append(prefix + anchor)
        if isinstance(value, list):
            self.sequence(value, indent + self.style.indent if prefix else indent, depth + 1)
        else:
            self.mapping(_items(value), indent + self.style.indent if prefix else indent, depth + 1)

    def mapping(self, items: list[tuple[str, Any]], indent: int, depth: int) -> None:
        for key, item in items:
            self.comment(indent)
            self.value(item, indent, depth, " " * indent + _key_text(key, self.style) + ":")

    def sequence(self, items: list[Any], indent: int, depth: int) -> None:
        for item in items:
            self.comment(indent)
            plain = item.value if isinstance(item, Anchored) else item
            if isinstance(plain, (dict, Pairs)) and _items(plain) and self.inline(item, depth) is None:
                start = len(self.lines)
                if isinstance(item, Anchored):
                    self.lines.append(" " * indent + f"- &{item.name}")
                    self.mapping(_items(plain), indent + 2, depth + 1)
                    continue
                self.mapping(_items(plain), indent + 2, depth + 1)
                self.lines[start] = " " * indent + "- " + self.lines[start][indent + 2:]
            else:
                self.value(item, indent, depth, " " * indent + "-")


def to_yaml(data: Any, style: Style = Style(), rng: random.Random | None = None) -> str:
    """``data`` (plain data, possibly holding Raw, Anchored, Alias and Pairs) as YAML text in ``style``."""
    writer = _Writer(style, rng)
    if isinstance(data, dict) and list(data) == ["__pairs__"]:
        data = data["__pairs__"]
    if isinstance(data, (dict, Pairs)) and (style.flow_from is None or style.flow_from > 0):
        writer.mapping(_items(data), 0, 0)
    else:
        writer.lines.append(flow_text(data, style))
    return style.line_break.join(writer.lines) + style.line_break


# -- byte-level damage ----------------------------------------------------------------------------------------------

INVALID_UTF8 = (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"\x80", b"\xe2\x82")
BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf\xef\xbb\xbf")


def _truncate(rng: random.Random, raw: bytes) -> bytes:
    return raw[: rng.randrange(len(raw) + 1)]


def _flip(rng: random.Random, raw: bytes) -> bytes:
    if not raw:
        return raw
    buffer = bytearray(raw)
    for _ in range(rng.choice((1, 1, 2, 4))):
        buffer[rng.randrange(len(buffer))] = rng.randrange(256)
    return bytes(buffer)


def _insert(rng: random.Random, raw: bytes, piece: bytes) -> bytes:
    at = rng.randrange(len(raw) + 1)
    return raw[:at] + piece + raw[at:]


def _invalid_utf8(rng: random.Random, raw: bytes) -> bytes:
    return _insert(rng, raw, rng.choice(INVALID_UTF8))


def _bom(rng: random.Random, raw: bytes) -> bytes:
    bom = rng.choice(BOMS)
    return bom + raw if rng.random() < 0.7 else _insert(rng, raw, bom)


def _odd_characters(rng: random.Random, raw: bytes) -> bytes:
    piece = rng.choice(("\t", "\x00", "\x85", "\u2028", "\u2029", "\r", "\r\n", "\x1b", "\ufeff", "é", "😀",
                        "\x0b", "\x0c", "\x1c", "\x1e",
                        ": ", "- ", "#", "&a ", "*a", "!!binary ", "? ", "[", "{", "'", '"', "\\"))
    return _insert(rng, raw, piece.encode("utf-8"))


def _tab_indent(rng: random.Random, raw: bytes) -> bytes:
    lines = raw.split(b"\n")
    indented = [index for index, line in enumerate(lines) if line.startswith(b"  ")]
    if indented:
        index = rng.choice(indented)
        lines[index] = b"\t" + lines[index].lstrip(b" ")
    return b"\n".join(lines)


def _shuffle_lines(rng: random.Random, raw: bytes) -> bytes:
    lines = raw.split(b"\n")
    if len(lines) > 1:
        first, second = rng.randrange(len(lines)), rng.randrange(len(lines))
        if rng.random() < 0.5:
            lines[first], lines[second] = lines[second], lines[first]
        else:
            lines.insert(first, lines[second])
    return b"\n".join(lines)


def _delete_chunk(rng: random.Random, raw: bytes) -> bytes:
    if not raw:
        return raw
    start = rng.randrange(len(raw))
    return raw[:start] + raw[start + rng.randint(1, 64):]


def _strip_final_break(rng: random.Random, raw: bytes) -> bytes:
    return raw.rstrip(b"\r\n")


BYTE_LEVEL: tuple[Callable[[random.Random, bytes], bytes], ...] = (
    _truncate, _flip, _invalid_utf8, _bom, _odd_characters, _tab_indent, _shuffle_lines, _delete_chunk,
    _strip_final_break,
)


# -- cases ----------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Case:
    """A generated file: its bytes, the bytes of the unmutated seed it came from, and the mutations applied."""

    raw: bytes
    seed: bytes
    mutations: tuple[str, ...] = field(default=())

    @property
    def label(self) -> str:
        return "+".join(self.mutations) or "none"


def _seed_choice(rng: random.Random) -> Seed:
    # The small seeds are cheap to lint; the shipped ones hold every kind of element.
    available = seeds()
    small = [seed for seed in available if seed.name in ("minimal-draft", "field-service-returns.yaml")]
    return rng.choice(small) if rng.random() < 0.5 else rng.choice(available)


def mutate(rng: random.Random, data: dict[str, Any], pool: tuple[Callable[[random.Random, dict[str, Any]], None], ...],
           count: int) -> list[str]:
    names = []
    for _ in range(count):
        mutation = rng.choice(pool)
        mutation(rng, data)
        names.append(mutation.__name__.lstrip("_"))
    return names


@functools.cache
def _seed_bytes(name: str) -> bytes:
    """A seed written in the default style: the old version that a mutated case is compared with."""
    return to_yaml(next(seed for seed in seeds() if seed.name == name).data).encode("utf-8")


def generate_case(rng: random.Random) -> Case:
    """A mutated agreement: structural mutations, a writing style and (sometimes) damaged bytes."""
    seed = _seed_choice(rng)
    seed_bytes = _seed_bytes(seed.name)
    data = _plain_copy(seed.data)
    names = mutate(rng, data, STRUCTURAL, rng.choice((0, 1, 1, 2, 3, 5)))
    style = random_style(rng)
    raw = to_yaml(data, style, rng).encode("utf-8")
    if style != Style():
        names.append("style")
    for _ in range(rng.choice((0, 0, 0, 1, 1, 2))):
        damage = rng.choice(BYTE_LEVEL)
        raw = damage(rng, raw)
        names.append(damage.__name__.lstrip("_"))
    return Case(raw, seed_bytes, tuple(names))


@dataclass(frozen=True, slots=True)
class Pair:
    """Two versions of an agreement: the seed (``old``) and a gently edited copy (``new``), each written out."""

    old: bytes
    new: bytes
    mutations: tuple[str, ...]


def generate_pair(rng: random.Random) -> Pair:
    """Two likely schema-valid versions of one agreement, for digest-versus-diff comparisons."""
    seed = _seed_choice(rng)
    old_data = _plain_copy(seed.data)
    if rng.random() < 0.5:
        mutate(rng, old_data, (_add_extension,) if rng.random() < 0.5 else GENTLE, 1)
    new_data = _plain_copy(old_data)
    names = mutate(rng, new_data, (*GENTLE, _add_extension), rng.choice((0, 1, 1, 2)))
    old = to_yaml(old_data, faithful_style(rng), rng).encode("utf-8")
    new = to_yaml(new_data, faithful_style(rng), rng).encode("utf-8")
    return Pair(old, new, tuple(names))


# -- reformatting with ruamel.yaml ----------------------------------------------------------------------------------


def ruamel_reformat(data: Any, rng: random.Random) -> str:
    """``data`` re-dumped by ruamel.yaml in a random style: flow or block, quoting, comments, reordered keys."""
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, LiteralScalarString, SingleQuotedScalarString

    quoting = rng.choice(("plain", "double", "single", "literal"))

    def convert(value: Any) -> Any:
        if isinstance(value, dict):
            items = list(value.items())
            if rng.random() < 0.5:
                rng.shuffle(items)
            mapping = CommentedMap((key, convert(item)) for key, item in items)
            if items and rng.random() < 0.3:
                mapping.yaml_add_eol_comment("a comment, é", items[0][0])
            return mapping
        if isinstance(value, list):
            return CommentedSeq(convert(item) for item in value)
        if isinstance(value, str) and value:
            if quoting == "double":
                return DoubleQuotedScalarString(value)
            if quoting == "single" and value.isprintable():
                return SingleQuotedScalarString(value)
            if quoting == "literal" and "\n" in value and value.isprintable() is False and value.strip() == value:
                return LiteralScalarString(value)
        return value

    yaml = YAML(typ="rt")
    yaml.default_flow_style = rng.choice((False, True, None))
    mapping_indent = rng.choice((2, 4))
    yaml.indent(mapping=mapping_indent, sequence=mapping_indent + 2, offset=mapping_indent)
    yaml.width = rng.choice((80, 4096))
    buffer = io.StringIO()
    yaml.dump(convert(data), buffer)
    return buffer.getvalue()


# -- hypothesis strategies ------------------------------------------------------------------------------------------


def cases() -> st.SearchStrategy[Case]:
    """Mutated agreements (structure, style and bytes)."""
    return st.randoms(use_true_random=False).map(generate_case)


def pairs() -> st.SearchStrategy[Pair]:
    """Two versions of one agreement, likely both valid."""
    return st.randoms(use_true_random=False).map(generate_pair)


def valid_documents() -> st.SearchStrategy[tuple[dict[str, Any], random.Random]]:
    """A seed's data with gentle edits, and a random source for a reformatting style."""
    def build(rng: random.Random) -> tuple[dict[str, Any], random.Random]:
        data = _plain_copy(_seed_choice(rng).data)
        mutate(rng, data, (_add_key, *GENTLE), rng.choice((0, 1, 2)))
        return data, rng
    return st.randoms(use_true_random=False).map(build)


def statements() -> st.SearchStrategy[str]:
    """Free-standing statements: odd strings and arbitrary text."""
    return st.one_of(st.randoms(use_true_random=False).map(odd_string), st.text(max_size=200))
