"""The ``guide-search`` plugin: search answers in the reader's own script.

Material's search plugin indexes every page (jieba splits the Chinese text into
words with the user dictionary), and mkdocs-static-i18n gathers both languages
into one index at the site root.  This plugin turns that into one index per
language and points each page's search at its own.

Jobs, one per event:

* ``on_config``: check the set-up, read the synonyms file, and give jieba the
  dictionary in this language's script (``_internal/segmenter.py``);
* ``on_nav``: remember the pages the fallback links name, in this language;
* ``on_page_context``: remember the page's front-matter title and description;
* ``on_post_page``: make the page's search dialog its language's: Material fetches
  the index from beside the page's ``base``, so a page of a language built in a
  folder gets that folder as its ``base``; and add the fallback links;
* ``on_post_template``: the same ``base`` for the language's 404 page;
* ``on_post_build``, once after every language is built: split the combined
  index by language, add the readers' words, summaries and fillers as hidden fields,
  and write each language's index into its folder (for ``file://`` also as the
  script Material's offline plugin would write).

Material uses ``base`` for the search index and its result links, and otherwise
only for instant navigation and versions, which this site does not use (the
plugin refuses to build with them).
"""

from __future__ import annotations

import json
import logging
import posixpath
import re
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from ..hant.convert import PHRASES, converter
from ..i18n import DEFAULT_LANGUAGE, current_language
from ..publish.webapp import language_folder
from ._internal.fallback import add_fallback, fallback_html
from ._internal.index import add_synonyms, split_by_folder, tidy, words, write_index
from ._internal.segmenter import Model, converted_model, use_model
from ._internal.synonyms import Synonyms, load_synonyms, load_words, synonyms_for
from .config import SearchConfig

__all__ = ["INDEX", "SearchPlugin"]

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

