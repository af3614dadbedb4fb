"""The pieces of an installable, offline-capable site, as pure functions of the built files.

* the build id, a hash of every built file, which names the service worker's cache;
* the service worker itself, with that id and the calculators' runtime files filled in;
* the types of the messages between the pages and the service worker, written into each script;
* a web app manifest per script;
* the tags each page's ``<head>`` gets, and the fixes a 404 page needs to work at any depth.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

__all__ = [
    "APP_DIR",
    "ICONS",
    "MESSAGES",
    "SERVICE_WORKER",
    "build_id",
    "error_page",
    "head_tags",
    "language_folder",
    "manifest",
    "runtime_files",
    "service_worker",
    "uses_messages",
    "with_messages",
]

#: Where the web app's own files go, below the site root.
APP_DIR = "assets/app"
#: The service worker's file at the site root, so its scope covers both scripts.
SERVICE_WORKER = "sw.js"
#: PNG icon sizes (Android asks for 192 and 512; iOS takes the 192 as its touch icon).
ICONS = (192, 512)

#: The ``type`` of each message between a page and the service worker, named here only: the build
#: writes them into the ``const MESSAGES = {};`` line of every script that uses them.
#: Add types, never change one: a new build's pages talk to the previous build's worker until
#: the new one takes over.
MESSAGES = {
    # a page → the worker: keep these files (and the calculators' runtime); its replies
    "remember": "remember",
    "remembered": "remembered",
    "notRemembered": "not-remembered",
    # a calculator page → the worker, with a port for the answer: is this build's runtime complete?
    "runtimeKept": "runtime-kept",
}

_MESSAGES_LINE = re.compile(r"^(?P<indent> *)const MESSAGES = \{\};$", re.MULTILINE)
_MESSAGES_USED = re.compile(r"\bMESSAGES\.")
_BUILD_LINE = re.compile(r'^const BUILD = "[^"]*";$', re.MULTILINE)
_RUNTIME_LINE = re.compile(r"^const RUNTIME = \[\];$", re.MULTILINE)
_SWITCH_LINK = re.compile(r'(<a href=")[^"]*(" hreflang="(?P<lang>[^"]+)" class="md-select__link">)')
# Material fetches "sitemap.xml" beside every head alternate (see the guide-pages plugin).
_HEAD_ALTERNATE = re.compile(r'\s*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')


def build_id(site: Path, exclude: Iterable[str] = (SERVICE_WORKER,)) -> str:
    """A short hash of every file's path and content: any change to the site changes it."""
    skipped = set(exclude)
    digest = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        name = path.relative_to(site).as_posix()
        if name in skipped:
            continue
        digest.update(name.encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def runtime_files(site: Path, folders: Iterable[str]) -> list[str]:
    """Every file below ``folders`` of the site, as URLs relative to its root."""
    return sorted(
        path.relative_to(site).as_posix() for folder in folders for path in (site / folder).rglob("*") if path.is_file()
    )


def uses_messages(script: str) -> bool:
    """Whether ``script`` reads a message type (``MESSAGES.name``): the build must write them into it."""
    return _MESSAGES_USED.search(script) is not None


def with_messages(script: str) -> str:
    """``script`` with :data:`MESSAGES` written into its ``const MESSAGES = {};`` line.

    Raises:
        ValueError: the script has no such line, or more than one.
    """
    written = json.dumps(MESSAGES, sort_keys=True)
    text, found = _MESSAGES_LINE.subn(lambda line: f"{line['indent']}const MESSAGES = {written};", script)
    if found != 1:
        raise ValueError("the script lacks its MESSAGES line")
    return text


def service_worker(template: str, build: str, runtime: list[str]) -> str:
    """The service worker with its build id, runtime list and message types written in."""
    text, found = _BUILD_LINE.subn(f"const BUILD = {json.dumps(build)};", with_messages(template))
    text, listed = _RUNTIME_LINE.subn(lambda _: f"const RUNTIME = {json.dumps(runtime)};", text)
    if (found, listed) != (1, 1):
        raise ValueError("the service worker template lacks its BUILD or RUNTIME line")
    return text


def manifest(*, name: str, short_name: str, description: str, lang: str, to_root: str, theme_color: str) -> str:
    """A web app manifest for one script.

    Args:
        name: the site's name in this script.
        short_name: the home-screen name in this script.
        description: the site's description in this script.
        lang: the script's language tag.
        to_root: the way from the manifest's folder to the site root (``""`` or ``"../"``).
        theme_color: the browser bar's colour.

    Returns:
        The manifest as JSON text; its URLs are relative to where it is served.
    """
    icons = [
        {"src": f"{to_root}{APP_DIR}/icon-{size}.png", "sizes": f"{size}x{size}", "type": "image/png"} for size in ICONS
    ]
    icons.append(
        {"src": f"{to_root}{APP_DIR}/icon-512.png", "sizes": "512x512", "type": "image/png", "purpose": "maskable"}
    )
    icons.append({"src": f"{to_root}{APP_DIR}/icon.svg", "sizes": "any", "type": "image/svg+xml"})
    data = {
        "name": name,
        "short_name": short_name,
        "description": description,
        "lang": lang,
        "dir": "ltr",
        "start_url": "./",
        "scope": to_root or "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": theme_color,
        "icons": icons,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def head_tags(*, root: str, lang_dir: str, theme_color: str, service_worker: bool) -> str:
    """What every page's ``<head>`` gets: the manifest, the touch icon and ``app.js``.

    Args:
        root: the site root as seen from the page (``"../.."``, ``"/guide"``…), no trailing slash.
        lang_dir: the language's folder below the root (``""`` or ``"zh-Hant/"``), where its manifest is.
        theme_color: the browser bar's colour.
        service_worker: whether ``app.js`` registers the service worker.
    """
    switch = "" if service_worker else " data-no-service-worker"
    return (
        f'<link rel="manifest" href="{root}/{lang_dir}manifest.webmanifest">'
        f'<link rel="apple-touch-icon" href="{root}/{APP_DIR}/icon-192.png">'
        f'<meta name="theme-color" content="{theme_color}">'
        f'<script src="{root}/{APP_DIR}/app.js" defer{switch}></script>'
    )


def error_page(html: str, *, base: str, default_language: str, tags: str) -> str:
    """A 404 page that works wherever the host shows it.

    MkDocs already gives 404 pages absolute links (from ``site_url``'s path);
    this drops the head's hreflang links (a missing page has no counterpart),
    points the language switch at each script's home page and adds ``tags``.

    Args:
        html: the 404 page as rendered.
        base: the site's path on its host, ending in ``/``.
        default_language: the language served at the root.
        tags: what :func:`head_tags` returns for this page.
    """

    def home(match: re.Match[str]) -> str:
        folder = language_folder(match.group("lang"), default_language)
        return f"{match.group(1)}{base}{folder}{match.group(2)}"

    head_end = html.find("</head>")
    head = _HEAD_ALTERNATE.sub("", html[:head_end]) + tags
    return _SWITCH_LINK.sub(home, head + html[head_end:])


def language_folder(lang: str, default_language: str) -> str:
    """The folder a language is built into below the root: ``""`` for the default, else ``"lang/"``."""
    return "" if lang == default_language else f"{lang}/"
