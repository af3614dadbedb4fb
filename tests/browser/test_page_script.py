"""What the page script itself answers for, in headless Chromium: the URL it writes, and its watchdogs.

The watchdog tests serve a test build of the worker (the built ``worker.mjs`` with a wrapper
appended) whose computations misbehave on chosen inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from calculators import get_calculator
from mkdocs_guide.calc.contract import ASSETS_DIR, WORKER_MODULE
from mkdocs_guide.calc.render import UI_TEXT

pytestmark = pytest.mark.browser

READY_MS = 60_000
OVERDUE = "principal=10000&daily_rate_percent=0.05&days=30"
LETTER = "product=jintiao&amount=10000&days_overdue=15&proposal=instalments&monthly_amount=900"
#: The principal that makes the test worker's computation never end.
HANG = "4242"
#: The principal whose answer the test worker holds back until the hanging request has arrived.
HELD = "1111"
#: Appended to worker.mjs: wraps its message handler.
MISBEHAVE = f"""
const answer = onmessage;
let held = null;
onmessage = async (event) => {{
  const principal = event.data.values?.principal;
  if (principal === "{HELD}") {{ held = event; return; }}
  if (principal === "{HANG}") {{
    if (held) await answer(held); // the older request's result arrives after the newer one was posted
    for (;;);
  }}
  return answer(event);
}};
"""
#: Records every URL the page writes into its history entry.
RECORD_URLS = """
window.__urls = [];
for (const method of ["replaceState", "pushState"]) {
  const original = history[method];
  history[method] = function (state, title, url) {
    if (url !== undefined) window.__urls.push(new URL(url, location.href).href);
    return original.call(this, state, title, url);
  };
}
"""


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    # No service worker: it would answer the worker's request before the test's route could.
    opened = browser.new_context(viewport={"width": 360, "height": 740}, service_workers="block")
    yield opened
    opened.close()


@pytest.fixture
def page(context: Any) -> Iterator[Any]:
    opened = context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    opened.on("console", lambda message: errors.extend([message.text] if message.type == "error" else []))
    yield opened
    assert errors == []


@pytest.fixture
def misbehaving(context: Any, page: Any, site_url: str, worker_with: Callable[[Any, str], None]) -> Any:
    """The overdue calculator with a result on screen, its worker the test build."""
    worker_with(context, MISBEHAVE)
    page.goto(f"{site_url}/calculators/overdue/?{OVERDUE}")
    # The engine's result, not the one the build computed for these values.
    page.locator('[data-calculator][data-state="result"]').wait_for(timeout=READY_MS)
    page.locator('[data-output="penalty"]').filter(has_text="150.00").wait_for(timeout=10_000)
    return page


def _timed_out(page: Any) -> None:
    page.locator("[data-status]").filter(has_text=UI_TEXT["timeout"]).wait_for(timeout=READY_MS)


def test_a_hanging_computation_is_stopped_and_the_engine_restarted(misbehaving: Any) -> None:
    page = misbehaving
    page.locator('input[name="principal"]').fill(HANG)
    _timed_out(page)
    assert page.locator("h1").is_visible()
    page.locator('input[name="principal"]').fill("20000")
    page.locator('[data-output="penalty"]').filter(has_text="300.00").wait_for(timeout=READY_MS)


def test_after_a_timeout_no_earlier_result_stays_beside_the_new_input(misbehaving: Any) -> None:
    page = misbehaving
    page.locator('input[name="principal"]').fill(HANG)
    _timed_out(page)
    root = page.locator('[data-calculator="overdue"]')
    assert root.get_attribute("data-state") == "timeout"
    # 150.00 was the penalty of 10000, not of what the field now says.
    for output in get_calculator("overdue").outputs:
        assert root.locator(f'[data-output="{output.name}"]').inner_text() == "", output.name


def test_an_older_result_does_not_stop_the_watchdog_of_a_newer_request(misbehaving: Any) -> None:
    page = misbehaving
    principal = page.locator('input[name="principal"]')
    principal.fill(HELD)
    page.wait_for_url(f"**principal={HELD}*")  # posted to the worker
    principal.fill(HANG)  # the worker answers HELD now, then hangs on this one
    _timed_out(page)
    principal.fill("20000")
    page.locator('[data-output="penalty"]').filter(has_text="300.00").wait_for(timeout=READY_MS)


#: The page takes itself to be under a service worker that keeps nothing: as on a later visit
#: before the runtime was kept, it makes its worker early (spawnEarly) and starts it when idle.
#: Each Worker's error is flagged on <html>, after the page's own handler has seen it.
CONTROLLED = """
Object.defineProperty(ServiceWorkerContainer.prototype, "controller", {
  get: () => ({ postMessage: (message, ports) => ports?.[0]?.postMessage(false) }),
});
const WorkerAtFirst = Worker;
window.Worker = class extends WorkerAtFirst {
  constructor(...args) {
    super(...args);
    this.addEventListener("error", () => setTimeout(() => { document.documentElement.dataset.workerFailed = ""; }));
  }
};
"""


def test_an_early_worker_that_failed_to_load_is_made_again(context: Any, site_url: str) -> None:
    # The early worker's script does not come (a 404, as from a host cut short); the engine,
    # started once the page is idle, is a worker made anew, which answers.
    context.add_init_script(CONTROLLED)
    loads: list[str] = []

    def first_fails(route: Any) -> None:
        loads.append(route.request.url)
        if len(loads) == 1:
            route.fulfill(status=404, body="gone")
        else:
            route.continue_()

    context.route(f"**/{ASSETS_DIR}/{WORKER_MODULE}", first_fails)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/calculators/overdue/")
    page.locator("html[data-worker-failed]").wait_for(state="attached", timeout=10_000)
    page.locator('[name="days"]').fill("60")
    page.locator('[data-output="penalty"]').filter(has_text="300.00").wait_for(timeout=READY_MS)
    assert page.locator("[data-calculator]").get_attribute("data-state") == "result"
    assert len(loads) == 2
    assert errors == []


def test_personal_fields_never_reach_the_url(page: Any, site_url: str) -> None:
    calculator = get_calculator("letter")
    personal = [spec.name for spec in calculator.fields if spec.personal]
    assert {"name", "contact", "incidents", "record"} <= set(personal)
    typed = {"name": "王小明", "contact": "13812345678", "reason_detail": "在医院住了两个月"}
    page.add_init_script(RECORD_URLS)
    # A shared link may still carry a name: it fills the form, and leaves the URL at once.
    page.goto(f"{site_url}/calculators/letter/?{LETTER}&name=李四")
    letter = page.locator('[data-output="letter"]')
    letter.filter(has_text="李四").wait_for(timeout=READY_MS)
    kind = page.locator('[data-calculator="letter"] [name="kind"]')
    # Each kind of letter shows its own personal fields: each is typed into where it is shown.
    for value, _label in calculator.field("kind").choices:
        kind.select_option(value)
        for spec in calculator.fields:
            if spec.personal and spec.when and value in spec.when.values:
                page.locator(f'[data-calculator="letter"] [name="{spec.name}"]').fill(typed.get(spec.name, "私人的话"))
    for name in ("name", "contact"):
        page.locator(f'[data-calculator="letter"] [name="{name}"]').fill(typed[name])
    letter.filter(has_text=typed["contact"]).wait_for(timeout=10_000)
    letter.filter(has_text=typed["name"]).wait_for(timeout=10_000)
    written: list[str] = page.evaluate("window.__urls")
    assert written, "the page wrote no URL"
    for url in [*written, page.evaluate("location.href")]:
        query = parse_qs(urlsplit(url).query, keep_blank_values=True)
        assert not set(personal) & set(query), url
        assert not any(text in unquote(url) for text in [*typed.values(), "李四"]), url
        assert query["amount"] == ["10000"]  # the rest is still kept, so the result can be shared
