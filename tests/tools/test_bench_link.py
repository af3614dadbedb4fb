"""The benchmark's link emulator and host: pacing by bytes and order, gzip, ETag and 304s, bytes counted, 127.0.0.1.

No timing is asserted: pacing runs on a virtual clock, and the real server's
tests count bytes and read headers.
"""

from __future__ import annotations

import gzip
import http.client
import os
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.bench.host import Bodies, compressible, etag_matches
from tools.bench.link import CHUNK, Carried, Exchange, Link, Traffic
from tools.bench.server import Mount, Served, serving


class VirtualClock:
    """A clock that only moves when something sleeps on it."""

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def virtual_link(rate: float | None, latency: float = 0.0, burst: int = 0) -> tuple[Link, VirtualClock]:
    clock = VirtualClock()
    link = Link(rate=rate, latency=latency, burst=burst, clock=clock.time, sleep=clock.sleep, wall=clock.time)
    return link, clock


# --- the link, on a virtual clock ---


def test_a_response_crosses_in_chunks_at_the_links_rate_after_the_latency() -> None:
    link, clock = virtual_link(rate=1000.0, latency=0.06)
    written: list[bytes] = []
    with link.exchange("GET", "/big.wasm") as exchange:
        exchange.status = 200
        link.send(lambda piece: written.append(bytes(piece)), b"x" * 40_000, exchange)
    assert [len(piece) for piece in written] == [CHUNK, CHUNK, 40_000 - 2 * CHUNK]
    assert b"".join(written) == b"x" * 40_000
    assert clock.sleeps[0] == 0.06  # the request's latency, before any byte
    assert sum(clock.sleeps[1:]) == pytest.approx(40.0)  # 40 000 bytes at 1000 bytes a second
    traffic = link.take()
    assert [chunk.size for chunk in traffic.chunks] == [len(piece) for piece in written]
    assert [(e.method, e.path, e.status, e.size) for e in traffic.exchanges] == [("GET", "/big.wasm", 200, 40_000)]
    # What had crossed when the first chunk was through: that chunk only.
    assert traffic.carried(before=traffic.chunks[0].at) == CHUNK
    assert traffic.carried() == 40_000
    assert link.take() == Traffic()  # taken once


def test_every_response_shares_one_bucket() -> None:
    link, clock = virtual_link(rate=1000.0)
    first = link.reserve(500)
    second = link.reserve(500)  # another response, booked before the first has crossed
    third = link.reserve(1000)
    assert [first, second, third] == pytest.approx([0.5, 1.0, 2.0])
    clock.now = 10.0  # a bucket without depth saves up nothing: never faster than its rate
    assert link.reserve(1000) == pytest.approx(11.0)


def test_an_idle_link_saves_up_its_burst_only() -> None:
    link, clock = virtual_link(rate=1000.0, burst=500)
    clock.now = 10.0
    assert link.reserve(1000) == pytest.approx(10.5)  # half of it was saved up
    assert link.reserve(1000) == pytest.approx(11.5)  # then the rate again
    clock.now = 100.0
    assert link.reserve(250) == pytest.approx(99.75)  # due at once: within the saved-up bytes


def test_interleaved_responses_cross_in_booking_order() -> None:
    link, _ = virtual_link(rate=1000.0)
    order: list[str] = []
    with link.exchange("GET", "/a.js") as a, link.exchange("GET", "/b.js") as b:
        for _ in range(2):
            link.send(lambda _piece: order.append("a"), b"a" * 100, a)
            link.send(lambda _piece: order.append("b"), b"b" * 100, b)
    traffic = link.take()
    assert order == ["a", "b", "a", "b"]
    assert [c.path for c in traffic.chunks] == ["/a.js", "/b.js", "/a.js", "/b.js"]
    assert [c.at for c in traffic.chunks] == sorted(c.at for c in traffic.chunks)
    assert traffic.by_path() == {"/a.js": 200, "/b.js": 200}


def test_an_unlimited_link_only_counts() -> None:
    link, clock = virtual_link(rate=None)
    written: list[int] = []
    with link.exchange("GET", "/page/") as exchange:
        link.send(lambda piece: written.append(len(piece)), b"y" * 100_000, exchange)
    assert written == [100_000]
    assert clock.sleeps == []
    assert link.take().carried() == 100_000


@pytest.mark.parametrize(("rate", "latency", "burst"), [(0.0, 0.0, 0), (-1.0, 0.0, 0), (1e3, -0.01, 0), (1e3, 0, -1)])
def test_a_link_refuses_impossible_settings(rate: float, latency: float, burst: int) -> None:
    with pytest.raises(ValueError):
        Link(rate=rate, latency=latency, burst=burst)


