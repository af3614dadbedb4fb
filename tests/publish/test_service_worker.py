"""Reading offline after a first visit: the service worker in headless Chromium."""

from __future__ import annotations

import json
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from mkdocs_guide.calc.contract import ASSETS_DIR, RUNTIME_DIR, WORKER_MODULE
from mkdocs_guide.publish import webapp
from mkdocs_guide.serve import make_server
from tools.bench.browser import MOBILE_DATA
from tools.search_questions import Question, ask, open_search

pytestmark = pytest.mark.browser

READY_MS = 60_000
EXAMPLE = "principal=10000&daily_rate_percent=0.05&days=30"


class Host:
    """A copy of the built site on its own port, which a test can redeploy, switch off and on again."""

    def __init__(self, site: Path) -> None:
        self.site = site
        self.port = 0
        self.running = False
        self.start()
        self.url = f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        """Serve (again, on the same port: the same origin, the same service worker and caches)."""
        self.server = make_server(self.site, port=self.port)
        self.port = self.server.server_address[1]
        self.running = True
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def stop(self) -> None:
        if self.running:
            self.server.shutdown()
            self.server.server_close()
            self.running = False

    def redeploy(self, build: str) -> str:
        """Give the site's service worker another build id (as a rebuilt site would); the old id."""
        worker = self.site / webapp.SERVICE_WORKER
        text = worker.read_text(encoding="utf-8")
        found = re.search(r'const BUILD = "([^"]+)";', text)
        assert found
        worker.write_text(text.replace(found.group(0), f'const BUILD = "{build}";'), encoding="utf-8")
        return found.group(1)


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


def test_search_works_offline_once_opened_online(host: Host, context: tuple[Any, list[str]]) -> None:
    # The index is fetched only when search opens (search-on-demand.js); the worker keeps it then.
    browser_context, _errors = context
    page = browser_context.new_page()
    page.goto(f"{host.url}/zh-Hant/negotiate/")
    _kept(page)
    open_search(page)
    host.stop()
    browser_context.set_offline(True)
    page.goto(f"{host.url}/zh-Hant/negotiate/")
    open_search(page)
    answer = ask(page, Question("zh-Hant", "催收上門怎麼辦", ("collection.md",)), host.url + "/", directory_urls=True)
    assert answer.answered, answer.results


def _cache_names(page: Any) -> set[str]:
    return set(page.evaluate("caches.keys()"))


def _cached_urls(page: Any) -> dict[str, list[str]]:
    """Every cache's addresses, in the order the cache lists them."""
    return dict(
        page.evaluate(
            """async () => Promise.all((await caches.keys()).map(async (name) =>
                [name, (await (await caches.open(name)).keys()).map((request) => request.url)]))"""
        )
    )


#: After a redeploy, how long a new service worker may wait before the test stops the old one.
WAITING_S = 5.0
_WAITING = "async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting)"


def _stop_active_worker(page: Any) -> None:
    """Stop the registration's active service worker (not the waiting one) through CDP."""
    statuses: dict[str, str] = {}
    session = page.context.new_cdp_session(page)
    session.on(
        "ServiceWorker.workerVersionUpdated",
        lambda event: statuses.update({v["versionId"]: v["status"] for v in event["versions"]}),
    )
    session.send("ServiceWorker.enable")
    deadline = time.monotonic() + 5
    while "activated" not in statuses.values():  # the versions come as events
        assert time.monotonic() < deadline, statuses
        page.wait_for_timeout(50)
    for version, status in statuses.items():
        if status == "activated":
            session.send("ServiceWorker.stopWorker", {"versionId": version})
    session.detach()


def _wait_for_caches(page: Any, expected: Callable[[set[str]], bool]) -> set[str]:
    start = time.monotonic()
    stopped = False
    while not expected(names := _cache_names(page)):
        assert time.monotonic() < start + 30, names
        if not stopped and time.monotonic() > start + WAITING_S and page.evaluate(_WAITING):
            # Chromium may leave the new worker waiting until the old one goes idle (when a fetch
            # or message restarted the old one as it was being stopped for the new one). A browser
            # stops an idle worker after 30 s; under Playwright's DevTools it never does, and the
            # new one would wait five minutes. So the test stops it, as that browser would.
            _stop_active_worker(page)
            stopped = True
        page.wait_for_timeout(200)
    return names


