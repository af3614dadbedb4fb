"""A fresh Chromium profile for each cold run, and timing when a page shows a result."""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tools.chromium import CHROMIUM_ARGS, chromium_executable

__all__ = ["DESKTOP", "TIMEOUT_MS", "Device", "Profile", "chromium", "time_to_result", "transferred"]

TIMEOUT_MS = 180_000
#: Installed before any page script: resolves window.__benchDone with performance.now()
#: (time since navigation start) when SELECTOR first shows TEXT.
_WATCH = """
window.__benchDone = new Promise((resolve) => {
  const [selector, text] = %s;
  const check = () => {
    const element = document.querySelector(selector);
    if (element && element.textContent.trim() === text) { observer.disconnect(); resolve(performance.now()); }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, characterData: true });
});
"""


@dataclass(frozen=True)
class Device:
    """What a profile's browser is like: another kind of reader is another ``Device``.

    Attributes:
        name: how the results name it.
        viewport: the window's size in CSS pixels.
        prepare: called with each profile's page before its first navigation
            (for instance to emulate a slower network through a CDP session).
    """

    name: str
    viewport: dict[str, int] = field(default_factory=lambda: {"width": 1280, "height": 900})
    prepare: Callable[[Any], None] | None = None


#: The device of every figure so far: a desktop window, the machine's own loopback network.
DESKTOP = Device("desktop")


def chromium() -> str:
    """Debian's Chromium (Playwright cannot download its own here)."""
    executable = chromium_executable()
    if executable is None:
        raise SystemExit("Chromium is not installed: apt-get install chromium")
    return executable


class Profile:
    """A fresh Chromium profile (its own disk cache): cold first, then warm."""

    def __init__(self, playwright: Any, executable: str, device: Device = DESKTOP) -> None:
        self._dir = tempfile.TemporaryDirectory(prefix="bench-profile-", ignore_cleanup_errors=True)
        self.context = playwright.chromium.launch_persistent_context(
            self._dir.name,
            executable_path=executable,
            args=CHROMIUM_ARGS,
            headless=True,
            viewport=device.viewport,
        )
        self.requests: list[Any] = []
        self.context.on("requestfinished", lambda request: self.requests.append(request))
        self.page = self.context.pages[0] if self.context.pages else self.context.new_page()
        if device.prepare is not None:
            device.prepare(self.page)

    def watch(self, selector: str, text: str) -> None:
        """Time when ``selector`` first shows ``text`` on the next navigations."""
        self.context.add_init_script(_WATCH % json.dumps([selector, text]))

    def take_requests(self) -> list[dict[str, Any]]:
        """The requests finished since the last call, with their sizes."""
        taken, self.requests = self.requests, []
        rows = []
        for request in taken:
            response = request.response()
            sizes = request.sizes()
            rows.append(
                {
                    "url": request.url,
                    "status": response.status if response else None,
                    "service_worker": bool(response and response.from_service_worker),
                    "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                    "start": request.timing["startTime"],
                }
            )
        return rows

    def close(self) -> None:
        """Close the browser and remove the profile."""
        self.context.close()
        self._dir.cleanup()


def transferred(rows: list[dict[str, Any]]) -> int:
    """Bytes that came over the network (not from the service worker's cache)."""
    return sum(row["bytes"] for row in rows if not row["service_worker"] and row["bytes"] > 0)


def time_to_result(profile: Profile, url: str) -> float:
    """Navigate and return ms from navigation start to the watched result."""
    profile.page.goto(url, wait_until="domcontentloaded", timeout=TIMEOUT_MS)
    return float(profile.page.evaluate("window.__benchDone"))
