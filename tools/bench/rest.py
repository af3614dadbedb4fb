"""Each measured visit starts with the machine at rest.

A visit begun right after the browser's launch, or right after the previous visit's answer,
shares the CPUs with what those leave running: the browser's start-up, the old page's engine
still compiling, caches being written. Its time then depends on the bench's own pacing, and not
alike for every figure (a cold visit follows a launch, a warm one an answer). So before each
navigation the bench waits until the CPUs have been nearly idle for a short window, up to a limit,
as a reader's browser is when they open a page.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["BUSY_SHARE", "TIMEOUT_S", "WINDOW_S", "busy_ticks", "wait_for_rest"]

#: The quiet window, in seconds.
WINDOW_S = 0.25
#: At rest: all CPUs together busy less than this share of one CPU over the window.
BUSY_SHARE = 0.10
#: A machine that does not come to rest by then is measured anyway (and the report says so).
TIMEOUT_S = 10.0
_STAT = Path("/proc/stat")


def busy_ticks(stat: str) -> int:
    """Clock ticks all CPUs have spent busy since boot, from the text of ``/proc/stat``.

    Args:
        stat: the file's text; its first line sums every CPU.

    Returns:
        Every tick but the idle and I/O-wait ones.
    """
    fields = [int(value) for value in stat.splitlines()[0].split()[1:]]
    return sum(fields) - fields[3] - fields[4]


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
        The seconds waited; ``None`` if the machine was not at rest within ``TIMEOUT_S``, or
        cannot tell (no ``/proc/stat``).
    """
    if read is None:
        if not _STAT.is_file():
            return None
        read = _read_busy
    rate = ticks_per_s if ticks_per_s is not None else os.sysconf("SC_CLK_TCK")
    start = clock()
    before = read()
    while clock() - start < TIMEOUT_S:
        sleep(WINDOW_S)
        after = read()
        if (after - before) / rate < BUSY_SHARE * WINDOW_S:
            return clock() - start
        before = after
    return None
