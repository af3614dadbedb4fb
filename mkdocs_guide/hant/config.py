"""Options of the ``hant`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class HantConfig(Config):
    """``plugins: - hant: …`` in mkdocs.yml."""

    enabled = c.Type(bool, default=True)
    """Convert at all (off: the zh-Hant build shows simplified text)."""

    language = c.Type(str, default="zh-Hant")
    """The i18n locale whose build is generated from the simplified pages."""

    phrases = c.Optional(c.File(exists=True))
    """A reviewed phrase file in front of OpenCC's dictionaries (default: the packaged one)."""
