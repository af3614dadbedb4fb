"""A fresh Chromium profile for each cold run, and timing when a page shows a result."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tools.chromium import CHROMIUM_ARGS, chromium_executable

from .rest import wait_for_rest

__all__ = ["DESKTOP", "MOBILE_DATA", "PHONE", "TIMEOUT_MS", "Device", "Early", "Profile", "chromium"]

TIMEOUT_MS = 180_000
#: How long after navigation a download answered later is waited for.
LATER_WAIT_MS = 60_000
#: Installed before any page script, in the top frame only:
#: window.__benchDone resolves with performance.now() (ms since navigation start) when
#: SELECTOR first shows TEXT; window.__benchLater resolves when LATER (a download's link, if
#: given) first has a file, or with null after LATER_WAIT_MS; window.__benchEarly() tells what SELECTOR showed at
#: DOMContentLoaded or at the reader's first input, whichever came first (before the
#: page's own handlers see that input), and when the first contentful paint was.
_WATCH = """
(() => {
  if (window.top !== window) return;
  const [selector, expected, later, laterWait] = %s;
  const shown = () => {
    const element = document.querySelector(selector);
    return element ? element.textContent.trim() : "";
  };
  window.__benchDone = new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (shown() === expected) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  });
  const hasFile = () => (document.querySelector(later)?.getAttribute("href") || "").startsWith("blob:");
  window.__benchLater = !later ? Promise.resolve(null) : new Promise((resolve) => {
    const observer = new MutationObserver(() => {
      if (hasFile()) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["href"] });
    setTimeout(() => resolve(null), laterWait);
  });
  let early = null;
  const keep = (moment) => { if (early === null) early = { moment, text: shown(), ms: performance.now() }; };
  document.addEventListener("input", () => keep("input"), true);
  document.addEventListener("DOMContentLoaded", () => keep("domcontentloaded"), true);
  let fcp = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === "first-contentful-paint") fcp = entry.startTime;
  }).observe({ type: "paint", buffered: true });
  window.__benchEarly = () => ({ ...early, fcp, origin: performance.timeOrigin });
})();
"""


@dataclass(frozen=True)
class Device:
    """What a profile's browser is like: another kind of reader is another ``Device``.

    Attributes:
        name: how the results name it.
        viewport: the window's size in CSS pixels.
        prepare: called with each profile's first page before its first navigation; what it
            sets must hold for the context's later tabs too (:meth:`Profile.leave`).
    """

    name: str
    viewport: dict[str, int] = field(default_factory=lambda: {"width": 1280, "height": 900})
    prepare: Callable[[Any], None] | None = None


#: A desktop window: the localhost profile's.
DESKTOP = Device("desktop")
#: What Chrome on Android on mobile data tells a page (``navigator.connection``; ``downlink`` is
#: capped at 10): the link itself is emulated by the server, which the page cannot see.
MOBILE_DATA = {"type": "cellular", "effectiveType": "4g", "downlink": 10, "rtt": 100, "saveData": False}


def _on_mobile_data(page: Any) -> None:
    getter = f"{{get: () => ({json.dumps(MOBILE_DATA)})}}"
    page.context.add_init_script(f"Object.defineProperty(Navigator.prototype, 'connection', {getter});")


#: A phone's window (the width the site is designed down to) on mobile data. Its CPU is not slowed:
#: CDP's throttling slows the page's main thread but not its workers, which would be unfair to the reference.
PHONE = Device("phone", {"width": 360, "height": 780}, _on_mobile_data)


@dataclass(frozen=True)
class Early:
    """What the watched element showed before the engine could have answered.

    Attributes:
        moment: ``"domcontentloaded"`` or ``"input"`` (the reader typed before DOMContentLoaded).
        text: what the element showed then (empty: nothing).
        at: that moment, wall-clock seconds (``time.time()``'s clock).
        fcp_ms: the first contentful paint, ms since navigation start (None if not reported).
    """

    moment: str
    text: str
    at: float
    fcp_ms: float | None


def chromium() -> str:
    """Debian's Chromium (Playwright cannot download its own here)."""
    executable = chromium_executable()
    if executable is None:
        raise SystemExit("Chromium is not installed: apt-get install chromium")
    return executable


class Profile:
    """A fresh Chromium profile (its own disk cache and service workers): cold first, then warm."""

    def __init__(self, playwright: Any, executable: str, device: Device = DESKTOP, rest: bool = True) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="bench-profile-", ignore_cleanup_errors=True)
        self.context = playwright.chromium.launch_persistent_context(
            self._dir.name,
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=device.viewport,
        )
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
        if device.prepare is not None:
            device.prepare(self.page)
        #: Whether each navigation waits for the machine to be at rest (:mod:`.rest`).
        self.rest = rest
        #: Before each navigation, the seconds waited for the machine to be at rest (None: it was not,
        #: or was not waited for).
        self.rests: list[float | None] = []

    def visit(self, url: str, wait_until: str = "commit") -> None:
        """Navigate to ``url``, once the machine is at rest unless this profile does not wait."""
        self.rests.append(wait_for_rest() if self.rest else None)
        self.page.goto(url, wait_until=wait_until, timeout=TIMEOUT_MS)

    def leave(self) -> None:
        """Close the site's tab for a blank one, as a reader who comes back later does.

        A cold visit begins in a fresh browser's first tab; a warm visit begun in the site's
        own open tab would also pay for what that page still holds (its engine's worker and
        heap, perhaps kept for the back button). Init scripts are the context's: the new tab
        has them.
        """
        site = self.page
        self.page = self.context.new_page()
        site.close()

    def watch(self, selector: str, text: str, later: str = "") -> None:
        """Time when ``selector`` first shows ``text`` on the next navigations, and ``later`` (a
        download's link) first has a file."""
        self.context.add_init_script(_WATCH % json.dumps([selector, text, later, LATER_WAIT_MS]))

    def result_ms(self) -> float:
        """Ms from navigation start to the watched result (waits for it)."""
        return float(self.page.evaluate("window.__benchDone"))

    def later_ms(self) -> float | None:
        """Ms from navigation start to the watched download's file (None: none within LATER_WAIT_MS)."""
        ms = self.page.evaluate("window.__benchLater")
        return None if ms is None else float(ms)

    def wall(self, ms: float) -> float:
        """A time in ms since this page's navigation start, as wall-clock seconds."""
        return (float(self.page.evaluate("performance.timeOrigin")) + ms) / 1000

    def early(self) -> Early:
        """What the watched element showed at DOMContentLoaded (or the first input, if earlier)."""
        seen = self.page.evaluate("window.__benchEarly()")
        return Early(
            moment=str(seen.get("moment") or ""),
            text=str(seen.get("text") or ""),
            at=(seen["origin"] + (seen.get("ms") or 0)) / 1000,
            fcp_ms=seen.get("fcp"),
        )

    def close(self) -> None:
        """Close the browser and remove the profile."""
        self.context.close()
        self._dir.cleanup()
