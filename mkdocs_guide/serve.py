"""Serve the built site on 127.0.0.1 as a host would: types for Pyodide's files, the site's headers.

``python -m mkdocs_guide.serve site --port 8000``.  The handler is the offline
bundle's launcher's (one file, standard library only): this folder's files
only, the headers of the site's ``_headers`` file (its Content-Security-Policy
included) on every response, the site's 404 page; plus no-cache headers so
that a rebuilt site is what the browser sees.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
from pathlib import Path

from .publish.launcher import BundleHandler

__all__ = ["SiteHandler", "main", "make_server"]


class SiteHandler(BundleHandler):
    """The launcher's handler, telling the browser to revalidate every file."""

    def end_headers(self) -> None:
        """Send no-cache so a rebuilt site is what the browser sees."""
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


def make_server(directory: Path, port: int = 8000) -> http.server.ThreadingHTTPServer:
    """A threaded server for ``directory`` on 127.0.0.1 (``port=0`` picks a free port)."""
    handler = functools.partial(SiteHandler, directory=str(directory))
    return http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)


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