def test_wait_idle_waits_for_open_requests() -> None:
    link, _ = virtual_link(rate=None)
    assert link.wait_idle(quiet=1.0, timeout=5.0)
    with link.exchange("GET", "/slow"):
        assert not link.wait_idle(quiet=1.0, timeout=5.0)
    assert link.wait_idle(quiet=1.0, timeout=5.0)


def test_traffic_selects_by_path_and_time() -> None:
    traffic = Traffic(
        chunks=(Carried("/pyodide/a.wasm", 10, 1.0), Carried("/page/", 5, 2.0), Carried("/pyodide/a.wasm", 7, 3.0)),
        exchanges=(Exchange("GET", "/page/", 200, 0.5, 2.0, 5), Exchange("GET", "/pyodide/a.wasm", 200, 0.8, 3.0, 17)),
    )
    assert traffic.carried(prefix="/pyodide/") == 17
    assert traffic.carried(before=2.0) == 15
    assert traffic.last() == 3.0
    assert traffic.last(before=2.5) == 2.0
    assert traffic.last(before=0.5) is None
    assert traffic.by_path(before=2.5) == {"/pyodide/a.wasm": 10, "/page/": 5}
    assert [e.path for e in traffic.requests("/pyodide/", before=0.9)] == ["/pyodide/a.wasm"]
    assert traffic.requests(before=0.6) == [traffic.exchanges[0]]


# --- what the host sends ---


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("index.html", True),
        ("a.js", True),
        ("worker.mjs", True),
        ("main.css", True),
        ("pyodide-lock.json", True),
        ("pyodide.asm.wasm", True),
        ("icon.svg", True),
        ("manifest.webmanifest", True),
        ("robots.txt", True),
        ("sitemap.xml", True),
        ("python_stdlib.zip", False),
        ("calculators-0.1.0-py3-none-any.whl", False),
        ("x.snapshot.gz", False),
        ("icon-192.png", False),
    ],
)
def test_what_the_host_compresses(name: str, expected: bool) -> None:
    assert compressible(name) is expected


def test_etag_comparison() -> None:
    assert etag_matches('"abc"', '"abc"')
    assert etag_matches('W/"abc"', '"abc"')  # weak comparison, as for GET
    assert etag_matches('"x", "abc"', '"abc"')
    assert etag_matches("*", '"abc"')
    assert not etag_matches('"abd"', '"abc"')
    assert not etag_matches(None, '"abc"')
    assert not etag_matches("", '"abc"')


def test_bodies_are_kept_until_the_file_changes(tmp_path: Path) -> None:
    page = tmp_path / "a.html"
    page.write_text("<p>one</p>" * 100, encoding="utf-8")
    bodies = Bodies()
    first = bodies.get(page)
    assert first.gzip is not None and gzip.decompress(first.gzip) == first.raw
    assert bodies.get(page) is first
    page.write_text("<p>two</p>" * 101, encoding="utf-8")
    os.utime(page, ns=(1, 1))  # a different modification time, whatever the file system's resolution
    second = bodies.get(page)
    assert second.raw != first.raw and second.etag != first.etag
    assert bodies.prime([tmp_path]) == 1


# --- the server ---


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / "index.html").write_text("<!doctype html><p>home</p>" * 50, encoding="utf-8")
    (site / "sub" / "index.html").write_text("<!doctype html><p>sub</p>" * 50, encoding="utf-8")
    (site / "app.js").write_text("console.log('hello');\n" * 500, encoding="utf-8")
    (site / "big.wasm").write_bytes(bytes(range(256)) * 300)  # larger than a chunk
    (site / "data.zip").write_bytes(b"PK\x03\x04" + b"z" * 5000)
    (site / "x.snapshot.gz").write_bytes(gzip.compress(b"heap" * 1000))
    mounted = tmp_path / "mounted"
    mounted.mkdir()
    (mounted / "ref.mjs").write_text("postMessage(1);\n" * 100, encoding="utf-8")
    return tmp_path


@pytest.fixture
def host(folder: Path) -> Iterator[Served]:
    with serving(folder / "site", [Mount("/__ref__/", folder / "mounted")], Link(), host=True) as served:
        yield served


def _get(
    served: Served, path: str, headers: dict[str, str] | None = None, method: str = "GET"
) -> tuple[int, dict[str, str], bytes]:
    connection = http.client.HTTPConnection(served.base.removeprefix("http://"), timeout=60)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def _settled(link: Link) -> Traffic:
    """What the link carried, once the server has finished answering (it logs a request after its last byte)."""
    assert link.wait_idle(quiet=0.0, timeout=60)
    return link.take()


def test_the_server_listens_on_127_0_0_1_only(host: Served) -> None:
    assert host.base.startswith("http://127.0.0.1:")
    port = int(host.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10):
        pass
    # Another loopback address of the same machine: bound to 127.0.0.1 alone, the server is not there.
    with pytest.raises(OSError), socket.create_connection(("127.0.0.2", port), timeout=10):
        pass


