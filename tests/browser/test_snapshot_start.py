"""Both ways the calculators start in Chromium: from the build's snapshot, and the plain load.

The worker tells the page which one ran (``data-engine`` on the calculator); the
result must be the same either way.  Speed is measured by ``make bench``, not here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mkdocs_guide.calc.contract import RUNTIME_DIR

pytestmark = pytest.mark.browser

READY_MS = 90_000
EXAMPLE = "/calculators/overdue/?principal=10000&daily_rate_percent=0.05&days=30"


@pytest.fixture
def context(browser: Any, link_as: Callable[[Any], None]) -> Iterator[Any]:
    opened = browser.new_context(viewport={"width": 360, "height": 800})
    link_as(opened)  # a fast link: start.mjs takes the snapshot (the plain start is tested by blocking it)
    yield opened
    opened.close()


def _result_and_engine(context: Any, url: str) -> str:
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    root = page.locator('[data-calculator="overdue"]')
    # The engine's answer: the build's result for these values is on screen before it.
    page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
    root.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=10_000)
    assert errors == []
    engine: str = root.get_attribute("data-engine")
    return engine


def test_the_snapshot_starts_the_calculators(context: Any, site_url: str) -> None:
    assert _result_and_engine(context, site_url + EXAMPLE) == "snapshot"


def test_the_zh_hant_page_gets_its_messages_from_the_snapshot(context: Any, site_url: str) -> None:
    page = context.new_page()
    page.goto(f"{site_url}/zh-Hant{EXAMPLE}")
    page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
    page.locator('[data-output="comparison"]').filter(has_text="低於 24%").wait_for(timeout=10_000)
    assert page.locator('[data-calculator="overdue"]').get_attribute("data-engine") == "snapshot"


#: Ways the snapshot can be unusable; each answers the request from the built files.
BROKEN: dict[str, tuple[str, Callable[[Any, Path], None]]] = {
    "blocked": ("**/*.snapshot.gz", lambda route, site: route.abort()),
    "no-manifest": (f"**/{RUNTIME_DIR}/snapshot.json", lambda route, site: route.fulfill(status=404, body="")),
    "other-pyodide": (
        f"**/{RUNTIME_DIR}/snapshot.json",
        lambda route, site: route.fulfill(json={**_manifest(site), "pyodide": "0.0.0"}),
    ),
    "truncated": (
        "**/*.snapshot.gz",
        lambda route, site: route.fulfill(body=(site / RUNTIME_DIR / _manifest(site)["file"]).read_bytes()[:100_000]),
    ),
    "not-gzip": ("**/*.snapshot.gz", lambda route, site: route.fulfill(body=b"\0" * 4096)),
    # The pages taken from the instantiated wasm's memory are not those the heap was made with.
    "other-memory": (
        f"**/{RUNTIME_DIR}/snapshot.json",
        lambda route, site: route.fulfill(json={**_manifest(site), "kept_sha256": "0" * 64}),
    ),
}


def _manifest(site: Path) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads((site / RUNTIME_DIR / "snapshot.json").read_text(encoding="utf-8"))
    return manifest


@pytest.mark.parametrize("broken", BROKEN)
def test_without_a_usable_snapshot_the_plain_load_gives_the_same_result(
    context: Any, site_url: str, built_site: Path, broken: str
) -> None:
    pattern, answer = BROKEN[broken]
    context.route(pattern, lambda route: answer(route, built_site))
    assert _result_and_engine(context, site_url + EXAMPLE) == "plain"


def test_a_snapshot_for_another_pyodide_is_not_downloaded(
    browser: Any, link_as: Callable[[Any], None], site_url: str, built_site: Path
) -> None:
    # Its bytes would be of no use: the worker stops their download (held here, so it cannot
    # end first) and starts the plain way. No service worker, whose cache lookups would come
    # between the worker's request and the route; and Pyodide's loader, which the worker awaits
    # before it compares versions, is let through only once the snapshot's request is held, so
    # the abort comes after the request is out.
    context = browser.new_context(service_workers="block")
    link_as(context)
    held: list[Any] = []
    loaders: list[Any] = []

    def hold_snapshot(route: Any) -> None:
        held.append(route)
        while loaders:
            loaders.pop().continue_()

    def hold_loader(route: Any) -> None:
        if held:
            route.continue_()
        else:
            loaders.append(route)

    context.route("**/*.snapshot.gz", hold_snapshot)
    context.route(f"**/{RUNTIME_DIR}/pyodide.mjs", hold_loader)
    pattern, answer = BROKEN["other-pyodide"]
    context.route(pattern, lambda route: answer(route, built_site))
    stopped: list[str] = []
    context.on("requestfailed", lambda request: stopped.append(request.url))
    try:
        assert _result_and_engine(context, site_url + EXAMPLE) == "plain"
        assert held
        assert [url for url in stopped if url.endswith(".snapshot.gz")]
    finally:
        context.close()
