"""Privacy, hostile input, failure and accessibility, in headless Chromium against the built site."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from calculators import all_calculators, get_calculator
from mkdocs_guide.calc.contract import ASSETS_DIR, RUNTIME_DIR, WORKER_MODULE, field_ids
from mkdocs_guide.calc.render import UI_TEXT
from mkdocs_guide.hant.convert import converter

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
READY_MS = 60_000
#: Typed into every text field of every calculator.
BAD_INPUTS = ["abc", "-1", "1e308", "1" + "0" * 30, "<img src=x onerror=alert(1)>"]
OVERDUE = "principal=10000&daily_rate_percent=0.05&days=30"
#: Inputs no page links to, so the build computed no result for them: only the engine shows one.
NOT_AHEAD = "principal=10000&daily_rate_percent=0.05&days=31"


def _pages(site: Path) -> list[str]:
    found = sorted(
        p.relative_to(site).parent.as_posix() for p in site.rglob("index.html") if RUNTIME_DIR not in p.parts
    )
    return ["/" if page == "." else f"/{page}/" for page in found]


class Watch:
    """Everything a page does that a reader would not see: requests, errors, storage."""

    def __init__(self, context: Any, report: Any) -> None:
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.report = report
        context.on("request", self._request)

    def _request(self, request: Any) -> None:
        self.requests.append(request.url)
        self.report.requests += 1
        if urlsplit(request.url).hostname not in {"127.0.0.1", None}:
            self.report.requests_off_site += 1

    def attach(self, page: Any) -> Any:
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        # Chromium reports CSP violations as console errors ("Refused to …").
        page.on("console", lambda message: self.errors.extend([message.text] if message.type == "error" else []))
        return page


@pytest.fixture
def watched(browser: Any, report: Any) -> Iterator[tuple[Any, Watch]]:
    context = browser.new_context(viewport={"width": 360, "height": 740})
    watch = Watch(context, report)
    yield context, watch
    context.close()


@pytest.fixture
def routed(browser: Any, report: Any) -> Iterator[tuple[Any, Watch]]:
    """A context whose requests tests rewrite: the service worker would answer them unseen."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    watch = Watch(context, report)
    yield context, watch
    context.close()


def _storage(page: Any) -> Any:
    return page.evaluate(
        """async () => ({
            local: localStorage.length, session: sessionStorage.length, cookie: document.cookie,
            idb: indexedDB.databases ? (await indexedDB.databases()).length : 0,
        })"""
    )


def test_every_page_and_calculator_keeps_everything_on_the_device(
    watched: tuple[Any, Watch], site_url: str, built_site: Path, report: Any
) -> None:
    context, watch = watched
    page = watch.attach(context.new_page())
    for path in _pages(built_site):
        page.goto(site_url + path)
        report.pages.add(path)
        root = page.locator("[data-calculator]")
        if root.count():
            page.locator("[data-calculator][data-state=result]").wait_for(timeout=READY_MS)
            report.calculators.add(root.first.get_attribute("data-calculator"))
            seen = len(watch.requests)
            page.wait_for_timeout(1_500)
            assert watch.requests[seen:] == [], f"{path}: requests after the result (beacons?)"
        assert page.evaluate("document.documentElement.scrollWidth") <= 360, f"{path} scrolls sideways at 360 px"
    assert watch.errors == []
    assert {urlsplit(url).hostname for url in watch.requests} == {"127.0.0.1"}
    assert _storage(page) == {"local": 0, "session": 0, "cookie": "", "idb": 0}
    assert context.cookies() == []
    assert report.calculators == {calc.name for calc in all_calculators()}


#: The Web Workers a calculator page starts: the calculators' and Material's search.
WORKERS = (f"/{ASSETS_DIR}/{WORKER_MODULE}", "/assets/javascripts/workers/search.")


def test_workers_cannot_reach_another_host(watched: tuple[Any, Watch], site_url: str, elsewhere: Any) -> None:
    # A worker obeys the policy its own script arrives with, not the page's <meta>.
    context, _watch = watched
    policies: dict[str, str | None] = {}
    context.on(
        "response", lambda response: policies.update({response.url: response.headers.get("content-security-policy")})
    )
    page = context.new_page()
    page.goto(f"{site_url}/calculators/overdue/?{OVERDUE}")
    page.locator("[data-calculator][data-state=result]").wait_for(timeout=READY_MS)
    assert elsewhere.fetched_from_workers(page, WORKERS) == dict.fromkeys(WORKERS, "refused")
    worker_scripts = [url for url in policies if any(script in url for script in WORKERS)]
    assert len(worker_scripts) == 2
    assert all("connect-src 'self'" in (policies[url] or "") for url in worker_scripts), policies
    # The service worker too: sw.js arrives with the policy.
    service_worker = next(iter(context.service_workers), None) or context.wait_for_event("serviceworker")
    probe = "url => fetch(url, {mode: 'no-cors', cache: 'no-store'}).then(() => 'sent', () => 'refused')"
    assert service_worker.evaluate(probe, f"{elsewhere.url}/service-worker") == "refused"
    assert elsewhere.paths == []


