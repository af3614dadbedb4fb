"""What is measured on each page, one function a run, each in a fresh profile."""

from __future__ import annotations

from typing import Any

from mkdocs_guide.calc.contract import RUNTIME_DIR

from . import reference
from .browser import DESKTOP, TIMEOUT_MS, Device, Profile, time_to_result, transferred

__all__ = ["CALCULATOR_PAGE", "CONTENT_PAGE", "calculator_run", "content_run", "reference_run"]

CONTENT_PAGE = "/negotiate/"
CALCULATOR_PAGE = "/calculators/overdue/?principal=10000&daily_rate_percent=0.05&days=30"
#: The overdue calculator's penalty: principal × 0.05 % × days.
FIRST_RESULT = ('[data-calculator="overdue"] [data-output="penalty"]', "150.00")
#: In a page with a result: change the days N times, each time timing input → new result.
_EDITS = """
async (count) => {
  const root = document.querySelector('[data-calculator="overdue"]');
  const input = root.querySelector('[name="days"]');
  const output = root.querySelector('[data-output="penalty"]');
  const times = [];
  for (let i = 0; i < count; i++) {
    const days = 31 + (i % 300);
    const expected = (5 * days).toFixed(2);
    const shown = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (output.textContent.trim() === expected) { observer.disconnect(); resolve(performance.now()); }
      });
      observer.observe(output, { subtree: true, childList: true, characterData: true });
    });
    const start = performance.now();
    input.value = String(days);
    input.dispatchEvent(new Event("input", { bubbles: true }));
    times.push((await shown) - start);
    await new Promise((resolve) => setTimeout(resolve, 50));  // a reader's next keystroke
  }
  return times;
}
"""


def content_run(playwright: Any, executable: str, base: str, device: Device = DESKTOP) -> dict[str, Any]:
    """A content page in a fresh profile: navigation timing and every byte it fetched."""
    profile = Profile(playwright, executable, device)
    try:
        profile.page.goto(base + CONTENT_PAGE, wait_until="load", timeout=TIMEOUT_MS)
        profile.page.wait_for_timeout(2_000)  # whatever starts after load (search index, service worker)
        timing = profile.page.evaluate("performance.getEntriesByType('navigation')[0].toJSON()")
        rows = profile.take_requests()
    finally:
        profile.close()
    return {
        "dom_content_loaded_ms": timing["domContentLoadedEventEnd"],
        "load_ms": timing["loadEventEnd"],
        "bytes": transferred(rows),
        "pyodide_requests": [row["url"] for row in rows if f"/{RUNTIME_DIR}/" in row["url"]],
    }


def calculator_run(
    playwright: Any, executable: str, base: str, warm_runs: int, edits: int, device: Device = DESKTOP
) -> dict[str, Any]:
    """The calculator page in a fresh profile: cold, then warm, then changed inputs."""
    profile = Profile(playwright, executable, device)
    try:
        profile.watch(*FIRST_RESULT)
        cold = time_to_result(profile, base + CALCULATOR_PAGE)
        result_at = profile.page.evaluate("performance.timeOrigin") + cold
        engine = profile.page.locator('[data-calculator="overdue"]').get_attribute("data-engine")
        profile.page.wait_for_timeout(3_000)  # let the page settle (the service worker keeps the runtime)
        cold_rows = profile.take_requests()
        warm = []
        for _ in range(warm_runs):
            warm.append(time_to_result(profile, base + CALCULATOR_PAGE))
        profile.page.wait_for_timeout(500)
        warm_rows = profile.take_requests()
        changes = profile.page.evaluate(_EDITS, edits) if edits else []
    finally:
        profile.close()
    return {
        "cold_ms": cold,
        "warm_ms": warm,
        "engine": engine,
        "cold_bytes": transferred(cold_rows),
        # What the reader waited for; the rest is the service worker keeping files for offline use.
        "cold_bytes_to_result": transferred([row for row in cold_rows if row["start"] <= result_at]),
        "cold_requests": [row for row in cold_rows if row["start"] <= result_at],
        "warm_bytes_per_visit": transferred(warm_rows) / max(warm_runs, 1),
        "change_ms": changes,
    }


def reference_run(
    playwright: Any, executable: str, base: str, warm_runs: int, device: Device = DESKTOP
) -> dict[str, Any]:
    """The bare loadPyodide() page in a fresh profile: cold, then warm."""
    profile = Profile(playwright, executable, device)
    try:
        profile.watch(*reference.RESULT)
        cold = time_to_result(profile, base + reference.PAGE)
        cold_rows = profile.take_requests()
        warm = [time_to_result(profile, base + reference.PAGE) for _ in range(warm_runs)]
    finally:
        profile.close()
    return {"cold_ms": cold, "warm_ms": warm, "cold_bytes": transferred(cold_rows), "cold_requests": cold_rows}
