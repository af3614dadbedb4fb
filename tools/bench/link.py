"""An emulated network link: one shared downlink every response is paced through, and what it carried.

A phone on mobile data shares one slow downlink between the page, its workers and
the service worker, and waits a round trip for each request.  Chromium's own
throttling misses the workers (and CDP's network events miss their requests), so
the link is emulated in the server: each request waits :attr:`Link.latency`, and
every byte any response sends waits its turn in one token bucket of
:attr:`Link.rate` bytes a second.  Bytes are counted here, as the link carried them
(compressed, headers included), with the wall-clock time they had crossed, so a run
can tell what came before its result.
"""

from __future__ import annotations

import io
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

__all__ = ["CHUNK", "Carried", "Exchange", "Link", "PacedWriter", "Pending", "Traffic"]

#: Bytes sent in one go: at 1.25 MB/s a chunk is 13 ms of the link, so concurrent responses interleave.
CHUNK = 16 * 1024


@dataclass(frozen=True)
class Carried:
    """Bytes of one response that crossed the link.

    Attributes:
        path: the request's URL path (no query).
        size: how many bytes.
        at: wall-clock time (``time.time()``) when they had crossed.
    """

    path: str
    size: int
    at: float


@dataclass(frozen=True)
class Exchange:
    """One request and its response.

    Attributes:
        method: ``GET`` or ``HEAD``.
        path: the URL path (no query).
        status: the response's status code (0 if none was sent).
        started: wall-clock time the request was read.
        finished: wall-clock time its last byte had crossed.
        size: bytes the response put on the link.
    """

    method: str
    path: str
    status: int
    started: float
    finished: float
    size: int


@dataclass(frozen=True)
class Traffic:
    """What the link carried during one run (:meth:`Link.take`)."""

    chunks: tuple[Carried, ...] = ()
    exchanges: tuple[Exchange, ...] = ()

    def carried(self, before: float | None = None, prefix: str = "/") -> int:
        """Bytes carried for paths under ``prefix``, all or only those that had crossed by ``before``."""
        return sum(c.size for c in self.chunks if c.path.startswith(prefix) and (before is None or c.at <= before))

    def last(self, before: float | None = None) -> float | None:
        """When the last byte (of all, or of those that had crossed by ``before``) crossed; None if none did."""
        times = [c.at for c in self.chunks if before is None or c.at <= before]
        return max(times, default=None)

    def by_path(self, before: float | None = None) -> dict[str, int]:
        """Bytes carried by URL path (all, or only those that had crossed by ``before``), largest first."""
        sizes: dict[str, int] = {}
        for c in self.chunks:
            if before is None or c.at <= before:
                sizes[c.path] = sizes.get(c.path, 0) + c.size
        return dict(sorted(sizes.items(), key=lambda item: -item[1]))

    def requests(self, prefix: str = "/", before: float | None = None) -> list[Exchange]:
        """The requests for paths under ``prefix``, all or only those read by ``before``."""
        return [e for e in self.exchanges if e.path.startswith(prefix) and (before is None or e.started <= before)]


@dataclass
class Pending:
    """A request being answered: what its :class:`Exchange` will record.

    Attributes:
        method: ``GET`` or ``HEAD``.
        path: the URL path (no query).
        started: wall-clock time the request was read.
        status: the status sent so far (0: none yet).
        size: bytes put on the link so far.
    """

    method: str
    path: str
    started: float
    status: int = 0
    size: int = 0


