"""Each measured visit starts with the machine at rest.

A visit begun right after the browser's launch, or right after the previous visit's answer,
shares the CPUs with what those leave running: the browser's start-up, the old page's engine
still compiling, caches being written. Its time then depends on the bench's own pacing, and not
alike for every figure (a cold visit follows a launch, a warm one an answer). So before each
navigation the bench waits until the CPUs have been nearly idle for a window, up to a limit, as
a reader's browser is when they open a page. The window is a second: /proc/stat counts in ticks
(100 a second), so a shorter one could not tell 10 % from 15 %.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["BUSY_SHARE", "TIMEOUT_S", "WINDOW_S", "busy_ticks", "wait_for_rest"]

#: The quiet window, in seconds.
WINDOW_S = 1.0
#: At rest: all CPUs together busy less than this share of one CPU over the window (as it lasted).
BUSY_SHARE = 0.10
#: A machine that does not come to rest by then is measured anyway (and the report says so).
TIMEOUT_S = 10.0
_STAT = Path("/proc/stat")


def busy_ticks(stat: str) -> int:
    """Clock ticks all CPUs have spent busy since boot, from the text of ``/proc/stat``.

    Args:
        stat: the file's text; its first line sums every CPU.

    Returns:
        The ticks of user, nice, system, irq and softirq time. Not idle or I/O wait; not steal
        (the host's other guests); not guest time, which user and nice already count.
    """
    user, nice, system, _idle, _iowait, irq, softirq = (int(v) for v in stat.splitlines()[0].split()[1:8])
    return user + nice + system + irq + softirq


def _read_busy() -> int:
    return busy_ticks(_STAT.read_text(encoding="ascii"))


def wait_for_rest(
    read: Callable[[], int] | None = None,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    ticks_per_s: float | None = None,
) -> float | None:
    """Wait until the CPUs have been nearly idle for ``WINDOW_S``.

    Args:
        read: busy ticks so far (default: this machine's, from ``/proc/stat``).
        sleep: how to wait.
        clock: seconds, monotonic.
        ticks_per_s: the ticks' rate (default: the system's ``SC_CLK_TCK``).

    Returns:
        The seconds waited, the quiet window included (so never under ``WINDOW_S``); ``None`` if
        the machine was not at rest within ``TIMEOUT_S``, or cannot tell (no ``/proc/stat``).
    """
    if read is None:
        if not _STAT.is_file():
            return None
        read = _read_busy
    rate = ticks_per_s if ticks_per_s is not None else os.sysconf("SC_CLK_TCK")
    start = then = clock()
    before = read()
    while then - start < TIMEOUT_S:
        sleep(WINDOW_S)
        now, after = clock(), read()
        # Against the window as it lasted: a busy machine oversleeps.
        if (after - before) / rate < BUSY_SHARE * (now - then):
            return now - start
        then, before = now, after
    return None