def test_redeploying_replaces_the_caches(host: Host, context: tuple[Any, list[str]]) -> None:
    browser_context, _errors = context
    page = browser_context.new_page()
    page.goto(f"{host.url}/negotiate/")
    _kept(page)
    build = host.redeploy("redeployed")
    assert f"guide-{build}" in _cache_names(page)
    # A navigation makes the browser check sw.js; the new worker deletes the old caches (they
    # hold no calculators' runtime) on taking over, and the page (told by "controllerchange")
    # has it keep the page anew.
    page.reload()
    _wait_for_caches(page, lambda names: names == {"guide-redeployed", "guide-redeployed-pages"})


def test_pages_are_kept_without_what_was_typed(host: Host, context: tuple[Any, list[str]]) -> None:
    browser_context, _errors = context
    page = browser_context.new_page()
    typed = ["54321", "20000"]
    for value in typed:  # the second visit is controlled by the service worker: its own fetch keeps the page
        page.goto(f"{host.url}/calculators/overdue/?principal={value}&daily_rate_percent=0.05&days=30")
        page.locator('[data-calculator][data-state="result"]').wait_for(timeout=READY_MS)
        _kept(page)
    urls = [url for names in _cached_urls(page).values() for url in names]
    assert f"{host.url}/calculators/overdue/" in urls
    assert [url for url in urls if "?" in url or any(value in url for value in typed)] == []


def _cached_response_urls(page: Any) -> list[str]:
    """Every kept response's own url (Response.url), in every cache."""
    return list(
        page.evaluate(
            """async () => (await Promise.all((await caches.keys()).map(async (name) => {
                const cache = await caches.open(name);
                return Promise.all((await cache.keys()).map(async (request) => (await cache.match(request)).url));
            }))).flat()"""
        )
    )


def test_kept_responses_do_not_carry_what_was_typed(host: Host, context: tuple[Any, list[str]]) -> None:
    # The key loses the query; the response stored under it must not keep it in its url either.
    browser_context, _errors = context
    page = browser_context.new_page()
    query = "principal=76543&daily_rate_percent=0.07&days=41"
    page.goto(f"{host.url}/calculators/overdue/")
    _kept(page)
    page.goto(f"{host.url}/calculators/overdue/?{query}")  # controlled: the worker's own fetch keeps it
    page.locator('[data-calculator][data-state="result"]').wait_for(timeout=READY_MS)
    _kept(page)
    page.wait_for_timeout(500)  # the copy is stored after the answer
    kept = _cached_response_urls(page)
    assert kept
    assert [url for url in kept if "?" in url or "76543" in url] == []


def test_only_the_latest_pages_are_kept(host: Host, context: tuple[Any, list[str]]) -> None:
    worker = host.site / webapp.SERVICE_WORKER
    worker.write_text(re.sub(r"const MAX_PAGES = \d+;", "const MAX_PAGES = 3;", worker.read_text("utf-8")), "utf-8")
    browser_context, _errors = context
    page = browser_context.new_page()
    visited = ["/negotiate/", "/scams/", "/faq/", "/negotiate/", "/glossary/", "/stages/"]
    for path in visited:
        page.goto(host.url + path)
        _kept(page)
    pages = [url for names in _cached_urls(page).values() for url in names if url.endswith("/")]
    assert sorted(pages) == sorted(f"{host.url}{path}" for path in ["/negotiate/", "/glossary/", "/stages/"])


def test_a_redeploy_keeps_the_old_runtime_until_the_new_one_is_complete(
    host: Host, context: tuple[Any, list[str]]
) -> None:
    browser_context, _errors = context
    page = browser_context.new_page()
    calculator = f"{host.url}/calculators/overdue/?{EXAMPLE}"
    page.goto(calculator)
    page.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=READY_MS)
    _kept(page)
    old = host.redeploy("redeployed")
    # A content page online: the new worker takes over, and has no runtime yet.
    page.goto(f"{host.url}/negotiate/")
    names = _wait_for_caches(page, lambda names: "guide-redeployed" in names)
    assert f"guide-{old}" in names, "the old runtime went before the new one was there"
    # Offline, the calculator still works: the old build's page and runtime, together.
    host.stop()
    browser_context.set_offline(True)
    page.goto(calculator)
    page.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=READY_MS)
    # Online again, a calculator page completes the new runtime; then the old build goes.
    host.start()
    browser_context.set_offline(False)
    page.goto(calculator)
    page.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=READY_MS)
    _wait_for_caches(page, lambda names: not any(old in name for name in names))
    urls = _cached_urls(page)["guide-redeployed"]
    assert {f"{host.url}/{path}" for path in _runtime(host.site)} <= set(urls)


