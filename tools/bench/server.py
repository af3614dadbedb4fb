"""The built site on 127.0.0.1, through ``mkdocs_guide.serve``'s handler, with extra files mounted beside it."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Headers", "Mount", "immutable", "serving"]

#: Extra response headers for a request path.
Headers = Callable[[str], Mapping[str, str]]


@dataclass(frozen=True)
class Mount:
    """Files served at a URL path that is not the site's.

    Attributes:
        prefix: the URL path: ``/a/`` for a folder, ``/a/`` or ``/a/index.html`` for a page.
        target: a folder (its files are served under ``prefix``) or one file (served at ``prefix``).
    """

    prefix: str
    target: Path

    def resolve(self, path: str) -> Path | None:
        """The file behind a request path (query and fragment removed), or None if not this mount's."""
        if self.target.is_dir():
            return self.target / path[len(self.prefix) :] if path.startswith(self.prefix) else None
        return self.target if path in (self.prefix, self.prefix + "index.html") else None


def immutable(folder: str) -> Headers:
    """Headers a host could send for versioned files under ``/FOLDER/``: cached a year, never revalidated."""

    def headers(path: str) -> Mapping[str, str]:
        return {"Cache-Control": "public, max-age=31536000, immutable"} if f"/{folder}/" in path else {}

    return headers


def _handler(site: Path, mounts: Sequence[Mount], headers: Headers | None) -> Callable[..., Any]:
    from mkdocs_guide.serve import SiteHandler

    # The most specific mount first (a page at /a/ beside a folder at /a/pyodide/).
    ordered = sorted(mounts, key=lambda mount: len(mount.prefix), reverse=True)

    class Handler(SiteHandler):
        def translate_path(self, path: str) -> str:
            clean = path.split("?", 1)[0].split("#", 1)[0]
            for mount in ordered:
                found = mount.resolve(clean)
                if found is not None:
                    return str(found)
            return super().translate_path(path)

        def site_headers(self) -> list[tuple[str, str]]:
            # A mounted page (the bare reference) is no page of the site: the site's CSP would refuse its script.
            clean = getattr(self, "path", "").split("?", 1)[0]
            return [] if any(mount.resolve(clean) is not None for mount in ordered) else super().site_headers()

        def end_headers(self) -> None:
            extra = headers(self.path) if headers else {}
            if not extra:
                super().end_headers()
                return
            for name, value in extra.items():
                self.send_header(name, value)
            # Instead of the site handler's no-cache, not beside it.
            http.server.SimpleHTTPRequestHandler.end_headers(self)

    return functools.partial(Handler, directory=str(site))


@contextmanager
def serving(site: Path, mounts: Sequence[Mount] = (), headers: Headers | None = None) -> Iterator[str]:
    """The site on 127.0.0.1 (a free port) for the duration of the block.

    Args:
        site: the built site.
        mounts: extra files served beside it.
        headers: extra headers by request path; where it gives any, they replace the
            site handler's ``no-cache``.

    Yields:
        The server's base URL, without a final slash.
    """
    from mkdocs_guide.serve import make_server

    server = make_server(site, port=0)
    server.RequestHandlerClass = _handler(site, mounts, headers)

    def quiet(request: Any, client_address: Any) -> None:
        """Say nothing: a browser closed mid-download resets its connections."""

    server.handle_error = quiet  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
