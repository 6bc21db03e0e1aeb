"""The output formats of one result type: each format's name and the renderer that writes a result in it.

Every result agreed shows (a lint report, changes, a timeline, consent statuses, digests, check-text's statements)
has one :class:`Registry`, built the same way; the command line offers exactly its names as ``--format`` choices. A
new format is one renderer and one entry in its result's registry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Generic, TypeVar

from agreed.errors import AgreedError

ResultT = TypeVar("ResultT")
OutputT = TypeVar("OutputT")


class UnknownFormat(AgreedError, ValueError):
    """A format name that the result's registry does not hold."""


@dataclass(frozen=True, slots=True)
class Registry(Generic[ResultT, OutputT]):
    """``result`` names what is rendered (for messages); ``renderers`` maps each format, in the order offered, to
    its renderer."""

    result: str
    renderers: Mapping[str, Callable[[ResultT], OutputT]]

    def names(self) -> tuple[str, ...]:
        return tuple(self.renderers)

    def __contains__(self, name: object) -> bool:
        return name in self.renderers

    def __iter__(self) -> Iterator[str]:
        return iter(self.renderers)

    def __getitem__(self, name: str) -> Callable[[ResultT], OutputT]:
        try:
            return self.renderers[name]
        except KeyError:
            raise UnknownFormat(f"no {name!r} format for {self.result} (formats: {', '.join(self.names())})") from None

    def render(self, name: str, result: ResultT) -> OutputT:
        """``result`` written in the format ``name``."""
        return self[name](result)
