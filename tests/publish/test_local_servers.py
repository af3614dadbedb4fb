"""The two local servers (the offline bundle's launcher, and ``mkdocs_guide.serve``) on a real port.

They serve their folder and nothing else: no listings, no links out, no other
host names, a 404 (the site's own page) for any path that is no file, and the
site's headers on every response.
"""

from __future__ import annotations

import http.client
import http.server
import os
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mkdocs_guide import serve
from mkdocs_guide.calc.contract import ASSETS_DIR, RUNTIME_DIR, WORKER_MODULE
from mkdocs_guide.pages.csp import HEADERS_FILE, headers_file
from mkdocs_guide.publish import launcher

POLICY = "default-src 'none'; script-src 'self'"
SERVERS: dict[str, Callable[..., http.server.ThreadingHTTPServer]] = {
    "launcher": launcher.make_server,
    "serve": serve.make_server,
}


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass
class Local:
    """A server on a free port of 127.0.0.1 and the folder it serves."""

    folder: Path
    port: int

    def get(self, path: str, host: str | None = None, method: str = "GET") -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            if host != "":
                connection.putheader("Host", host or f"127.0.0.1:{self.port}")
            connection.endheaders()
            response = connection.getresponse()
            return Answer(response.status, response.headers, response.read())
        finally:
            connection.close()


def _site(folder: Path) -> None:
    files = {
        "index.html": "<h1>home</h1>",
        "404.html": "<h1>site 404</h1>",
        "zh-Hant/index.html": "<h1>繁體</h1>",
        "zh-Hant/404.html": "<h1>繁體 404</h1>",
        f"{ASSETS_DIR}/{WORKER_MODULE}": "postMessage(1);",
        "pyodide/pyodide.asm.wasm": "wasm",
        "listed/a.txt": "a",  # a folder without an index page
        HEADERS_FILE: headers_file(POLICY),
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


@pytest.fixture(params=sorted(SERVERS))
def local(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Local]:
    folder = tmp_path / "site"
    folder.mkdir()
    _site(folder)
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    server = SERVERS[request.param](folder, port=0)
    assert server.server_address[0] == "127.0.0.1"
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield Local(folder, server.server_address[1])
    server.shutdown()
    server.server_close()


def test_files_come_with_pyodides_types(local: Local) -> None:
    assert local.get("/pyodide/pyodide.asm.wasm").headers["Content-Type"] == "application/wasm"
    assert local.get(f"/{ASSETS_DIR}/{WORKER_MODULE}").headers["Content-Type"] == "text/javascript"
    assert local.get("/zh-Hant/").body == "<h1>繁體</h1>".encode()


@pytest.mark.parametrize(
    "path", ["/", f"/{ASSETS_DIR}/{WORKER_MODULE}", f"/{RUNTIME_DIR}/pyodide.asm.wasm", "/missing", "/zh-Hant"]
)
def test_every_response_carries_the_sites_headers(local: Local, path: str) -> None:
    # A worker's policy is the one its own script arrives with: the .mjs must carry it too.
    answer = local.get(path)
    assert answer.headers.get_all("Content-Security-Policy") == [POLICY]
    assert answer.headers["X-Content-Type-Options"] == "nosniff"
    assert answer.headers["Referrer-Policy"] == "no-referrer"


def test_a_folder_is_never_listed(local: Local) -> None:
    answer = local.get("/listed/")
    assert answer.status == 404 and b"a.txt" not in answer.body
    assert local.get("/listed/a.txt").status == 200


def test_links_out_of_the_folder_are_not_followed(local: Local) -> None:
    os.symlink(local.folder.parent / "secret.txt", local.folder / "file-link.txt")
    os.symlink(local.folder.parent, local.folder / "folder-link")
    os.symlink(local.folder.parent, local.folder / "zh-Hant" / "up")
    (local.folder / "inner").mkdir()
    os.symlink(local.folder.parent / "secret.txt", local.folder / "inner" / "index.html")
    os.symlink(local.folder / "index.html", local.folder / "inside-link.html")
    for path in ("/file-link.txt", "/folder-link/secret.txt", "/zh-Hant/up/secret.txt", "/inner/", "/folder-link/"):
        answer = local.get(path)
        assert answer.status == 404 and b"outside" not in answer.body, path
    assert local.get("/inside-link.html").body == b"<h1>home</h1>"  # a link within the folder is fine


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "127.0.0.1",
        "127.0.0.1:1",
        "localhost.evil.example:{port}",
        "",
        "[::1]:{port}",
    ],
)
def test_other_host_names_are_refused(local: Local, host: str) -> None:
    # DNS rebinding: a page of evil.example whose name now points at 127.0.0.1 still says evil.example.
    answer = local.get("/", host=host.format(port=local.port))
    assert answer.status == 421 and b"home" not in answer.body


@pytest.mark.parametrize("host", ["127.0.0.1:{port}", "localhost:{port}", "LOCALHOST:{port}"])
def test_own_host_names_are_served(local: Local, host: str) -> None:
    assert local.get("/", host=host.format(port=local.port)).status == 200


@pytest.mark.parametrize(
    "path",
    [
        "/%00",
        "/index.html%00.txt",
        "/%ff",
        "/%ed%a0%80",  # an encoded lone surrogate
        "/" + "a" * 300,
        "/" + "a/" * 3000,
        "/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/..%2fsecret.txt",
        "//secret.txt",
        "/index.html/",
        "no-slash",
    ],
)
def test_a_bad_path_is_a_plain_404(local: Local, path: str) -> None:
    answer = local.get(path)
    assert answer.status == 404
    assert answer.body == b"<h1>site 404</h1>"


def test_an_overlong_request_line_is_refused(local: Local) -> None:
    assert local.get("/" + "a" * 70_000).status == 414


def test_a_missing_file_gets_the_nearest_404_page(local: Local) -> None:
    assert local.get("/nothing/here.html").body == b"<h1>site 404</h1>"
    missing = local.get("/zh-Hant/calculators/nothing/")
    assert (missing.status, missing.body) == (404, "<h1>繁體 404</h1>".encode())
    assert missing.headers["Content-Type"] == "text/html; charset=utf-8"
    head = local.get("/nothing", method="HEAD")
    assert (head.status, head.body) == (404, b"")


def test_without_a_404_page_the_standard_one(local: Local) -> None:
    (local.folder / "404.html").unlink()
    answer = local.get("/nothing")
    assert answer.status == 404 and b"site 404" not in answer.body


def test_headers_file_rules() -> None:
    text = "# comment\n/*\n  A: 1\n\n/pyodide/*\n  B: two: parts\n/exact\n  C: 3\n"
    assert launcher.header_rules(text) == [
        ("/*", [("A", "1")]),
        ("/pyodide/*", [("B", "two: parts")]),
        ("/exact", [("C", "3")]),
    ]
    assert launcher.header_rules(headers_file(POLICY))[0] == (
        "/*",
        [
            ("Content-Security-Policy", POLICY),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
        ],
    )
