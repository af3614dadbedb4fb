"""The network profiles a run is measured on: today's localhost, and a phone on mobile data."""

from __future__ import annotations

from dataclasses import dataclass

from .browser import DESKTOP, PHONE, Device
from .link import Link

__all__ = ["DEFAULT_LATENCY_MS", "DEFAULT_RATE_MBIT", "LOCALHOST", "NetworkProfile", "phone"]

#: The phone link's downlink (Mbit/s) and time added to each request (ms).
DEFAULT_RATE_MBIT = 10.0
DEFAULT_LATENCY_MS = 60.0


@dataclass(frozen=True)
class NetworkProfile:
    """How the site reaches the browser.

    Attributes:
        name: how the results name it (``localhost``, ``phone``).
        rate: the shared downlink in bytes a second (``None``: the loopback's own speed).
        latency: seconds added to each request.
        host: answered as a static host does (gzip, ``ETag``, ``max-age=600``), not as ``make serve``.
        device: the browser's window.
    """

    name: str
    rate: float | None
    latency: float
    host: bool
    device: Device

    def link(self) -> Link:
        """A fresh link of this profile (one per server)."""
        return Link(rate=self.rate, latency=self.latency)

    def describe(self) -> str:
        """One line for the report."""
        if self.rate is None:
            return f"{self.name}: 127.0.0.1 unthrottled, served as `make serve` does (no-cache, uncompressed)"
        return (
            f"{self.name}: one shared {self.rate * 8 / 1e6:g} Mbit/s downlink, {self.latency * 1000:g} ms per request,"
            " served as GitHub Pages does (gzip, ETag, max-age=600, 304s)"
        )


#: Today's figures: the machine's loopback, as `make serve` answers.
LOCALHOST = NetworkProfile("localhost", None, 0.0, False, DESKTOP)


def phone(rate_mbit: float = DEFAULT_RATE_MBIT, latency_ms: float = DEFAULT_LATENCY_MS) -> NetworkProfile:
    """A phone on mobile data: one shared downlink, a delay per request, a host like GitHub Pages."""
    return NetworkProfile("phone", rate_mbit * 1e6 / 8, latency_ms / 1000, True, PHONE)
