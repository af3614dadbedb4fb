"""The ``calculators`` plugin: forms from Python declarations, and Python in the browser.

Jobs, one per event:

* ``on_page_markdown``: replace each ``<!-- calculator: NAME -->`` marker by
  the form rendered from the calculator's declaration;
* ``on_post_build``: write the page scripts and, once, the self-hosted Pyodide
  runtime with the calculators wheel and its lock file.

Only pages with a marker get the script, so only they ever load Pyodide.
"""

from __future__ import annotations

import posixpath
import re
from importlib import resources
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from calculators import all_calculators, get_calculator

from ..i18n import DEFAULT_LANGUAGE, current_language
from .config import CalculatorsConfig
from .contract import ASSETS_DIR, PAGE_SCRIPTS, RUNTIME_DIR
from .render import render_calculator
from .runtime import install_runtime, missing_packages
from .snapshot import SnapshotError, install_snapshot, remove_snapshot

__all__ = ["MARKER", "CalculatorsPlugin"]

#: A line of its own: ``<!-- calculator: NAME -->``.
MARKER = re.compile(r"^<!--\s*calculator:\s*([a-z_]+)\s*-->\s*$", re.MULTILINE)


class CalculatorsPlugin(BasePlugin[CalculatorsConfig]):
    """Renders calculator markers and ships what runs them."""

    def __init__(self) -> None:
        self.root_site_dir: Path | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Remember the root of the site (later language builds write below it)."""
        if self.root_site_dir is None or current_language(config) == DEFAULT_LANGUAGE:
            self.root_site_dir = Path(config.site_dir)
        return config

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
            return "\n" + render_calculator(calculator, site_root, page_url) + "\n"

        return MARKER.sub(render, markdown)

    def on_post_build(self, config: MkDocsConfig) -> None:
        """Write the scripts and the Pyodide runtime once, at the site root."""
        if not self.config.enabled or current_language(config) != DEFAULT_LANGUAGE:
            return
        root = Path(config.site_dir)
        assets = root / ASSETS_DIR
        assets.mkdir(parents=True, exist_ok=True)
        package = resources.files("mkdocs_guide.calc").joinpath("assets")
        for name in PAGE_SCRIPTS:
            (assets / name).write_bytes(package.joinpath(name).read_bytes())
        project = Path(config.config_file_path).parent
        site_pyodide = root / RUNTIME_DIR
        try:
            wheel = install_runtime(project / self.config.pyodide_dir, site_pyodide, project / self.config.wheels_dir)
        except (FileNotFoundError, RuntimeError) as error:
            raise PluginError(str(error)) from error
        declared = {name for calculator in all_calculators() for name in calculator.packages}
        missing = missing_packages(site_pyodide, declared)
        if missing:
            raise PluginError(f"the site's Pyodide lock cannot load {missing}, which calculators declare")
        if self.config.snapshot:
            try:
                install_snapshot(site_pyodide, wheel, project / self.config.snapshot_cache)
            except SnapshotError as error:
                raise PluginError(str(error)) from error
        else:
            remove_snapshot(site_pyodide)
