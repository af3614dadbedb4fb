"""The ``guide-pages`` plugin: every page states what it is and when it was last checked.

Each page's front matter must give a title (the ``<title>`` people search for),
a description (for search engines) and a ``reviewed`` date, which is shown
under the page's heading.
"""

from __future__ import annotations

import datetime
import html
import re

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from .config import PagesConfig
from .csp import add_content_security_policy

__all__ = ["PagesPlugin", "reviewed_line"]

_H1 = re.compile(r"^# .+$", re.MULTILINE)
# Material fetches "sitemap.xml" beside every <link rel=alternate> in the head, which
# 404s for page-level alternates; the hreflang pairs are in the root sitemap.xml instead.
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


_TASK = re.compile(
    r'(<li class="task-list-item"><label class="task-list-control"><input type="checkbox" disabled)'
    r"(/>.*?</label>)(.*?)</li>",
    re.DOTALL,
)
_TAGS = re.compile(r"<[^>]+>")


def _label_task(match: re.Match[str]) -> str:
    text = html.unescape(_TAGS.sub("", match.group(3))).strip()
    return f'{match.group(1)} aria-label="{html.escape(text, quote=True)}"{match.group(2)}{match.group(3)}</li>'


def reviewed_line(label: str, reviewed: datetime.date) -> str:
    """The HTML paragraph that shows when a page was last checked (not indexed for search: every
    page has one, and it would open every result's snippet)."""
    return (
        f'<p class="page-reviewed" data-search-exclude>{label}：<time datetime="{reviewed.isoformat()}">'
        f"{reviewed.year}年{reviewed.month}月{reviewed.day}日</time></p>"
    )


class PagesPlugin(BasePlugin[PagesConfig]):
    """Checks each page's front matter, adds its reviewed date under the H1 and its Content-Security-Policy."""

    @event_priority(50)  # before the hant plugin converts the page
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Fail on missing front matter; insert the reviewed line after the H1."""
        if not self.config.enabled:
            return markdown
        missing = [key for key in self.config.required_meta if not page.meta.get(key)]
        if missing:
            raise PluginError(f"{page.file.src_uri}: front matter lacks {', '.join(missing)}")
        reviewed = page.meta["reviewed"]
        if not isinstance(reviewed, datetime.date):
            raise PluginError(f"{page.file.src_uri}: 'reviewed' must be a date like 2026-11-22, not {reviewed!r}")
        line = reviewed_line(self.config.reviewed_label, reviewed)
        heading = _H1.search(markdown)
        if heading is None:
            raise PluginError(f"{page.file.src_uri}: the page has no '# ' heading")
        return f"{markdown[: heading.end()]}\n\n{line}\n{markdown[heading.end() :]}"

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Name each checklist box after its item, for screen readers."""
        return _TASK.sub(_label_task, html) if self.config.enabled else html

    @event_priority(-100)  # last: the policy hashes the page's final inline scripts
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Drop the head's hreflang links, then add the Content-Security-Policy."""
        if not self.config.enabled:
            return output
        head_end = output.find("</head>")
        output = _HEAD_ALTERNATE.sub("", output[:head_end]) + output[head_end:]
        return add_content_security_policy(output) if self.config.content_security_policy else output

    @event_priority(-100)  # before guide-publish keeps the 404 page as every plugin left it
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Give the 404 page (a template, not a page: no ``on_post_page``) its Content-Security-Policy."""
        if not (self.config.enabled and self.config.content_security_policy) or template_name != "404.html":
            return output_content
        return add_content_security_policy(output_content)
