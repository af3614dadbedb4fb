"""Shared fixtures: the built site, a local server for it, and headless Chromium."""

from __future__ import annotations

import http.server
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from mkdocs_guide.calc.contract import ASSETS_DIR, RUNTIME_DIR, WORKER_MODULE
from tools.chromium import CHROMIUM_ARGS, chromium_executable

ROOT = Path(__file__).resolve().parent.parent
#: The built site under test; GUIDE_SITE_DIR points the tests at another build.
SITE = Path(os.environ.get("GUIDE_SITE_DIR", ROOT / "site")).resolve()


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The built site; built here if `make build` has not made it."""
    if not (SITE / "index.html").is_file() or not (SITE / RUNTIME_DIR / "pyodide-lock.json").is_file():
        mkdocs = Path(sys.executable).with_name("mkdocs")
        subprocess.run([str(mkdocs), "build", "--strict", "--site-dir", str(SITE)], cwd=ROOT, check=True)
    return SITE


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 (a free port) for the session."""
    from mkdocs_guide.serve import make_server

    server = make_server(built_site, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


class Elsewhere:
    """Another host (another name and port): a server that records every request reaching it."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        seen = self.paths

        class Recorder(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                seen.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                """Quiet."""

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
        self.url = f"http://localhost:{self.server.server_address[1]}"

    def fetched_from_workers(self, page: Any, scripts: tuple[str, ...]) -> dict[str, str]:
        """Have each of the page's Web Workers whose script URL contains one of ``scripts`` fetch from here.

        Returns:
            For each of ``scripts``, ``"sent"`` or ``"refused"``.
        """
        deadline = time.monotonic() + 30
        while not all(any(script in worker.url for worker in page.workers) for script in scripts):
            assert time.monotonic() < deadline, [worker.url for worker in page.workers]
            page.wait_for_timeout(200)
        probe = "url => fetch(url, {mode: 'no-cors', cache: 'no-store'}).then(() => 'sent', () => 'refused')"
        return {
            script: next(worker for worker in page.workers if script in worker.url).evaluate(
                probe, f"{self.url}/{script.strip('/.').replace('/', '-')}"
            )
            for script in scripts
        }


@pytest.fixture
def elsewhere() -> Iterator[Elsewhere]:
    """A host other than the site's, to show that nothing the site runs can reach it."""
    other = Elsewhere()
    threading.Thread(target=other.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield other
    other.server.shutdown()
    other.server.server_close()


#: What a browser on a fast link tells (``navigator.connection``): start.mjs then takes the snapshot.
FAST_LINK = {"effectiveType": "4g", "downlink": 100, "saveData": False}


@pytest.fixture(scope="session")
def link_as() -> Callable[[Any, dict[str, Any]], None]:
    """Make a browser context's pages tell ``navigator.connection`` as given (``FAST_LINK`` by default).

    The engine's start is chosen from it (``start.mjs``), so a test that means one start says
    which link it is on, rather than leaving it to what the page measured of the local server.
    """

    def apply(context: Any, connection: dict[str, Any] = FAST_LINK) -> None:
        getter = f"{{get: () => ({json.dumps(connection)})}}"
        context.add_init_script(f"Object.defineProperty(Navigator.prototype, 'connection', {getter});")

    return apply


@pytest.fixture(scope="session")
def worker_with() -> Callable[[Any, str], None]:
    """Serve a browser context the calculators' worker module with ``code`` appended (a test build).

    The code runs in the module's scope, so it may rebind the module's functions. The context
    must block service workers, which would answer the worker's request before the route could.
    """

    def apply(context: Any, code: str) -> None:
        def serve(route: Any) -> None:
            route.fulfill(body=route.fetch().text() + code, content_type="text/javascript")

        context.route(f"**/{ASSETS_DIR}/{WORKER_MODULE}", serve)

    return apply


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (it cannot download its own here)."""
    from playwright.sync_api import sync_playwright

    executable = chromium_executable()
    if executable is None:
        pytest.fail("Chromium is not installed: apt-get install chromium (make test's .ci/run does)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def requests_seen() -> list[str]:
    """Every URL the module's pages requested (``page`` records them)."""
    return []


@pytest.fixture
def tolerated_errors() -> re.Pattern[str] | None:
    """Console errors a module expects (override it there); ``page`` fails on any other."""
    return None


@pytest.fixture
def page(browser: Any, requests_seen: list[str], tolerated_errors: re.Pattern[str] | None) -> Iterator[Any]:
    """A page on a phone-sized screen, in a fresh context; the test fails on a script or console error."""
    context = browser.new_context(viewport={"width": 360, "height": 800})
    context.on("request", lambda request: requests_seen.append(request.url))
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.extend([message.text] if message.type == "error" else []))
    yield opened
    context.close()
    assert [error for error in errors if not (tolerated_errors and tolerated_errors.search(error))] == []


@dataclass
class BrowserReport:
    """Figures the browser tests add up as they go."""

    pages: set[str] = field(default_factory=set)
    calculators: set[str] = field(default_factory=set)
    bad_inputs: int = 0
    requests: int = 0
    requests_off_site: int = 0
    axe: Counter[str] = field(default_factory=Counter)

    def lines(self) -> list[str]:
        """The report, one figure a line."""
        severities = ", ".join(f"{level} {self.axe[level]}" for level in ("critical", "serious", "moderate", "minor"))
        return [
            f"pages checked: {len(self.pages)}",
            f"calculators checked: {len(self.calculators)} ({', '.join(sorted(self.calculators))})",
            f"bad inputs tried: {self.bad_inputs}",
            f"requests seen: {self.requests}, of which left the site: {self.requests_off_site}",
            f"axe violations by severity: {severities}",
        ]


_REPORT = BrowserReport()


@pytest.fixture(scope="session")
def report() -> BrowserReport:
    """The session's report, for tests to add their figures to."""
    return _REPORT


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Print the report when browser tests ran."""
    if not (_REPORT.pages or _REPORT.requests):
        return
    terminalreporter.section("browser report")
    for line in _REPORT.lines():
        terminalreporter.write_line(line)
