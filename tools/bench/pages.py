"""What is measured on each page, one function a run, each in a fresh browser profile.

Bytes are the server's count of what its link carried (:class:`~.link.Traffic`):
CDP's network events miss the workers' requests.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from mkdocs_guide.calc.contract import RUNTIME_DIR

from . import reference
from .browser import TIMEOUT_MS, Profile
from .link import Traffic
from .profiles import NetworkProfile
from .scenarios import Calculation
from .server import Served

__all__ = ["CONTENT_PAGE", "Session", "calculator_run", "content_run", "engine_answered", "reference_run"]

CONTENT_PAGE = "/negotiate/"
#: Set by the page (mkdocs_guide/publish/assets/app.js) once the service worker has kept what it
#: used (``ready``) or could not (``failed``).
_KEPT = "html[data-offline]"
#: Set by the page (mkdocs_guide/calc/assets/calculator.js) once it has run the kept copies of
#: Pyodide's modules, so that their code cache is written for the next visit.
_PRIMED = "html[data-code-cache]"
#: A reader's page stays open longer than the prime takes; a build without it is measured without.
_PRIME_WAIT_MS = 10_000
#: The engine's files: a request here before an answer means the engine may have made it.
_ENGINE = f"/{RUNTIME_DIR}/"
#: In a page with a result: type each value into the field and time input → its answer on screen.
_EDITS = """
async ([fieldSelector, outputSelector, edits]) => {
  const input = document.querySelector(fieldSelector);
  const output = document.querySelector(outputSelector);
  const times = [];
  for (const [value, expected] of edits) {
    const shown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (output.textContent.trim() === expected) { observer.disconnect(); resolve(performance.now()); }
      });
      observer.observe(output, { subtree: true, childList: true, characterData: true });
    });
    const start = performance.now();
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    times.push((await shown) - start);
    await new Promise((resolve) => setTimeout(resolve, 50));  // a reader's next keystroke
  }
  return times;
}
"""


@dataclass(frozen=True)
class Session:
    """What every run of a profile needs: the browser to start and the server to measure.

    Attributes:
        playwright: the Playwright instance.
        executable: Chromium's path.
        served: the running server (its base URL and its link).
        profile: the network profile being measured.
        rest: whether each visit waits for the machine to be at rest.
    """

    playwright: Any
    executable: str
    served: Served
    profile: NetworkProfile
    rest: bool = True

    def open(self) -> Profile:
        """A fresh browser profile on this profile's device; the link's log starts empty."""
        browser = Profile(self.playwright, self.executable, self.profile.device, self.rest)
        self.served.link.take()
        return browser

    def settle(self, quiet: float = 1.5) -> Traffic:
        """Wait until nothing has crossed the link for ``quiet`` seconds; what it carried since the last call."""
        self.served.link.wait_idle(quiet=quiet, timeout=TIMEOUT_MS / 1000)
        return self.served.link.take()


def engine_answered(traffic: Traffic, before: float) -> bool:
    """Whether the engine could have answered by ``before``: a wasm of the runtime had fully arrived."""
    return any(
        e.method == "GET" and e.status == 200 and e.path.endswith(".wasm") and e.finished <= before
        for e in traffic.requests(_ENGINE)
    )


def _link_done_ms(browser: Profile, traffic: Traffic, result_at: float) -> float | None:
    """Ms from navigation start to the last byte that crossed before the result: the link's share of the wait."""
    last = traffic.last(before=result_at)
    return None if last is None else (last - browser.wall(0)) * 1000


def _appears(page: Any, selector: str, timeout_ms: float) -> bool:
    """Whether ``selector`` is in the page within ``timeout_ms``."""
    try:
        page.locator(selector).wait_for(state="attached", timeout=timeout_ms)
    except PlaywrightTimeout:
        return False
    return True


def _typed_visit(browser: Profile, base: str, calculation: Calculation) -> float:
    """Open the page with no query, type the numbers as soon as the fields are there; ms to the answer."""
    browser.visit(base + calculation.path)
    for name, text in calculation.typed:
        browser.page.locator(calculation.field(name)).fill(text, timeout=TIMEOUT_MS)
    return browser.result_ms()


