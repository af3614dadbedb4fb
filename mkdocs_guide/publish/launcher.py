"""Open the offline guide's calculators: serve this folder on 127.0.0.1 and open the browser.

Browsers refuse to run the calculators (Pyodide, a Web Worker, WebAssembly) from
``file://``, so the offline bundle carries this file as ``serve_offline.py``.
Double-click it, or run ``python3 serve_offline.py`` in the unzipped folder.
Nothing is reachable from other machines, and nothing is sent anywhere.

It serves files of this folder only: no folder listings, no links leading
out of it, and nothing to a page that reached it under another host name (a
web page elsewhere cannot use a DNS trick to read it).  Every response
carries the headers the site's ``_headers`` file lists, the Content-Security-
Policy among them, which is the only policy the calculators' Web Worker gets.

One file, Python 3.8 or newer, standard library only.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import io
import os
import re
import sys
import threading
import urllib.parse
import webbrowser
from http import HTTPStatus
from pathlib import Path
from typing import BinaryIO

__all__ = ["ERROR_PAGE", "HEADERS_FILE", "BundleHandler", "header_rules", "main", "make_server"]

#: Shown before the address, in both scripts.
GREETING = "计算器已在本机启动 / 計算器已在本機啟動"
#: How to stop it, in both scripts.
STOP = "关闭此窗口或按 Ctrl+C 即可停止 / 關閉此視窗或按 Ctrl+C 即可停止"
#: The file at the folder's top listing each path pattern's response headers (Netlify's format).
HEADERS_FILE = "_headers"
#: The page shown for a missing file: the nearest one up the requested path's folders.
ERROR_PAGE = "404.html"
#: The names this computer answers to; any other Host header is refused.
LOCAL_NAMES = ("127.0.0.1", "localhost")
_INDEX_PAGES = ("index.html", "index.htm")


class _NotServed(Exception):
    """The path leads out of the folder, or to nothing a file could be."""


def header_rules(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The rules of a ``_headers`` file: each path pattern with its headers, in order.

    A pattern starts its line (``*`` matches anything); its headers follow,
    indented, as ``Name: value``.  Blank lines and ``#`` comments are skipped.
    """
    rules: list[tuple[str, list[tuple[str, str]]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            rules.append((line.strip(), []))
        elif rules and ":" in line:
            name, value = line.split(":", 1)
            rules[-1][1].append((name.strip(), value.strip()))
    return rules


def _matches(pattern: str, path: str) -> bool:
    return re.fullmatch(".*".join(re.escape(part) for part in pattern.split("*")), path) is not None


def _inside(path: str, root: str) -> bool:
    """Whether ``path``, links followed, lies in the folder ``root``."""
    real, top = os.path.realpath(path), os.path.realpath(root)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


class BundleHandler(http.server.SimpleHTTPRequestHandler):
    """This folder's files with the types Pyodide needs and the site's headers; nothing else; no log lines."""

    extensions_map = {  # noqa: RUF012 - extends the base class's mapping, as the stdlib documents
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".css": "text/css",  # Windows' registry may say otherwise; with nosniff a wrong type is refused
        ".html": "text/html",
        ".json": "application/json",
        ".whl": "application/zip",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format: str, *args: object) -> None:
        """Print nothing per request: the window shows only the address."""

    def _host_is_local(self) -> bool:
        address = self.server.server_address
        port = address[1] if isinstance(address, tuple) else None
        allowed = {f"{name}:{port}" for name in LOCAL_NAMES}
        if port == 80:
            allowed.update(LOCAL_NAMES)
        return (self.headers.get("Host") or "").lower() in allowed

    def translate_path(self, path: str) -> str:
        """The file for a URL path, refused (:class:`_NotServed`) if it, or its index page, leads out of the folder."""
        if not path.startswith("/") or path.startswith("//"):
            raise _NotServed(path)
        translated = super().translate_path(path)
        target = translated
        if os.path.isdir(translated):
            target = next(
                (
                    os.path.join(translated, name)
                    for name in _INDEX_PAGES
                    if os.path.isfile(os.path.join(translated, name))
                ),
                translated,
            )
        if "\0" in target or not _inside(target, self.directory):
            raise _NotServed(path)
        return translated

    def send_head(self) -> io.BytesIO | BinaryIO | None:
        """Refuse other host names; answer a path that is no file of this folder with the site's 404 page."""
        if not self._host_is_local():
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "This server answers only to 127.0.0.1 and localhost")
            return None
        try:
            return super().send_head()
        except (_NotServed, ValueError):  # ValueError: a name no file can have (undecodable, or a NUL)
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """A folder without an index page is not shown."""
        self.send_error(HTTPStatus.NOT_FOUND, "File not found")

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A 404 gets the site's own page (the nearest up the folders), others the standard one."""
        page = self._error_page() if code == HTTPStatus.NOT_FOUND else None
        if page is None:
            super().send_error(code, message, explain)
            return
        self.send_response(code, message)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(page)

    def _error_page(self) -> bytes | None:
        # The folders of the path that exist, from the top down, then their 404 pages from the deepest up.
        folders = ["/"]
        for part in urllib.parse.urlsplit(self.path).path.split("/")[1:-1]:
            try:
                if part in ("", ".", "..") or not os.path.isdir(self.translate_path(f"{folders[-1]}{part}/")):
                    break
            except (_NotServed, ValueError):
                break
            folders.append(f"{folders[-1]}{part}/")
        for folder in reversed(folders):
            try:
                with open(self.translate_path(folder + ERROR_PAGE), "rb") as page:
                    return page.read()
            except (_NotServed, ValueError, OSError):
                continue
        return None

    def site_headers(self) -> list[tuple[str, str]]:
        """The headers the folder's ``_headers`` file gives this path (read anew: a rebuild may change it)."""
        try:
            with open(os.path.join(self.directory, HEADERS_FILE), encoding="utf-8") as file:
                rules = header_rules(file.read())
        except OSError:
            return []
        path = urllib.parse.urlsplit(getattr(self, "path", "")).path
        return [header for pattern, headers in rules if _matches(pattern, path) for header in headers]

    def end_headers(self) -> None:
        """Add the site's headers to every response."""
        for name, value in self.site_headers():
            self.send_header(name, value)
        super().end_headers()


def _say(text: str) -> None:
    # A console that cannot show Chinese still gets the address.
    try:
        print(text, flush=True)
    except UnicodeEncodeError:
        print(text.encode("ascii", "replace").decode("ascii"), flush=True)


def make_server(directory: Path, port: int = 0) -> http.server.ThreadingHTTPServer:
    """A server for ``directory`` on 127.0.0.1 (``port=0``: a free port)."""
    handler = functools.partial(BundleHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


def main(argv: list[str] | None = None) -> int:
    """Serve until stopped; open the browser unless told not to."""
    parser = argparse.ArgumentParser(description="Serve the offline guide on 127.0.0.1 and open it.")
    parser.add_argument("--port", type=int, default=0, help="port to use (default: a free one)")
    parser.add_argument("--no-browser", action="store_true", help="do not open the browser")
    parser.add_argument("--directory", type=Path, default=Path(__file__).resolve().parent, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    server = make_server(args.directory, args.port)
    url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    _say(f"{GREETING}: {url}")
    _say(STOP)
    if not args.no_browser:
        threading.Timer(0.3, webbrowser.open, args=(url,)).start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
