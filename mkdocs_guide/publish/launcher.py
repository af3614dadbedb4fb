"""Open the offline guide's calculators: serve this folder on 127.0.0.1 and open the browser.

Browsers refuse to run the calculators (Pyodide, a Web Worker, WebAssembly) from
``file://``, so the offline bundle carries this file as ``serve_offline.py``.
Double-click it, or run ``python3 serve_offline.py`` in the unzipped folder.
Nothing is reachable from other machines, and nothing is sent anywhere.

One file, Python 3.8 or newer, standard library only.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import sys
import threading
import webbrowser
from pathlib import Path

__all__ = ["BundleHandler", "main", "make_server"]

#: Shown before the address, in both scripts.
GREETING = "计算器已在本机启动 / 計算器已在本機啟動"
#: How to stop it, in both scripts.
STOP = "关闭此窗口或按 Ctrl+C 即可停止 / 關閉此視窗或按 Ctrl+C 即可停止"


class BundleHandler(http.server.SimpleHTTPRequestHandler):
    """Static files with the types Pyodide needs (``.wasm``, ``.mjs``), and no log lines."""

    extensions_map = {  # noqa: RUF012 - extends the base class's mapping, as the stdlib documents
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".webmanifest": "application/manifest+json",
        ".svg": "image/svg+xml",
    }

    def log_message(self, format: str, *args: object) -> None:
        """Print nothing per request: the window shows only the address."""


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
