"""The built site on 127.0.0.1, with extra files mounted beside it, answering as a profile's host over its link.

Two ways of answering: as ``mkdocs_guide.serve`` does (``make serve``: no-cache,
uncompressed, the localhost profile), or as a static host such as GitHub Pages
does (:mod:`.host`: gzip, ``ETag``, ``max-age=600``, 304s, the phone profile).
Either way every response goes through the profile's :class:`~.link.Link`, which
paces it (or not) and counts its bytes.
"""

from __future__ import annotations

import functools
import http.server
import io
import os
import threading
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from http import HTTPStatus
from pathlib import Path
from typing import Any, BinaryIO

from .host import CACHE_CONTROL, Bodies, Body, etag_matches
from .link import Link, PacedWriter

__all__ = ["Mount", "Served", "serving"]


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


@dataclass(frozen=True)
class Served:
    """A running server.

    Attributes:
        base: its URL, without a final slash.
        link: the link its responses go through (and the bytes it carried).
    """

    base: str
    link: Link


def _url_path(raw: str) -> str:
    return urllib.parse.urlsplit(raw).path


def _handler(site: Path, mounts: Sequence[Mount], link: Link, bodies: Bodies | None) -> Callable[..., Any]:
    from mkdocs_guide.publish.launcher import BundleHandler
    from mkdocs_guide.serve import SiteHandler

    # The most specific mount first (a page at /a/ beside a folder at /a/pyodide/).
    ordered = sorted(mounts, key=lambda mount: len(mount.prefix), reverse=True)

    class Handler(SiteHandler):
        # Persistent connections, as a browser keeps with a real host; the development server closes each.
        protocol_version = "HTTP/1.1" if bodies is not None else "HTTP/1.0"

        def setup(self) -> None:
            super().setup()
            self.paced = PacedWriter(self.wfile, link)
            self.wfile = self.paced

        def do_GET(self) -> None:
            self._through_link(super().do_GET)

        def do_HEAD(self) -> None:
            self._through_link(super().do_HEAD)

        def _through_link(self, answer: Callable[[], None]) -> None:
            with link.exchange(self.command, _url_path(self.path)) as exchange:
                self.paced.exchange = exchange
                try:
                    answer()
                finally:
                    self.paced.exchange = None

        def send_response(self, code: int, message: str | None = None) -> None:
            if self.paced.exchange is not None:
                self.paced.exchange.status = int(code)
            super().send_response(code, message)

        def translate_path(self, path: str) -> str:
            clean = path.split("?", 1)[0].split("#", 1)[0]
            for mount in ordered:
                found = mount.resolve(clean)
                if found is not None:
                    return str(found)
            return super().translate_path(path)

        def site_headers(self) -> list[tuple[str, str]]:
            # A mounted page (the bare reference) is no page of the site: the site's CSP would refuse its script.
            clean = _url_path(getattr(self, "path", ""))
            return [] if any(mount.resolve(clean) is not None for mount in ordered) else super().site_headers()

        def end_headers(self) -> None:
            if bodies is None:
                super().end_headers()  # make serve's no-cache
            else:
                BundleHandler.end_headers(self)  # the host's own Cache-Control, sent with the body

        def send_head(self) -> io.BytesIO | BinaryIO | None:
            found = self._file() if bodies is not None else None
            if bodies is None or found is None:
                # Folders without their slash, missing files, refused paths: as the site's own server answers.
                return super().send_head()
            body = bodies.get(found)
            if etag_matches(self.headers.get("If-None-Match"), body.etag):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self._validators(body)
                self.end_headers()
                return None
            gzipped = body.gzip is not None and "gzip" in self.headers.get("Accept-Encoding", "")
            data = body.gzip if gzipped and body.gzip is not None else body.raw
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", self.guess_type(found))
            self.send_header("Content-Length", str(len(data)))
            if gzipped:
                self.send_header("Content-Encoding", "gzip")
            self._validators(body)
            self.end_headers()
            return io.BytesIO(data)

        def _validators(self, body: Body) -> None:
            self.send_header("ETag", body.etag)
            self.send_header("Cache-Control", CACHE_CONTROL)
            if body.gzip is not None:
                self.send_header("Vary", "Accept-Encoding")

        def _file(self) -> str | None:
            """The regular file this request is for, or None for anything else."""
            if not self._host_is_local():
                return None
            try:
                path = self.translate_path(self.path)
            except Exception:  # a refused path: the site's server answers it
                return None
            if os.path.isdir(path):
                if not _url_path(self.path).endswith("/"):
                    return None
                path = os.path.join(path, "index.html")
            return path if os.path.isfile(path) else None

    return functools.partial(Handler, directory=str(site))


@contextmanager
def serving(site: Path, mounts: Sequence[Mount] = (), link: Link | None = None, host: bool = False) -> Iterator[Served]:
    """The site on 127.0.0.1 (a free port) for the duration of the block.

    Args:
        site: the built site.
        mounts: extra files served beside it.
        link: the link every response goes through (default: an unlimited one, which only counts).
        host: answer as a static host does (gzip, ETag, ``max-age=600``), not as ``make serve``.
            Every file is read and compressed before the server starts.

    Yields:
        The running server.
    """
    link = link or Link()
    bodies = None
    if host:
        bodies = Bodies()
        bodies.prime([site, *(mount.target for mount in mounts)])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _handler(site, mounts, link, bodies))

    def quiet(request: Any, client_address: Any) -> None:
        """Say nothing: a browser closed mid-download resets its connections."""

    server.handle_error = quiet  # type: ignore[method-assign]
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}", link)
    finally:
        server.shutdown()
        server.server_close()
