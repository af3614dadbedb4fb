"""The bench's wait for a machine at rest, on made-up CPU counters (no browser)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.bench import rest
from tools.bench.rest import BUSY_SHARE, TIMEOUT_S, WINDOW_S, busy_ticks, wait_for_rest

_STAT = "cpu  100 5 50 1000 20 0 3 0 0 0\ncpu0 50 2 25 500 10 0 1 0 0 0\nintr 1\n"


def test_busy_ticks_are_every_tick_but_idle_and_io_wait() -> None:
    assert busy_ticks(_STAT) == 100 + 5 + 50 + 3


class _Machine:
    """A clock that moves only when slept on, and busy ticks that grow by the given steps."""

    def __init__(self, steps: Iterator[int]) -> None:
        self.now = 0.0
        self.ticks = 0
        self._steps = steps

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.ticks += next(self._steps)

    def wait(self) -> float | None:
        return wait_for_rest(lambda: self.ticks, self.sleep, lambda: self.now, ticks_per_s=100)


# At 100 ticks a second, a window of 0.25 s is at rest below 2.5 ticks busy.
_QUIET = int(BUSY_SHARE * WINDOW_S * 100)
_BUSY = _QUIET + 1


@pytest.mark.parametrize(
    ("steps", "expected"),
    [
        ([_QUIET], WINDOW_S),
        ([_BUSY, _BUSY, _QUIET], 3 * WINDOW_S),
    ],
)
def test_the_wait_ends_after_the_first_quiet_window(steps: list[int], expected: float) -> None:
    assert _Machine(iter(steps)).wait() == pytest.approx(expected)


def test_a_machine_never_at_rest_is_measured_anyway_after_the_limit() -> None:
    machine = _Machine(iter(lambda: 50, None))
    assert machine.wait() is None
    assert machine.now == pytest.approx(TIMEOUT_S)


def test_without_proc_stat_the_bench_cannot_tell(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(rest, "_STAT", tmp_path / "missing")
    assert wait_for_rest() is None
