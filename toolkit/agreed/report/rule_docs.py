"""Where a rule's documentation is read on the web, and its Markdown.

Every rule's documentation is in the repository at ``docs/rules.md`` (written by ``agreed rules --format markdown``),
one section per rule whose anchor is its code in lower case (``#v101``). A link to it needs the base URL under which
the repository's files are served at the revision that is running: the one given (``agreed lint --docs-url``), else
the project URL the installed package declares (``[project.urls]``). Without either there is no link: no URL is
made up.
"""

from __future__ import annotations

import functools
import inspect
import re
from typing import Final
from urllib.parse import urlsplit

from agreed.errors import AgreedError
from agreed.lint.rule import Rule, TextRule
from agreed.report.envelope import TOOL_NAME

RULES_PAGE: Final = "docs/rules.md"  # the rules' documentation, relative to the repository root
# The project URL labels looked for in the package's metadata, in order of preference.
_HOME_LABELS: Final = ("documentation", "homepage", "repository", "source")
_SCHEMES: Final = frozenset({"http", "https"})
_CODE_SPAN_OR_ANGLE: Final = re.compile(r"(`+).+?\1|<")


class BadDocsUrl(AgreedError, ValueError):
    """A documentation base that is no absolute http or https URL a page and an anchor can be added to."""


def docs_url(text: str) -> str:
    """``text`` as a documentation base: an absolute http or https URL with a host, without a user name, a query or a
    fragment (the page's path and the rule's anchor are added to it), printable ASCII only; its trailing slashes
    dropped."""
    if not text.isascii() or not text.isprintable() or any(character.isspace() for character in text):
        raise BadDocsUrl(f"{text!r} holds a space, a control or a non-ASCII character (percent-encode it)")
    try:
        parts = urlsplit(text)
        host, _ = parts.hostname, parts.port  # a port that is no number in range raises ValueError
    except ValueError as error:
        raise BadDocsUrl(f"{text!r} is no URL ({error})") from None
    if parts.scheme.lower() not in _SCHEMES or not host:
        raise BadDocsUrl(f"{text!r} is no absolute http or https URL (such as https://example.org/agreed/tree/v1)")
    if parts.username is not None:
        raise BadDocsUrl(f"{text!r} holds a user name: the links are published in every report")
    if "?" in text or "#" in text:
        raise BadDocsUrl(f"{text!r} has a query or a fragment: the page and the rule's anchor are added to its path")
    return text.rstrip("/")


@functools.cache
def project_home() -> str | None:
    """The project's URL as the installed package declares it (``[project.urls]``), or None when it declares none."""
    import importlib.metadata  # slow to import: read only where a link is wanted (SARIF, the language server)

    try:
        declared = importlib.metadata.metadata(TOOL_NAME).get_all("Project-URL") or []
    except importlib.metadata.PackageNotFoundError:
        return None
    urls = {label.strip().lower(): url.strip() for label, _, url in (entry.partition(",") for entry in declared)}
    return next((urls[label] for label in _HOME_LABELS if urls.get(label)), None)


def documentation_base(given: str | None) -> str | None:
    """The base of the rules' links: ``given`` (already checked by :func:`docs_url`), else the declared project URL
    when it is one a page can be added to, else None."""
    if given is not None:
        return given
    declared = project_home()
    if declared is None:
        return None
    try:
        return docs_url(declared)
    except BadDocsUrl:
        return None


def anchor(code: str) -> str:
    """The anchor of a rule's section in ``docs/rules.md``: what a Markdown renderer makes of a heading that is the
    code alone."""
    return code.lower()


def rule_link(base: str, code: str) -> str:
    """Where the rule ``code`` is documented under the documentation base ``base``."""
    return f"{base}/{RULES_PAGE}#{anchor(code)}"


def rule_markdown(rule: Rule) -> str:
    """``rule``'s documentation as Markdown (:func:`help_markdown`), its examples fenced as what they are: the prose
    a text rule reads, the YAML of an agreement for every other rule."""
    return help_markdown(rule.doc, "text" if isinstance(rule, TextRule) else "yaml")


def help_markdown(doc: str, language: str = "yaml") -> str:
    """A rule's documentation as Markdown: its prose as written (a ``<`` outside code spans escaped, so that
    ``<party id>`` is not taken for an HTML tag; the rest is ours and meant as Markdown, its ````code```` spans
    among it, so it is not escaped as agreement text is), each indented example block fenced as ``language``."""
    out: list[str] = []
    fenced = False
    lines = inspect.cleandoc(doc).splitlines()
    for number, line in enumerate(lines):
        indented = line.startswith("    ")
        if indented and not fenced:
            out += ["", f"```{language}"] if out and out[-1] else [f"```{language}"]
            fenced = True
        elif fenced and not indented and (line.strip() or not _continues_block(lines, number)):
            out.append("```")
            fenced = False
        out.append(line[4:] if fenced else _prose(line))
    if fenced:
        out.append("```")
    return "\n".join(out).strip("\n")


def _prose(line: str) -> str:
    """``line`` with each ``<`` outside its code spans escaped."""
    return _CODE_SPAN_OR_ANGLE.sub(lambda found: found[0] if found[1] else "\\<", line)


def _continues_block(lines: list[str], number: int) -> bool:
    """Whether the blank line at ``number`` lies inside an indented block (the next line with text is indented)."""
    following = next((line for line in lines[number + 1 :] if line.strip()), "")
    return following.startswith("    ")
