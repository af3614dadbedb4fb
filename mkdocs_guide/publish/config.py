"""Options of the ``guide-publish`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from ..calc.contract import ASSETS_DIR, RUNTIME_DIR


class PublishConfig(Config):
    """``plugins: - guide-publish: …`` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Write the web app files, the 404 pages and the service worker (off: the site as MkDocs builds it)."""

    service_worker = c.Type(bool, default=True)
    """Write ``sw.js`` at the site root and register it on every page (reading offline after a visit)."""

    short_name = c.Type(str, default="京东逾期指南")
    """The home-screen name (≤ 12 characters), in simplified Chinese; converted for the zh-Hant manifest."""

    theme_color = c.Type(str, default="#3f51b5")
    """The browser bar's colour in the installed app (Material's indigo)."""

    runtime = c.Type(list, default=[RUNTIME_DIR, ASSETS_DIR])
    """Site folders a calculator needs; a calculator page has the service worker keep all their files."""

    iframe_worker = c.Type(str, default="node_modules/iframe-worker/shim/index.js")
    """npm ``iframe-worker``'s shim, self-hosted when Material's ``offline`` plugin is on (it would use unpkg)."""