def calculator_run(session: Session, calculation: Calculation, warm_runs: int, edits: int) -> dict[str, Any]:
    """A calculator page in a fresh profile: typed numbers cold, then warm visits, then changed inputs."""
    browser = session.open()
    try:
        browser.watch(calculation.selector, calculation.expected(), calculation.later_selector)
        cold = _typed_visit(browser, session.served.base, calculation)
        later = browser.later_ms() if calculation.later_output else None
        result_at = browser.wall(cold)
        early = browser.early()
        engine = browser.page.locator(calculation.root).get_attribute("data-engine")
        # A later visit comes after the service worker has kept the runtime for offline use (it
        # waits for the page's answer and then for idle time): not while it is still doing so.
        browser.page.locator(_KEPT).wait_for(state="attached", timeout=TIMEOUT_MS)
        primed = _appears(browser.page, _PRIMED, _PRIME_WAIT_MS)
        cold_traffic = session.settle()
        link_done = _link_done_ms(browser, cold_traffic, result_at)
        warm = []
        for _ in range(warm_runs):
            browser.leave()
            warm.append(_typed_visit(browser, session.served.base, calculation))
        # As many visits opened again in the tab the page is open in, as a reader's reload is.
        reopened = [_typed_visit(browser, session.served.base, calculation) for _ in range(warm_runs)]
        warm_traffic = session.settle(0.5)
        changes = (
            browser.page.evaluate(
                _EDITS, [calculation.field(calculation.edit_field), calculation.selector, calculation.edits(edits)]
            )
            if edits
            else []
        )
    finally:
        browser.close()
    return {
        "cold_ms": cold,
        # The later download's file after the first result (None: none is measured, or it never came).
        "cold_later_ms": None if later is None else later - cold,
        "warm_ms": warm,
        "reopened_ms": reopened,
        "primed": primed,
        "engine": engine,
        "cold_bytes_to_result": cold_traffic.carried(before=result_at),
        "cold_link_done_ms": link_done,
        # The rest is the service worker keeping files for offline use.
        "cold_bytes": cold_traffic.carried(),
        "cold_requests_to_result": len(cold_traffic.requests(before=result_at)),
        "bytes_by_path_to_result": cold_traffic.by_path(before=result_at),
        "warm_bytes_per_visit": warm_traffic.carried() / max(len(warm) + len(reopened), 1),
        "change_ms": changes,
        "first_paint": {
            "moment": early.moment,
            "text": early.text,
            "result": bool(early.text) and not engine_answered(cold_traffic, early.at),
            "engine_requests_before": len(cold_traffic.requests(_ENGINE, before=early.at)),
            "fcp_ms": early.fcp_ms,
        },
        "rests": browser.rests,
    }


def reference_run(session: Session, warm_runs: int) -> dict[str, Any]:
    """The bare reference in a fresh profile: cold, then warm."""
    browser = session.open()
    try:
        browser.watch(*reference.RESULT)
        visit = session.served.base + reference.PAGE
        browser.visit(visit)
        cold = browser.result_ms()
        result_at = browser.wall(cold)
        cold_traffic = session.settle(0.5)
        link_done = _link_done_ms(browser, cold_traffic, result_at)
        warm = []
        for _ in range(warm_runs):
            browser.leave()
            browser.visit(visit)
            warm.append(browser.result_ms())
    finally:
        browser.close()
    return {
        "cold_ms": cold,
        "warm_ms": warm,
        "cold_bytes_to_result": cold_traffic.carried(before=result_at),
        "cold_link_done_ms": link_done,
        "cold_bytes": cold_traffic.carried(),
        "bytes_by_path_to_result": cold_traffic.by_path(before=result_at),
        "rests": browser.rests,
    }


def content_run(session: Session) -> dict[str, Any]:
    """A content page in a fresh profile: navigation timing, every byte, and no engine request."""
    browser = session.open()
    try:
        browser.visit(session.served.base + CONTENT_PAGE, wait_until="load")
        traffic = session.settle()  # what starts after load: the search index, the service worker
        timing = browser.page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
    finally:
        browser.close()
    return {
        "dom_content_loaded_ms": timing["domContentLoadedEventEnd"],
        "load_ms": timing["loadEventEnd"],
        "bytes": traffic.carried(),
        "pyodide_requests": [e.path for e in traffic.requests(_ENGINE)],
        "rests": browser.rests,
    }
