"""The ``calculators`` plugin: forms from Python declarations, and Python in the browser.

Jobs, one per event:

* ``on_pre_build``: forget the previous language's pages;
* ``on_page_markdown``: replace each ``<!-- calculator: NAME -->`` marker by
  the form rendered from the calculator's declaration, showing the result the
  build computed for its defaults;
* ``on_env`` (every page's content is known): gather the links of the guide's
  pages that open a calculator page with a query string;
* ``on_page_context``: give each calculator page the results computed for its
  defaults and for those links, as a data block the page script shows from;
* ``on_post_build``: write the page scripts and, once, the self-hosted Pyodide
  runtime with the calculators wheel and its lock file, the trimmed standard
  library (:mod:`.stdlib`) and the memory snapshot made with it (:mod:`.snapshot`).

Only pages with a marker get the script, so only they ever load Pyodide.
"""

from __future__ import annotations

import logging
import posixpath
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from mkdocs.utils.templates import TemplateContext

from calculators import Calculator, all_calculators, get_calculator

from ..i18n import DEFAULT_LANGUAGE, current_language
from ..publish.webapp import uses_messages, with_messages
from .config import CalculatorsConfig
from .contract import ASSETS_DIR, PAGE_SCRIPTS, RUNTIME_DIR
from .precompute import Precomputed, form_values, precompute, query_links
from .render import precomputed_block, precomputed_slot, render_calculator
from .runtime import install_runtime, missing_packages
from .snapshot import SnapshotError, install_snapshot, remove_snapshot
from .stdlib import StdlibError, install_stdlib

__all__ = ["MARKER", "CalculatorsPlugin"]

log = logging.getLogger(f"mkdocs.plugins.{__name__}")

#: A line of its own: ``<!-- calculator: NAME -->``.
MARKER = re.compile(r"^<!--\s*calculator:\s*([a-z_]+)\s*-->\s*$", re.MULTILINE)


@dataclass(frozen=True)
class _Shown:
    """A calculator on a page, and the result the build computed for its defaults (if any)."""

    calculator: Calculator[Any, Any]
    default: Precomputed | None


@dataclass(frozen=True)
class _Link:
    """A link of the guide that opens a calculator page with a query string."""

    source: str  # the linking page's source file, for messages
    query: str


def _errors(found: Precomputed) -> str:
    return "; ".join(error["message"] for error in found.result["errors"])