#: Where Material's search plugin writes the index, below a site root.
INDEX = "search/search_index.json"
#: Theme features that read ``base`` for more than search.
_BASE_FEATURES = ("navigation.instant",)
_CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">.*?"base":\s*)"([^"]*)"', re.DOTALL)


def _is_on(config: MkDocsConfig, *names: str) -> bool:
    plugin = next((config.plugins[name] for name in names if name in config.plugins), None)
    return plugin is not None and bool(plugin.config.get("enabled", True))


def _anchors(items: list[AnchorLink]) -> dict[str, str]:
    found: dict[str, str] = {}
    for item in items:
        found[item.id] = item.title
        found.update(_anchors(item.children))
    return found


def _source(page: Page, language: str) -> str:
    """The simplified source a page stands for (``faq.zh-Hant.md`` → ``faq.md``)."""
    return page.file.src_uri.replace(f".{language}.md", ".md")


class SearchPlugin(BasePlugin[SearchConfig]):
    """One search index per language, readers' words as hidden fields, and fallback links."""

    def __init__(self) -> None:
        self.root: Path | None = None
        self.synonyms: dict[str, Synonyms] = {}
        self.fillers: tuple[str, ...] = ()
        self.targets: dict[str, tuple[Page, str | None]] = {}
        self.filler_location: dict[str, str] = {}
        self.summaries: dict[str, str] = {}
        self.user_dictionary: Path | None = None

    def _folder(self, config: MkDocsConfig) -> str:
        return language_folder(current_language(config), DEFAULT_LANGUAGE)

    @event_priority(-300)  # after Material's search, i18n and hant have configured this language
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Check the set-up; remember the site root; read the synonyms once."""
        if not self.config.enabled:
            return config
        search = config.plugins.get("material/search") or config.plugins.get("search")
        if search is None:
            raise PluginError("guide-search needs Material's search plugin")
        fields = search.config.get("fields") or {}
        wanted = (self.config.synonyms_field, self.config.summary_field, self.config.fillers_field)
        missing = [name for name in wanted if name not in fields]
        if missing:
            raise PluginError(f"give the fields {', '.join(missing)} a boost in the search plugin's 'fields'")
        features = config.theme.get("features") or []
        clashing = [feature for feature in _BASE_FEATURES if feature in features]
        if clashing:
            raise PluginError(f"guide-search points 'base' at each language's folder; {clashing} would break")
        if current_language(config) == DEFAULT_LANGUAGE:
            self.root = Path(config.site_dir)
        if self.config.synonyms and not self.synonyms:
            try:
                self.synonyms = load_synonyms(Path(self.config.synonyms))
            except ValueError as error:
                raise PluginError(str(error)) from error
        if self.config.fillers and not self.fillers:
            self.fillers = load_words(Path(self.config.fillers))
        if search.config.get("jieba_dict"):
            raise PluginError("guide-search converts jieba's own dictionary for zh-Hant; leave search.jieba_dict unset")
        user_dictionary = search.config.get("jieba_dict_user")
        self.user_dictionary = Path(user_dictionary) if user_dictionary else None
        self._segment_as(config, current_language(config))
        return config

    @event_priority(-300)  # after i18n has made this language's nav and hant has converted its titles
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Remember the pages the fallback links name, as built in this language (the first gets the fillers)."""
        if not self.config.enabled:
            return nav
        language = current_language(config)
        pages = {_source(page, language): page for page in nav.pages}
        self.targets = {}
        for target in self.config.fallback:
            source, _, anchor = str(target).partition("#")
            if source not in pages:
                raise PluginError(f"guide-search fallback: {source} is not in the nav")
            self.targets[target] = (pages[source], anchor or None)
        first, first_anchor = next(iter(self.targets.values()))
        self.filler_location[language] = first.url + (f"#{first_anchor}" if first_anchor else "")
        return nav

    @event_priority(10)  # before guide-publish escapes the description for its <meta> tag
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Remember the page's front-matter title and description (converted for zh-Hant) by its URL."""
        texts = [page.meta.get(key) for key in ("title", "description")]
        if self.config.enabled:
            self.summaries[page.url] = " ".join(text for text in texts if isinstance(text, str))
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Point the page's search at its language's index and add the fallback links."""
        if not self.config.enabled:
            return output
        folder = self._folder(config)
        if folder:
            page_folder = posixpath.dirname(page.file.dest_uri) or "."
            base = posixpath.relpath(folder.rstrip("/"), page_folder)
            output = _CONFIG_BASE.sub(lambda match: f'{match.group(1)}"{base}"', output, count=1)
        try:
            return add_fallback(output, fallback_html(self._label(config), self._links(page)))
        except ValueError as error:
            raise PluginError(f"{page.file.src_uri}: {error}") from error

    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Point a language's 404 page (absolute ``base``) at its language's index."""
        folder = self._folder(config)
        if not self.config.enabled or template_name != "404.html" or not folder:
            return output_content
        return _CONFIG_BASE.sub(
            lambda match: f'{match.group(1)}"{match.group(2).rstrip("/")}/{folder}"', output_content, count=1
        )

    @event_priority(-150)  # after i18n has gathered the index and offline has inlined it; before guide-publish
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Once, at the end: write each language's index into its folder."""
        i18n = config.plugins.get("i18n")
        if not self.config.enabled or getattr(i18n, "building", False) or self.root is None:
            return
        combined = json.loads((self.root / INDEX).read_text(encoding="utf-8"))
        separator = re.compile(combined["config"]["separator"])
        languages = list(getattr(i18n, "build_languages", None) or [DEFAULT_LANGUAGE])
        folders = {language: language_folder(language, DEFAULT_LANGUAGE) for language in languages}
        split = split_by_folder(combined["docs"], folders.values())
        offline = _is_on(config, "offline", "material/offline")
        for language, folder in folders.items():
            self._segment_as(config, language)
            convert = self._convert(config, language)
            synonyms = synonyms_for(self.synonyms, language, convert)
            fillers = " ".join(convert(word) if convert else word for word in self.fillers)
            docs = split[folder]
            summaries = {
                doc["location"]: words(self.summaries[folder + doc["location"]], separator)
                for doc in docs
                if self.summaries.get(folder + doc["location"])
            }
            for doc in docs:
                doc["title"] = tidy(doc["title"], separator)
                doc["text"] = tidy(doc["text"], separator)
                add_synonyms(doc, synonyms, self.config.synonyms_field)
                if doc["location"] in summaries:
                    doc[self.config.summary_field] = " ".join(summaries[doc["location"]])
                if fillers and folder + doc["location"] == self.filler_location.get(language):
                    doc[self.config.fillers_field] = fillers
            write_index(self.root / folder, {"config": combined["config"], "docs": docs}, script=offline)
            log.info("search index for %s: %d entries", language, len(docs))

    def _phrases(self, config: MkDocsConfig, language: str) -> Path | None:
        """The phrase file of the converter that writes ``language``'s pages (``None``: not converted)."""
        hant = config.plugins.get("hant")
        if hant is None or not hant.config.get("enabled") or hant.config.get("language") != language:
            return None
        phrases = hant.config.get("phrases")
        return Path(phrases) if phrases else PHRASES

    def _convert(self, config: MkDocsConfig, language: str) -> Any:
        phrases = self._phrases(config, language)
        return converter(phrases).convert if phrases else None

    def _segment_as(self, config: MkDocsConfig, language: str) -> None:
        """Cut ``language``'s text with jieba's dictionary converted as its pages are."""
        phrases = self._phrases(config, language)
        model = Model()
        if phrases is not None:
            cache_dir = Path(config.config_file_path).parent / self.config.dictionary_cache
            model = converted_model(converter(phrases).convert, cache_dir.resolve())
        use_model(model, self.user_dictionary)

    def _label(self, config: MkDocsConfig) -> str:
        convert = self._convert(config, current_language(config))
        return convert(self.config.fallback_label) if convert else self.config.fallback_label

    def _links(self, page: Page) -> list[tuple[str, str]]:
        links = []
        for target, anchor in self.targets.values():
            headings = _anchors(target.toc.items)
            if anchor is not None and anchor not in headings:
                raise PluginError(f"guide-search fallback: {target.file.src_uri} has no heading #{anchor}")
            title = headings[anchor] if anchor else (target.toc.items[0].title if target.toc.items else target.title)
            href = get_relative_url(target.url, page.url)
            href = ("./" if href == "." else href) + (f"#{anchor}" if anchor else "")
            links.append((href, str(title)))
        return links
