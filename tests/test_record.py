"""Record: a named tuple defined without compiling annotations, behaving as typing.NamedTuple does."""

from __future__ import annotations

import copy
import pickle
from typing import NamedTuple

import pytest

from agreed.record import Record


class Span(Record):
    """A part of a text."""

    start: int
    end: int = 0
    label: str = "x"

    @property
    def length(self) -> int:
        return self.end - self.start


class Empty(Record):
    pass


class SpanTuple(NamedTuple):
    start: int
    end: int = 0
    label: str = "x"


def test_fields_defaults_and_methods_are_those_of_a_named_tuple() -> None:
    span = Span(2, end=5)
    assert (span.start, span.end, span.label, span.length) == (2, 5, "x", 3)
    assert Span._fields == SpanTuple._fields == ("start", "end", "label")
    assert Span._field_defaults == SpanTuple._field_defaults
    assert span == SpanTuple(2, 5) == (2, 5, "x")
    assert hash(span) == hash((2, 5, "x"))
    assert span._replace(label="y") == Span(2, 5, "y")
    assert span._asdict() == {"start": 2, "end": 5, "label": "x"}
    assert Span._make([1, 2, "z"]) == Span(1, 2, "z")
    assert repr(span) == "Span(start=2, end=5, label='x')"
    assert Span.__doc__ == "A part of a text."
    assert isinstance(span, tuple)
    assert Empty() == ()


def test_it_pickles_copies_and_matches_by_position() -> None:
    span = Span(1, 4, "y")
    assert pickle.loads(pickle.dumps(span)) == span
    assert copy.deepcopy(span) == span
    match span:
        case Span(start, end):
            assert (start, end) == (1, 4)
        case _:
            pytest.fail("no match")


def test_it_refuses_what_a_named_tuple_refuses() -> None:
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'start'"):
        Span()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'width'"):
        Span(1, width=2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected field names"):
        Span(1)._replace(width=2)
    with pytest.raises(TypeError, match="expected 3 values, got 2"):
        Span._make([1, 2])
    with pytest.raises(AttributeError):
        Span(1).start = 2  # type: ignore[misc]
    with pytest.raises(TypeError, match="without a default follows one with a default"):
        class Wrong(Record):
            first: int = 0
            second: int
