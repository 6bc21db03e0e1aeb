"""How ``agreed schema`` shows the packaged agreement schema: as shipped (``json``, for editors and validators), or
as a reference of every key written from it (``markdown``, :mod:`agreed.report.schema.markdown`)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from agreed.report.registry import Registry


@dataclass(frozen=True, slots=True)
class PackagedSchema:
    """The schema file's text, byte for byte as shipped."""

    text: str

    def document(self) -> Mapping[str, Any]:
        loaded: Mapping[str, Any] = json.loads(self.text)
        return loaded


def render_json(schema: PackagedSchema) -> str:
    return schema.text


def render_markdown(schema: PackagedSchema) -> str:
    from agreed.report.schema.markdown import render  # loaded only when a reference is asked for

    return render(schema.document())


SCHEMA_FORMATS: Final[Registry[PackagedSchema, str]] = Registry(
    "the agreement schema", {"json": render_json, "markdown": render_markdown}
)