@dataclass
class Link:
    """One downlink shared by every response of a server, and the log of what it carried.

    Attributes:
        rate: bytes a second (``None``: no limit, the machine's own loopback).
        latency: seconds each request waits before its answer starts (a round trip).
        burst: the bucket's depth in bytes: what an idle link may send at once. A few
            chunks let the link catch up when a busy machine wakes the server late,
            so that it keeps its rate; over any time t it carries at most rate × t + burst.
        clock: the pacing clock (monotonic); ``sleep`` waits on it.
        sleep: waits a number of seconds.
        wall: the clock the log's times are in; the browser's ``performance.timeOrigin`` is on it too.
    """

    rate: float | None = None
    latency: float = 0.0
    burst: int = 4 * CHUNK
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    wall: Callable[[], float] = time.time
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _free_at: float = field(default=float("-inf"), init=False, repr=False)
    _chunks: list[Carried] = field(default_factory=list, init=False, repr=False)
    _exchanges: list[Exchange] = field(default_factory=list, init=False, repr=False)
    _active: int = field(default=0, init=False, repr=False)
    _last_activity: float = field(default=float("-inf"), init=False, repr=False)

    def __post_init__(self) -> None:
        if self.rate is not None and self.rate <= 0:
            raise ValueError(f"rate must be positive bytes a second, not {self.rate}")
        if self.latency < 0:
            raise ValueError(f"latency must not be negative, not {self.latency}")
        if self.burst < 0:
            raise ValueError(f"burst must not be negative, not {self.burst}")

    def reserve(self, size: int) -> float:
        """Book ``size`` bytes on the link; return the pacing-clock time they will have crossed.

        One bucket for every response: bookings are served in order, whichever
        response they belong to.  An idle link has saved up at most :attr:`burst` bytes.
        """
        with self._lock:
            now = self.clock()
            if self.rate is None:
                return now
            self._free_at = max(now - self.burst / self.rate, self._free_at) + size / self.rate
            return self._free_at

    def send(self, write: Callable[[memoryview], object], data: bytes, exchange: Pending) -> None:
        """Write ``data`` through the link, a :data:`CHUNK` at a time, logging each chunk."""
        view = memoryview(data)
        step = CHUNK if self.rate is not None else max(len(view), 1)
        for start in range(0, len(view), step):
            piece = view[start : start + step]
            due = self.reserve(len(piece))
            wait = due - self.clock()
            if wait > 0:
                self.sleep(wait)
            write(piece)
            carried = Carried(exchange.path, len(piece), self.wall())
            with self._lock:
                self._chunks.append(carried)
                self._last_activity = self.clock()
            exchange.size += len(piece)

    @contextmanager
    def exchange(self, method: str, path: str) -> Iterator[Pending]:
        """One request: waits the latency, then logs the exchange when its answer is done."""
        opened = Pending(method, path, self.wall())
        with self._lock:
            self._active += 1
        try:
            if self.latency > 0:
                self.sleep(self.latency)
            yield opened
        finally:
            done = Exchange(opened.method, opened.path, opened.status, opened.started, self.wall(), opened.size)
            with self._lock:
                self._exchanges.append(done)
                self._active -= 1
                self._last_activity = self.clock()

    def take(self) -> Traffic:
        """What the link carried since the last call (and forget it)."""
        with self._lock:
            taken = Traffic(tuple(self._chunks), tuple(self._exchanges))
            self._chunks, self._exchanges = [], []
        return taken

    def wait_idle(self, quiet: float = 1.5, timeout: float = 180.0, poll: float = 0.1) -> bool:
        """Wait until no request is open and nothing has crossed for ``quiet`` seconds.

        Returns:
            False if the link was still busy after ``timeout`` seconds.
        """
        deadline = self.clock() + timeout
        while True:
            with self._lock:
                idle = self._active == 0 and self.clock() - self._last_activity >= quiet
            if idle:
                return True
            if self.clock() >= deadline:
                return False
            self.sleep(poll)


class PacedWriter(io.BufferedIOBase):
    """A connection's output stream that sends through a :class:`Link` (the server's ``wfile``).

    Attributes:
        exchange: the request being answered (set by the handler); bytes written
            while it is ``None`` (nothing to attribute them to) go out unpaced.
    """

    def __init__(self, raw: io.BufferedIOBase, link: Link) -> None:
        super().__init__()
        self._raw = raw
        self._link = link
        self.exchange: Pending | None = None

    def writable(self) -> bool:
        """Always: it is an output stream."""
        return True

    def write(self, data: bytes | bytearray | memoryview | Iterable[int], /) -> int:  # type: ignore[override]
        """Send ``data`` through the link."""
        payload = bytes(data)
        if self.exchange is None:
            self._raw.write(payload)
        else:
            self._link.send(self._raw.write, payload, self.exchange)
        return len(payload)

    def flush(self) -> None:
        """Flush the connection."""
        if not self._raw.closed:
            self._raw.flush()

    def close(self) -> None:
        """Close the connection's stream."""
        self._raw.close()
        super().close()
