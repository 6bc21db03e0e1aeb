"""``Record``: the base of agreed's small immutable records, a named tuple that costs little to define.

``typing.NamedTuple`` checks every field's annotation when the class is made; under postponed annotations each one
is a string that it compiles into a ``ForwardRef``, which makes a record class about four times as slow to define
as the ``collections.namedtuple`` it builds. agreed defines some forty records on the path of every ``agreed lint``
(the typed agreement view alone has thirty), so the type checker sees ``typing.NamedTuple`` and the interpreter
builds the same ``collections.namedtuple`` directly: fields, defaults, methods, properties and docstrings as
written, with no check of the annotations (mypy checks them).

Write a record exactly as a ``NamedTuple``::

    class Span(Record):
        start: int
        end: int = 0
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__all__ = ["Record"]

if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:
    import collections

    _MADE_BY_CLASS = frozenset({"__module__", "__qualname__", "__annotations__", "__doc__", "__orig_bases__",
                                "__static_attributes__", "__firstlineno__", "__classcell__"})

    class _RecordMaker(type):
        def __new__(cls, name, bases, namespace):  # runtime only: mypy sees typing.NamedTuple
            if namespace.get("_is_record_base"):
                return super().__new__(cls, name, bases, namespace)
            fields = tuple(namespace.get("__annotations__", ()))
            defaults = [namespace[field] for field in fields if field in namespace]
            if any(field not in namespace for field in fields[len(fields) - len(defaults):]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            record = collections.namedtuple(name, fields, defaults=defaults, module=namespace["__module__"])
            record.__qualname__ = namespace["__qualname__"]
            if namespace.get("__doc__") is not None:
                record.__doc__ = namespace["__doc__"]
            for attribute, value in namespace.items():
                if attribute not in _MADE_BY_CLASS and attribute not in fields:
                    setattr(record, attribute, value)
            return record

    class Record(metaclass=_RecordMaker):
        _is_record_base = True
