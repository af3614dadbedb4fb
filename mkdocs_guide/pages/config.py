"""Options of the ``guide-pages`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class PagesConfig(Config):
    """``plugins: - guide-pages: …`` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Check front matter and show the reviewed date."""

    required_meta = c.Type(list, default=["title", "description", "reviewed"])
    """Front-matter keys every page must have (the build fails without them)."""

    reviewed_label = c.Type(str, default="最后核对")
    """Shown before the reviewed date, in simplified Chinese (converted for zh-Hant)."""

    content_security_policy = c.Type(bool, default=True)
    """Add a Content-Security-Policy ``<meta>`` to every page (same-origin only)."""
