"""Serve the built site on 127.0.0.1 with the right types for Pyodide's files.

``python -m mkdocs_guide.serve site --port 8000``.  Standard library only.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
from pathlib import Path

__all__ = ["SiteHandler", "main", "make_server"]


class SiteHandler(http.server.SimpleHTTPRequestHandler):
    """A static file handler that knows ``.wasm`` and ``.mjs`` and stays quiet."""

    extensions_map = {  # noqa: RUF012 - extends the base class's mapping, as the stdlib documents
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".json": "application/json",
        ".whl": "application/zip",
        ".webmanifest": "application/manifest+json",
    }

    def log_message(self, format: str, *args: object) -> None:
        """Log nothing: the tests and `make serve` would drown in lines."""

    def end_headers(self) -> None:
        """Send no-cache so a rebuilt site is what the browser sees."""
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def make_server(directory: Path, port: int = 8000, host: str = "127.0.0.1") -> http.server.ThreadingHTTPServer:
    """A threaded server for ``directory`` (``port=0`` picks a free port)."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer((host, port), handler)


def main(argv: list[str] | None = None) -> None:
    """Serve until interrupted."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("directory", type=Path, nargs="?", default=Path("site"))
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    server = make_server(args.directory, args.port)
    print(f"Serving {args.directory} on http://127.0.0.1:{server.server_address[1]}/ (Ctrl+C stops)")
    with contextlib.suppress(KeyboardInterrupt):
        server.serve_forever()


if __name__ == "__main__":
    main()
