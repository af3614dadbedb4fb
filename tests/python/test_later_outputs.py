"""Outputs answered later: a first answer without the packages only their texts import.

The browser's engine answers before it has loaded a calculator's ``later_packages`` (the
calendar file's ``icalendar``), with those outputs ``pending``, and again once it has. Both
answers must agree on everything else, and the first must import none of those packages.
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from importlib import metadata
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import all_calculators, get_calculator, modules_of, run, run_json

LATER = [calc.name for calc in all_calculators() if calc.later_packages]


def _blocked(monkeypatch: pytest.MonkeyPatch, name: str) -> tuple[str, ...]:
    # An import of a blocked module raises ImportError, as in a worker that has not loaded it.
    later = get_calculator(name).later_packages
    for module in modules_of(later):
        monkeypatch.setitem(sys.modules, module, None)
    return later


def _both(monkeypatch: pytest.MonkeyPatch, name: str, raw: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    full = run(name, raw)
    with monkeypatch.context() as blocking:
        first = run(name, raw, without=_blocked(blocking, name))
    return first, full


def _agree(first: dict[str, Any], full: dict[str, Any], name: str) -> None:
    assert first["ok"] == full["ok"]
    if not full["ok"]:
        assert first == full
        return
    waiting = {spec.name for spec in get_calculator(name).outputs if spec.packages}
    pending = set(first.get("pending", []))
    assert pending == {key for key in waiting if full["outputs"][key] is not None}
    assert "pending" not in full
    for key, value in full["outputs"].items():
        assert first["outputs"][key] == (None if key in pending else value)


def test_the_calendar_files_are_the_later_outputs() -> None:
    assert sorted(LATER, key=lambda name: get_calculator(name).order) == LATER and set(LATER) == {"deadline", "plan"}
    for name in LATER:
        calc = get_calculator(name)
        assert calc.later_packages == ("icalendar",)
        assert "icalendar" not in calc.packages


DAYS = st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31))


@settings(max_examples=40, deadline=None)
@given(received=DAYS, after=st.integers(min_value=-3, max_value=40))
def test_a_deadline_answered_first_without_icalendar(received: date, after: int) -> None:
    raw = {"document": "payment_order", "served_on": received.isoformat()}
    raw["today"] = (received + timedelta(days=after)).isoformat()
    with pytest.MonkeyPatch.context() as monkeypatch:
        _agree(*_both(monkeypatch, "deadline", raw), "deadline")


@pytest.mark.parametrize(
    "raw",
    [
        {"today": "2026-09-29", "payment_order_on": "2026-09-28"},
        {"today": "2026-09-29", "court_papers_on": "2026-09-20", "arbitration_on": "2026-09-25"},
        {"today": "2026-09-29"},
        {"today": "2026-09-29", "payment_order_on": "2026-01-05"},
    ],
)
def test_a_plan_answered_first_without_icalendar(monkeypatch: pytest.MonkeyPatch, raw: dict[str, Any]) -> None:
    _agree(*_both(monkeypatch, "plan", raw), "plan")


def test_the_first_answer_says_what_is_pending(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = {"document": "payment_order", "served_on": "2026-09-28", "today": "2026-09-29"}
    first, full = _both(monkeypatch, "deadline", raw)
    assert first["pending"] == ["ics"] and first["outputs"]["ics"] is None
    assert full["outputs"]["ics"].startswith("BEGIN:VCALENDAR")
    # A past deadline has no file at all: nothing is pending then.
    past, _ = _both(monkeypatch, "deadline", {**raw, "today": "2026-12-01"})
    assert "pending" not in past and past["outputs"]["ics"] is None


def test_the_worker_passes_the_packages_it_lacks(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = '{"document": "payment_order", "served_on": "2026-09-28", "today": "2026-09-29"}'
    _blocked(monkeypatch, "deadline")
    assert '"pending": ["ics"]' in run_json("deadline", raw, "zh", ["icalendar"])
    with pytest.raises(ImportError):
        run_json("deadline", raw, "zh")


def test_prepare_imports_every_package_and_says_which_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    from calculators import prepare

    assert {"chinese_calendar", "icalendar"} <= set(prepare("deadline"))
    real = metadata.packages_distributions()
    gone = {module: dists for module, dists in real.items() if "icalendar" not in dists}
    monkeypatch.setattr(metadata, "packages_distributions", lambda: gone)
    with pytest.raises(ModuleNotFoundError, match="icalendar"):
        prepare("deadline")


def test_only_a_download_may_need_packages_of_its_own() -> None:
    from calculators import Output

    with pytest.raises(ValueError, match="download"):
        Output("days", "天数", "number", packages=("icalendar",))
    assert Output("ics", "文件", "download", packages=("icalendar",)).packages == ("icalendar",)