class CalculatorsPlugin(BasePlugin[CalculatorsConfig]):
    """Renders calculator markers and ships what runs them."""

    def __init__(self) -> None:
        self.root_site_dir: Path | None = None
        #: Calculator pages of the language being built, by URL.
        self._shown: dict[str, list[_Shown]] = {}
        #: The guide's links with a query string, by the URL of the calculator page they open.
        self._links: dict[str, list[_Link]] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Remember the root of the site (later language builds write below it)."""
        if self.root_site_dir is None or current_language(config) == DEFAULT_LANGUAGE:
            self.root_site_dir = Path(config.site_dir)
        return config

    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Forget the pages of the previous build (i18n builds each language in turn)."""
        self._shown = {}
        self._links = {}

    def _site_root(self, page: Page, config: MkDocsConfig) -> str:
        # From the page's folder back to the site root, through a language folder if any.
        assert self.root_site_dir is not None
        page_dir = Path(config.site_dir, page.file.dest_uri).parent
        return posixpath.relpath(self.root_site_dir.as_posix(), page_dir.as_posix())

    @event_priority(50)  # before the hant plugin, so the form's text is converted too
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Replace calculator markers by their rendered forms."""
        if not self.config.enabled:
            return markdown
        site_root = self._site_root(page, config)
        lang = current_language(config)

        def page_url(path: str) -> str:
            # As a Markdown link to that page would be resolved: this script, this URL style.
            target = files.get_file_from_path(path)
            if target is None:
                raise PluginError(f"{page.file.src_uri}: a calculator links to {path!r}, which is not a page")
            return get_relative_url(target.url, page.file.url)

        def render(match: re.Match[str]) -> str:
            try:
                calculator = get_calculator(match.group(1))
            except KeyError:
                raise PluginError(f"{page.file.src_uri}: no calculator named {match.group(1)!r}") from None
            default = None if calculator.uses_today else precompute(calculator, form_values(calculator), lang)
            if default is not None and not default.result["ok"]:
                log.warning(f"{page.file.src_uri}: {calculator.name}'s defaults give an error: {_errors(default)}")
                default = None
            self._shown.setdefault(page.url, []).append(_Shown(calculator, default))
            outputs = default.result["outputs"] if default else None
            return "\n" + render_calculator(calculator, site_root, outputs, page_url) + "\n"

        return MARKER.sub(render, markdown)

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Gather every link of the built pages that opens a calculator page with a query string."""
        for file in files.documentation_pages():
            page = file.page
            if page is None or page.content is None:
                continue
            for target, query in query_links(page.content, page.url):
                if target in self._shown:
                    self._links.setdefault(target, []).append(_Link(file.src_uri, query))
        return env

    def _precomputed(self, shown: _Shown, url: str, lang: str) -> list[Precomputed]:
        # The defaults' result, then one per distinct form the guide's links open.
        if shown.calculator.uses_today:
            return []
        found = [shown.default] if shown.default else []
        for link in self._links.get(url, []):
            values = form_values(shown.calculator, link.query)
            if any(item.values == values for item in found):
                continue
            result = precompute(shown.calculator, values, lang)
            if result.result["ok"]:
                found.append(result)
            else:
                log.warning(f"{link.source}: the link to {url}?{link.query} gives an error: {_errors(result)}")
        return found

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Put each calculator's precomputed results into its page, in place of its slot."""
        if page.content is None or page.url not in self._shown:
            return context
        lang = current_language(config)
        content = page.content
        for shown in self._shown[page.url]:
            slot = precomputed_slot(shown.calculator.name)
            if slot not in content:
                raise PluginError(f"{page.file.src_uri}: {shown.calculator.name}'s results have no place on the page")
            entries = [item.entry() for item in self._precomputed(shown, page.url, lang)]
            content = content.replace(slot, precomputed_block(entries), 1)
        page.content = content
        return context

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the scripts and the Pyodide runtime once, at the site root."""
        if not self.config.enabled or current_language(config) != DEFAULT_LANGUAGE:
            return
        root = Path(config.site_dir)
        assets = root / ASSETS_DIR
        assets.mkdir(parents=True, exist_ok=True)
        package = resources.files("mkdocs_guide.calc").joinpath("assets")
        for name in PAGE_SCRIPTS:
            script = package.joinpath(name).read_text(encoding="utf-8")
            # A script that uses the message types and lacks their line fails the build (with_messages).
            (assets / name).write_text(with_messages(script) if uses_messages(script) else script, encoding="utf-8")
        project = Path(config.config_file_path).parent
        site_pyodide = root / RUNTIME_DIR
        try:
            wheel = install_runtime(
                project / self.config.pyodide_dir,
                site_pyodide,
                project / self.config.wheels_dir,
                project / self.config.compiled_wheels_cache if self.config.compile_wheels else None,
            )
        except (FileNotFoundError, RuntimeError) as error:
            raise PluginError(str(error)) from error
        declared = {name for calculator in all_calculators() for name in calculator.all_packages}
        missing = missing_packages(site_pyodide, declared)
        if missing:
            raise PluginError(f"the site's Pyodide lock cannot load {missing}, which calculators declare")
        try:
            stdlib = install_stdlib(
                site_pyodide,
                project / self.config.pyodide_dir / "python_stdlib.zip",
                project / self.config.stdlib_examples,
                project / self.config.stdlib_cache,
                trim=self.config.trim_stdlib,
            )
        except StdlibError as error:
            raise PluginError(str(error)) from error
        if self.config.snapshot:
            try:
                install_snapshot(
                    site_pyodide, wheel, site_pyodide / stdlib["file"], project / self.config.snapshot_cache
                )
            except SnapshotError as error:
                raise PluginError(str(error)) from error
        else:
            remove_snapshot(site_pyodide)