#: A query no guide page links to: the build computed nothing for it, so the engine starts at once.
TYPED = "principal=23456&daily_rate_percent=0.05&days=17"


def _engine(page: Any, url: str) -> str | None:
    """The start the page chose, and the calculator's engine took, on a visit to ``url``."""
    page.goto(url)
    root = page.locator('[data-calculator="overdue"]')
    page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
    engine: str | None = root.get_attribute("data-engine")
    assert root.get_attribute("data-engine-chosen") == engine
    return engine


def test_only_this_builds_whole_runtime_makes_a_phone_take_the_snapshot(
    host: Host, browser: Any, link_as: Callable[[Any, dict[str, Any]], None]
) -> None:
    # On mobile data a visit takes the snapshot only when it costs no download. After a redeploy
    # the old build's runtime is kept for offline use, but online the new one comes from the network.
    opened = browser.new_context(viewport={"width": 360, "height": 800})
    link_as(opened, MOBILE_DATA)
    calculator = f"{host.url}/calculators/overdue/?{TYPED}"
    try:
        page = opened.new_page()
        assert _engine(page, calculator) == "plain"
        _kept(page)
        assert _engine(page, calculator) == "snapshot"
        host.redeploy("redeployed")
        page.goto(f"{host.url}/negotiate/")
        _wait_for_caches(page, lambda names: "guide-redeployed" in names)
        assert _engine(page, calculator) == "plain"
    finally:
        opened.close()


def _runtime(site: Path) -> list[str]:
    found = re.search(r"^const RUNTIME = (\[.*\]);$", (site / webapp.SERVICE_WORKER).read_text("utf-8"), re.MULTILINE)
    assert found
    return list(json.loads(found.group(1)))


#: Pyodide's Emscripten module, the JavaScript it compiles on every start.
EMSCRIPTEN = f"/{RUNTIME_DIR}/pyodide.asm.mjs"


def _engine_workers(workers: list[Any]) -> list[Any]:
    return [worker for worker in workers if worker.url.endswith(f"/{ASSETS_DIR}/{WORKER_MODULE}")]


def _module_compiles(page: Any, url: str, path: str) -> list[dict[str, Any]]:
    """Visit ``url`` under a trace; V8's compiles of the module at ``path`` (each event's ``data``)."""
    session = page.context.new_cdp_session(page)
    events: list[dict[str, Any]] = []
    done = threading.Event()
    session.on("Tracing.dataCollected", lambda message: events.extend(message["value"]))
    session.on("Tracing.tracingComplete", lambda _message: done.set())
    session.send("Tracing.start", {"traceConfig": {"includedCategories": ["v8"]}, "transferMode": "ReportEvents"})
    page.goto(url)
    page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
    session.send("Tracing.end")
    deadline = time.monotonic() + 30
    while not done.is_set():
        assert time.monotonic() < deadline, "the trace never ended"
        page.wait_for_timeout(100)
    session.detach()
    return [
        event["args"]["data"]
        for event in events
        if event.get("name") == "v8.compileModule" and event["args"]["data"].get("url", "").endswith(path)
    ]


def test_a_first_visit_leaves_pyodide_compiled_for_the_next(host: Host, context: tuple[Any, list[str]]) -> None:
    # Chromium writes a script's code cache beside the copy it ran from, on that copy's first run:
    # the page runs the kept copies of Pyodide's modules once, so the next visit compiles nothing.
    browser_context, _errors = context
    page = browser_context.new_page()
    workers: list[Any] = []
    page.on("worker", lambda worker: workers.append(worker))
    calculator = f"{host.url}/calculators/overdue/?{TYPED}"
    page.goto(calculator)
    page.locator('[data-calculator="overdue"][data-state="result"]').wait_for(timeout=READY_MS)
    _kept(page)
    page.locator("html[data-code-cache=primed]").wait_for(state="attached", timeout=READY_MS)
    assert len(_engine_workers(workers)) == 2, "the engine's worker, and the one that ran the kept copies"

    workers.clear()
    compiles = _module_compiles(page, calculator, EMSCRIPTEN)
    assert compiles, "no compile of Pyodide's module was traced"
    assert all(data.get("consumedCacheSize", 0) > 0 and not data.get("cacheRejected") for data in compiles), compiles
    # The runtime was kept when this visit began: its engine ran the kept copies, and nothing else does.
    _kept(page)
    page.wait_for_timeout(2_000)
    assert len(_engine_workers(workers)) == 1
    assert page.locator("html[data-code-cache]").count() == 0
