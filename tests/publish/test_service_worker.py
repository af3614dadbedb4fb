"""Reading offline after a first visit: the service worker in headless Chromium."""

from __future__ import annotations

import re
import shutil
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mkdocs_guide.publish import webapp
from mkdocs_guide.serve import make_server

pytestmark = pytest.mark.browser

READY_MS = 60_000
EXAMPLE = "principal=10000&daily_rate_percent=0.05&days=30"


class Host:
    """A copy of the built site on its own port, which a test can redeploy or switch off."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.server = make_server(site, port=0)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.running = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self.running = False


@pytest.fixture
def host(built_site: Path, tmp_path: Path) -> Iterator[Host]:
    copy = tmp_path / "site"
    shutil.copytree(built_site, copy)
    served = Host(copy)
    yield served
    served.stop()


@pytest.fixture
def context(browser: Any) -> Iterator[tuple[Any, list[str]]]:
    opened = browser.new_context(viewport={"width": 360, "height": 800})
    errors: list[str] = []
    opened.on("page", lambda page: page.on("pageerror", lambda error: errors.append(str(error))))
    yield opened, errors
    opened.close()
    assert errors == []


def _kept(page: Any) -> None:
    """Wait until the service worker controls the page and has kept what it used."""
    # Polled with evaluate: wait_for_function's string predicate is an eval, which the CSP refuses.
    deadline = time.monotonic() + 30
    while not page.evaluate("() => navigator.serviceWorker.controller !== null"):
        assert time.monotonic() < deadline, "the service worker never took control"
        page.wait_for_timeout(200)
    page.locator("html[data-offline=ready]").wait_for(state="attached", timeout=READY_MS)


def test_calculator_computes_offline_after_one_visit(host: Host, context: tuple[Any, list[str]]) -> None:
    browser_context, _errors = context
    page = browser_context.new_page()
    page.goto(f"{host.url}/calculators/overdue/?{EXAMPLE}")
    page.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=READY_MS)
    _kept(page)
    host.stop()  # the site is gone, not just the browser's connection
    browser_context.set_offline(True)
    page.reload()
    page.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=READY_MS)
    page.locator('input[name="days"]').fill("60")
    page.locator('[data-output="penalty"]').filter(has_text="300.00").wait_for(timeout=READY_MS)
    assert page.locator('[data-output="total"]').inner_text() == "10300.00"


def _cache_names(page: Any) -> list[str]:
    return list(page.evaluate("caches.keys()"))


def test_redeploying_replaces_the_cache(host: Host, context: tuple[Any, list[str]]) -> None:
    browser_context, _errors = context
    page = browser_context.new_page()
    page.goto(f"{host.url}/negotiate/")
    _kept(page)
    worker = host.site / webapp.SERVICE_WORKER
    build = re.search(r'const BUILD = "([^"]+)";', worker.read_text(encoding="utf-8"))
    assert build and _cache_names(page) == [f"guide-{build.group(1)}"]
    worker.write_text(worker.read_text(encoding="utf-8").replace(build.group(1), "redeployed"), encoding="utf-8")
    # A navigation makes the browser check sw.js; the new worker deletes the old cache on
    # taking over, and the page (told by "controllerchange") has it keep the page anew.
    page.reload()
    deadline = time.monotonic() + 30
    while _cache_names(page) != ["guide-redeployed"]:
        assert time.monotonic() < deadline, _cache_names(page)
        page.wait_for_timeout(200)
