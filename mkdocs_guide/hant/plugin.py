"""The ``hant`` plugin: the traditional-script site, generated from the simplified source.

A page the i18n plugin falls back to (a simplified file used for the zh-Hant
build) is converted as Markdown, so its text, headings, search entries and
table of contents are all traditional.  A hand-written ``page.zh-Hant.md``
is left as written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..i18n import current_language
from .config import HantConfig
from .convert import PHRASES, Converter, converter

__all__ = ["HantPlugin"]


class HantPlugin(BasePlugin[HantConfig]):
    """Converts the fallback pages, their metadata and the navigation to zh-Hant."""

    def _active(self, config: MkDocsConfig) -> Converter | None:
        if not self.config.enabled or current_language(config) != self.config.language:
            return None
        return converter(Path(self.config.phrases) if self.config.phrases else PHRASES)

    @event_priority(-200)  # after i18n has set this language's configuration
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Convert the site-wide texts: name, description and copyright line."""
        convert = self._active(config)
        if convert is not None:
            for key in ("site_name", "site_description", "copyright"):
                if config[key]:
                    config[key] = convert.convert(config[key])
        return config

    @event_priority(-50)  # after every plugin that adds Markdown, so that is converted too
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Convert a fallback page's Markdown and its front matter."""
        convert = self._active(config)
        if convert is None or getattr(page.file, "locale", None) == self.config.language:
            return markdown
        page.meta = _convert_values(page.meta, convert)
        if page.title:
            page.title = convert.convert(page.title)
        return convert.convert(markdown)

    @event_priority(-200)  # after i18n has rebuilt the navigation for this language
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Convert the titles of sections, links and pages given in the nav."""
        convert = self._active(config)
        if convert is not None:
            for item in _walk(nav.items):
                if item.title:
                    item.title = convert.convert(item.title)
        return nav


def _walk(items: list[Any]) -> list[Any]:
    found: list[Any] = []
    for item in items:
        found.append(item)
        found.extend(_walk(getattr(item, "children", None) or []))
    return found


def _convert_values(value: Any, convert: Converter) -> Any:
    if isinstance(value, str):
        return convert.convert(value)
    if isinstance(value, dict):
        return {key: _convert_values(item, convert) for key, item in value.items()}
    if isinstance(value, list):
        return [_convert_values(item, convert) for item in value]
    return value