def test_every_field_refuses_bad_input_with_a_named_message(
    watched: tuple[Any, Watch], site_url: str, report: Any
) -> None:
    context, watch = watched
    page = watch.attach(context.new_page())
    convert = converter()
    for prefix in ("", "/zh-Hant"):
        for calculator in all_calculators():
            page.goto(f"{site_url}{prefix}/calculators/{calculator.name}/")
            root = page.locator(f'[data-calculator="{calculator.name}"]')
            page.locator("[data-calculator][data-state=result]").wait_for(timeout=READY_MS)  # the engine
            for spec in calculator.fields:
                if spec.kind in {"boolean", "choice", "text"}:
                    continue
                # A field declared for some values of a choice is shown (and checked) once the choice has one.
                switch = root.locator(f'[name="{spec.when.field}"]') if spec.when else None
                if spec.when and switch:
                    switch.select_option(spec.when.values[0])
                label = convert.convert(spec.label) if prefix else spec.label
                field = root.locator(f'[name="{spec.name}"]')
                for bad in BAD_INPUTS:
                    field.fill(bad)
                    report.bad_inputs += 1
                    root.locator('[role="alert"]').filter(has_text=f"{label}：").wait_for(timeout=10_000)
                    shown = root.inner_text()
                    assert not re.search(r"NaN|Infinity|Traceback|undefined|null", shown), (calculator.name, bad)
                    assert root.locator("img").count() == 0
                field.fill(spec.default)
                if spec.when and switch:
                    switch.select_option(calculator.field(spec.when.field).default)
    assert watch.errors == []


