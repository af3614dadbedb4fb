"""The unzipped offline bundle in headless Chromium: from file://, and served by its own launcher."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import publish_builds
import pytest

from mkdocs_guide.calc.contract import ASSETS_DIR, PAGE_SCRIPTS, WORKER_MODULE
from mkdocs_guide.publish.plugin import LAUNCHER

pytestmark = pytest.mark.browser

READY_MS = 60_000
EXAMPLE = "principal=10000&daily_rate_percent=0.05&days=30"
#: What Chromium says when a calculator page's module scripts (and their preload) are refused
#: from file:// (app.js then shows how to start the launcher instead).
_SCRIPTS = "|".join(map(re.escape, PAGE_SCRIPTS))
MODULE_REFUSED = re.compile(rf"(?:{_SCRIPTS})' from origin 'null' has been blocked by CORS|^Failed to load resource")


@pytest.fixture(scope="module")
def offline_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_builds.offline_bundle(tmp_path_factory.getbasetemp())[0]


@pytest.fixture(scope="module")
def offline_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_builds.offline_bundle(tmp_path_factory.getbasetemp())[1]


@pytest.fixture
def tolerated_errors() -> re.Pattern[str]:
    return MODULE_REFUSED


def test_navigation_and_language_switch_from_file(page: Any, offline_folder: Path) -> None:
    page.goto((offline_folder / "index.html").as_uri())
    assert "京东" in page.locator("h1").first.inner_text()
    page.locator('a.md-nav__link[href="negotiate.html"]').first.dispatch_event("click")
    page.wait_for_url("**/negotiate.html")
    assert "协商" in page.locator("h1").inner_text()
    page.locator('a.md-select__link[hreflang="zh-Hant"]').first.dispatch_event("click")
    page.wait_for_url("**/zh-Hant/negotiate.html")
    assert "協商" in page.locator("h1").inner_text()
    assert page.locator("html").get_attribute("lang") == "zh-Hant"
    page.locator('a.md-select__link[hreflang="zh"]').first.dispatch_event("click")
    page.wait_for_url((offline_folder / "negotiate.html").as_uri())
    page.locator("a.md-header__button.md-logo").dispatch_event("click")
    page.wait_for_url((offline_folder / "index.html").as_uri())


@pytest.mark.parametrize(("path", "query"), [("index.html", "协商"), ("zh-Hant/index.html", "協商")])
def test_search_from_file(page: Any, offline_folder: Path, path: str, query: str) -> None:
    page.goto((offline_folder / path).as_uri())
    page.locator("label.md-header__button[for=__search]").click()
    ready = page.locator(".md-search-result__meta").filter(has_text=re.compile("键入|鍵入"))
    ready.wait_for(timeout=30_000)
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    assert results.count() >= 3
    assert query in page.locator(".md-search-result").inner_text()
    # A result opens its page in the bundle. Waiting for that page also matters to the teardown:
    # closing the context while a file:// navigation is under way hangs Chromium.
    link = results.first.locator("a").first
    target = link.evaluate("a => a.href")
    assert target.startswith((offline_folder / path).parent.as_uri()) and ".html" in target
    link.dispatch_event("click")
    page.wait_for_url(target)


@pytest.mark.parametrize(
    ("path", "words"), [("calculators/overdue.html", "浏览器"), ("zh-Hant/calculators/overdue.html", "瀏覽器")]
)
def test_calculator_from_file_says_how_to_start_the_launcher(
    page: Any, offline_folder: Path, path: str, words: str
) -> None:
    page.goto((offline_folder / path).as_uri())
    status = page.locator('[data-calculator="overdue"] [data-status]')
    status.filter(has_text=LAUNCHER).wait_for(timeout=10_000)
    assert words in status.inner_text()


def test_nothing_left_the_machine(requests_seen: list[str]) -> None:
    # Runs after the file:// tests above: every request they made was recorded.
    assert requests_seen
    assert {url.split(":", 1)[0] for url in requests_seen} <= {"file", "data", "blob", "about"}


@pytest.fixture(scope="module")
def launched(offline_folder: Path) -> Iterator[str]:
    """The bundle's own launcher, started as a reader would (without opening a browser)."""
    process = subprocess.Popen(
        [sys.executable, LAUNCHER, "--no-browser"], cwd=offline_folder, stdout=subprocess.PIPE, text=True
    )
    watchdog = threading.Timer(30, process.kill)  # a launcher that never prints must not hang the run
    watchdog.start()
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        watchdog.cancel()
        found = re.search(r"http://127\.0\.0\.1:\d+/", line)
        assert found, line
        yield found.group(0)
    finally:
        watchdog.cancel()
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("prefix", ["", "zh-Hant/"])
def test_launcher_serves_the_bundle_and_a_calculator_computes(page: Any, launched: str, prefix: str) -> None:
    page.goto(f"{launched}{prefix}calculators/overdue.html?{EXAMPLE}")
    page.locator('[data-calculator][data-state="result"]').wait_for(timeout=READY_MS)  # computed, not built
    page.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=10_000)
    assert page.locator('[data-output="total"]').inner_text() == "10150.00"


def test_launcher_keeps_the_workers_on_the_machine(page: Any, launched: str, elsewhere: Any) -> None:
    # The launcher sends the bundle's Content-Security-Policy header, which the workers obey.
    page.goto(f"{launched}calculators/overdue.html?{EXAMPLE}")
    page.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=READY_MS)
    scripts = (f"/{ASSETS_DIR}/{WORKER_MODULE}", "/assets/javascripts/workers/search.")
    assert elsewhere.fetched_from_workers(page, scripts) == dict.fromkeys(scripts, "refused")
    assert elsewhere.paths == []
