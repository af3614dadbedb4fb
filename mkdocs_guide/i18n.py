"""What the build needs to know about mkdocs-static-i18n's current language."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig

__all__ = ["DEFAULT_LANGUAGE", "current_language"]

DEFAULT_LANGUAGE = "zh"


def current_language(config: MkDocsConfig) -> str:
    """The language being built.

    ``i18n`` re-runs the whole build once per language and only changes its
    own attribute, so plugins ask it rather than the theme.
    """
    i18n = config.plugins.get("i18n")
    language = getattr(i18n, "current_language", None) if i18n else None
    return language or DEFAULT_LANGUAGE
