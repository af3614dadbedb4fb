"""The bench's wait for a machine at rest, on made-up CPU counters (no browser)."""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import pytest

from tools.bench import rest
from tools.bench.rest import BUSY_SHARE, TIMEOUT_S, WINDOW_S, busy_ticks, wait_for_rest

# user nice system idle iowait irq softirq steal guest guest_nice
_STAT = "cpu  100 5 50 1000 20 7 3 40 30 2\ncpu0 50 2 25 500 10 3 1 20 15 1\nintr 1\n"


def test_busy_ticks_are_this_machines_work() -> None:
    # Not idle, I/O wait or steal; guest time is inside user and nice already.
    assert busy_ticks(_STAT) == 100 + 5 + 50 + 7 + 3


def test_the_machines_own_counters_are_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    stat.write_text(_STAT, encoding="ascii")
    monkeypatch.setattr(rest, "_STAT", stat)
    assert rest._read_busy() == busy_ticks(_STAT)


class _Machine:
    """A clock that moves only when slept on, and busy ticks that grow by the given steps."""

    def __init__(self, steps: Iterator[int], oversleep: float = 1.0) -> None:
        self.now = 0.0
        self.ticks = 0
        self._steps = steps
        self._oversleep = oversleep

    def sleep(self, seconds: float) -> None:
        self.now += seconds * self._oversleep
        self.ticks += next(self._steps)

    def wait(self) -> float | None:
        return wait_for_rest(lambda: self.ticks, self.sleep, lambda: self.now, ticks_per_s=100)


# At 100 ticks a second: the most ticks a quiet window may count, and one more.
_QUIET = math.ceil(BUSY_SHARE * WINDOW_S * 100) - 1
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


def test_a_window_is_judged_as_it_lasted() -> None:
    # Too busy for the window asked for, quiet for the twice as long one the machine slept.
    assert _Machine(iter([_BUSY, _BUSY]), oversleep=2.0).wait() == pytest.approx(2 * WINDOW_S)
    assert _Machine(iter([_BUSY, _QUIET])).wait() == pytest.approx(2 * WINDOW_S)
