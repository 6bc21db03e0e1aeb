"""A page of Markdown as one self-contained HTML file: the shell, the inline style sheet and the body.

The body comes from the Markdown through markdown-it-py (CommonMark plus tables) with raw HTML disabled: whatever
HTML an agreement's text holds is shown as text, never run. Links written as Markdown links or autolinks stay links
(markdown-it refuses ``javascript:`` and other unsafe targets); bare addresses in agreement text are made autolinks by
:func:`agreed.render.markdown.inline` and :func:`agreed.render.markdown.prose` before this step, so no linkify
library is needed. Every table is wrapped in a region that scrolls sideways on a narrow screen (the page itself never
does) and each column header says its scope.

The shell (``data/pages/page.html``) and the style sheet (``data/pages/style.css``, screen and print) ship inside the
package. The page needs no network and no script, and the same arguments give the same bytes.
"""

from __future__ import annotations

import html
import re
import string
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

from agreed.visible import visible


@dataclass(frozen=True, slots=True)
class NavLink:
    """One link of a page's navigation: ``href`` relative to the root of the pages (``root`` is put before it,
    unless it is absolute, a fragment or has a scheme); ``current`` marks the page being shown."""

    label: str
    href: str
    current: bool = False


def html_page(title: str, markdown_text: str, *, root: str = "", lang: str = "en",
              navigation: Sequence[NavLink] = ()) -> str:
    """The HTML page showing ``markdown_text`` (which holds its own first-level heading), titled ``title`` (shown as
    :func:`agreed.visible.visible` writes it: a title may be a file's name, whose stray byte is written ``\\xNN``).

    ``root``: the relative way from this page to the root of the pages (``""`` or ``"../"``), put before every
    navigation link's ``href``; ``navigation``: the links shown above the body, in order (none: no navigation)."""
    return _shell().substitute(
        lang=html.escape(lang, quote=True),
        title=html.escape(visible(title), quote=False),
        style=_style(),
        navigation=_navigation(navigation, root),
        body=markdown_html(markdown_text),
    )


def markdown_html(markdown_text: str) -> str:
    """The HTML of ``markdown_text``, raw HTML shown as text, tables wrapped to scroll on narrow screens."""
    rendered: str = _parser().render(markdown_text)
    return rendered


_CURRENT = ' aria-current="page"'
_DAY = re.compile(r"(?<![\w-])\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?(?![\w-])")
"""A day, or a moment (``2031-01-04T11:00:00Z``): never broken at its hyphens."""


def _navigation(links: Sequence[NavLink], root: str) -> str:
    if not links:
        return ""
    items = "".join(f'<li><a href="{html.escape(_href(link.href, root), quote=True)}"'
                    f'{_CURRENT if link.current else ""}>{html.escape(link.label, quote=False)}</a></li>'
                    for link in links)
    return f'<nav class="site" aria-label="Pages"><ul>{items}</ul></nav>\n'


def _href(href: str, root: str) -> str:
    if not href or href.startswith(("/", "#", "?")) or ":" in href.split("/", 1)[0]:
        return href
    return root + href


@cache
def _parser() -> MarkdownIt:
    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")
    parser.add_render_rule("table_open", _table_open)
    parser.add_render_rule("table_close", _table_close)
    parser.add_render_rule("th_open", _th_open)
    parser.add_render_rule("td_open", _td_open)
    parser.add_render_rule("text", _text)
    return parser


def _table_open(renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict,
                env: EnvType) -> str:
    # a focusable region named by the heading above, so keyboard users can scroll a wide table on a narrow screen
    label = html.escape(_heading_before(tokens, index), quote=True)
    env[_HEADERS] = _table_headers(tokens, index)  # read by each cell of the table, so found once per table
    return (f'<div class="table" role="region" tabindex="0" aria-label="{label}">\n'
            + renderer.renderToken(tokens, index, options, env))


def _heading_before(tokens: Sequence[Token], index: int) -> str:
    """The text of the last heading before ``tokens[index]``, else "table"."""
    for position in range(index - 1, 0, -1):
        if tokens[position - 1].type == "heading_open" and tokens[position].type == "inline":
            return _words(tokens[position]) or "table"
    return "table"


def _table_close(renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict,
                 env: EnvType) -> str:
    return renderer.renderToken(tokens, index, options, env) + "</div>\n"


def _th_open(renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict,
             env: EnvType) -> str:
    tokens[index].attrSet("scope", "col")
    return renderer.renderToken(tokens, index, options, env)


def _td_open(renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict,
             env: EnvType) -> str:
    # the column's header, which a narrow screen shows beside each cell when the rows become cards
    label = _column_header(tokens, index, env.get(_HEADERS, ()))
    if label:
        tokens[index].attrSet("data-label", label)
    return renderer.renderToken(tokens, index, options, env)


_HEADERS = "agreed.table-headers"


def _table_headers(tokens: Sequence[Token], index: int) -> list[str]:
    """The header texts of the table opened at ``tokens[index]``."""
    headers: list[str] = []
    for token in (tokens[position] for position in range(index + 1, len(tokens))):
        if token.type == "thead_close":
            break
        if token.type == "inline":
            headers.append(_words(token))
    return headers


def _column_header(tokens: Sequence[Token], index: int, headers: Sequence[str]) -> str:
    """The header text (of ``headers``, its table's) of the column of the cell opened at ``tokens[index]``."""
    column = 0
    position = index - 1
    while position >= 0 and tokens[position].type != "tr_open":
        column += tokens[position].type == "td_open"
        position -= 1
    return headers[column] if column < len(headers) else ""


def _words(inline: Token) -> str:
    return "".join(child.content for child in inline.children or () if child.type in ("text", "code_inline")).strip()


def _text(renderer: RendererHTML, tokens: Sequence[Token], index: int, options: OptionsDict, env: EnvType) -> str:
    # a day or a moment is never broken at its hyphens, in a narrow table column least of all
    return _DAY.sub(r'<span class="day">\g<0></span>', escapeHtml(tokens[index].content))


def _data(name: str) -> str:
    return resources.files("agreed").joinpath("data", "pages", name).read_text(encoding="utf-8")


@cache
def _shell() -> string.Template:
    return string.Template(_data("page.html"))


@cache
def _style() -> str:
    return _data("style.css").strip()


__all__ = ["NavLink", "html_page", "markdown_html"]
