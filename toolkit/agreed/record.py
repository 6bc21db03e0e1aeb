"""``Record``: the base of agreed's small immutable records, a named tuple that costs little to define.

agreed defines some forty records on the path of every ``agreed lint`` (the typed agreement view alone has thirty),
and a one-file lint must start fast. ``typing.NamedTuple`` compiles every annotation into a ``ForwardRef`` and
``collections.namedtuple`` compiles a new constructor for every class; together that was a tenth of a one-file
run's start-up. So the type checker sees ``typing.NamedTuple`` while the interpreter builds an equivalent tuple
class itself: the annotations are not evaluated (mypy checks them), and the constructor's code is compiled once per
number of fields and given each class's field names. Instances are plain tuples with named fields, defaults,
``_replace``, ``_asdict``, ``_make``, a readable ``repr``, equality and hashing as tuples, and they pickle.

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
    from types import FunctionType

    try:
        from _collections import _tuplegetter  # the field accessor collections.namedtuple uses, in C
    except ImportError:
        from operator import itemgetter

        def _tuplegetter(index, doc):
            return property(itemgetter(index), doc=doc)

    _MADE_BY_CLASS = frozenset({"__module__", "__qualname__", "__annotations__", "__orig_bases__",
                                "__static_attributes__", "__firstlineno__", "__classcell__", "_is_record_base"})
    _constructor_codes = {}

    def _constructor(name, fields, defaults):
        """``__new__(cls, <fields>)``, building the tuple; its code is compiled once per number of fields."""
        code = _constructor_codes.get(len(fields))
        if code is None:
            slots = ", ".join(f"_{index}" for index in range(len(fields)))
            code = eval(f"lambda cls, {slots}: _tuple_new(cls, ({slots}{',' if fields else ''}))").__code__
            _constructor_codes[len(fields)] = code
        named = code.replace(co_varnames=("cls", *fields), co_name="__new__", co_qualname=f"{name}.__new__")
        return FunctionType(named, {"_tuple_new": tuple.__new__}, "__new__", tuple(defaults) or None)

    class _Tuple(tuple):
        """What every record shares: the named tuple methods, written once against ``_fields``."""

        __slots__ = ()

        @classmethod
        def _make(cls, values):
            made = tuple.__new__(cls, values)
            if len(made) != len(cls._fields):
                raise TypeError(f"expected {len(cls._fields)} values, got {len(made)}")
            return made

        def _replace(self, /, **changes):
            replaced = self._make([changes.pop(name, value) for name, value in zip(self._fields, self, strict=True)])
            if changes:
                raise TypeError(f"unexpected field names: {sorted(changes)!r}")
            return replaced

        def _asdict(self):
            return dict(zip(self._fields, self, strict=True))

        def __repr__(self):
            shown = ", ".join(f"{name}={value!r}" for name, value in zip(self._fields, self, strict=True))
            return f"{type(self).__name__}({shown})"

        def __getnewargs__(self):
            return tuple(self)

    class _RecordMaker(type):
        def __new__(cls, name, bases, namespace):  # runtime only: mypy sees typing.NamedTuple
            if namespace.get("_is_record_base"):
                return super().__new__(cls, name, bases, namespace)
            fields = tuple(namespace.get("__annotations__", ()))
            defaults = [namespace[field] for field in fields if field in namespace]
            if any(field not in namespace for field in fields[len(fields) - len(defaults):]):
                raise TypeError(f"{name}: a field without a default follows one with a default")
            body = {attribute: value for attribute, value in namespace.items()
                    if attribute not in _MADE_BY_CLASS and attribute not in fields}
            body.update(
                (field, _tuplegetter(index, f"Alias for field number {index}"))
                for index, field in enumerate(fields))
            body.update(__slots__=(), _fields=fields, __match_args__=fields,
                        _field_defaults=dict(zip(fields[len(fields) - len(defaults):], defaults, strict=True)),
                        __new__=_constructor(namespace["__qualname__"], fields, defaults))
            record = type.__new__(type, name, (_Tuple,), body)
            record.__module__, record.__qualname__ = namespace["__module__"], namespace["__qualname__"]
            return record

    class Record(metaclass=_RecordMaker):
        _is_record_base = True
