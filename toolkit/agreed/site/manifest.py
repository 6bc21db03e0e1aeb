"""The site's manifest, ``.agreed-site.json`` in the output folder: what each page was made from and what was written.

It makes a rebuild incremental and a clean-up safe:

- each page records the hash of what it was made from (``source``) and of the bytes written (``sha256``): a page
  whose source is unchanged and whose file still holds those bytes is not made again;
- each agreement records the hash of its file's bytes, its id, the key of everything its page depends on and the
  facts the index and the people's pages show (:mod:`agreed.site.facts`), so an unchanged agreement is not parsed;
- only files the manifest lists, under names the site makes, and still holding the bytes written, are ever removed
  (a page of an agreement that is gone); anything else in the folder is the user's and is left alone.

A manifest that cannot be read, or was written by other code, counts as none: every page is made again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from agreed.reading import Unreadable, read_file
from agreed.site.facts import AgreementFacts, facts_from, facts_record

NAME = ".agreed-site.json"
FORMAT = 1
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # a stray byte of a file name that is not UTF-8
# What the site writes, and so what a manifest may name for removal.
SITE_FILE = re.compile(r"(?:index\.html|\.nojekyll|(?:agreements|people)/[a-z0-9][a-z0-9-]*\.html)")
# The most the site reads back of its own files: the manifest and the index grow with the number of agreements
# (7 MB of manifest for 1,000), far past the limit on one agreement file.
READ_LIMIT = 1 << 30


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class PageRecord:
    source: str
    sha256: str


@dataclass(frozen=True, slots=True)
class AgreementRecord:
    content: str  # sha256 of the file's bytes
    id: str
    key: str  # sha256 of everything the agreement's page depends on
    facts: AgreementFacts


@dataclass(frozen=True, slots=True)
class Manifest:
    code: str = ""
    pages: Mapping[str, PageRecord] = field(default_factory=dict)
    agreements: Mapping[str, AgreementRecord] = field(default_factory=dict)
    found: bool = False  # a manifest of this site was in the folder


def read_manifest(folder: Path, code: str) -> Manifest:
    """The manifest in ``folder``; an empty one when there is none, it cannot be read, or other code wrote it (its
    pages may still be removed when gone: ``found``)."""
    raw = read_file(folder / NAME, READ_LIMIT)
    if isinstance(raw, Unreadable):
        return Manifest()
    try:
        data = json.loads(raw.decode("utf-8"))
        pages = {str(path): PageRecord(str(page["source"]), str(page["sha256"]))
                 for path, page in data["pages"].items() if SITE_FILE.fullmatch(str(path))}
        if data.get("agreed-site") != FORMAT:
            return Manifest()
        if data.get("code") != code:
            return Manifest(pages={path: PageRecord("", page.sha256) for path, page in pages.items()}, found=True)
        agreements = {str(path): AgreementRecord(str(entry["content"]), str(entry["id"]), str(entry["key"]),
                                                 facts_from(entry["facts"]))
                      for path, entry in data["agreements"].items()}
    except (ValueError, KeyError, TypeError, AttributeError):
        return Manifest()
    return Manifest(code, pages, agreements, found=True)


def manifest_text(manifest: Manifest) -> str:
    """The manifest as JSON, keys sorted, so the same site gives the same bytes. A file's name that is not UTF-8
    (a stray byte kept as a lone surrogate) is written as its JSON escape, which reads back as the same name."""
    return _LONE_SURROGATE.sub(_json_escape, json.dumps({
        "agreed-site": FORMAT, "code": manifest.code,
        "pages": {path: {"source": page.source, "sha256": page.sha256} for path, page in manifest.pages.items()},
        "agreements": {path: {"content": entry.content, "id": entry.id, "key": entry.key,
                              "facts": facts_record(entry.facts)} for path, entry in manifest.agreements.items()},
    }, ensure_ascii=False, sort_keys=True, indent=1)) + "\n"


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def code_fingerprint() -> str:
    """sha256 over every module and data file of agreed, by content: pages made by other code are made again (and
    the same code gives the same manifest on every machine)."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix in (".py", ".json", ".yaml", ".css",
                                                                                  ".html"):
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
