"""Which start the calculators' engine takes, and when (``start.mjs``), in Chromium.

The decision is made from what the browser tells (``navigator.connection``, here
set by an init script), what the service worker holds and what the page shows
already; the functions are tested with made-up inputs, and the pages with a
reader who asked to save data (the only plain start on 127.0.0.1, where the
site crosses no link) and one on a fast link.  Both starts must give
the same results.  Nothing here depends on timing: the link's speed is what the
init script says, not what was measured.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mkdocs_guide.calc.contract import ASSETS_DIR, RUNTIME_DIR, START_MODULE

pytestmark = pytest.mark.browser

READY_MS = 90_000
SAVE_DATA = {"effectiveType": "4g", "downlink": 10, "saveData": True}
#: A query no guide page links to: the build computed nothing for it.
TYPED = "/calculators/overdue/?principal=23456&daily_rate_percent=0.05&days=17"


@pytest.fixture
def page(browser: Any, site_url: str) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 360, "height": 800})
    opened = context.new_page()
    opened.goto(site_url + "/")
    yield opened
    context.close()


def _decide(page: Any, call: str) -> Any:
    script = f"import('./{ASSETS_DIR}/{START_MODULE}').then((start) => start.{call})"
    return page.evaluate(f"() => {script}")


def _entries(*spans: tuple[float, float, int]) -> str:
    return json.dumps([{"responseStart": a, "responseEnd": b, "transferSize": size} for a, b, size in spans])


@pytest.mark.parametrize(
    ("connection", "entries", "hostname", "expected"),
    [
        ("{saveData: true, effectiveType: '4g', downlink: 100}", "[]", "guide.example", "save-data"),
        ("{effectiveType: '3g', downlink: 10}", "[]", "guide.example", "slow"),
        ("{effectiveType: '4g', downlink: 5}", "[]", "guide.example", "slow"),
        ("{effectiveType: '4g', downlink: 50}", "[]", "guide.example", "fast"),
        # Chromium's cap: 10 says "10 or more", so the page's own downloads decide.
        ("{effectiveType: '4g', downlink: 10}", "[]", "guide.example", "unknown"),
        ("{effectiveType: '4g', downlink: 10}", _entries((0, 100, 1_000_000)), "guide.example", "fast"),
        ("{effectiveType: '4g', downlink: 10}", _entries((0, 1000, 1_000_000)), "guide.example", "slow"),
        # Overlapping downloads share the link: 1 MB over 1 s in all is 8 Mbit/s.
        ("undefined", _entries((0, 1000, 500_000), (0, 1000, 500_000)), "guide.example", "slow"),
        ("undefined", _entries((0, 100, 500_000), (900, 1000, 500_000)), "guide.example", "fast"),
        # Too few bytes (a first burst), or from the cache (transferSize 0), tell nothing.
        ("undefined", _entries((0, 1, 100_000)), "guide.example", "unknown"),
        ("undefined", _entries((0, 1, 0)), "guide.example", "unknown"),
        ("undefined", "[]", "guide.example", "unknown"),
        # Mobile data is slow whatever else is said, and so is a link the browser says is slow.
        ("{type: 'cellular', effectiveType: '4g', downlink: 10}", "[]", "guide.example", "slow"),
        ("{type: 'wifi', effectiveType: '4g', downlink: 10}", "[]", "guide.example", "unknown"),
        # A site on this machine crosses no link, whatever the browser guesses of its network.
        ("{effectiveType: '4g', downlink: 1.55}", "[]", "127.0.0.1", "fast"),
        ("{type: 'cellular', effectiveType: '4g'}", "[]", "localhost", "slow"),
        ("undefined", "[]", "localhost", "fast"),
        ("undefined", "[]", "[::1]", "fast"),
        ("{saveData: true}", "[]", "127.0.0.1", "save-data"),
        ("undefined", "[]", "127.example", "unknown"),
    ],
)
def test_link_speed(page: Any, connection: str, entries: str, hostname: str, expected: str) -> None:
    assert _decide(page, f"linkSpeed({connection}, {entries}, '{hostname}')") == expected


@pytest.mark.parametrize(
    ("link", "cached", "start", "when_precomputed", "when_not"),
    [
        ("fast", False, "snapshot", "idle", "now"),
        ("slow", False, "plain", "idle", "now"),
        ("unknown", False, "plain", "idle", "now"),
        ("save-data", False, "plain", "touch", "now"),
        ("save-data", True, "snapshot", "now", "now"),
        ("slow", True, "snapshot", "now", "now"),
    ],
)
def test_start_and_when(page: Any, link: str, cached: bool, start: str, when_precomputed: str, when_not: str) -> None:
    flags = f"link: '{link}', runtimeCached: {json.dumps(cached)}"
    assert _decide(page, f"chooseStart({{{flags}}})") == start
    assert _decide(page, f"startWhen({{{flags}, precomputed: true}})") == when_precomputed
    assert _decide(page, f"startWhen({{{flags}, precomputed: false}})") == when_not


@pytest.mark.parametrize(
    ("call", "expected"),
    [
        ("chooseStart({link: 'fast', runtimeCached: NEVER})", "snapshot"),
        ("chooseStart({link: 'slow', runtimeCached: NEVER})", "waited"),
        ("startWhen({link: 'fast', runtimeCached: NEVER, precomputed: false})", "now"),
        ("startWhen({link: 'fast', runtimeCached: NEVER, precomputed: true})", "waited"),
    ],
)
def test_only_an_undecided_choice_waits_for_the_cache_check(page: Any, call: str, expected: str) -> None:
    never = "new Promise(() => {})"
    waited = "new Promise((done) => setTimeout(() => done('waited'), 500))"
    race = f"Promise.race([start.{call.replace('NEVER', never)}, {waited}])"
    script = f"import('./{ASSETS_DIR}/{START_MODULE}').then((start) => {race})"
    assert page.evaluate(f"() => {script}") == expected


Link = Callable[[Any, dict[str, Any]], None]


def _reader(
    browser: Any, link_as: Link, connection: dict[str, Any], service_workers: str = "block"
) -> tuple[Any, Any, list[str]]:
    """A fresh profile whose browser tells ``connection``; the runtime URLs its page and workers request.

    Requests the service worker makes are not seen: by default it is blocked.
    """
    context = browser.new_context(viewport={"width": 360, "height": 800}, service_workers=service_workers)
    link_as(context, connection)
    requested: list[str] = []

    def record(route: Any) -> None:
        requested.append(route.request.url)
        route.continue_()

    context.route(f"**/{RUNTIME_DIR}/**", record)
    return context, context.new_page(), requested


def _idle_twice(page: Any) -> None:
    # The page's own idle callbacks ran (an idle start would have begun): not a timer.
    page.evaluate(
        "() => new Promise((done) => requestIdleCallback(() => requestIdleCallback(done, {timeout: 5000}),"
        " {timeout: 5000}))"
    )


def test_save_data_fetches_no_runtime_before_the_reader_touches_the_form(
    browser: Any, site_url: str, link_as: Link
) -> None:
    context, page, requested = _reader(browser, link_as, SAVE_DATA)
    try:
        page.goto(site_url + "/calculators/overdue/", wait_until="load")
        root = page.locator('[data-calculator="overdue"]')
        root.and_(page.locator('[data-state="precomputed"]')).wait_for()
        _idle_twice(page)
        assert requested == []
        assert root.get_attribute("data-engine-chosen") is None
        # The reader touches the form: the engine starts, the plain way.
        page.fill('[name="principal"]', "20000")
        page.fill('[name="days"]', "45")
        page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
        root.locator('[data-output="penalty"]').filter(has_text="450.00").wait_for(timeout=10_000)
        assert root.get_attribute("data-engine") == "plain"
        assert not any(url.endswith((".snapshot.gz", "snapshot.json")) for url in requested)
    finally:
        context.close()


def test_a_query_the_build_did_not_compute_starts_the_engine_at_once(
    browser: Any, site_url: str, link_as: Link
) -> None:
    context, page, requested = _reader(browser, link_as, SAVE_DATA)
    try:
        page.goto(site_url + TYPED)
        root = page.locator('[data-calculator="overdue"]')
        page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
        assert root.get_attribute("data-engine") == "plain"
        assert any(url.endswith(".wasm") for url in requested)
    finally:
        context.close()


def _outputs(
    browser: Any, site_url: str, link_as: Link, connection: dict[str, Any], path: str
) -> tuple[str, dict[str, str]]:
    context, page, _ = _reader(browser, link_as, connection)
    try:
        page.goto(site_url + path)
        root = page.locator('[data-calculator="overdue"]')
        page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
        shown = page.eval_on_selector_all(
            '[data-calculator="overdue"] [data-output]', "(all) => all.map((e) => [e.dataset.output, e.textContent])"
        )
        return root.get_attribute("data-engine"), dict(shown)
    finally:
        context.close()


@pytest.mark.parametrize("script", ["", "/zh-Hant"])
def test_both_starts_give_the_same_results(browser: Any, site_url: str, link_as: Link, script: str) -> None:
    fast = _outputs(browser, site_url, link_as, {"effectiveType": "4g", "downlink": 100}, script + TYPED)
    slow = _outputs(browser, site_url, link_as, SAVE_DATA, script + TYPED)
    assert (fast[0], slow[0]) == ("snapshot", "plain")
    assert fast[1] == slow[1] and fast[1]["penalty"] == "199.38"


#: A phone on mobile data: the plain start, unless the snapshot is in the cache already.
MOBILE = {"type": "cellular", "effectiveType": "4g", "downlink": 10, "saveData": False}


@pytest.mark.parametrize(("kept", "start"), [("wasm", "plain"), ("snapshot", "snapshot")])
def test_only_a_kept_snapshot_makes_a_later_visit_take_the_snapshot(
    browser: Any, site_url: str, built_site: Path, link_as: Link, kept: str, start: str
) -> None:
    # After a plain start the wasm is kept at once and the snapshot later: a visit in between
    # must not download the snapshot's megabytes because the wasm is there.
    manifest = json.loads((built_site / RUNTIME_DIR / "snapshot.json").read_text(encoding="utf-8"))
    context, page, _requested = _reader(browser, link_as, MOBILE, service_workers="allow")
    try:
        page.goto(site_url + TYPED)
        root = page.locator('[data-calculator="overdue"]')
        page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
        assert root.get_attribute("data-engine") == "plain"
        page.locator('html[data-offline="ready"]').wait_for(state="attached", timeout=READY_MS)
        snapshot_url = f"{site_url}/{RUNTIME_DIR}/{manifest['file']}"
        if kept == "wasm":
            # The runtime as it is before the snapshot is kept: not complete.
            page.evaluate(
                """async (url) => {
                    for (const name of await caches.keys()) {
                        if (name.endsWith("-complete")) await caches.delete(name);
                        else await (await caches.open(name)).delete(url);
                    }
                }""",
                snapshot_url,
            )
        page.goto(site_url + TYPED)
        page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
        assert root.get_attribute("data-engine") == start
    finally:
        context.close()


def test_a_cache_no_service_worker_serves_does_not_count(
    browser: Any, site_url: str, built_site: Path, link_as: Link
) -> None:
    # Without a service worker controlling the page its worker's requests go to the network.
    manifest = json.loads((built_site / RUNTIME_DIR / "snapshot.json").read_text(encoding="utf-8"))
    context, page, requested = _reader(browser, link_as, MOBILE)
    try:
        page.goto(site_url + "/")
        page.evaluate(
            """async (urls) => {
                const cache = await caches.open("kept-by-an-earlier-visit");
                for (const url of urls) await cache.put(new URL(url, location.href).href, await fetch(url));
            }""",
            [f"/{RUNTIME_DIR}/{name}" for name in ("pyodide.asm.wasm", "snapshot.json", manifest["file"])],
        )
        requested.clear()
        page.goto(site_url + TYPED)
        root = page.locator('[data-calculator="overdue"]')
        page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
        assert root.get_attribute("data-engine") == "plain"
        assert not any(url.endswith(manifest["file"]) for url in requested)
    finally:
        context.close()
