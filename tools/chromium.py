"""How the tests and the benchmark start Debian's Chromium (Playwright cannot download one here)."""

from __future__ import annotations

import os
import shutil

__all__ = ["CHROMIUM_ARGS", "chromium_executable"]

#: Headless, as root (no sandbox), and no calls home: this machine reaches no other host.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_executable() -> str | None:
    """``$CHROMIUM``, else the ``chromium`` on PATH (Debian's package), else ``None``."""
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
