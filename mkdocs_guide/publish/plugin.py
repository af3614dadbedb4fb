"""The ``guide-publish`` plugin: what hosting, the offline bundle and offline reading need.

Jobs, one per event:

* ``on_config``: remember each language's site name and description (for its
  manifest); when Material's ``offline`` plugin is on, load the ``iframe-worker``
  shim from the site instead of unpkg;
* ``on_page_context``: escape each page's description for its ``<meta>`` tag
  (Material writes it into the attribute unescaped, so a ``"`` cut it short);
* ``on_post_page``: link the manifest and touch icon, and add ``app.js``
  (registers the service worker; from ``file://``, explains the launcher) to
  every page's head (offline: and allow the script iframe-worker writes in the
  page's Content-Security-Policy);
* ``on_post_template``: make each language's 404 page work at any depth;
* ``on_post_build``, once after every language is built: write the icons,
  manifests and 404 pages, the offline bundle's launcher, the ``_headers`` file
  (every page's Content-Security-Policy as one header, for hosts and the local
  servers), and last the service worker, whose cache is named after a hash of
  all the other files.
"""

from __future__ import annotations

import html
import posixpath
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from ..hant.convert import PHRASES, Converter, converter
from ..i18n import DEFAULT_LANGUAGE, current_language
from ..pages.csp import HEADERS_FILE, site_headers
from . import webapp
from .config import PublishConfig
from .icons import png_icon, svg_icon
from .iframe_worker import allow_script, inline_script, script_hash, worker_url

__all__ = ["IFRAME_WORKER", "LAUNCHER", "PublishPlugin"]

#: Where the self-hosted iframe-worker shim goes (its name must contain "iframe-worker",
#: or Material's offline plugin adds the unpkg one as well).
IFRAME_WORKER = f"{webapp.APP_DIR}/iframe-worker-shim.js"
#: The offline bundle's launcher, at the top of the unzipped folder.
LAUNCHER = "serve_offline.py"


@dataclass(frozen=True)
class _Texts:
    name: str
    short_name: str
    description: str


def _is_on(config: MkDocsConfig, *names: str) -> bool:
    plugin = next((config.plugins[name] for name in names if name in config.plugins), None)
    return plugin is not None and bool(plugin.config.get("enabled", True))


def _hant_converter(config: MkDocsConfig) -> Converter | None:
    """The hant plugin's converter when the language being built is the one it generates."""
    hant = config.plugins.get("hant")
    if hant is None or not hant.config.get("enabled") or current_language(config) != hant.config.get("language"):
        return None
    phrases = hant.config.get("phrases")
    return converter(Path(phrases) if phrases else PHRASES)


