"""Options of the ``guide-search`` plugin."""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class SearchConfig(Config):
    """``plugins: - guide-search: …`` in mkdocs.yml (after ``i18n`` and ``offline``)."""

    enabled = c.Type(bool, default=True)
    """Split the index per language and add the fields below (off: Material's one mixed index)."""

    synonyms = c.Optional(c.File(exists=True))
    """A TOML file of the words readers type for the guide's words (see ``synonyms.py``)."""

    synonyms_field = c.Type(str, default="synonyms")
    """The hidden index field that holds them; give it a boost in ``search.fields``."""

    fillers = c.Optional(c.File(exists=True))
    """A text file of words readers type that no page needs to match (particles, numbers, dialect):
    they are given to the first fallback entry so that Material's search box reads past them."""

    fillers_field = c.Type(str, default="fillers")
    """The hidden index field that holds them; give it a small boost in ``search.fields``."""

    summary_field = c.Type(str, default="summary")
    """The hidden index field that holds each page's front-matter title and description (on its first
    entry): the title is written as readers ask, and neither is otherwise indexed."""

    dictionary_cache = c.Type(str, default="build/jieba")
    """Where jieba's dictionary converted for a converted language is kept between builds (from mkdocs.yml's folder)."""

    fallback = c.Type(list, default=["index.md#first-steps", "faq.md"])
    """Pages (``file.md`` or ``file.md#heading-id``) offered above the search results, and alone when
    nothing matches; each is named by its heading or title in the page's script."""

    fallback_label = c.Type(str, default="没找到答案？可以先看：")
    """What the fallback links follow, in simplified Chinese (converted for zh-Hant)."""