@pytest.mark.parametrize("path", ["/app.js", "/big.wasm", "/", "/sub/", "/__ref__/ref.mjs"])
def test_compressible_files_go_gzip_with_validators(host: Served, folder: Path, path: str) -> None:
    status, headers, body = _get(host, path, {"Accept-Encoding": "gzip, deflate, br"})
    assert status == 200
    assert headers["content-encoding"] == "gzip"
    assert headers["cache-control"] == "max-age=600"
    assert headers["vary"] == "Accept-Encoding"
    assert headers["etag"].startswith('"')
    assert int(headers["content-length"]) == len(body)
    local = folder / "site" / (path.lstrip("/") + ("index.html" if path.endswith("/") else ""))
    if path.startswith("/__ref__/"):
        local = folder / "mounted" / path.removeprefix("/__ref__/")
    assert gzip.decompress(body) == local.read_bytes()
    assert len(body) < local.stat().st_size


@pytest.mark.parametrize("path", ["/data.zip", "/x.snapshot.gz"])
def test_compressed_types_go_as_they_are(host: Served, folder: Path, path: str) -> None:
    status, headers, body = _get(host, path, {"Accept-Encoding": "gzip"})
    assert status == 200
    assert "content-encoding" not in headers
    assert headers["cache-control"] == "max-age=600"
    assert body == (folder / "site" / path.lstrip("/")).read_bytes()


def test_a_browser_without_gzip_gets_the_raw_file(host: Served, folder: Path) -> None:
    _, headers, body = _get(host, "/app.js")
    assert "content-encoding" not in headers
    assert body == (folder / "site" / "app.js").read_bytes()


def test_conditional_requests_get_304_without_a_body(host: Served) -> None:
    _, headers, _ = _get(host, "/big.wasm", {"Accept-Encoding": "gzip"})
    etag = headers["etag"]
    for validator in (etag, f"W/{etag}"):
        status, again, body = _get(host, "/big.wasm", {"Accept-Encoding": "gzip", "If-None-Match": validator})
        assert status == 304
        assert body == b""
        assert again["etag"] == etag
        assert again["cache-control"] == "max-age=600"
    status, _, body = _get(host, "/big.wasm", {"If-None-Match": '"something-else"'})
    assert status == 200 and len(body) == 256 * 300


def test_the_server_counts_what_crossed_the_wire(host: Served) -> None:
    host.link.take()
    port = int(host.base.rsplit(":", 1)[1])
    request = f"GET /big.wasm HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nAccept-Encoding: gzip\r\nConnection: close\r\n\r\n"
    received = b""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as connection:
        connection.sendall(request.encode("ascii"))
        while chunk := connection.recv(65536):
            received += chunk
    traffic = _settled(host.link)
    assert [(e.method, e.path, e.status) for e in traffic.exchanges] == [("GET", "/big.wasm", 200)]
    # Status line, headers and the compressed body: every byte the socket carried, and no more.
    assert traffic.exchanges[0].size == len(received) == traffic.carried(prefix="/big.wasm")


def test_a_paced_server_sends_in_chunks_in_order(folder: Path) -> None:
    booked: list[float] = []
    link = Link(rate=1e9, sleep=booked.append)  # a fast link, and sleeps only recorded
    with serving(folder / "site", (), link, host=True) as served:
        link.take()
        _, _, body = _get(served, "/big.wasm")  # raw: 76 800 bytes, more than four chunks
        traffic = _settled(link)
    sizes = [c.size for c in traffic.chunks if c.path == "/big.wasm"]
    assert body == bytes(range(256)) * 300
    assert max(sizes) <= CHUNK and sum(sizes) == traffic.exchanges[0].size > len(body)
    assert len(sizes) >= 5


def test_missing_files_and_heads_are_logged(host: Served) -> None:
    host.link.take()
    status, _, _ = _get(host, "/nothing-here.js")
    assert status == 404
    status, headers, body = _get(host, "/big.wasm", {"Accept-Encoding": "gzip"}, method="HEAD")
    assert status == 200 and body == b"" and headers["content-encoding"] == "gzip"
    traffic = _settled(host.link)
    # Each is logged by its own server thread after its last byte: in either order.
    assert sorted((e.method, e.path, e.status) for e in traffic.exchanges) == [
        ("GET", "/nothing-here.js", 404),
        ("HEAD", "/big.wasm", 200),
    ]


def test_the_localhost_profile_answers_as_make_serve(folder: Path) -> None:
    with serving(folder / "site", (), Link()) as served:
        served.link.take()
        status, headers, body = _get(served, "/app.js", {"Accept-Encoding": "gzip"})
        traffic = _settled(served.link)
    assert status == 200
    assert "content-encoding" not in headers
    assert headers["cache-control"] == "no-cache"
    assert body == (folder / "site" / "app.js").read_bytes()
    assert traffic.exchanges[0].size > len(body)  # headers counted too