def test_query_string_values_are_data(watched: tuple[Any, Watch], site_url: str, report: Any) -> None:
    context, watch = watched
    page = watch.attach(context.new_page())
    dialogs: list[str] = []

    def refuse(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", refuse)
    payloads = ['"><script>alert(1)</script>', "<img src=x onerror=alert(2)>", "javascript:alert(3)"]
    for payload in payloads:
        page.goto(f"{site_url}/calculators/letter/?name={payload}&reason_detail={payload}&amount={payload}")
        root = page.locator('[data-calculator="letter"]')
        root.locator('[role="alert"]').filter(has_text="欠款金额").wait_for(timeout=READY_MS)
        report.bad_inputs += 3
        # The page's own module script only, beside the build's data block (data, never run).
        assert root.locator('script:not([type="application/json"]), img').count() == 1
    page.goto(
        f"{site_url}/calculators/letter/?product=jintiao&amount=10000&days_overdue=3&proposal=deferral&name={payloads[1]}"
    )
    page.locator('[data-output="letter"]').filter(has_text=payloads[1]).wait_for(timeout=READY_MS)
    assert page.locator("[data-calculator] img").count() == 0
    assert dialogs == []
    assert watch.errors == []


def test_pyodide_blocked_then_retried(routed: tuple[Any, Watch], site_url: str) -> None:
    context, _watch = routed
    context.route("**/pyodide.asm.wasm", lambda route: route.abort())
    page = context.new_page()  # errors expected here: the wasm request fails on purpose
    page.goto(f"{site_url}/zh-Hant/calculators/overdue/?{NOT_AHEAD}")
    status = page.locator("[data-status]")
    failed = converter().convert(UI_TEXT["failed"])
    status.filter(has_text=failed).wait_for(timeout=READY_MS)
    assert page.locator("h1").is_visible()
    assert page.locator('input[name="principal"]').is_editable()
    context.unroute("**/pyodide.asm.wasm")
    page.locator("[data-retry]").click()
    page.locator('[data-output="penalty"]').filter(has_text="155.00").wait_for(timeout=READY_MS)


def test_slow_start_is_reported_with_a_retry(routed: tuple[Any, Watch], site_url: str) -> None:
    context, watch = routed
    stalled: list[Any] = []
    context.route("**/pyodide.asm.wasm", lambda route: stalled.append(route))  # never answered: stalled
    page = watch.attach(context.new_page())
    page.goto(f"{site_url}/calculators/overdue/?{NOT_AHEAD}")
    page.locator("[data-status]").filter(has_text=UI_TEXT["slow"]).wait_for(timeout=READY_MS)
    assert page.locator("[data-retry]").is_visible()
    context.unroute("**/pyodide.asm.wasm")
    page.locator("[data-retry]").click()
    page.locator('[data-output="penalty"]').filter(has_text="155.00").wait_for(timeout=READY_MS)


def test_keyboard_alone(watched: tuple[Any, Watch], site_url: str) -> None:
    context, watch = watched
    page = watch.attach(context.new_page())
    page.goto(f"{site_url}/calculators/overdue/")
    page.locator("[data-calculator][data-state=result]").wait_for(timeout=READY_MS)  # the engine's 150.00
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "principal":
            break
    else:
        pytest.fail("the first field cannot be reached with Tab")
    page.keyboard.press("Control+A")
    page.keyboard.type("20000")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "daily_rate_percent"
    page.keyboard.press("Enter")
    page.locator('[data-output="penalty"]').filter(has_text="300.00").wait_for(timeout=10_000)
    page.keyboard.press("Control+A")
    page.keyboard.type("x")
    error_id = field_ids("overdue", "daily_rate_percent").error
    page.locator(f"#{error_id}").wait_for(timeout=10_000)
    described = page.locator('input[name="daily_rate_percent"]').get_attribute("aria-describedby")
    assert error_id in described.split()
    assert watch.errors == []


#: Each type of page, in both scripts: the home page, a content page with tables, one with a
#: definition list, the calculators' index, a calculator showing a result and one showing an error,
#: the 404 page; and every other calculator (each has its own kinds of output) in one script, as
#: the scripts differ in text only. (Every page in both scripts passed once by hand: minutes.)
PAGE_TYPES = [
    "/",
    "/negotiate/",
    "/glossary/",
    "/calculators/",
    "/calculators/overdue/",
    "/calculators/overdue/?days=-1",
]
AXE_PAGES = [
    *(prefix + path for prefix in ("", "/zh-Hant") for path in [*PAGE_TYPES, "/404.html"]),
    *(f"/calculators/{calc.name}/" for calc in all_calculators() if calc.name != "overdue"),
    "/calculators/letter/?kind=complaint",  # a kind whose fields the default hides
]


@pytest.fixture(scope="module")
def axe_context(browser: Any) -> Iterator[Any]:
    """One browser profile for all axe runs: the calculators start warm after the first."""
    # axe is injected as a script, which the page's own CSP would refuse.
    context = browser.new_context(viewport={"width": 360, "height": 740}, bypass_csp=True)
    yield context
    context.close()


AXE_RUN = (
    "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa', 'best-practice'], resultTypes: ['violations']})"
)


@pytest.mark.parametrize("path", AXE_PAGES)
def test_accessibility_with_axe(axe_context: Any, site_url: str, path: str, report: Any) -> None:
    page = axe_context.new_page()
    page.goto(site_url + path)
    if page.locator("[data-calculator]").count():
        page.locator("[data-calculator][data-state]").wait_for(timeout=READY_MS)
    page.add_script_tag(path=str(ROOT / "node_modules/axe-core/axe.min.js"))
    result = page.evaluate(AXE_RUN)
    page.close()
    found = []
    for violation in result["violations"]:
        report.axe[violation["impact"] or "minor"] += 1
        targets = [node["target"] for node in violation["nodes"]][:3]
        found.append(f"{violation['impact']} {violation['id']} {json.dumps(targets, ensure_ascii=False)}")
    assert found == [], "\n".join(found)


def test_errors_are_tied_to_their_fields(watched: tuple[Any, Watch], site_url: str) -> None:
    context, watch = watched
    page = watch.attach(context.new_page())
    page.goto(f"{site_url}/calculators/instalment/?periods=999")
    calculator = get_calculator("instalment")
    root = page.locator('[data-calculator="instalment"]')
    root.locator('[role="alert"]').filter(has_text=calculator.field("periods").label).wait_for(timeout=READY_MS)
    field = root.locator('[name="periods"]')
    assert field.get_attribute("aria-invalid") == "true"
    error_id = field_ids("instalment", "periods").error
    assert error_id in field.get_attribute("aria-describedby").split()
    assert page.locator(f"#{error_id}").is_visible()