class PublishPlugin(BasePlugin[PublishConfig]):
    """Web app manifest and icons, service worker, 404 pages in both scripts, offline bundle files."""

    def __init__(self) -> None:
        self.texts: dict[str, _Texts] = {}
        self.error_pages: dict[str, str] = {}
        self.offline = False

    def _tags(self, root: str, lang: str) -> str:
        return webapp.head_tags(
            root=root,
            lang_dir=webapp.language_folder(lang, DEFAULT_LANGUAGE),
            theme_color=self.config.theme_color,
            service_worker=self.config.service_worker,
        )

    @event_priority(-300)  # after i18n has set the language and hant has converted the site's texts
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Remember this language's texts; self-host the offline plugin's iframe-worker shim."""
        if not self.config.enabled:
            return config
        convert = _hant_converter(config)
        short_name = convert.convert(self.config.short_name) if convert else self.config.short_name
        self.texts[current_language(config)] = _Texts(config.site_name, short_name, config.site_description or "")
        self.offline = _is_on(config, "offline", "material/offline")
        if self.offline:
            polyfills = [url for url in config.extra.get("polyfills", []) if "iframe-worker" not in str(url)]
            config.extra["polyfills"] = [*polyfills, IFRAME_WORKER]
        return config

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Escape the page's description, which Material writes into ``<meta content="…">`` as it is."""
        description = page.meta.get("description")
        if self.config.enabled and isinstance(description, str):
            page.meta["description"] = html.escape(description, quote=True)
        return context

    @event_priority(-150)  # after guide-pages has written the page's Content-Security-Policy
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Add the manifest, touch icon and ``app.js`` to the page's head.

        Offline, also let the page's policy run the script iframe-worker writes for the search worker.
        """
        if not self.config.enabled:
            return output
        folder = posixpath.dirname(page.file.dest_uri) or "."
        tags = self._tags(posixpath.relpath(".", folder), current_language(config))
        head_end = output.find("</head>")
        if head_end >= 0:
            output = output[:head_end] + tags + output[head_end:]
        url = worker_url(output) if self.offline else None
        if url is not None:
            output = allow_script(
                output, script_hash(inline_script(self._shim(config).read_text(encoding="utf-8"), url))
            )
        return output

    @event_priority(-200)  # last: what is kept is the page as every plugin left it
    def on_post_template(self, output_content: str, /, *, template_name: str, config: MkDocsConfig) -> str:
        """Fix this language's 404 page and keep it (each language's build overwrites the root one)."""
        if not self.config.enabled or template_name != "404.html":
            return output_content
        base = urlsplit(config.site_url or "/").path.rstrip("/") + "/"
        lang = current_language(config)
        page = webapp.error_page(
            output_content, base=base, default_language=DEFAULT_LANGUAGE, tags=self._tags(base.rstrip("/"), lang)
        )
        self.error_pages[lang] = page
        return page

    @event_priority(-200)  # after i18n has built the other languages and Material's offline plugin has run
    def on_post_build(self, config: MkDocsConfig) -> None:
        """Once, at the end: write the web app files, 404 pages, bundle files and the service worker."""
        i18n = config.plugins.get("i18n")
        if not self.config.enabled or getattr(i18n, "building", False):
            return  # a language built from inside i18n: the outer build comes back here at the end
        site = Path(config.site_dir)
        app = site / webapp.APP_DIR
        app.mkdir(parents=True, exist_ok=True)
        assets = resources.files("mkdocs_guide.publish").joinpath("assets")
        script = webapp.with_messages(assets.joinpath("app.js").read_text(encoding="utf-8"))
        (app / "app.js").write_text(script, encoding="utf-8")
        (app / "icon.svg").write_text(svg_icon(), encoding="utf-8")
        for size in webapp.ICONS:
            (app / f"icon-{size}.png").write_bytes(png_icon(size))
        for lang, texts in self.texts.items():
            folder = webapp.language_folder(lang, DEFAULT_LANGUAGE)
            text = webapp.manifest(
                name=texts.name,
                short_name=texts.short_name,
                description=texts.description,
                lang=lang,
                to_root="../" * folder.count("/"),
                theme_color=self.config.theme_color,
            )
            (site / folder).mkdir(parents=True, exist_ok=True)
            (site / folder / "manifest.webmanifest").write_text(text, encoding="utf-8")
        for lang, page in self.error_pages.items():
            (site / webapp.language_folder(lang, DEFAULT_LANGUAGE) / "404.html").write_text(page, encoding="utf-8")
        if self.offline:
            self._write_bundle_files(site, config)
        headers = site_headers(site)  # after the 404 pages, before sw.js (whose build id covers it)
        if headers is not None:
            (site / HEADERS_FILE).write_text(headers, encoding="utf-8")
        if self.config.service_worker:
            template = assets.joinpath("sw.js").read_text(encoding="utf-8")
            runtime = webapp.runtime_files(site, self.config.runtime)
            worker = webapp.service_worker(template, webapp.build_id(site), runtime)
            (site / webapp.SERVICE_WORKER).write_text(worker, encoding="utf-8")

    def _shim(self, config: MkDocsConfig) -> Path:
        shim = Path(self.config.iframe_worker)
        if not shim.is_absolute():
            shim = Path(config.config_file_path).parent / shim
        if not shim.is_file():
            raise PluginError(f"{shim} is missing: run 'make setup' (npm ci installs iframe-worker)")
        return shim

    def _write_bundle_files(self, site: Path, config: MkDocsConfig) -> None:
        (site / IFRAME_WORKER).write_bytes(self._shim(config).read_bytes())
        package = resources.files("mkdocs_guide.publish")
        (site / LAUNCHER).write_bytes(package.joinpath("launcher.py").read_bytes())
        readme = package.joinpath("assets", "README.txt").read_text(encoding="utf-8")
        hant = converter(PHRASES).convert(readme)
        (site / "README.txt").write_text(f"{readme}\n{'—' * 40}\n\n{hant}", encoding="utf-8")
