"""The formats of a rendered agreement (``agreed render``): Markdown, and the self-contained HTML page made from it.

- markdown: the page in the method's order (:func:`agreed.render.page.agreement_markdown`), every value escaped;
- html: that Markdown as one HTML file with its style sheet inline (:func:`agreed.render.html.html_page`).
"""

from __future__ import annotations

from typing import Final

from agreed.render.html import html_page
from agreed.render.page import agreement_markdown
from agreed.render.run import AgreementPage
from agreed.report.registry import Registry


def render_markdown(page: AgreementPage) -> str:
    return agreement_markdown(page.agreement, consent=page.consent, source=page.source)


def render_html(page: AgreementPage) -> str:
    return html_page(page.title, render_markdown(page))


RENDER_FORMATS: Final[Registry[AgreementPage, str]] = Registry("a rendered agreement", {
    "markdown": render_markdown, "html": render_html})
